//! Spotlight as a Slack app, driven the way Slack drives it: signed HTTP requests to
//! `spotlight serve` (and one run over Socket Mode), with the Slack simulator answering
//! the Web API and recording every message the bot sends.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::{json, Value};

use spotlight::config::{Prompts, Settings, SlackSettings, SlackSettingsInput};
use spotlight::destinations::Publishers;
use spotlight::domain::pipeline::Stage;
use spotlight::domain::StoryId;
use spotlight::slack::Running;
use spotlight::store::Store;

use crate::slack_requests::{
    click_body, command_body, event_body, form, im_message, sign, slack_escape,
};
use crate::slack_sim::{visible_text, SlackSim};

pub(crate) const BOT_TOKEN: &str = "xoxb-sim-bot-token";
pub(crate) const APP_TOKEN: &str = "xapp-sim-app-token";
pub(crate) const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
pub(crate) const ADMIN: &str = "UADMIN01";
pub(crate) const MARIA: &str = "UMARIA01";
pub(crate) const BOB: &str = "UBOB0001";
pub(crate) const WINS: &str = "CWINS001";

static COUNTER: AtomicU64 = AtomicU64::new(1);

pub(crate) fn unique() -> u64 {
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

pub(crate) fn now_ts() -> String {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string()
}

/// A well-mixed random number (splitmix64 over a counter seeded from the clock).
fn coin() -> u64 {
    use std::sync::OnceLock;
    static SEED: OnceLock<u64> = OnceLock::new();
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let seed = *SEED.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    });
    let mut z = seed.wrapping_add(
        CALLS
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_add(1)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A running Spotlight, its simulator, and a way to talk to it as Slack does.
pub(crate) struct TestApp {
    pub(crate) sim: SlackSim,
    pub(crate) running: Option<Running>,
    pub(crate) base: String,
    pub(crate) http: reqwest::Client,
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) db_url: String,
    /// Further replicas' addresses: when there are any, each request goes to one of
    /// these or `base`, at random (as a load balancer spreads them).
    pub(crate) spread: Vec<String>,
    /// How many requests each address got.
    pub(crate) sent_to: std::sync::Mutex<std::collections::BTreeMap<String, usize>>,
    /// The Postgres database the app runs on, if on one (`postgres_db::for_app`).
    pub(crate) _pg: Option<crate::postgres_db::TestDb>,
}

pub(crate) fn settings(db_url: &str) -> Settings {
    Settings {
        database_url: db_url.to_string(),
        admins: vec![ADMIN.to_string()],
        timezone: "UTC".to_string(),
        prompts: Prompts::builtin(),
        publishers: Default::default(),
    }
}

pub(crate) fn slack_settings(sim: &SlackSim, socket_mode: bool) -> SlackSettings {
    SlackSettings::from_input(SlackSettingsInput {
        bot_token: Some(BOT_TOKEN.into()),
        signing_secret: Some(SECRET.into()),
        app_token: Some(APP_TOKEN.into()),
        api_url: Some(sim.api_url()),
        bind: Some("127.0.0.1:0".into()),
        socket_mode,
        ..SlackSettingsInput::default()
    })
    .unwrap()
}

pub(crate) async fn spawn_app() -> TestApp {
    spawn_app_with(Prompts::builtin()).await
}

/// `spawn_app` with these question sets and template.
pub(crate) async fn spawn_app_with(prompts: Prompts) -> TestApp {
    spawn(prompts, Publishers::default()).await
}

/// `spawn_app` publishing beyond Slack too (Chatter, email).
pub(crate) async fn spawn_app_publishing(publishers: Publishers) -> TestApp {
    spawn(Prompts::builtin(), publishers).await
}

/// The tests' workspace: Alex the admin, Maria (Rome), Bob (no email) and #wins.
pub fn add_workspace(sim: &SlackSim) {
    sim.add_user(
        ADMIN,
        "alex",
        "Alex Admin",
        Some("alex@example.com"),
        false,
        "UTC",
    );
    sim.add_user(
        MARIA,
        "maria",
        "Maria Rossi",
        Some("maria@example.com"),
        false,
        "Europe/Rome",
    );
    sim.add_user(BOB, "bob", "Bob Stranger", None, false, "UTC");
    sim.add_channel(WINS, "wins", true);
}

async fn spawn(prompts: Prompts, publishers: Publishers) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let (db_url, pg) = crate::postgres_db::for_app(dir.path()).await;
    let mut app = spawn_on(dir, db_url, prompts, publishers).await;
    app._pg = pg;
    app
}

/// Spotlight on the database at `db_url` (a Postgres one, say), with its simulator.
pub(crate) async fn spawn_on(
    dir: tempfile::TempDir,
    db_url: String,
    prompts: Prompts,
    publishers: Publishers,
) -> TestApp {
    let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
    add_workspace(&sim);
    let settings = Settings {
        prompts,
        publishers,
        ..settings(&db_url)
    };
    let running = spotlight::slack::start(settings, slack_settings(&sim, false))
        .await
        .expect("spotlight serve starts");
    let base = format!("http://{}", running.addr);
    TestApp {
        sim,
        running: Some(running),
        base,
        http: reqwest::Client::new(),
        _dir: dir,
        db_url,
        spread: Vec::new(),
        sent_to: Default::default(),
        _pg: None,
    }
}

