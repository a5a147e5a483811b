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

## La carte d'approbation du héros, dans son message direct

approval-lead-ready = Votre histoire est prête : à vous de la relire.
approval-lead-waiting = Votre histoire vous attend.
approval-lead-reminder = Petit rappel : votre histoire attend votre approbation.
approval-lead-updated = Mise à jour avec vos mots.
approval-lead-no-change = Aucune modification.
approval-lead-older = C'était une ancienne version de votre histoire ; voici la version actuelle.
approval-lead-older-check = C'était une ancienne version de votre histoire ; voici la version actuelle. Relisez-la avant de l'approuver.
approval-lead-changed-meanwhile = Votre histoire a changé pendant que vous la modifiiez ; voici la version actuelle. Rien n'a été modifié.
approval-lead-answer-edited = Vous avez modifié une réponse : voici l'histoire mise à jour.
approval-lead-opt-out-below = Voulez-vous vous désinscrire ? Appuyez sur *Me désinscrire* ci-dessous : rien ne sera publié. Aucune modification.
approval-lead-too-long = Votre histoire fait { $chars } caractères, et une publication en contient au plus { $max } : raccourcissez l'une de vos réponses avec *Modifier*, puis approuvez-la.
approval-lead-edit-returned = Les administrateurs ont relu vos modifications et vous les renvoient avec une note : « { $note } »
approval-lead-picture-back = L'image { $n } accompagne de nouveau votre histoire.
approval-lead-picture-out = L'image { $n } est retirée de votre histoire.
approval-here = Voici votre histoire, exactement telle qu'elle sera publiée :
approval-here-to = Voici votre histoire, exactement telle qu'elle sera publiée dans { $places } :
approval-closing = Approuvez-la, modifiez vos mots, demandez des changements ou désinscrivez-vous. Rien n'est publié sans votre approbation.
approval-pictures = *Les images envoyées avec vos réponses* (elles accompagnent l'histoire, sauf si vous les retirez) :
approval-picture = { $n }. { $title } ({ $state ->
    [shown] accompagne l'histoire
    [left-out] retirée
   *[too-many] non affichée : une histoire montre au plus six images
    })
approval-button-approve = Approuver
approval-button-edit = Modifier
approval-button-changes = Demander des changements
approval-button-leave-out = Retirer l'image { $n }
approval-button-put-back = Remettre l'image { $n }
part-headline = Titre
part-habit = L'habitude
part-payoff = Ce que ça apporte
part-start = Comment tout a commencé
part-takeaway = À retenir
part-quote = Citation

## Le héros modifie son histoire, dans son message direct et ses formulaires

edit-pick = Quelle partie voulez-vous reformuler ?
edit-pick-cancel = Annuler
edit-pick-with-buttons = Choisissez ce que vous voulez changer avec les boutons ci-dessus, ou écrivez `annuler`.
edit-current-wording =
    Formulation actuelle : « { $current } »
    Envoyez la nouvelle formulation en un seul message ; elle remplacera celle-ci mot pour mot. (`annuler` pour la garder.)
edit-empty = Envoyez la nouvelle formulation dans un message, ou `annuler`.
edit-headline-too-long = Un titre tient sur une ligne d'au plus { $max } caractères. Envoyez-en un plus court, ou `annuler`.
edit-too-long = Ce texte fait { $chars } caractères ; la limite est de { $max }. Raccourcissez-le et renvoyez-le. Rien n'a été modifié.
edit-part-unknown = Cette partie ne figure pas dans votre histoire.
edited-answer-refused = Votre réponse modifiée fait { $chars } caractères ; une réponse en compte de 1 à { $max }. J'ai gardé la version précédente.
edited-after-approval = J'ai enregistré votre modification, mais votre histoire était déjà approuvée : le texte publié reste celui que vous avez approuvé.
edited-during-review = J'ai enregistré votre modification. Les administrateurs relisent le texte que vous avez approuvé, donc votre histoire reste telle quelle pour l'instant ; s'ils vous la renvoient, appuyez sur *Modifier* pour utiliser vos nouveaux mots.
changes-ask = Que voulez-vous changer ? Envoyez-le en un seul message ; il sera transmis aux administrateurs tel que vous l'écrivez. (`annuler` pour revenir en arrière.)
changes-sent = Merci, j'ai transmis votre note aux administrateurs. Vous recevrez l'histoire mise à jour pour l'approuver.
changes-empty = Votre note était vide : rien n'a été envoyé.
hero-approved = Merci, votre histoire est approuvée ! { $where } Je vous préviendrai dès qu'elle sera publiée.
approved-with-edits = Merci, vous avez approuvé votre histoire avec vos modifications ! Vous l'avez modifiée après la relecture des administrateurs : ils vont d'abord regarder ce qui a changé, puis elle rejoindra la file d'attente exactement telle que vous l'avez approuvée. Je vous tiendrai au courant.
edit-accepted = Les administrateurs ont accepté vos modifications : votre histoire est approuvée exactement telle que vous l'avez approuvée. { $where } Je vous préviendrai dès qu'elle sera publiée.
approved-queued = Elle est dans la file d'attente de { $places }.
approved-no-destination = Elle sera publiée dès que les administrateurs auront configuré un canal.
opted-out = C'est noté : vous êtes désinscrit(e), et rien ne sera publié. Merci pour votre temps !
pictures-fixed = Votre histoire est désormais à l'étape « { $stage } » : les images qui l'accompagnent ne peuvent plus changer.
interview-done = Merci ! Votre entretien est terminé et votre histoire est à l'étape « { $stage-name } » ; { $stage ->
    [nominated] elle attend que vous commenciez l'entretien
    [invited] elle attend que vous commenciez l'entretien
    [interviewing] elle attend vos réponses
    [answered] elle attend qu'un administrateur relise le brouillon
    [drafted] elle attend qu'un administrateur relise le brouillon
    [awaiting_approval] elle attend votre approbation
    [changes_requested] elle attend qu'un administrateur applique les changements que vous avez demandés
    [edit_awaiting_review] elle attend qu'un administrateur relise vos modifications
    [approved] elle attend son tour dans le calendrier de publication
    [queued] elle attend son tour dans le calendrier de publication
   *[other] plus rien ne l'attend
    }.
