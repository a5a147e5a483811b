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
