//! Spotlight against a Slack that misbehaves the way the real one does: calls that hang,
//! a `response_url` that takes five messages, trigger ids that expire after 3 seconds,
//! per-channel rate limits, `internal_error` after the post landed, screenshots, bodies
//! no Slack would send, requests that can't be handled. Each test checks what people
//! see: that the others go on within seconds, that nothing is lost or doubled, and that
//! the person who hit the fault is told.

use std::time::{Duration, Instant};

use serde_json::json;

use spotlight::delivery::{Decided, DecidedKind, ForOutbox};
use spotlight::domain::pipeline::Stage;
use spotlight::domain::{StoryId, UserId};

use crate::slack::{buttons, eventually, spawn_app, unique, TestApp, ADMIN, BOB, MARIA, WINS};
use crate::slack_requests::{click_body_with_trigger, im_file_share};
use crate::slack_sim::visible_text;

/// Nominates `hero` and brings them to the interview's first question.
async fn start_interview(app: &TestApp, hero: &str) {
    let reply = app.command(ADMIN, &format!("nominate <@{hero}>")).await;
    assert!(reply.contains("Nominated"), "{reply}");
    app.press(hero, hero, "Start now").await;
    app.dm_containing(hero, "Question 1 of 5").await;
}

/// Takes `hero` through the whole interview (after `start_interview`).
async fn answer_all(app: &TestApp, hero: &str) {
    for (n, answer) in [
        "I sort my pipeline by close date every Friday.",
        "Two hours back every week.",
        "A colleague showed me.",
        "Sort by close date on Friday.",
        "Fridays, sorted",
    ]
    .iter()
    .enumerate()
    {
        app.dm(hero, answer).await;
        let next = if n < 4 {
            format!("Question {} of 5", n + 2)
        } else {
            "That's everything".into()
        };
        app.dm_containing(hero, &next).await;
    }
}

/// How many DMs to `user` contain `needle`.
fn dms_with(app: &TestApp, user: &str, needle: &str) -> usize {
    app.sim
        .dm_messages(user)
        .iter()
        .filter(|m| visible_text(m).contains(needle))
        .count()
}

/// Runs `/spotlight <text>` without waiting for the reply.
async fn command_no_wait(app: &TestApp, user: &str, text: &str) {
    let resp = app
        .signed(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            app.command_body(user, text),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 200);
}

