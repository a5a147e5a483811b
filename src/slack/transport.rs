//! Sending Spotlight's messages through Slack's Web API.
//!
//! DMs go to the conversation `conversations.open` returns (cached); replies to a slash
//! command or a button go to its `response_url`, so only that person sees them; story
//! posts carry message metadata naming their outbox row. User text is never given
//! `link_names` or `parse`, and links never unfurl. `SlackTransport` is the Slack side
//! of the delivery port: `Transport` for messages to people, `Publish` for story posts
//! to channels.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use super::blocks;
use super::tokens::{Bot, Tokens};
use crate::config::Secret;
use crate::delivery::{Delivery, ForOutbox, Outgoing, Publish, Recipient, SendError, Transport};
use crate::domain::destination::{DestinationRef, Fix};
use crate::domain::ChannelId;

/// How long a Web API call may take before its outcome counts as unknown.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// Slack allows about one message per second per channel; story posts keep to that.
pub const POST_INTERVAL: Duration = Duration::from_secs(1);

/// Refusals an admin can fix: the destination waits for them instead of failing.
const FIXABLE: &[&str] = &[
    "not_in_channel",
    "channel_not_found",
    "is_archived",
    "invalid_auth",
    "not_authed",
    "token_revoked",
    "token_expired",
    "account_inactive",
    "restricted_action",
    "ekm_access_denied",
];

/// What an admin should do about a refusal of a post in `channel` they can fix (in the
/// shipped English; `Fix::slack` gives it for any language), or None if it is not
/// theirs to fix.
pub fn fix_for(code: &str, channel: &str) -> Option<String> {
    Fix::slack(code, channel).map(|f| f.to_string())
}

/// Slack's errors that leave it unknown whether a post landed: like a timeout, they are
/// "in doubt", never refusals.
const IN_DOUBT: &[&str] = &[
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
];

/// A `response_url` takes at most this many messages …
pub const REPLY_URL_USES: u32 = 5;
/// … within this long of the command or click; replies past either go by DM.
pub const REPLY_URL_LIFETIME: chrono::Duration = chrono::Duration::minutes(30);
/// How long a reply through a `response_url` may take before it is sent by DM instead.
pub const REPLY_URL_TIMEOUT: Duration = Duration::from_secs(5);

/// How often a call Slack answered with 429 is tried again (after its `Retry-After`).
pub const RATE_LIMIT_RETRIES: usize = 3;
/// The longest `Retry-After` honoured before giving up on a call.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// How long to wait after a 429 before trying again, or None to give up.
fn retry_wait(e: &SlackClientError, tries: usize) -> Option<Duration> {
    match e {
        SlackClientError::RateLimitError(rl) if tries < RATE_LIMIT_RETRIES => {
            let wait = rl.retry_after.unwrap_or(Duration::from_secs(1));
            (wait <= MAX_RETRY_AFTER).then_some(wait)
        }
        _ => None,
    }
}

/// The error a call that got no answer within `CALL_TIMEOUT` fails with.
fn timed_out(what: &str) -> SlackClientError {
    SlackClientError::SystemError(
        slack_morphism::errors::SlackClientSystemError::new().with_message(format!(
            "{what}: no answer within {}s",
            CALL_TIMEOUT.as_secs()
        )),
    )
}

/// Runs a Web API call, each attempt under `CALL_TIMEOUT`, trying it again after
/// `Retry-After` when Slack answers 429 (a 429 means it was not taken). Other failures
/// come back at once: a post that timed out may have landed and must not be resent
/// blindly.
pub async fn with_retries<T, F, Fut>(mut call: F) -> ClientResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ClientResult<T>>,
{
    let mut tries = 0;
    loop {
        let attempt = match tokio::time::timeout(CALL_TIMEOUT, call()).await {
            Ok(r) => r,
            Err(_) => Err(timed_out("a Web API call")),
        };
        match attempt {
            Err(e) => match retry_wait(&e, tries) {
                Some(wait) => {
                    tries += 1;
                    tracing::info!(?wait, "Slack asked to slow down; trying again");
                    tokio::time::sleep(wait).await;
                }
                None => return Err(e),
            },
            ok => return ok,
        }
    }
}

/// Sorts a Web API failure: a refusal (certainly not posted) or no clear answer.
pub(super) fn classify(e: &SlackClientError) -> SendError {
    match e {
        SlackClientError::ApiError(api) if IN_DOUBT.contains(&api.code.as_str()) => {
            SendError::Uncertain(api.code.clone())
        }
        SlackClientError::ApiError(api) => SendError::Rejected {
            code: api.code.clone(),
            fixable: FIXABLE.contains(&api.code.as_str()),
        },
        // Still rate limited after the client's own retries: Slack did not take it.
        SlackClientError::RateLimitError(_) => SendError::Rejected {
            code: "ratelimited".to_string(),
            fixable: false,
        },
        other => SendError::Uncertain(other.to_string()),
    }
}

