//! The console driven through a pipe, the way a person scripts it: what it prints and
//! what it stores.

use crate::helpers;

use spotlight::domain::history::Event;
use spotlight::domain::pipeline::Stage;
use spotlight::domain::{StoryId, UserId};
use spotlight::store::Store;

/// A console session on its own database file.
struct Session {
    dir: tempfile::TempDir,
}

/// What one run of `spotlight console` did.
struct Run {
    stdout: String,
    stderr: String,
    success: bool,
}

impl Session {
    fn new() -> Session {
        Session {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("spotlight.db")
    }

    /// Runs the console with `script` on stdin, from an empty folder (built-in prompts).
    fn run(&self, script: &str) -> Run {
        let out = helpers::run(
            helpers::spotlight(self.dir.path())
                .arg("--db")
                .arg(self.db_path())
                .args(["console", "--clock", "2026-11-23T10:00:00Z"]),
            script,
        );
        Run {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            success: out.status.success(),
        }
    }

    /// Puts `interview.toml` in the session's `prompts/` folder, which the next runs read.
    fn write_interview(&self, toml: &str) {
        let dir = self.dir.path().join("prompts");
        std::fs::create_dir_all(&dir).expect("prompts folder");
        std::fs::write(dir.join("interview.toml"), toml).expect("interview.toml written");
    }

    async fn store(&self) -> Store {
        Store::open(&format!("sqlite://{}", self.db_path().display()))
            .await
            .expect("database opens")
    }
}

impl Run {
    fn ok(self) -> Run {
        assert!(
            self.success,
            "console failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }

    fn has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "expected {needle:?} in the console output:\n{}",
            self.stdout
        );
        self
    }

    fn lacks(&self, needle: &str) -> &Run {
        assert!(
            !self.stdout.contains(needle),
            "did not expect {needle:?} in the console output:\n{}",
            self.stdout
        );
        self
    }

    /// The last message whose first line starts with `marker`, with its indented lines.
    fn last_message(&self, marker: &str) -> String {
        let tail = self.after_last(marker);
        let mut lines = tail.split('\n');
        let mut out = vec![lines.next().unwrap_or_default()];
        out.extend(lines.take_while(|l| l.starts_with("  ")));
        out.join("\n")
    }

    /// The text printed after the last line that starts with `marker`.
    fn after_last(&self, marker: &str) -> &str {
        let i = self
            .stdout
            .rfind(marker)
            .unwrap_or_else(|| panic!("{marker:?} not in output:\n{}", self.stdout));
        &self.stdout[i..]
    }
}

const BEHAVIOUR: &str = "Every Friday I clean my pipeline view & close what's dead. <!channel>";
const BENEFIT_LINES: [&str; 2] = [
    "I get two hours back a week.",
    "  My forecast is right for once!  ",
];
const TAKEAWAY: &str = "Open the pipeline view on Friday and close three dead deals.";
const HEADLINE: &str = "Two hours back every Friday";

/// Nominate Maria and let her answer everything (skipping one question).
fn interview_script() -> String {
    format!(
        "/spotlight nominate @maria best pipeline hygiene\n/as @maria\n1\n{BEHAVIOUR}\n\"\"\"\n{}\n{}\n\"\"\"\nskip\n{TAKEAWAY}\n{HEADLINE}\n",
        BENEFIT_LINES[0], BENEFIT_LINES[1]
    )
}

fn benefit() -> String {
    BENEFIT_LINES.join("\n")
}

#[tokio::test]
async fn a_hero_goes_from_nomination_to_a_published_story_in_the_console() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve 1 #wins\n/as @maria\nApprove\n/as @admin\n/spotlight schedule \"0 9 * * MON\" #wins\n/advance 7d\n/spotlight status\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("bot → @maria:")
        .has("[1] Start now  [2] Later  [3] No thanks")
        .has("*Question 1 of 5*")
        .has("@maria finished their interview")
        .has("✓ quotes are")
        .has("[1] Approve  [2] Edit  [3] Request changes  [4] Opt out")
        .has("bot → #wins:")
        .has("Your story is live in #wins!")
        .has("Published: 1.");
    let post = run.last_message("bot → #wins:");
    assert!(post.contains("*Two hours back every Friday*"), "{post}");
    assert!(post.contains(BEHAVIOUR), "{post}");
    assert!(post.contains(&benefit().replace('\n', "\n  ")), "{post}");
    assert!(!post.contains("admin"), "the admin is never named: {post}");

