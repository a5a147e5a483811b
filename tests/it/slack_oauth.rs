//! The OAuth install, as a workspace admin's browser and Slack go through it: `spotlight
//! serve` with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (no SLACK_BOT_TOKEN), the
//! simulator playing Slack's authorize page and `oauth.v2.access`, plain HTTP for the
//! browser (no redirect followed by itself, cookies carried by hand), signed requests for
//! Slack's events and commands.

use std::time::Duration;

use serde_json::Value;

use spotlight::config::{SlackAuth, SlackSettings, SlackSettingsInput};
use spotlight::slack::BOT_SCOPES;
use spotlight::store::Store;

use crate::slack::{
    add_workspace, eventually, settings, TestApp, ADMIN, APP_TOKEN, BOB, MARIA, SECRET,
};
use crate::slack_sim::{visible_text, SlackSim, TEAM_ID};
use crate::traces::{count, traces};

const CLIENT_ID: &str = "1111.2222";
const CLIENT_SECRET: &str = "sim-client-secret-0123456789";
const TOKEN_KEY: &str = "q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=";
/// The token the simulator starts with: never given to Spotlight in OAuth mode.
const UNUSED_TOKEN: &str = "xoxb-sim-pasted-never-used";

/// How the OAuth app is set up for a test.
#[derive(Clone, Copy)]
struct Setup {
    erase_on_uninstall: bool,
    /// Token rotation: how long the simulator's bot tokens last.
    token_lifetime: Option<Duration>,
    /// How long before expiry Spotlight renews a token.
    refresh_ahead: Duration,
    /// Slack's requests over Socket Mode (the install's routes on the health listener).
    socket_mode: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            erase_on_uninstall: false,
            token_lifetime: None,
            refresh_ahead: spotlight::config::REFRESH_AHEAD,
            socket_mode: false,
        }
    }
}

/// The OAuth settings Spotlight runs with, listening at `addr` (also its public address).
fn oauth_settings(sim: &SlackSim, addr: &str, setup: Setup) -> SlackSettings {
    let mut s = SlackSettings::from_input(SlackSettingsInput {
        bot_token: None,
        signing_secret: Some(SECRET.into()),
        app_token: Some(APP_TOKEN.into()),
        api_url: Some(sim.api_url()),
        bind: Some(addr.into()),
        socket_mode: setup.socket_mode,
        client_id: Some(CLIENT_ID.into()),
        client_secret: Some(CLIENT_SECRET.into()),
        public_url: Some(format!("http://{addr}")),
        token_key: Some(TOKEN_KEY.into()),
        erase_on_uninstall: Some(setup.erase_on_uninstall.to_string()),
        metrics_token: None,
    })
    .unwrap();
    if let SlackAuth::OAuth(o) = &mut s.auth {
        o.refresh_ahead = setup.refresh_ahead;
    }
    s
}

/// A free loopback address: Spotlight's public address must be known before it starts.
fn free_addr() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().to_string()
}

/// Spotlight in OAuth mode, installed nowhere yet.
async fn spawn_oauth(setup: Setup) -> TestApp {
    let sim = SlackSim::start(UNUSED_TOKEN, APP_TOKEN).await;
    sim.enable_oauth(CLIENT_ID, CLIENT_SECRET, ADMIN);
    sim.set_token_lifetime(setup.token_lifetime);
    add_workspace(&sim);
    let dir = tempfile::tempdir().unwrap();
    let (db_url, pg) = crate::postgres_db::for_app(dir.path()).await;
    let addr = free_addr();
    let running = spotlight::slack::start(settings(&db_url), oauth_settings(&sim, &addr, setup))
        .await
        .expect("spotlight serve starts in OAuth mode");
    TestApp {
        sim,
        base: format!("http://{}", running.addr),
        running: Some(running),
        http: reqwest::Client::new(),
        _dir: dir,
        db_url,
        spread: Vec::new(),
        sent_to: Default::default(),
        _pg: pg,
    }
}

/// A browser that follows nothing by itself.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_string()
}

fn query_of(url: &str) -> std::collections::HashMap<String, String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// An install begun at /slack/install and through Slack's authorize page: where Slack
/// sends the browser back, and the cookie the browser holds.
struct Begun {
    back_to: String,
    cookie: String,
    state: String,
}

async fn begin(app: &TestApp) -> Begun {
    let b = browser();
    let resp = b
        .get(format!("{}/slack/install", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let set_cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    for part in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/slack/oauth_redirect",
        "Max-Age=600",
    ] {
        assert!(set_cookie.contains(part), "{set_cookie}");
    }
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let authorize = location(&resp);
    assert!(
        authorize.starts_with(&format!("{}/oauth/v2/authorize?", app.sim_base())),
        "{authorize}"
    );
    let q = query_of(&authorize);
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["scope"], BOT_SCOPES.join(","));
    assert_eq!(
        q["redirect_uri"],
        format!("{}/slack/oauth_redirect", app.base)
    );
    assert_eq!(cookie, format!("spotlight_oauth_state={}", q["state"]));
    // Slack's page: the person presses Allow (or Cancel), and Slack sends them back.
    let resp = b.get(&authorize).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let back_to = location(&resp);
    assert_eq!(query_of(&back_to).get("state"), Some(&q["state"]));
    Begun {
        back_to,
        cookie,
        state: q["state"].clone(),
    }
}