/// The Slack side of `Transport`.
pub struct SlackTransport {
    client: Arc<SlackHyperClient>,
    /// Where each call's bot token comes from (pasted, or the OAuth install's).
    tokens: Tokens,
    dm_channels: Mutex<HashMap<String, SlackChannelId>>,
    /// When each channel may next take a story post.
    next_post: tokio::sync::Mutex<HashMap<String, tokio::time::Instant>>,
    /// How many messages each `response_url` has taken.
    reply_uses: Mutex<HashMap<String, u32>>,
}

impl SlackTransport {
    /// What conversations.info says of a channel, with its member count.
    async fn channel_info(&self, channel: &ChannelId) -> anyhow::Result<SlackChannelInfo> {
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let info = tokio::time::timeout(
            CALL_TIMEOUT,
            session.conversations_info(
                &SlackApiConversationsInfoRequest::new(channel.as_str().into())
                    .with_include_num_members(true),
            ),
        )
        .await
        .context("conversations.info timed out")?
        .inspect_err(|e| self.noticed(&bot, e))
        .context("conversations.info failed")?;
        Ok(info.channel)
    }

    /// A transport calling with `bot_token` as it is.
    pub fn new(client: Arc<SlackHyperClient>, bot_token: &Secret) -> SlackTransport {
        SlackTransport::with_tokens(client, Tokens::plain(bot_token))
    }

    /// A transport calling with the token `tokens` gives at each call.
    pub fn with_tokens(client: Arc<SlackHyperClient>, tokens: Tokens) -> SlackTransport {
        SlackTransport {
            client,
            tokens,
            dm_channels: Mutex::new(HashMap::new()),
            next_post: tokio::sync::Mutex::new(HashMap::new()),
            reply_uses: Mutex::new(HashMap::new()),
        }
    }

    pub fn client(&self) -> &Arc<SlackHyperClient> {
        &self.client
    }

    /// Where the bot token comes from.
    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// The bot token to call Slack with now (see `Tokens::get`).
    pub async fn bot(&self) -> anyhow::Result<Arc<Bot>> {
        self.tokens.get().await
    }

    /// Forgets what was remembered of the workspace (its DM conversations), once it
    /// uninstalled the app.
    pub fn forget_workspace(&self) {
        self.dm_channels.lock().expect("dm cache lock").clear();
    }

    /// Tells the token source what a refusal says of the token: one Slack says expired
    /// before its time is renewed at the next call.
    /// Looks at a Web API call's failure with `bot`'s token (`Tokens::noticed`).
    pub(crate) fn noticed(&self, bot: &Bot, e: &SlackClientError) {
        self.tokens.noticed(bot, e);
    }

    /// The DM conversation with `user`, opened once and remembered.
    pub(super) async fn dm_channel(&self, user: &str) -> anyhow::Result<SlackChannelId> {
        if let Some(c) = self.dm_channels.lock().expect("dm cache lock").get(user) {
            return Ok(c.clone());
        }
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let req = SlackApiConversationsOpenRequest::new().with_users(vec![user.into()]);
        let resp = with_retries(|| session.conversations_open(&req))
            .await
            .inspect_err(|e| self.noticed(&bot, e))
            .with_context(|| format!("failed to open a DM with {user}"))?;
        let channel = resp.channel.id;
        self.dm_channels
            .lock()
            .expect("dm cache lock")
            .insert(user.to_string(), channel.clone());
        Ok(channel)
    }

    /// Waits for `channel`'s turn, so a backlog drains at Slack's pace, not in a burst.
    async fn pace(&self, channel: &str) {
        let wait_until = {
            let mut next = self.next_post.lock().await;
            let now = tokio::time::Instant::now();
            let slot = next.get(channel).copied().unwrap_or(now).max(now);
            next.insert(channel.to_string(), slot + POST_INTERVAL);
            slot
        };
        tokio::time::sleep_until(wait_until).await;
    }

    async fn post(&self, channel: SlackChannelId, msg: &Outgoing) -> anyhow::Result<String> {
        self.post_contents(channel, msg, blocks::message_contents(msg))
            .await
    }