    let store = s.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Published);
    let answers = store.answers(StoryId(1)).await.unwrap();
    assert_eq!(answers["behaviour"].as_bytes(), BEHAVIOUR.as_bytes());
    assert_eq!(answers["benefit"].as_bytes(), benefit().as_bytes());
    assert!(
        !answers.contains_key("start"),
        "skipped questions have no answer"
    );
    // What was posted is exactly what the hero approved, and user text in it is inert.
    let approved = story.approved_text.unwrap();
    assert!(approved.contains("&lt;!channel&gt;"));
    assert!(!approved.contains("<!channel>"));
    let posts = store.posts_of(StoryId(1)).await.unwrap();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].status, "sent");
}

#[tokio::test]
async fn a_restart_in_the_middle_of_an_interview_loses_nothing() {
    let s = Session::new();
    let first = s.run(&format!(
        "/spotlight nominate @maria\n/as @maria\nStart now\n{BEHAVIOUR}\n\"\"\"\n{}\n{}\n\"\"\"\n",
        BENEFIT_LINES[0], BENEFIT_LINES[1]
    ));
    first.ok().has("*Question 3 of 5*");

    // The second run resumes as @maria, at question 3, with both answers kept.
    let second = s
        .run("I started when my manager showed me the filters.\n")
        .ok();
    second.has("@maria> I started").has("*Question 4 of 5*");
    let answers = s.store().await.answers(StoryId(1)).await.unwrap();
    assert_eq!(answers["behaviour"], BEHAVIOUR);
    assert_eq!(answers["benefit"], benefit());
    assert_eq!(
        answers["start"],
        "I started when my manager showed me the filters."
    );
}

#[tokio::test]
async fn pausing_keeps_the_place_and_resume_asks_the_same_question_again() {
    let s = Session::new();
    let run = s
        .run(
            "/spotlight nominate @maria\n/as @maria\n1\nfirst answer\npause\n/advance 1d\nresume\n",
        )
        .ok();
    run.has("Paused. Your answers so far are saved.");
    let after = run.after_last("@maria> resume");
    assert!(after.contains("*Question 2 of 5*"), "{after}");
}

#[tokio::test]
async fn going_back_shows_the_earlier_answer_and_a_new_one_replaces_it_with_history_kept() {
    let s = Session::new();
    s.run("/spotlight nominate @maria\n/as @maria\n1\nfirst try\nback\nsecond try\n")
        .ok()
        .has("Your answer so far: “first try”");
    let store = s.store().await;
    let history = store.answer_history(StoryId(1), "behaviour").await.unwrap();
    let texts: Vec<&str> = history.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["first try", "second try"]);
    assert_eq!(
        store.answers(StoryId(1)).await.unwrap()["behaviour"],
        "second try"
    );
}

#[tokio::test]
async fn an_oversized_answer_gets_a_clear_message_and_is_not_saved() {
    let s = Session::new();
    let huge = "x".repeat(3500);
    s.run(&format!(
        "/spotlight nominate @maria\n/as @maria\n1\n{huge}\n"
    ))
    .ok()
    .has("That answer is 3500 characters long; the limit is 3000")
    .has("Nothing was saved");
    assert!(s
        .store()
        .await
        .answers(StoryId(1))
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_heros_edit_becomes_the_new_verbatim_text_and_is_what_gets_posted() {
    let s = Session::new();
    let new_benefit = "I save 2h every week\n(and sleep better).";
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve @maria\n/as @maria\nEdit\nThe payoff\n\"\"\"\n{new_benefit}\n\"\"\"\nApprove\n/as @admin\nAccept edit\n/spotlight publish-next\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("Which part would you like to reword?")
        .has("Updated with your words.");
    let post = run.after_last("bot → #wins:");
    assert!(
        post.contains("I save 2h every week\n  (and sleep better)."),
        "{post}"
    );
    assert!(!post.contains("two hours back a week"), "{post}");

    let store = s.store().await;
    let history = store.answer_history(StoryId(1), "benefit").await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].source, "interview");
    assert_eq!(history[1].source, "hero_edit");
    assert_eq!(history[1].text, new_benefit);
}