/// Polls `check` until it returns Some, for up to 10 seconds.
pub(crate) async fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = check() {
            return v;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The buttons (label, action_id, value) of a stored message.
pub(crate) fn buttons(msg: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for block in msg["blocks"].as_array().into_iter().flatten() {
        if block["type"] == "actions" {
            for e in block["elements"].as_array().into_iter().flatten() {
                out.push((
                    e.pointer("/text/text")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    e["action_id"].as_str().unwrap_or_default().to_string(),
                    e["value"].as_str().unwrap_or_default().to_string(),
                ));
            }
        }
    }
    out
}

impl TestApp {
    pub(crate) async fn post(
        &self,
        path: &str,
        content_type: &str,
        body: String,
        ts: &str,
        signature: Option<String>,
    ) -> reqwest::Response {
        let base = if self.spread.is_empty() {
            self.base.clone()
        } else {
            let pick = coin() as usize % (self.spread.len() + 1);
            self.spread
                .get(pick)
                .cloned()
                .unwrap_or_else(|| self.base.clone())
        };
        *self
            .sent_to
            .lock()
            .unwrap()
            .entry(base.clone())
            .or_default() += 1;
        let mut req = self
            .http
            .post(format!("{base}{path}"))
            .header("content-type", content_type)
            .header("x-slack-request-timestamp", ts);
        if let Some(sig) = signature {
            req = req.header("x-slack-signature", sig);
        }
        req.body(body).send().await.unwrap()
    }

    pub(crate) async fn signed(
        &self,
        path: &str,
        content_type: &str,
        body: String,
    ) -> reqwest::Response {
        let ts = now_ts();
        let sig = sign(SECRET, &ts, &body);
        self.post(path, content_type, body, &ts, Some(sig)).await
    }

    /// Delivers an Events API event; returns the HTTP status.
    pub(crate) async fn event(&self, event: Value) -> u16 {
        let id = format!("Ev{:08}", unique());
        let resp = self
            .signed("/slack/events", "application/json", event_body(event, &id))
            .await;
        resp.status().as_u16()
    }

    /// The hero (or anyone) sends the bot a DM; returns the message ts.
    pub(crate) async fn dm(&self, user: &str, text: &str) -> String {
        let ts = format!("1800000000.{:06}", unique());
        let status = self.event(im_message(user, text, &ts)).await;
        assert_eq!(status, 200);
        ts
    }

    /// The person edits a DM they sent earlier.
    pub(crate) async fn edit_dm(&self, user: &str, ts: &str, text: &str) {
        let status = self
            .event(json!({
                "type": "message",
                "subtype": "message_changed",
                "channel": format!("D{user}"),
                "channel_type": "im",
                "hidden": true,
                "ts": format!("1800000000.{:06}", unique()),
                "message": {"type": "message", "user": user, "text": slack_escape(text), "ts": ts,
                            "edited": {"user": user, "ts": "1800000001.000000"}},
                "previous_message": {"type": "message", "user": user, "text": "old", "ts": ts},
            }))
            .await;
        assert_eq!(status, 200);
    }

    /// Where the simulator takes `response_url` replies.
    pub(crate) fn sim_base(&self) -> String {
        self.sim.api_url().trim_end_matches("/api").to_string()
    }

    pub(crate) fn command_body(&self, user: &str, text: &str) -> String {
        command_body(&self.sim_base(), user, text, unique())
    }

    /// Runs `/spotlight <text>` as `user`; returns the ephemeral reply it got.
    pub(crate) async fn command(&self, user: &str, text: &str) -> String {
        let before = self.sim.calls_to("response_url").len();
        let resp = self
            .signed(
                "/slack/commands",
                "application/x-www-form-urlencoded",
                self.command_body(user, text),
            )
            .await;
        assert_eq!(resp.status().as_u16(), 200, "slash command acknowledged");
        let call = eventually(&format!("a reply to /spotlight {text}"), || {
            self.sim.calls_to("response_url").get(before).cloned()
        })
        .await;
        visible_text(&call.args)
    }

    /// Presses a button as `user` (the payload Slack sends for block_actions).
    pub(crate) async fn click(&self, user: &str, action_id: &str, value: &str) -> u16 {
        let body = click_body(&self.sim_base(), user, action_id, value, unique());
        self.signed(
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            body,
        )
        .await
        .status()
        .as_u16()
    }

    /// Presses the button labelled `label` on the newest DM to `user` that has it.
    pub(crate) async fn press(&self, as_user: &str, dm_of: &str, label: &str) {
        let (action, value) = eventually(&format!("a \"{label}\" button for {dm_of}"), || {
            self.sim.dm_messages(dm_of).iter().rev().find_map(|m| {
                buttons(m)
                    .into_iter()
                    .find(|(l, ..)| l == label)
                    .map(|(_, a, v)| (a, v))
            })
        })
        .await;
        assert_eq!(self.click(as_user, &action, &value).await, 200);
    }

    /// Waits for a DM to `user` containing `needle`, and returns its text.
    pub(crate) async fn dm_containing(&self, user: &str, needle: &str) -> String {
        eventually(&format!("a DM to {user} containing {needle:?}"), || {
            self.sim
                .dm_messages(user)
                .iter()
                .map(visible_text)
                .find(|t| t.contains(needle))
        })
        .await
    }

    pub(crate) fn dm_count(&self, user: &str) -> usize {
        self.sim.dm_messages(user).len()
    }

    pub(crate) async fn store(&self) -> Store {
        Store::open(&self.db_url).await.unwrap()
    }

    pub(crate) async fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.unwrap();
        }
    }

    /// Starts Spotlight again on the same database and simulator.
    pub(crate) async fn restart(&mut self) {
        self.stop().await;
        let running =
            spotlight::slack::start(settings(&self.db_url), slack_settings(&self.sim, false))
                .await
                .unwrap();
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
    }

    /// Nominates Maria and takes her through the whole interview.
    pub(crate) async fn interview_maria(&self) {
        let reply = self
            .command(
                ADMIN,
                &format!("nominate <@{MARIA}|maria> top of the leaderboard"),
            )
            .await;
        // "Nominated <@…> (story 1)", in the admin's language.
        assert!(
            reply.contains(&format!("<@{MARIA}>")) && reply.contains(" 1)"),
            "{reply}"
        );
        self.press(MARIA, MARIA, "Start now").await;
        self.dm_containing(MARIA, "Question 1 of 5").await;
        self.maria_answers(&[
            "Every Friday I sort my pipeline by close date & close what's dead.",
            "Two hours back every week.\nAnd my forecast is finally right.",
            "skip",
            "Sort your pipeline by close date on Friday.",
            "Two hours back every Friday",
        ])
        .await;
    }

    /// Maria sends the last `answers` of her five, one question at a time.
    pub(crate) async fn maria_answers(&self, answers: &[&str]) {
        let first = 5 - answers.len();
        for (n, answer) in answers.iter().enumerate() {
            self.dm(MARIA, answer).await;
            let next = if first + n < 4 {
                format!("Question {} of 5", first + n + 2)
            } else {
                "That's everything".into()
            };
            self.dm_containing(MARIA, &next).await;
        }
    }
}

#[test]
fn the_signing_helper_reproduces_slacks_test_vector() {
    let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    assert_eq!(
        sign(SECRET, "1531420618", body),
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    );
}

#[tokio::test]
async fn requests_with_bad_missing_or_stale_signatures_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let body = app.command_body(ADMIN, &format!("nominate <@{MARIA}>"));
    let ts = now_ts();
    let wrong = sign("not-the-secret-000000000000", &ts, &body);
    assert_eq!(
        app.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            body.clone(),
            &ts,
            Some(wrong)
        )
        .await
        .status(),
        401
    );
    assert_eq!(
        app.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            body.clone(),
            &ts,
            None
        )
        .await
        .status(),
        401
    );
    // Slack's own test vector is correctly signed but years old: a replay, refused.
    let old = "1531420618";
    let stale = sign(SECRET, old, &body);
    assert_eq!(
        app.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            body.clone(),
            old,
            Some(stale)
        )
        .await
        .status(),
        401
    );
    // A body changed after signing is refused too.
    let sig = sign(SECRET, &ts, &body);
    let tampered = body.replace("nominate", "nominatf");
    assert_eq!(
        app.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            tampered,
            &ts,
            Some(sig)
        )
        .await
        .status(),
        401
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let store = app.store().await;
    assert!(store.inbox_pending(10).await.unwrap().is_empty());
    assert!(store.story(StoryId(1)).await.unwrap().is_none());
    assert_eq!(app.dm_count(MARIA), 0);
}

