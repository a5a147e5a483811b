//! Where every Slack call's bot token comes from (`Tokens`): the pasted
//! `SLACK_BOT_TOKEN` in single-workspace mode, or the installation's in OAuth mode.
//!
//! In OAuth mode the current token is kept in memory (reading it is a lock-free-ish read
//! of an `Arc`, never a query), opened from the database at start and after each change.
//! A rotating token is renewed when it has less than `refresh_ahead` left, by the call
//! that finds it so: one refresher at a time in the process (a lock), and across
//! processes a claim on the row's generation (`Store::claim_refresh`, which re-reads the
//! row in its transaction), so a refresh token, which works once, is never used twice.
//! The new pair is sealed before it is stored.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use super::oauth::{Grant, OAuthClient, OAuthError};
use crate::config::{OAuthSettings, Secret};
use crate::delivery::SendError;
use crate::sealed::TokenKey;
use crate::store::{InstallationRow, RefreshClaim, Store};

/// The refusal code of a call made while no token is usable.
#[doc(inline)]
pub use crate::domain::destination::NOT_INSTALLED;
/// How long a refresh claimed by another refresher is left to it before it is taken over.
const REFRESH_LEASE: chrono::Duration = chrono::Duration::seconds(30);
/// How often a refresher waiting on another's claim looks again, and for how long.
const BUSY_WAIT: Duration = Duration::from_millis(250);
const BUSY_TRIES: usize = 160;

/// The bot as one token lets it act.
#[derive(Debug)]
pub struct Bot {
    pub token: SlackApiToken,
    /// The bot's user id: its own messages are ignored.
    pub user: String,
    pub team: String,
    /// '' outside Enterprise Grid.
    pub enterprise: String,
    /// When the token expires (token rotation), else None.
    pub expires_at: Option<DateTime<Utc>>,
    /// The installation's generation of tokens this is (0 for a pasted token).
    pub generation: i64,
}

/// Whether Spotlight has a token to call Slack with.
#[derive(Clone)]
enum Current {
    Ready(Arc<Bot>),
    /// No workspace has it installed (never, or uninstalled, or its tokens revoked):
    /// waiting for an install. Why, for the logs and `/healthz`.
    NotInstalled(String),
    /// Installed, but its token can't be used until someone acts (the key does not
    /// open it, Slack refused to renew it). Why, and what to do.
    Broken(String),
}

/// What `/healthz` says of the token.
pub enum TokenHealth {
    Ready,
    /// Waiting for an install (not a fault: the workspace chose it).
    NotInstalled(String),
    /// Something a person must fix.
    Broken(String),
}

/// Where the bot token comes from; cheap to clone.
#[derive(Clone)]
pub struct Tokens {
    inner: Arc<Inner>,
}

struct Inner {
    current: std::sync::RwLock<Current>,
    /// Bumped at every change of `current`, for those waiting for a usable token.
    changed: tokio::sync::watch::Sender<u64>,
    rotation: Option<Rotation>,
}

/// OAuth mode's means: the store, the key, Slack's OAuth.
struct Rotation {
    store: Store,
    key: TokenKey,
    slack: OAuthClient,
    refresh_ahead: chrono::Duration,
    install_url: String,
    /// The workspace whose installation this is; None: the one whose data the database
    /// itself holds (the first installed).
    team: Option<String>,
    /// One refresher at a time in this process.
    refreshing: tokio::sync::Mutex<()>,
}

/// What a sealed token of `column` of the installation of (`enterprise`, `team`) is bound to.
fn context(column: &str, enterprise: &str, team: &str) -> String {
    format!("{column}:{enterprise}:{team}")
}

/// The error of a call made while no token is usable: a refusal Slack never saw.
fn no_token(why: &str) -> anyhow::Error {
    anyhow::Error::new(SendError::Rejected {
        code: NOT_INSTALLED.into(),
        fixable: true,
    })
    .context(why.to_string())
}

impl Tokens {
    fn with(current: Current, rotation: Option<Rotation>) -> Tokens {
        Tokens {
            inner: Arc::new(Inner {
                current: std::sync::RwLock::new(current),
                changed: tokio::sync::watch::Sender::new(0),
                rotation,
            }),
        }
    }

    /// A pasted token, for the bot `user` of `team` (as `auth.test` told).
    pub fn fixed(token: &Secret, user: &str, team: &str) -> Tokens {
        let bot = Bot {
            token: SlackApiToken::new(token.expose().into()),
            user: user.to_string(),
            team: team.to_string(),
            enterprise: String::new(),
            expires_at: None,
            generation: 0,
        };
        Tokens::with(Current::Ready(Arc::new(bot)), None)
    }