interview-reminder = Petit rappel : votre entretien Spotlight en est à la question { $number } sur { $count }. Envoyez `reprendre` (ou simplement votre réponse) quand vous aurez quelques minutes.
hello-no-story = Bonjour ! Je suis Spotlight : j'interviewe les utilisateurs avancés et je partage leurs réussites. Vous n'avez pas d'entretien avec moi en ce moment. `/spotlight help` montre ce que je sais faire.

## Les formulaires (fenêtres Slack), dans la langue de qui les ouvre

form-cancel = Annuler
form-save = Enregistrer
form-older-version = C'est une ancienne version de votre histoire ; utilisez les boutons du message le plus récent.
form-none = Ce bouton n'ouvre pas de formulaire.
form-unknown = Ce formulaire n'est plus valable.
changes-form-title = Demander un changement
changes-form-intro = Dites aux administrateurs ce que vous voulez changer. Ils réviseront l'histoire et vous la renverront.
changes-form-submit = Envoyer
changes-form-comment = Que faut-il changer ?
edit-form-title = Modifier votre histoire
edit-form-intro = Modifiez les mots que vous voulez. Ce que vous écrivez ici remplace la citation mot pour mot, et vous reverrez toute l'histoire avant de l'approuver.
edit-form-headline-too-long = Un titre tient sur une ligne d'au plus { $max } caractères. Rien n'a été modifié.
edit-form-quote-length = Chaque citation compte de 1 à { $max } caractères. Rien n'a été modifié.
review-form-title = Relire l'histoire { $id }
review-form-intro = Choisissez les réponses à citer et proposez un titre. Les mots du héros ne peuvent pas être modifiés ici ; le héros voit le résultat et l'approuve.
review-form-quotes = Citer ces réponses
return-form-title = Renvoyer la modification
return-form-intro = { $name } verra votre note avec son histoire, et pourra la reformuler, l'approuver telle quelle, demander des changements ou se désinscrire. Ses mots restent les siens.
return-form-note = Que doit-il ou elle revoir ?

## Les cartes de relecture des administrateurs, dans le message direct de chacun

