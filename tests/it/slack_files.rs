//! Files in Slack: an admin imports a usage export by sending it to the bot in a DM,
//! downloaded from the simulator with the bot token; bad files and other people's files
//! change nothing.

use std::time::Duration;

use serde_json::json;

use crate::slack::{eventually, spawn_app, TestApp, ADMIN, BOB, BOT_TOKEN, MARIA, WINS};
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
/// under `id`), and gets a reply within 30 s (an import may spend 10 s looking people
/// up): its text.
pub(crate) async fn send_file(
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
    reply_after(app, user, before).await
}

/// The text of the first DM to `user` after the `before` they had, within 30 s.
async fn reply_after(app: &TestApp, user: &str, before: usize) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(reply) = app.sim.dm_messages(user).get(before) {
            return visible_text(reply);
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no reply to {user}'s file within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
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

#[tokio::test]
async fn the_report_shares_the_chart_and_the_csv_in_the_admins_dm_with_the_summary_beside_them() {
    let app = spawn_app().await;
    app.published().await;
    send_file(
        &app,
        ADMIN,
        "F0USAGE04",
        "salesforce_lightning_monthly.csv",
        "text/csv",
        &fixture("salesforce_lightning_monthly.csv"),
    )
    .await;
    let tied = app
        .command(ADMIN, &format!("audience <#{WINS}|wins> EMEA"))
        .await;
    assert!(tied.contains("is read by EMEA"), "{tied}");
    let reply = app.command(ADMIN, "report").await;
    assert!(
        reply.contains("The results are in our direct messages"),
        "{reply}"
    );
    // Slack's external upload flow: an address per file, the bytes, then one share.
    let asked = app
        .sim
        .wait_for_calls("files.getUploadURLExternal", 2, Duration::from_secs(10))
        .await;
    let names: Vec<&str> = asked
        .iter()
        .map(|c| c.args["filename"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(names, ["spotlight-adoption.png", "spotlight-report.csv"]);
    let complete = app
        .sim
        .wait_for_calls("files.completeUploadExternal", 1, Duration::from_secs(10))
        .await;
    assert_eq!(complete[0].args["channel_id"], format!("D{ADMIN}"));
    let summary = complete[0].args["initial_comment"]
        .as_str()
        .unwrap_or_default();
    assert!(summary.starts_with("*Results*"), "{summary}");
    assert!(summary.contains("(maria), "), "the story: {summary}");
    assert!(summary.contains("EMEA: "), "its audience: {summary}");
    assert!(!summary.contains("No chart"), "{summary}");
    assert_eq!(app.sim.calls_to("files.upload").len(), 2);

    // The share is a message in the admin's DM with both files; the chart is a PNG.
    let shared = eventually("the files in the admin's DM", || {
        app.sim
            .dm_messages(ADMIN)
            .into_iter()
            .find(|m| m["files"].as_array().is_some_and(|f| f.len() == 2))
    })
    .await;
    assert_eq!(
        shared["files"][0]["title"],
        "Adoption by group (each group's baseline = 100)"
    );
    let download = |n: usize| {
        let url = shared["files"][n]["url_private_download"]
            .as_str()
            .unwrap()
            .to_string();
        let http = app.http.clone();
        async move {
            let resp = http.get(url).bearer_auth(BOT_TOKEN).send().await.unwrap();
            resp.bytes().await.unwrap().to_vec()
        }
    };
    let png = download(0).await;
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    assert!(
        png.len() > 10_000,
        "a drawn chart, not an empty image: {} bytes",
        png.len()
    );
    if let Ok(dir) = std::env::var("SPOTLIGHT_KEEP_CHART") {
        std::fs::write(std::path::Path::new(&dir).join("slack-chart.png"), &png).unwrap();
    }
    let csv = String::from_utf8(download(1).await).unwrap();
    assert!(csv.lines().count() > 1, "{csv}");
    assert!(csv.contains("maria"), "{csv}");
}

#[tokio::test]
async fn after_spotlight_import_with_a_date_order_the_next_file_is_read_with_it_whatever_its_type()
{
    let app = spawn_app().await;
    let csv = fixture("ambiguous_dates.csv");
    let reply = send_file(&app, ADMIN, "F0AMBIG01", "deals.csv", "text/csv", &csv).await;
    assert!(reply.contains("--date-order mdy"), "{reply}");
    assert!(
        reply.contains("run `/spotlight import` with it (`/spotlight import --date-order dmy`), then send the file"),
        "{reply}"
    );
    assert!(app.store().await.usage_records().await.unwrap().is_empty());

    let told = app.command(ADMIN, "import --date-order dmy").await;
    assert!(
        told.contains("Send me the export in our direct messages within 30 minutes"),
        "{told}"
    );
    // Not a CSV by its type or name, but the file that was announced.
    let reply = send_file(
        &app,
        ADMIN,
        "F0AMBIG02",
        "deals export",
        "application/octet-stream",
        &csv,
    )
    .await;
    assert!(
        reply.contains("Imported *deals export*: 3 figures for 2 people over 2 periods"),
        "{reply}"
    );
    let periods: Vec<String> = app
        .store()
        .await
        .usage_records()
        .await
        .unwrap()
        .iter()
        .map(|(r, _)| r.period.label())
        .collect();
    assert!(
        periods.contains(&"2026-04-03".to_string()),
        "3/4/2026 read day first: {periods:?}"
    );
    // Only the next file: a picture after it is a picture again.
    let reply = send_file(
        &app,
        ADMIN,
        "F0PNG0002",
        "shot.png",
        "image/png",
        b"\x89PNG",
    )
    .await;
    assert!(reply.contains("Thanks for the picture"), "{reply}");
}

#[tokio::test]
async fn emails_are_matched_to_slack_users_and_those_slack_is_too_slow_to_look_up_are_said() {
    let app = spawn_app().await;
    let csv = "Email,Team,Month,Logins\nmaria@example.com,EMEA,2026-09,5\nnobody@example.com,EMEA,2026-09,3\n";
    let reply = send_file(
        &app,
        ADMIN,
        "F0MATCH01",
        "logins.csv",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert!(
        reply.contains(
            "2 people over 1 periods (metrics: Logins). 1 of them matched to Slack users."
        ),
        "{reply}"
    );
    assert!(reply.contains("): nobody@example.com"), "{reply}");
    let stored = app.store().await.usage_records().await.unwrap();
    let maria = stored
        .iter()
        .find(|(r, _)| r.user == "maria@example.com")
        .unwrap();
    assert_eq!(maria.1.as_deref(), Some(crate::slack::MARIA));

    // Slack hangs: the emails are not looked up past the budget, and the admin is told.
    // (Both lookups hang: were only the first to, the second might still fit in the
    // budget's last milliseconds, as the first call's own 10 s timeout ties with it.)
    app.sim.hang_next("users.lookupByEmail");
    app.sim.hang_next("users.lookupByEmail");
    let started = std::time::Instant::now();
    let reply = send_file(
        &app,
        ADMIN,
        "F0MATCH02",
        "logins.csv",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert!(
        reply.contains("2 of those emails could not be looked up in Slack (it failed or took more than 10 s in all); send the file again later"),
        "{reply}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_export_whose_download_hangs_holds_up_no_one_and_the_admin_is_told() {
    let app = spawn_app().await;
    let reply = app.command(ADMIN, &format!("nominate <@{MARIA}>")).await;
    assert!(reply.contains("Nominated"), "{reply}");
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1 of 5").await;

    // Slack accepts the export's download and never answers.
    app.sim.hang_next("files.download");
    let file = app.sim.add_file(
        "F0HANG001",
        "logins.csv",
        "text/csv",
        &fixture("salesforce_lightning_monthly.csv"),
    );
    let mut event = im_file_share(ADMIN, "", "1800000000.000777");
    event["files"] = json!([file]);
    let before = app.sim.dm_messages(ADMIN).len();
    assert_eq!(app.event(event).await, 200);
    app.sim
        .wait_for_calls("files.download", 1, Duration::from_secs(10))
        .await;

    // Meanwhile commands are answered and heroes get their next question at once: the
    // download runs before the engine's lock, not under it.
    let started = std::time::Instant::now();
    let status = app.command(ADMIN, "status").await;
    assert!(status.contains("Spotlight pipeline"), "{status}");
    app.dm(MARIA, "I sort my pipeline by close date every Friday.")
        .await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "others waited {:?} behind a hung download",
        started.elapsed()
    );

    // The admin is told once the download's 10 s are up, and nothing was stored.
    let reply = reply_after(&app, ADMIN, before).await;
    assert!(
        reply.contains("nothing was imported: the download took longer than 10 s"),
        "{reply}"
    );
    assert!(app.store().await.usage_records().await.unwrap().is_empty());

    // Sent again, it is read and imported, once.
    let again = send_file(
        &app,
        ADMIN,
        "F0HANG001",
        "logins.csv",
        "text/csv",
        &fixture("salesforce_lightning_monthly.csv"),
    )
    .await;
    assert!(again.starts_with("Imported *logins.csv*"), "{again}");
    assert_eq!(app.sim.calls_to("files.download").len(), 2);
}

/// The image blocks of a view.
fn images(view: &serde_json::Value) -> Vec<serde_json::Value> {
    view["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["type"] == "image")
        .cloned()
        .collect()
}

/// `user` opens the bot's App Home; returns the view published for them after that.
async fn open_home(app: &TestApp, user: &str) -> serde_json::Value {
    let before = app.sim.calls_to("views.publish").len();
    app.event(json!({"type": "app_home_opened", "user": user, "channel": format!("D{user}"), "tab": "home"}))
        .await;
    eventually("the Home published anew", || {
        (app.sim.calls_to("views.publish").len() > before)
            .then(|| app.sim.home_view(user))
            .flatten()
    })
    .await
}

#[tokio::test]
async fn the_latest_chart_shows_on_the_admins_home_by_its_slack_file_and_a_deleted_one_is_left_out()
{
    let app = spawn_app().await;
    app.published().await;
    send_file(
        &app,
        ADMIN,
        "F0USAGE05",
        "salesforce_lightning_monthly.csv",
        "text/csv",
        &fixture("salesforce_lightning_monthly.csv"),
    )
    .await;
    // No report yet: the Home says how to get the chart and shows no picture.
    let home = open_home(&app, ADMIN).await;
    assert!(images(&home).is_empty(), "{home}");
    assert!(
        visible_text(&home).contains("and shows the chart here"),
        "{home}"
    );

    app.command(ADMIN, "report").await;
    let shared = app
        .sim
        .wait_for_calls("files.completeUploadExternal", 1, Duration::from_secs(10))
        .await;
    let chart_id = shared[0].args["files"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // The admin's Home is refreshed with the chart, shown by its Slack file (never a
    // public address), with alt text; the text says when it was drawn.
    let home = eventually("the Home with the chart", || {
        app.sim.home_view(ADMIN).filter(|v| !images(v).is_empty())
    })
    .await;
    let image = &images(&home)[0];
    assert_eq!(image["slack_file"]["id"], chart_id.as_str(), "{image}");
    assert!(image.get("image_url").is_none(), "{image}");
    assert!(
        image["alt_text"]
            .as_str()
            .unwrap()
            .contains("index of its own baseline"),
        "{image}"
    );
    let text = visible_text(&home);
    assert!(
        text.contains("The adoption chart below was drawn"),
        "{text}"
    );
    assert!(
        text.rfind("Results").unwrap() > text.find("Review drafts").unwrap(),
        "the chart's section comes last, next to the picture: {text}"
    );
    // The file is the PNG the admin got in their DM.
    let png = app
        .http
        .get(
            app.sim
                .dm_messages(ADMIN)
                .into_iter()
                .find_map(|m| {
                    m["files"][0]["url_private_download"]
                        .as_str()
                        .map(str::to_string)
                })
                .unwrap(),
        )
        .bearer_auth(BOT_TOKEN)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));

    // A hero's Home never shows it.
    let hero_home = open_home(&app, MARIA).await;
    assert!(images(&hero_home).is_empty(), "{hero_home}");
    assert!(visible_text(&hero_home).contains("Your Spotlight story"));

    // Someone deletes the chart in Slack: Slack would refuse the whole Home, so the
    // chart is left out and forgotten, and the Home says how to draw a new one.
    app.sim.delete_file(&chart_id);
    // (A Home published just before the deletion may land after this opening: the
    // one that counts is the first without the chart.)
    open_home(&app, ADMIN).await;
    let home = eventually("the Home without the deleted chart", || {
        app.sim
            .home_view(ADMIN)
            .filter(|home| images(home).is_empty())
    })
    .await;
    assert!(
        visible_text(&home).contains("and shows the chart here"),
        "{home}"
    );
    assert_eq!(app.store().await.home_chart().await.unwrap(), None);
}

/// Publishes a story and runs `/spotlight report` as the admin.
async fn report_after_a_story(app: &TestApp) {
    app.published().await;
    let reply = app.command(ADMIN, "report").await;
    assert!(reply.contains("in our direct messages"), "{reply}");
}

#[tokio::test]
async fn a_share_slack_refuses_is_given_up_and_one_with_no_clear_answer_is_tried_again_without_a_chart_when_there_is_no_usage(
) {
    // Refused: the app lacks files:write. Not tried again, nothing left waiting.
    let app = spawn_app().await;
    app.sim
        .fail_next("files.completeUploadExternal", "missing_scope");
    report_after_a_story(&app).await;
    app.sim
        .wait_for_calls("files.completeUploadExternal", 1, Duration::from_secs(10))
        .await;
    let store = app.store().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while store.outbox_state().await.unwrap().waiting > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the refused share is still waiting"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(app.sim.calls_to("files.completeUploadExternal").len(), 1);

    // No clear answer for an upload address: tried again, shared once.
    let app = spawn_app().await;
    app.sim
        .fail_next("files.getUploadURLExternal", "internal_error");
    report_after_a_story(&app).await;
    let shared = app
        .sim
        .wait_for_calls("files.completeUploadExternal", 1, Duration::from_secs(10))
        .await;
    // With no usage imported there is no chart: the CSV alone, and the summary says why.
    assert_eq!(shared[0].args["files"].as_array().map(Vec::len), Some(1));
    let summary = shared[0].args["initial_comment"]
        .as_str()
        .unwrap_or_default();
    assert!(
        summary.contains("No chart: there is no usage data by group over time to chart"),
        "{summary}"
    );
    assert_eq!(app.sim.calls_to("files.getUploadURLExternal").len(), 2);
}