#[tokio::test]
async fn a_response_url_that_never_answers_holds_up_nobody_and_the_reply_comes_by_dm() {
    let app = spawn_app().await;
    start_interview(&app, MARIA).await;
    app.sim.hang_response_urls(true);
    let started = Instant::now();
    command_no_wait(&app, ADMIN, "status").await;
    // While the reply to the command hangs, the hero goes on…
    app.dm(MARIA, "I sort my pipeline by close date every Friday.")
        .await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // …another command is handled…
    command_no_wait(&app, ADMIN, "queue").await;
    // …and both replies reach the admin by DM instead, within seconds.
    app.dm_containing(ADMIN, "Spotlight pipeline").await;
    app.dm_containing(ADMIN, "Publishing queue").await;
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(dms_with(&app, ADMIN, "Spotlight pipeline"), 1);
    let health = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn a_post_that_hangs_for_one_hero_holds_up_nobody_else_and_arrives_once() {
    let app = spawn_app().await;
    start_interview(&app, MARIA).await;
    start_interview(&app, BOB).await;
    // Maria's next question hangs in Slack (received, never answered).
    app.sim.hang_channel_next(&format!("D{MARIA}"));
    app.dm(MARIA, "I sort my pipeline by close date every Friday.")
        .await;
    let started = Instant::now();
    app.dm(BOB, "I log every call from my phone.").await;
    app.dm_containing(BOB, "Question 2 of 5").await;
    let reply = app.command(ADMIN, "queue").await;
    assert!(reply.contains("Publishing queue"), "{reply}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // Maria's question is sent again once the hung call times out (10 s), and only once.
    let deadline = Instant::now() + Duration::from_secs(20);
    while dms_with(&app, MARIA, "Question 2 of 5") == 0 {
        assert!(
            Instant::now() < deadline,
            "Maria never got her next question"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(dms_with(&app, MARIA, "Question 2 of 5"), 1);
    // Her answer was stored once.
    let store = app.store().await;
    let history = store.answer_history(StoryId(1), "behaviour").await.unwrap();
    assert_eq!(history.len(), 1);
}

#[tokio::test]
async fn a_hero_rate_limited_by_slack_waits_alone() {
    let app = spawn_app().await;
    start_interview(&app, MARIA).await;
    start_interview(&app, BOB).await;
    app.sim.rate_limit_channel_next(&format!("D{MARIA}"), 2);
    let started = Instant::now();
    app.dm(MARIA, "I sort my pipeline by close date every Friday.")
        .await;
    app.dm(BOB, "I log every call from my phone.").await;
    app.dm_containing(BOB, "Question 2 of 5").await;
    let bob_waited = started.elapsed();
    app.dm_containing(MARIA, "Question 2 of 5").await;
    let maria_waited = started.elapsed();
    assert!(bob_waited < Duration::from_secs(1), "{bob_waited:?}");
    assert!(maria_waited >= Duration::from_secs(2), "{maria_waited:?}");
    assert_eq!(dms_with(&app, MARIA, "Question 2 of 5"), 1);
}

#[tokio::test]
async fn drafts_beyond_the_five_replies_a_response_url_takes_arrive_by_dm() {
    let app = spawn_app().await;
    let heroes: Vec<String> = (0..8).map(|i| format!("UHERO{i:04}")).collect();
    for (i, hero) in heroes.iter().enumerate() {
        app.sim.add_user(
            hero,
            &format!("hero{i}"),
            &format!("Hero {i}"),
            None,
            false,
            "UTC",
        );
        start_interview(&app, hero).await;
        answer_all(&app, hero).await;
    }
    let dms_before = app.sim.dm_messages(ADMIN).len();
    let replies_before = app.sim.calls_to("response_url").len();
    command_no_wait(&app, ADMIN, "drafts").await;
    let shown = eventually("all 8 drafts", || {
        let mut texts: Vec<String> = app.sim.calls_to("response_url")[replies_before..]
            .iter()
            .map(|c| visible_text(&c.args))
            .collect();
        texts.extend(
            app.sim.dm_messages(ADMIN)[dms_before..]
                .iter()
                .map(visible_text),
        );
        (texts.len() >= 8).then_some(texts)
    })
    .await;
    assert_eq!(app.sim.calls_to("response_url").len() - replies_before, 5);
    for id in 1..=8 {
        let n = shown
            .iter()
            .filter(|t| t.contains(&format!("*Story {id}*")))
            .count();
        assert_eq!(n, 1, "story {id} shown once: {shown:#?}");
    }
}

#[tokio::test]
async fn a_form_opens_at_once_though_the_engine_is_busy_and_an_expired_click_is_told_to_press_again(
) {
    let app = spawn_app().await;
    story_awaiting_approval(&app).await;
    // A newcomer's command keeps the engine busy: Slack does not answer users.info.
    let newcomer = "UNEW0001";
    app.sim
        .add_user(newcomer, "newbie", "New Person", None, false, "UTC");
    app.sim.hang_next("users.info");
    command_no_wait(&app, newcomer, "status").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    app.press(MARIA, MARIA, "Edit").await;
    app.sim
        .wait_for_calls("views.open", 1, Duration::from_secs(3))
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let opened = app.sim.calls_to("views.open");
    assert_eq!(opened.len(), 1);

    // A click whose trigger id is already 5 seconds old can't open a modal: the person
    // is asked to press again, only they see it, and nothing changes.
    let (_, action, value) = app
        .sim
        .dm_messages(MARIA)
        .iter()
        .rev()
        .find_map(|m| buttons(m).into_iter().find(|(l, ..)| l == "Edit"))
        .unwrap();
    let n = unique();
    let stale = format!(
        "trigger.{n}.{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
            - 5_000
    );
    let body = click_body_with_trigger(&app.sim_base(), MARIA, &action, &value, n, &stale);
    let resp = app
        .signed(
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            body,
        )
        .await;
    assert_eq!(resp.status().as_u16(), 200);
    let told = eventually("the press-again reply", || {
        app.sim
            .calls_to("response_url")
            .into_iter()
            .find(|c| c.args["response_url_id"] == format!("act{n}"))
    })
    .await;
    assert!(
        visible_text(&told.args).contains("press the button again"),
        "{:?}",
        told.args
    );
    assert_eq!(app.sim.calls_to("views.open").len(), 2);
    let store = app.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::AwaitingApproval);
}

#[tokio::test]
async fn an_answer_with_a_screenshot_is_stored_and_a_picture_alone_asks_for_words() {
    let app = spawn_app().await;
    start_interview(&app, MARIA).await;
    // A picture with no words: she is asked for words, nothing is stored.
    let ts = format!("1800000000.{:06}", unique());
    assert_eq!(app.event(im_file_share(MARIA, "", &ts)).await, 200);
    app.dm_containing(MARIA, "send your answer as text too")
        .await;
    let store = app.store().await;
    assert!(store
        .answer_history(StoryId(1), "behaviour")
        .await
        .unwrap()
        .is_empty());
    // The same with words: the words are her answer, and the interview goes on.
    let ts = format!("1800000000.{:06}", unique());
    let text = "This view, every Friday <see screenshot>";
    assert_eq!(app.event(im_file_share(MARIA, text, &ts)).await, 200);
    app.dm_containing(MARIA, "Question 2 of 5").await;
    let history = store.answer_history(StoryId(1), "behaviour").await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].text, text);
}

#[tokio::test]
async fn bodies_no_slack_would_send_are_refused_before_they_are_read() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app().await;
    let addr = app.base.trim_start_matches("http://").to_string();
    // 400 MiB announced: refused from the headers alone, the body never sent.
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /slack/events HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nX-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=made-up\r\nContent-Length: {}\r\n\r\n",
        400u64 * 1024 * 1024
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), conn.read(&mut answer))
        .await
        .expect("answered at once")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // A streamed body with no length is cut off once it passes the limit.
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /slack/commands HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=made-up\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![b'x'; 256 * 1024];
    for _ in 0..16 {
        let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
        if conn.write_all(&frame).await.is_err() {
            // Cut off: the server stopped reading.
            break;
        }
    }
    let mut answer = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), conn.read(&mut answer))
        .await
        .expect("answered")
        .unwrap_or(0);
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Nothing was recorded, and a real request still goes through.
    let store = app.store().await;
    assert!(store.inbox_pending(10).await.unwrap().is_empty());
    let reply = app.command(ADMIN, "status").await;
    assert!(reply.contains("No stories yet"), "{reply}");
}