/// The browser comes back from Slack, with `cookie`: the page's status and text.
async fn back(url: &str, cookie: Option<&str>) -> (u16, String) {
    let mut req = browser().get(url);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    assert_eq!(
        resp.headers()["content-type"],
        "text/html; charset=utf-8",
        "a page for a person"
    );
    (status, resp.text().await.unwrap())
}

/// The whole install, from /slack/install to the page Slack's redirect shows.
async fn install(app: &TestApp) -> (u16, String) {
    let begun = begin(app).await;
    back(&begun.back_to, Some(&begun.cookie)).await
}

async fn healthz(app: &TestApp) -> (u16, String) {
    let resp = app
        .http
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// The bot tokens the simulator issued through OAuth (not the one it started with).
fn issued(app: &TestApp) -> Vec<String> {
    app.sim
        .issued_tokens()
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t != UNUSED_TOKEN)
        .collect()
}

fn db_path(app: &TestApp) -> String {
    app.db_url.clone()
}

/// Nominates Maria and waits for her invitation, a DM the bot posts with its token:
/// the token it was posted with.
async fn nominate_maria(app: &TestApp) -> String {
    let invitations = || {
        app.sim
            .calls_to("chat.postMessage")
            .into_iter()
            .filter(|c| visible_text(&c.args).contains("nominated"))
            .collect::<Vec<_>>()
    };
    let before = invitations().len();
    let reply = app
        .command(ADMIN, &format!("nominate <@{MARIA}|maria> great pipeline"))
        .await;
    assert!(reply.contains("Nominated"), "{reply}");
    let post = eventually("Maria's invitation", || invitations().get(before).cloned()).await;
    post.token.expect("posted with a token")
}

#[tokio::test]
async fn a_workspace_installs_spotlight_and_the_bot_works_with_the_installed_token() {
    a_workspace_installs_spotlight_and_the_bot_works_with_the_installed_token_body().await;
}

pub(crate) async fn a_workspace_installs_spotlight_and_the_bot_works_with_the_installed_token_body()
{
    let app = spawn_oauth(Setup::default()).await;
    // Before any install: no call to Slack, and /healthz says why (200: waiting is no fault).
    let (status, text) = healthz(&app).await;
    assert_eq!(status, 200);
    assert!(
        text.contains("not calling Slack") && text.contains("/slack/install"),
        "{text}"
    );
    assert!(app.sim.calls().is_empty(), "{:?}", app.sim.calls());

    let (status, page) = install(&app).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Spotlight is now installed in Spotlight Sim"),
        "{page}"
    );
    // The code was exchanged once, with the app's credentials, for the stored token.
    let access = app.sim.calls_to("oauth.v2.access");
    assert_eq!(access.len(), 1);
    assert_eq!(access[0].args["client_id"], CLIENT_ID);
    assert_eq!(
        access[0].args["redirect_uri"],
        format!("{}/slack/oauth_redirect", app.base)
    );
    let tokens = issued(&app);
    assert_eq!(tokens.len(), 1);
    let store = app.store().await;
    let row = store.installation().await.unwrap().expect("installed");
    assert_eq!(
        (row.team_id.as_str(), row.enterprise_id.as_str()),
        (TEAM_ID, "")
    );
    assert_eq!(row.bot_user_id, app.sim.bot_user_id());
    assert_eq!(row.installed_by.as_deref(), Some(ADMIN));
    assert!(row.scopes.contains("chat:write"));
    assert!(
        row.refresh_token.is_none() && row.expires_at.is_none(),
        "no rotation"
    );
    store.close().await;
    // Sealed at rest: the token is nowhere in the database file in plain text.
    assert_eq!(
        traces(&db_path(&app), &[&tokens[0], "xoxb-"]),
        Vec::<String>::new()
    );

    // The bot works, with the installed token.
    assert_eq!(nominate_maria(&app).await, tokens[0]);
    assert!(app
        .sim
        .calls()
        .iter()
        .filter(|c| !c.method.starts_with("oauth") && c.method != "response_url")
        .all(|c| c.token.as_deref() == Some(tokens[0].as_str())));
    assert_eq!(healthz(&app).await, (200, "ok".to_string()));

    // Its messages are its own: a message from the bot user is ignored.
    let before = app.sim.calls_to("chat.postMessage").len();
    app.dm(app.sim.bot_user_id(), "an echo of my own").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.sim.calls_to("chat.postMessage").len(), before);
}