#[tokio::test]
async fn a_heros_edit_after_review_goes_back_to_the_admins_word_by_word_before_it_is_queued() {
    let s = Session::new();
    let new_benefit = "I get three hours back a week.\nMy forecast is right for once!";
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve @maria\n/as @maria\nEdit\nThe payoff\n\"\"\"\n{new_benefit}\n\"\"\"\nApprove\n/as @admin\n/spotlight publish-next\n/spotlight drafts\nSend back\nPlease keep it to what you measured\n/as @maria\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    // The hero is told the change goes to the admins; nothing is queued yet.
    run.has("they'll look at the change first")
        .has("@maria approved story 1 with changes of their own")
        .has("Nothing is waiting to be posted")
        .lacks("your story is approved");
    // The admins see the change word by word, and the whole text the hero approved.
    let card = run.after_last("*Story 1* for @maria: the hero's changes");
    assert!(
        card.contains("• …payoff:* “I get [-two-] {+three+} hours back a week. My…\n"),
        "{card}"
    );
    assert!(card.contains(new_benefit.lines().next().unwrap()), "{card}");
    assert!(card.contains("[1] Accept edit  [2] Send back"), "{card}");
    // Only that one change: the spaces Maria left out after “once!” are no change.
    assert_eq!(card.matches("• ").count(), 1, "{card}");
    // Sent back with a note, the hero sees it above their story, and nothing is posted.
    let back = run.after_last("@admin> Please keep it to what you measured");
    assert!(
        back.contains("The admins looked at your changes and sent them back with a note: “Please keep it to what you measured”"),
        "{back}"
    );
    assert!(back.contains("[1] Approve  [2] Edit"), "{back}");
    let store = s.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::AwaitingApproval);
    assert!(story.approved_text.is_none());
    drop(store);

    // Approved again as it is, it goes back to the admins; accepted, it is queued as the
    // hero approved it and posted word for word. (A new console run shows the buttons
    // again first: the story's card for the hero, `drafts` for the admin.)
    let run = s
        .run("show me\nApprove\n/as @admin\n/spotlight drafts\nAccept edit\n/spotlight publish-next\n")
        .ok();
    run.has("@maria approved story 1 with changes of their own")
        .has("The admins accepted your changes: your story is approved exactly as you approved it. It's in the queue for #wins.")
        .has("@admin accepted @maria's edit of story 1");
    let post = run.after_last("bot → #wins:");
    assert!(post.contains("I get three hours back a week."), "{post}");
    let store = s.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Published);
    assert_eq!(story.approved_text, story.pending_text);
    let events: Vec<(String, Option<Event>)> = store
        .events(StoryId(1))
        .await
        .unwrap()
        .into_iter()
        .map(|(_, who, what)| (who, Event::decode(&what)))
        .collect();
    assert!(
        events.contains(&("admin".to_string(), Some(Event::SentEditBack))),
        "{events:?}"
    );
    assert!(
        events.contains(&(
            "admin".to_string(),
            Some(Event::AcceptedEdit { version: 2 })
        )),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_hero_who_approves_the_text_as_the_admins_sent_it_is_queued_at_once_and_an_edit_waits_for_the_admins(
) {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve @maria\n/as @maria\nEdit\nCancel\nApprove\n",
        interview_script()
    );
    s.run(&script)
        .ok()
        .has("Thank you, your story is approved! It's in the queue for #wins.")
        .lacks("changes of their own");

    // While the admins look at the edit, the hero is told so.
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight approve @maria\n/as @maria\nEdit\nHeadline\nThree hours back every Friday\nApprove\n/as @admin\n/spotlight drafts\n/as @maria\nhello?\n/advance 3d\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("*[-Two-] {+Three+} hours back every Friday*")
        .has("your story is edited, awaiting review; it waits on an admin (to review the changes you made)")
        // Left waiting, the edit is a reminder to the admins, like a draft.
        .has("A reminder: @maria approved their story with changes of their own 2d ago; it is queued once you accept them.");
}

#[tokio::test]
async fn a_change_request_goes_to_the_admins_who_revise_and_send_it_back() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight approve 1\n/as @maria\nRequest changes\nPlease leave out the part about the forecast\n/as @admin\n/spotlight drafts\n/spotlight quotes 1 1,3\n/spotlight headline 1 \"Two hours back, every week\"\n/spotlight approve 1\n/as @maria\nApprove\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("@maria asked for changes to story 1")
        .has("asked for changes:* “Please leave out the part about the forecast”")
        .has("Quotes updated.")
        .has("Headline proposed")
        .has("Thank you, your story is approved!");
    let store = s.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    let approved = story.approved_text.unwrap();
    assert!(
        approved.starts_with("*Two hours back, every week*"),
        "{approved}"
    );
    assert!(!approved.contains("forecast"), "{approved}");
    assert!(approved.contains(TAKEAWAY));
    // The hero's words were not changed by anyone but the hero.
    assert_eq!(
        store.answers(StoryId(1)).await.unwrap()["benefit"],
        benefit()
    );
}

#[tokio::test]
async fn approved_stories_are_published_first_approved_first_out() {
    let s = Session::new();
    let answer_all = "1\na\nb\nc\nd\ne\n";
    let script = format!(
        "/spotlight channel add #wins\n/spotlight nominate @ana\n/spotlight nominate @bo\n\
         /as @bo\n{answer_all}/as @ana\n{answer_all}\
         /as @admin\n/spotlight approve @ana\n/spotlight approve @bo\n\
         /as @bo\nApprove\n/as @ana\nApprove\n\
         /as @admin\n/spotlight queue\n/spotlight publish-next\n/spotlight publish-next\n/spotlight publish-next\n"
    );
    let run = s.run(&script).ok();
    let queue = run.after_last("@admin> /spotlight queue");
    let bo = queue.find("1. Story 2 @bo").expect("bo first in the queue");
    let ana = queue
        .find("2. Story 1 @ana")
        .expect("ana second in the queue");
    assert!(bo < ana);
    let first = run
        .stdout
        .find("Posted story 2 to #wins")
        .expect("bo posted");
    let second = run
        .stdout
        .find("Posted story 1 to #wins")
        .expect("ana posted");
    assert!(first < second, "bo approved first, so bo is posted first");
    run.has("Nothing is waiting to be posted.");
}