    /// Posts `contents`, the parts of `msg`, in order (the rest in the first's thread).
    async fn post_contents(
        &self,
        channel: SlackChannelId,
        msg: &Outgoing,
        contents: Vec<SlackMessageContent>,
    ) -> anyhow::Result<String> {
        if msg.outbox_id.is_some() {
            self.pace(channel.value()).await;
        }
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let mut first_ts = None;
        // Story posts carry their outbox row in message metadata (added by `blocks`).
        for content in contents {
            let mut req = SlackApiChatPostMessageRequest::new(channel.clone(), content)
                .with_unfurl_links(false)
                .with_unfurl_media(false);
            if let Some(ts) = &first_ts {
                // The rest of a long message follows in its thread, so it reads as one.
                req = req.with_thread_ts(SlackTs::new(ts_string(ts)));
            }
            let mut tries = 0;
            let resp = loop {
                // The timeout covers each attempt, not the waits Slack asks for.
                match tokio::time::timeout(CALL_TIMEOUT, session.chat_post_message(&req)).await {
                    Ok(Ok(resp)) => break resp,
                    Ok(Err(e)) => {
                        if let Some(wait) = retry_wait(&e, tries) {
                            tries += 1;
                            tokio::time::sleep(wait).await;
                            continue;
                        }
                        self.noticed(&bot, &e);
                        let kind = classify(&e);
                        return Err(anyhow::Error::new(kind)
                            .context(format!("chat.postMessage to {channel}: {e}")));
                    }
                    Err(_) => {
                        let kind = SendError::Uncertain(format!(
                            "no answer within {}s",
                            CALL_TIMEOUT.as_secs()
                        ));
                        return Err(anyhow::Error::new(kind)
                            .context(format!("chat.postMessage to {channel}")));
                    }
                }
            };
            first_ts.get_or_insert(resp.ts);
        }
        let ts = first_ts.context("a message rendered to nothing")?;
        Ok(format!("{}:{}", channel, ts_string(&ts)))
    }
}

fn ts_string(ts: &SlackTs) -> String {
    ts.value().to_string()
}

impl SlackTransport {
    /// Delivers a message from the outbox: a reply through its `response_url` while that
    /// still takes messages (five, within 30 minutes of `decided_at`'s request, and only
    /// if it answers in time), else, like any other message to a person, by DM.
    #[tracing::instrument(skip_all, fields(to = %message.recipient.as_str()))]
    pub async fn deliver(
        &self,
        message: &ForOutbox,
        decided_at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let msg = message.outgoing();
        // A reply too long for one message goes in parts, each one of the url's uses;
        // nothing is cut short.
        let mut parts = blocks::message_contents(&msg);
        if let (true, Some(url)) = (msg.ephemeral, &message.message.reply_url) {
            let fresh = Utc::now() - decided_at < REPLY_URL_LIFETIME;
            if fresh && self.take_reply_uses(url, parts.len()) {
                let mut sent = 0;
                for part in &parts {
                    match self.reply(url, part.clone()).await {
                        Ok(()) => sent += 1,
                        Err(e) => {
                            tracing::info!(
                                error = format!("{e:#}"),
                                "a reply through the response_url failed; sending the rest by DM"
                            );
                            break;
                        }
                    }
                }
                if sent == parts.len() {
                    return Ok(());
                }
                parts.drain(..sent);
            }
        }
        let Recipient::User(u) = &msg.to else {
            unreachable!("outbox messages go to people")
        };
        let channel = self.dm_channel(u.as_str()).await?;
        self.post_contents(channel, &msg, parts).await.map(|_| ())
    }

    /// Counts `n` uses of `url`; false, counting none, when it has fewer than `n` of its
    /// five messages left.
    fn take_reply_uses(&self, url: &str, n: usize) -> bool {
        let mut uses = self.reply_uses.lock().expect("reply use lock");
        if uses.len() > 50_000 {
            // Old URLs have expired; forget them rather than grow for ever.
            uses.retain(|_, n| *n < REPLY_URL_USES);
        }
        let used = uses.entry(url.to_string()).or_insert(0);
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        if used.saturating_add(n) > REPLY_URL_USES {
            return false;
        }
        *used += n;
        true
    }

    async fn reply(&self, url: &str, content: SlackMessageContent) -> anyhow::Result<()> {
        let url: url::Url = url
            .parse()
            .context("a response_url from Slack is not a URL")?;
        let req = SlackApiPostWebhookMessageRequest::new(content);
        tokio::time::timeout(
            REPLY_URL_TIMEOUT,
            self.client
                .respond_to_event(&SlackResponseUrl::new(url), &req),
        )
        .await
        .context("the response_url did not answer in time")?
        .context("replying through the response_url failed")?;
        Ok(())
    }
}