#[tokio::test]
async fn a_forged_reused_expired_or_cancelled_install_is_refused_and_nothing_is_stored() {
    let app = spawn_oauth(Setup::default()).await;
    let redirect = format!("{}/slack/oauth_redirect", app.base);
    let nothing_stored = |app: &TestApp| {
        let db = db_path(app);
        count(&db, "SELECT COUNT(*) FROM installations")
    };
    // A state Spotlight never issued, even with a matching cookie.
    let (status, page) = back(
        &format!("{redirect}?code=sim-code-1&state=forged"),
        Some("spotlight_oauth_state=forged"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("Spotlight did not begin this install"),
        "{page}"
    );
    assert!(page.contains("/slack/install"), "{page}");
    // In the browser's language, where Spotlight has it.
    let resp = browser()
        .get(format!("{redirect}?code=sim-code-1&state=forged"))
        .header("cookie", "spotlight_oauth_state=forged")
        .header("accept-language", "fr-CA,fr;q=0.9,en;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let page = resp.text().await.unwrap();
    assert!(page.contains("<html lang=\"fr\">"), "{page}");
    assert!(
        page.contains("Spotlight n'a pas commencé cette installation"),
        "{page}"
    );
    // No state at all.
    let (status, _) = back(&format!("{redirect}?code=sim-code-1"), None).await;
    assert_eq!(status, 400);

    // A real one, but brought back by another browser (no cookie, or another's).
    let begun = begin(&app).await;
    let (status, page) = back(&begun.back_to, None).await;
    assert_eq!(status, 400);
    assert!(page.contains("not begun in this browser"), "{page}");
    let (status, _) = back(&begun.back_to, Some("spotlight_oauth_state=someone-elses")).await;
    assert_eq!(status, 400);
    // Its code with a state of another install (begun in this browser, say) is refused too.
    let other = begin(&app).await;
    let swapped = begun.back_to.replace(&begun.state, &other.state);
    let (status, _) = back(&swapped, Some(&begun.cookie)).await;
    assert_eq!(status, 400);
    assert!(app.sim.calls_to("oauth.v2.access").is_empty());
    assert_eq!(nothing_stored(&app), 0);

    // Its own browser is still welcome (the refusals used nothing up) …
    let (status, page) = back(&begun.back_to, Some(&begun.cookie)).await;
    assert_eq!(status, 200, "{page}");
    // … once: a replay (a reload, or someone who saw the address) is refused.
    let (status, page) = back(&begun.back_to, Some(&begun.cookie)).await;
    assert_eq!(status, 400);
    assert!(page.contains("used already"), "{page}");
    assert_eq!(app.sim.calls_to("oauth.v2.access").len(), 1);

    // A state older than 10 minutes.
    let store = Store::open(&app.db_url).await.unwrap();
    let now = chrono::Utc::now();
    store
        .add_oauth_state(
            "stale",
            now - chrono::Duration::minutes(11),
            now - chrono::Duration::minutes(1),
        )
        .await
        .unwrap();
    store.close().await;
    let (status, page) = back(
        &format!("{redirect}?code=sim-code-9&state=stale"),
        Some("spotlight_oauth_state=stale"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("over 10 minutes ago"), "{page}");
    assert_eq!(app.sim.calls_to("oauth.v2.access").len(), 1);
}

#[tokio::test]
async fn a_cancelled_install_installs_nothing() {
    let app = spawn_oauth(Setup::default()).await;
    app.sim.deny_next_authorize();
    let (status, page) = install(&app).await;
    assert_eq!(status, 200);
    assert!(page.contains("You cancelled the install"), "{page}");
    assert!(app.sim.calls_to("oauth.v2.access").is_empty());
    assert_eq!(
        count(&db_path(&app), "SELECT COUNT(*) FROM installations"),
        0
    );
    assert!(issued(&app).is_empty());
    // Installed after all, it works.
    assert_eq!(install(&app).await.0, 200);
    assert_eq!(nominate_maria(&app).await, issued(&app)[0]);
}

/// The second workspace of the multi-workspace tests, its admin (who installs
/// Spotlight there) and its hero.
const BETA: &str = "T0002";
const BETA_ADMIN: &str = "UBETA001";
const HUGO: &str = "UBETA002";

/// Slack's requests from workspace `team`: the test's signed requests, as another
/// workspace sends them (its `team_id` in the event, the command and the click).
struct From<'a> {
    app: &'a TestApp,
    team: &'a str,
}

impl From<'_> {
    fn rewrite(&self, body: String) -> String {
        body.replace(TEAM_ID, self.team)
    }

    async fn event(&self, event: Value) -> u16 {
        let id = format!("Ev{:08}", crate::slack::unique());
        let body = self.rewrite(crate::slack_requests::event_body(event, &id));
        self.app
            .signed("/slack/events", "application/json", body)
            .await
            .status()
            .as_u16()
    }

    async fn dm(&self, user: &str, text: &str) {
        let ts = format!("1800000000.{:06}", crate::slack::unique());
        let status = self
            .event(crate::slack_requests::im_message(user, text, &ts))
            .await;
        assert_eq!(status, 200);
    }

    async fn command(&self, user: &str, text: &str) -> String {
        let before = self.app.sim.calls_to("response_url").len();
        let body = self.rewrite(self.app.command_body(user, text));
        let resp = self
            .app
            .signed("/slack/commands", "application/x-www-form-urlencoded", body)
            .await;
        assert_eq!(resp.status().as_u16(), 200);
        let call = eventually(&format!("a reply to /spotlight {text}"), || {
            self.app.sim.calls_to("response_url").get(before).cloned()
        })
        .await;
        visible_text(&call.args)
    }

    async fn press(&self, user: &str, label: &str) {
        let (action, value) = eventually(&format!("a \"{label}\" button for {user}"), || {
            self.app.sim.dm_messages(user).iter().rev().find_map(|m| {
                crate::slack::buttons(m)
                    .into_iter()
                    .find(|(l, ..)| l == label)
                    .map(|(_, a, v)| (a, v))
            })
        })
        .await;
        let body = self.rewrite(crate::slack_requests::click_body(
            &self.app.sim_base(),
            user,
            &action,
            &value,
            crate::slack::unique(),
        ));
        let resp = self
            .app
            .signed(
                "/slack/interactions",
                "application/x-www-form-urlencoded",
                body,
            )
            .await;
        assert_eq!(resp.status().as_u16(), 200);
    }
}

/// Beta's admin nominates Hugo there; his invitation arrives.
async fn nominate_hugo(beta: &From<'_>) {
    let reply = beta
        .command(
            BETA_ADMIN,
            &format!("nominate <@{HUGO}|hugo> quotes in minutes"),
        )
        .await;
    assert!(reply.contains("Nominated"), "{reply}");
    beta.app.dm_containing(HUGO, "nominated").await;
}

/// How many stories workspace `team`'s data holds (None: the database's own).
fn stories_of(app: &TestApp, team: Option<&str>) -> i64 {
    match team {
        None => count(&app.db_url, "SELECT COUNT(*) FROM stories"),
        Some(team) if app.db_url.starts_with("postgres") => count(
            &app.db_url,
            &format!(
                "SELECT COUNT(*) FROM ws_{}.stories",
                team.to_ascii_lowercase()
            ),
        ),
        Some(team) => count(
            &spotlight::store::workspace::workspace_url(&app.db_url, team).unwrap(),
            "SELECT COUNT(*) FROM stories",
        ),
    }
}

/// Whether workspace `team`'s partition beside the database exists.
fn partition_exists(app: &TestApp, team: &str) -> bool {
    if app.db_url.starts_with("postgres") {
        return count(
            &app.db_url,
            &format!(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'ws_{}'",
                team.to_ascii_lowercase()
            ),
        ) == 1;
    }
    let url = spotlight::store::workspace::workspace_url(&app.db_url, team).unwrap();
    std::path::Path::new(url.trim_start_matches("sqlite://")).exists()
}

/// Installs Spotlight in a second workspace, Beta Corp, whose admin installs it: its
/// bot token.
async fn install_beta(app: &TestApp) -> String {
    app.sim.add_user(
        BETA_ADMIN,
        "bea",
        "Bea Beta",
        Some("bea@beta.example"),
        false,
        "UTC",
    );
    app.sim.add_user(
        HUGO,
        "hugo",
        "Hugo Martin",
        Some("hugo@beta.example"),
        false,
        "Europe/Paris",
    );
    let before = issued(app);
    app.sim.set_install_team(BETA, "Beta Corp");
    app.sim.set_installer(BETA_ADMIN);
    let (status, page) = install(app).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Spotlight is now installed in Beta Corp"),
        "{page}"
    );
    let token = issued(app)
        .into_iter()
        .find(|t| !before.contains(t))
        .expect("a token for Beta");
    assert!(token.contains(BETA), "{token}");
    token
}

