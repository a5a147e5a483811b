//! Sending Spotlight's messages through Slack's Web API.
//!
//! DMs go to the conversation `conversations.open` returns (cached); replies to a slash
//! command or a button go to its `response_url`, so only that person sees them; story
//! posts carry message metadata naming their outbox row. User text is never given
//! `link_names` or `parse`, and links never unfurl.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use slack_morphism::prelude::*;

use super::blocks;
use crate::app::{Outgoing, Recipient, Transport};
use crate::config::Secret;

/// Where a reply to the request being processed should go.
#[derive(Debug, Clone, Default)]
pub struct ReplyContext {
    pub response_url: Option<String>,
}

tokio::task_local! {
    /// Set by the inbox around each request, read by the transport.
    pub static REPLY: ReplyContext;
}

/// The Slack side of `Transport`.
pub struct SlackTransport {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    dm_channels: Mutex<HashMap<String, SlackChannelId>>,
}

impl SlackTransport {
    pub fn new(client: Arc<SlackHyperClient>, bot_token: &Secret) -> SlackTransport {
        SlackTransport {
            client,
            token: SlackApiToken::new(bot_token.expose().into()),
            dm_channels: Mutex::new(HashMap::new()),
        }
    }

    pub fn client(&self) -> &Arc<SlackHyperClient> {
        &self.client
    }

    pub fn token(&self) -> &SlackApiToken {
        &self.token
    }

    /// The DM conversation with `user`, opened once and remembered.
    async fn dm_channel(&self, user: &str) -> anyhow::Result<SlackChannelId> {
        if let Some(c) = self.dm_channels.lock().expect("dm cache lock").get(user) {
            return Ok(c.clone());
        }
        let session = self.client.open_session(&self.token);
        let resp = session
            .conversations_open(
                &SlackApiConversationsOpenRequest::new().with_users(vec![user.into()]),
            )
            .await
            .with_context(|| format!("failed to open a DM with {user}"))?;
        let channel = resp.channel.id;
        self.dm_channels
            .lock()
            .expect("dm cache lock")
            .insert(user.to_string(), channel.clone());
        Ok(channel)
    }

    async fn post(&self, channel: SlackChannelId, msg: &Outgoing) -> anyhow::Result<String> {
        let session = self.client.open_session(&self.token);
        let mut first_ts = None;
        // Story posts carry their outbox row in message metadata (added by `blocks`).
        for content in blocks::message_contents(msg) {
            let mut req = SlackApiChatPostMessageRequest::new(channel.clone(), content)
                .with_unfurl_links(false)
                .with_unfurl_media(false);
            if let Some(ts) = &first_ts {
                // The rest of a long message follows in its thread, so it reads as one.
                req = req.with_thread_ts(SlackTs::new(ts_string(ts)));
            }
            let resp = session
                .chat_post_message(&req)
                .await
                .with_context(|| format!("chat.postMessage to {channel} failed"))?;
            first_ts.get_or_insert(resp.ts);
        }
        let ts = first_ts.context("a message rendered to nothing")?;
        Ok(format!("{}:{}", channel, ts_string(&ts)))
    }
}

fn ts_string(ts: &SlackTs) -> String {
    ts.value().to_string()
}

impl Transport for SlackTransport {
    #[tracing::instrument(skip_all)]
    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        match &msg.to {
            Recipient::Channel(c) => {
                self.post(SlackChannelId::new(c.as_str().into()), &msg)
                    .await
            }
            Recipient::User(u) => {
                let response_url = REPLY.try_with(|r| r.response_url.clone()).ok().flatten();
                if let (true, Some(url)) = (msg.ephemeral, response_url) {
                    let url: url::Url = url
                        .parse()
                        .context("a response_url from Slack is not a URL")?;
                    let req = SlackApiPostWebhookMessageRequest::new(blocks::message_content(&msg));
                    self.client
                        .respond_to_event(&SlackResponseUrl::new(url), &req)
                        .await
                        .context("replying through the response_url failed")?;
                    return Ok("ephemeral".to_string());
                }
                let channel = self.dm_channel(u.as_str()).await?;
                self.post(channel, &msg).await
            }
        }
    }
}