#[tokio::test]
async fn a_hero_may_opt_out_and_then_nothing_is_posted() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve 1\n/as @maria\nOpt out\n/as @admin\n/spotlight publish-next\n/spotlight status\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("Understood: you're out, and nothing will be posted.")
        .has("@maria opted out of story 1.")
        .has("Nothing is waiting to be posted.")
        .has("Opted out: 1.")
        .lacks("bot → #wins:");
    let story = s.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::OptedOut);
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let s = Session::new();
    let script = "/spotlight frobnicate\n\
        /spotlight nominate maria\n\
        /spotlight channel add #wins\n\
        /spotlight schedule \"61 * * * *\" #wins\n\
        /spotlight schedule \"0 9 * * MON\" #wins Mars/Olympus\n\
        /spotlight schedule \"0 9 * * MON\" #nowhere\n\
        /as @bob\n\
        /spotlight nominate @carol\n\
        /spotlight channel add #random\n\
        /as @admin\n\
        /spotlight nominate @maria\n\
        /as @bob\n\
        /spotlight approve 1\n\
        /spotlight drop 1\n\
        /spotlight opt-out\n\
        /as @admin\n\
        /spotlight drop 1\n\
        /spotlight approve 1\n\
        /spotlight approve 7\n\
        /teleport\n";
    let run = s.run(script).ok();
    run.has("I don't know the command `frobnicate`")
        .has("Usage: `/spotlight help`")
        .has("\"maria\" is not a person: mention them like @maria")
        .has("minute 61 is out of range")
        .has("Nothing was changed.")
        .has("unknown time zone \"Mars/Olympus\"")
        .has("#nowhere isn't a Spotlight destination yet")
        .has("Sorry, `/spotlight nominate` is for Spotlight admins.")
        .has("Sorry, `/spotlight channel` is for Spotlight admins.")
        .has("Sorry, `/spotlight approve` is for Spotlight admins.")
        .has("stories can't be dropped")
        .has("You have no story in progress")
        .has("this story is invited, so it can't be sent to the hero now")
        .has("There is no story 7.")
        .has("Unknown console command `/teleport`");
    let store = s.store().await;
    // Only the admin's nomination exists; bob's did nothing.
    assert!(store
        .open_story_of(&UserId::parse("carol").unwrap())
        .await
        .unwrap()
        .is_none());
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Invited);
    let dests = store.destinations().await.unwrap();
    assert_eq!(dests.len(), 1, "bob's channel was not added");
    assert_eq!(dests[0].cron, None, "no bad schedule was saved");
}

#[tokio::test]
async fn a_stranger_cannot_approve_or_opt_out_of_someone_elses_story() {
    let s = Session::new();
    // Bob is shown nothing to press; typing the labels just sends DMs, which change nothing.
    let script = format!(
        "{}/as @admin\n/spotlight approve 1\n/as @bob\nApprove\n1\n/spotlight status\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("You have no interview with me right now");
    let story = s.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::AwaitingApproval);
    assert!(story.approved_text.is_none());
}

