# Ce que dit Spotlight, en français. Voir en.ftl : chaque message de en.ftl doit être ici.

## L'entretien, dans le message direct du héros

interview-question = *Question { $number } sur { $count }*
interview-current-answer =
    Votre réponse jusqu'ici : « { $answer } »
    Envoyez une nouvelle réponse pour la remplacer, ou `passer` pour la garder.
interview-kept = Réponse précédente conservée.
interview-skipped = Question passée.
interview-paused = En pause. Vos réponses sont enregistrées. Envoyez `reprendre` (ou simplement votre réponse) quand vous serez prêt.
interview-stop-question = Voulez-vous arrêter et vous désinscrire ? Rien ne sera publié et vos réponses ne seront pas utilisées. L'entretien est en pause d'ici là ; vos réponses sont conservées.
interview-button-opt-out = Me désinscrire
interview-button-keep-going = Continuer
interview-too-long = Cette réponse fait { $chars } caractères ; la limite est de { $max }. Raccourcissez-la et renvoyez-la. Rien n'a été enregistré.
interview-empty = Je n'ai pas reçu de réponse. Envoyez votre réponse, ou `passer`.
interview-nothing-before = C'est la première question ; il n'y en a pas avant.
interview-already-finished = Votre entretien est terminé. Vous verrez votre histoire et pourrez modifier vos mots avant sa publication.

## L'invitation du héros nommé

invitation =
    Bonjour { $name } ! Vous avez été proposé(e) pour *Spotlight* : vos collègues ont remarqué à quel point vous maîtrisez nos outils, et d'autres pourraient apprendre de vous.
    C'est une courte conversation ici, une question à la fois (au plus { $minutes } minutes de votre temps, pause quand vous voulez). Vos réponses deviennent une courte histoire avec vos propres mots, et rien n'est partagé avant que vous en approuviez le texte exact.
invitation-why-you = Pourquoi vous : « { $note } »
invitation-button-start = Commencer
invitation-button-later = Plus tard
invitation-button-decline = Non merci
invitation-when-ready = Appuyez sur *Commencer* (ou écrivez `commencer`) quand vous êtes prêt(e) ; rien ne presse.
invitation-reminder = Petit rappel :
invitation-later = Pas de souci. Je reviendrai vers vous dans quelques jours ; écrivez `commencer` quand vous voulez.
invitation-stop-question = Voulez-vous vous désinscrire ? Rien ne sera publié, et je ne vous le redemanderai pas.

## L'histoire du héros, publiée

story-live-channel = Votre histoire est publiée dans { $place } ! Vos collègues peuvent vous poser leurs questions dans son fil. Merci de l'avoir partagée.
story-live-chatter = Votre histoire est publiée dans { $place } ! Vos collègues peuvent la commenter là-bas. Merci de l'avoir partagée.
story-live-email = Votre histoire a été envoyée à { $place }. Merci de l'avoir partagée.

thank-you = Merci encore pour votre histoire Spotlight, { $name } ! Voici ce qu'elle a donné en { $days ->
    [one] 1 jour
   *[other] { $days } jours
    } :
thank-you-reached = • { $people ->
    [one] 1 personne a pu la lire
   *[other] { $people } personnes ont pu la lire
    } dans les canaux où elle a été publiée
thank-you-reach-unknown = • elle a été publiée là où vos collègues lisent (combien, le canal ne le dit pas)
thank-you-conversation = • { $reactions ->
    [one] 1 réaction
   *[other] { $reactions } réactions
    } et { $replies ->
    [one] 1 réponse
   *[other] { $replies } réponses
    } (questions et réponses), de { $people ->
    [one] 1 personne
   *[other] { $people } personnes
    }
thank-you-your-story = votre histoire
thank-you-thread = La conversation continue dans le fil de { $links }.
thank-you-closing = Chaque collègue qui reprend ce que vous faites a commencé par une histoire comme la vôtre.

## La conversation que lance l'histoire