#[tokio::test]
async fn two_workspaces_install_through_oauth_and_each_runs_its_own_interviews_with_its_own_token()
{
    two_workspaces_install_through_oauth_and_each_runs_its_own_interviews_with_its_own_token_body()
        .await;
}

pub(crate) async fn two_workspaces_install_through_oauth_and_each_runs_its_own_interviews_with_its_own_token_body(
) {
    let app = spawn_oauth(Setup::default()).await;
    assert_eq!(install(&app).await.0, 200);
    let alpha = issued(&app)[0].clone();
    let beta_token = install_beta(&app).await;
    // Beta's data has a partition of its own; the database keeps Alpha's.
    assert!(partition_exists(&app, BETA));
    assert_eq!(
        count(
            &app.db_url,
            "SELECT COUNT(*) FROM installations WHERE data_apart = TRUE AND team_id = 'T0002'"
        ),
        1
    );
    let beta = From {
        app: &app,
        team: BETA,
    };

    // Each workspace's admin nominates a hero of theirs, and both interviews run side
    // by side.
    assert_eq!(nominate_maria(&app).await, alpha);
    nominate_hugo(&beta).await;
    beta.press(HUGO, "Start now").await;
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(HUGO, "Question 1").await;
    app.dm_containing(MARIA, "Question 1").await;
    beta.dm(HUGO, "I build every quote from a template").await;
    app.dm(MARIA, "I sort my pipeline every Friday").await;
    app.dm_containing(HUGO, "Question 2").await;
    app.dm_containing(MARIA, "Question 2").await;
    assert_eq!(stories_of(&app, None), 1);
    assert_eq!(stories_of(&app, Some(BETA)), 1);

    // Every call to Slack about a workspace's people went with that workspace's token.
    let mut checked = (0, 0);
    for call in app.sim.calls() {
        if call.method.starts_with("oauth") || call.method == "response_url" {
            continue;
        }
        let args = call.args.to_string();
        let about_beta = [HUGO, BETA_ADMIN].iter().any(|u| args.contains(u));
        let about_alpha = [MARIA, ADMIN].iter().any(|u| args.contains(u));
        let want = match (about_alpha, about_beta) {
            (true, false) => {
                checked.0 += 1;
                &alpha
            }
            (false, true) => {
                checked.1 += 1;
                &beta_token
            }
            _ => continue,
        };
        assert_eq!(
            call.token.as_deref(),
            Some(want.as_str()),
            "{} {args}",
            call.method
        );
    }
    assert!(checked.0 >= 4 && checked.1 >= 4, "{checked:?}");

    // Each workspace's admins see their own workspace's stories only, and are nobody's
    // admins elsewhere.
    let names = |text: &str, id: &str, name: &str| text.contains(id) || text.contains(name);
    let alpha_status = app.command(ADMIN, "status").await;
    assert!(names(&alpha_status, MARIA, "Maria"), "{alpha_status}");
    assert!(!names(&alpha_status, HUGO, "Hugo"), "{alpha_status}");
    let beta_status = beta.command(BETA_ADMIN, "status").await;
    assert!(names(&beta_status, HUGO, "Hugo"), "{beta_status}");
    assert!(!names(&beta_status, MARIA, "Maria"), "{beta_status}");
    let stranger = app.command(BETA_ADMIN, "status").await;
    assert!(stranger.contains("You have no story"), "{stranger}");
    let stranger = app
        .command(BETA_ADMIN, &format!("nominate <@{MARIA}|maria> again"))
        .await;
    assert!(stranger.contains("is for Spotlight admins"), "{stranger}");

    // Both interviews go on to the end of their second answer, each in its own data.
    beta.dm(HUGO, "Two hours back every week").await;
    app.dm_containing(HUGO, "Question 3").await;
    let (status, text) = healthz(&app).await;
    assert_eq!((status, text.as_str()), (200, "ok"));
}