#[tokio::test]
async fn reminders_and_schedules_fire_as_the_clock_advances() {
    let s = Session::new();
    let run = s
        .run("/spotlight nominate @maria\n/advance 1d\n/advance 1d\n/advance 2d\n/advance 2d\n")
        .ok();
    assert_eq!(
        run.stdout.matches("A friendly reminder:").count(),
        2,
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn a_scheduled_channel_posts_one_story_per_occurrence() {
    let s = Session::new();
    let answer_all = "1\na\nb\nc\nd\ne\n";
    let script = format!(
        "/spotlight channel add #wins\n/spotlight schedule \"0 9 * * *\" #wins\n/spotlight nominate @ana\n/spotlight nominate @bo\n\
         /as @ana\n{answer_all}/as @bo\n{answer_all}\
         /as @admin\n/spotlight approve @ana\n/spotlight approve @bo\n\
         /as @ana\nApprove\n/as @bo\nApprove\n/as @admin\n/advance 1d\n/advance 1d\n/advance 1d\n"
    );
    let run = s.run(&script).ok();
    assert_eq!(
        run.stdout.matches("bot → #wins:").count(),
        2,
        "{}",
        run.stdout
    );
    let first_day = run
        .stdout
        .find("The clock says Tue 2026-11-24 10:00 UTC")
        .unwrap();
    let ana_post = run.stdout.find("Your story is live in #wins").unwrap();
    assert!(ana_post < first_day, "one post at the first 09:00");
}

#[tokio::test]
async fn help_lists_the_commands_and_works_without_a_tty() {
    let s = Session::new();
    s.run("/help\n/spotlight help\n")
        .ok()
        .has("/as @name")
        .has("/advance <duration>")
        .has("/spotlight nominate @person [--set name] [note]")
        .has("/spotlight schedule \"<cron>\" [destination] [Area/City]");
}

#[tokio::test]
async fn an_admin_reads_a_storys_history_and_others_may_not() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve 1 #wins\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next #wins\n/spotlight history @maria\n/spotlight history 9\n/as @maria\n/spotlight history 1\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    let history = run.last_message("bot → @admin:\n  *Story 1*");
    let order = [
        "@admin nominated and invited",
        "@maria started the interview",
        "Spotlight finished the interview: the draft is ready",
        "@admin sent it for the hero's approval",
        "@maria approved version 1",
        "Spotlight queued it",
        "Spotlight posted it to #wins",
    ];
    let mut from = 0;
    for line in order {
        let at = history[from..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing or out of order in:\n{history}"));
        from += at + line.len();
    }
    assert!(history.contains("Mon 2026-11-23 10:00 UTC"), "{history}");
    run.has("There is no story 9")
        .has("Sorry, `/spotlight history` is for Spotlight admins");
}

/// The built-in question set, as an admin starts editing it.
const INTERVIEW_TOML: &str = include_str!("../../prompts/interview.toml");

/// The built-in question set with its questions in the order of `keys` (the others
/// removed), then `added` written as admins write them.
fn questions_in_order(keys: &[&str], added: &str) -> String {
    let mut parts = INTERVIEW_TOML.split("[[questions]]");
    let head = parts.next().expect("settings before the questions");
    let blocks: Vec<&str> = parts.collect();
    let mut out = head.to_string();
    for key in keys {
        let block = blocks
            .iter()
            .find(|b| b.contains(&format!("key = \"{key}\"")))
            .unwrap_or_else(|| panic!("no question {key}"));
        out.push_str("[[questions]]");
        out.push_str(block.trim_end());
        out.push_str("\n\n");
    }
    out.push_str(added);
    out
}

const STARTED: &str = "I started when my manager showed me the filters.";
const TOOLS: &str = "The pipeline view and a saved filter.";

#[tokio::test]
async fn an_open_interview_goes_on_by_question_key_when_admins_remove_reorder_and_add_questions() {
    let s = Session::new();
    s.run(&format!(
        "/spotlight nominate @maria\n/as @maria\nStart now\n{BEHAVIOUR}\n{}\n",
        BENEFIT_LINES[0]
    ))
    .ok()
    .has("*Question 3 of 5*\n  How did you get started with it?");

    // While Maria is on "start", the admin removes it, moves the headline before the
    // take-away and adds a question at the end.
    s.write_interview(&questions_in_order(
        &["behaviour", "benefit", "headline", "takeaway"],
        "[[questions]]\nkey = \"tools\"\nrole = \"other\"\ntext = \"Which tools do you use for it?\"\n",
    ));
    let run = s
        .run(&format!("{STARTED}\n{HEADLINE}\n{TAKEAWAY}\n{TOOLS}\n"))
        .ok();
    run.has("*Question 3 of 5*\n  Last one: sum up your story in one line")
        .has("*Question 4 of 5*\n  If a colleague could try one thing")
        .has("*Question 5 of 5*\n  Which tools do you use for it?")
        .has("That's everything, thank you!")
        .has("@maria finished their interview")
        .lacks("error:");
    let card = run.last_message("bot → @admin:");
    assert!(card.contains("*Two hours back every Friday*"), "{card}");
    assert!(card.contains(TAKEAWAY) && card.contains(TOOLS), "{card}");
    assert!(!card.contains("✗"), "every check passes: {card}");
    assert!(
        !card.contains(STARTED),
        "a removed question's answer is not quoted: {card}"
    );

    let store = s.store().await;
    let answers = store.answers(StoryId(1)).await.unwrap();
    assert_eq!(
        answers["start"], STARTED,
        "kept under the key Maria answered"
    );
    assert_eq!(answers["headline"], HEADLINE);
    assert_eq!(answers["takeaway"], TAKEAWAY);
    assert_eq!(answers["tools"], TOOLS);
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Drafted);
}

#[tokio::test]
async fn an_interview_saved_before_questions_were_kept_by_key_goes_on_where_it_was() {
    let s = Session::new();
    s.run("/spotlight nominate @maria\n/as @maria\nStart now\nfirst\nsecond\n")
        .ok();
    // As the previous version stored it: the status alone, and the place as an index.
    let store = s.store().await;
    let mut story = store.story(StoryId(1)).await.unwrap().unwrap();
    story.interview_status = "active".into();
    story.interview_position = 2;
    store.save_story(&story).await.unwrap();
    drop(store);
    s.run(&format!("{STARTED}\n")).ok().has("*Question 4 of 5*");
    let answers = s.store().await.answers(StoryId(1)).await.unwrap();
    assert_eq!(answers["start"], STARTED);
}

#[tokio::test]
async fn a_hero_answering_between_meetings_is_asked_everything_and_gets_their_own_headline() {
    let s = Session::new();
    let wait = "/advance 12m\n";
    let script = format!(
        "/spotlight nominate @maria\n/as @maria\nStart now\n\
         {wait}{BEHAVIOUR}\n{wait}{}\n{wait}{STARTED}\n{wait}{TAKEAWAY}\n{wait}{HEADLINE}\n",
        BENEFIT_LINES[0]
    );
    let run = s.run(&script).ok();
    run.has("it takes at most 30 minutes of your time")
        .has("*Question 5 of 5*")
        .has("@maria finished their interview")
        .lacks("We're close to the");
    let card = run.last_message("bot → @admin:");
    assert!(
        card.contains(&format!("*{HEADLINE}*")),
        "the hero's own headline: {card}"
    );
    assert!(!card.contains("✗"), "every check passes: {card}");
    let story = s.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Drafted);
    assert!(
        story.interview_active_secs <= 5 * 60,
        "five short answers after breaks are minutes of effort, not the hour on the clock: {}s",
        story.interview_active_secs
    );
}