impl Transport for SlackTransport {
    #[tracing::instrument(skip_all)]
    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        let channel = match &msg.to {
            Recipient::Channel(c) => SlackChannelId::new(c.as_str().into()),
            Recipient::User(u) => self.dm_channel(u.as_str()).await?,
        };
        self.post(channel, &msg).await
    }

    /// A Slack file's bytes (files.info, then the download with the bot token); a file
    /// Slack won't give is None, with the reason logged.
    async fn read_file(&self, file_id: &str) -> anyhow::Result<Option<Vec<u8>>> {
        match super::files::read_file(&self.client, &self.bot().await?.token, file_id).await? {
            Ok(bytes) => Ok(Some(bytes)),
            Err(why) => {
                tracing::warn!(file = file_id, why = ?why, "could not read a picture");
                Ok(None)
            }
        }
    }
}

/// Slack channels as one kind of destination behind the delivery port.
impl Publish for SlackTransport {
    /// A channel's name is kept for documents read outside Slack; not learning it (the
    /// bot is not in a private channel yet) is no reason to refuse the channel.
    async fn check(&self, to: &DestinationRef) -> anyhow::Result<Option<String>> {
        match self
            .channel_info(&ChannelId::from_trusted(&to.target))
            .await
        {
            Ok(info) => Ok(info.name),
            Err(e) => {
                tracing::info!(channel = %to.target, error = format!("{e:#}"), "channel name unknown");
                Ok(None)
            }
        }
    }

    /// Posts the story, paced per channel, with its outbox row in the message metadata
    /// and the pictures its hero chose under it: Slack's files by id (the bot can read
    /// them, as they were sent to it), with their alt text.
    #[tracing::instrument(skip_all, fields(channel = %story.target))]
    async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
        let msg = story.post()?;
        let channel = SlackChannelId::new(story.target.clone());
        if story.pictures.is_empty() {
            return self.post(channel, &msg).await;
        }
        let mut contents = blocks::message_contents(&msg);
        if let Some(last) = contents.last_mut() {
            blocks::add_pictures(last, &story.pictures);
        }
        self.post_contents(channel, &msg, contents).await
    }

    async fn find(&self, story: &Delivery, since: DateTime<Utc>) -> anyhow::Result<Option<String>> {
        self.find_post(&story.channel()?, story.outbox_id, since)
            .await
    }

    fn fix_for(&self, to: &DestinationRef, code: &str, _explanation: &str) -> Option<String> {
        self.fix(to, code).map(|f| f.to_string())
    }

    fn fix(&self, to: &DestinationRef, code: &str) -> Option<Fix> {
        match (self.tokens.install_url(), code) {
            // Installed through OAuth: there is no SLACK_BOT_TOKEN to update.
            (Some(url), "invalid_auth" | "not_authed" | "token_revoked" | "account_inactive") => {
                Some(Fix::SlackInstalledToken {
                    url: url.to_string(),
                })
            }
            _ => Fix::slack(code, &to.target),
        }
    }

    /// Deletes the story post (`chat.delete`); one already gone (`message_not_found`)
    /// counts as deleted.
    #[tracing::instrument(skip_all, fields(channel = %to.target))]
    async fn retract(&self, to: &DestinationRef, message_ref: &str) -> anyhow::Result<()> {
        let Some((channel, ts)) = message_ref.split_once(':') else {
            return Err(anyhow::Error::new(SendError::Rejected {
                code: "message_not_found".into(),
                fixable: false,
            })
            .context(format!(
                "\"{message_ref}\" names no Slack message: it cannot be deleted"
            )));
        };
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let req = SlackApiChatDeleteRequest::new(channel.into(), SlackTs::new(ts.into()));
        match with_retries(|| session.chat_delete(&req))
            .await
            .inspect_err(|e| self.noticed(&bot, e))
        {
            Ok(_) => Ok(()),
            Err(SlackClientError::ApiError(api)) if api.code == "message_not_found" => {
                tracing::info!("the story post was already gone");
                Ok(())
            }
            Err(e) => {
                let kind = classify(&e);
                Err(anyhow::Error::new(kind).context(format!("chat.delete in {channel}: {e}")))
            }
        }
    }

    /// The channel's member count (conversations.info).
    async fn reach(&self, to: &DestinationRef) -> anyhow::Result<Option<u64>> {
        Ok(self
            .channel_info(&ChannelId::from_trusted(&to.target))
            .await?
            .num_members)
    }

    /// The post's address as Slack gives it (chat.getPermalink).
    async fn permalink(
        &self,
        _to: &DestinationRef,
        message_ref: &str,
    ) -> anyhow::Result<Option<String>> {
        let Some((channel, ts)) = message_ref.split_once(':') else {
            return Ok(None);
        };
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let req = SlackApiChatGetPermalinkRequest::new(channel.into(), SlackTs::new(ts.into()));
        match with_retries(|| session.chat_get_permalink(&req))
            .await
            .inspect_err(|e| self.noticed(&bot, e))
        {
            Ok(resp) => Ok(Some(resp.permalink.to_string())),
            Err(e) => Err(anyhow::Error::new(classify(&e))
                .context(format!("chat.getPermalink of {message_ref} failed"))),
        }
    }

    async fn engagement(
        &self,
        _to: &DestinationRef,
        message_ref: &str,
    ) -> anyhow::Result<Option<Vec<(String, String, String)>>> {
        SlackTransport::engagement(self, message_ref).await
    }
}

