//! The OAuth install (OAuth mode: `SLACK_CLIENT_ID` and `SLACK_CLIENT_SECRET`, no
//! `SLACK_BOT_TOKEN`): `/slack/install` sends the browser to Slack's authorize page with a
//! fresh single-use `state`, kept for 10 minutes and bound to that browser by a cookie;
//! `/slack/oauth_redirect` checks both, exchanges the code (`oauth.v2.access`), and keeps
//! the installation with its tokens sealed. And the end of it: `app_uninstalled` and
//! `tokens_revoked` delete the tokens, and with `SPOTLIGHT_ERASE_ON_UNINSTALL` the
//! uninstall erases every row of the workspace's data.
//!
//! slack-morphism's OAuth routes check no `state`, so these are Spotlight's own. The
//! first workspace installed keeps its data in the database itself; each other one in a
//! partition of its own, served from the moment it installs (`workspaces`).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::Utc;

use super::oauth::{Grant, OAuthClient, OAuthError};
use super::workspaces::Workspaces;
use super::Shared;
use crate::config::OAuthSettings;
use crate::domain::texts::{Arg, Texts};
use crate::store::{NewInstallation, StateCheck};

/// The bot scopes an install asks for: those of `slack/manifest.yml` (a test keeps them
/// the same).
pub const BOT_SCOPES: [&str; 11] = [
    "chat:write",
    "im:write",
    "im:history",
    "commands",
    "users:read",
    "users:read.email",
    "reactions:read",
    "channels:history",
    "groups:history",
    "files:read",
    "files:write",
];

/// How long an install's `state` is good for.
const STATE_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);
/// The cookie that binds an install's `state` to the browser that began it.
const STATE_COOKIE: &str = "spotlight_oauth_state";

/// OAuth mode's settings and Slack's OAuth, for the routes and the uninstall.
pub struct Install {
    pub settings: OAuthSettings,
    pub slack: OAuthClient,
    /// Slack's authorize page, beside the Web API (`https://slack.com/oauth/v2/authorize`).
    authorize_url: String,
    /// What the pages say, in the browser's language.
    texts: Arc<Texts>,
}

impl Install {
    pub fn new(
        settings: OAuthSettings,
        slack: OAuthClient,
        api_url: &str,
        texts: Arc<Texts>,
    ) -> Install {
        let site = api_url.trim_end_matches('/').trim_end_matches("/api");
        Install {
            settings,
            slack,
            authorize_url: format!("{site}/oauth/v2/authorize"),
            texts,
        }
    }

    fn install_url(&self) -> String {
        format!("{}/slack/install", self.settings.public_url)
    }

    /// The cookie's path: the redirect's, under the public address's own path.
    fn cookie_path(&self) -> String {
        let path = url::Url::parse(&self.settings.public_url)
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default();
        format!("{path}/slack/oauth_redirect")
    }

    fn cookie(&self, value: &str, max_age: i64) -> String {
        let secure = if self.settings.public_url.starts_with("https://") {
            "; Secure"
        } else {
            ""
        };
        format!(
            "{STATE_COOKIE}={value}; Path={}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
            self.cookie_path()
        )
    }
}

/// The install's two routes, in OAuth mode.
pub fn routes(router: Router<Arc<Workspaces>>, oauth: bool) -> Router<Arc<Workspaces>> {
    if !oauth {
        return router;
    }
    router
        .route("/slack/install", get(begin))
        .route("/slack/oauth_redirect", get(finish))
}

/// The pages of one browser's install, in its language (its `Accept-Language`, else
/// Spotlight's default).
struct Pages<'a> {
    texts: &'a Texts,
    lang: &'a str,
    /// The cookie to set with every page (the state's, cleared).
    cookie: Option<String>,
}

impl<'a> Pages<'a> {
    fn new(install: &'a Install, headers: &HeaderMap, cookie: Option<String>) -> Pages<'a> {
        let wanted = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split([',', ';']).next())
            .map(str::trim)
            .filter(|tag| !tag.is_empty() && *tag != "*");
        Pages {
            texts: &install.texts,
            lang: install.texts.language_for(wanted),
            cookie,
        }
    }