#[tokio::test]
async fn url_verification_is_answered_with_the_challenge() {
    let app = spawn_app().await;
    let body = json!({"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}).to_string();
    let resp = app.signed("/slack/events", "application/json", body).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.text().await.unwrap(),
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
}

#[tokio::test]
async fn malformed_payloads_are_answered_400_and_change_nothing() {
    let app = spawn_app().await;
    for (path, ct, body) in [
        ("/slack/events", "application/json", "{not json".to_string()),
        (
            "/slack/events",
            "application/json",
            json!({"type": "event_callback"}).to_string(),
        ),
        (
            "/slack/commands",
            "application/x-www-form-urlencoded",
            "text=hello".to_string(),
        ),
        (
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            "payload=%7Bbroken".to_string(),
        ),
    ] {
        assert_eq!(
            app.signed(path, ct, body.clone()).await.status(),
            400,
            "{path} {body}"
        );
    }
    assert!(app
        .store()
        .await
        .inbox_pending(10)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_health_check_answers_ok() {
    let app = spawn_app().await;
    let resp = app
        .http
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn the_whole_pipeline_runs_in_slack_from_nomination_to_a_scheduled_post() {
    whole_pipeline(&spawn_app().await).await;
}

/// Maria nominated, interviewed, her story reviewed, approved by her and posted by the
/// scheduler exactly once, all through signed requests, checked as people see it.
pub(crate) async fn whole_pipeline(app: &TestApp) {
    app.interview_maria().await;

    // The hero edits an answer in Slack after sending it: the stored answer follows.
    let store = app.store().await;
    let first_ts = {
        // The DM ts of her first answer is the message_ref of revision 1.
        let history = store.answer_history(StoryId(1), "behaviour").await.unwrap();
        assert_eq!(history.len(), 1);
        history[0].text.clone()
    };
    assert_eq!(
        first_ts,
        "Every Friday I sort my pipeline by close date & close what's dead."
    );

    // The admins got the draft with its checks and an approve button.
    let draft = app.dm_containing(ADMIN, "finished their interview").await;
    assert!(draft.contains("✓ quotes are"), "{draft}");
    assert!(
        !draft.contains("Alex"),
        "no admin named in the draft: {draft}"
    );

    // Admins review from any channel with the slash command.
    let reply = app.command(ADMIN, "drafts").await;
    assert!(reply.contains("Story 1"), "{reply}");
    let reply = app
        .command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    assert!(reply.contains("Added"), "{reply}");
    let reply = app
        .command(ADMIN, &format!("approve 1 <#{WINS}|wins>"))
        .await;
    assert!(reply.contains("Sent story 1"), "{reply}");

    let review = app
        .dm_containing(MARIA, "exactly as it will be posted")
        .await;
    assert!(
        review.contains("two hours back") || review.contains("Two hours back"),
        "{review}"
    );
    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(MARIA, "your story is approved").await;

    // Every two seconds, one story: the scheduler posts it without anyone asking.
    let reply = app
        .command(ADMIN, &format!("schedule \"*/2 * * * * *\" <#{WINS}|wins>"))
        .await;
    assert!(reply.contains("Next:"), "{reply}");
    let post = eventually("the story in #wins", || {
        app.sim.messages(WINS).first().cloned()
    })
    .await;
    let text = visible_text(&post);
    assert!(text.contains("*Two hours back every Friday*"), "{text}");
    assert!(
        text.contains("close date &amp; close what's dead."),
        "verbatim, escaped: {text}"
    );
    assert!(
        text.contains(&format!("<@{MARIA}>")),
        "the hero is mentioned: {text}"
    );
    assert!(text.contains("Ask in the thread"), "{text}");
    assert_eq!(
        post.pointer("/metadata/event_type").and_then(Value::as_str),
        Some("spotlight_story")
    );
    let call = app
        .sim
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| c.args["channel"] == WINS)
        .unwrap();
    assert_eq!(call.args["unfurl_links"], json!(false));
    assert_eq!(call.args["unfurl_media"], json!(false));
    assert!(call.args.get("link_names").is_none());
    app.dm_containing(MARIA, "Your story is live").await;

    // Later occurrences find nothing more to post: the story went out exactly once.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(app.sim.messages(WINS).len(), 1);
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Published);
    // The digest and the poster name the channel as people know it, not by its ID:
    // its name was asked of Slack when it was added.
    assert_eq!(store.posted_to(1).await.unwrap(), vec!["#wins".to_string()]);
}

#[tokio::test]
async fn an_answer_edited_in_slack_updates_the_stored_answer_with_history() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.press(MARIA, MARIA, "Start now").await;
    let ts = app.dm(MARIA, "first version").await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    app.edit_dm(MARIA, &ts, "second version <!channel>").await;
    let store = app.store().await;
    let mut history = vec![];
    for _ in 0..500 {
        history = store.answer_history(StoryId(1), "behaviour").await.unwrap();
        if history.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(history.len(), 2, "the edit was stored");
    assert_eq!(history[0].text, "first version");
    assert_eq!(
        history[1].text, "second version <!channel>",
        "stored as typed, decoded"
    );
    assert_eq!(history[1].source, "slack_edit");
}

#[tokio::test]
async fn stop_typed_in_the_interview_dm_is_confirmed_with_a_button_and_never_stored() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.press(MARIA, MARIA, "Start now").await;
    app.dm(MARIA, "first answer").await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    let count = |needle: &str| {
        app.sim
            .dm_messages(MARIA)
            .iter()
            .filter(|m| visible_text(m).contains(needle))
            .count()
    };
    app.dm(MARIA, "Stop!").await;
    app.dm_containing(MARIA, "Do you want to stop and opt out?")
        .await;
    app.press(MARIA, MARIA, "Keep going").await;
    eventually("question 2 asked again", || {
        (count("Question 2 of 5") == 2).then_some(())
    })
    .await;
    app.dm(MARIA, "opt out").await;
    eventually("a second confirmation", || {
        (count("Do you want to stop and opt out?") == 2).then_some(())
    })
    .await;
    app.press(MARIA, MARIA, "Opt out").await;
    app.dm_containing(MARIA, "Understood: you're out").await;
    app.dm_containing(ADMIN, "opted out of story 1").await;
    let store = app.store().await;
    let answers = store.answers(StoryId(1)).await.unwrap();
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers["behaviour"], "first answer");
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::OptedOut);
}

#[tokio::test]
async fn a_repeated_delivery_of_the_same_event_is_processed_once() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1 of 5").await;
    let body = event_body(
        json!({"type": "message", "channel": format!("D{MARIA}"), "channel_type": "im",
               "user": MARIA, "text": "only once", "ts": "1800000000.999999"}),
        "EvDUPLICATE1",
    );
    for retry in 0..3 {
        let ts = now_ts();
        let sig = sign(SECRET, &ts, &body);
        let resp = app
            .http
            .post(format!("{}/slack/events", app.base))
            .header("content-type", "application/json")
            .header("x-slack-request-timestamp", &ts)
            .header("x-slack-signature", sig)
            .header("x-slack-retry-num", retry.to_string())
            .header("x-slack-retry-reason", "http_timeout")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
    }
    app.dm_containing(MARIA, "Question 2 of 5").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let store = app.store().await;
    assert_eq!(
        store
            .answer_history(StoryId(1), "behaviour")
            .await
            .unwrap()
            .len(),
        1
    );
    let asked_q2 = app
        .sim
        .dm_messages(MARIA)
        .iter()
        .filter(|m| visible_text(m).contains("Question 2 of 5"))
        .count();
    assert_eq!(asked_q2, 1);
}

#[tokio::test]
async fn broadcast_mentions_in_answers_ping_nobody_when_posted() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1 of 5").await;
    // Slack delivers @channel typed by a user as <!channel>, and @here as <!here>.
    for text in [
        "<!channel> look: I close deals <!here> fast @everyone",
        "b",
        "c",
        "d",
        "e",
    ] {
        let status = app
            .event(json!({"type": "message", "channel": format!("D{MARIA}"), "channel_type": "im",
                          "user": MARIA, "text": text, "ts": format!("1800000000.{:06}", unique())}))
            .await;
        assert_eq!(status, 200);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.dm_containing(MARIA, "That's everything").await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(MARIA, "your story is approved").await;
    app.command(ADMIN, "publish-next").await;
    let post = eventually("the post", || app.sim.messages(WINS).first().cloned()).await;
    let raw = post.to_string();
    for ping in ["<!channel>", "<!here>", "<!everyone>"] {
        assert!(!raw.contains(ping), "{ping} would ping: {raw}");
    }
    assert!(visible_text(&post).contains("&lt;!channel&gt; look"));
}