impl SlackTransport {
    /// Reactions (reactions.get) and thread replies (conversations.replies) of a post.
    pub async fn engagement(
        &self,
        message_ref: &str,
    ) -> anyhow::Result<Option<Vec<(String, String, String)>>> {
        let Some((channel, ts)) = message_ref.split_once(':') else {
            return Ok(None);
        };
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let mut items = Vec::new();
        let reactions = tokio::time::timeout(
            CALL_TIMEOUT,
            session.reactions_get(
                &SlackApiReactionsGetRequest::new()
                    .with_channel(channel.into())
                    .with_timestamp(SlackTs::new(ts.into()))
                    .with_full(true),
            ),
        )
        .await
        .context("reactions.get timed out")?
        .inspect_err(|e| self.noticed(&bot, e))
        .context("reactions.get failed")?;
        if let SlackApiReactionsGetResponse::Message(m) = reactions {
            for r in m.message.content.reactions.unwrap_or_default() {
                for u in r.users {
                    items.push(("reaction".to_string(), u.to_string(), r.name.to_string()));
                }
            }
        }
        let replies = tokio::time::timeout(
            CALL_TIMEOUT,
            session.conversations_replies(&SlackApiConversationsRepliesRequest::new(
                channel.into(),
                SlackTs::new(ts.into()),
            )),
        )
        .await
        .context("conversations.replies timed out")?
        .inspect_err(|e| self.noticed(&bot, e))
        .context("conversations.replies failed")?;
        for m in replies.messages {
            if m.origin.ts.value() == ts || m.sender.bot_id.is_some() {
                continue;
            }
            if let Some(u) = m.sender.user {
                items.push((
                    "reply".to_string(),
                    u.to_string(),
                    format!("{channel}:{}", m.origin.ts.value()),
                ));
            }
        }
        Ok(Some(items))
    }

    /// Pages through the channel's history since `since` (a minute of slack for clock
    /// skew) looking for the post's metadata.
    async fn find_post(
        &self,
        channel: &ChannelId,
        outbox_id: i64,
        since: DateTime<Utc>,
    ) -> anyhow::Result<Option<String>> {
        let bot = self.bot().await?;
        let session = self.client.open_session(&bot.token);
        let oldest = (since - chrono::Duration::seconds(60)).timestamp().max(0);
        let wanted = outbox_id.to_string();
        let mut cursor: Option<SlackCursorId> = None;
        for _ in 0..20 {
            let mut req = SlackApiConversationsHistoryRequest::new()
                .with_channel(channel.as_str().into())
                .with_oldest(SlackTs::new(format!("{oldest}.000000")))
                .with_include_all_metadata(true)
                .with_limit(200);
            if let Some(c) = cursor.take() {
                req = req.with_cursor(c);
            }
            let resp = tokio::time::timeout(CALL_TIMEOUT, session.conversations_history(&req))
                .await
                .context("conversations.history timed out")?
                .inspect_err(|e| self.noticed(&bot, e))
                .with_context(|| format!("conversations.history of {channel} failed"))?;
            for m in &resp.messages {
                let Some(meta) = &m.content.metadata else {
                    continue;
                };
                let matches = meta.event_type == blocks::STORY_EVENT_TYPE
                    && meta
                        .event_payload
                        .as_ref()
                        .and_then(|p| p.get("outbox_id"))
                        .is_some_and(|v| *v == wanted);
                if matches {
                    return Ok(Some(format!(
                        "{}:{}",
                        channel.as_str(),
                        m.origin.ts.value()
                    )));
                }
            }
            cursor = resp
                .response_metadata
                .and_then(|r| r.next_cursor)
                .filter(|c| !c.value().is_empty());
            if cursor.is_none() {
                break;
            }
        }
        Ok(None)
    }
}