reply-notice-linked =
    { $who } a répondu dans le fil de votre histoire Spotlight dans { $place } : <{ $url }|ouvrir le fil>
    Une réponse rapide compte beaucoup : c'est par leurs questions que vos collègues reprennent ce que vous faites.
reply-notice =
    { $who } a répondu dans le fil de votre histoire Spotlight dans { $place }.
    Une réponse rapide compte beaucoup : c'est par leurs questions que vos collègues reprennent ce que vous faites.
replies-notice-linked =
    { $count } réponses dans le fil de votre histoire Spotlight dans { $place }, de { $who } : <{ $url }|ouvrir le fil>
    Une réponse rapide compte beaucoup : c'est par leurs questions que vos collègues reprennent ce que vous faites.
replies-notice =
    { $count } réponses dans le fil de votre histoire Spotlight dans { $place }, de { $who }.
    Une réponse rapide compte beaucoup : c'est par leurs questions que vos collègues reprennent ce que vous faites.
reply-place-unknown = son canal
list-and = { $first } et { $last }

## Slack : ce que l'adaptateur dit lui-même

slack-set-aside = Désolé, je n'ai pas pu traiter { $what ->
    [command] votre commande
    [interaction] votre clic
   *[other] votre message
    } à cause d'une erreur (j'ai essayé { $attempts } fois). Les admins peuvent la voir dans `/spotlight status`. Merci de réessayer un peu plus tard.
slack-export-admins-only = Seuls les admins Spotlight peuvent importer des données d'usage : je n'ai donc ni lu ni gardé ce fichier. S'il doit être importé, demandez à un admin de me l'envoyer.
slack-picture-needs-words = Merci pour l'image ! Votre histoire cite vos propres mots : envoyez donc aussi votre réponse sous forme de texte (l'image seule n'est pas enregistrée comme réponse).
slack-form-not-opened = Slack ne m'a pas laissé ouvrir le formulaire à temps. Appuyez de nouveau sur le bouton.
slack-form-cancel = Annuler

## Exports d'usage : ce qui a été ignoré ou supposé, et ce qui ne va pas dans une ligne

usage-note-read-as = lu comme { $encoding }
usage-note-not-utf8 = lu comme Windows-1252 (ce n'est pas de l'UTF-8)
usage-note-separated = colonnes séparées par { $by ->
    [tabs] des tabulations
   *[other] des points-virgules, nombres lus avec une virgule décimale (1.234,5)
    }
usage-note-footer = pied de page du rapport ignoré (lignes { $first } à { $last } : { $lines })
usage-note-footer-count = le pied de page compte { $stated } enregistrements mais le fichier a { $found } lignes de données : vérifiez que l'export est complet
usage-line = ligne { $line } : { $problem }
usage-header-unreadable = la ligne d'en-tête est illisible : { $error }
usage-no-such-column = il n'y a pas de colonne « { $name } » ; les colonnes sont : { $columns }
usage-no-user-column = aucune colonne d'utilisateur trouvée (cherché : e-mail, utilisateur, propriétaire ou nom complet, aussi sous la forme Owner: Email) ; indiquez-la avec --user-column ; les colonnes sont : { $columns }
usage-no-metric = aucune colonne d'activité chiffrée trouvée ; indiquez-les avec --metric
usage-line-unreadable = illisible : { $error }
usage-empty-user = l'utilisateur ({ $column }) est vide
usage-not-a-number = { $column } vaut « { $value } », ce n'est pas un nombre
usage-empty-period = la période ({ $column }) est vide
usage-not-a-period = { $column } vaut « { $value } », ce n'est ni une date, ni une semaine, ni un mois, ni un trimestre (par exemple 2026-10-05, 10/5/2026, Sep 7, 2026, Oct 2026, 2026-W40, 2026-Q3)
usage-dates-ambiguous = les dates de { $column } se lisent aussi bien mois/jour que jour/mois (« { $example } » en fait partie) : précisez l'ordre avec --date-order mdy (mois/jour/année, comme aux États-Unis) ou --date-order dmy (jour/mois/année)
usage-dates-mixed = les dates de { $column } mélangent mois/jour (« { $month-first } », ligne { $month-line }) et jour/mois (« { $day-first } », ligne { $day-line }) : corrigez le fichier pour qu'il n'utilise qu'un seul ordre