#[tokio::test]
async fn non_admins_get_a_polite_refusal_for_admin_commands_and_nothing_changes() {
    let app = spawn_app().await;
    for cmd in [
        format!("nominate <@{MARIA}>"),
        "drafts".into(),
        format!("channel add <#{WINS}|wins>"),
        "publish-next".into(),
    ] {
        let reply = app.command(BOB, &cmd).await;
        assert!(reply.contains("is for Spotlight admins"), "{cmd}: {reply}");
    }
    let help = app.command(BOB, "help").await;
    assert!(help.contains("/spotlight suggest"), "{help}");
    assert!(!help.contains("/spotlight nominate"), "{help}");
    let unknown = app.command(BOB, "frobnicate").await;
    assert!(
        unknown.contains("I don't know the command") && unknown.contains("/spotlight help"),
        "{unknown}"
    );
    let store = app.store().await;
    assert!(store.story(StoryId(1)).await.unwrap().is_none());
    assert!(store.destinations().await.unwrap().is_empty());
    assert_eq!(app.dm_count(MARIA), 0);
}

#[tokio::test]
async fn a_stranger_pressing_someone_elses_approve_button_changes_nothing() {
    let app = spawn_app().await;
    app.interview_maria().await;
    app.command(ADMIN, "approve 1").await;
    let review = eventually("the approval request", || {
        app.sim
            .dm_messages(MARIA)
            .iter()
            .rev()
            .find(|m| buttons(m).iter().any(|(l, ..)| l == "Approve"))
            .cloned()
    })
    .await;
    let (_, action, value) = buttons(&review)
        .into_iter()
        .find(|(l, ..)| l == "Approve")
        .unwrap();
    let before = app.sim.calls_to("response_url").len();
    assert_eq!(app.click(BOB, &action, &value).await, 200);
    let refusal = eventually("a refusal", || {
        app.sim.calls_to("response_url").get(before).cloned()
    })
    .await;
    assert!(
        visible_text(&refusal.args).contains("only the hero of this story can approve"),
        "{:?}",
        refusal.args
    );
    // The admin cannot approve on the hero's behalf either.
    assert_eq!(app.click(ADMIN, &action, &value).await, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let story = app.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::AwaitingApproval);
    assert!(story.approved_text.is_none());
}

#[tokio::test]
async fn the_bots_own_messages_are_ignored() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.dm_containing(MARIA, "nominated").await;
    let before = app.sim.calls_to("chat.postMessage").len();
    app.event(json!({"type": "message", "channel": format!("D{MARIA}"), "channel_type": "im",
                     "user": "UBOT0001", "bot_id": "BBOT0001", "text": "start", "ts": "1800000000.000001"}))
        .await;
    app.event(
        json!({"type": "message", "channel": format!("D{MARIA}"), "channel_type": "im",
                     "user": "UBOT0001", "text": "start", "ts": "1800000000.000002"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.sim.calls_to("chat.postMessage").len(), before);
}

#[tokio::test]
async fn a_request_recorded_before_a_crash_is_processed_on_restart() {
    let mut app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.dm_containing(MARIA, "nominated").await;
    app.stop().await;
    // As if Spotlight had recorded Maria's "start" and acknowledged it, then died.
    let store = app.store().await;
    let body = json!({"team_id": "T0001", "api_app_id": "A0001", "type": "event_callback",
        "event_id": "EvCRASH01", "event_time": 1_700_000_000,
        "event": {"type": "message", "channel": format!("D{MARIA}"), "channel_type": "im",
                  "user": MARIA, "text": "start", "ts": "1800000000.123456"}});
    assert!(store
        .inbox_insert_many(
            vec![("event:EvCRASH01".into(), "event", body.to_string())],
            chrono::Utc::now()
        )
        .await
        .unwrap()[0]
        .is_some());
    store.close().await;
    app.restart().await;
    app.dm_containing(MARIA, "Question 1 of 5").await;
}

#[tokio::test]
async fn the_app_home_shows_admins_the_pipeline_and_heroes_their_story() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.event(
        json!({"type": "app_home_opened", "user": ADMIN, "channel": "DADMIN", "tab": "home"}),
    )
    .await;
    app.event(
        json!({"type": "app_home_opened", "user": MARIA, "channel": "DMARIA", "tab": "home"}),
    )
    .await;
    let admin_home = eventually("the admin's home", || app.sim.home_view(ADMIN)).await;
    let text = admin_home.to_string();
    assert!(
        text.contains("Spotlight pipeline") && text.contains(&format!("<@{MARIA}>")),
        "{text}"
    );
    assert!(text.contains("Publishing queue"), "{text}");
    let hero_home = eventually("the hero's home", || app.sim.home_view(MARIA)).await;
    assert!(
        hero_home.to_string().contains("Your Spotlight story"),
        "{hero_home}"
    );
}

#[tokio::test]
async fn anyone_may_suggest_a_peer_and_the_admins_get_a_nominate_button() {
    let app = spawn_app().await;
    let reply = app
        .command(
            BOB,
            &format!("suggest <@{MARIA}|maria> she automates everything"),
        )
        .await;
    assert!(reply.contains("passed your suggestion"), "{reply}");
    let note = app.dm_containing(ADMIN, "suggests").await;
    assert!(note.contains("she automates everything"), "{note}");
    app.press(ADMIN, ADMIN, "Nominate").await;
    app.dm_containing(MARIA, "nominated").await;
}

