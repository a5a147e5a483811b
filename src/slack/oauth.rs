//! Slack's OAuth v2 methods, called with the app's client id and secret:
//! `oauth.v2.access` to exchange an install's code for the bot token, and to renew a
//! rotating one (`grant_type=refresh_token`), and `auth.revoke`.
//!
//! slack-morphism's `oauth2_access` takes only a code, and its answer has no
//! `refresh_token`, `expires_in`, `enterprise` or `is_enterprise_install`; these calls are
//! made here, over the same Web API address (`SLACK_API_URL`), with the client's
//! credentials in HTTP Basic auth as Slack recommends.

use std::time::Duration;

use anyhow::Context;
use serde::Deserialize;

use crate::config::Secret;

/// How long an OAuth call may take.
const OAUTH_TIMEOUT: Duration = Duration::from_secs(10);

/// The app's side of Slack's OAuth.
#[derive(Clone)]
pub struct OAuthClient {
    http: reqwest::Client,
    api_url: String,
    client_id: String,
    client_secret: Secret,
}

/// What `oauth.v2.access` grants: a bot token (and, with token rotation, the refresh
/// token and how long the bot token lasts).
#[derive(Clone, Deserialize)]
pub struct Grant {
    pub access_token: String,
    #[serde(default)]
    pub token_type: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub bot_user_id: Option<String>,
    #[serde(default)]
    pub app_id: Option<String>,
    #[serde(default)]
    pub team: Option<Named>,
    #[serde(default)]
    pub enterprise: Option<Named>,
    #[serde(default)]
    pub is_enterprise_install: bool,
    #[serde(default)]
    pub authed_user: Option<AuthedUser>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Seconds the bot token lasts (token rotation).
    #[serde(default)]
    pub expires_in: Option<i64>,
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grant")
            .field("token_type", &self.token_type)
            .field("team", &self.team)
            .field("enterprise", &self.enterprise)
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// A workspace or an organisation, as the grant names it.
#[derive(Debug, Clone, Deserialize)]
pub struct Named {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// Who installed the app.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthedUser {
    pub id: String,
}

/// Why an OAuth call did not grant anything.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// Slack answered with this error code (`invalid_code`, `invalid_refresh_token`…).
    #[error("Slack refused: {0}")]
    Refused(String),
    /// No usable answer (the network, a timeout, a 5xx): the outcome is unknown.
    #[error("no clear answer from Slack: {0:#}")]
    Failed(anyhow::Error),
}

#[derive(Deserialize)]
struct Answer {
    ok: bool,
    #[serde(default)]
    error: Option<String>,
}

impl OAuthClient {
    pub fn new(api_url: &str, client_id: &str, client_secret: &Secret) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(OAUTH_TIMEOUT)
            .build()
            .context("failed to set up the HTTP client for Slack's OAuth")?;
        Ok(OAuthClient {
            http,
            api_url: api_url.trim_end_matches('/').to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.clone(),
        })
    }

    /// Exchanges an install's `code` for the bot token (`redirect_uri` as sent to
    /// Slack's authorize page).
    pub async fn exchange(&self, code: &str, redirect_uri: &str) -> Result<Grant, OAuthError> {
        self.access(&[("code", code), ("redirect_uri", redirect_uri)])
            .await
    }

    /// Renews a rotating bot token with its refresh token (which then no longer works).
    pub async fn refresh(&self, refresh_token: &str) -> Result<Grant, OAuthError> {
        self.access(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await
    }

    async fn access(&self, form: &[(&str, &str)]) -> Result<Grant, OAuthError> {
        let body = self
            .call("oauth.v2.access", form, None)
            .await
            .map_err(OAuthError::Failed)?;
        let answer: Answer = serde_json::from_str(&body)
            .map_err(|e| OAuthError::Failed(anyhow::anyhow!("oauth.v2.access: {e}")))?;
        if !answer.ok {
            return Err(OAuthError::Refused(
                answer.error.unwrap_or_else(|| "unknown_error".into()),
            ));
        }
        serde_json::from_str(&body).map_err(|e| {
            OAuthError::Failed(anyhow::anyhow!(
                "oauth.v2.access answered in an unexpected shape: {e}"
            ))
        })
    }

    /// Revokes `token` (`auth.revoke`), for a grant Spotlight will not keep.
    pub async fn revoke(&self, token: &str) -> anyhow::Result<()> {
        let body = self.call("auth.revoke", &[], Some(token)).await?;
        let answer: Answer = serde_json::from_str(&body).context("auth.revoke")?;
        match (answer.ok, answer.error) {
            (true, _) => Ok(()),
            (false, e) => anyhow::bail!("auth.revoke: {}", e.unwrap_or_default()),
        }
    }

    /// POSTs a form to `method`, authenticated with the client's credentials or, given
    /// one, a token; the answer's body.
    async fn call(
        &self,
        method: &str,
        form: &[(&str, &str)],
        token: Option<&str>,
    ) -> anyhow::Result<String> {
        let req = self
            .http
            .post(format!("{}/{method}", self.api_url))
            .form(form);
        let req = match token {
            Some(token) => req.bearer_auth(token),
            None => req.basic_auth(&self.client_id, Some(self.client_secret.expose())),
        };
        let resp = req
            .send()
            .await
            .with_context(|| format!("{method}: no answer"))?;
        let status = resp.status();
        let body = resp
            .text()
            .await
            .with_context(|| format!("{method}: the answer was cut off"))?;
        if !status.is_success() {
            anyhow::bail!("{method}: HTTP {status}");
        }
        Ok(body)
    }
}
