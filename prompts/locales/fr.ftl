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
install-other-workspace-title = Spotlight sert déjà un autre espace de travail
install-other-workspace = Ce Spotlight contient les données de l'espace de travail { $workspace }, et un Spotlight ne sert qu'un espace de travail : il n'a donc pas été installé dans celui-ci.
install-other-workspace-next = Pour cet espace de travail, lancez un autre Spotlight, avec sa propre base de données.