#[tokio::test]
async fn a_second_workspace_uninstalled_with_erasing_loses_its_partition_and_the_first_goes_on() {
    a_second_workspace_uninstalled_with_erasing_loses_its_partition_and_the_first_goes_on_body()
        .await;
}

pub(crate) async fn a_second_workspace_uninstalled_with_erasing_loses_its_partition_and_the_first_goes_on_body(
) {
    let app = spawn_oauth(Setup {
        erase_on_uninstall: true,
        ..Setup::default()
    })
    .await;
    assert_eq!(install(&app).await.0, 200);
    install_beta(&app).await;
    let beta = From {
        app: &app,
        team: BETA,
    };
    nominate_maria(&app).await;
    nominate_hugo(&beta).await;

    let (uninstalled, revoked) = app.sim.uninstall(BETA);
    assert_eq!(beta.event(revoked).await, 200);
    assert_eq!(beta.event(uninstalled).await, 200);
    eventually("Beta's partition dropped", || {
        (!partition_exists(&app, BETA)).then_some(())
    })
    .await;
    eventually("Beta's installation forgotten", || {
        (count(
            &app.db_url,
            "SELECT COUNT(*) FROM installations WHERE team_id = 'T0002'",
        ) == 0)
            .then_some(())
    })
    .await;
    // A late request from Beta is acknowledged and kept nowhere, not in Alpha's data.
    beta.dm(HUGO, "are you still there?").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!partition_exists(&app, BETA));
    assert_eq!(
        count(
            &app.db_url,
            &format!("SELECT COUNT(*) FROM inbox WHERE body LIKE '%{HUGO}%'")
        ),
        0
    );
    // Alpha's data and token are untouched, and it goes on.
    assert_eq!(stories_of(&app, None), 1);
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1").await;
    let (status, text) = healthz(&app).await;
    assert_eq!((status, text.as_str()), (200, "ok"));

    // Beta installs again: a new, empty partition, served at once.
    let token = install_beta(&app).await;
    assert!(partition_exists(&app, BETA));
    assert_eq!(stories_of(&app, Some(BETA)), 0);
    let reply = beta
        .command(BETA_ADMIN, &format!("nominate <@{HUGO}|hugo> again"))
        .await;
    assert!(reply.contains("Nominated"), "{reply}");
    let invitation = eventually("Hugo's new invitation", || {
        app.sim
            .calls_to("chat.postMessage")
            .into_iter()
            .filter(|c| c.args.to_string().contains(HUGO))
            .find(|c| c.token.as_deref() == Some(token.as_str()))
    })
    .await;
    assert!(visible_text(&invitation.args).contains("nominated"));
}

#[tokio::test]
async fn an_expiring_token_is_renewed_once_even_by_calls_racing_and_the_old_refresh_token_is_dead()
{
    an_expiring_token_is_renewed_once_even_by_calls_racing_and_the_old_refresh_token_is_dead_body()
        .await;
}