## Imports d'usage : ce qu'on dit à l'admin qui en envoie ou en lance un

import-done = *{ $file }* importé : { $figures ->
    [one] { $figures } chiffre
   *[other] { $figures } chiffres
    } pour { $people ->
    [one] { $people } personne
   *[other] { $people } personnes
    } sur { $periods ->
    [one] { $periods } période
   *[other] { $periods } périodes
    } (indicateurs : { $metrics }). { $matched ->
    [0] Aucune n'a été associée
    [one] { $matched } a été associée
   *[other] { $matched } ont été associées
    } à un utilisateur Slack.
import-note = Remarque : { $note }
import-unmatched = Non associées à un utilisateur Slack ({ $count } ; leurs chiffres sont gardés et affichés par nom) : { $people }
import-not-looked-up = { $count ->
    [one] { $count } de ces adresses e-mail n'a pas pu être recherchée
   *[other] { $count } de ces adresses e-mail n'ont pas pu être recherchées
    } dans Slack (échec, ou plus de { $seconds } s au total) ; renvoyez le fichier plus tard pour les associer.
import-next = Voyez `/spotlight candidates` pour savoir qui mettre en avant ensuite.
import-not-read = Je n'ai pas pu lire *{ $file }*, rien n'a donc été importé : { $why }
import-refused = *{ $file }* n'a pas été importé (rien n'a été modifié), parce que :
import-refused-fix = Corrigez ces lignes et renvoyez le fichier. Si une ligne demande un réglage (`--date-order`, `--user-column`, `--metric`), lancez `/spotlight import` avec ce réglage (`/spotlight import --date-order dmy`), puis envoyez le fichier.
import-usage-done = { $figures ->
    [one] { $figures } chiffre importé
   *[other] { $figures } chiffres importés
    } pour { $people ->
    [one] { $people } personne
   *[other] { $people } personnes
    } sur { $periods ->
    [one] { $periods } période
   *[other] { $periods } périodes
    } (indicateurs : { $metrics })
import-usage-note = remarque : { $note }
import-usage-unmatched = { $count ->
    [one] { $count } personne n'a pas pu être associée
   *[other] { $count } personnes n'ont pas pu être associées
    } à un utilisateur Slack ; leurs chiffres sont gardés et affichés par nom : { $people }
import-usage-refused = { $file } n'a pas été importé (rien n'a été modifié), parce que :
import-usage-no-token = (définissez SLACK_BOT_TOKEN pour associer les adresses e-mail aux utilisateurs Slack)

## Fichiers partagés avec le bot : pourquoi l'un d'eux n'a pas pu être lu

file-refused = Slack a refusé de me le montrer ({ $code }). Si le code est `missing_scope`, réinstallez l'application pour qu'elle ait la permission `files:read`.
file-no-address = Slack n'a donné aucune adresse pour le télécharger (est-ce un fichier hébergé ailleurs ?). Envoyez le fichier lui-même.
file-too-slow = le téléchargement a pris plus de { $seconds } s. Renvoyez-le un peu plus tard.
file-too-large = il dépasse { $mib } Mio. Découpez-le (quelques mois à la fois) et envoyez les morceaux.
file-download-refused = Slack a refusé le téléchargement (HTTP { $status }{ $sign-in ->
    [yes] , une page de connexion
   *[other] {""}
    }). Réinstallez l'application pour qu'elle ait la permission `files:read`, puis renvoyez le fichier.

## Les dates, telles qu'on les lit

date-long = { $day ->
    [1] 1er
   *[other] { $day }
    } { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
    } { $year }