    fn t(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.texts.get(self.lang, id, args)
    }

    /// A small HTML page: its words escaped, never cached, never framed, and no address
    /// sent on from it.
    fn page(&self, status: StatusCode, title: &str, lines: &[String]) -> Response {
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let title = escape(&self.t(title, &[]));
        let mut html = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title} · Spotlight</title>\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
             <body style=\"font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5\">\n<h1>{title}</h1>\n",
            escape(self.lang),
        );
        for line in lines {
            html.push_str(&format!("<p>{}</p>\n", escape(line)));
        }
        html.push_str("</body></html>\n");
        let mut response = (status, html).into_response();
        let headers = response.headers_mut();
        for (name, value) in [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ),
        ] {
            headers.insert(name, header::HeaderValue::from_static(value));
        }
        if let Some(cookie) = self
            .cookie
            .as_deref()
            .and_then(|c| header::HeaderValue::from_str(c).ok())
        {
            headers.insert(header::SET_COOKIE, cookie);
        }
        response
    }
}

/// `GET /slack/install`: a new `state`, kept and set in a cookie, and off to Slack.
async fn begin(State(workspaces): State<Arc<Workspaces>>, headers: HeaderMap) -> Response {
    let Some(install) = &workspaces.kit.install else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pages = Pages::new(install, &headers, None);
    let state = crate::sealed::random_token(32);
    let now = Utc::now();
    if let Err(e) = workspaces
        .kit
        .registry
        .add_oauth_state(&state, now, now + STATE_LIFETIME)
        .await
    {
        tracing::error!(error = format!("{e:#}"), "could not begin an install");
        return pages.page(
            StatusCode::SERVICE_UNAVAILABLE,
            "install-begin-failed-title",
            &[pages.t("install-database", &[])],
        );
    }
    let scopes = BOT_SCOPES.join(",");
    let redirect = install.settings.redirect_url();
    let authorize = url::Url::parse_with_params(
        &install.authorize_url,
        [
            ("client_id", install.settings.client_id.as_str()),
            ("scope", scopes.as_str()),
            ("state", state.as_str()),
            ("redirect_uri", redirect.as_str()),
        ],
    );
    let Ok(authorize) = authorize else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = StatusCode::FOUND.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::LOCATION, authorize.to_string()),
        (
            header::SET_COOKIE,
            install.cookie(&state, STATE_LIFETIME.num_seconds()),
        ),
        (header::CACHE_CONTROL, "no-store".to_string()),
        (header::REFERRER_POLICY, "no-referrer".to_string()),
    ] {
        if let Ok(value) = header::HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// The `state` cookie the browser sent, if any.
fn state_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == STATE_COOKIE)
        .map(|(_, value)| value.to_string())
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `GET /slack/oauth_redirect`: Slack sends the installer back here.
async fn finish(
    State(workspaces): State<Arc<Workspaces>>,
    Query(query): Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(install) = &workspaces.kit.install else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pages = Pages::new(install, &headers, Some(install.cookie("", 0)));
    let url = install.install_url();
    let again = pages.t("install-start-again", &[("url", Arg::from(&url))]);
    let bad_state = |why: &str| {
        tracing::warn!(reason = why, "refused an install's return");
        pages.page(
            StatusCode::BAD_REQUEST,
            "install-bad-link-title",
            &[
                pages.t(
                    "install-bad-link",
                    &[("why", Arg::from(&pages.t(why, &[])))],
                ),
                again.clone(),
            ],
        )
    };
    let state = query.get("state").filter(|s| !s.is_empty());
    let from_this_browser = match (state, state_cookie(&headers)) {
        (Some(state), Some(cookie)) => same_secret(state, &cookie),
        _ => false,
    };
    let checked = match (state, from_this_browser) {
        (Some(state), true) => match workspaces
            .kit
            .registry
            .take_oauth_state(state, Utc::now())
            .await
        {
            Ok(check) => Some(check),
            Err(e) => {
                tracing::error!(
                    error = format!("{e:#}"),
                    "could not check an install's state"
                );
                return pages.page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "install-finish-failed-title",
                    &[pages.t("install-database", &[]), again],
                );
            }
        },
        _ => None,
    };
    if let Some(error) = query.get("error") {
        return if error == "access_denied" {
            pages.page(
                StatusCode::OK,
                "install-cancelled-title",
                &[pages.t("install-cancelled", &[]), again],
            )
        } else {
            pages.page(
                StatusCode::BAD_REQUEST,
                "install-slack-error-title",
                &[
                    pages.t("install-slack-error", &[("error", Arg::from(error))]),
                    again,
                ],
            )
        };
    }
    match (state, from_this_browser, checked) {
        (None, ..) => return bad_state("install-why-no-state"),
        (_, false, _) => return bad_state("install-why-other-browser"),
        (_, _, Some(StateCheck::Good)) => {}
        (_, _, Some(StateCheck::Expired)) => return bad_state("install-why-expired"),
        (_, _, Some(StateCheck::Used)) => return bad_state("install-why-used"),
        (_, _, Some(StateCheck::Unknown) | None) => return bad_state("install-why-unknown"),
    }
    let Some(code) = query.get("code").filter(|c| !c.is_empty()) else {
        return bad_state("install-why-no-code");
    };
    let grant = match install
        .slack
        .exchange(code, &install.settings.redirect_url())
        .await
    {
        Ok(grant) => grant,
        Err(OAuthError::Refused(why)) => {
            tracing::warn!(error = %why, "Slack refused an install's code");
            return pages.page(
                StatusCode::BAD_REQUEST,
                "install-refused-title",
                &[
                    pages.t("install-refused", &[("error", Arg::from(&why))]),
                    again,
                ],
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "exchanging an install's code failed");
            return pages.page(
                StatusCode::BAD_GATEWAY,
                "install-unreachable-title",
                &[pages.t("install-unreachable", &[]), again],
            );
        }
    };
    keep(&workspaces, install, grant, &pages, again).await
}

