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
