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

## /spotlight help: the usage line of each command and what it does
# The usage lines are shown in the help and under a mistyped command. The command words
# (`/spotlight nominate`, `--set`, `me`, `all`, `add`…) are what people type: they stay
# as they are; the placeholders (@person, <story>…) are words to translate.

help-intro = *Spotlight* interviews power users and shares their success stories.
# One line of the help: { $usage } is the command's usage line, { $what } what it does.
help-line = • `{ $usage }`: { $what }
# At the end of the help people who are not admins see.
help-ask-an-admin = Admins nominate heroes and review stories; ask one if you'd like to be featured.
usage-help = /spotlight help
help-help = show this help
usage-status = /spotlight status
help-status = where every story is and who it waits on (heroes: your own story)
usage-queue = /spotlight queue
help-queue = approved stories waiting to be posted, in order, and the next posting times
usage-suggest = /spotlight suggest @person [why]
help-suggest = suggest a colleague for the spotlight (the admins decide)
usage-opt-out = /spotlight opt-out
help-opt-out = withdraw your own story (heroes only; nothing is posted)
usage-forget = /spotlight forget me|@person
help-forget = remove everything Spotlight holds of you (admins: of anyone) and delete the published posts; shows what first and asks you to confirm
usage-nominate = /spotlight nominate @person [--set name] [note]
help-nominate = invite a power user to be interviewed (with a question set from `prompts/sets/`)
usage-candidates = /spotlight candidates
help-candidates = likely power users and lagging groups, from imported usage data
usage-import = /spotlight import [--date-order mdy|dmy] [--user-column C] [--group-column C] [--period-column C] [--metric C …]
help-import = import usage data: the next file you send me in a DM, read with these settings ("quote" names with spaces)
usage-report = /spotlight report
help-report = per published story: reach, conversation and audience activity
usage-audience = /spotlight audience #channel|chatter:ID|email <group>
help-audience = tie a destination to the usage group that reads it, for `report`
usage-drafts = /spotlight drafts
help-drafts = drafts and heroes' edits waiting for review, with their checks and numbered answers
usage-quotes = /spotlight quotes <story> <numbers|all>
help-quotes = choose which answers the story quotes, e.g. `quotes 3 1,2,4`
usage-history = /spotlight history <story>
help-history = everything that happened to a story: who did what, and when
usage-headline = /spotlight headline <story> <text>
help-headline = propose the headline (the hero sees and approves it)
usage-approve = /spotlight approve <story> [destination …]
help-approve = send the draft to the hero for approval, for these destinations (default: all)
usage-channel = /spotlight channel add|remove #channel
help-channel = manage the Slack channels stories are posted to
usage-destination = /spotlight destination add|remove #channel|chatter <group id>|email <address>
help-destination = manage where stories are published: Slack channels, Salesforce Chatter groups, email lists; `destinations` lists them
usage-schedule = /spotlight schedule "<cron>" [destination] [Area/City]
help-schedule = when stories are posted, e.g. `schedule "0 9 * * MON" #wins Europe/Berlin`
usage-publish-next = /spotlight publish-next [destination]
help-publish-next = post the next approved story now
usage-pause = /spotlight pause [destination]
help-pause = stop posting (to one destination or all)
usage-resume = /spotlight resume [destination]
help-resume = start posting again

## /spotlight: a command typed wrong
# What is wrong, then the usage line of the command it was meant to be. The typed words
# come in as they were typed ({ $text }, { $command }, { $words }…).

command-error =
    { $problem }
    Usage: `{ $usage }`
command-unknown = I don't know the command `{ $command }`
command-takes-no-arguments = `{ $command }` takes no arguments
# A setting of `/spotlight import` typed without its value.
command-needs-value = `{ $setting }` needs a value
command-date-order = the date order is "{ $value }": say mdy (month/day/year, as in the US) or dmy (day/month/year)
command-unknown-setting = unknown setting `{ $setting }`: use --date-order, --user-column, --group-column, --period-column or --metric
# Words after the one thing a command takes: $after is channel, destination, person or story.
command-unexpected-after = unexpected "{ $extra }" after the { $after ->
        [channel] channel
        [destination] destination
        [person] person
       *[story] story
    }