#[tokio::test]
async fn metrics_behind_a_token_answer_only_the_scraper_that_brings_it() {
    let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
    add_workspace(&sim);
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("s.db").display());
    let mut slack = slack_settings(&sim, false);
    let token = "scrape-3f9a1c7e2b5d8a04";
    slack.metrics_token = Some(spotlight::config::Secret::new(token));
    let running = spotlight::slack::start(settings(&db_url), slack)
        .await
        .unwrap();
    let url = format!("http://{}/metrics", running.addr);
    let http = reqwest::Client::new();

    // No token, or a wrong one: refused, saying what is needed.
    for attempt in [
        http.get(&url),
        http.get(&url).bearer_auth("scrape-3f9a1c7e2b5d8a05"),
    ] {
        let resp = attempt.send().await.unwrap();
        assert_eq!(resp.status(), 401);
        assert_eq!(resp.headers()["www-authenticate"], "Bearer");
        let body = resp.text().await.unwrap();
        assert!(body.contains("SPOTLIGHT_METRICS_TOKEN"), "{body}");
        assert!(!body.contains("spotlight_"), "{body}");
    }
    // The scraper's token: the figures.
    let resp = http.get(&url).bearer_auth(token).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(body.contains("spotlight_outbox_waiting"), "{body}");
    // /healthz stays open to the load balancer.
    let health = http
        .get(format!("http://{}/healthz", running.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    running.stop().await.unwrap();
}

#[tokio::test]
async fn the_same_flow_runs_over_socket_mode_and_survives_a_dropped_socket() {
    let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
    sim.add_user(ADMIN, "alex", "Alex Admin", None, false, "UTC");
    sim.add_user(MARIA, "maria", "Maria Rossi", None, false, "UTC");
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("s.db").display());
    let running = spotlight::slack::start(settings(&db_url), slack_settings(&sim, true))
        .await
        .unwrap();
    // Slack's requests come over the socket; the HTTP listener serves only what
    // operators watch.
    let health = reqwest::get(format!("http://{}/healthz", running.addr))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let metrics = reqwest::get(format!("http://{}/metrics", running.addr))
        .await
        .unwrap();
    assert_eq!(metrics.status(), 200);
    let events = reqwest::Client::new()
        .post(format!("http://{}/slack/events", running.addr))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 404);
    sim.wait_for_socket_connections(1, Duration::from_secs(10))
        .await;

    let env = sim.slash_command_envelope(
        "env1",
        "/spotlight",
        &format!("nominate <@{MARIA}|maria>"),
        ADMIN,
        "CGENERAL",
    );
    sim.socket_send(env).await;
    sim.wait_for_ack("env1", Duration::from_secs(5)).await;
    let invite = eventually("the invitation", || {
        sim.dm_messages(MARIA)
            .iter()
            .find(|m| !buttons(m).is_empty())
            .cloned()
    })
    .await;
    let (_, action, value) = buttons(&invite)
        .into_iter()
        .find(|(l, ..)| l == "Start now")
        .unwrap();
    let payload = json!({"type": "block_actions", "team": {"id": "T0001", "domain": "sim"},
        "user": {"id": MARIA, "username": "maria", "team_id": "T0001"}, "api_app_id": "A0001",
        "container": {"type": "message", "message_ts": "1.0", "channel_id": format!("D{MARIA}"), "is_ephemeral": false},
        "trigger_id": "trigger.sm1", "actions": [{"type": "button", "action_id": action, "block_id": "b",
        "text": {"type": "plain_text", "text": "Start now"}, "value": value, "action_ts": "1800000000.000001"}]});
    sim.socket_send(sim.interactive_envelope("env2", payload, false))
        .await;
    sim.wait_for_ack("env2", Duration::from_secs(5)).await;
    eventually("question 1", || {
        sim.dm_messages(MARIA)
            .iter()
            .map(visible_text)
            .find(|t| t.contains("Question 1 of 5"))
    })
    .await;

    // The socket drops; the listener reconnects by itself and events flow again.
    let connections = sim.socket_connections();
    sim.drop_socket().await;
    sim.wait_for_socket_connections(connections + 1, Duration::from_secs(15))
        .await;
    let dm = json!({"type": "message", "channel": format!("D{MARIA}"), "channel_type": "im",
                    "user": MARIA, "text": "I live in my pipeline view", "ts": "1800000000.000100"});
    sim.socket_send(sim.events_api_envelope("env3", "EvSM0003", dm))
        .await;
    sim.wait_for_ack("env3", Duration::from_secs(5)).await;
    eventually("question 2", || {
        sim.dm_messages(MARIA)
            .iter()
            .map(visible_text)
            .find(|t| t.contains("Question 2 of 5"))
    })
    .await;
    running.stop().await.unwrap();
    let store = Store::open(&db_url).await.unwrap();
    assert_eq!(
        store.answers(StoryId(1)).await.unwrap()["behaviour"],
        "I live in my pipeline view"
    );
}

impl TestApp {
    /// Waits for a modal opened with views.open and returns it.
    pub(crate) async fn opened_modal(&self, n: usize) -> Value {
        let calls = self
            .sim
            .wait_for_calls("views.open", n, Duration::from_secs(10))
            .await;
        let view = calls[n - 1].args["view"].clone();
        if view.is_string() {
            serde_json::from_str(view.as_str().unwrap()).unwrap()
        } else {
            view
        }
    }

    /// Submits a modal as `user`, with `values` (block_id → value or list of chosen values).
    pub(crate) async fn submit(&self, user: &str, modal: &Value, values: Value) -> u16 {
        let mut state = serde_json::Map::new();
        for (block, v) in values.as_object().unwrap() {
            let entry = if let Some(list) = v.as_array() {
                let opts: Vec<Value> = list
                    .iter()
                    .map(|x| json!({"text": {"type": "plain_text", "text": "x"}, "value": x}))
                    .collect();
                json!({block.clone(): {"type": "checkboxes", "selected_options": opts}})
            } else {
                json!({block.clone(): {"type": "plain_text_input", "value": v}})
            };
            state.insert(block.clone(), entry);
        }
        let payload = json!({
            "type": "view_submission",
            "team": {"id": "T0001", "domain": "sim"},
            "user": {"id": user, "username": "someone", "team_id": "T0001"},
            "api_app_id": "A0001",
            "trigger_id": format!("trigger.{}", unique()),
            "view": {
                "id": format!("V{}", unique()), "team_id": "T0001", "type": "modal",
                "title": modal["title"], "blocks": [], "hash": "h",
                "callback_id": modal["callback_id"], "private_metadata": modal["private_metadata"],
                "state": {"values": state},
            },
        });
        let body = form(&[("payload", &payload.to_string())]);
        self.signed(
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            body,
        )
        .await
        .status()
        .as_u16()
    }
}

/// The initial value of the input whose block_id is `key`.
pub(crate) fn initial(modal: &Value, key: &str) -> Option<String> {
    modal["blocks"]
        .as_array()?
        .iter()
        .find(|b| b["block_id"] == key)?
        .pointer("/element/initial_value")?
        .as_str()
        .map(str::to_string)
}

#[tokio::test]
async fn the_hero_edits_their_quotes_in_a_modal_approves_the_new_words_and_an_admin_accepts_them() {
    let app = spawn_app().await;
    app.interview_maria().await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    app.dm_containing(MARIA, "exactly as it will be posted")
        .await;
    app.press(MARIA, MARIA, "Edit").await;
    let modal = app.opened_modal(1).await;
    assert_eq!(modal["type"], "modal");
    assert_eq!(
        initial(&modal, "benefit").as_deref(),
        Some("Two hours back every week.\nAnd my forecast is finally right.")
    );
    assert_eq!(
        initial(&modal, "headline").as_deref(),
        Some("Two hours back every Friday")
    );

    let new = "I get 2 hours back\nevery single week.";
    let status = app
        .submit(
            MARIA,
            &modal,
            json!({"benefit": new, "headline": "Two hours back every Friday",
                                      "behaviour": initial(&modal, "behaviour").unwrap(),
                                      "takeaway": initial(&modal, "takeaway").unwrap()}),
        )
        .await;
    assert_eq!(status, 200);
    app.dm_containing(MARIA, "Updated with your words.").await;
    app.press(MARIA, MARIA, "Approve").await;
    // Reworded after the admins' review, the story goes back to them, word by word.
    app.dm_containing(MARIA, "they'll look at the change first")
        .await;
    let card = app.dm_containing(ADMIN, "changes of their own").await;
    assert!(
        card.contains("“[-Two-] {+I get 2+} hours back every"),
        "{card}"
    );
    app.press(ADMIN, ADMIN, "Accept edit").await;
    app.dm_containing(MARIA, "your story is approved exactly as you approved it")
        .await;
    app.command(ADMIN, "publish-next").await;
    let post = eventually("the post", || app.sim.messages(WINS).first().cloned()).await;
    assert!(visible_text(&post).contains(new), "{}", visible_text(&post));
    let history = app
        .store()
        .await
        .answer_history(StoryId(1), "benefit")
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].source, "hero_edit");
    assert_eq!(history[1].text, new);
}