#[tokio::test]
async fn the_copy_quotes_the_configured_budget_and_an_interview_cut_short_is_drafted_from_its_answers(
) {
    let s = Session::new();
    s.write_interview(
        &INTERVIEW_TOML
            .replace("budget_minutes = 30", "budget_minutes = 12")
            .replace("wrap_up_minutes = 25", "wrap_up_minutes = 4"),
    );
    // Four minutes per answer in one sitting: the wrap-up comes after the first answer.
    let run = s
        .run(&format!(
            "/spotlight nominate @maria\n/as @maria\nStart now\n/advance 4m\nfirst\n{TAKEAWAY}\n{HEADLINE}\n"
        ))
        .ok();
    run.has("(at most 12 minutes of your time")
        .has("it takes at most 12 minutes of your time")
        .has("We're close to the 12 minutes I promised")
        .lacks("15 minutes")
        .lacks("30 minutes");
    let after = run.after_last("@maria> first");
    assert!(
        after.contains("If a colleague could try one thing"),
        "{after}"
    );
    // Cut short, the interview is still drafted from what was answered, and says so.
    run.has("@maria finished their interview. Time ran short of the 12-minute budget, so the questions that aren't essential were left out.");
    let card = run.last_message("bot → @admin:");
    assert!(card.contains(&format!("*{HEADLINE}*")), "{card}");
    assert!(card.contains(TAKEAWAY), "{card}");
}

#[tokio::test]
async fn typing_stop_in_the_interview_asks_to_confirm_and_is_never_saved_as_an_answer() {
    let s = Session::new();
    let run = s
        .run("/spotlight nominate @maria\n/as @maria\nStart now\nfirst\nstop\nKeep going\nsecond\n")
        .ok();
    let confirm = run.last_message("bot → @maria: Do you want to stop and opt out?");
    assert!(confirm.contains("[1] Opt out  [2] Keep going"), "{confirm}");
    let kept_going = run.after_last("@maria> Keep going");
    assert!(kept_going.contains("*Question 2 of 5*"), "{kept_going}");
    let store = s.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(
        story.stage(),
        Stage::Interviewing,
        "nothing happens until she confirms"
    );
    let answers = store.answers(StoryId(1)).await.unwrap();
    assert_eq!(
        answers.values().collect::<Vec<_>>(),
        ["first", "second"],
        "only her answers are stored"
    );
    drop(store);

    // Typed, "opt out" is a wish to confirm too; the button does it.
    let run = s
        .run("No thanks!\nOpt out\n/as @admin\n/spotlight status\n")
        .ok();
    let confirm = run.after_last("@maria> No thanks!");
    assert!(
        confirm.starts_with("@maria> No thanks!\nbot → @maria: Do you want to stop and opt out?"),
        "{confirm}"
    );
    run.has("Understood: you're out, and nothing will be posted.")
        .has("@maria opted out of story 1.")
        .has("Opted out: 1.");
    let story = s.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::OptedOut);
}

