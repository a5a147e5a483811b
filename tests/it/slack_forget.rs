//! Forgetting a person in Slack, driven by signed requests against the simulator: an
//! admin forgets Maria after her story was posted in #wins; her post is deleted (after a
//! `chat.delete` with no clear answer, tried again and reported), and nothing of hers
//! stays in the database.

use serde_json::Value;

use crate::slack::{eventually, spawn_app, TestApp, ADMIN, BOB, MARIA, WINS};
use crate::slack_sim::visible_text;

/// Maria's id and words from `interview_maria`, which must all be gone.
const HERS: [&str; 5] = [
    MARIA,
    "sort my pipeline by close date",
    "my forecast is finally right",
    "Sort your pipeline by close date on Friday",
    "maria@example.com",
];

/// The elements of the blocks of a reply sent to a `response_url`.
fn elements(call: &Value) -> Vec<Value> {
    call["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Presses Forget under the preview as `user` (Slack's dialog confirmed), and returns
/// the reply the press gets.
async fn confirm(app: &TestApp, user: &str) -> String {
    let replies = app.sim.calls_to("response_url").len();
    assert_eq!(app.click(user, "forget_confirm#0", MARIA).await, 200);
    eventually("the result of the forgetting", || {
        app.sim
            .calls_to("response_url")
            .get(replies)
            .map(|c| visible_text(&c.args))
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_forgets_a_hero_her_slack_post_is_deleted_despite_a_failure_and_nothing_of_hers_stays(
) {
    an_admin_forgets_a_hero_her_slack_post_is_deleted_despite_a_failure_and_nothing_of_hers_stays_body().await;
}

pub(crate) async fn an_admin_forgets_a_hero_her_slack_post_is_deleted_despite_a_failure_and_nothing_of_hers_stays_body(
) {
    let app = spawn_app().await;
    let ts = app.published().await;
    let db = app.db_url.clone();

    // Her usage figures, matched by the email the export names her by.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("u.csv"),
        "Email,Region,Week,Records created\nmaria@example.com,EMEA,2026-W40,30\nghost@example.com,EMEA,2026-W40,3\n",
    )
    .unwrap();
    let (api, db_arg, path) = (app.sim.api_url(), db.clone(), dir.path().to_path_buf());
    let import = tokio::task::spawn_blocking(move || {
        let mut cmd = crate::helpers::spotlight(&path);
        cmd.arg("--db")
            .arg(&db_arg)
            .args(["import-usage", "u.csv"])
            .env("SLACK_BOT_TOKEN", crate::slack::BOT_TOKEN)
            .env("SLACK_API_URL", api);
        crate::helpers::run(&mut cmd, "")
    })
    .await
    .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert_eq!(
        crate::traces::count(
            &db,
            &format!("SELECT COUNT(*) FROM usage WHERE user_id = '{MARIA}'")
        ),
        1
    );

    // Bob is no admin: a polite refusal, and nothing changes.
    let reply = app.command(BOB, &format!("forget <@{MARIA}|maria>")).await;
    assert!(
        reply.contains("only Spotlight admins can have someone else forgotten"),
        "{reply}"
    );

    // The admin sees what goes; the button asks once more in Slack's own dialog.
    let reply = app
        .command(ADMIN, &format!("forget <@{MARIA}|maria>"))
        .await;
    for part in [
        "1 story: story 1 (published)",
        "4 answers",
        "1 usage figure",
        "(sent ",
        "deleted there",
    ] {
        assert!(reply.contains(part), "{part:?} not in:\n{reply}");
    }
    let call = app.sim.calls_to("response_url").last().cloned().unwrap();
    let forget = elements(&call.args)
        .into_iter()
        .find(|e| e["action_id"] == "forget_confirm#0")
        .expect("a Forget button");
    assert_eq!(forget["value"], MARIA);
    assert_eq!(forget["style"], "danger");
    assert_eq!(forget["confirm"]["confirm"]["text"], "Forget");
    let before = crate::traces::traces(&db, &HERS);
    assert!(
        before
            .iter()
            .any(|t| t.starts_with("answer_revisions.body")),
        "{before:#?}"
    );
    assert!(app.sim.messages(WINS).iter().any(|m| m["ts"] == ts));

    // Confirmed: the first chat.delete gets no clear answer; it is tried again.
    app.sim.fail_next("chat.delete", "internal_error");
    let result = confirm(&app, ADMIN).await;
    assert!(result.contains("Forgotten."), "{result}");
    assert!(result.contains("Deleting the published posts"), "{result}");
    assert!(!result.contains(MARIA), "{result}");
    let failed = app
        .dm_containing(ADMIN, "Slack gave no clear answer (internal_error)")
        .await;
    assert!(failed.contains("I'll ask Slack again in 5 s"), "{failed}");
    let report = app
        .dm_containing(ADMIN, "Deleting the posts of the person forgotten")
        .await;
    assert!(report.contains("deleted."), "{report}");
    assert!(app.sim.messages(WINS).iter().all(|m| m["ts"] != ts));
    let deletes = app.sim.calls_to("chat.delete");
    assert_eq!(deletes.len(), 2, "{deletes:?}");
    assert_eq!(deletes[1].args["ts"], ts.as_str());

    // Nothing of hers is in the database; the other figure stays.
    let traces = crate::traces::traces(&db, &HERS);
    assert!(traces.is_empty(), "left of Maria: {traces:#?}");
    assert_eq!(crate::traces::count(&db, "SELECT COUNT(*) FROM usage"), 1);
    assert_eq!(
        crate::traces::count(&db, "SELECT COUNT(*) FROM retractions"),
        0
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_simulator_refuses_to_delete_a_message_that_is_not_the_bots() {
    let app = spawn_app().await;
    let ts = app.sim.add_user_message(WINS, BOB, "my own words", None);
    let client = reqwest::Client::new();
    let answer: Value = client
        .post(format!("{}/chat.delete", app.sim.api_url()))
        .bearer_auth(crate::slack::BOT_TOKEN)
        .form(&[("channel", WINS), ("ts", ts.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["error"], "cant_delete_message", "{answer}");
    assert!(app
        .sim
        .messages(WINS)
        .iter()
        .any(|m| m["ts"] == ts.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hero_has_herself_forgotten_in_slack_and_even_the_reply_to_her_is_not_kept() {
    a_hero_has_herself_forgotten_in_slack_and_even_the_reply_to_her_is_not_kept_body().await;
}

pub(crate) async fn a_hero_has_herself_forgotten_in_slack_and_even_the_reply_to_her_is_not_kept_body(
) {
    let app = spawn_app().await;
    app.interview_maria().await;
    let db = app.db_url.clone();
    let reply = app.command(MARIA, "forget me").await;
    assert!(reply.contains("Forget you?"), "{reply}");
    assert!(reply.contains("1 story: story 1 (drafted)"), "{reply}");
    let result = confirm(&app, MARIA).await;
    assert!(result.contains("Forgotten."), "{result}");
    let told = app
        .dm_containing(ADMIN, "Someone asked to be forgotten, and was.")
        .await;
    assert!(!told.contains(MARIA), "{told}");
    // Once the replies are delivered, nothing of hers is left, not even the reply to her.
    let mut traces = Vec::new();
    for _ in 0..100 {
        traces = crate::traces::traces(&db, &HERS);
        if traces.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(traces.is_empty(), "left of Maria: {traces:#?}");
}
