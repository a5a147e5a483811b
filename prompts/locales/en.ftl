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

## The hero's approval card, in the hero's DM

# Above the card: why the hero sees it. { $note } is the admins' note, as they wrote it.
approval-lead-ready = Your story is ready for you to review.
approval-lead-waiting = Your story is waiting for you.
approval-lead-reminder = A friendly reminder: your story waits for your approval.
approval-lead-updated = Updated with your words.
approval-lead-no-change = No change made.
approval-lead-older = That was an older version of your story; here is the current one.
approval-lead-older-check = That was an older version of your story; here is the current one. Please check it before approving.
approval-lead-changed-meanwhile = Your story changed while you were editing; here is the current one. Nothing was changed.
approval-lead-answer-edited = You edited an answer, so here is the updated story.
# The hero wrote one of the stop words while their story waits for approval.
approval-lead-opt-out-below = Do you want to opt out? Press *Opt out* below: nothing will be posted. No change made.
# { $chars }: the story's length; { $max }: what one post holds.
approval-lead-too-long = Your story is { $chars } characters long, and one post holds { $max }: please shorten one of your answers with *Edit*, then approve.
approval-lead-edit-returned = The admins looked at your changes and sent them back with a note: “{ $note }”
# { $n }: the picture's number on the card.
approval-lead-picture-back = Picture { $n } goes with your story again.
approval-lead-picture-out = Picture { $n } is left out of your story.
# Above the story itself; { $places }: where it will be posted (channels, Chatter groups, email lists).
approval-here = Here is your story, exactly as it will be posted:
approval-here-to = Here is your story, exactly as it will be posted to { $places }:
approval-closing = Approve it, change your words, ask for changes, or opt out. Nothing is posted without your approval.
approval-pictures = *Pictures you sent with your answers* (they go with the story unless you leave them out):
# One picture: its number, its title (as the hero gave it), whether it goes with the story.
approval-picture = { $n }. { $title } ({ $state ->
    [shown] goes with the story
    [left-out] left out
   *[too-many] not shown: a story shows at most six
    })
approval-button-approve = Approve
approval-button-edit = Edit
approval-button-changes = Request changes
approval-button-leave-out = Leave out picture { $n }
approval-button-put-back = Put back picture { $n }
# The parts of a story the hero may reword (buttons and the edit form's labels).
part-headline = Headline
part-habit = The habit
part-payoff = The payoff
part-start = How it started
part-takeaway = Take-away
part-quote = Quote

## The hero changes their story, in the hero's DM and forms

edit-pick = Which part would you like to reword?
edit-pick-cancel = Cancel
edit-pick-with-buttons = Pick what to change with the buttons above, or type `cancel`.
# { $current }: the words as they stand, the hero's own.
edit-current-wording =
    Current wording: “{ $current }”
    Send the new wording as one message; it replaces this word for word. (`cancel` to keep it.)
edit-empty = Send the new wording as a message, or `cancel`.
edit-headline-too-long = A headline is one line of at most { $max } characters. Send a shorter one, or `cancel`.
edit-too-long = That is { $chars } characters long; the limit is { $max }. Please shorten it and send it again. Nothing was changed.
edit-part-unknown = That part is not in your story.
# The hero edited, in Slack, a message that was an answer.
edited-answer-refused = Your edited answer is { $chars } characters; answers must have 1 to { $max }. I kept the earlier version.
edited-after-approval = I saved your edit, but your story was already approved, so the posted text stays as you approved it.
edited-during-review = I saved your edit. The admins are reviewing the text you approved, so your story stays as it is for now; if they send it back, press *Edit* to use your new words.
changes-ask = What would you like changed? Send it as one message; it goes to the admins as you write it. (`cancel` to go back.)
changes-sent = Thanks, I've sent your note to the admins. You'll get the updated story to approve.
changes-empty = Your note was empty, so nothing was sent.
# Where { $where } is approved-queued or approved-no-destination.
hero-approved = Thank you, your story is approved! { $where } I'll tell you when it's live.
approved-with-edits = Thank you, you approved your story with your changes! You changed it after the admins' review, so they'll look at the change first; then it goes to the queue exactly as you approved it. I'll let you know.
edit-accepted = The admins accepted your changes: your story is approved exactly as you approved it. { $where } I'll tell you when it's live.
approved-queued = It's in the queue for { $places }.
approved-no-destination = It will be posted once the admins set up a channel.
opted-out = Understood: you're out, and nothing will be posted. Thank you for your time!
# { $stage }: the story's stage, named by `stage`.
pictures-fixed = Your story is { $stage } now, so the pictures that go with it can't change.
# A hero writes after their interview; { $stage } is the stage's key, { $stage-name } its name.
interview-done = Thanks! Your interview is done and your story is { $stage-name }; it waits on { $stage ->
    [nominated] you (to start the interview)
    [invited] you (to start the interview)
    [interviewing] you (to answer)
    [answered] an admin (to review the draft)
    [drafted] an admin (to review the draft)
    [awaiting_approval] you (to approve the story)
    [changes_requested] an admin (you asked for changes)
    [edit_awaiting_review] an admin (to review the changes you made)
    [approved] the schedule (to be posted)
    [queued] the schedule (to be posted)
   *[other] nobody
    }.
# A hero's interview reminder: { $number } is the question they are at, of { $count }.
interview-reminder = A friendly reminder: your Spotlight interview is at question { $number } of { $count }. Send `resume` (or just your answer) whenever you have a few minutes.
# Someone with no interview writes to the bot.
hello-no-story = Hi! I'm Spotlight: I interview power users and share their success stories. You have no interview with me right now. `/spotlight help` shows what I can do.

## Forms (Slack modals), in the language of whoever opens them

form-cancel = Cancel
form-save = Save
form-older-version = This is an older version of your story; use the buttons on the newest message.
form-none = That button has no form.
form-unknown = That form is no longer valid.
changes-form-title = Request changes
changes-form-intro = Tell the admins what you'd like changed. They'll revise the story and send it back to you.
changes-form-submit = Send
changes-form-comment = What should change?
edit-form-title = Edit your story
edit-form-intro = Change any of your words. What you write here replaces the quote word for word, and you'll see the whole story again before approving.
edit-form-headline-too-long = A headline is one line of at most { $max } characters. Nothing was changed.
edit-form-quote-length = Each quote needs 1 to { $max } characters. Nothing was changed.
# { $id }: the story's number.
review-form-title = Review story { $id }
review-form-intro = Choose the answers to quote and propose a headline. The hero's words can't be changed here; the hero sees and approves the result.
review-form-quotes = Quote these answers
return-form-title = Send the edit back
# { $name }: the hero's name.
return-form-intro = { $name } sees your note with their story, and can reword it again, approve it as it is, ask for changes or opt out. Their words stay theirs.
return-form-note = What should they look at again?

## The admins' review cards, in each admin's DM