pub(crate) async fn an_expiring_token_is_renewed_once_even_by_calls_racing_and_the_old_refresh_token_is_dead_body(
) {
    let lifetime = Duration::from_secs(4);
    let app = spawn_oauth(Setup {
        token_lifetime: Some(lifetime),
        refresh_ahead: Duration::from_secs(1),
        ..Setup::default()
    })
    .await;
    assert_eq!(install(&app).await.0, 200);
    let first = issued(&app)[0].clone();
    let store = app.store().await;
    let row = store.installation().await.unwrap().unwrap();
    assert!(row.refresh_token.is_some() && row.expires_at.is_some());
    store.close().await;
    let old_refresh = {
        // The first refresh token, as the simulator issued it (`xoxe-1-sim-<team>-<n>`).
        let n = first.rsplit('-').next().unwrap();
        format!("xoxe-1-sim-{TEAM_ID}-{n}")
    };
    assert_eq!(
        traces(&db_path(&app), &[&first, &old_refresh, "xox"]),
        Vec::<String>::new()
    );

    // The token expires; Slack refuses it from then on.
    eventually("the first token to expire", || {
        (!app.sim.token_works(&first)).then_some(())
    })
    .await;
    let mut probe = app.sim.api_url();
    probe.push_str("/auth.test");
    let refused: Value = reqwest::Client::new()
        .post(&probe)
        .bearer_auth(&first)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(refused["error"], "token_expired");

    // Two requests at once, each needing the token (a profile lookup each, then the
    // nomination's DM): one refresh between them.
    app.sim.clear_calls();
    let body = app.command_body(ADMIN, &format!("nominate <@{MARIA}|maria> great pipeline"));
    let (a, b) = tokio::join!(
        app.signed("/slack/commands", "application/x-www-form-urlencoded", body),
        app.event(serde_json::json!({"type": "app_home_opened", "user": BOB, "tab": "home", "event_ts": "1.2"})),
    );
    assert_eq!((a.status().as_u16(), b), (200, 200));
    eventually("Maria's invitation", || {
        app.sim
            .calls_to("chat.postMessage")
            .iter()
            .any(|c| visible_text(&c.args).contains("nominated"))
            .then_some(())
    })
    .await;
    let refreshes = app.sim.calls_to("oauth.v2.access");
    assert_eq!(refreshes.len(), 1, "{refreshes:?}");
    assert_eq!(refreshes[0].args["grant_type"], "refresh_token");
    assert_eq!(refreshes[0].args["refresh_token"], old_refresh.as_str());
    let second: Vec<String> = issued(&app).into_iter().filter(|t| *t != first).collect();
    assert_eq!(second.len(), 1);
    // Every call after the expiry carried the new token: none was refused.
    for call in app.sim.calls() {
        if call.method.starts_with("oauth") || call.method == "response_url" {
            continue;
        }
        assert_eq!(call.token.as_deref(), Some(second[0].as_str()), "{call:?}");
    }
    // The new pair is sealed in the database; the old refresh token is dead at Slack.
    assert_eq!(
        traces(&db_path(&app), &[&second[0], "xox"]),
        Vec::<String>::new()
    );
    let replay: Value = reqwest::Client::new()
        .post(format!("{}/oauth.v2.access", app.sim.api_url()))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", old_refresh.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(replay["error"], "invalid_refresh_token");
    let store = app.store().await;
    assert_eq!(store.installation().await.unwrap().unwrap().generation, 2);
    store.close().await;
}

#[tokio::test]
async fn a_token_slack_ends_early_is_renewed_whichever_call_meets_it_first_and_nothing_is_lost() {
    let app = spawn_oauth(Setup {
        token_lifetime: Some(Duration::from_secs(3600)),
        ..Setup::default()
    })
    .await;
    assert_eq!(install(&app).await.0, 200);
    let first = issued(&app)[0].clone();
    app.sim.expire_token(&first);
    // The invitation is refused once (`token_expired`), then sent with a renewed token.
    let token = nominate_maria(&app).await;
    assert_ne!(token, first);
    assert!(app.sim.token_works(&token));
    assert_eq!(
        app.sim.calls_to("oauth.v2.access").len(),
        2,
        "the install, one renewal"
    );
    assert!(app
        .sim
        .calls_to("chat.postMessage")
        .iter()
        .all(|c| c.token.as_deref() == Some(token.as_str())));

    // Whichever call meets an ended token first has it renewed: here the App Home's
    // views.publish, when the admin opens it.
    app.sim.expire_token(&token);
    let home = |token: &str| {
        app.sim
            .calls_to("views.publish")
            .into_iter()
            .find(|c| c.token.as_deref() == Some(token))
    };
    let opened = serde_json::json!({"type": "app_home_opened", "user": ADMIN,
        "channel": format!("D{ADMIN}"), "tab": "home", "event_ts": "1.3"});
    assert_eq!(app.event(opened).await, 200);
    let renewed = eventually("a second renewal", || issued(&app).get(2).cloned()).await;
    let view = eventually("the Home published with the renewed token", || {
        home(&renewed)
    })
    .await;
    assert!(
        view.args.to_string().contains("Spotlight pipeline"),
        "{}",
        view.args
    );
    assert_eq!(app.sim.calls_to("oauth.v2.access").len(), 3);
}

#[tokio::test]
async fn two_processes_renewing_the_same_token_use_its_refresh_token_once() {
    // Two token sources on one database (two replicas of Spotlight, say), both finding
    // the token about to expire at the same moment.
    let app = spawn_oauth(Setup {
        token_lifetime: Some(Duration::from_secs(3600)),
        ..Setup::default()
    })
    .await;
    assert_eq!(install(&app).await.0, 200);
    let mut oauth = match oauth_settings(&app.sim, "127.0.0.1:0", Setup::default()).auth {
        SlackAuth::OAuth(o) => o,
        SlackAuth::Token(_) => unreachable!(),
    };
    // Everything is "about to expire" for these two.
    oauth.refresh_ahead = Duration::from_secs(7200);
    let source = |store: Store| {
        let oauth = oauth.clone();
        let api = app.sim.api_url();
        async move {
            let client =
                spotlight::slack::OAuthClient::new(&api, CLIENT_ID, &oauth.client_secret).unwrap();
            spotlight::slack::Tokens::installed(store, &oauth, client)
                .await
                .unwrap()
        }
    };
    let (one, two) = (app.store().await, app.store().await);
    let (a, b) = tokio::join!(source(one.clone()), source(two.clone()));
    app.sim.clear_calls();
    let (ta, tb) = tokio::join!(a.get(), b.get());
    let (ta, tb) = (ta.unwrap(), tb.unwrap());
    assert_eq!(app.sim.calls_to("oauth.v2.access").len(), 1);
    assert_eq!(ta.token.token_value, tb.token.token_value);
    assert!(app.sim.token_works(&ta.token.token_value.0));
    one.close().await;
    two.close().await;
}