#[tokio::test]
async fn later_pauses_the_interview_and_stop_before_starting_offers_to_opt_out() {
    let s = Session::new();
    let run = s
        .run("/spotlight nominate @maria\n/spotlight nominate @bo\n/as @maria\nStart now\nfirst\nlater\n/as @bo\nstop\n")
        .ok();
    let paused = run.after_last("@maria> later");
    assert!(
        paused.contains("Paused. Your answers so far are saved. Send `resume`"),
        "{paused}"
    );
    let offer = run.after_last("@bo> stop");
    assert!(offer.contains("Do you want to opt out?"), "{offer}");
    assert!(offer.contains("[1] Opt out  [2] Start now"), "{offer}");
    let store = s.store().await;
    let answers = store.answers(StoryId(1)).await.unwrap();
    assert_eq!(answers.len(), 1);
    let bo = store.story(StoryId(2)).await.unwrap().unwrap();
    assert_eq!(bo.stage(), Stage::Invited);
    drop(store);
    s.run("/as @admin\n/spotlight status\n")
        .ok()
        .has("(question 2 of 5, paused)");
}

#[tokio::test]
async fn admins_are_reminded_of_a_waiting_draft_in_working_hours_at_most_twice_and_status_shows_the_wait(
) {
    let s = Session::new();
    // Maria finishes on Monday 10:00; the draft then waits on the admins.
    let script = format!(
        "{}/as @admin\n/advance 1d\n/advance 1d\n/advance 2d\n/advance 2d\n/advance 2d\n/spotlight status\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    let reminders = run
        .stdout
        .matches("A reminder: the draft of @maria's story has waited")
        .count();
    assert_eq!(reminders, 2, "{}", run.stdout);
    // The first comes 48 hours after the draft, on Wednesday, with the card to act on.
    let first = run.stdout.find("A reminder: the draft of @maria").unwrap();
    let wednesday = run
        .stdout
        .find("The clock says Wed 2026-11-25 10:00 UTC")
        .unwrap();
    assert!(first < wednesday, "{}", run.stdout);
    let reminder = run.last_message("bot → @admin:\n  A reminder:");
    assert!(
        reminder.contains("[1] Approve & send to hero  [2] Pick quotes & headline"),
        "{reminder}"
    );
    run.has("Longest wait on the admins: story 1 @maria (drafted), for 8d.");
}

#[tokio::test]
async fn a_change_request_waiting_on_the_admins_is_a_reminder_too_and_acting_ends_them() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight approve 1\n/as @maria\nRequest changes\nShorter please\n/as @admin\n/advance 2d\n/spotlight approve 1\n/advance 4d\n/spotlight status\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("A reminder: @maria asked for changes 2d ago and waits for the revised story.");
    let after_approval = run.after_last("@admin> /spotlight approve 1");
    assert!(
        !after_approval.contains("A reminder: @maria asked"),
        "{after_approval}"
    );
    assert!(
        !after_approval.contains("Longest wait on the admins"),
        "{after_approval}"
    );
}

#[tokio::test]
async fn stop_typed_while_editing_or_approving_is_not_new_wording_and_points_to_opt_out() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight approve 1\n/as @maria\nEdit\nThe payoff\nstop\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    let after_edit = run.after_last("@maria> stop");
    assert!(
        after_edit.contains("Do you want to opt out? Press *Opt out* below"),
        "{after_edit}"
    );
    assert!(after_edit.contains("[4] Opt out"), "{after_edit}");
    let history = s
        .store()
        .await
        .answer_history(StoryId(1), "benefit")
        .await
        .unwrap();
    assert_eq!(
        history.len(),
        1,
        "stop did not become the benefit's wording"
    );
    let story = s.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::AwaitingApproval);
}