/// Keeps a granted install, or refuses it (revoking its new token).
async fn keep(
    workspaces: &Workspaces,
    install: &Install,
    grant: Grant,
    pages: &Pages<'_>,
    again: String,
) -> Response {
    let refuse = |status, title: &str, lines: Vec<String>| {
        let slack = install.slack.clone();
        let token = grant.access_token.clone();
        // The grant is not kept: its token goes too, so nothing is left installed.
        tokio::spawn(async move {
            if let Err(e) = slack.revoke(&token).await {
                tracing::warn!(
                    error = format!("{e:#}"),
                    "revoking a refused install's token failed"
                );
            }
        });
        pages.page(status, title, &lines)
    };
    let team = grant.team.clone().filter(|t| !t.id.is_empty());
    let (Some(team), Some(bot_user), false, true) = (
        team,
        grant.bot_user_id.clone(),
        grant.is_enterprise_install,
        grant.access_token.starts_with("xoxb-"),
    ) else {
        tracing::warn!(grant = ?grant, "refused an install that is not into one workspace with a bot token");
        return refuse(
            StatusCode::BAD_REQUEST,
            "install-not-one-workspace-title",
            vec![pages.t("install-not-one-workspace", &[]), again],
        );
    };
    let enterprise = grant
        .enterprise
        .as_ref()
        .map(|e| e.id.clone())
        .unwrap_or_default();
    let (bot_token, refresh_token) =
        workspaces
            .main()
            .slack()
            .tokens()
            .seal(&grant, &enterprise, &team.id);
    let new = NewInstallation {
        enterprise_id: enterprise.clone(),
        team_id: team.id.clone(),
        team_name: team.name.clone().unwrap_or_default(),
        app_id: grant.app_id.clone().unwrap_or_default(),
        bot_user_id: bot_user,
        scopes: grant.scope.clone(),
        installed_by: grant.authed_user.as_ref().map(|u| u.id.clone()),
        bot_token,
        refresh_token,
        expires_at: grant
            .expires_in
            .map(|s| Utc::now() + chrono::Duration::seconds(s)),
    };
    let installed = match workspaces.kit.registry.install(&new, Utc::now()).await {
        Ok(installed) => installed,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "could not keep an installation");
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "install-finish-failed-title",
                vec![pages.t("install-database", &[]), again],
            );
        }
    };
    // The workspace's own engine: the database's, or one opened on its own partition.
    let shared = if installed.data_apart {
        match workspaces.open(&team.id).await {
            Ok(super::workspaces::Opened::Apart(shared)) => shared,
            Ok(_) => workspaces.main().clone(),
            Err(e) => {
                // Kept: it is served once what failed is mended and Spotlight restarted.
                tracing::error!(team = %team.id, error = format!("{e:#}"), "could not open an installed workspace's data");
                return pages.page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "install-finish-failed-title",
                    &[pages.t("install-database", &[]), again],
                );
            }
        }
    } else {
        workspaces.main().clone()
    };
    if let Err(e) = shared.slack().tokens().reload().await {
        tracing::error!(
            error = format!("{e:#}"),
            "could not read the new installation back"
        );
    }
    if let Some(by) = &new.installed_by {
        if let Ok(by) = crate::domain::UserId::parse(by) {
            shared.app.add_admin(&by);
        }
    }
    tracing::info!(
        team = %team.id,
        enterprise = %enterprise,
        rotation = grant.refresh_token.is_some(),
        data_apart = installed.data_apart,
        first_time = installed.first_time,
        "installed in a workspace"
    );
    shared.wake_scheduler.notify_one();
    let name = team.name.unwrap_or(team.id);
    pages.page(
        StatusCode::OK,
        "install-done-title",
        &[
            pages.t("install-done", &[("workspace", Arg::from(&name))]),
            pages.t("install-done-next", &[]),
        ],
    )
}