/// Maria nominated and halfway through her interview, then the workspace uninstalls.
async fn uninstall_midway(app: &TestApp) {
    assert_eq!(install(app).await.0, 200);
    nominate_maria(app).await;
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1").await;
    app.dm(MARIA, "I sort my pipeline every Friday").await;
    app.dm_containing(MARIA, "Question 2").await;
    let (uninstalled, revoked) = app.sim.uninstall(TEAM_ID);
    assert_eq!(app.event(revoked).await, 200);
    assert_eq!(app.event(uninstalled).await, 200);
    eventually("the tokens deleted", || {
        (count(
            &db_path(app),
            "SELECT COUNT(*) FROM installations WHERE bot_token IS NOT NULL",
        ) == 0)
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn uninstalling_stops_every_call_to_slack_and_erases_the_workspace_when_asked() {
    uninstalling_stops_every_call_to_slack_and_erases_the_workspace_when_asked_body().await;
}

pub(crate) async fn uninstalling_stops_every_call_to_slack_and_erases_the_workspace_when_asked_body(
) {
    let app = spawn_oauth(Setup {
        erase_on_uninstall: true,
        ..Setup::default()
    })
    .await;
    uninstall_midway(&app).await;
    let db = db_path(&app);
    eventually("the workspace's data erased", || {
        (count(&db, "SELECT COUNT(*) FROM installations") == 0).then_some(())
    })
    .await;
    assert_eq!(
        traces(&db, &[MARIA, ADMIN, "sort my pipeline", "great pipeline"]),
        Vec::<String>::new()
    );
    for table in [
        "stories",
        "users",
        "answer_revisions",
        "inbox",
        "outbox",
        "destinations",
    ] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table}")),
            0,
            "{table}"
        );
    }
    let (status, text) = healthz(&app).await;
    assert_eq!(status, 200);
    assert!(text.contains("not calling Slack"), "{text}");
    // Nothing is asked of Slack any more, whatever comes in.
    app.sim.clear_calls();
    app.dm(MARIA, "are you there?").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let calls: Vec<String> = app.sim.calls().iter().map(|c| c.method.clone()).collect();
    assert!(calls.is_empty(), "{calls:?}");

    // Installed again, it starts afresh and works.
    assert_eq!(install(&app).await.0, 200);
    let tokens: Vec<String> = app
        .sim
        .issued_tokens()
        .into_iter()
        .filter(|(t, works)| *works && t != UNUSED_TOKEN)
        .map(|(t, _)| t)
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(nominate_maria(&app).await, tokens[0]);
}