# { $hero }: the hero (a mention); { $id }: the story's number; { $stage }: its stage's name.
review-card-title = *Story { $id }* for { $hero } ({ $stage })
review-card-checks = *Checks*
review-card-answers = *Answers* (choose with `/spotlight quotes { $id } 1,2,…`)
# One answer: { $mark } ☑ if quoted, ☐ if not; its number, its key, its start (the hero's words).
review-card-answer = { $mark } { $n }. { $key }: “{ $text }”
review-card-no-answers = (no answers: the hero skipped every question)
review-card-change-request = *{ $hero } asked for changes:* “{ $request }”
review-card-button-approve = Approve & send to hero
review-card-button-review = Pick quotes & headline
review-how = Choose quotes with `/spotlight quotes { $id } 1,2,…` and propose a headline with `/spotlight headline { $id } <text>`.
# The checks of a draft, each after ✓ or ✗.
check-quote-share = quotes are { $share }% of the body (target ≥ { $target }%)
check-words = { $words } words (target under { $target })
check-takeaway = take-away present
check-takeaway-missing = take-away missing: the hero skipped it or it is not quoted
check-headline = headline present
check-headline-missing = headline missing: propose one with `/spotlight headline`
check-no-admin = no admin named
# { $names }: the admins named.
check-admin-named = names an admin ({ $names }): leave that quote out or ask the hero to edit it
# A hero's edit for the admins to review; the changes, word by word, follow.
edit-review-title = *Story { $id }* for { $hero }: the hero's changes to the text you sent, word by word (removed [-like this-], added {"{"}+like this+{"}"}):
edit-review-spacing-only = Only line breaks or spacing changed.
edit-review-approved = *The text { $hero } approved*
edit-review-closing = Accept it and it is queued as they approved it, or send it back with a note.
edit-review-button-accept = Accept edit
edit-review-button-return = Send back
edit-return-ask-note = What should the hero look at again? Send one message; it goes to them as you write it, with their story. (`cancel` to leave the edit waiting.)
edit-return-empty = Send a note for the hero (what to look at again), or `cancel`.
edit-return-cancelled = Nothing sent; the edit still waits for review. `/spotlight drafts` shows it.
edit-older = That is an older edit of this story. `/spotlight drafts` shows the one waiting.
# Above a review card.
admins-interview-finished = { $hero } finished their interview. Here is the draft to review:
# { $minutes }: the interview's time budget.
admins-interview-finished-short = { $hero } finished their interview. Time ran short of the { $minutes }-minute budget, so the questions that aren't essential were left out. Here is the draft to review:
admins-changes-requested = { $hero } asked for changes to story { $id }.
admins-approved-with-edits = { $hero } approved story { $id } with changes of their own. Please review them before it's queued.
# { $waited }: how long, by `waited`.
admins-reminder-draft = A reminder: the draft of { $hero }'s story has waited { $waited } for a review. Every interview is published in the end, so please review it.
admins-reminder-changes = A reminder: { $hero } asked for changes { $waited } ago and waits for the revised story.
admins-reminder-edit = A reminder: { $hero } approved their story with changes of their own { $waited } ago; it is queued once you accept them.
# Told to every admin; { $where } is approved-queued or approved-no-destination; { $admin } the admin who acted.
admins-hero-approved = { $hero } approved story { $id }. { $where }
admins-edit-accepted = { $admin } accepted { $hero }'s edit of story { $id }. { $where }
admins-edit-returned = { $admin } sent { $hero }'s edit of story { $id } back with a note: “{ $note }”
admins-opted-out = { $hero } opted out of story { $id }.
# Pressing a button that is gone.
button-unknown = That button is no longer valid. `/spotlight status` shows where things stand.
forget-cancelled = Nothing was removed: Spotlight keeps everything as it was.
# The question Slack asks before a person is forgotten.
forget-confirm-title = Forget for good?
forget-confirm-text = Everything Spotlight holds of this person is removed and their published posts deleted. This cannot be undone.
forget-confirm-yes = Forget
forget-confirm-no = Cancel
# The adoption chart on an admin's App Home: its title and what it shows, for those who can't see it.
chart-title = Adoption by group (each group's baseline = 100)
chart-alt = Adoption chart: each group's activity per person as an index of its own baseline (100), over time, with each story marked at its publication

## Publishing, told to the admins

# { $place }: a destination (by place-chatter…, a channel mention or an email address);
# { $arg }: how an admin types it; { $service }: by `service`; { $detail }: the service's own
# words (what to fix, its error code, why it is unclear), untranslated.
publish-paused = { $place } is paused: `/spotlight resume { $arg }` first.
publish-nothing-waiting = Nothing is waiting to be posted. `/spotlight queue` shows the queue.
publish-posted = Posted { $posts }.
publish-posted-one = story { $id } to { $place }
publish-not-posted = Story { $id } was not posted to { $place }: { $problem }
publish-blocked = { $service } refused it: { $detail }. Posting there is on hold until then; nothing is lost.
publish-refused = { $service } refused it ({ $detail }). It stays in the queue.
publish-uncertain = { $service } gave no clear answer ({ $detail }). I'll check whether it arrived before trying again.
admins-posting-works = Posting to { $place } works again.
# { $fix }: what to do, in the service's words; { $minutes }: how often it is tried again.
admins-destination-blocked = I can't post to { $place }: { $fix }. Stories for it keep their place in the queue; I'll try again every { $minutes } minutes, or right away after `/spotlight resume { $arg }`.
admins-scheduled-post-refused = { $service } refused story { $id } for { $place } ({ $code }). It stays in the queue for the next time.
# The service behind a kind of destination, at the start of a sentence.
service = { $kind ->
    [slack_channel] Slack
    [chatter] Salesforce
   *[email] The mail server
    }
# A Chatter group, by its name or, when unknown, its id.
place-chatter-named = the Chatter group “{ $name }”
place-chatter = the Chatter group { $id }

## Words used across messages

# A story's stage, by its key.
stage = { $stage ->
    [nominated] nominated
    [invited] invited
    [interviewing] interviewing
    [answered] answered
    [drafted] drafted
    [awaiting_approval] awaiting approval
    [changes_requested] changes requested
    [edit_awaiting_review] edited, awaiting review
    [approved] approved
    [queued] queued
    [published] published
   *[opted_out] opted out
    }
# How long something has waited: { $n } days, hours or minutes.
waited = { $unit ->
    [days] { $n }d
    [hours] { $n }h
   *[minutes] { $n }m
    }
# A picture under a story post, for readers who can't see it (in the default language):
# { $hero } is the hero's name, { $title } the picture's title as they gave it.
picture-alt = A picture { $hero } shared with their story: { $title }
# Why a step of a story was refused: { $what } is what was refused, by `doing`; { $stage }
# the story's stage, by `stage`.
refused-only-hero = Sorry, only the hero of this story can { $what }.
refused-only-admin = Sorry, only a Spotlight admin can { $what }; ask an admin, or suggest a colleague with `/spotlight suggest @name`.
refused-no-dropping = Sorry, stories can't be dropped: every hero who approves their story gets published, in turn. Only the hero can opt out.
refused-wrong-stage = Sorry, this story is { $stage }, so it can't { $what } now.
doing = { $what ->
    [answer-interview] answer this interview
    [approve-drafts] approve drafts
    [approve-story] approve their story
    [ask-changes] ask for changes
    [be-approved] be approved
    [be-drafted] be drafted
    [be-edited] be edited
    [be-invited-again] be invited again
    [be-published] be published
    [be-queued] be queued
    [be-revised] be revised
    [be-revised-during-review] be revised while the hero is reviewing it
    [be-sent-to-hero] be sent to the hero
    [be-withdrawn] be withdrawn
    [change-words] change the words of their story
    [finish-interview] finish the interview
    [have-edit-reviewed] have an edit reviewed
    [nominate] nominate someone
    [opt-out] opt out of it
    [review-edit] review a hero's edit
    [review-drafts] review drafts
    [start-interview] start an interview
   *[take-change-request] take a change request
    }
# A story that is not there (a button or command naming it); { $id } its number, { $hero } a mention.
story-none = There is no story { $id }. `/spotlight status` lists them.
story-none-of = { $hero } has no story. Nominate them with `/spotlight nominate { $hero }`.

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
## Slack: what the adapter itself tells people

# A request failed every time it was tried and was set aside. { $what } is the kind of
# request (command, interaction or event: a message); { $attempts } how many tries.
slack-set-aside = Sorry, something went wrong with { $what ->
    [command] your command
    [interaction] your click
   *[other] your message
    } and I couldn't handle it (I tried { $attempts } times). The admins can see it in `/spotlight status`. Please try again in a while.
# Someone who is not an admin sent a usage export (a CSV) in a DM.
slack-export-admins-only = Only Spotlight admins can import usage data, so I haven't read or kept this file. If it should be imported, ask an admin to send it to me.
# A hero sent a picture with no text while answering.
slack-picture-needs-words = Thanks for the picture! Your story quotes your own words, so please send your answer as text too (the picture alone isn't saved as an answer).
# A button that opens a form was pressed, but Slack didn't open the form in time.
slack-form-not-opened = Slack didn't let me open the form in time. Please press the button again.

## Usage exports: what was skipped or assumed, and what is wrong with a line
# Shown to the admin who imports an export (in Slack or with `spotlight import-usage`).
# Column names and values are the file's own, as written.

# The file's encoding, named by its byte order mark ({ $encoding }: UTF-16LE…).
usage-note-read-as = read as { $encoding }
usage-note-not-utf8 = read as Windows-1252 (it is not UTF-8)
# { $by } is tabs or semicolons (Excel's CSV where numbers have a decimal comma).
usage-note-separated = columns separated by { $by ->
    [tabs] tabs
   *[other] semicolons, numbers read with a decimal comma (1.234,5)
    }
# A report's footer lines { $first } to { $last }, skipped; { $lines } are their words.
usage-note-footer = skipped the report's footer (line { $first }–{ $last }: { $lines })
usage-note-footer-count = the footer counts { $stated } records but the file has { $found } data lines: check the export is complete
# A bad line: its number as an editor shows it, and what is wrong with it.
usage-line = line { $line }: { $problem }
usage-header-unreadable = the header row cannot be read: { $error }
# The admin named a column the file doesn't have; { $columns } lists those it has.
usage-no-such-column = there is no column named "{ $name }"; the columns are: { $columns }
usage-no-user-column = no user column found (looked for an email, user, owner or full name, also as Owner: Email); name it with --user-column; the columns are: { $columns }
usage-no-metric = no numeric activity column found; name them with --metric
usage-line-unreadable = cannot be read: { $error }
usage-empty-user = the user ({ $column }) is empty
usage-not-a-number = { $column } is "{ $value }", not a number
usage-empty-period = the period ({ $column }) is empty
usage-not-a-period = { $column } is "{ $value }", not a date, week, month or quarter (such as 2026-10-05, 10/5/2026, Sep 7, 2026, Oct 2026, 2026-W40, 2026-Q3)
usage-dates-ambiguous = the dates in { $column } read both month/day and day/month ("{ $example }" is one of them): say which with --date-order mdy (month/day/year, as in the US) or --date-order dmy (day/month/year)
usage-dates-mixed = the dates in { $column } mix month/day ("{ $month-first }", line { $month-line }) and day/month ("{ $day-first }", line { $day-line }): fix the file so that it uses one order

## Usage imports: what the admin who sent or ran one is told

# An admin sent an export in Slack. { $file } is its name; the counts are what was read.
import-done = Imported *{ $file }*: { $figures } figures for { $people } people over { $periods } periods (metrics: { $metrics }). { $matched } of them matched to Slack users.
# Something skipped or assumed while reading (one of the usage-note-… messages).
import-note = Note: { $note }
# The people in the file no Slack user was found for.
import-unmatched = Not matched to a Slack user ({ $count }; their figures are kept and shown by name): { $people }
import-not-looked-up = { $count } of those emails could not be looked up in Slack (it failed or took more than { $seconds } s in all); send the file again later to match them.
import-next = See `/spotlight candidates` for who to feature next.
# The file couldn't be downloaded; { $why } is one of the file-… messages.
import-not-read = I couldn't read *{ $file }*, so nothing was imported: { $why }
# The file has bad lines, listed after this (each a usage-line).
import-refused = *{ $file }* was not imported (nothing was changed), because:
import-refused-fix = Fix those lines and send the file again. If a line asks for a setting (`--date-order`, `--user-column`, `--metric`), run `/spotlight import` with it (`/spotlight import --date-order dmy`), then send the file.
# `spotlight import-usage FILE` on the server: what it prints.
import-usage-done = imported { $figures } figures for { $people } people over { $periods } periods (metrics: { $metrics })
import-usage-note = note: { $note }
import-usage-unmatched = { $count } people could not be matched to a Slack user; their figures are kept and shown by name: { $people }
import-usage-refused = { $file } was not imported (nothing was changed), because:
import-usage-no-token = (set SLACK_BOT_TOKEN, or the OAuth install's settings, to match emails to Slack users)

## Files people share with the bot: why one could not be read

# Slack's files.info refused; { $code } is Slack's error code.
file-refused = Slack refused to show it to me ({ $code }). If it says `missing_scope`, reinstall the app so it has the `files:read` scope.
file-no-address = Slack gave no address to download it from (is it a file hosted elsewhere?). Upload the file itself.
file-too-slow = the download took longer than { $seconds } s. Please send it again in a while.
file-too-large = it is larger than { $mib } MiB. Split it (a few months at a time) and send the parts.
# { $status } is the HTTP status; { $sign-in } is yes when Slack answered with its sign-in page.
file-download-refused = Slack refused the download (HTTP { $status }{ $sign-in ->
    [yes] , a sign-in page
   *[other] {""}
    }). Reinstall the app so it has the `files:read` scope, then send the file again.

## Dates, as people read them

# A day written out: "24 October 2026". { $month } is its number, 1 to 12.
date-long = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
    } { $year }

## The digest (`spotlight digest`): read by the whole workspace, in its language

# The digest's title; { $dates } is digest-date-range.
digest-title = Spotlight stories, { $dates }
# The days a digest covers, each a date-long.
digest-date-range = { $first } – { $last }
# Under each story: its hero (their name), where it was posted ({ $channels }; { $where }
# is none when it was posted in no channel) and when.
digest-byline = { $hero }, posted{ $where ->
    [none] {""}
   *[other] {" "}in { $channels }
    } on { $date }
# When the period holds no story (printed for whoever makes the digest); { $period }
# is one of the digest-period-… messages.
digest-empty = No stories were published { $period }.
# The period asked for with --since 30d: { $n } { $unit } (days or hours), or when
# it is neither, { $span } as written (1day 30m).
digest-period-last = in the last { $unit ->
    [days] { $n ->
        [one] 1 day
       *[other] { $n } days
        }
    [hours] { $n ->
        [one] 1 hour
       *[other] { $n } hours
        }
   *[other] { $span }
    }
# …with --since 30d --until a day: { $last } is the period's last day (a date-long).
digest-period-up-to = in the { $unit ->
    [days] { $n ->
        [one] 1 day
       *[other] { $n } days
        }
    [hours] { $n ->
        [one] 1 hour
       *[other] { $n } hours
        }
   *[other] { $span }
    } up to { $last }
# …with --since a date.
digest-period-between = between { $first } and { $last }

## Stories by email: the readers' language (the workspace's)

# The subject of a story's email when the story has no headline; { $hero } is their name.
email-subject = A Spotlight story: { $hero }

## The poster (`spotlight poster`): read by everyone, in the workspace's language

# Its footer, beside the hero's photo; { $hero } is their name.
poster-ask = Ask { $hero } how
# Where and when it was posted, as far as known: { $shape } is both, channels, date or
# none; { $channels } like "#wins, #sales"; { $date } a date-long.
poster-posted = { $shape ->
    [both] Posted in { $channels } on { $date }
    [channels] Posted in { $channels }
    [date] { $date }
   *[none] {""}
    }
# What the QR code is, for screen readers.
poster-qr = QR code to the story's thread in Slack
# Under the QR code.
poster-scan = Scan to ask { $hero } in the thread

## Destinations: what an admin can do when one refuses a story (or can't be added)
# Told to admins when posting fails or a destination is added. { $channel } is a Slack
# channel ID (shown as a link), { $group } a Chatter group ID, { $server } a mail server
# (host:port), { $address } an email address, { $sender } Spotlight's From address;
# { $error } is the other side's own words, as they came.

fix-slack-not-in-channel = the bot is not a member of <#{ $channel }>: invite it with `/invite @Spotlight` in the channel
fix-slack-channel-not-found = <#{ $channel }> was not found (deleted, or private without the bot): check it and invite the bot
fix-slack-archived = <#{ $channel }> is archived: unarchive it, or pause it with `/spotlight pause <#{ $channel }>`
fix-slack-token = Slack refused the bot token: reinstall the app and update SLACK_BOT_TOKEN
fix-slack-installed-token = Slack refused the installed bot token: install the app again at { $url }
fix-slack-not-installed = Spotlight is not installed in the workspace (uninstalled, or its tokens revoked): install it again
fix-slack-restricted = posting in <#{ $channel }> is restricted: allow the app to post there
fix-chatter-group-not-found = Chatter group { $group } was not found, or Spotlight's Run As user cannot see it: check the group ID and add the Run As user to the group
fix-chatter-no-access = Spotlight's Run As user may not post in Chatter group { $group }: add them to the group as a member
# { $name } is the group's name in Salesforce.
fix-chatter-private = "{ $name }" ({ $group }) is a private Chatter group and Spotlight's Run As user is not a member: add them to the group
fix-chatter-api-disabled = Salesforce refused the Chatter API: make sure Chatter is enabled and the Run As user has the API Enabled permission
fix-chatter-session = Salesforce refused Spotlight's fresh access token: make sure the connected app's Run As user is active and has the API Enabled permission
# { $said } is yes when Salesforce said why ({ $error }: its code and description).
fix-chatter-sign-in = Salesforce refused Spotlight's sign-in{ $said ->
    [yes] {" "}({ $error })
   *[other] {""}
    }: check that SPOTLIGHT_SALESFORCE_CLIENT_ID and SPOTLIGHT_SALESFORCE_CLIENT_SECRET are the connected app's consumer key and secret, and that the app has the client credentials flow enabled with a Run As user
fix-chatter-redirected = Salesforce redirected the sign-in at { $url }: set SPOTLIGHT_SALESFORCE_URL to the org's My Domain address (like https://acme.my.salesforce.com)
# A kind of destination ({ $kind }: chatter or email) that is not set up.
fix-not-set-up = { $kind ->
    [chatter] Chatter isn't set up: set SPOTLIGHT_SALESFORCE_URL, SPOTLIGHT_SALESFORCE_CLIENT_ID and SPOTLIGHT_SALESFORCE_CLIENT_SECRET (README: "Salesforce Chatter") and restart Spotlight
    [email] email isn't set up: set SPOTLIGHT_SMTP_HOST and SPOTLIGHT_EMAIL_FROM (README: "Email") and restart Spotlight
   *[other] this destination isn't set up
    }
fix-email-bad-address = "{ $address }" isn't an email address Spotlight can send to ({ $error })
fix-email-bad-destination = "{ $address }" isn't an email address Spotlight can send to ({ $error }): remove this destination and add it again with a valid address
fix-email-no-noop = the mail server { $server } accepted the connection but didn't answer a NOOP: check that SPOTLIGHT_SMTP_HOST and SPOTLIGHT_SMTP_PORT point at an SMTP server
fix-email-no-starttls = the mail server { $server } doesn't offer STARTTLS: set SPOTLIGHT_SMTP_TLS=tls if it expects TLS from the start (usually port 465), or point SPOTLIGHT_SMTP_HOST and SPOTLIGHT_SMTP_PORT at a server that offers STARTTLS
fix-email-no-smtputf8 = the mail server { $server } can't take addresses with non-ASCII characters (SMTPUTF8): use an ASCII address for { $address }
fix-email-no-8bitmime = the mail server { $server } can't take 8-bit messages (8BITMIME)
fix-email-sign-in-refused = the mail server { $server } refused Spotlight's sign-in ({ $error }): check SPOTLIGHT_SMTP_USER and SPOTLIGHT_SMTP_PASSWORD
fix-email-sign-in-required = the mail server { $server } requires a sign-in ({ $error }): set SPOTLIGHT_SMTP_USER and SPOTLIGHT_SMTP_PASSWORD
fix-email-encryption-required = the mail server { $server } requires encryption or a sign-in first ({ $error }): check SPOTLIGHT_SMTP_TLS, SPOTLIGHT_SMTP_USER and SPOTLIGHT_SMTP_PASSWORD
fix-email-sender-refused = the mail server { $server } refused the sender { $sender } ({ $error }): set SPOTLIGHT_EMAIL_FROM to an address Spotlight's account may send as
fix-email-recipient-refused = the mail server { $server } refused to deliver to { $address } ({ $error }): check the address, or ask the mail admin to let { $sender } send to it
fix-email-too-large = the mail server { $server } refused the email to { $address } as too large ({ $error }): ask the mail admin to raise the limit
fix-email-content-refused = the mail server { $server } refused the email to { $address } ({ $error }): ask the mail admin why (a spam or policy filter?)
fix-email-refused = the mail server { $server } refused Spotlight ({ $error }): check the SPOTLIGHT_SMTP_ settings, or ask the mail admin
fix-email-tls = the TLS handshake with the mail server { $server } failed ({ $error }): check SPOTLIGHT_SMTP_TLS (starttls for port 587, tls for port 465) and, for a relay with a private CA, SPOTLIGHT_SMTP_CA_FILE
fix-email-connect = couldn't connect to the mail server { $server } ({ $error }): check SPOTLIGHT_SMTP_HOST and SPOTLIGHT_SMTP_PORT, and that the server is up
fix-email-no-sign-in-mechanism = the mail server { $server } offers no sign-in Spotlight can use (PLAIN or LOGIN) ({ $error }): check SPOTLIGHT_SMTP_TLS (many servers offer sign-in only over TLS), or unset SPOTLIGHT_SMTP_USER and SPOTLIGHT_SMTP_PASSWORD for a relay that needs none
fix-email-unbuildable = failed to build the email for { $address } ({ $error })

## The results report (`/spotlight report`, `spotlight report`)
# Numbers, dates, group and metric names are put in as they are. An audience is a
# usage group tied to where a story was posted.

# Where there is no number.
report-no-number = n/a
# Where a list of periods or groups is empty.
report-none = none
# The name of the measure that combines every metric.
report-combined = Combined (normalised)
# An audience in a sentence, when a side of the publication has no period yet:
# { $missing } is after or before; { $during } is report-during, or empty.
report-audience-too-soon = { $group }: not enough data yet (no period wholly { $missing ->
    [before] before
   *[after] after
    } publication{ $during })
report-audience-no-activity = { $group }: no activity recorded
# { $others } is report-others or report-no-others; { $during } report-during or empty.
report-audience = { $group }: { $before } before ({ $periods-before } periods) → { $after } after ({ $periods-after } periods), { $change }{ $others }{ $during }
report-during = , publication period { $period } apart
report-others = ; groups without a story { $change }, difference { $difference }
report-no-others = ; no group without a story to compare with
report-no-audience = no audience tied to its channels
# A cell with no "after" yet.
report-too-soon = not enough data yet
report-caveat = Each audience's periods are split by the story's publication: the mean of the last few wholly before, the period containing it (shown apart, counted on neither side) and the mean of those wholly after; beside it, the same change for groups that had no story then. Combined = each metric per person divided by its average over everyone, then averaged (1.00 = an average person). It shows a change, not its cause.
# The header row of the Markdown report's table of stories (keep the | between cells).
report-table-head = | Story | Hero | Headline | Published | Channels | Members | Reactions | Replies | People | Audience, combined per person |
# Above each audience's measures in the Markdown report.
report-audience-heading = Story { $story }, { $group }
# { $baseline } is how many periods before make the baseline; { $published } when the
# story was published; the others list periods or groups (or report-none).
report-audience-periods = Wholly before (the last { $baseline } at most): { $before }. Containing the publication ({ $published }), shown apart: { $during }. Wholly after: { $after-count } ({ $after }). Compared with groups without a story then: { $others }.
report-measures-head = | Per person | Before | Publication period | After | Change | Others' change | Difference |
# One story in Slack (mrkdwn): { $reached } is yes when { $reach } (channel members) is
# known; { $audiences } the audiences' sentences.
report-story-line = • Story { $story } ({ $hero }), { $date }: “{ $headline }” in { $channels }{ $reached ->
    [yes] {" "}(reach { $reach })
   *[other] {""}
    }: { $reactions } reactions, { $replies } replies, { $people } people; { $audiences }

## The adoption chart (a picture: its words, title and alt text)

chart-caption = Adoption by group: activity per person, each group's own baseline = 100
chart-axis = index (baseline = 100; metrics normalised, then combined)
# Beside the line that marks a story's publication ({ $date }: YYYY-MM-DD).
chart-story = story { $story }, { $date } (its period shaded)
# When there is nothing to draw.
chart-no-data = there is no usage data by group over time to chart: import an export with a group column (team, region, role) and a period column (a date, week, month or quarter) with `spotlight import-usage FILE.csv`

## Destinations as admins type them

# What an admin typed ({ $typed }) where a destination goes is not one.
destination-unknown = "{ $typed }" is not a destination: name a channel like #wins, a Chatter group like chatter:0F9… or an email address like news@acme.com
destination-not-chatter = "{ $typed }" is not a Chatter group ID: it starts with 0F9 and has 15 or 18 letters and digits (open the group in Salesforce; the ID is in the address bar)
destination-not-email = "{ $typed }" is not an email address

## Usage periods: what an admin typed for the date order

period-bad-date-order = the date order is "{ $typed }": say mdy (month/day/year, as in the US) or dmy (day/month/year)

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

## /spotlight: the replies to each command
# To the person who typed it, in their language. { $hero } and { $by } are mentions,
# { $id } a story's number, { $place } a destination as messages name it (a channel
# mention, "the Chatter group …", an email address), { $destination } as it is typed in
# a command (<#C…>, chatter:0F9…, an address).

# Someone who is not an admin typed an admin's command ({ $command }, as typed).
command-admins-only = Sorry, `/spotlight { $command }` is for Spotlight admins. You can `/spotlight suggest @colleague` for the spotlight, or see `/spotlight help`.
import-send-file = Send me the export in our direct messages within { $minutes } minutes: the next file you send is imported with these settings, whatever its type. (On the server: `spotlight import-usage FILE` with the same flags.)
# Above the report's lines (one per published story).
report-title = *Results* (each audience's activity per person, metrics normalised then combined: the mean of the last periods wholly before a story → the mean of those wholly after, the period containing it apart, beside groups with no story then; a change, not its cause)
report-nothing-published = No story has been published yet.
report-csv-title = Results report (CSV)
# Why there is no chart: { $why }.
report-no-chart = No chart: { $why }
report-in-dm = The results are in our direct messages: the summary, the adoption chart and the report as CSV.
# { $group }: a group of the usage data, as the admin typed it.
audience-tied = { $place } is read by { $group }: `/spotlight report` compares that group's activity before and after each story posted there.
opt-out-nothing = You have no story in progress, so there is nothing to opt out of.
# { $set }: the set named after --set; { $sets }: the sets there are.
nominate-no-such-set = There is no question set “{ $set }”. The sets are: { $sets }. Leave out `--set` for the default one (interview.toml).
nominate-already = { $hero } already has story { $id } in progress ({ $stage }).
nominated = Nominated { $hero } (story { $id }). I've sent them an invitation; `/spotlight status` shows where it stands.
# To each admin: someone ({ $by }) suggests a colleague ({ $hero }), with their reason
# ({ $note }, as typed) when they gave one.
suggestion = { $by } suggests { $hero } for the spotlight.
suggestion-with-note = { $by } suggests { $hero } for the spotlight. Why: “{ $note }”
suggestion-button-nominate = Nominate
suggestion-thanks = Thanks! I've passed your suggestion of { $hero } to the Spotlight admins.
# Above a story's log (`/spotlight history`).
history-title = *Story { $id }* { $hero }: { $stage }, waits on { $waits }
history-empty = Nothing has been recorded for it yet.
# One line of the log: { $who } (a person or Spotlight) did { $what }, one of the
# event-… messages below (or, for lines older than them, the line as it was written).
history-line = • { $when }: { $who } { $what }
# What happened to a story, as its log says it after the person or Spotlight who did it.
event-nominated = nominated and invited
event-started-interview = started the interview
event-interview-finished = finished the interview: the draft is ready
# { $keys }: the questions' keys, as in interview.toml, comma-separated.
event-chose-quotes = chose the quotes: { $keys }
event-proposed-headline = proposed a headline
event-sent-for-approval = sent it for the hero's approval
event-edited = edited { $keys }
event-edited-in-chat = edited { $key } in chat
event-picture-left-out = left out picture { $n }
event-picture-back = put back picture { $n }
event-approved = approved version { $version }
event-approved-with-edits = approved version { $version } with their own edits, for the admins' review
event-accepted-edit = accepted the hero's edit (version { $version })
event-sent-edit-back = sent the hero's edit back with a note
event-asked-for-changes = asked for changes
event-opted-out = opted out
event-queued = queued it
# { $destination }: where, as Slack shows it (a channel link, an address).
event-posted = posted it to { $destination }
event-thanked-hero = thanked the hero with the story's reach
event-reminded-hero = reminded the hero
event-reminded-admins = reminded the admins
# `/spotlight status` for someone who is not an admin: their latest story.
status-yours = Your story ({ $id }) is { $stage }; it waits on { $waits }.
status-no-story = You have no story in Spotlight yet. Know a power user? `/spotlight suggest @colleague`.
# `/spotlight status` for admins: the pipeline.
status-empty = No stories yet. Start with `/spotlight nominate @person`.
status-title = *Spotlight pipeline*: { $open } open
# Where an interview is, in brackets after its stage.
status-question = question { $number } of { $count }
status-question-paused = question { $number } of { $count }, paused
# How many times the story's hero or admins were reminded, in brackets at the end of its line.
status-nudged = { $times ->
        [one] nudged once
       *[other] nudged { $times } times
    }
# One open story: { $detail } is status-question in brackets or nothing, { $waited } how
# long since its last move ("waited"), { $nudged } status-nudged in brackets or nothing.
status-line = • Story { $id } { $hero }: { $stage }{ $detail }; waits on { $waits } for { $waited }{ $nudged }
status-longest-wait = Longest wait on the admins: story { $id } { $hero } ({ $stage }), for { $waited }.
status-published = Published: { $published }. Opted out: { $opted }.
# One published story: { $when } when it was posted, then what it got.
status-published-line = • Story { $id } { $hero }, posted { $when }: { $reactions } reactions, { $replies } replies, { $people } people
# Above the requests Spotlight gave up on (each: its kind, its key, when, the error).
status-set-aside = :warning: *Requests I could not handle* (set aside after { $tries } tries; the people who sent them were told; the log has the details):
# One of them: its { $kind }, its { $key }, when, and the { $error } as logged.
status-set-aside-line = • { $kind } ({ $key }), { $when }: { $error }
# `/spotlight queue`: approved stories in the order they will be posted.
queue-title = *Publishing queue* (first approved, first posted)
queue-empty = Nothing is waiting to be posted.
queue-no-destination = waiting for a channel (`/spotlight channel add #channel`)
queue-posted = { $place } posted
queue-waiting = { $place } waiting
# { $n }: its place in the queue; { $where }: queue-posted or queue-waiting for each destination.
queue-line = { $n }. Story { $id } { $hero }, approved { $when }: { $where }
# The App Home of admins: the pipeline, the queue, then the results.
home-chart-drawn = The adoption chart below was drawn { $when } from the figures imported by then; `/spotlight report` draws it anew and sends it with the report as CSV to our direct messages.
home-chart-none = `/spotlight report` sends the adoption chart and the report as CSV to our direct messages, and shows the chart here.
home-results-title = *Results*
home-admin-hint = Review drafts with `/spotlight drafts`; `/spotlight help` lists every command.
# The App Home of everyone else.
home-no-story = *Spotlight* shares the success stories of colleagues who get the most out of our tools.
    You have no story yet. Know a power user? `/spotlight suggest @colleague`.
# Above their story's text (the hero's words, as approved).
home-yours = *Your Spotlight story* ({ $stage })
    It waits on { $waits }.
home-approve-from-dm = Approve, edit or opt out from my direct message to you.
home-so-far = So far: { $reactions } reactions and { $replies } replies from { $people } people.
# `/spotlight destinations` (also under the queue).
destinations-none = *Destinations*: none yet. Add a Slack channel with `/spotlight channel add #channel` (or a Chatter group or an email list: `/spotlight destination add chatter <group id>`, `… email <address>`).
destinations-title = *Destinations*
# When a destination posts: its cron expression, its zone, the next time.
destinations-schedule = posts on `{ $cron }` ({ $zone }), next { $next }
destinations-never-again = never again
destinations-schedule-broken = schedule is broken ({ $error }); set a new one with `/spotlight schedule`
destinations-no-schedule = no schedule yet (`/spotlight schedule "0 9 * * MON"`); `publish-next` posts now
destinations-paused = *paused* (`/spotlight resume { $destination }`)
# { $why }: what the destination refused, and what to fix.
destinations-on-hold = *on hold*: { $why }
destinations-read-by = read by { $group }
# One destination: { $when } its schedule, then ", " and destinations-read-by when an
# audience is tied to it, then " — " and destinations-paused or -on-hold when it is.
destinations-line = • { $place }: { $when }{ $audience }{ $paused }
# `/spotlight candidates`: likely heroes from the usage data. { $share } and { $score }
# are percentages, already written with their decimals.
candidates-no-data = No usage data yet. Send me the export from your tool (a CSV with a header row naming the user, their group, the period and numeric activity columns) in a direct message, or run `spotlight import-usage FILE.csv` on the server.
candidates-lagging-title = *Lagging groups and their own best peers* (lowest adoption first; a group copies its own)
candidates-lagging-group = • { $group } ({ $people ->
        [one] 1 person
       *[other] { $people } people
    }, { $share }% of the best per person):
candidates-no-peers = no one with activity who isn't featured yet
candidates-overall-title = *Likely power users* (not yet featured, admins and system accounts left out; top quarter of everyone in how many periods, and their average share of the period's best, each metric weighted equally)
candidates-all-featured = Everyone with activity has been featured already.
candidates-audiences-title = *Audiences* (lowest adoption first, latest period; each person's share of the best, averaged)
candidates-audience = • { $group }: { $share }% ({ $people ->
        [one] 1 person
       *[other] { $people } people
    })
# { $name }: the candidate's name.
candidates-button-nominate = Nominate { $name }
# { $user }: a person of the usage data as the file names them.
candidates-not-matched = { $user } (not matched to a Slack user)
# { $who }: the candidate (and their group in brackets).
candidates-line = { $who }: top in { $top } of { $periods } periods, { $score }% of the best on average
drafts-none = No drafts waiting. Drafts appear here when a hero finishes their interview.
# { $text }: the story's text as sent to the hero.
drafts-awaiting-approval = *Story { $id }* for { $hero }: waiting for the hero's approval of this text:

    { $text }
quotes-no-such-answer = Story { $id } has { $count } answers, so there is no answer { $number }. `/spotlight drafts` numbers them.
# Above the story's review card.
quotes-updated = Quotes updated.
headline-too-long = A headline is one line of at most { $max } characters.
headline-proposed = Headline proposed; the hero sees it when you approve.
# { $why }: why the story is too long for the destination.
approve-too-long = Story { $id } was not sent to the hero: { $why }.
approve-sent = Sent story { $id } to { $hero } for approval.
# Above the checks of the draft that did not pass.
approve-checks-failing = Note, some checks did not pass:
destination-not-added = { $place } isn't a Spotlight destination yet: add it with `/spotlight destination add { $destination }` first (`/spotlight destinations` lists them).
destination-already = { $place } is already a Spotlight destination.
# { $why }: what the destination's service answered.
destination-cannot-add = I can't add { $place }: { $why }. Nothing was changed.
# Followed by what to know of its kind (destination-added-channel, -chatter, -email).
destination-added = Added { $place }. Stories are published there with `/spotlight publish-next { $destination }`, or on a schedule: `/spotlight schedule "0 9 * * MON" { $destination }`; `/spotlight pause { $destination }` holds them.
destination-added-channel = Make sure the bot is invited to the channel.
destination-added-chatter = Stories appear there as posts by Salesforce's integration user, with the hero @-mentioned when their Salesforce user is found by email.
destination-added-email = Each story goes there as one email (HTML and plain text).
destination-not-one = { $place } is not a Spotlight destination (`/spotlight destinations` lists them).
destination-still-waiting = Stories are still waiting to be published to { $place }, so it stays: every approved story gets published. Pause it with `/spotlight pause { $destination }` instead.
destination-removed = Removed { $place }.
# { $error }: what is wrong with the cron expression or zone (cron-bad, cron-bad-zone).
schedule-refused = { $error }. Nothing was changed.
schedule-nowhere = There is nowhere to schedule yet: `/spotlight channel add #channel` (or `/spotlight destination add …`) first.
schedule-never = never (the expression has no future time)
# { $places }: the destinations scheduled; { $next }: the next time.
schedule-set = { $places }: one story per `{ $cron }` ({ $zone }). Next: { $next }.
pause-no-destinations = There are no destinations yet: `/spotlight channel add #channel`.
# { $place } of pause-done and resume-done when no destination was named.
pause-every-destination = every destination
pause-done = Paused posting to { $place }. Approved stories keep their place in the queue; `/spotlight resume` restarts.
resume-done = Posting to { $place } is back on.

## Words that status views and replies share

# Who a story at { $stage } waits on, as admins read it.
waits-on = { $stage ->
        [nominated] the hero (to start the interview)
        [invited] the hero (to start the interview)
        [interviewing] the hero (to answer)
        [answered] an admin (to review the draft)
        [drafted] an admin (to review the draft)
        [awaiting_approval] the hero (to approve the story)
        [changes_requested] an admin (the hero asked for changes)
        [edit_awaiting_review] an admin (to review the changes the hero made)
        [approved] the schedule (to be posted)
        [queued] the schedule (to be posted)
       *[other] nobody
    }
# The same, as the story's hero reads it.
waits-on-you = { $stage ->
        [nominated] you (to start the interview)
        [invited] you (to start the interview)
        [interviewing] you (to answer)
        [answered] an admin (to review the draft)
        [drafted] an admin (to review the draft)
        [awaiting_approval] you (to approve the story)
        [changes_requested] an admin (you asked for changes)
        [edit_awaiting_review] an admin (to review the changes you made)
        [approved] the schedule (to be posted)
        [queued] the schedule (to be posted)
       *[other] nobody
    }
# A time: { $weekday } (mon, tue…), { $date } (2026-11-23), { $time } (09:00), { $zone } (UTC, CET…).
time = { $weekday ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    } { $date } { $time } { $zone }
# What separates a number's whole part from its decimals.
decimal-point = .

## /spotlight forget: what goes, the confirmation, the deletions
# { $who } is a mention; { $place } a destination as messages name it; { $sent } when
# the post was sent, in brackets (forget-sent), or nothing. After the removal, the texts
# never name the person.

forget-admins-only = Sorry, only Spotlight admins can have someone else forgotten. To have yourself forgotten: `/spotlight forget me`.
forget-nothing = Spotlight holds nothing of { $who }: there is nothing to forget.
forget-nothing-of-you = Spotlight holds nothing of you: there is nothing to forget.
# A post of theirs is being sent right now: forgetting waits for it.
forget-not-yet = Not yet: the post to { $place } is being posted right now, or had no clear answer from its destination and is being checked. Try again in a minute, once it is settled: then it can be deleted too.
forget-nothing-removed = Nothing was removed: the post to { $place } is being posted right now, or had no clear answer from its destination and is being checked. Try again in a minute, once it is settled: then it can be deleted too.
forget-button = Forget
forget-button-keep = Keep everything
forget-no-one = That button names no one. Start again with `/spotlight forget`.
forget-nothing-any-more = Spotlight holds nothing of this person (any more): there was nothing to forget.
# To the other admins, above the result, when someone had themselves forgotten.
forget-someone-asked = Someone asked to be forgotten, and was.
# Above the list of what would be removed.
forget-preview = *Forget { $who }?* This removes everything Spotlight holds of { $who }, for good:
forget-preview-you = *Forget you?* This removes everything Spotlight holds of you, for good:
# What is held, one line each. { $list }: their stories (forget-story), { $stage } a stage.
forget-stories = { $count ->
        [one] 1 story
       *[other] { $count } stories
    }: { $list }
forget-story = story { $id } ({ $stage })
forget-answers = { $count ->
        [one] 1 answer
       *[other] { $count } answers
    } ({ $wordings ->
        [one] 1 stored wording
       *[other] { $wordings } stored wordings
    } in all, earlier wordings included)
forget-drafts = { $count ->
        [one] 1 story text
       *[other] { $count } story texts
    } (drafts, the approved text, the text the admins sent)
forget-usage-figures = { $count ->
        [one] 1 usage figure
       *[other] { $count } usage figures
    }
forget-messages = { $count ->
        [one] 1 message or request kept
       *[other] { $count } messages and requests kept
    } (to, from or about them)
forget-other = { $count ->
        [one] 1 other trace (reactions, replies, reply notices, thank-yous)
       *[other] { $count } other traces (reactions, replies, reply notices, thank-yous)
    }
forget-preview-posts = *Published posts:*
forget-preview-no-posts = *Published posts:* none.
# Their published posts, one line each.
forget-post-deleted = { $place }{ $sent }: deleted there
forget-post-email = the email to { $place }{ $sent }: *cannot be recalled*, an email once sent stays in its readers' mailboxes (ask them to delete it if it matters)
forget-post-pending = the post waiting for { $place }: never sent, removed from the queue
# { $when }: when the post was sent.
forget-sent = sent { $when }
forget-preview-closing = Nothing is removed until you press *Forget*; nothing can be undone after.
# Above the list of what was removed.
forget-result = *Forgotten.* Spotlight no longer holds anything of this person. Removed:
forget-result-deleting = *Deleting the published posts* in { $places }: under way; I'll tell you when they are gone, or what went wrong.
forget-result-not-recalled = *Not recalled:* the email to { $place }{ $sent }. An email once sent cannot be taken back: ask its readers to delete it if it matters.
# Once every deletion is settled; { $when }: when the person was forgotten.
forget-report = *Deleting the posts of the person forgotten { $when }:* done.
forget-report-deleted = • { $place }: deleted.
# { $why }: what { $service } answered (forget-refused…, forget-unclear).
forget-report-not-deleted = • { $place }: *not deleted*: { $why }. Please delete it by hand in { $service }: open the post and choose Delete
forget-retry = Deleting the post in { $place } (of a person forgotten) failed: { $why }. I'll ask { $service } again in { $wait }; nothing for you to do yet.
forget-wait = { $unit ->
        [seconds] { $n } s
       *[minutes] { $n } min
    }
# What the service answered: { $code } its error code, { $fix } what to do, { $error } and
# { $why } its own words.
forget-refused-fix = { $service } refused ({ $code }): { $fix }
forget-refused = { $service } refused it ({ $code }): { $error }
forget-unclear = { $service } gave no clear answer ({ $why })

## The command line's notes to whoever runs it (on stderr): what a digest or poster
## left out and why, and where a file was written. { $story } is a story's number.
# { $count }: how many pictures the hero chose.
cli-digest-pictures-need-out = story { $story } has { $count } picture(s) its hero chose: give --out FILE to have them written beside the digest
cli-picture-not-an-image = picture { $n } of story { $story } is left out: Slack's file is not an image
# { $made }: `digest` or `poster`, what the pictures would be shown in.
cli-pictures-need-token = story { $story } has { $count } picture(s) its hero chose, read from Slack with the bot token: set SLACK_BOT_TOKEN to { $made ->
        [poster] show them (this poster has none)
       *[digest] include them
    }
# { $why }: what Slack answered.
cli-picture-unreadable = picture { $n } of story { $story } could not be read from Slack: { $why }
cli-picture-left-off = picture { $n } is left off: { $why }
# { $hero }: the hero's name; { $why }: what went wrong, as the network said it.
cli-photo-unreadable = { $hero }'s Slack photo could not be fetched ({ $why }): the poster shows their initials
cli-poster-not-in-slack = story { $story } is not posted in Slack yet, so the poster has no QR code to its thread; make it again once it is
cli-poster-link-unknown = the link to story { $story }'s post in Slack is not known yet (spotlight serve asks Slack for it as soon as the story is posted), so the poster has no QR code; make it again in a minute
cli-poster-link-missing = Slack gave no link to story { $story }'s post (was it deleted?), so the poster has no QR code
# { $path }: the file written.
cli-wrote-digest = wrote the digest to { $path }
cli-wrote-poster = wrote the poster to { $path }
cli-wrote-file = wrote { $path }
cli-drew-chart = drew the adoption chart in { $path }
cli-wrote-report = wrote the report for { $count } stories to { $path }

## The console (`spotlight console`): what it says in its own name, around the bot's
## messages. { $persona } is who you are acting as (@maria); { $time } the simulated clock.
console-welcome = Spotlight console. You are { $persona }; the clock says { $time }. Type /help for help.
console-bye = Bye! Everything is saved.
console-help = Console commands:
      /spotlight <command>   a slash command (try /spotlight help)
      /as @name              act as someone else (new names are created; @admin is an admin)
      /advance <duration>    move the clock forward, e.g. /advance 2h, /advance 3days
      /reply #channel <text> reply, as yourself, in the thread of the latest story posted there
      /now                   show the simulated clock
      /help                  this help
      """                    start (and end) a multi-line message
    Anything else is a direct message from you to the bot; type a number or a button's label to press it.
    End with Ctrl-D (everything is saved; run again to pick up where you left off).
# { $role }: `admin` when the person is a Spotlight admin.
console-you-are = { $role ->
        [admin] You are now { $persona } (admin).
       *[other] You are now { $persona }.
    }
console-clock = The clock says { $time }.
console-usage-as = Usage: /as @name (for example /as @maria)
console-usage-advance = Usage: /advance <duration>, for example /advance 30m, /advance 2h, /advance 3days
console-usage-reply = Usage: /reply #channel <text>, for example /reply #wins How do you sort it?
# { $name }: a channel's name, without its #.
console-nothing-posted-in = No story has been posted in #{ $name } yet: `/spotlight publish-next #{ $name }` posts the next one.
console-replied = ({ $persona } replied in the thread of story { $story } in #{ $name }.)
console-unknown-command = Unknown console command `{ $command }`. Type /help for the list (to send a message that starts with /, put a space before it).