#[tokio::test]
async fn a_question_set_with_an_unknown_placeholder_or_a_word_in_two_lists_stops_start_up_with_the_fix(
) {
    let s = Session::new();
    let cases = [
        (
            INTERVIEW_TOML.replace("at most {minutes}", "at most {minuts}"),
            "interview.toml is not a valid question set: intro uses {minuts}",
        ),
        (
            INTERVIEW_TOML.replace("resume = [\"resume\",", "resume = [\"later\","),
            "the word \"later\" (words.resume) is in two lists",
        ),
    ];
    for (toml, message) in cases {
        s.write_interview(&toml);
        let run = s.run("/spotlight status\n");
        assert!(!run.success, "{}", run.stdout);
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
}

#[tokio::test]
async fn three_days_after_publication_the_hero_is_thanked_once_with_their_storys_reach() {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve 1 #wins\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next\n/as @bob\n/reply #wins How do you sort it?\n/advance 2d\n/now\n/advance 1d\n/now\n/advance 7d\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("Your story is live in #wins!");
    // Not before the third day, then once.
    let before = &run.stdout[..run.stdout.find("The clock says").unwrap()];
    assert!(!before.contains("Thank you again"), "{before}");
    let thanks = run.last_message("bot → @maria:\n  Thank you again");
    assert!(
        thanks.contains(
            "Thank you again for your Spotlight story, Maria! Here is what it has done in 3 days:"
        ),
        "{thanks}"
    );
    assert!(
        thanks.contains("0 reactions and 1 reply (questions and answers), from 1 person"),
        "{thanks}"
    );
    assert_eq!(run.stdout.matches("Thank you again").count(), 1);
    let events = s.store().await.events(StoryId(1)).await.unwrap();
    assert!(events
        .iter()
        .any(|(_, _, what)| Event::decode(what) == Some(Event::ThankedHero)));
}

#[tokio::test]
async fn a_hero_nominated_with_a_question_set_is_interviewed_with_it_and_asked_about_what_colleagues_noticed(
) {
    let s = Session::new();
    s.write_interview(INTERVIEW_TOML);
    let sets = s.dir.path().join("prompts").join("sets");
    std::fs::create_dir_all(&sets).unwrap();
    std::fs::write(
        sets.join("forecasting.toml"),
        include_str!("../../prompts/sets/forecasting.toml"),
    )
    .unwrap();
    let run = s
        .run("/spotlight nominate @maria --set forcasting her forecast is always right\n/spotlight nominate @maria --set forecasting her forecast is always right\n/as @maria\n1\nI update my close dates every Monday.\nNo surprises at quarter end.\nCheck your close dates on Monday.\nMy forecast hasn't missed in three quarters\n/as @admin\n/spotlight status\n")
        .ok();
    // An unknown set is refused with the list; nothing is created.
    run.has("There is no question set “forcasting”. The sets are: forecasting. Leave out `--set` for the default one (interview.toml).")
        .has("Nominated @maria (story 1).");
    // The set's budget, its questions, and the note in the first one.
    run.has("at most 20 minutes of your time")
        .has("*Question 1 of 4*\n  Colleagues noticed this: “her forecast is always right”. What do you do, week by week, that makes your forecast right?")
        .has("*Question 4 of 4*")
        .has("@maria finished their interview");
    let card = run.after_last("@maria finished their interview");
    assert!(
        card.contains("*My forecast hasn't missed in three quarters*"),
        "{card}"
    );
    assert!(
        card.contains("“I update my close dates every Monday.”"),
        "{card}"
    );
    assert!(card.contains("✓ take-away present"), "{card}");
    let store = s.store().await;
    assert_eq!(
        store.question_set_of(StoryId(1)).await.unwrap().as_deref(),
        Some("forecasting")
    );
    assert_eq!(store.stories_in(&Stage::ALL).await.unwrap().len(), 1);

    // A broken set stops start-up and names the file.
    std::fs::write(sets.join("broken.toml"), "questions = []\n").unwrap();
    let run = s.run("/spotlight status\n");
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("broken.toml is not a valid question set"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn colleagues_replies_in_the_storys_thread_reach_the_hero_and_replies_that_come_together_are_one_dm(
) {
    let s = Session::new();
    let script = format!(
        "{}/as @admin\n/spotlight channel add #wins\n/spotlight approve 1 #wins\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next\n/as @bob\n/reply #wins How do you sort it?\n/as @ann\n/advance 2m\n/reply #wins Same question!\n/as @maria\n/reply #wins By close date, every Friday.\n/as @carl\n/reply #wins Which view?\n/now\n/advance 15m\n/reply #nowhere hello\n",
        interview_script()
    );
    let run = s.run(&script).ok();
    run.has("(@bob replied in the thread of story 1 in #wins.)")
        .has("No story has been posted in #nowhere yet");
    // Bob's reply is told at once.
    let first = run.after_last("(@bob replied in the thread");
    assert!(
        first.contains("bot → @maria:\n  @bob replied in the thread of your Spotlight story in #wins.\n  A quick answer goes a long way"),
        "{first}"
    );
    // Ann's and Carl's, within ten minutes of it, wait and are told together; Maria's own
    // reply is never told to her.
    let waiting = &run.stdout
        [run.stdout.find("(@ann replied").unwrap()..run.stdout.find("@carl> /now").unwrap()];
    assert!(!waiting.contains("bot → @maria"), "{waiting}");
    let later = run.after_last("@carl> /advance 15m");
    assert!(
        later.contains("bot → @maria:\n  2 replies in the thread of your Spotlight story in #wins, from @ann and @carl."),
        "{later}"
    );
    assert_eq!(
        run.stdout
            .matches("in the thread of your Spotlight story")
            .count(),
        2
    );
    assert!(!run.stdout.contains("@maria replied in the thread of your"));
}