#[tokio::test]
async fn a_request_that_cannot_be_handled_is_set_aside_its_sender_told_and_others_go_on() {
    let mut app = spawn_app().await;
    start_interview(&app, MARIA).await;
    app.stop().await;
    // A request recorded (and acknowledged) that the handler can't make sense of: a DM
    // event missing what every event has.
    let store = app.store().await;
    let body = json!({"type": "event_callback", "team_id": "T0001",
        "event": {"type": "message", "channel_type": "im", "user": MARIA, "text": "hello"}});
    store
        .inbox_insert_many(
            vec![("event:EvBROKEN".into(), "event", body.to_string())],
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    store.close().await;
    app.restart().await;
    // Others go on meanwhile.
    let reply = app.command(ADMIN, "queue").await;
    assert!(reply.contains("Publishing queue"), "{reply}");
    app.dm(MARIA, "I sort my pipeline by close date every Friday.")
        .await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    // After its last attempt, she is told, once, and admins see it in status.
    app.dm_containing(MARIA, "something went wrong with your message")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(dms_with(&app, MARIA, "something went wrong"), 1);
    let status = app.command(ADMIN, "status").await;
    assert!(status.contains("could not handle"), "{status}");
    assert!(status.contains("event:EvBROKEN"), "{status}");
    let store = app.store().await;
    let aside = store.set_aside(10).await.unwrap();
    assert_eq!(aside.len(), 1);
    assert!(store.inbox_pending(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn messages_decided_before_a_crash_are_delivered_after_the_restart() {
    let mut app = spawn_app().await;
    start_interview(&app, MARIA).await;
    app.stop().await;
    // As if Spotlight had committed a step and its next question, then died before
    // sending it.
    let store = app.store().await;
    store
        .outbox_add(
            &[ForOutbox {
                recipient: UserId::parse(MARIA).unwrap(),
                message: Decided {
                    kind: DecidedKind::Message,
                    text: "*Question 2 of 5*\nWhat has it given you?".into(),
                    buttons: vec![],
                    ephemeral: false,
                    reply_url: None,
                    files: vec![],
                },
            }],
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    store.close().await;
    app.restart().await;
    app.dm_containing(MARIA, "What has it given you?").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(dms_with(&app, MARIA, "What has it given you?"), 1);
    // Marked delivered, so a later restart does not send it again.
    let store = app.store().await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while store.outbox_state().await.unwrap().waiting > 0 {
        assert!(
            Instant::now() < deadline,
            "the message was never marked delivered"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_story_too_long_for_one_post_is_not_sent_to_the_hero_and_the_admin_is_told_what_to_do() {
    let app = spawn_app().await;
    start_interview(&app, MARIA).await;
    // Four answers near the 3,000-character limit: together, more than one post holds.
    let long = "I sort my pipeline by close date every Friday and close what's dead. ".repeat(42);
    for n in 0..4 {
        app.dm(MARIA, &long).await;
        app.dm_containing(MARIA, &format!("Question {} of 5", n + 2))
            .await;
    }
    app.dm(MARIA, "Fridays, sorted").await;
    app.dm_containing(MARIA, "That's everything").await;
    let reply = app.command(ADMIN, "approve 1").await;
    assert!(reply.contains("was not sent to the hero"), "{reply}");
    assert!(reply.contains("one post holds 11000"), "{reply}");
    assert!(reply.contains("/spotlight quotes"), "{reply}");
    let store = app.store().await;
    let story = store.story(StoryId(1)).await.unwrap().unwrap();
    assert_eq!(story.stage(), Stage::Drafted);
    assert_eq!(dms_with(&app, MARIA, "exactly as it will be posted"), 0);
    // With two quotes it fits, and goes to the hero.
    app.command(ADMIN, "quotes 1 1,4").await;
    let reply = app.command(ADMIN, "approve 1").await;
    assert!(reply.contains("Sent story 1"), "{reply}");
    app.dm_containing(MARIA, "exactly as it will be posted")
        .await;
}

/// Interviews Maria and sends her story, for #wins, to her for approval.
async fn story_awaiting_approval(app: &TestApp) {
    app.interview_maria().await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, &format!("approve 1 <#{WINS}|wins>"))
        .await;
    app.dm_containing(MARIA, "exactly as it will be posted")
        .await;
}

/// Interviews Maria, queues her approved story for #wins, and waits until every message
/// about it has gone out, so the next `chat.postMessage` is the story's post.
async fn approved_story_for_wins(app: &TestApp) {
    story_awaiting_approval(app).await;
    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(MARIA, "your story is approved").await;
    app.dm_containing(ADMIN, "approved story 1").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Waits (up to a minute: a post in doubt is looked up 30 s after it was sent) until the
/// story is published, then checks it was posted once and the hero told once.
async fn published_once(app: &TestApp) {
    let store = app.store().await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let story = store.story(StoryId(1)).await.unwrap().unwrap();
        if story.stage() == Stage::Published {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never published: {:?}",
            story.stage()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.dm_containing(MARIA, "Your story is live").await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let posts: Vec<_> = app
        .sim
        .messages(WINS)
        .into_iter()
        .filter(|m| m.get("thread_ts").is_none())
        .collect();
    assert_eq!(posts.len(), 1, "posted exactly once: {posts:#?}");
    assert_eq!(dms_with(app, MARIA, "Your story is live"), 1);
}

#[tokio::test]
async fn a_story_post_slack_answers_with_internal_error_is_found_in_the_channel_not_posted_again() {
    let app = spawn_app().await;
    approved_story_for_wins(&app).await;
    // The post lands, but Slack answers internal_error: it is in doubt.
    app.sim
        .fail_after_effect_next("chat.postMessage", "internal_error");
    let reply = app
        .command(ADMIN, &format!("schedule \"*/2 * * * * *\" <#{WINS}|wins>"))
        .await;
    assert!(reply.contains("Next:"), "{reply}");
    eventually("the post in #wins", || {
        app.sim.messages(WINS).first().cloned()
    })
    .await;
    published_once(&app).await;
    // It was looked up in the channel's history, not sent again.
    assert!(!app.sim.calls_to("conversations.history").is_empty());
}

#[tokio::test]
async fn a_story_post_that_hangs_holds_up_no_one_and_is_posted_once() {
    let app = spawn_app().await;
    approved_story_for_wins(&app).await;
    app.sim.hang_next("chat.postMessage");
    app.command(ADMIN, &format!("schedule \"*/2 * * * * *\" <#{WINS}|wins>"))
        .await;
    eventually("the story's post to #wins", || {
        app.sim
            .calls_to("chat.postMessage")
            .into_iter()
            .find(|c| c.args["channel"] == WINS)
    })
    .await;
    // While the post hangs, commands are answered and people helped at once.
    let started = Instant::now();
    let reply = app.command(ADMIN, "queue").await;
    assert!(reply.contains("Publishing queue"), "{reply}");
    app.dm(BOB, "hello").await;
    app.dm_containing(BOB, "I'm Spotlight").await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The hung post never landed: once looked up and not found, it is posted, once.
    published_once(&app).await;
}

#[tokio::test]
async fn sigterm_stops_serve_within_seconds_while_calls_to_slack_hang() {
    let sim =
        crate::slack_sim::SlackSim::start(crate::slack::BOT_TOKEN, crate::slack::APP_TOKEN).await;
    sim.add_user(BOB, "bob", "Bob Stranger", None, false, "UTC");
    let dir = tempfile::tempdir().unwrap();
    let (child, addr) = crate::slack::spawn_serve(&sim, dir.path()).await;
    // Bob writes; the bot's answer hangs in Slack, and so does every response_url.
    sim.hang_next("chat.postMessage");
    sim.hang_response_urls(true);
    let body = crate::slack_requests::event_body(
        crate::slack_requests::im_message(BOB, "hello", "1800000000.000001"),
        "EvHANG01",
    );
    let ts = crate::slack::now_ts();
    let status = reqwest::Client::new()
        .post(format!("http://{addr}/slack/events"))
        .header("content-type", "application/json")
        .header("x-slack-request-timestamp", &ts)
        .header(
            "x-slack-signature",
            crate::slack_requests::sign(crate::slack::SECRET, &ts, &body),
        )
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    sim.wait_for_calls("chat.postMessage", 1, Duration::from_secs(5))
        .await;
    crate::slack::terminates_in_time(child).await;
}

/// `GET /metrics` as Prometheus scrapes it, once it contains every line of `expected`.
async fn metrics_with(app: &TestApp, expected: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let resp = reqwest::get(format!("{}/metrics", app.base)).await.unwrap();
        assert_eq!(resp.status(), 200);
        let kind = resp.headers()["content-type"].to_str().unwrap().to_string();
        assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
        let text = resp.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        if expected.iter().all(|e| lines.contains(e)) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "missing {:?} in:\n{text}",
            expected
                .iter()
                .filter(|e| !lines.contains(e))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn metrics_count_requests_answers_deliveries_and_the_outbox_as_prometheus_reads_them() {
    let app = spawn_app().await;
    start_interview(&app, MARIA).await;
    // Her next question fails once with no clear answer, then goes through.
    app.sim.fail_next("chat.postMessage", "internal_error");
    app.dm(MARIA, "I sort my pipeline by close date every Friday.")
        .await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    let text = metrics_with(
        &app,
        &[
            "spotlight_requests_total{kind=\"command\",outcome=\"ok\"} 1",
            "spotlight_requests_total{kind=\"interaction\",outcome=\"ok\"} 1",
            "spotlight_requests_total{kind=\"event\",outcome=\"ok\"} 1",
            "spotlight_answers_total 1",
            "spotlight_ack_seconds_count{kind=\"event\"} 1",
            "spotlight_sends_total{destination=\"slack_dm\",outcome=\"retry\"} 1",
            "spotlight_outbox_waiting 0",
            "spotlight_outbox_oldest_seconds 0.0",
        ],
    )
    .await;
    assert!(text.contains("# TYPE spotlight_requests counter"), "{text}");
    assert!(
        text.contains("# TYPE spotlight_ack_seconds histogram"),
        "{text}"
    );
    assert!(
        text.contains("spotlight_sends_total{destination=\"slack_dm\",outcome=\"delivered\"}"),
        "{text}"
    );
    assert!(text.ends_with("# EOF\n"), "{text}");

    // A story posted to a channel shows among the posts by destination and status.
    let app = spawn_app().await;
    app.published().await;
    metrics_with(
        &app,
        &["spotlight_story_posts{destination=\"slack_channel\",status=\"sent\"} 1"],
    )
    .await;
}

#[tokio::test]
async fn json_logs_write_one_object_a_line_with_level_and_message() {
    use std::io::BufRead;
    let sim =
        crate::slack_sim::SlackSim::start(crate::slack::BOT_TOKEN, crate::slack::APP_TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_spotlight"))
        .arg("serve")
        .current_dir(dir.path())
        .env_clear()
        .env("SLACK_BOT_TOKEN", crate::slack::BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", crate::slack::SECRET)
        .env("SLACK_API_URL", sim.api_url())
        .env("SPOTLIGHT_BIND", "127.0.0.1:0")
        .env("SPOTLIGHT_LOG_FORMAT", "json")
        .env("RUST_LOG", "warn")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (lines_tx, mut lines) = tokio::sync::mpsc::unbounded_channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = lines_tx.send(line.unwrap());
        }
    });
    // The start-up line is for people; the address is in it.
    let first = lines.recv().await.unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    // A request with a made-up signature is refused, and logged as a warning.
    let status = reqwest::Client::new()
        .post(format!("http://{addr}/slack/events"))
        .header("content-type", "application/json")
        .header("x-slack-request-timestamp", crate::slack::now_ts())
        .header("x-slack-signature", "v0=00")
        .body("{}")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 401);
    let line = tokio::time::timeout(Duration::from_secs(5), lines.recv())
        .await
        .expect("a log line")
        .unwrap();
    let log: serde_json::Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not one JSON object ({e}): {line}"));
    assert_eq!(log["level"], "WARN", "{log}");
    assert_eq!(
        log["fields"]["message"], "refused a request with a bad or missing Slack signature",
        "{log}"
    );
    assert!(log["timestamp"].is_string(), "{log}");
    crate::slack::terminates_in_time(child).await;
}

/// Adds `n` lines to story 1's log, as a long-lived story gathers them (numbered
/// from `from`, each about 60 characters).
fn gather_log_lines(app: &TestApp, from: usize, n: usize) {
    let lines: Vec<Vec<String>> = (from..from + n)
        .map(|i| {
            vec![format!(
                "looked at the story again, line {i:05} of its long log"
            )]
        })
        .collect();
    crate::traces::execute(
        &app.db_url,
        "INSERT INTO story_events (story_id, at, actor, what)
         VALUES (1, '2026-11-01T09:00:00Z', 'spotlight', $1)",
        &lines,
    );
}

/// The text of a message's blocks (not its notification fallback, which repeats their
/// start).
fn block_text(msg: &serde_json::Value) -> String {
    let blocks = match &msg["blocks"] {
        serde_json::Value::String(json) => serde_json::from_str(json).unwrap_or_default(),
        other => other.clone(),
    };
    blocks
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b.pointer("/text/text").and_then(|t| t.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where each of `lines` (log line numbers) shows in `texts`, in order: none missing,
/// none twice.
fn assert_lines_once_in_order(texts: &[String], lines: std::ops::Range<usize>) {
    let all = texts.join("\n");
    let mut from = 0;
    for i in lines {
        let line = format!("line {i:05} of its long log");
        assert_eq!(all.matches(&line).count(), 1, "{line} not shown once");
        let at = all[from..].find(&line).expect("in order");
        from += at + line.len();
    }
}

#[tokio::test]
async fn a_reply_too_long_for_one_message_arrives_whole_in_parts_and_by_dm_past_five() {
    let app = spawn_app().await;
    app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;

    // About 18,000 characters: more than one message holds (12,000), so two replies
    // through the command's response_url, in order, nothing cut short.
    gather_log_lines(&app, 0, 300);
    let before = app.sim.calls_to("response_url").len();
    command_no_wait(&app, ADMIN, "history 1").await;
    let replies = eventually("the whole history", || {
        let calls = app.sim.calls_to("response_url");
        let texts: Vec<String> = calls[before..]
            .iter()
            .map(|c| block_text(&c.args))
            .collect();
        texts
            .last()
            .is_some_and(|t| t.contains("line 00299"))
            .then_some(texts)
    })
    .await;
    assert!(replies.len() >= 2, "{} replies", replies.len());
    assert_lines_once_in_order(&replies, 0..300);
    assert!(replies.iter().all(|t| !t.contains("shortened")));
    assert!(replies[0].contains("*Story 1*"), "{}", replies[0]);

    // About 90,000 characters: more than the five messages a response_url takes, so the
    // whole of it comes by DM (the rest in the first part's thread), nothing twice.
    gather_log_lines(&app, 300, 1_200);
    let before = app.sim.calls_to("response_url").len();
    let dms_before = app.sim.dm_messages(ADMIN).len();
    command_no_wait(&app, ADMIN, "history 1").await;
    let dms = eventually("the history by DM", || {
        let texts: Vec<String> = app.sim.dm_messages(ADMIN)[dms_before..]
            .iter()
            .map(block_text)
            .collect();
        texts
            .last()
            .is_some_and(|t| t.contains("line 01499"))
            .then_some(texts)
    })
    .await;
    assert_eq!(app.sim.calls_to("response_url").len(), before);
    assert!(dms.len() >= 8, "{} parts", dms.len());
    assert_lines_once_in_order(&dms, 0..1_500);
    let parts = &app.sim.dm_messages(ADMIN)[dms_before..];
    let first = parts[0]["ts"].as_str().unwrap();
    assert!(parts[1..].iter().all(|m| m["thread_ts"] == first));
}