#[tokio::test]
async fn an_admin_sends_a_heros_edit_back_with_a_note_in_a_modal_and_nothing_is_queued() {
    let app = spawn_app().await;
    app.interview_maria().await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    app.press(MARIA, MARIA, "Edit").await;
    let modal = app.opened_modal(1).await;
    let fields = json!({"benefit": "Three hours back every week.",
                        "headline": initial(&modal, "headline").unwrap(),
                        "behaviour": initial(&modal, "behaviour").unwrap(),
                        "takeaway": initial(&modal, "takeaway").unwrap()});
    assert_eq!(app.submit(MARIA, &modal, fields).await, 200);
    app.dm_containing(MARIA, "Updated with your words.").await;
    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(ADMIN, "changes of their own").await;

    app.press(ADMIN, ADMIN, "Send back").await;
    let form = app.opened_modal(2).await;
    assert_eq!(form["type"], "modal");
    let note = "Two hours is what you measured: keep it?";
    assert_eq!(app.submit(ADMIN, &form, json!({ "note": note })).await, 200);
    let back = app.dm_containing(MARIA, "sent them back with a note").await;
    assert!(back.contains(note), "{back}");
    let story = app.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::AwaitingApproval);
    assert!(story.approved_text.is_none());
    assert!(app
        .store()
        .await
        .posts_of(StoryId(1))
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn an_answer_edited_in_slack_after_the_admins_review_goes_to_them_and_one_edited_while_they_look_waits(
) {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}|maria>"))
        .await;
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1 of 5").await;
    let mut benefit = String::new();
    for (n, answer) in [
        "I sort my pipeline by close date.",
        "Two hours back every week.",
        "skip",
        "Sort by close date on Friday.",
        "Two hours back every Friday",
    ]
    .iter()
    .enumerate()
    {
        let ts = app.dm(MARIA, answer).await;
        if n == 1 {
            benefit = ts;
        }
        let next = if n < 4 {
            format!("Question {} of 5", n + 2)
        } else {
            "That's everything".into()
        };
        app.dm_containing(MARIA, &next).await;
    }
    app.command(ADMIN, "approve 1").await;
    app.dm_containing(MARIA, "exactly as it will be posted")
        .await;
    app.edit_dm(MARIA, &benefit, "Three hours back every week.")
        .await;
    app.dm_containing(MARIA, "You edited an answer, so here is the updated story.")
        .await;
    app.press(MARIA, MARIA, "Approve").await;
    let card = app.dm_containing(ADMIN, "changes of their own").await;
    assert!(
        card.contains("“[-Two-] {+Three+} hours back every week.”"),
        "{card}"
    );

    // While the admins look, another edit is kept but changes nothing they review.
    app.edit_dm(MARIA, &benefit, "Four hours back every week.")
        .await;
    app.dm_containing(MARIA, "The admins are reviewing the text you approved")
        .await;
    let story = app.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::EditAwaitingReview);
    assert!(story.pending_text.unwrap().contains("Three hours back"));
}

#[tokio::test]
async fn an_admin_picks_a_question_set_at_nomination_and_the_first_question_quotes_the_note_escaped(
) {
    let mut prompts = Prompts::builtin();
    let set = spotlight::domain::interview::QuestionSet::parse_toml(include_str!(
        "../../prompts/sets/forecasting.toml"
    ))
    .unwrap();
    prompts.sets.insert("forecasting".into(), set);
    let app = spawn_app_with(prompts).await;
    let refused = app
        .command(
            ADMIN,
            &format!("nominate <@{MARIA}|maria> --set sales her forecast"),
        )
        .await;
    assert!(
        refused.contains("There is no question set “sales”. The sets are: forecasting."),
        "{refused}"
    );
    let reply = app
        .command(
            ADMIN,
            &format!("nominate <@{MARIA}|maria> --set forecasting her forecast &lt;!here&gt; is never off"),
        )
        .await;
    assert!(reply.contains("Nominated"), "{reply}");
    app.dm_containing(MARIA, "at most 20 minutes").await;
    app.press(MARIA, MARIA, "Start now").await;
    let first = app.dm_containing(MARIA, "Question 1 of 4").await;
    assert!(
        first.contains("Colleagues noticed this: “her forecast &lt;!here&gt; is never off”."),
        "{first}"
    );
    assert!(!first.contains("<!here>"), "{first}");
}

#[tokio::test]
async fn the_hero_requests_changes_in_a_modal_and_the_admins_see_the_note() {
    let app = spawn_app().await;
    app.interview_maria().await;
    app.command(ADMIN, "approve 1").await;
    app.dm_containing(MARIA, "exactly as it will be posted")
        .await;
    app.press(MARIA, MARIA, "Request changes").await;
    let modal = app.opened_modal(1).await;
    assert_eq!(
        app.submit(
            MARIA,
            &modal,
            json!({"comment": "Please drop the forecast line"})
        )
        .await,
        200
    );
    let note = app
        .dm_containing(ADMIN, "asked for changes to story 1")
        .await;
    assert!(note.contains("Please drop the forecast line"), "{note}");
    let story = app.store().await.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::ChangesRequested);
}

#[tokio::test]
async fn an_admin_picks_quotes_and_a_headline_in_a_modal_but_cannot_change_the_heros_words() {
    let app = spawn_app().await;
    app.interview_maria().await;
    app.press(ADMIN, ADMIN, "Pick quotes & headline").await;
    let modal = app.opened_modal(1).await;
    let text = modal.to_string();
    assert!(text.contains("checkboxes"), "{text}");
    assert!(
        initial(&modal, "benefit").is_none(),
        "no input for the hero's words: {text}"
    );
    let status = app
        .submit(
            ADMIN,
            &modal,
            json!({"quotes": ["behaviour", "takeaway"], "headline": "Fridays, sorted"}),
        )
        .await;
    assert_eq!(status, 200);
    let card = app.dm_containing(ADMIN, "Headline proposed").await;
    assert!(card.contains("*Fridays, sorted*"), "{card}");
    let store = app.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(
        story.selected(),
        Some(vec!["behaviour".to_string(), "takeaway".to_string()])
    );
    assert_eq!(story.headline.as_deref(), Some("Fridays, sorted"));
    // A stranger cannot open the review form.
    let before = app.sim.calls_to("response_url").len();
    let (_, action, value) = app
        .sim
        .dm_messages(ADMIN)
        .iter()
        .rev()
        .find_map(|m| {
            buttons(m)
                .into_iter()
                .find(|(l, ..)| l == "Pick quotes & headline")
        })
        .unwrap();
    app.click(BOB, &action, &value).await;
    let refusal = eventually("a refusal", || {
        app.sim.calls_to("response_url").get(before).cloned()
    })
    .await;
    assert!(
        visible_text(&refusal.args).contains("only a Spotlight admin"),
        "{:?}",
        refusal.args
    );
    assert_eq!(app.sim.calls_to("views.open").len(), 1);
}

#[tokio::test]
async fn a_rate_limited_message_is_sent_after_retry_after_and_only_once() {
    let app = spawn_app().await;
    app.sim.rate_limit_next("chat.postMessage", 1);
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    app.dm_containing(MARIA, "nominated").await;
    let invite = app.sim.dm_messages(MARIA)[0].clone();
    assert!(
        buttons(&invite)
            .iter()
            .any(|(label, ..)| label == "Start now"),
        "{invite}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.dm_count(MARIA), 1, "delivered once, after the 429");
    assert!(
        app.sim.calls_to("chat.postMessage").len() >= 2,
        "the first try was refused"
    );
}

#[tokio::test]
async fn workspace_admins_count_as_spotlight_admins() {
    let app = spawn_app().await;
    app.sim
        .add_user("UOWNER01", "olga", "Olga Owner", None, true, "UTC");
    let reply = app
        .command("UOWNER01", &format!("nominate <@{MARIA}>"))
        .await;
    assert!(reply.contains("Nominated"), "{reply}");
}

#[test]
fn serve_stops_at_start_with_a_message_naming_a_missing_or_malformed_setting() {
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_spotlight"));
        cmd.arg("serve")
            .args(args)
            .current_dir(dir.path())
            .env_clear();
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, err) = run(&[], &[]);
    assert!(!ok);
    assert!(err.contains("SLACK_BOT_TOKEN is not set"), "{err}");
    let (ok, err) = run(&[("SLACK_BOT_TOKEN", "xoxb-1")], &["--socket-mode"]);
    assert!(!ok);
    assert!(err.contains("SLACK_APP_TOKEN is not set"), "{err}");
    let (ok, err) = run(
        &[
            ("SLACK_BOT_TOKEN", "xoxb-secret-value"),
            ("SLACK_SIGNING_SECRET", SECRET),
            ("SPOTLIGHT_ADMINS", "maria"),
        ],
        &[],
    );
    assert!(!ok);
    assert!(err.contains("SPOTLIGHT_ADMINS"), "{err}");
    assert!(
        !err.contains("xoxb-secret-value") && !err.contains(SECRET),
        "secrets never printed: {err}"
    );
    let (ok, err) = run(
        &[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", SECRET),
            ("SPOTLIGHT_TIMEZONE", "Mars/Base"),
        ],
        &[],
    );
    assert!(!ok);
    assert!(
        err.contains("SPOTLIGHT_TIMEZONE") && err.contains("Mars/Base"),
        "{err}"
    );
}

