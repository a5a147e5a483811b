# What Spotlight says, in English (the default language). Each person reads the bot in
# their Slack language when there is a file for it here (`fr.ftl` for fr-FR, fr-CA…),
# else in the default language (SPOTLIGHT_LANGUAGE). Every file must have every message
# of this one; Spotlight checks at start. Variables ({ $name }) are filled in by
# Spotlight: the hero's own words come in through them, never translated.
#
# The interview's questions, intro and closing are in the question sets
# (`interview.toml`, `[locales.<language>]`).

## The interview, in the hero's DM

# The question being asked: its number and how many there are.
interview-question = *Question { $number } of { $count }*
# The hero goes back to a question they answered: their answer so far, verbatim.
interview-current-answer =
    Your answer so far: “{ $answer }”
    Send a new answer to replace it, or `skip` to keep it.
interview-kept = Kept your earlier answer.
interview-skipped = Skipped.
interview-paused = Paused. Your answers so far are saved. Send `resume` (or just your answer) whenever you're ready.
interview-stop-question = Do you want to stop and opt out? Nothing will be posted, and your answers won't be used. Your interview is paused in the meantime; your answers so far are kept.
interview-button-opt-out = Opt out
interview-button-keep-going = Keep going
interview-too-long = That answer is { $chars } characters long; the limit is { $max }. Please shorten it and send it again. Nothing was saved.
interview-empty = I didn't catch an answer there. Send your answer, or `skip`.
interview-nothing-before = That's the first question; there's nothing before it.
interview-already-finished = Your interview is complete. You'll see your story and can change your words before it's posted.

## The invitation to a nominated hero

invitation =
    Hi { $name }! You've been nominated for *Spotlight*: colleagues noticed how well you use our tools, and others could learn from you.
    It's a short chat here, one question at a time (at most { $minutes } minutes of your time, pause whenever you like). Your answers become a short story in your own words, and nothing is shared until you approve the exact text.
# What colleagues noticed, from the nomination, as the admin typed it.
invitation-why-you = Why you: “{ $note }”
invitation-button-start = Start now
invitation-button-later = Later
invitation-button-decline = No thanks
# Above the invitation, sent again when the hero writes before starting.
invitation-when-ready = Press *Start now* (or type `start`) when you're ready; no rush.
# Above the invitation, sent again to a hero who hasn't started after a while.
invitation-reminder = A friendly reminder:
invitation-later = No problem. I'll check back in a couple of days; type `start` whenever you're ready.
invitation-stop-question = Do you want to opt out? Nothing will be posted, and I won't ask again.

## The hero's story out in the world

# Where it went: a Slack channel (a mention), a Chatter group or an email list (named).
story-live-channel = Your story is live in { $place }! People may ask you questions in its thread. Thank you for sharing.
story-live-chatter = Your story is live in { $place }! People may comment on it there. Thank you for sharing.
story-live-email = Your story was emailed to { $place }. Thank you for sharing.

# A few days after publication: what the story has done.
thank-you = Thank you again for your Spotlight story, { $name }! Here is what it has done in { $days ->
    [one] 1 day
   *[other] { $days } days
    }:
thank-you-reached = • { $people ->
    [one] 1 person
   *[other] { $people } people
    } could read it in the channels it was posted in
thank-you-reach-unknown = • it was posted where colleagues read it (how many, the channel doesn't say)
thank-you-conversation = • { $reactions ->
    [one] 1 reaction
   *[other] { $reactions } reactions
    } and { $replies ->
    [one] 1 reply
   *[other] { $replies } replies
    } (questions and answers), from { $people ->
    [one] 1 person
   *[other] { $people } people
    }
# The words of each link to the story's thread.
thank-you-your-story = your story
thank-you-thread = The conversation goes on in the thread of { $links }.
thank-you-closing = Every colleague who copies what you do started with a story like yours.

## The conversation the story starts

# Someone replied in the thread of the hero's story, posted in { $place }; { $url } opens it.
reply-notice-linked =
    { $who } replied in the thread of your Spotlight story in { $place }: <{ $url }|open the thread>
    A quick answer goes a long way: questions are how colleagues pick up what you do.
reply-notice =
    { $who } replied in the thread of your Spotlight story in { $place }.
    A quick answer goes a long way: questions are how colleagues pick up what you do.
# Several replies that came together; { $who } names each person once.
replies-notice-linked =
    { $count } replies in the thread of your Spotlight story in { $place }, from { $who }: <{ $url }|open the thread>
    A quick answer goes a long way: questions are how colleagues pick up what you do.
replies-notice =
    { $count } replies in the thread of your Spotlight story in { $place }, from { $who }.
    A quick answer goes a long way: questions are how colleagues pick up what you do.
# Where a story's post is no longer known.
reply-place-unknown = its channel
# The last two of a list of people: "<@A>, <@B> and <@C>".
list-and = { $first } and { $last }

## The OAuth install's pages, in the browser of the person installing Spotlight

# After Slack's Allow: the workspace's name, as Slack gives it.
install-done-title = Spotlight is installed
install-done = Spotlight is now installed in { $workspace }.
install-done-next = Next: invite @Spotlight to the channels stories go to (/invite @Spotlight in the channel), then try /spotlight help.
# The person pressed Cancel on Slack's page.
install-cancelled-title = Install cancelled
install-cancelled = You cancelled the install on Slack's page, so Spotlight was not installed.
# Under every page but success: $url is the address of /slack/install.
install-start-again = To install it, start again at { $url }.
# The way back from Slack did not check out: $why is one of the install-why- texts.
install-bad-link-title = This install link is not valid
install-bad-link = { $why }, so nothing was installed.
install-why-no-state = The link has no state
install-why-other-browser = This install was not begun in this browser (or its cookie was blocked)
install-why-expired = The install was begun over 10 minutes ago
install-why-used = This install link was used already
install-why-unknown = Spotlight did not begin this install
install-why-no-code = Slack sent no code
# Slack sent the person back with an error other than a cancel: its code, as Slack wrote it.
install-slack-error-title = Slack did not install Spotlight
install-slack-error = Slack said: { $error }.
# Slack did not accept the install's code: its error code.
install-refused-title = Slack refused the install
install-refused = Slack did not accept the install's code ({ $error }), so nothing was installed.
install-unreachable-title = Slack did not answer
install-unreachable = Spotlight could not reach Slack to finish the install.
# Spotlight's own database did not answer, at the start or the end of the install.
install-begin-failed-title = Spotlight could not begin the install
install-finish-failed-title = Spotlight could not finish the install
install-database = Its database did not answer. Please try again in a minute.
install-not-one-workspace-title = Spotlight installs into one workspace
install-not-one-workspace = Slack granted something other than a bot token for one workspace (an install across an Enterprise Grid organisation, say). Install Spotlight into a single workspace.
# Another workspace's data is in this Spotlight: its name and id.
install-other-workspace-title = Spotlight already serves another workspace
install-other-workspace = This Spotlight holds the data of workspace { $workspace }, and one Spotlight serves one workspace, so it was not installed in this one.
install-other-workspace-next = Run another Spotlight, with its own database, for this workspace.
