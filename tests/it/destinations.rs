//! Destinations beyond Slack, driven the way an admin uses them: the console (a separate
//! `spotlight` process, set up through its environment as in production) adds a Chatter
//! group or an email address, a hero approves, and stories are published there through
//! the outbox, against the local Salesforce stand-in and a real SMTP server on loopback.

use crate::helpers;
use std::path::{Path, PathBuf};

use crate::chatter_standin::{ChatterStandIn, PostFault, CLIENT_ID, CLIENT_SECRET, GROUP_ID};
use crate::smtp_sink::{certificates, SmtpSink};

const HABIT: &str = "Every Friday I sort my pipeline by close date & call the top five first.";
const PAYOFF: &str = "Two hours back every week.";
const TAKEAWAY: &str = "Sort by close date <today> and call five.";
const HEADLINE: &str = "Two hours back every Friday";

/// A console on a database of its own, with the environment a deployment would set.
struct Desk {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Desk {
    fn new(env: &[(&str, String)]) -> Desk {
        Desk {
            dir: tempfile::tempdir().expect("temp dir"),
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    /// Set up for the stand-in's org.
    fn with_chatter(sf: &ChatterStandIn) -> Desk {
        Desk::new(&chatter_env(sf, CLIENT_SECRET))
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("spotlight.db")
    }

    /// Runs the console with `script` (off the async runtime: the stand-in runs on it).
    async fn run(&self, script: &str) -> String {
        let (dir, db, env, script) = (
            self.dir.path().to_path_buf(),
            self.db(),
            self.env.clone(),
            script.to_string(),
        );
        tokio::task::spawn_blocking(move || console(&dir, &db, &env, &script))
            .await
            .expect("the console ran")
    }
}

fn chatter_env(sf: &ChatterStandIn, secret: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SPOTLIGHT_SALESFORCE_URL", sf.base_url()),
        ("SPOTLIGHT_SALESFORCE_CLIENT_ID", CLIENT_ID.to_string()),
        ("SPOTLIGHT_SALESFORCE_CLIENT_SECRET", secret.to_string()),
    ]
}

fn console(dir: &Path, db: &Path, env: &[(String, String)], script: &str) -> String {
    let mut cmd = helpers::spotlight(dir);
    cmd.arg("--db")
        .arg(db)
        .args(["console", "--clock", "2026-11-23T10:00:00Z"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = helpers::run(&mut cmd, script);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "console failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Maria's interview, up to her approval, for the destinations `targets`.
fn approved_story(targets: &str) -> String {
    format!(
        "/spotlight nominate @maria best pipeline hygiene\n/as @maria\nStart now\n{HABIT}\n{PAYOFF}\nskip\n{TAKEAWAY}\n{HEADLINE}\n\
         /as @admin\n/spotlight approve 1 {targets}\n/as @maria\nApprove\n/as @admin\n"
    )
}

fn has(out: &str, needle: &str) {
    assert!(
        out.contains(needle),
        "expected {needle:?} in the console output:\n{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_approved_story_is_posted_to_a_chatter_group_once_in_the_heros_words() {
    let sf = ChatterStandIn::start().await;
    let desk = Desk::with_chatter(&sf);
    let out = desk
        .run(&format!(
            "/spotlight destination add chatter {GROUP_ID}\n{}/spotlight destinations\n/spotlight publish-next\n/spotlight publish-next\n",
            approved_story(&format!("chatter:{GROUP_ID}"))
        ))
        .await;
    has(&out, "Added the Chatter group “Customer Wins”");
    has(&out, "• the Chatter group “Customer Wins”: no schedule yet");
    has(&out, "Posted story 1 to the Chatter group “Customer Wins”.");
    has(
        &out,
        "Your story is live in the Chatter group “Customer Wins”!",
    );
    // The second publish-next finds nothing left: the story went out exactly once.
    has(&out, "Nothing is waiting to be posted.");
    let posted = sf.posted_to(GROUP_ID);
    assert_eq!(posted.len(), 1, "{posted:?}");
    let text = &posted[0].text;
    for words in [HABIT, PAYOFF, TAKEAWAY, HEADLINE] {
        assert!(
            text.contains(words),
            "{words:?} is not verbatim in:\n{text}"
        );
    }
    assert!(text.contains("Spotlight story 1"), "{text}");
    // Signed in once, with the client credentials grant.
    assert_eq!(sf.tokens_issued(), 1);
    let token = &sf.token_requests()[0];
    assert_eq!(
        token.form("grant_type").as_deref(),
        Some("client_credentials")
    );

    // The proof of posting is recorded: the results count the story as published.
    let out = desk.run("/spotlight status\n").await;
    has(&out, "Published: 1.");
}

#[tokio::test(flavor = "multi_thread")]
async fn salesforce_down_keeps_the_story_queued_and_a_post_in_doubt_is_not_sent_twice() {
    let sf = ChatterStandIn::start().await;
    let desk = Desk::with_chatter(&sf);
    sf.fail_next_posts(1, PostFault::Unavailable);
    let out = desk
        .run(&format!(
            "/spotlight destination add chatter {GROUP_ID}\n{}/spotlight publish-next\n/spotlight queue\n",
            approved_story("")
        ))
        .await;
    has(
        &out,
        "Story 1 was not posted to the Chatter group “Customer Wins”: Salesforce refused it (unavailable). It stays in the queue.",
    );
    has(&out, "the Chatter group “Customer Wins” waiting");
    assert!(sf.posted().is_empty());

    // Next try: Salesforce stores the post but the answer is lost.
    sf.fail_next_posts(1, PostFault::StoreThenError);
    let out = desk
        .run("/spotlight publish-next\n/spotlight publish-next\n")
        .await;
    has(&out, "Salesforce gave no clear answer");
    // While in doubt it is not offered again.
    has(&out, "Nothing is waiting to be posted.");
    assert_eq!(sf.posted().len(), 1);

    // Half a minute later the scheduler looks in the group's feed and finds it.
    let out = desk.run("/advance 1m\n/spotlight status\n").await;
    has(&out, "Published: 1.");
    assert_eq!(sf.posted().len(), 1, "the post in doubt was sent again");
    let reads = sf
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/feed-elements"))
        .count();
    assert!(reads >= 1, "the feed was never read");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_sign_in_puts_the_group_on_hold_until_it_is_fixed() {
    let sf = ChatterStandIn::start().await;
    let desk = Desk::with_chatter(&sf);
    desk.run(&format!(
        "/spotlight destination add chatter {GROUP_ID}\n{}",
        approved_story("")
    ))
    .await;
    let out = desk.run("/spotlight publish-next\n").await;
    has(&out, "Posted story 1");
    assert_eq!(sf.posted().len(), 1);

    // A second story, and now Salesforce refuses the connected app.
    let out = desk
        .run(
            "/spotlight nominate @li\n/as @li\nStart now\nI tag leads hot or cold.\nskip\nskip\nTag five leads.\nHot leads first\n/as @admin\n/spotlight approve 2\n/as @li\nApprove\n/as @admin\n",
        )
        .await;
    has(&out, "Sent story 2 to @li for approval.");
    sf.refuse_sign_in(Some(("invalid_client", "invalid client credentials")));
    let out = desk
        .run("/spotlight publish-next\n/spotlight destinations\n")
        .await;
    has(
        &out,
        "Salesforce refused it: Salesforce refused Spotlight's sign-in",
    );
    has(&out, "— *on hold*");
    assert_eq!(sf.posted().len(), 1);

    // Fixed: resume tries again at once, and the story goes out.
    sf.refuse_sign_in(None);
    let out = desk
        .run(&format!(
            "/spotlight resume chatter:{GROUP_ID}\n/advance 1m\n/spotlight status\n"
        ))
        .await;
    has(
        &out,
        "Posting to the Chatter group “Customer Wins” is back on.",
    );
    has(&out, "Published: 2.");
    assert_eq!(sf.posted().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chatter_group_that_cannot_be_used_is_not_added() {
    let sf = ChatterStandIn::start().await;
    // Not set up at all.
    let bare = Desk::new(&[]);
    let out = bare
        .run(&format!(
            "/spotlight destination add chatter {GROUP_ID}\n/spotlight destinations\n"
        ))
        .await;
    has(&out, "I can't add the Chatter group 0F9000000000001AAA: Chatter isn't set up: set SPOTLIGHT_SALESFORCE_URL");
    has(&out, "*Destinations*: none yet.");

    // Wrong secret.
    let wrong = Desk::new(&chatter_env(&sf, "not-the-secret"));
    let out = wrong
        .run(&format!(
            "/spotlight destination add chatter {GROUP_ID}\n/spotlight destinations\n"
        ))
        .await;
    has(&out, "I can't add the Chatter group 0F9000000000001AAA:");
    has(&out, "Nothing was changed.");
    has(&out, "*Destinations*: none yet.");

    // A group that does not exist, and a malformed ID.
    let desk = Desk::with_chatter(&sf);
    let out = desk
        .run("/spotlight destination add chatter 0F9000000000999AAA\n/spotlight destination add chatter 12345\n/spotlight destinations\n")
        .await;
    has(&out, "I can't add the Chatter group 0F9000000000999AAA:");
    has(&out, "is not a Chatter group ID");
    has(&out, "*Destinations*: none yet.");
    assert!(sf.posted().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chatter_group_is_scheduled_paused_and_removed_like_a_channel() {
    let sf = ChatterStandIn::start().await;
    let desk = Desk::with_chatter(&sf);
    let out = desk
        .run(&format!(
            "/spotlight destination add chatter {GROUP_ID}\n/spotlight schedule \"0 9 * * *\" chatter:{GROUP_ID}\n/spotlight pause chatter:{GROUP_ID}\n{}/advance 2d\n/spotlight destinations\n/spotlight destination remove chatter {GROUP_ID}\n",
            approved_story("")
        ))
        .await;
    has(
        &out,
        "the Chatter group “Customer Wins”: one story per `0 9 * * *` (UTC)",
    );
    has(&out, "Paused posting to the Chatter group “Customer Wins”.");
    has(
        &out,
        "— *paused* (`/spotlight resume chatter:0F9000000000001AAA`)",
    );
    // Paused: two 9 o'clocks went by and nothing was posted; it cannot be removed while
    // a story waits for it.
    assert!(sf.posted().is_empty());
    has(&out, "Stories are still waiting to be published to the Chatter group “Customer Wins”, so it stays");

    let out = desk
        .run(&format!("/spotlight resume chatter:{GROUP_ID}\n/advance 1d\n/spotlight destination remove chatter:{GROUP_ID}\n/spotlight destinations\n"))
        .await;
    has(
        &out,
        "Posting to the Chatter group “Customer Wins” is back on.",
    );
    assert_eq!(sf.posted().len(), 1);
    has(&out, "Removed the Chatter group “Customer Wins”.");
    has(&out, "*Destinations*: none yet.");
}

fn email_env(
    sink: &SmtpSink,
    certs: &crate::smtp_sink::Certificates,
) -> Vec<(&'static str, String)> {
    vec![
        ("SPOTLIGHT_SMTP_HOST", "localhost".to_string()),
        ("SPOTLIGHT_SMTP_PORT", sink.port().to_string()),
        ("SPOTLIGHT_SMTP_TLS", "starttls".to_string()),
        ("SPOTLIGHT_SMTP_USER", "spotlight-bot".to_string()),
        ("SPOTLIGHT_SMTP_PASSWORD", "s3cret pass".to_string()),
        (
            "SPOTLIGHT_EMAIL_FROM",
            "Spotlight <spotlight@acme.test>".to_string(),
        ),
        (
            "SPOTLIGHT_SMTP_CA_FILE",
            certs.ca_cert.display().to_string(),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn an_approved_story_is_emailed_once_over_starttls_with_its_message_id_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "s3cret pass")
        .fail(1)
        .start();
    let desk = Desk::new(&email_env(&sink, &certs));
    let out = desk
        .run(&format!(
            "/spotlight destination add email <mailto:news@acme.test|news@acme.test>\n{}/spotlight publish-next\n/spotlight publish-next\n/spotlight publish-next\n/spotlight status\n",
            approved_story("news@acme.test")
        ))
        .await;
    has(&out, "Added news@acme.test.");
    has(
        &out,
        "Each story goes there as one email (HTML and plain text).",
    );
    // The relay's first answer is 451 (try later): the story stays queued, then goes.
    has(
        &out,
        "Story 1 was not posted to news@acme.test: The mail server refused it",
    );
    has(&out, "Posted story 1 to news@acme.test.");
    has(&out, "Your story was emailed to news@acme.test.");
    has(&out, "Nothing is waiting to be posted.");
    has(&out, "Published: 1.");
    let got: Vec<_> = sink
        .messages()
        .into_iter()
        .filter(|m| m.outcome == "accepted")
        .collect();
    assert_eq!(got.len(), 1, "{got:?}");
    let mail = &got[0];
    assert!(mail.tls, "sent over STARTTLS");
    assert_eq!(mail.login.as_deref(), Some("spotlight-bot"));
    assert_eq!(mail.rcpt_tos, vec!["news@acme.test".to_string()]);
    assert_eq!(mail.header("Subject"), Some(HEADLINE));
    let message_id = mail.header("Message-ID").expect("a Message-ID").to_string();
    assert!(
        message_id.starts_with("<spotlight-") && message_id.ends_with("@acme.test>"),
        "{message_id}"
    );
    let plain = mail.part("text/plain").expect("a plain-text part");
    let html = mail.part("text/html").expect("an HTML part");
    for words in [HABIT, PAYOFF] {
        assert!(plain.contains(words), "{words:?} not verbatim in:\n{plain}");
    }
    assert!(plain.contains(TAKEAWAY), "{plain}");
    assert!(
        html.contains("Sort by close date &lt;today&gt; and call five."),
        "{html}"
    );
    // The hero's mention reads as their name, from what Spotlight stored about them.
    assert!(plain.contains("Questions for Maria?"), "{plain}");

    // The Message-ID is what the outbox recorded as the proof of posting.
    let store = spotlight::store::Store::open(&format!("sqlite://{}", desk.db().display()))
        .await
        .unwrap();
    let posts = store.posts_of(spotlight::domain::StoryId(1)).await.unwrap();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].status, "sent");
    assert_eq!(posts[0].message_ref.as_deref(), Some(message_id.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_in_doubt_is_sent_again_with_the_same_message_id() {
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "s3cret pass")
        .drop_after_data(1)
        .start();
    let desk = Desk::new(&email_env(&sink, &certs));
    let out = desk
        .run(&format!(
            "/spotlight destination add email news@acme.test\n{}/spotlight publish-next\n/spotlight publish-next\n/advance 1m\n/spotlight publish-next\n/spotlight status\n",
            approved_story("")
        ))
        .await;
    has(&out, "The mail server gave no clear answer");
    // In doubt, nothing is resent until it is settled; SMTP cannot be asked, so the
    // story is queued again and the resend carries the same Message-ID.
    has(&out, "Nothing is waiting to be posted.");
    has(&out, "Posted story 1 to news@acme.test.");
    has(&out, "Published: 1.");
    let ids: Vec<String> = sink
        .messages()
        .iter()
        .filter_map(|m| m.header("Message-ID").map(str::to_string))
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[0], ids[1]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_destination_needs_smtp_set_up_and_a_real_address() {
    let out = Desk::new(&[])
        .run("/spotlight destination add email news@acme.test\n/spotlight destination add email news@\n/spotlight destinations\n")
        .await;
    has(
        &out,
        "I can't add news@acme.test: email isn't set up: set SPOTLIGHT_SMTP_HOST",
    );
    has(&out, "\"news@\" is not an email address");
    has(&out, "*Destinations*: none yet.");

    // A relay that refuses our password is found out when the address is added.
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "another password")
        .start();
    let out = Desk::new(&email_env(&sink, &certs))
        .run("/spotlight destination add email news@acme.test\n/spotlight destinations\n")
        .await;
    has(&out, "I can't add news@acme.test:");
    has(&out, "Nothing was changed.");
    has(&out, "*Destinations*: none yet.");
    assert!(!out.contains("s3cret"), "the password was shown:\n{out}");

    // So is an address the relay won't deliver to; a good one is added.
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "s3cret pass")
        .reject_rcpt("gone@acme.test")
        .start();
    let out = Desk::new(&email_env(&sink, &certs))
        .run("/spotlight destination add email gone@acme.test\n/spotlight destination add email news@acme.test\n/spotlight destinations\n")
        .await;
    has(&out, "I can't add gone@acme.test:");
    has(&out, "refused to deliver to gone@acme.test");
    has(&out, "Added news@acme.test.");
    assert!(!out.contains("• gone@acme.test"), "{out}");
    assert!(sink.messages().is_empty(), "checks send nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chatter_group_tied_to_an_audience_measures_the_story_against_that_groups_usage() {
    let sf = ChatterStandIn::start().await;
    let desk = Desk::with_chatter(&sf);
    let out = desk
        .run(&format!(
            "/spotlight destination add chatter {GROUP_ID}\n/spotlight audience chatter:{GROUP_ID} EMEA\n{}/spotlight publish-next\n",
            approved_story(&format!("chatter:{GROUP_ID}"))
        ))
        .await;
    has(&out, "is read by EMEA");
    has(&out, "Posted story 1 to the Chatter group “Customer Wins”.");
    // The admin imports the usage export and asks for the results.
    let cli = |args: &[&str]| {
        let mut cmd = helpers::spotlight(desk.dir.path());
        cmd.arg("--db").arg(desk.db()).args(args);
        for (k, v) in &desk.env {
            cmd.env(k, v);
        }
        let out = helpers::run(&mut cmd, "");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let export = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage/salesforce_lightning_monthly.csv");
    let imported = cli(&["import-usage", export.to_str().unwrap()]);
    has(&imported, "over 6 periods");
    let report = cli(&["report"]);
    // Published on 23 November in the group EMEA reads: the same before/after as a
    // Slack channel's audience, the month of publication apart.
    has(&report, "Customer Wins");
    has(
        &report,
        "EMEA: 0.45 before (3 periods) → 1.12 after (2 periods), +0.67; groups without a story +0.12, difference +0.55, publication period 2026-11 apart",
    );
}

/// Everything of Maria's a search of the database must not find once she is forgotten:
/// her handle and her answers' words.
const MARIA_TRACES: [&str; 5] = [
    "maria",
    "sort my pipeline by close date",
    "Two hours back every week",
    "call five",
    "Two hours back every Friday",
];

/// Imports usage figures naming Maria and Carl into the desk's database, as an admin
/// does on the server.
fn import_usage(desk: &Desk) {
    std::fs::write(
        desk.dir.path().join("usage.csv"),
        "user,team,month,logins\n@maria,EMEA,2026-10,7\n@carl,EMEA,2026-10,3\n",
    )
    .unwrap();
    let mut cmd = helpers::spotlight(desk.dir.path());
    cmd.arg("--db")
        .arg(desk.db())
        .args(["import-usage", "usage.csv"]);
    let out = helpers::run(&mut cmd, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn forgetting_a_hero_deletes_her_posts_says_the_email_stays_and_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "s3cret pass")
        .start();
    let sf = ChatterStandIn::start().await;
    let mut env = chatter_env(&sf, CLIENT_SECRET);
    env.extend(email_env(&sink, &certs));
    let desk = Desk::new(&env);
    // Someone else's post in the group, which must stay.
    sf.add_post(GROUP_ID, "Welcome to the group", chrono::Utc::now());
    let out = desk
        .run(&format!(
            "/spotlight channel add #wins\n/spotlight destination add chatter {GROUP_ID}\n/spotlight destination add email news@acme.test\n{}/spotlight publish-next\n/spotlight nominate @carl great dashboards\n",
            approved_story(&format!("#wins chatter:{GROUP_ID} news@acme.test"))
        ))
        .await;
    has(&out, "Posted story 1 to #wins, story 1 to the Chatter group “Customer Wins”, story 1 to news@acme.test.");
    assert_eq!(sf.posted_to(GROUP_ID).len(), 2);
    assert_eq!(sink.messages().len(), 1);
    import_usage(&desk);
    let db = desk.db().display().to_string();
    assert!(
        !crate::traces::traces(&db, &MARIA_TRACES).is_empty(),
        "the search finds her before she is forgotten"
    );

    // Carl may not have her forgotten; the attempt changes nothing.
    let out = desk
        .run("/as @carl\n/spotlight forget @maria\n/as @admin\n")
        .await;
    has(
        &out,
        "Sorry, only Spotlight admins can have someone else forgotten.",
    );
    let before = crate::traces::traces(&db, &MARIA_TRACES);

    // The admin sees what goes, and nothing goes before the confirmation.
    let out = desk.run("/spotlight forget @maria\n").await;
    for part in [
        "*Forget @maria?* This removes everything Spotlight holds of @maria, for good:",
        "1 story: story 1 (published)",
        "1 usage figure",
        "#wins (sent Mon 2026-11-23 10:00 UTC): deleted there",
        "the Chatter group “Customer Wins” (sent Mon 2026-11-23 10:00 UTC): deleted there",
        "the email to news@acme.test (sent Mon 2026-11-23 10:00 UTC): *cannot be recalled*",
        "[1] Forget  [2] Keep everything",
    ] {
        has(&out, part);
    }
    assert_eq!(crate::traces::traces(&db, &MARIA_TRACES), before);

    let out = desk.run("/spotlight forget @maria\nForget\n").await;
    has(
        &out,
        "*Forgotten.* Spotlight no longer holds anything of this person.",
    );
    has(
        &out,
        "*Not recalled:* the email to news@acme.test (sent Mon 2026-11-23 10:00 UTC). An email once sent cannot be taken back",
    );
    has(&out, "bot ✕ #wins: deleted its story post");
    has(&out, "Deleting the posts of the person forgotten");
    has(&out, "• #wins: deleted.");
    has(&out, "• the Chatter group “Customer Wins”: deleted.");
    // Her post is gone from Chatter; the other post stays; the email could not be recalled.
    let left = sf.posted_to(GROUP_ID);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].text, "Welcome to the group");
    assert_eq!(sink.messages().len(), 1);

    // Nothing of hers is anywhere in the database; Carl's story and figures stay.
    let traces = crate::traces::traces(&db, &MARIA_TRACES);
    assert!(traces.is_empty(), "left of Maria: {traces:#?}");
    assert_eq!(crate::traces::count(&db, "SELECT COUNT(*) FROM usage"), 1);
    assert_eq!(crate::traces::count(&db, "SELECT COUNT(*) FROM stories"), 1);
    let out = desk
        .run("/spotlight status\n/spotlight forget @maria\n")
        .await;
    has(&out, "Story 2 @carl: invited");
    has(
        &out,
        "Spotlight holds nothing of @maria: there is nothing to forget.",
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hero_can_have_herself_forgotten_and_the_admins_are_told_without_her_name() {
    let desk = Desk::new(&[]);
    let out = desk
        .run(&format!(
            "/spotlight nominate @maria best pipeline hygiene\n/as @maria\nStart now\n{HABIT}\n{PAYOFF}\n/spotlight forget me\nKeep everything\n"
        ))
        .await;
    has(
        &out,
        "*Forget you?* This removes everything Spotlight holds of you",
    );
    has(&out, "2 answers (2 stored wordings in all");
    has(&out, "Nothing was removed");
    let db = desk.db().display().to_string();
    assert!(!crate::traces::traces(&db, &MARIA_TRACES).is_empty());

    let out = desk.run("/spotlight forget me\nForget\n/as @admin\n").await;
    has(&out, "bot → @maria:\n  *Forgotten.*");
    has(
        &out,
        "bot → @admin:\n  Someone asked to be forgotten, and was.",
    );
    let traces = crate::traces::traces(&db, &MARIA_TRACES);
    assert!(traces.is_empty(), "left of Maria: {traces:#?}");
}