/// Where a crash left the one outbox row of a queued story.
#[derive(Debug, Clone, Copy)]
enum CrashPoint {
    BeforeClaim,
    AfterClaim,
    AfterSlackAcceptedBeforeRecord,
    AfterRecord,
}

impl TestApp {
    /// Takes Maria's story to the publishing queue for #wins and stops Spotlight.
    async fn queued_then_stopped(&mut self) -> i64 {
        self.approved().await;
        self.stop().await;
        let store = self.store().await;
        let posts = store.posts_of(StoryId(1)).await.unwrap();
        assert_eq!(posts.len(), 1);
        posts[0].id
    }

    /// Posts a story message to the simulator as Spotlight would have, bypassing it.
    async fn post_as_bot(&self, outbox_id: i64) -> String {
        let resp: Value = self
            .http
            .post(format!("{}/chat.postMessage", self.sim.api_url()))
            .bearer_auth(BOT_TOKEN)
            .json(&json!({"channel": WINS, "text": "the story",
                          "metadata": {"event_type": "spotlight_story", "event_payload": {"outbox_id": outbox_id.to_string()}}}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(resp["ok"], true, "{resp}");
        resp["ts"].as_str().unwrap().to_string()
    }
}

async fn crash_then_restart(point: CrashPoint) {
    let mut app = spawn_app().await;
    let outbox = app.queued_then_stopped().await;
    let store = app.store().await;
    let now = chrono::Utc::now();
    match point {
        CrashPoint::BeforeClaim => {}
        CrashPoint::AfterClaim => assert!(store.claim_post(outbox, now).await.unwrap()),
        CrashPoint::AfterSlackAcceptedBeforeRecord => {
            assert!(store.claim_post(outbox, now).await.unwrap());
            app.post_as_bot(outbox).await;
        }
        CrashPoint::AfterRecord => {
            assert!(store.claim_post(outbox, now).await.unwrap());
            let ts = app.post_as_bot(outbox).await;
            store
                .mark_sent(outbox, &format!("{WINS}:{ts}"), now)
                .await
                .unwrap();
        }
    }
    store.close().await;
    app.restart().await;
    // Whatever the crash point, the row is settled, then publishing proceeds.
    let store = app.store().await;
    for _ in 0..500 {
        if store.posts_of(StoryId(1)).await.unwrap()[0].status != "sending" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let reply = app.command(ADMIN, "publish-next").await;
    match point {
        CrashPoint::BeforeClaim | CrashPoint::AfterClaim => {
            assert!(reply.contains("Posted story 1"), "{point:?}: {reply}")
        }
        _ => assert!(reply.contains("Nothing is waiting"), "{point:?}: {reply}"),
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        app.sim.messages(WINS).len(),
        1,
        "{point:?}: exactly one post"
    );
    let post = &store.posts_of(StoryId(1)).await.unwrap()[0];
    assert_eq!(post.status, "sent", "{point:?}");
    if let CrashPoint::AfterSlackAcceptedBeforeRecord = point {
        let ts = app.sim.messages(WINS)[0]["ts"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            post.message_ref.as_deref(),
            Some(format!("{WINS}:{ts}").as_str()),
            "the found ts is recorded"
        );
    }
    assert_eq!(
        store.story(StoryId(1)).await.unwrap().unwrap().stage(),
        Stage::Published
    );
}

#[tokio::test]
async fn a_crash_before_the_claim_loses_nothing_and_posts_once() {
    crash_then_restart(CrashPoint::BeforeClaim).await;
}

#[tokio::test]
async fn a_crash_after_the_claim_is_reconciled_and_the_story_posted_once() {
    crash_then_restart(CrashPoint::AfterClaim).await;
}

#[tokio::test]
async fn a_crash_after_slack_accepted_the_post_finds_it_in_history_and_does_not_post_again() {
    crash_then_restart(CrashPoint::AfterSlackAcceptedBeforeRecord).await;
}

#[tokio::test]
async fn a_crash_after_the_post_was_recorded_posts_nothing_more() {
    crash_then_restart(CrashPoint::AfterRecord).await;
}

#[tokio::test]
async fn not_in_channel_holds_the_channel_tells_the_admins_and_posting_resumes_once_the_bot_is_invited(
) {
    let app = spawn_app().await;
    app.sim.set_member(WINS, false);
    app.interview_maria().await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(MARIA, "your story is approved").await;
    let reply = app.command(ADMIN, "publish-next").await;
    assert!(reply.contains("/invite @Spotlight"), "{reply}");
    let told = app.dm_containing(ADMIN, "I can't post to").await;
    assert!(told.contains(&format!("<#{WINS}>")), "{told}");
    let queue = app.command(ADMIN, "queue").await;
    assert!(queue.contains("on hold"), "{queue}");
    assert!(app.sim.messages(WINS).is_empty());

    app.sim.set_member(WINS, true);
    let reply = app.command(ADMIN, &format!("resume <#{WINS}|wins>")).await;
    assert!(reply.contains("back on"), "{reply}");
    eventually("the story posted after the fix", || {
        app.sim.messages(WINS).first().cloned()
    })
    .await;
    app.dm_containing(ADMIN, "works again").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.sim.messages(WINS).len(), 1);
}

#[tokio::test]
async fn story_posts_to_one_channel_are_paced_a_second_apart() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    let store = app.store().await;
    for i in 0..3 {
        let hero = spotlight::domain::UserId::parse(&format!("UHERO00{i}")).unwrap();
        app.sim
            .add_user(hero.as_str(), "hero", "Hero", None, false, "UTC");
        store
            .ensure_user(&hero, "Hero", chrono::Utc::now())
            .await
            .unwrap();
        let mut s = store
            .insert_story(&hero, &hero, "", chrono::Utc::now())
            .await
            .unwrap();
        s.set_stage(Stage::Queued);
        store.save_story(&s).await.unwrap();
        store
            .mark_approved(s.story_id(), &format!("story {i}"), chrono::Utc::now())
            .await
            .unwrap();
        store
            .enqueue(
                s.story_id(),
                store.destinations().await.unwrap()[0].id,
                chrono::Utc::now(),
            )
            .await
            .unwrap();
    }
    for _ in 0..3 {
        let reply = app.command(ADMIN, "publish-next").await;
        assert!(reply.contains("Posted"), "{reply}");
    }
    let stamps: Vec<f64> = app
        .sim
        .messages(WINS)
        .iter()
        .map(|m| m["ts"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(stamps.len(), 3);
    for pair in stamps.windows(2) {
        assert!(
            pair[1] - pair[0] >= 0.99,
            "posts {stamps:?} came faster than one a second"
        );
    }
}

impl TestApp {
    /// Maria's story, approved by her and waiting in the queue for #wins.
    pub(crate) async fn approved(&self) {
        self.interview_maria().await;
        self.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
            .await;
        self.command(ADMIN, "approve 1").await;
        self.press(MARIA, MARIA, "Approve").await;
        self.dm_containing(MARIA, "your story is approved").await;
    }

    /// Publishes Maria's story to #wins and returns the post's ts.
    pub(crate) async fn published(&self) -> String {
        self.approved().await;
        self.command(ADMIN, "publish-next").await;
        let post = eventually("the post", || self.sim.messages(WINS).first().cloned()).await;
        post["ts"].as_str().unwrap().to_string()
    }
}

#[tokio::test]
async fn reactions_and_thread_replies_on_a_story_show_in_status_and_the_home_tab() {
    let app = spawn_app().await;
    let ts = app.published().await;
    let item = json!({"type": "message", "channel": WINS, "ts": ts});
    for (user, name) in [(ADMIN, "tada"), (BOB, "tada"), (BOB, "eyes")] {
        app.event(json!({"type": "reaction_added", "user": user, "reaction": name, "item": item, "event_ts": "1.0"})).await;
    }
    app.event(json!({"type": "reaction_removed", "user": BOB, "reaction": "eyes", "item": item, "event_ts": "1.0"})).await;
    app.event(
        json!({"type": "message", "channel": WINS, "channel_type": "channel", "user": BOB,
                     "text": "How do you sort it?", "ts": "1900000000.000001", "thread_ts": ts}),
    )
    .await;
    // A message outside the thread is not a reply to the story.
    app.event(
        json!({"type": "message", "channel": WINS, "channel_type": "channel", "user": ADMIN,
                     "text": "unrelated", "ts": "1900000000.000002"}),
    )
    .await;
    let mut status = String::new();
    for _ in 0..100 {
        status = app.command(ADMIN, "status").await;
        if status.contains("2 reactions, 1 replies, 2 people") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        status.contains("2 reactions, 1 replies, 2 people"),
        "{status}"
    );
    app.event(
        json!({"type": "app_home_opened", "user": MARIA, "channel": "DMARIA", "tab": "home"}),
    )
    .await;
    let home = eventually("maria's home with numbers", || {
        app.sim
            .home_view(MARIA)
            .filter(|v| v.to_string().contains("2 reactions and 1 replies"))
    })
    .await;
    assert!(home.to_string().contains("published"), "{home}");
    app.event(
        json!({"type": "app_home_opened", "user": ADMIN, "channel": "DADMIN", "tab": "home"}),
    )
    .await;
    let admin_home = eventually("the admin's home with results", || {
        app.sim
            .home_view(ADMIN)
            .filter(|v| v.to_string().contains("*Results*"))
    })
    .await;
    assert!(
        admin_home
            .to_string()
            .contains("2 reactions, 1 replies, 2 people"),
        "{admin_home}"
    );
    assert!(
        admin_home
            .to_string()
            .contains("`/spotlight report` sends the adoption chart and the report as CSV to our direct messages, and shows the chart here"),
        "where the chart is: {admin_home}"
    );
    let reply = app.command(ADMIN, "report").await;
    assert!(reply.contains("in our direct messages"), "{reply}");
    let shared = app
        .sim
        .wait_for_calls("files.completeUploadExternal", 1, Duration::from_secs(10))
        .await;
    let report = shared[0].args["initial_comment"]
        .as_str()
        .unwrap_or_default();
    assert!(
        report.contains(&format!("in <#{WINS}> (reach 3)")),
        "the channel's members counted: {report}"
    );
}

#[tokio::test]
async fn the_fallback_reads_reactions_and_replies_from_slack() {
    let app = spawn_app().await;
    let ts = app.published().await;
    app.sim.add_reaction(WINS, &ts, "raised_hands", BOB);
    app.sim.add_reaction(WINS, &ts, "raised_hands", ADMIN);
    app.sim.add_user_message(WINS, BOB, "Great tip!", Some(&ts));
    let client = spotlight::slack::client(&app.sim.api_url()).unwrap();
    let settings = slack_settings(&app.sim, false);
    let transport = spotlight::slack::SlackTransport::new(client, settings.bot_token().unwrap());
    let mut items = transport
        .engagement(&format!("{WINS}:{ts}"))
        .await
        .unwrap()
        .unwrap();
    items.sort();
    let kinds: Vec<(&str, &str)> = items
        .iter()
        .map(|(k, u, _)| (k.as_str(), u.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("reaction", ADMIN), ("reaction", BOB), ("reply", BOB)]
    );
}

/// Starts the real `spotlight serve` binary on the simulator, in `dir`, on its default
/// database there; returns the child and the address it listens on.
pub(crate) async fn spawn_serve(
    sim: &SlackSim,
    dir: &std::path::Path,
) -> (std::process::Child, String) {
    let (child, _said, addr) = spawn_serve_with(sim, dir, &[]);
    let addr = addr
        .await
        .unwrap()
        .expect("serve stopped before it listened");
    (child, addr)
}

/// What a child process has said on stderr so far, line by line.
pub(crate) type Said = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Starts the real `spotlight serve` binary on the simulator and the database at
/// `db_url`, as admin `ADMIN`; returns the child, its stderr's lines so far (shared, as
/// they come) and, once it listens, its address (it may first stand by).
pub(crate) fn spawn_serve_on(
    sim: &SlackSim,
    dir: &std::path::Path,
    db_url: &str,
    name: &str,
) -> (
    std::process::Child,
    Said,
    tokio::task::JoinHandle<Option<String>>,
) {
    let env = [
        ("SPOTLIGHT_ADMINS", ADMIN),
        ("SPOTLIGHT_REPLICA", name),
        ("DATABASE_URL", db_url),
    ];
    spawn_serve_with(sim, dir, &env)
}

/// Starts the real `spotlight serve` binary on the simulator, in `dir`, with `env` beside
/// the Slack settings: the child, its stderr's lines so far, and once it listens, its
/// address (`None` if it stopped first).
fn spawn_serve_with(
    sim: &SlackSim,
    dir: &std::path::Path,
    env: &[(&str, &str)],
) -> (
    std::process::Child,
    Said,
    tokio::task::JoinHandle<Option<String>>,
) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_spotlight"))
        .arg("serve")
        .current_dir(dir)
        .env_clear()
        .env("SLACK_BOT_TOKEN", BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", SECRET)
        .env("SLACK_API_URL", sim.api_url())
        .env("SPOTLIGHT_BIND", "127.0.0.1:0")
        .envs(env.iter().copied())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = lines.clone();
    let (found, addr) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut found = Some(found);
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if line.contains("listening for Slack on http://") {
                let addr = line
                    .split("http://")
                    .nth(1)
                    .and_then(|rest| rest.split(' ').next())
                    .map(str::to_string);
                if let Some(found) = found.take() {
                    let _ = found.send(addr);
                }
            }
            seen.lock().unwrap().push(line);
        }
    });
    let addr = tokio::spawn(async move { addr.await.ok().flatten() });
    (child, lines, addr)
}

/// Sends SIGTERM to `child` and checks it exits successfully within 8 seconds.
pub(crate) async fn terminates_in_time(child: std::process::Child) {
    let mut child = child;
    let started = std::time::Instant::now();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "{status:?}");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn sigterm_stops_serve_gracefully_within_a_few_seconds() {
    let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let (child, addr) = spawn_serve(&sim, dir.path()).await;
    let health = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    terminates_in_time(child).await;
}
