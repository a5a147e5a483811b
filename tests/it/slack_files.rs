//! Files in Slack: an admin imports a usage export by sending it to the bot in a DM,
//! downloaded from the simulator with the bot token; bad files and other people's files
//! change nothing.

use serde_json::json;

use crate::slack::{eventually, spawn_app, TestApp, ADMIN, BOB, BOT_TOKEN};
use crate::slack_requests::im_file_share;
use crate::slack_sim::visible_text;

/// A usage export as it is in `tests/data/usage`.
fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `user` sends the bot a DM with no text and one file (registered with the simulator
/// under `id`), and gets a reply: its text.
async fn send_file(
    app: &TestApp,
    user: &str,
    id: &str,
    name: &str,
    mimetype: &str,
    bytes: &[u8],
) -> String {
    let file = app.sim.add_file(id, name, mimetype, bytes);
    let ts = format!("1800000000.{:06}", crate::slack::unique());
    let mut event = im_file_share(user, "", &ts);
    event["files"] = json!([file]);
    let before = app.sim.dm_messages(user).len();
    assert_eq!(app.event(event).await, 200);
    eventually(&format!("a reply to {user}'s file"), || {
        app.sim.dm_messages(user).get(before).map(visible_text)
    })
    .await
}

#[tokio::test]
async fn an_admins_salesforce_export_sent_in_a_dm_is_imported_and_candidates_reflect_it() {
    let app = spawn_app().await;
    let reply = send_file(
        &app,
        ADMIN,
        "F0USAGE01",
        "salesforce_classic_activity.csv",
        "text/csv",
        &fixture("salesforce_classic_activity.csv"),
    )
    .await;
    assert!(
        reply.contains("Imported *salesforce_classic_activity.csv*: 96 figures for 8 people over 6 periods (metrics: Calls Logged, Emails Sent). 0 of them matched to Slack users."),
        "{reply}"
    );
    assert!(
        reply.contains("Note: skipped the report's footer (line 51–54: Grand Totals (48 records)"),
        "{reply}"
    );
    assert!(
        reply.contains("ana.lima@acme.com"),
        "unmatched people named: {reply}"
    );
    // The file was read as Slack hands files out: files.info, then the download with the
    // bot token.
    let info = app.sim.calls_to("files.info");
    assert_eq!(info.len(), 1);
    assert_eq!(info[0].args["file"], "F0USAGE01");
    let downloads = app.sim.calls_to("files.download");
    assert_eq!(downloads.len(), 1);
    assert_eq!(downloads[0].token.as_deref(), Some(BOT_TOKEN));

    let candidates = app.command(ADMIN, "candidates").await;
    assert!(
        candidates.contains("Inside Sales (3 people"),
        "the lagging group of the imported file: {candidates}"
    );
    assert!(candidates.contains("carla.diaz@acme.com"), "{candidates}");
    assert_eq!(app.store().await.usage_records().await.unwrap().len(), 96);
}

#[tokio::test]
async fn an_export_with_bad_lines_is_refused_with_their_line_numbers_and_nothing_is_stored() {
    let app = spawn_app().await;
    let csv = "Email,Group,Week,Logins\nana@acme.com,Sales,2026-09-07,12\n,Sales,2026-09-07,3\nben@acme.com,Sales,2026-09-07,4\n";
    let reply = send_file(
        &app,
        ADMIN,
        "F0BAD0001",
        "logins.csv",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert!(
        reply.contains("*logins.csv* was not imported (nothing was changed), because:"),
        "{reply}"
    );
    assert!(
        reply.contains("\n• line 3: the user (Email) is empty"),
        "{reply}"
    );
    assert!(reply.contains("send the file again"), "{reply}");
    assert!(app.store().await.usage_records().await.unwrap().is_empty());
    let candidates = app.command(ADMIN, "candidates").await;
    assert!(candidates.contains("No usage data yet"), "{candidates}");
}

#[tokio::test]
async fn a_non_admins_export_is_refused_politely_and_never_downloaded() {
    let app = spawn_app().await;
    let reply = send_file(
        &app,
        BOB,
        "F0USAGE02",
        "activity.csv",
        "text/csv",
        &fixture("salesforce_classic_activity.csv"),
    )
    .await;
    assert!(
        reply.contains("Only Spotlight admins can import usage data"),
        "{reply}"
    );
    assert!(app.sim.calls_to("files.info").is_empty());
    assert!(app.sim.calls_to("files.download").is_empty());
    assert!(app.store().await.usage_records().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_admins_picture_is_not_an_import() {
    let app = spawn_app().await;
    let reply = send_file(
        &app,
        ADMIN,
        "F0PNG0001",
        "pipeline.png",
        "image/png",
        b"\x89PNG\r\n\x1a\n",
    )
    .await;
    assert!(reply.contains("Thanks for the picture"), "{reply}");
    assert!(app.sim.calls_to("files.download").is_empty());
}

#[tokio::test]
async fn the_simulator_serves_a_file_only_to_the_bot_token_as_slack_does() {
    let app = spawn_app().await;
    let file = app
        .sim
        .add_file("F0USAGE03", "a.csv", "text/csv", b"Email,Week,Logins\n");
    let url = file["url_private_download"].as_str().unwrap();
    let anonymous = app.http.get(url).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 403);
    let wrong = app
        .http
        .get(url)
        .bearer_auth("xoxb-other")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 403);
    let bot = app
        .http
        .get(url)
        .bearer_auth(BOT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(bot.status().as_u16(), 200);
    assert_eq!(bot.bytes().await.unwrap().as_ref(), b"Email,Week,Logins\n");
}

#[tokio::test]
async fn an_export_over_20_mib_is_refused_unread_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mut csv = b"Email,Group,Week,Logins\n".to_vec();
    csv.resize(21 * 1024 * 1024, b'\n');
    let reply = send_file(&app, ADMIN, "F0HUGE001", "huge.csv", "text/csv", &csv).await;
    assert!(
        reply.contains("I couldn't read *huge.csv*, so nothing was imported: it is larger than 20 MiB. Split it"),
        "{reply}"
    );
    assert!(app.store().await.usage_records().await.unwrap().is_empty());
}
