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