    /// A token that is what it is, with no bot identity (`spotlight poster` and the
    /// like, which only read).
    pub fn plain(token: &Secret) -> Tokens {
        Tokens::fixed(token, "", "")
    }

    /// OAuth mode: the installation's tokens, as the database holds them now (of the
    /// workspace whose data the database itself holds).
    pub async fn installed(
        store: Store,
        settings: &OAuthSettings,
        slack: OAuthClient,
    ) -> anyhow::Result<Tokens> {
        Tokens::installed_for(store, settings, slack, None).await
    }

    /// OAuth mode: workspace `team`'s tokens (None: those of the workspace whose data the
    /// database itself holds), as `store`, the database's own, holds them now.
    pub async fn installed_for(
        store: Store,
        settings: &OAuthSettings,
        slack: OAuthClient,
        team: Option<String>,
    ) -> anyhow::Result<Tokens> {
        let rotation = Rotation {
            store,
            key: settings.token_key.clone(),
            slack,
            refresh_ahead: chrono::Duration::from_std(settings.refresh_ahead)
                .unwrap_or(chrono::Duration::minutes(30)),
            install_url: format!("{}/slack/install", settings.public_url),
            team,
            refreshing: tokio::sync::Mutex::new(()),
        };
        let tokens = Tokens::with(Current::NotInstalled(String::new()), Some(rotation));
        tokens.reload().await?;
        Ok(tokens)
    }