review-card-title = *Histoire { $id }* de { $hero } ({ $stage })
review-card-checks = *Vérifications*
review-card-answers = *Réponses* (choisissez avec `/spotlight quotes { $id } 1,2,…`)
review-card-answer = { $mark } { $n }. { $key } : « { $text } »
review-card-no-answers = (aucune réponse : le héros a passé toutes les questions)
review-card-change-request = *{ $hero } a demandé des changements :* « { $request } »
review-card-button-approve = Approuver et envoyer au héros
review-card-button-review = Choisir citations et titre
review-how = Choisissez les citations avec `/spotlight quotes { $id } 1,2,…` et proposez un titre avec `/spotlight headline { $id } <texte>`.
check-quote-share = les citations font { $share } % du corps (objectif ≥ { $target } %)
check-words = { $words } mots (objectif : moins de { $target })
check-takeaway = à retenir : présent
check-takeaway-missing = à retenir : absent (le héros l'a passé ou il n'est pas cité)
check-headline = titre : présent
check-headline-missing = titre : absent (proposez-en un avec `/spotlight headline`)
check-no-admin = aucun administrateur nommé
check-admin-named = nomme un administrateur ({ $names }) : retirez cette citation ou demandez au héros de la modifier
edit-review-title = *Histoire { $id }* de { $hero } : les modifications du héros au texte que vous avez envoyé, mot par mot (retiré [-comme ceci-], ajouté {"{"}+comme ceci+{"}"}) :
edit-review-spacing-only = Seuls des retours à la ligne ou des espaces ont changé.
edit-review-approved = *Le texte approuvé par { $hero }*
edit-review-closing = Acceptez-le et il rejoint la file d'attente tel quel, ou renvoyez-le avec une note.
edit-review-button-accept = Accepter
edit-review-button-return = Renvoyer
edit-return-ask-note = Que doit revoir le héros ? Envoyez un seul message ; il lui sera transmis tel que vous l'écrivez, avec son histoire. (`annuler` pour laisser la modification en attente.)
edit-return-empty = Envoyez une note pour le héros (ce qu'il faut revoir), ou `annuler`.
edit-return-cancelled = Rien n'a été envoyé ; la modification attend toujours d'être relue. `/spotlight drafts` l'affiche.
edit-older = C'est une ancienne modification de cette histoire. `/spotlight drafts` affiche celle qui attend.
admins-interview-finished = { $hero } a terminé son entretien. Voici le brouillon à relire :
admins-interview-finished-short = { $hero } a terminé son entretien. Le temps prévu ({ $minutes } minutes) était presque écoulé : les questions non essentielles ont été sautées. Voici le brouillon à relire :
admins-changes-requested = { $hero } a demandé des changements à l'histoire { $id }.
admins-approved-with-edits = { $hero } a approuvé l'histoire { $id } avec ses propres modifications. Relisez-les avant qu'elle ne rejoigne la file d'attente.
admins-reminder-draft = Rappel : le brouillon de l'histoire de { $hero } attend une relecture depuis { $waited }. Chaque entretien finit par être publié : merci de le relire.
admins-reminder-changes = Rappel : { $hero } a demandé des changements il y a { $waited } et attend l'histoire révisée.
admins-reminder-edit = Rappel : { $hero } a approuvé son histoire avec ses propres modifications il y a { $waited } ; elle rejoindra la file d'attente dès que vous les accepterez.
admins-hero-approved = { $hero } a approuvé l'histoire { $id }. { $where }
admins-edit-accepted = { $admin } a accepté la modification de { $hero } sur l'histoire { $id }. { $where }
admins-edit-returned = { $admin } a renvoyé à { $hero } sa modification de l'histoire { $id } avec une note : « { $note } »
admins-opted-out = { $hero } s'est désinscrit(e) de l'histoire { $id }.
button-unknown = Ce bouton n'est plus valable. `/spotlight status` montre où en sont les choses.
forget-cancelled = Rien n'a été supprimé : Spotlight garde tout tel quel.
forget-confirm-title = Oublier définitivement ?
forget-confirm-text = Tout ce que Spotlight détient sur cette personne est supprimé, et ses publications effacées. C'est irréversible.
forget-confirm-yes = Oublier
forget-confirm-no = Annuler
chart-title = Adoption par groupe (référence de chaque groupe = 100)
chart-alt = Graphique d'adoption : l'activité par personne de chaque groupe, en indice de sa propre référence (100), au fil du temps, avec chaque histoire marquée à sa date de publication

## La publication, racontée aux administrateurs

publish-paused = { $place } est en pause : faites d'abord `/spotlight resume { $arg }`.
publish-nothing-waiting = Rien n'attend d'être publié. `/spotlight queue` affiche la file d'attente.
publish-posted = Publié : { $posts }.
publish-posted-one = histoire { $id } dans { $place }
publish-not-posted = L'histoire { $id } n'a pas été publiée dans { $place } : { $problem }
publish-blocked = { $service } l'a refusée : { $detail }. Les publications y sont suspendues d'ici là ; rien n'est perdu.
publish-refused = { $service } l'a refusée ({ $detail }). Elle reste dans la file d'attente.
publish-uncertain = { $service } n'a pas donné de réponse claire ({ $detail }). Je vérifierai si elle est arrivée avant de réessayer.
admins-posting-works = La publication dans { $place } fonctionne de nouveau.
admins-destination-blocked = Je ne peux pas publier dans { $place } : { $fix }. Ses histoires gardent leur place dans la file d'attente ; je réessaierai toutes les { $minutes } minutes, ou tout de suite après `/spotlight resume { $arg }`.
admins-scheduled-post-refused = { $service } a refusé l'histoire { $id } pour { $place } ({ $code }). Elle reste dans la file d'attente pour la prochaine fois.
service = { $kind ->
    [slack_channel] Slack
    [chatter] Salesforce
   *[email] Le serveur de messagerie
    }
place-chatter-named = le groupe Chatter « { $name } »
place-chatter = le groupe Chatter { $id }

## Mots communs à plusieurs messages

stage = { $stage ->
    [nominated] proposée
    [invited] invitation envoyée
    [interviewing] entretien en cours
    [answered] entretien terminé
    [drafted] brouillon
    [awaiting_approval] en attente d'approbation
    [changes_requested] changements demandés
    [edit_awaiting_review] modifiée, en attente de relecture
    [approved] approuvée
    [queued] en file d'attente
    [published] publiée
   *[opted_out] désinscription
    }
waited = { $unit ->
    [days] { $n } j
    [hours] { $n } h
   *[minutes] { $n } min
    }
picture-alt = Une image partagée par { $hero } avec son histoire : { $title }
refused-only-hero = Désolé, seul le héros de cette histoire peut { $what }.
refused-only-admin = Désolé, seul un administrateur Spotlight peut { $what } ; demandez à un administrateur, ou suggérez un collègue avec `/spotlight suggest @nom`.
refused-no-dropping = Désolé, une histoire ne peut pas être abandonnée : chaque héros qui approuve son histoire est publié, à son tour. Seul le héros peut se désinscrire.
refused-wrong-stage = Désolé, cette histoire est à l'étape « { $stage } » : elle ne peut pas { $what } pour l'instant.
doing = { $what ->
    [answer-interview] répondre à cet entretien
    [approve-drafts] approuver les brouillons
    [approve-story] approuver son histoire
    [ask-changes] demander des changements
    [be-approved] être approuvée
    [be-drafted] être rédigée
    [be-edited] être modifiée
    [be-invited-again] être invitée de nouveau
    [be-published] être publiée
    [be-queued] entrer dans la file d'attente
    [be-revised] être révisée
    [be-revised-during-review] être révisée pendant que le héros la relit
    [be-sent-to-hero] être envoyée au héros
    [be-withdrawn] être retirée
    [change-words] changer les mots de son histoire
    [finish-interview] terminer l'entretien
    [have-edit-reviewed] faire relire une modification
    [nominate] proposer quelqu'un
    [opt-out] s'en désinscrire
    [review-edit] relire la modification d'un héros
    [review-drafts] relire les brouillons
    [start-interview] commencer un entretien
   *[take-change-request] recevoir une demande de changement
    }
story-none = Il n'y a pas d'histoire { $id }. `/spotlight status` les liste.
story-none-of = { $hero } n'a pas d'histoire. Proposez cette personne avec `/spotlight nominate { $hero }`.

## Les pages de l'installation OAuth, dans le navigateur de la personne qui installe Spotlight

install-done-title = Spotlight est installé
install-done = Spotlight est désormais installé dans { $workspace }.
install-done-next = Ensuite : invitez @Spotlight dans les canaux où paraîtront les histoires (/invite @Spotlight dans le canal), puis essayez /spotlight help.
install-cancelled-title = Installation annulée
install-cancelled = Vous avez annulé l'installation sur la page de Slack : Spotlight n'a pas été installé.
install-start-again = Pour l'installer, recommencez depuis { $url }.
install-bad-link-title = Ce lien d'installation n'est pas valable
install-bad-link = { $why } : rien n'a donc été installé.
install-why-no-state = Le lien ne porte pas d'état (state)
install-why-other-browser = Cette installation n'a pas été commencée dans ce navigateur (ou son cookie a été bloqué)
install-why-expired = L'installation a été commencée il y a plus de 10 minutes
install-why-used = Ce lien d'installation a déjà servi
install-why-unknown = Spotlight n'a pas commencé cette installation
install-why-no-code = Slack n'a envoyé aucun code
install-slack-error-title = Slack n'a pas installé Spotlight
install-slack-error = Slack a répondu : { $error }.
install-refused-title = Slack a refusé l'installation
install-refused = Slack n'a pas accepté le code de l'installation ({ $error }) : rien n'a donc été installé.
install-unreachable-title = Slack n'a pas répondu
install-unreachable = Spotlight n'a pas pu joindre Slack pour terminer l'installation.
install-begin-failed-title = Spotlight n'a pas pu commencer l'installation
install-finish-failed-title = Spotlight n'a pas pu terminer l'installation
install-database = Sa base de données n'a pas répondu. Veuillez réessayer dans une minute.
install-not-one-workspace-title = Spotlight s'installe dans un seul espace de travail
install-not-one-workspace = Slack a accordé autre chose qu'un jeton de bot pour un seul espace de travail (une installation sur toute une organisation Enterprise Grid, par exemple). Installez Spotlight dans un seul espace de travail.
## Slack : ce que l'adaptateur dit lui-même

slack-set-aside = Désolé, je n'ai pas pu traiter { $what ->
    [command] votre commande
    [interaction] votre clic
   *[other] votre message
    } à cause d'une erreur (j'ai essayé { $attempts } fois). Les admins peuvent la voir dans `/spotlight status`. Merci de réessayer un peu plus tard.
