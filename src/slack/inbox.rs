//! Turning a recorded Slack request into engine events, and the App Home.
//!
//! Text from Slack arrives with `&`, `<` and `>` escaped; it is decoded here, so the
//! engine stores what the person typed. The bot's own messages are ignored.

use anyhow::Context;
use chrono::Utc;
use slack_morphism::prelude::*;

use super::blocks;
use super::transport::{ReplyContext, REPLY};
use super::{know_user, Shared};
use crate::app::{Inbound, Outgoing, Recipient};
use crate::domain::{mrkdwn, UserId};
use crate::store::InboxRow;

/// Carries out one recorded request.
pub async fn process(shared: &Shared, row: &InboxRow) -> anyhow::Result<()> {
    match row.kind.as_str() {
        "event" => {
            let cb: SlackPushEventCallback =
                serde_json::from_str(&row.body).context("a recorded event does not parse")?;
            event(shared, cb).await
        }
        "command" => {
            let cmd: SlackCommandEvent =
                serde_json::from_str(&row.body).context("a recorded command does not parse")?;
            command(shared, cmd).await
        }
        "interaction" => {
            let i: SlackInteractionEvent =
                serde_json::from_str(&row.body).context("a recorded interaction does not parse")?;
            interaction(shared, i).await
        }
        other => anyhow::bail!("unknown inbox kind {other:?}"),
    }
}

fn user_id(id: &SlackUserId) -> anyhow::Result<UserId> {
    UserId::parse(id.value()).map_err(|e| anyhow::anyhow!("Slack sent an odd user ID: {e}"))
}

async fn handle(shared: &Shared, inbound: Inbound, reply: ReplyContext) -> anyhow::Result<()> {
    REPLY
        .scope(reply, shared.app.handle(inbound, Utc::now()))
        .await
}

async fn event(shared: &Shared, cb: SlackPushEventCallback) -> anyhow::Result<()> {
    match cb.event {
        SlackEventCallbackBody::Message(m) => message(shared, m).await,
        SlackEventCallbackBody::AppHomeOpened(h) => {
            let user = user_id(&h.user)?;
            know_user(shared, &user).await?;
            publish_home(shared, &user).await
        }
        _ => Ok(()),
    }
}

async fn message(shared: &Shared, m: SlackMessageEvent) -> anyhow::Result<()> {
    let is_im = m
        .origin
        .channel_type
        .as_ref()
        .is_some_and(|t| t.value() == "im");
    if !is_im {
        return Ok(());
    }
    let channel = m
        .origin
        .channel
        .as_ref()
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let inbound = match &m.subtype {
        None => {
            if m.sender.bot_id.is_some() {
                return Ok(());
            }
            let Some(user) = &m.sender.user else {
                return Ok(());
            };
            if *user.value() == shared.bot_user {
                return Ok(());
            }
            let text = m
                .content
                .as_ref()
                .and_then(|c| c.text.clone())
                .unwrap_or_default();
            Inbound::Message {
                user: user_id(user)?,
                text: mrkdwn::unescape(&text),
                message_ref: Some(format!("{channel}:{}", m.origin.ts.value())),
            }
        }
        Some(SlackMessageEventType::MessageChanged) => {
            let Some(edited) = &m.message else {
                return Ok(());
            };
            if edited.sender.bot_id.is_some() {
                return Ok(());
            }
            let Some(user) = &edited.sender.user else {
                return Ok(());
            };
            if *user.value() == shared.bot_user {
                return Ok(());
            }
            let text = edited
                .content
                .as_ref()
                .and_then(|c| c.text.clone())
                .unwrap_or_default();
            Inbound::MessageEdited {
                user: user_id(user)?,
                message_ref: format!("{channel}:{}", edited.ts.value()),
                text: mrkdwn::unescape(&text),
            }
        }
        // Joins, deletions, bot messages and the like are not answers.
        Some(_) => return Ok(()),
    };
    let user = match &inbound {
        Inbound::Message { user, .. } | Inbound::MessageEdited { user, .. } => user.clone(),
        _ => unreachable!("built above"),
    };
    know_user(shared, &user).await?;
    handle(shared, inbound, ReplyContext::default()).await
}

async fn command(shared: &Shared, cmd: SlackCommandEvent) -> anyhow::Result<()> {
    let user = user_id(&cmd.user_id)?;
    know_user(shared, &user).await?;
    let text = cmd.text.clone().unwrap_or_default();
    // People mentioned in the command (a nominee) are looked up too, for their names.
    for word in text.split_whitespace().filter(|w| w.starts_with("<@")) {
        if let Ok(mentioned) = UserId::parse(word) {
            know_user(shared, &mentioned).await?;
        }
    }
    let reply = ReplyContext {
        response_url: Some(cmd.response_url.value().to_string()),
    };
    let inbound = Inbound::Command {
        user,
        text: mrkdwn::unescape(&text),
    };
    handle(shared, inbound, reply).await
}

async fn interaction(shared: &Shared, event: SlackInteractionEvent) -> anyhow::Result<()> {
    let SlackInteractionEvent::BlockActions(b) = event else {
        return Ok(());
    };
    let Some(user) = &b.user else { return Ok(()) };
    let user = user_id(&user.id)?;
    know_user(shared, &user).await?;
    let reply = ReplyContext {
        response_url: b.response_url.as_ref().map(|u| u.value().to_string()),
    };
    for action in b.actions.unwrap_or_default() {
        let inbound = Inbound::Button {
            user: user.clone(),
            action: blocks::action_name(action.action_id.value()).to_string(),
            value: action.value.unwrap_or_default(),
        };
        handle(shared, inbound, reply.clone()).await?;
    }
    if b.view.is_some() {
        publish_home(shared, &user).await?;
    }
    Ok(())
}

/// Shows `user` their App Home: the pipeline for admins, their own story for heroes.
pub async fn publish_home(shared: &Shared, user: &UserId) -> anyhow::Result<()> {
    let text = shared.app.home_text(user, Utc::now()).await?;
    let content = blocks::message_content(&Outgoing {
        to: Recipient::User(user.clone()),
        text,
        buttons: vec![],
        ephemeral: false,
        outbox_id: None,
    });
    let view = SlackView::Home(SlackHomeView::new(content.blocks.unwrap_or_default()));
    let transport = shared.app.transport();
    transport
        .client()
        .open_session(transport.token())
        .views_publish(&SlackApiViewsPublishRequest::new(
            user.as_str().into(),
            view,
        ))
        .await
        .context("views.publish failed")?;
    Ok(())
}