## Le récapitulatif (`spotlight digest`) : lu par tout l'espace de travail, dans sa langue

digest-title = Histoires Spotlight { $dates }
digest-date-range = du { $first } au { $last }
digest-byline = { $hero }, publiée{ $where ->
    [none] {""}
   *[other] {" "}dans { $channels }
    } le { $date }
digest-empty = Aucune histoire n'a été publiée { $period }.
digest-period-last = { $unit ->
    [days] { $n ->
        [one] au cours du dernier jour
       *[other] au cours des { $n } derniers jours
        }
    [hours] { $n ->
        [one] au cours de la dernière heure
       *[other] au cours des { $n } dernières heures
        }
   *[other] au cours des dernières { $span }
    }
digest-period-up-to = { $unit ->
    [days] { $n ->
        [one] pendant le jour précédant le { $last }
       *[other] pendant les { $n } jours précédant le { $last }
        }
    [hours] { $n ->
        [one] pendant l'heure précédant le { $last }
       *[other] pendant les { $n } heures précédant le { $last }
        }
   *[other] pendant les { $span } précédant le { $last }
    }
digest-period-between = entre le { $first } et le { $last }

## Les histoires par e-mail : dans la langue des lecteurs (celle de l'espace de travail)

email-subject = Une histoire Spotlight : { $hero }

## L'affiche (`spotlight poster`) : lue par tous, dans la langue de l'espace de travail

poster-ask = Demandez à { $hero } comment
poster-posted = { $shape ->
    [both] Publiée dans { $channels } le { $date }
    [channels] Publiée dans { $channels }
    [date] { $date }
   *[none] {""}
    }
poster-qr = QR code vers le fil de l'histoire dans Slack
poster-scan = Scannez pour poser votre question à { $hero } dans le fil

## Destinations : ce qu'un admin peut faire quand l'une d'elles refuse une histoire (ou ne peut pas être ajoutée)

fix-slack-not-in-channel = le bot n'est pas membre de <#{ $channel }> : invitez-le avec `/invite @Spotlight` dans le canal
fix-slack-channel-not-found = <#{ $channel }> est introuvable (supprimé, ou privé sans le bot) : vérifiez-le et invitez le bot
fix-slack-archived = <#{ $channel }> est archivé : désarchivez-le, ou mettez-le en pause avec `/spotlight pause <#{ $channel }>`
fix-slack-token = Slack a refusé le jeton du bot : réinstallez l'application et mettez à jour SLACK_BOT_TOKEN
fix-slack-restricted = la publication dans <#{ $channel }> est restreinte : autorisez l'application à y publier
fix-chatter-group-not-found = le groupe Chatter { $group } est introuvable, ou l'utilisateur « Exécuter en tant que » de Spotlight ne le voit pas : vérifiez l'ID du groupe et ajoutez-y cet utilisateur
fix-chatter-no-access = l'utilisateur « Exécuter en tant que » de Spotlight n'a pas le droit de publier dans le groupe Chatter { $group } : ajoutez-le au groupe comme membre
fix-chatter-private = « { $name } » ({ $group }) est un groupe Chatter privé dont l'utilisateur « Exécuter en tant que » de Spotlight n'est pas membre : ajoutez-le au groupe
fix-chatter-api-disabled = Salesforce a refusé l'API Chatter : vérifiez que Chatter est activé et que l'utilisateur « Exécuter en tant que » a l'autorisation « API activée »
fix-chatter-session = Salesforce a refusé le nouveau jeton d'accès de Spotlight : vérifiez que l'utilisateur « Exécuter en tant que » de l'application connectée est actif et a l'autorisation « API activée »
fix-chatter-sign-in = Salesforce a refusé la connexion de Spotlight{ $said ->
    [yes] {" "}({ $error })
   *[other] {""}
    } : vérifiez que SPOTLIGHT_SALESFORCE_CLIENT_ID et SPOTLIGHT_SALESFORCE_CLIENT_SECRET sont la clé et le secret client de l'application connectée, et que le flux « client credentials » y est activé avec un utilisateur « Exécuter en tant que »