    fn current(&self) -> Current {
        self.inner
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set(&self, current: Current) {
        match &current {
            Current::Ready(bot) => tracing::info!(
                team = %bot.team,
                generation = bot.generation,
                expires_at = ?bot.expires_at,
                "the bot token is ready"
            ),
            Current::NotInstalled(why) => tracing::warn!(reason = %why, "not calling Slack"),
            Current::Broken(why) => tracing::error!(reason = %why, "not calling Slack"),
        }
        *self
            .inner
            .current
            .write()
            .unwrap_or_else(|e| e.into_inner()) = current;
        self.inner.changed.send_modify(|n| *n += 1);
    }

    /// Whether the tokens come from an OAuth install.
    pub fn is_oauth(&self) -> bool {
        self.inner.rotation.is_some()
    }

    /// The workspace of the token in use, if there is one.
    pub fn team(&self) -> Option<String> {
        match self.current() {
            Current::Ready(bot) => Some(bot.team.clone()),
            _ => None,
        }
    }

    /// Whether `user` is the bot itself.
    pub fn is_bot(&self, user: &str) -> bool {
        matches!(self.current(), Current::Ready(bot) if bot.user == user)
    }

    /// Whether there is a token to call Slack with.
    pub fn is_ready(&self) -> bool {
        matches!(self.current(), Current::Ready(_))
    }

    pub fn health(&self) -> TokenHealth {
        match self.current() {
            Current::Ready(_) => TokenHealth::Ready,
            Current::NotInstalled(why) => TokenHealth::NotInstalled(why),
            Current::Broken(why) => TokenHealth::Broken(why),
        }
    }

    /// Waits until there is a token to call Slack with.
    pub async fn ready(&self) {
        let mut changes = self.inner.changed.subscribe();
        while !self.is_ready() {
            if changes.changed().await.is_err() {
                return;
            }
        }
    }

    /// The token to call Slack with now: the one in memory, renewed first if it is
    /// about to expire. Fails (as a refusal, `NOT_INSTALLED`) when there is none.
    pub async fn get(&self) -> anyhow::Result<Arc<Bot>> {
        let bot = match self.current() {
            Current::Ready(bot) => bot,
            Current::NotInstalled(why) | Current::Broken(why) => return Err(no_token(&why)),
        };
        let (Some(rotation), Some(expires_at)) = (&self.inner.rotation, bot.expires_at) else {
            return Ok(bot);
        };
        let now = Utc::now();
        if expires_at - now > rotation.refresh_ahead {
            return Ok(bot);
        }
        match self.refresh(bot.generation).await {
            Ok(fresh) => Ok(fresh),
            // Not renewed this time, but still good for a while: tried again next call.
            Err(e) if expires_at - Utc::now() > chrono::Duration::seconds(30) => {
                tracing::warn!(
                    error = format!("{e:#}"),
                    "renewing the bot token failed; the current one is still good"
                );
                Ok(bot)
            }
            Err(e) => Err(e),
        }
    }

    /// Renews the tokens of generation `seen`, unless that was done meanwhile; the
    /// current token after.
    async fn refresh(&self, seen: i64) -> anyhow::Result<Arc<Bot>> {
        let rotation = self
            .inner
            .rotation
            .as_ref()
            .expect("only OAuth tokens are refreshed");
        let _one = rotation.refreshing.lock().await;
        let bot = match self.current() {
            Current::Ready(bot) if bot.generation != seen => return Ok(bot),
            Current::Ready(bot) => bot,
            Current::NotInstalled(why) | Current::Broken(why) => return Err(no_token(&why)),
        };
        for _ in 0..BUSY_TRIES {
            let claim = rotation
                .store
                .claim_refresh(&bot.enterprise, &bot.team, seen, Utc::now(), REFRESH_LEASE)
                .await?;
            match claim {
                RefreshClaim::Claimed(sealed) => {
                    return self.renew(rotation, &bot, &sealed).await;
                }
                // Renewed (or reinstalled) by someone else: theirs is the current one.
                RefreshClaim::Moved(row) => {
                    self.adopt(&row)?;
                    return self.ready_bot();
                }
                RefreshClaim::Busy => tokio::time::sleep(BUSY_WAIT).await,
                RefreshClaim::Gone => {
                    self.reload().await?;
                    return self.ready_bot();
                }
            }
        }
        anyhow::bail!("another refresher has held the bot token's renewal for too long")
    }

    /// Uses the claimed refresh token and keeps what Slack grants.
    async fn renew(
        &self,
        rotation: &Rotation,
        bot: &Bot,
        sealed: &[u8],
    ) -> anyhow::Result<Arc<Bot>> {
        let store = &rotation.store;
        let (enterprise, team) = (bot.enterprise.as_str(), bot.team.as_str());
        let refresh_token = match rotation
            .key
            .open(sealed, &context("refresh_token", enterprise, team))
        {
            Ok(t) => t,
            Err(e) => {
                store
                    .release_refresh(enterprise, team, bot.generation)
                    .await?;
                self.set(Current::Broken(format!(
                    "{e}: set SPOTLIGHT_TOKEN_KEY back to the key the tokens were sealed with, or install the app again at {}",
                    rotation.install_url
                )));
                return Err(no_token("the refresh token does not open"));
            }
        };
        let grant = match rotation.slack.refresh(&refresh_token).await {
            Ok(grant) => grant,
            Err(OAuthError::Refused(code)) => {
                store
                    .release_refresh(enterprise, team, bot.generation)
                    .await?;
                self.set(Current::Broken(format!(
                    "Slack refused to renew the bot token ({code}): install the app again at {}",
                    rotation.install_url
                )));
                return Err(no_token(&format!(
                    "oauth.v2.access refused the refresh: {code}"
                )));
            }
            Err(e @ OAuthError::Failed(_)) => {
                store
                    .release_refresh(enterprise, team, bot.generation)
                    .await?;
                return Err(anyhow::Error::new(e).context("renewing the bot token"));
            }
        };
        let Some(next_refresh) = grant.refresh_token.as_deref() else {
            store
                .release_refresh(enterprise, team, bot.generation)
                .await?;
            anyhow::bail!("oauth.v2.access renewed the bot token without a refresh token");
        };
        let now = Utc::now();
        let expires_at = grant.expires_in.map(|s| now + chrono::Duration::seconds(s));
        let kept = store
            .finish_refresh(
                enterprise,
                team,
                bot.generation,
                &rotation
                    .key
                    .seal(&grant.access_token, &context("bot_token", enterprise, team)),
                &rotation
                    .key
                    .seal(next_refresh, &context("refresh_token", enterprise, team)),
                expires_at,
                now,
            )
            .await?;
        if !kept {
            // Uninstalled or reinstalled while Slack answered: the row says what holds.
            self.reload().await?;
            return self.ready_bot();
        }
        tracing::info!(team, expires_at = ?expires_at, "renewed the bot token");
        let fresh = Arc::new(Bot {
            token: grant_token(&grant, team),
            user: bot.user.clone(),
            team: team.to_string(),
            enterprise: enterprise.to_string(),
            expires_at,
            generation: bot.generation + 1,
        });
        self.set(Current::Ready(fresh.clone()));
        Ok(fresh)
    }

    fn ready_bot(&self) -> anyhow::Result<Arc<Bot>> {
        match self.current() {
            Current::Ready(bot) => Ok(bot),
            Current::NotInstalled(why) | Current::Broken(why) => Err(no_token(&why)),
        }
    }

    /// Reads the installation from the database again (at start, and whenever it may
    /// have changed under this process).
    pub async fn reload(&self) -> anyhow::Result<()> {
        let Some(rotation) = &self.inner.rotation else {
            return Ok(());
        };
        let row = match &rotation.team {
            None => rotation.store.installation().await?,
            Some(team) => rotation.store.installation_of(team).await?,
        };
        match row {
            Some(row) => self.adopt(&row),
            None => {
                self.set(Current::NotInstalled(format!(
                    "no workspace has installed Spotlight yet: install it at {}",
                    rotation.install_url
                )));
                Ok(())
            }
        }
    }

    /// Makes the installation `row` the current one (opening its tokens).
    pub fn adopt(&self, row: &InstallationRow) -> anyhow::Result<()> {
        let rotation = self
            .inner
            .rotation
            .as_ref()
            .expect("installations are OAuth mode's");
        let Some(sealed) = &row.bot_token else {
            let when = row
                .uninstalled_at
                .map(crate::app::fmt_time)
                .unwrap_or_default();
            self.set(Current::NotInstalled(format!(
                "Spotlight was uninstalled from workspace {} (or its tokens revoked) on {when}: install it again at {}",
                row.team_id, rotation.install_url
            )));
            return Ok(());
        };
        match rotation
            .key
            .open(sealed, &context("bot_token", &row.enterprise_id, &row.team_id))
        {
            Ok(token) => {
                let bot = Bot {
                    token: SlackApiToken::new(token.into())
                        .with_team_id(row.team_id.clone().into()),
                    user: row.bot_user_id.clone(),
                    team: row.team_id.clone(),
                    enterprise: row.enterprise_id.clone(),
                    expires_at: row.expires_at,
                    generation: row.generation,
                };
                self.set(Current::Ready(Arc::new(bot)));
            }
            Err(e) => self.set(Current::Broken(format!(
                "the bot token stored for workspace {}: {e}. Set SPOTLIGHT_TOKEN_KEY back to the key it was sealed with, or install the app again at {}",
                row.team_id, rotation.install_url
            ))),
        }
        Ok(())
    }

    /// Where a workspace installs Spotlight (OAuth mode).
    pub fn install_url(&self) -> Option<&str> {
        self.inner.rotation.as_ref().map(|r| r.install_url.as_str())
    }

    /// Looks at a Web API call's failure with `bot`'s token: `token_expired` (Slack ended
    /// the token before its time) has it renewed before the next call. Every call made
    /// with the bot's token passes its failures here.
    pub fn noticed(&self, bot: &Bot, e: &slack_morphism::errors::SlackClientError) {
        use slack_morphism::errors::SlackClientError;
        if matches!(e, SlackClientError::ApiError(api) if api.code == "token_expired") {
            self.expired(bot.generation);
        }
    }

    /// Slack answered `token_expired` to the token of `generation`: it is renewed at the
    /// next call, whatever its expiry said (OAuth mode; a pasted token stays as it is).
    pub fn expired(&self, generation: i64) {
        if self.inner.rotation.is_none() {
            return;
        }
        if let Current::Ready(bot) = self.current() {
            if bot.generation == generation && bot.expires_at.is_some() {
                tracing::warn!("Slack says the bot token expired before its time; renewing it");
                self.set(Current::Ready(Arc::new(Bot {
                    token: bot.token.clone(),
                    user: bot.user.clone(),
                    team: bot.team.clone(),
                    enterprise: bot.enterprise.clone(),
                    expires_at: Some(Utc::now()),
                    generation,
                })));
            }
        }
    }

    /// The tokens are gone (uninstalled, revoked): no more calls to Slack.
    pub fn dropped(&self, why: String) {
        self.set(Current::NotInstalled(why));
    }

    /// Seals a grant's tokens for the installation of (`enterprise`, `team`): the bot
    /// token and the refresh token, if any.
    pub fn seal(&self, grant: &Grant, enterprise: &str, team: &str) -> (Vec<u8>, Option<Vec<u8>>) {
        let key = &self
            .inner
            .rotation
            .as_ref()
            .expect("installations are OAuth mode's")
            .key;
        (
            key.seal(&grant.access_token, &context("bot_token", enterprise, team)),
            grant
                .refresh_token
                .as_ref()
                .map(|r| key.seal(r, &context("refresh_token", enterprise, team))),
        )
    }
}

/// The bot token of a grant, carrying its workspace.
fn grant_token(grant: &Grant, team: &str) -> SlackApiToken {
    SlackApiToken::new(grant.access_token.clone().into()).with_team_id(team.to_string().into())
}