/// `app_uninstalled` (`uninstalled`: true) or `tokens_revoked` naming the bot, for
/// workspace `team`: the tokens go, Spotlight stops calling Slack, and with
/// `SPOTLIGHT_ERASE_ON_UNINSTALL` an uninstall erases the workspace's data.
pub async fn tokens_gone(shared: &Shared, team: &str, uninstalled: bool) -> anyhow::Result<()> {
    let what = if uninstalled {
        "the app was uninstalled"
    } else {
        "the bot's tokens were revoked"
    };
    let Some(install) = &shared.install else {
        tracing::error!(team, "Slack says {what}: SLACK_BOT_TOKEN no longer works; install the app again and set the new token");
        return Ok(());
    };
    let registry = &shared.registry;
    let Some(row) = registry.installation_of(team).await? else {
        return Ok(());
    };
    if row.data_apart != shared.team.is_some() || shared.team.as_deref().is_some_and(|t| t != team)
    {
        tracing::warn!(team, served = ?shared.team, "Slack says {what} in another workspace; ignored");
        return Ok(());
    }
    let now = Utc::now();
    if registry
        .drop_tokens(&row.enterprise_id, &row.team_id, now)
        .await?
    {
        tracing::warn!(
            team,
            "Slack says {what}: its tokens are deleted and Spotlight no longer calls Slack"
        );
    }
    shared.slack().forget_workspace();
    shared.known.lock().await.clear();
    if uninstalled && install.settings.erase_on_uninstall {
        if row.data_apart {
            // Its engine is this one: the data goes once it has stopped.
            let _ = shared.gone.send(row.team_id.clone());
        } else {
            let rows = registry
                .erase_workspace(&row.enterprise_id, &row.team_id)
                .await?;
            tracing::warn!(
                team,
                rows,
                "erased the workspace's data (SPOTLIGHT_ERASE_ON_UNINSTALL)"
            );
        }
    }
    shared.slack().tokens().reload().await
}