command-unexpected = unexpected "{ $words }"
command-not-a-person = "{ $text }" is not a person: mention them like @maria
command-not-a-channel = "{ $text }" is not a channel: name it like #wins
command-not-a-story = "{ $text }" is not a story: use its number (as shown by `/spotlight status`) or the hero, like @maria
command-not-a-destination = "{ $text }" is not a destination: name a channel like #wins, a Chatter group like chatter:0F9… or an email address like news@acme.com
command-not-a-chatter-group = "{ $text }" is not a Chatter group ID: it starts with 0F9 and has 15 or 18 letters and digits (open the group in Salesforce; the ID is in the address bar)
command-not-an-email-address = "{ $text }" is not an email address
command-which-story = which story? Give its number or its hero
# `/spotlight audience` without a destination.
command-which-audience-destination = which destination? Name a channel like #wins, a Chatter group like chatter:0F9… or an email list like news@acme.com
# `/spotlight destination add` without a destination.
command-which-destination = which destination? Name a channel like #wins, `chatter <group id>` or `email <address>`
command-which-group = which group? Use a group name from the usage data, like EMEA
command-who-to-forget = who? `me`, or mention them, like @maria
command-who = who? Mention them, like @maria
command-which-question-set = which question set? Name it after --set, like --set forecasting
command-which-answers = which answers? Give their numbers from `/spotlight drafts`, or `all`
command-not-an-answer-number = "{ $text }" is not an answer number
command-no-headline = the headline text is missing
command-which-channel = which channel? Name it like #wins
command-not-a-destination-kind = "{ $text }" is not a kind of destination: use a #channel, `chatter` or `email`
# { $verb }: what was typed after `channel` instead of add or remove.
command-channel-verb = `channel { $verb }` is not a thing: use `channel add` or `channel remove`
command-destination-verb = `destination { $verb }` is not a thing: use `destination add` or `destination remove` (`destinations` lists them)
command-cron-not-quoted = put the cron expression in double quotes, e.g. `/spotlight schedule "0 9 * * MON" #wins`
command-one-destination = one destination at a time, please

## /spotlight schedule: a cron expression or time zone that can't be read
# { $expr } is the expression as typed; { $reason } one of the cron-… messages below.

cron-bad = bad cron expression "{ $expr }": { $reason }; example: "0 9 * * MON" for 9:00 every Monday
cron-bad-zone = unknown time zone "{ $name }": use an IANA zone name of the form Area/City, e.g. Europe/Berlin or America/New_York; UTC is the default
cron-empty = the expression is empty; give 5 fields (minute hour day month weekday)
cron-field-count = expected 5 fields (minute hour day month weekday) or 6/7 with seconds first
# { $macro }: an @-word that isn't one of those listed.
cron-macro = { $macro } is not supported; use @yearly, @monthly, @weekly, @daily, @hourly or 5 fields (minute hour day month weekday)
# In the messages below, { $field } is the field's name (cron-field) and { $usage } what it
# accepts (cron-usage-…).
cron-empty-item = the { $field } field "{ $text }" has an empty list item; separate values with single commas, e.g. 1,15
# A range like FRI-MON; the example splits it at the field's last value { $max } and
# first value { $min }.
cron-backwards = the { $field } range { $range } runs backwards; split it in two, e.g. { $first }-{ $max },{ $min }-{ $last }
cron-out-of-range = { $field } { $value } is out of range; { $usage }
cron-not-a-name = "{ $name }" is not a { $field } name; { $usage }
cron-no-names = the { $field } field does not take names like "{ $name }"; { $usage }
cron-not-understood = "{ $text }" is not understood in the { $field } field; use numbers, ranges like 1-5, lists like 1,15 or steps like */15 ({ $usage })
cron-step = the step "/{ $step }" in the { $field } field must be a number from 1 to { $max }
cron-field = { $field ->
        [second] second
        [minute] minute
        [hour] hour
        [day-of-month] day-of-month
        [month] month
        [weekday] weekday
       *[year] year
    }
cron-usage-month = use 1-12 or names like JAN
cron-usage-weekday = use 0-7 (0 and 7 are Sunday, 1 is Monday) or names like MON
# The weekday of the 6/7-field form (seconds first).
cron-usage-weekday-sunday-first = use 1-7 (in the 6/7-field form 1 is Sunday, 7 is Saturday) or names like MON
cron-usage-range = use { $min }-{ $max }
