//! The conversation a story starts, driven through signed requests against the Slack
//! simulator: a colleague's reply in the story's thread reaches its hero as a DM with a
//! link to the reply; the hero's own replies and a reply delivered twice do not, and a
//! reply right after another waits to be told with the next ones (the console test shows
//! that batch arrive, with its clock).

use serde_json::json;

use crate::slack::{spawn_app, TestApp, ADMIN, BOB, MARIA, WINS};
use crate::slack_sim::visible_text;

/// A message `user` posts in the thread of `parent` in #wins, as Slack stores it and
/// tells the app (with a fresh event id); returns the reply's ts.
async fn reply_in_thread(app: &TestApp, user: &str, parent: &str, text: &str) -> String {
    let ts = app.sim.add_user_message(WINS, user, text, Some(parent));
    send_reply_event(app, user, parent, &ts, text).await;
    ts
}

async fn send_reply_event(app: &TestApp, user: &str, parent: &str, ts: &str, text: &str) {
    let status = app
        .event(
            json!({"type": "message", "channel": WINS, "channel_type": "channel",
                      "user": user, "text": text, "ts": ts, "thread_ts": parent}),
        )
        .await;
    assert_eq!(status, 200);
}

/// Maria's DMs that tell her of a reply in her story's thread.
fn reply_notices(app: &TestApp) -> Vec<String> {
    app.sim
        .dm_messages(MARIA)
        .iter()
        .map(visible_text)
        .filter(|t| t.contains("replied in the thread of your Spotlight story"))
        .collect()
}

#[tokio::test]
async fn a_colleagues_reply_in_the_storys_thread_reaches_the_hero_once_with_a_link_and_her_own_replies_do_not(
) {
    let app = spawn_app().await;
    let post = app.published().await;

    let bob = reply_in_thread(&app, BOB, &post, "How do you sort it?").await;
    let told = app
        .dm_containing(
            MARIA,
            "<@UBOB0001> replied in the thread of your Spotlight story",
        )
        .await;
    let link = format!(
        "https://slack.com/archives/{WINS}/p{}?thread_ts={post}&cid={WINS}",
        bob.replace('.', "")
    );
    assert!(told.contains(&link), "{told}");
    assert!(told.contains(&format!("in <#{WINS}>")), "{told}");

    // Slack delivers the same reply again (a new event id): still one DM. Maria answers
    // in her own thread: no DM about her own words. The admin asks too, a moment after
    // Bob: that reply waits, to be told with any others after ten minutes.
    send_reply_event(&app, BOB, &post, &bob, "How do you sort it?").await;
    reply_in_thread(&app, MARIA, &post, "By close date, every Friday.").await;
    reply_in_thread(&app, ADMIN, &post, "Great tip!").await;
    // Every reply is counted, Maria's own included.
    let mut status = String::new();
    for _ in 0..100 {
        status = app.command(ADMIN, "status").await;
        if status.contains("0 reactions, 3 replies, 3 people") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        status.contains("0 reactions, 3 replies, 3 people"),
        "{status}"
    );
    let notices = reply_notices(&app);
    assert_eq!(notices.len(), 1, "{notices:#?}");
    // The admin's reply is the one waiting (Maria's own is not even kept for her).
    let waiting = app
        .store()
        .await
        .take_untold_replies(spotlight::domain::StoryId(1), chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0].0, ADMIN);
}