fix-chatter-redirected = Salesforce a redirigé la connexion à { $url } : définissez SPOTLIGHT_SALESFORCE_URL avec l'adresse My Domain de l'organisation (par exemple https://acme.my.salesforce.com)
fix-not-set-up = { $kind ->
    [chatter] Chatter n'est pas configuré : définissez SPOTLIGHT_SALESFORCE_URL, SPOTLIGHT_SALESFORCE_CLIENT_ID et SPOTLIGHT_SALESFORCE_CLIENT_SECRET (README : « Salesforce Chatter ») puis redémarrez Spotlight
    [email] l'e-mail n'est pas configuré : définissez SPOTLIGHT_SMTP_HOST et SPOTLIGHT_EMAIL_FROM (README : « Email ») puis redémarrez Spotlight
   *[other] cette destination n'est pas configurée
    }
fix-email-bad-address = « { $address } » n'est pas une adresse e-mail à laquelle Spotlight peut écrire ({ $error })
fix-email-bad-destination = « { $address } » n'est pas une adresse e-mail à laquelle Spotlight peut écrire ({ $error }) : supprimez cette destination et ajoutez-la de nouveau avec une adresse valide
fix-email-no-noop = le serveur de messagerie { $server } a accepté la connexion mais n'a pas répondu à un NOOP : vérifiez que SPOTLIGHT_SMTP_HOST et SPOTLIGHT_SMTP_PORT désignent un serveur SMTP
fix-email-no-starttls = le serveur de messagerie { $server } ne propose pas STARTTLS : définissez SPOTLIGHT_SMTP_TLS=tls s'il attend TLS dès le départ (en général sur le port 465), ou faites pointer SPOTLIGHT_SMTP_HOST et SPOTLIGHT_SMTP_PORT vers un serveur qui propose STARTTLS
fix-email-no-smtputf8 = le serveur de messagerie { $server } n'accepte pas les adresses avec des caractères non ASCII (SMTPUTF8) : utilisez une adresse ASCII pour { $address }
fix-email-no-8bitmime = le serveur de messagerie { $server } n'accepte pas les messages 8 bits (8BITMIME)
fix-email-sign-in-refused = le serveur de messagerie { $server } a refusé la connexion de Spotlight ({ $error }) : vérifiez SPOTLIGHT_SMTP_USER et SPOTLIGHT_SMTP_PASSWORD
fix-email-sign-in-required = le serveur de messagerie { $server } exige une connexion ({ $error }) : définissez SPOTLIGHT_SMTP_USER et SPOTLIGHT_SMTP_PASSWORD
fix-email-encryption-required = le serveur de messagerie { $server } exige d'abord le chiffrement ou une connexion ({ $error }) : vérifiez SPOTLIGHT_SMTP_TLS, SPOTLIGHT_SMTP_USER et SPOTLIGHT_SMTP_PASSWORD
fix-email-sender-refused = le serveur de messagerie { $server } a refusé l'expéditeur { $sender } ({ $error }) : donnez à SPOTLIGHT_EMAIL_FROM une adresse au nom de laquelle le compte de Spotlight peut envoyer
fix-email-recipient-refused = le serveur de messagerie { $server } a refusé de livrer à { $address } ({ $error }) : vérifiez l'adresse, ou demandez à l'administrateur de la messagerie d'autoriser { $sender } à y écrire
fix-email-too-large = le serveur de messagerie { $server } a refusé l'e-mail pour { $address }, trop volumineux ({ $error }) : demandez à l'administrateur de la messagerie de relever la limite
fix-email-content-refused = le serveur de messagerie { $server } a refusé l'e-mail pour { $address } ({ $error }) : demandez la raison à l'administrateur de la messagerie (un filtre antispam ou une règle ?)
fix-email-refused = le serveur de messagerie { $server } a refusé Spotlight ({ $error }) : vérifiez les réglages SPOTLIGHT_SMTP_, ou demandez à l'administrateur de la messagerie
fix-email-tls = la négociation TLS avec le serveur de messagerie { $server } a échoué ({ $error }) : vérifiez SPOTLIGHT_SMTP_TLS (starttls pour le port 587, tls pour le port 465) et, pour un relais avec une autorité de certification privée, SPOTLIGHT_SMTP_CA_FILE
fix-email-connect = impossible de se connecter au serveur de messagerie { $server } ({ $error }) : vérifiez SPOTLIGHT_SMTP_HOST et SPOTLIGHT_SMTP_PORT, et que le serveur fonctionne
fix-email-no-sign-in-mechanism = le serveur de messagerie { $server } ne propose aucune méthode de connexion utilisable par Spotlight (PLAIN ou LOGIN) ({ $error }) : vérifiez SPOTLIGHT_SMTP_TLS (beaucoup de serveurs ne proposent la connexion qu'en TLS), ou supprimez SPOTLIGHT_SMTP_USER et SPOTLIGHT_SMTP_PASSWORD pour un relais qui n'en demande pas
fix-email-unbuildable = impossible de composer l'e-mail pour { $address } ({ $error })

## Le rapport de résultats (`/spotlight report`, `spotlight report`)

report-no-number = n.d.
report-none = aucune
report-combined = Combiné (normalisé)
report-audience-too-soon = { $group } : pas encore assez de données (aucune période entièrement { $missing ->
    [before] avant
   *[after] après
    } la publication{ $during })
report-audience-no-activity = { $group } : aucune activité enregistrée
report-audience = { $group } : { $before } avant ({ $periods-before ->
    [one] { $periods-before } période
   *[other] { $periods-before } périodes
    }) → { $after } après ({ $periods-after ->
    [one] { $periods-after } période
   *[other] { $periods-after } périodes
    }), { $change }{ $others }{ $during }
report-during = , période de publication { $period } à part
report-others = {" "}; groupes sans histoire { $change }, différence { $difference }
report-no-others = {" "}; aucun groupe sans histoire pour comparer
report-no-audience = aucun public associé à ses canaux
report-too-soon = pas encore assez de données
report-caveat = Les périodes de chaque public sont séparées par la publication de l'histoire : la moyenne des dernières périodes entièrement avant, la période qui la contient (à part, comptée d'aucun côté) et la moyenne de celles entièrement après ; à côté, la même évolution pour les groupes qui n'avaient pas d'histoire à ce moment-là. Combiné = chaque indicateur par personne divisé par sa moyenne sur tout le monde, puis moyenné (1.00 = une personne moyenne). Cela montre une évolution, pas sa cause.
report-table-head = | Histoire | Héros | Titre | Publiée | Canaux | Membres | Réactions | Réponses | Personnes | Public, combiné par personne |
report-audience-heading = Histoire { $story }, { $group }
report-audience-periods = Entièrement avant (au plus les { $baseline } dernières) : { $before }. Contenant la publication ({ $published }), à part : { $during }. Entièrement après : { $after-count } ({ $after }). Comparé aux groupes sans histoire à ce moment-là : { $others }.
report-measures-head = | Par personne | Avant | Période de publication | Après | Évolution | Évolution des autres | Différence |
report-story-line = • Histoire { $story } ({ $hero }), { $date } : « { $headline } » dans { $channels }{ $reached ->
    [yes] {" "}(portée { $reach })
   *[other] {""}
    } : { $reactions ->
    [one] { $reactions } réaction
   *[other] { $reactions } réactions
    }, { $replies ->
    [one] { $replies } réponse
   *[other] { $replies } réponses
    }, { $people ->
    [one] { $people } personne
   *[other] { $people } personnes
    } ; { $audiences }

## Le graphique d'adoption (une image : ses mots, son titre et son texte alternatif)

chart-caption = Adoption par groupe : activité par personne, base de chaque groupe = 100
chart-axis = indice (base = 100 ; indicateurs normalisés, puis combinés)
chart-story = histoire { $story }, { $date } (sa période en gris)
chart-no-data = il n'y a pas de données d'usage par groupe dans le temps à représenter : importez un export avec une colonne de groupe (équipe, région, rôle) et une colonne de période (une date, une semaine, un mois ou un trimestre) avec `spotlight import-usage FICHIER.csv`
chart-file-title = Adoption par groupe (base de chaque groupe = 100)
chart-alt = Graphique d'adoption : l'activité par personne de chaque groupe, en indice de sa propre base (100), dans le temps, chaque histoire marquée à sa publication

## Le parcours : pourquoi une action sur une histoire a été refusée

pipeline-refusal = Désolé, { $reason }.
pipeline-only-hero = seul le héros de cette histoire peut { $act }
pipeline-only-admin = seul un admin Spotlight peut { $act } ; demandez à un admin, ou proposez un collègue avec `/spotlight suggest @nom`
pipeline-no-dropping = une histoire ne peut pas être abandonnée : chaque héros qui approuve son histoire est publié, à son tour. Seul le héros peut se désinscrire
pipeline-wrong-stage = cette histoire est à l'étape « { $stage } », elle ne peut donc pas { $act } maintenant
pipeline-stage = { $stage ->
    [nominated] proposée
    [invited] invitation envoyée
    [interviewing] entretien en cours
    [answered] entretien terminé
    [drafted] brouillon prêt
    [awaiting_approval] en attente d'approbation
    [changes_requested] modifications demandées
    [edit_awaiting_review] modifiée, en attente de relecture
    [approved] approuvée
    [queued] en file d'attente
    [published] publiée
   *[opted_out] retirée
    }
pipeline-act-opt-out = s'en désinscrire
pipeline-act-answer = répondre à cet entretien
pipeline-act-change-words = changer les mots de son histoire
pipeline-act-ask-for-changes = demander des modifications
pipeline-act-approve-own = approuver son histoire
pipeline-act-nominate = proposer quelqu'un
pipeline-act-review-drafts = relire les brouillons
pipeline-act-approve-drafts = approuver les brouillons
pipeline-act-review-edit = relire la modification d'un héros
pipeline-act-finish-interview = terminer l'entretien
pipeline-act-be-drafted = être rédigée
pipeline-act-be-queued = être mise en file d'attente
pipeline-act-be-published = être publiée
pipeline-act-be-withdrawn = être retirée
pipeline-act-be-invited-again = être envoyée de nouveau en invitation
pipeline-act-start-interview = commencer un entretien
pipeline-act-be-revised-while-reviewed = être révisée pendant que le héros la relit
pipeline-act-be-revised = être révisée
pipeline-act-be-sent = être envoyée au héros
pipeline-act-be-edited = être modifiée
pipeline-act-take-change-request = recevoir une demande de modification
pipeline-act-be-approved = être approuvée
pipeline-act-have-edit-reviewed = faire relire une modification

## Les destinations, telles que les admins les saisissent et que les nomment les documents lus hors de Slack

destination-chatter-group = { $named ->
    [yes] le groupe Chatter « { $name } »
   *[other] le groupe Chatter { $group }
    }
destination-unknown = « { $typed } » n'est pas une destination : indiquez un canal comme #wins, un groupe Chatter comme chatter:0F9… ou une adresse e-mail comme news@acme.com
destination-not-chatter = « { $typed } » n'est pas un ID de groupe Chatter : il commence par 0F9 et compte 15 ou 18 lettres et chiffres (ouvrez le groupe dans Salesforce ; l'ID est dans la barre d'adresse)
destination-not-email = « { $typed } » n'est pas une adresse e-mail

## Périodes d'usage : l'ordre des dates saisi par un admin

period-bad-date-order = l'ordre des dates est « { $typed } » : indiquez mdy (mois/jour/année, comme aux États-Unis) ou dmy (jour/mois/année)