#[tokio::test]
async fn uninstalling_without_erasing_keeps_the_data_for_the_same_workspace_to_reinstall() {
    let app = spawn_oauth(Setup::default()).await;
    uninstall_midway(&app).await;
    let db = db_path(&app);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM stories"), 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM installations WHERE uninstalled_at IS NOT NULL"
        ),
        1
    );
    // Another workspace installs beside it, its data in a partition of its own: the
    // database stays the first one's.
    app.sim.set_install_team("T0002", "Other Corp");
    assert_eq!(install(&app).await.0, 200);
    assert!(partition_exists(&app, "T0002"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM stories"), 1);
    // The same one comes back to where it was: Maria's interview goes on.
    app.sim.set_install_team(TEAM_ID, "Spotlight Sim");
    assert_eq!(install(&app).await.0, 200);
    app.dm(MARIA, "Two hours back every week").await;
    app.dm_containing(MARIA, "Question 3").await;
}

#[tokio::test]
async fn over_socket_mode_the_install_is_served_beside_healthz_and_the_uninstall_comes_over_the_socket(
) {
    let app = spawn_oauth(Setup {
        socket_mode: true,
        ..Setup::default()
    })
    .await;
    // The socket is opened with the app-level token, the app's own; the install is the
    // browser's, on the HTTP listener beside /healthz.
    assert_eq!(install(&app).await.0, 200);
    app.sim
        .wait_for_socket_connections(1, Duration::from_secs(10))
        .await;
    let token = issued(&app)[0].clone();
    let nominate = app.sim.slash_command_envelope(
        "env-oauth-1",
        "/spotlight",
        &format!("nominate <@{MARIA}|maria>"),
        ADMIN,
        "CGENERAL",
    );
    app.sim.socket_send(nominate).await;
    app.sim
        .wait_for_ack("env-oauth-1", Duration::from_secs(5))
        .await;
    let invitation = eventually("Maria's invitation", || {
        app.sim
            .calls_to("chat.postMessage")
            .into_iter()
            .find(|c| visible_text(&c.args).contains("nominated"))
    })
    .await;
    assert_eq!(invitation.token.as_deref(), Some(token.as_str()));

    let (uninstalled, _) = app.sim.uninstall(TEAM_ID);
    let envelope = app
        .sim
        .events_api_envelope("env-oauth-2", "EvOAUTH0002", uninstalled);
    app.sim.socket_send(envelope).await;
    app.sim
        .wait_for_ack("env-oauth-2", Duration::from_secs(5))
        .await;
    eventually("the tokens deleted", || {
        (count(
            &db_path(&app),
            "SELECT COUNT(*) FROM installations WHERE bot_token IS NULL",
        ) == 1)
            .then_some(())
    })
    .await;
    let (status, text) = healthz(&app).await;
    assert_eq!(status, 200);
    assert!(text.contains("uninstalled from workspace T0001"), "{text}");
}

/// Two replicas of `serve` in OAuth mode on one Postgres database, each request going to
/// either at random: two workspaces installed through the first, both served by both
/// (the second replica learns of each install from the database), then the second
/// workspace uninstalled and erased wherever its engine runs, and both replicas let go
/// of it.
#[tokio::test(flavor = "multi_thread")]
async fn two_replicas_serve_every_workspace_whichever_replica_installed_or_erased_it() {
    let Some(_on) = crate::postgres_db::apps_on_postgres(
        "slack_oauth::two_replicas_serve_every_workspace_whichever_replica_installed_or_erased_it",
    ) else {
        return;
    };
    let setup = Setup {
        erase_on_uninstall: true,
        ..Setup::default()
    };
    let mut app = spawn_oauth(setup).await;
    let other_addr = free_addr();
    let other = spotlight::slack::start(
        crate::slack::settings(&app.db_url),
        oauth_settings(&app.sim, &other_addr, setup),
    )
    .await
    .expect("the second replica starts");
    let other_base = format!("http://{}", other.addr);

    // Both installs go through the first replica (the browser's way back is its address).
    assert_eq!(install(&app).await.0, 200);
    let alpha = issued(&app)[0].clone();
    let beta_token = install_beta(&app).await;
    app.spread = vec![other_base.clone()];
    let beta = From {
        app: &app,
        team: BETA,
    };

    // Both workspaces' interviews, every request to either replica.
    assert_eq!(nominate_maria(&app).await, alpha);
    nominate_hugo(&beta).await;
    beta.press(HUGO, "Start now").await;
    app.press(MARIA, MARIA, "Start now").await;
    let answers = [
        "I build every quote from a template",
        "Two hours back every week",
    ];
    for (n, answer) in answers.iter().enumerate() {
        app.dm_containing(HUGO, &format!("Question {}", n + 1))
            .await;
        app.dm_containing(MARIA, &format!("Question {}", n + 1))
            .await;
        beta.dm(HUGO, answer).await;
        app.dm(MARIA, answer).await;
    }
    app.dm_containing(HUGO, "Question 3").await;
    app.dm_containing(MARIA, "Question 3").await;
    // Every answer stored once, in its own workspace's data; every question asked once.
    let answers_in = |schema: &str| {
        count(
            &app.db_url,
            &format!("SELECT COUNT(*) FROM {schema}answer_revisions"),
        )
    };
    assert_eq!(answers_in(""), 2);
    assert_eq!(answers_in("ws_t0002."), 2);
    for who in [HUGO, MARIA] {
        for n in 1..=3 {
            let asked = app
                .sim
                .dm_messages(who)
                .iter()
                .filter(|m| visible_text(m).contains(&format!("Question {n} of")))
                .count();
            assert_eq!(asked, 1, "question {n} to {who}");
        }
    }
    for call in app.sim.calls_to("chat.postMessage") {
        let args = call.args.to_string();
        if args.contains(HUGO) {
            assert_eq!(call.token.as_deref(), Some(beta_token.as_str()));
        } else if args.contains(MARIA) {
            assert_eq!(call.token.as_deref(), Some(alpha.as_str()));
        }
    }
    // Each replica serves both workspaces: each is asked for each one's status.
    app.spread.clear();
    let first_base = app.base.clone();
    for base in [first_base.clone(), other_base.clone()] {
        app.base = base;
        let status = From {
            app: &app,
            team: BETA,
        }
        .command(BETA_ADMIN, "status")
        .await;
        assert!(status.contains(HUGO) && !status.contains(MARIA), "{status}");
        let status = app.command(ADMIN, "status").await;
        assert!(status.contains(MARIA) && !status.contains(HUGO), "{status}");
    }
    app.base = first_base;
    app.spread = vec![other_base.clone()];
    let sent_to = app.sent_to.lock().unwrap().clone();
    assert_eq!(sent_to.len(), 2, "both replicas took requests: {sent_to:?}");

    // Beta uninstalls: its data is erased by whichever replica runs its engine, and both
    // replicas let go of it, healthy.
    let (uninstalled, revoked) = app.sim.uninstall(BETA);
    let beta = From {
        app: &app,
        team: BETA,
    };
    assert_eq!(beta.event(revoked).await, 200);
    assert_eq!(beta.event(uninstalled).await, 200);
    eventually("Beta's schema dropped", || {
        (!partition_exists(&app, BETA)).then_some(())
    })
    .await;
    for base in [app.base.clone(), other_base.clone()] {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        loop {
            let resp = app
                .http
                .get(format!("{base}/healthz"))
                .send()
                .await
                .unwrap();
            let (status, text) = (resp.status().as_u16(), resp.text().await.unwrap());
            if status == 200 && text == "ok" {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{base}/healthz: {status} {text}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    // Alpha goes on, on either replica.
    app.dm(MARIA, "The whole team copied my Friday view").await;
    app.dm_containing(MARIA, "Question 4").await;
    other.stop().await.unwrap();
    app.stop().await;
}