slack-export-admins-only = Seuls les admins Spotlight peuvent importer des données d'usage : je n'ai donc ni lu ni gardé ce fichier. S'il doit être importé, demandez à un admin de me l'envoyer.
slack-picture-needs-words = Merci pour l'image ! Votre histoire cite vos propres mots : envoyez donc aussi votre réponse sous forme de texte (l'image seule n'est pas enregistrée comme réponse).
slack-form-not-opened = Slack ne m'a pas laissé ouvrir le formulaire à temps. Appuyez de nouveau sur le bouton.

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
import-usage-no-token = (définissez SLACK_BOT_TOKEN, ou les réglages de l'installation OAuth, pour associer les adresses e-mail aux utilisateurs Slack)

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
fix-slack-installed-token = Slack a refusé le jeton du bot installé : installez de nouveau l'application à { $url }
fix-slack-not-installed = Spotlight n'est pas installé dans l'espace de travail (désinstallé, ou ses jetons révoqués) : installez-le de nouveau
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

## Les destinations, telles que les admins les saisissent

destination-unknown = « { $typed } » n'est pas une destination : indiquez un canal comme #wins, un groupe Chatter comme chatter:0F9… ou une adresse e-mail comme news@acme.com
destination-not-chatter = « { $typed } » n'est pas un ID de groupe Chatter : il commence par 0F9 et compte 15 ou 18 lettres et chiffres (ouvrez le groupe dans Salesforce ; l'ID est dans la barre d'adresse)
destination-not-email = « { $typed } » n'est pas une adresse e-mail

## Périodes d'usage : l'ordre des dates saisi par un admin

period-bad-date-order = l'ordre des dates est « { $typed } » : indiquez mdy (mois/jour/année, comme aux États-Unis) ou dmy (jour/mois/année)

## /spotlight help : la ligne d'utilisation de chaque commande et ce qu'elle fait

help-intro = *Spotlight* interviewe les utilisateurs experts et partage leurs réussites.
help-line = • `{ $usage }` : { $what }
help-ask-an-admin = Les admins proposent les héros et relisent les histoires ; demandez à l'un d'eux si vous aimeriez être mis(e) en avant.
usage-help = /spotlight help
help-help = afficher cette aide
usage-status = /spotlight status
help-status = où en est chaque histoire et ce qu'elle attend (héros : votre propre histoire)
usage-queue = /spotlight queue
help-queue = les histoires approuvées en attente de publication, dans l'ordre, et les prochaines heures de publication
usage-suggest = /spotlight suggest @personne [pourquoi]
help-suggest = suggérer un(e) collègue pour Spotlight (les admins décident)
usage-opt-out = /spotlight opt-out
help-opt-out = retirer votre propre histoire (héros seulement ; rien n'est publié)
usage-forget = /spotlight forget me|@personne
help-forget = effacer tout ce que Spotlight détient sur vous (admins : sur n'importe qui) et supprimer les publications ; montre d'abord quoi et demande de confirmer
usage-nominate = /spotlight nominate @personne [--set nom] [note]
help-nominate = inviter un utilisateur expert à un entretien (avec un jeu de questions de `prompts/sets/`)
usage-candidates = /spotlight candidates
help-candidates = les utilisateurs experts probables et les groupes à la traîne, d'après les données d'usage importées
usage-import = /spotlight import [--date-order mdy|dmy] [--user-column C] [--group-column C] [--period-column C] [--metric C …]
help-import = importer des données d'usage : le prochain fichier que vous m'envoyez en message direct, lu avec ces réglages (les noms avec des espaces "entre guillemets")
usage-report = /spotlight report
help-report = pour chaque histoire publiée : portée, conversation et activité du public
usage-audience = /spotlight audience #canal|chatter:ID|email <groupe>
help-audience = associer une destination au groupe d'usage qui la lit, pour `report`
usage-drafts = /spotlight drafts
help-drafts = les brouillons et les modifications des héros à relire, avec leurs vérifications et leurs réponses numérotées
usage-quotes = /spotlight quotes <histoire> <numéros|all>
help-quotes = choisir les réponses que l'histoire cite, p. ex. `quotes 3 1,2,4`
usage-history = /spotlight history <histoire>
help-history = tout ce qui est arrivé à une histoire : qui a fait quoi, et quand
usage-headline = /spotlight headline <histoire> <texte>
help-headline = proposer le titre (le héros le voit et l'approuve)
usage-approve = /spotlight approve <histoire> [destination …]
help-approve = envoyer le brouillon au héros pour approbation, pour ces destinations (par défaut : toutes)
usage-channel = /spotlight channel add|remove #canal
help-channel = gérer les canaux Slack où les histoires sont publiées
usage-destination = /spotlight destination add|remove #canal|chatter <id du groupe>|email <adresse>
help-destination = gérer où les histoires sont publiées : canaux Slack, groupes Chatter de Salesforce, listes de diffusion ; `destinations` les liste
usage-schedule = /spotlight schedule "<cron>" [destination] [Zone/Ville]
help-schedule = quand les histoires sont publiées, p. ex. `schedule "0 9 * * MON" #wins Europe/Paris`
usage-publish-next = /spotlight publish-next [destination]
help-publish-next = publier maintenant la prochaine histoire approuvée
usage-pause = /spotlight pause [destination]
help-pause = suspendre les publications (vers une destination ou toutes)
usage-resume = /spotlight resume [destination]
help-resume = reprendre les publications

## /spotlight : une commande mal tapée

command-error =
    { $problem }
    Utilisation : `{ $usage }`
command-unknown = Je ne connais pas la commande `{ $command }`
command-takes-no-arguments = `{ $command }` ne prend pas d'argument
command-needs-value = `{ $setting }` attend une valeur
command-unknown-setting = Réglage inconnu `{ $setting }` : utilisez --date-order, --user-column, --group-column, --period-column ou --metric
command-unexpected-after = « { $extra } » inattendu après { $after ->
        [channel] le canal
        [destination] la destination
        [person] la personne
       *[story] l'histoire
    }
command-unexpected = « { $words } » inattendu
command-not-a-person = « { $text } » n'est pas une personne : mentionnez-la, comme @maria
command-not-a-channel = « { $text } » n'est pas un canal : nommez-le comme #wins
command-not-a-story = « { $text } » n'est pas une histoire : donnez son numéro (tel que `/spotlight status` l'affiche) ou son héros, comme @maria
command-which-story = Quelle histoire ? Donnez son numéro ou son héros
command-which-audience-destination = Quelle destination ? Nommez un canal comme #wins, un groupe Chatter comme chatter:0F9… ou une liste de diffusion comme news@acme.com
command-which-destination = Quelle destination ? Nommez un canal comme #wins, `chatter <id du groupe>` ou `email <adresse>`
command-which-group = Quel groupe ? Donnez un nom de groupe des données d'usage, comme EMEA
command-who-to-forget = Qui ? `me`, ou mentionnez la personne, comme @maria
command-who = Qui ? Mentionnez la personne, comme @maria
command-which-question-set = Quel jeu de questions ? Nommez-le après --set, comme --set forecasting
command-which-answers = Quelles réponses ? Donnez leurs numéros dans `/spotlight drafts`, ou `all`
command-not-an-answer-number = « { $text } » n'est pas un numéro de réponse
command-no-headline = Le texte du titre manque
command-which-channel = Quel canal ? Nommez-le comme #wins
command-not-a-destination-kind = « { $text } » n'est pas un type de destination : utilisez un #canal, `chatter` ou `email`
command-channel-verb = `channel { $verb }` n'existe pas : utilisez `channel add` ou `channel remove`
command-destination-verb = `destination { $verb }` n'existe pas : utilisez `destination add` ou `destination remove` (`destinations` les liste)
command-cron-not-quoted = Mettez l'expression cron entre guillemets droits, p. ex. `/spotlight schedule "0 9 * * MON" #wins`
command-one-destination = Une seule destination à la fois, s'il vous plaît

## /spotlight schedule : une expression cron ou un fuseau horaire illisible

cron-bad = Expression cron invalide « { $expr } » : { $reason } ; exemple : "0 9 * * MON" pour 9 h 00 chaque lundi
cron-bad-zone = Fuseau horaire inconnu « { $name } » : utilisez un nom de zone IANA de la forme Zone/Ville, p. ex. Europe/Paris ou America/New_York ; UTC par défaut
cron-empty = l'expression est vide ; donnez 5 champs (minute heure jour mois jour-de-la-semaine)
cron-field-count = 5 champs attendus (minute heure jour mois jour-de-la-semaine), ou 6/7 avec les secondes en premier
cron-macro = { $macro } n'est pas pris en charge ; utilisez @yearly, @monthly, @weekly, @daily, @hourly ou 5 champs (minute heure jour mois jour-de-la-semaine)
cron-empty-item = le champ « { $field } » (« { $text } ») contient un élément de liste vide ; séparez les valeurs par une seule virgule, p. ex. 1,15
cron-backwards = dans le champ « { $field } », l'intervalle { $range } est à l'envers ; coupez-le en deux, p. ex. { $first }-{ $max },{ $min }-{ $last }
cron-out-of-range = { $value } est hors limites pour le champ « { $field } » ; { $usage }
cron-not-a-name = « { $name } » n'est pas un nom valable pour le champ « { $field } » ; { $usage }
cron-no-names = le champ « { $field } » n'accepte pas de noms comme « { $name } » ; { $usage }
cron-not-understood = « { $text } » n'est pas compris dans le champ « { $field } » ; utilisez des nombres, des intervalles comme 1-5, des listes comme 1,15 ou des pas comme */15 ({ $usage })
cron-step = le pas « /{ $step } » du champ « { $field } » doit être un nombre de 1 à { $max }
cron-field = { $field ->
        [second] seconde
        [minute] minute
        [hour] heure
        [day-of-month] jour du mois
        [month] mois
        [weekday] jour de la semaine
       *[year] année
    }
cron-usage-month = utilisez 1-12 ou des noms comme JAN
cron-usage-weekday = utilisez 0-7 (0 et 7 sont le dimanche, 1 le lundi) ou des noms comme MON
cron-usage-weekday-sunday-first = utilisez 1-7 (dans la forme à 6/7 champs, 1 est le dimanche, 7 le samedi) ou des noms comme MON
cron-usage-range = utilisez { $min }-{ $max }

## /spotlight : les réponses à chaque commande

command-admins-only = Désolé, `/spotlight { $command }` est réservé aux admins de Spotlight. Vous pouvez suggérer un(e) collègue avec `/spotlight suggest @collègue`, ou consulter `/spotlight help`.
import-send-file = Envoyez-moi l'export dans nos messages directs d'ici { $minutes } minutes : le prochain fichier que vous m'envoyez sera importé avec ces réglages, quel que soit son type. (Sur le serveur : `spotlight import-usage FICHIER` avec les mêmes options.)
report-title = *Résultats* (l'activité par personne de chaque public, métriques normalisées puis combinées : la moyenne des dernières périodes entièrement avant une histoire → la moyenne de celles entièrement après, la période qui la contient à part, à côté des groupes sans histoire à ce moment-là ; un changement, pas sa cause)
report-nothing-published = Aucune histoire n'a encore été publiée.
report-csv-title = Rapport des résultats (CSV)
report-no-chart = Pas de graphique : { $why }
report-in-dm = Les résultats sont dans nos messages directs : le résumé, le graphique d'adoption et le rapport en CSV.
audience-tied = { $group } lit { $place } : `/spotlight report` compare l'activité de ce groupe avant et après chaque histoire qui y est publiée.
opt-out-nothing = Vous n'avez pas d'histoire en cours : il n'y a rien dont vous désinscrire.
nominate-no-such-set = Il n'y a pas de jeu de questions « { $set } ». Les jeux sont : { $sets }. Omettez `--set` pour le jeu par défaut (interview.toml).
nominate-already = { $hero } a déjà l'histoire { $id } en cours ({ $stage }).
nominated = { $hero } est proposé(e) (histoire { $id }). Je lui ai envoyé une invitation ; `/spotlight status` montre où elle en est.
suggestion = { $by } suggère { $hero } pour Spotlight.
suggestion-with-note = { $by } suggère { $hero } pour Spotlight. Pourquoi : « { $note } »
suggestion-button-nominate = Proposer
suggestion-thanks = Merci ! J'ai transmis aux admins de Spotlight votre suggestion de { $hero }.
history-title = *Histoire { $id }* { $hero } ({ $stage }) — en attente de : { $waits }
history-empty = Rien n'a encore été enregistré pour elle.
history-line = • { $when } : { $who } { $what }
event-nominated = a proposé et invité
event-started-interview = a commencé l'entretien
event-interview-finished = a terminé l'entretien : le brouillon est prêt
event-chose-quotes = a choisi les citations : { $keys }
event-proposed-headline = a proposé un titre
event-sent-for-approval = l'a envoyée au héros pour approbation
event-edited = a modifié { $keys }
event-edited-in-chat = a modifié { $key } dans la conversation
event-picture-left-out = a retiré l'image { $n }
event-picture-back = a remis l'image { $n }
event-approved = a approuvé la version { $version }
event-approved-with-edits = a approuvé la version { $version } avec ses propres modifications, à relire par les admins
event-accepted-edit = a accepté la modification du héros (version { $version })
event-sent-edit-back = a renvoyé la modification du héros avec une note
event-asked-for-changes = a demandé des changements
event-opted-out = s'est retiré(e)
event-queued = l'a mise en file d'attente
event-posted = l'a publiée dans { $destination }
event-thanked-hero = a remercié le héros avec la portée de l'histoire
event-reminded-hero = a relancé le héros
event-reminded-admins = a relancé les admins
status-yours = Votre histoire ({ $id }) en est à l'étape « { $stage } » ; en attente de : { $waits }.
status-no-story = Vous n'avez pas encore d'histoire dans Spotlight. Vous connaissez un utilisateur expert ? `/spotlight suggest @collègue`.
status-empty = Aucune histoire pour l'instant. Commencez par `/spotlight nominate @personne`.
status-title = *Pipeline Spotlight* : { $open } en cours
status-question = question { $number } sur { $count }
status-question-paused = question { $number } sur { $count }, en pause
status-nudged = { $times ->
        [one] une relance
       *[other] { $times } relances
    }
status-line = • Histoire { $id } { $hero } : { $stage }{ $detail } ; attend { $waits } depuis { $waited }{ $nudged }
status-longest-wait = Plus longue attente côté admins : histoire { $id } { $hero } ({ $stage }), depuis { $waited }.
status-published = Publiées : { $published }. Retirées : { $opted }.
status-published-line = • Histoire { $id } { $hero }, publiée le { $when } : { $reactions ->
        [one] { $reactions } réaction
       *[other] { $reactions } réactions
    }, { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    }, { $people ->
        [one] { $people } personne
       *[other] { $people } personnes
    }
status-set-aside = :warning: *Requêtes que je n'ai pas pu traiter* (mises de côté après { $tries } essais ; leurs auteurs ont été prévenus ; le journal donne les détails) :
status-set-aside-line = • { $kind } ({ $key }), { $when } : { $error }
queue-title = *File de publication* (première approuvée, première publiée)
queue-empty = Rien n'attend d'être publié.
queue-no-destination = en attente d'un canal (`/spotlight channel add #canal`)
queue-posted = { $place } (publiée)
queue-waiting = { $place } (en attente)
queue-line = { $n }. Histoire { $id } { $hero }, approuvée le { $when } : { $where }
home-chart-drawn = Le graphique d'adoption ci-dessous a été tracé le { $when } d'après les chiffres importés jusque-là ; `/spotlight report` le retrace et l'envoie avec le rapport en CSV dans nos messages directs.
home-chart-none = `/spotlight report` envoie le graphique d'adoption et le rapport en CSV dans nos messages directs, et affiche le graphique ici.
home-results-title = *Résultats*
home-admin-hint = Relisez les brouillons avec `/spotlight drafts` ; `/spotlight help` liste toutes les commandes.
home-no-story = *Spotlight* partage les réussites des collègues qui tirent le meilleur de nos outils.
    Vous n'avez pas encore d'histoire. Vous connaissez un utilisateur expert ? `/spotlight suggest @collègue`.
home-yours = *Votre histoire Spotlight* ({ $stage })
    En attente de : { $waits }.
home-approve-from-dm = Approuvez-la, modifiez-la ou désinscrivez-vous depuis mon message direct.
home-so-far = Jusqu'ici : { $reactions ->
        [one] { $reactions } réaction
       *[other] { $reactions } réactions
    } et { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    } de { $people ->
        [one] { $people } personne
       *[other] { $people } personnes
    }.
destinations-none = *Destinations* : aucune pour l'instant. Ajoutez un canal Slack avec `/spotlight channel add #canal` (ou un groupe Chatter ou une liste de diffusion : `/spotlight destination add chatter <id du groupe>`, `… email <adresse>`).
destinations-title = *Destinations*
destinations-schedule = publie selon `{ $cron }` ({ $zone }), prochaine fois : { $next }
destinations-never-again = plus jamais
destinations-schedule-broken = calendrier invalide ({ $error }) ; définissez-en un nouveau avec `/spotlight schedule`
destinations-no-schedule = pas encore de calendrier (`/spotlight schedule "0 9 * * MON"`) ; `publish-next` publie tout de suite
destinations-paused = *en pause* (`/spotlight resume { $destination }`)
destinations-on-hold = *bloquée* : { $why }
destinations-read-by = lue par { $group }
destinations-line = • { $place } : { $when }{ $audience }{ $paused }
candidates-no-data = Pas encore de données d'usage. Envoyez-moi l'export de votre outil (un CSV avec une ligne d'en-tête nommant l'utilisateur, son groupe, la période et des colonnes numériques d'activité) en message direct, ou lancez `spotlight import-usage FICHIER.csv` sur le serveur.
candidates-lagging-title = *Groupes à la traîne et leurs meilleurs pairs* (adoption la plus faible d'abord ; chaque groupe s'inspire des siens)
candidates-lagging-group = • { $group } ({ $people ->
        [one] { $people } personne
       *[other] { $people } personnes
    }, { $share } % du meilleur par personne) :
candidates-no-peers = personne d'actif qui n'ait pas encore été mis en avant
candidates-overall-title = *Utilisateurs experts probables* (pas encore mis en avant, admins et comptes système exclus ; dans le quart supérieur de tous sur le plus de périodes, et leur part moyenne du meilleur de chaque période, chaque métrique comptant autant)
candidates-all-featured = Toutes les personnes actives ont déjà été mises en avant.
candidates-audiences-title = *Publics* (adoption la plus faible d'abord, dernière période ; la part du meilleur de chaque personne, en moyenne)
candidates-audience = • { $group } : { $share } % ({ $people ->
        [one] { $people } personne
       *[other] { $people } personnes
    })
candidates-button-nominate = Proposer { $name }
candidates-not-matched = { $user } (sans utilisateur Slack correspondant)
candidates-line = { $who } : dans le quart supérieur { $top } périodes sur { $periods }, { $score } % du meilleur en moyenne
drafts-none = Aucun brouillon en attente. Les brouillons apparaissent ici quand un héros termine son entretien.
drafts-awaiting-approval = *Histoire { $id }* de { $hero } : ce texte attend l'approbation du héros :

    { $text }
quotes-no-such-answer = L'histoire { $id } a { $count ->
        [one] une seule réponse
       *[other] { $count } réponses
    } : il n'y a pas de réponse { $number }. `/spotlight drafts` les numérote.
quotes-updated = Citations mises à jour.
headline-too-long = Un titre tient sur une seule ligne de { $max } caractères au plus.
headline-proposed = Titre proposé ; le héros le verra quand vous approuverez.
approve-too-long = L'histoire { $id } n'a pas été envoyée au héros : { $why }.
approve-sent = Histoire { $id } envoyée à { $hero } pour approbation.
approve-checks-failing = Attention, certaines vérifications n'ont pas réussi :
destination-not-added = { $place } n'est pas encore une destination Spotlight : ajoutez-la d'abord avec `/spotlight destination add { $destination }` (`/spotlight destinations` les liste).
destination-already = { $place } est déjà une destination Spotlight.
destination-cannot-add = Je ne peux pas ajouter { $place } : { $why }. Rien n'a changé.
destination-added = Destination ajoutée : { $place }. Les histoires y sont publiées avec `/spotlight publish-next { $destination }`, ou selon un calendrier : `/spotlight schedule "0 9 * * MON" { $destination }` ; `/spotlight pause { $destination }` les retient.
destination-added-channel = Vérifiez que le bot est bien invité dans le canal.
destination-added-chatter = Les histoires y paraissent comme des publications de l'utilisateur d'intégration de Salesforce, le héros @-mentionné quand son utilisateur Salesforce est retrouvé par son e-mail.
destination-added-email = Chaque histoire y part en un seul e-mail (HTML et texte brut).
destination-not-one = { $place } n'est pas une destination Spotlight (`/spotlight destinations` les liste).
destination-still-waiting = Des histoires attendent encore d'être publiées vers { $place } : la destination reste, car chaque histoire approuvée est publiée. Mettez-la plutôt en pause avec `/spotlight pause { $destination }`.
destination-removed = Destination retirée : { $place }.
schedule-refused = { $error }. Rien n'a changé.
schedule-nowhere = Il n'y a encore nulle part où publier : commencez par `/spotlight channel add #canal` (ou `/spotlight destination add …`).
schedule-never = jamais (l'expression n'a plus d'occurrence à venir)
schedule-set = { $places } : une histoire à chaque `{ $cron }` ({ $zone }). Prochaine : { $next }.
pause-no-destinations = Il n'y a pas encore de destination : `/spotlight channel add #canal`.
pause-every-destination = toutes les destinations
pause-done = Publications suspendues vers { $place }. Les histoires approuvées gardent leur place dans la file ; `/spotlight resume` les relance.
resume-done = Les publications vers { $place } reprennent.

## Les mots que partagent les vues d'état et les réponses

waits-on = { $stage ->
        [nominated] le héros (pour commencer l'entretien)
        [invited] le héros (pour commencer l'entretien)
        [interviewing] le héros (pour répondre)
        [answered] un admin (pour relire le brouillon)
        [drafted] un admin (pour relire le brouillon)
        [awaiting_approval] le héros (pour approuver l'histoire)
        [changes_requested] un admin (le héros a demandé des modifications)
        [edit_awaiting_review] un admin (pour relire les modifications du héros)
        [approved] le calendrier (pour être publiée)
        [queued] le calendrier (pour être publiée)
       *[other] personne
    }
waits-on-you = { $stage ->
        [nominated] vous (pour commencer l'entretien)
        [invited] vous (pour commencer l'entretien)
        [interviewing] vous (pour répondre)
        [answered] un admin (pour relire le brouillon)
        [drafted] un admin (pour relire le brouillon)
        [awaiting_approval] vous (pour approuver l'histoire)
        [changes_requested] un admin (vous avez demandé des modifications)
        [edit_awaiting_review] un admin (pour relire vos modifications)
        [approved] le calendrier (pour être publiée)
        [queued] le calendrier (pour être publiée)
       *[other] personne
    }
time = { $weekday ->
        [mon] lun.
        [tue] mar.
        [wed] mer.
        [thu] jeu.
        [fri] ven.
        [sat] sam.
       *[sun] dim.
    } { $date } { $time } { $zone }
decimal-point = ,

## /spotlight forget : ce qui part, la confirmation, les suppressions

forget-admins-only = Désolé, seuls les admins de Spotlight peuvent faire oublier quelqu'un d'autre. Pour vous faire oublier vous-même : `/spotlight forget me`.
forget-nothing = Spotlight ne détient rien sur { $who } : il n'y a rien à oublier.
forget-nothing-of-you = Spotlight ne détient rien sur vous : il n'y a rien à oublier.
forget-not-yet = Pas encore : la publication vers { $place } est en cours d'envoi, ou sa destination n'a pas répondu clairement et elle est en cours de vérification. Réessayez dans une minute, une fois la situation réglée : elle pourra alors être supprimée elle aussi.
forget-nothing-removed = Rien n'a été effacé : la publication vers { $place } est en cours d'envoi, ou sa destination n'a pas répondu clairement et elle est en cours de vérification. Réessayez dans une minute, une fois la situation réglée : elle pourra alors être supprimée elle aussi.
forget-button = Oublier
forget-button-keep = Tout garder
forget-no-one = Ce bouton ne désigne personne. Recommencez avec `/spotlight forget`.
forget-nothing-any-more = Spotlight ne détient (plus) rien sur cette personne : il n'y avait rien à oublier.
forget-someone-asked = Une personne a demandé à être oubliée, et l'a été.
forget-preview = *Oublier { $who } ?* Cela efface définitivement tout ce que Spotlight détient sur { $who } :
forget-preview-you = *Vous oublier ?* Cela efface définitivement tout ce que Spotlight détient sur vous :
forget-stories = { $count ->
        [one] { $count } histoire
       *[other] { $count } histoires
    } : { $list }
forget-story = histoire { $id } ({ $stage })
forget-answers = { $count ->
        [one] { $count } réponse
       *[other] { $count } réponses
    } ({ $wordings ->
        [one] { $wordings } formulation enregistrée
       *[other] { $wordings } formulations enregistrées
    } en tout, formulations antérieures comprises)
forget-drafts = { $count ->
        [one] { $count } texte d'histoire
       *[other] { $count } textes d'histoire
    } (brouillons, texte approuvé, texte envoyé par les admins)
forget-usage-figures = { $count ->
        [one] { $count } chiffre d'usage
       *[other] { $count } chiffres d'usage
    }
forget-messages = { $count ->
        [one] { $count } message ou requête conservé
       *[other] { $count } messages et requêtes conservés
    } (adressés à cette personne, envoyés par elle ou la concernant)
forget-other = { $count ->
        [one] { $count } autre trace (réactions, réponses, avis de réponse, remerciements)
       *[other] { $count } autres traces (réactions, réponses, avis de réponse, remerciements)
    }
forget-preview-posts = *Publications :*
forget-preview-no-posts = *Publications :* aucune.
forget-post-deleted = { $place }{ $sent } : supprimée là-bas
forget-post-email = l'e-mail à { $place }{ $sent } : *impossible à rappeler*, un e-mail envoyé reste dans la boîte de ses lecteurs (demandez-leur de le supprimer si c'est important)
forget-post-pending = la publication en attente pour { $place } : jamais envoyée, retirée de la file
forget-sent = envoi le { $when }
forget-preview-closing = Rien n'est effacé tant que vous n'appuyez pas sur *Oublier* ; rien ne pourra être annulé ensuite.
forget-result = *Oubli effectué.* Spotlight ne détient plus rien sur cette personne. Effacé :
forget-result-deleting = *Suppression des publications* dans { $places } : en cours ; je vous dirai quand elles auront disparu, ou ce qui a échoué.
forget-result-not-recalled = *Non rappelé :* l'e-mail à { $place }{ $sent }. Un e-mail envoyé ne peut pas être repris : demandez à ses lecteurs de le supprimer si c'est important.
forget-report = *Suppression des publications de la personne oubliée le { $when } :* terminée.
forget-report-deleted = • { $place } : supprimée.
forget-report-not-deleted = • { $place } : *non supprimée* : { $why }. Supprimez-la à la main dans { $service } : ouvrez la publication et choisissez Supprimer
forget-retry = La suppression de la publication dans { $place } (d'une personne oubliée) a échoué : { $why }. Je redemanderai à { $service } dans { $wait } ; rien à faire de votre côté pour l'instant.
forget-wait = { $unit ->
        [seconds] { $n } s
       *[minutes] { $n } min
    }
forget-refused-fix = { $service } a refusé ({ $code }) : { $fix }
forget-refused = { $service } a refusé ({ $code }) : { $error }
forget-unclear = { $service } n'a pas répondu clairement ({ $why })

cli-digest-pictures-need-out = l'histoire { $story } a { $count } image(s) choisie(s) par son héros : ajoutez --out FICHIER pour les écrire à côté du résumé
cli-picture-not-an-image = l'image { $n } de l'histoire { $story } est laissée de côté : le fichier Slack n'est pas une image
cli-pictures-need-token = l'histoire { $story } a { $count } image(s) choisie(s) par son héros, lues dans Slack avec le jeton du bot : définissez SLACK_BOT_TOKEN pour { $made ->
        [poster] les montrer (cette affiche n'en a aucune)
       *[digest] les inclure
    }
cli-picture-unreadable = l'image { $n } de l'histoire { $story } n'a pas pu être lue dans Slack : { $why }
cli-picture-left-off = l'image { $n } est laissée de côté : { $why }
cli-photo-unreadable = la photo Slack de { $hero } n'a pas pu être récupérée ({ $why }) : l'affiche montre ses initiales
cli-poster-not-in-slack = l'histoire { $story } n'est pas encore publiée dans Slack : l'affiche n'a donc pas de QR code vers son fil ; refaites-la une fois l'histoire publiée
cli-poster-link-unknown = le lien vers la publication Slack de l'histoire { $story } n'est pas encore connu (spotlight serve le demande à Slack dès que l'histoire est publiée) : l'affiche n'a donc pas de QR code ; refaites-la dans une minute
cli-poster-link-missing = Slack n'a donné aucun lien vers la publication de l'histoire { $story } (a-t-elle été supprimée ?) : l'affiche n'a donc pas de QR code
cli-wrote-digest = résumé écrit dans { $path }
cli-wrote-poster = affiche écrite dans { $path }
cli-wrote-file = { $path } écrit
cli-drew-chart = graphique d'adoption dessiné dans { $path }
cli-wrote-report = rapport sur { $count } histoires écrit dans { $path }

console-welcome = Console Spotlight. Vous êtes { $persona } ; l'horloge indique { $time }. Tapez /help pour l'aide.
console-bye = Au revoir ! Tout est enregistré.
console-help = Commandes de la console :
      /spotlight <commande>   une commande slash (essayez /spotlight help)
      /as @nom                agir en tant que quelqu'un d'autre (les nouveaux noms sont créés ; @admin est admin)
      /advance <durée>        avancer l'horloge, par ex. /advance 2h, /advance 3days
      /reply #canal <texte>   répondre, en votre nom, dans le fil de la dernière histoire publiée dans ce canal
      /now                    afficher l'horloge simulée
      /help                   cette aide
      """                     commencer (et finir) un message sur plusieurs lignes
    Tout le reste est un message direct de votre part au bot ; tapez un numéro ou le libellé d'un bouton pour l'appuyer.
    Terminez avec Ctrl-D (tout est enregistré ; relancez pour reprendre où vous en étiez).
console-you-are = { $role ->
        [admin] Vous êtes maintenant { $persona } (admin).
       *[other] Vous êtes maintenant { $persona }.
    }
console-clock = L'horloge indique { $time }.
console-usage-as = Utilisation : /as @nom (par exemple /as @maria)
console-usage-advance = Utilisation : /advance <durée>, par exemple /advance 30m, /advance 2h, /advance 3days
console-usage-reply = Utilisation : /reply #canal <texte>, par exemple /reply #wins Comment tu tries ?
console-nothing-posted-in = Aucune histoire n'a encore été publiée dans #{ $name } : `/spotlight publish-next #{ $name }` publie la suivante.
console-replied = ({ $persona } a répondu dans le fil de l'histoire { $story } dans #{ $name }.)
console-unknown-command = Commande de console inconnue `{ $command }`. Tapez /help pour la liste (pour envoyer un message qui commence par /, mettez une espace devant).
