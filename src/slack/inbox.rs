//! Turning a recorded Slack request into engine events, and the App Home.
//!
//! Text from Slack arrives with `&`, `<` and `>` escaped; it is decoded here, so the
//! engine stores what the person typed. The bot's own messages are ignored. A usage
//! export in an admin's direct message is imported by `files` before the engine sees
//! anything; pictures sent with an answer are kept by reference (`answer_pictures`) and
//! the answer is the message's text.

use anyhow::Context;
use chrono::Utc;
use slack_morphism::prelude::*;

use super::{blocks, files};
use super::{know_user_briefly, language_of, Shared};
use std::borrow::Cow;
use std::collections::BTreeMap;

use super::SlackPort;
use crate::app::{App, Field, FieldKind, FieldValue, Form, Inbound, Outgoing, Recipient};
use crate::delivery;
use crate::domain::{mrkdwn, picture, UserId};
use crate::store::{InboxRow, NewPicture};

/// Where a reply to the request being processed should go.
#[derive(Debug, Clone, Default)]
pub struct ReplyContext {
    pub response_url: Option<String>,
}

/// How long opening a modal may take: Slack's trigger id is good for 3 seconds from the
/// click, and the click has been recorded first.
pub const OPEN_FORM_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(2500);

/// Carries out one recorded request.
pub async fn process(shared: &Shared, row: &InboxRow) -> anyhow::Result<()> {
    match row.kind.as_str() {
        "event" => {
            let cb: SlackPushEventCallback =
                serde_json::from_str(&row.body).context("a recorded event does not parse")?;
            event(shared, &cb).await
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

/// The hero whose lane a recorded request goes in: a direct message (or an edit of one)
/// concerns only its sender's own story, so different heroes' messages can be processed
/// side by side. None for everything else, which is processed alone.
pub fn lane(row: &InboxRow) -> Option<String> {
    if row.kind != "event" {
        return None;
    }
    // Only the few fields needed, borrowed where the JSON has no escapes: much cheaper
    // than a whole tree of values for every message.
    #[derive(serde::Deserialize)]
    struct Callback<'a> {
        #[serde(borrow)]
        event: Event<'a>,
    }
    #[derive(serde::Deserialize)]
    struct Event<'a> {
        #[serde(rename = "type", borrow)]
        kind: Cow<'a, str>,
        #[serde(borrow)]
        channel_type: Option<Cow<'a, str>>,
        #[serde(borrow)]
        subtype: Option<Cow<'a, str>>,
        #[serde(borrow)]
        user: Option<Cow<'a, str>>,
        #[serde(borrow)]
        message: Option<Edited<'a>>,
    }
    #[derive(serde::Deserialize)]
    struct Edited<'a> {
        #[serde(borrow)]
        user: Option<Cow<'a, str>>,
    }
    let event = serde_json::from_str::<Callback>(&row.body).ok()?.event;
    if event.kind != "message" || event.channel_type.as_deref() != Some("im") {
        return None;
    }
    let user = match event.subtype.as_deref() {
        None | Some("file_share") => event.user,
        Some("message_changed") => event.message.and_then(|m| m.user),
        Some(_) => None,
    }?;
    Some(user.into_owned())
}

/// The usage exports a known admin's recorded direct message carries, to read ahead of
/// handling it (`prepare_imports`): who sent them and the files. None for anything else,
/// at the cost of a substring check for most requests.
pub fn exports_in(shared: &Shared, row: &InboxRow) -> Option<(UserId, Vec<files::SharedFile>)> {
    if row.kind != "event" || !row.body.contains("\"file_share\"") {
        return None;
    }
    let cb = serde_json::from_str::<SlackPushEventCallback>(&row.body).ok()?;
    let SlackEventCallbackBody::Message(m) = &cb.event else {
        return None;
    };
    let is_im = m
        .origin
        .channel_type
        .as_ref()
        .is_some_and(|t| t.value() == "im");
    if !is_im
        || !matches!(m.subtype, Some(SlackMessageEventType::FileShare))
        || m.sender.bot_id.is_some()
    {
        return None;
    }
    let user = user_id(m.sender.user.as_ref()?).ok()?;
    // Known admins only: anyone else's message keeps its place in their lane (its text
    // may be an answer), and an admin not yet known is read in their lane as before.
    if !shared.app.is_admin(&user) {
        return None;
    }
    let attached = m.content.as_ref().and_then(|c| c.files.as_deref())?;
    let awaited = files::peek_awaited(shared, user.as_str()).is_some();
    let exports = files::usage_files(attached, awaited);
    (!exports.is_empty()).then_some((user, exports))
}

/// Reads an admin's `exports` ahead of the request that carries them: their download and
/// the email lookups, so that handling the request under the engine's lock only stores
/// them.
pub async fn prepare_imports(shared: &Shared, user: &UserId, exports: &[files::SharedFile]) {
    let hints = files::peek_awaited(shared, user.as_str()).unwrap_or_default();
    for file in exports {
        files::prepare_ahead(shared, file, &hints).await;
    }
}

fn user_id(id: &SlackUserId) -> anyhow::Result<UserId> {
    UserId::parse(id.value()).map_err(|e| anyhow::anyhow!("Slack sent an odd user ID: {e}"))
}

async fn handle(shared: &Shared, inbound: Inbound, reply: ReplyContext) -> anyhow::Result<()> {
    delivery::set_reply_url(reply.response_url);
    let sender = match &inbound {
        Inbound::Command { user, .. }
        | Inbound::Message { user, .. }
        | Inbound::MessageEdited { user, .. }
        | Inbound::Button { user, .. }
        | Inbound::Reaction { user, .. }
        | Inbound::ThreadReply { user, .. }
        | Inbound::FormSubmitted { user, .. } => user,
    };
    delivery::set_reader_language(Some(language_of(shared, sender).await));
    shared.app.handle(inbound, Utc::now()).await
}

/// The person who sent a recorded request, to be told when it cannot be handled.
pub fn sender(row: &InboxRow) -> Option<UserId> {
    let body: serde_json::Value = serde_json::from_str(&row.body).ok()?;
    let id = match row.kind.as_str() {
        "event" => body
            .pointer("/event/user")
            .or_else(|| body.pointer("/event/message/user"))
            .and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v["id"].as_str().map(str::to_string))
            }),
        "command" => body["user_id"].as_str().map(str::to_string),
        "interaction" => body
            .pointer("/user/id")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        _ => None,
    }?;
    UserId::parse(&id).ok()
}

/// The people a recorded request names whose Slack profile Spotlight reads (its sender,
/// and the people a command mentions), so their names are known before the request is
/// handled: `users.info` is called before the engine's lock is taken, never under it.
pub fn people(row: &InboxRow) -> Vec<UserId> {
    let mut people: Vec<UserId> = sender(row).into_iter().collect();
    if row.kind == "command" {
        let text = serde_json::from_str::<serde_json::Value>(&row.body)
            .ok()
            .and_then(|b| b["text"].as_str().map(str::to_string))
            .unwrap_or_default();
        for word in text.split_whitespace().filter(|w| w.starts_with("<@")) {
            if let Ok(mentioned) = UserId::parse(word) {
                if !people.contains(&mentioned) {
                    people.push(mentioned);
                }
            }
        }
    }
    people
}

async fn event(shared: &Shared, cb: &SlackPushEventCallback) -> anyhow::Result<()> {
    match &cb.event {
        SlackEventCallbackBody::Message(m) => message(shared, m).await,
        SlackEventCallbackBody::ReactionAdded(r) => {
            reaction(shared, &r.user, &r.reaction, &r.item, true).await
        }
        SlackEventCallbackBody::ReactionRemoved(r) => {
            reaction(shared, &r.user, &r.reaction, &r.item, false).await
        }
        SlackEventCallbackBody::AppUninstalled(_) => {
            super::install::tokens_gone(shared, cb.team_id.value(), true).await
        }
        // Not modelled by slack-morphism: `{"type":"tokens_revoked","tokens":{"bot":[…]}}`.
        SlackEventCallbackBody::Unknown(e) if e["type"] == "tokens_revoked" => {
            let bots = e.pointer("/tokens/bot").and_then(|b| b.as_array());
            let mine = bots
                .into_iter()
                .flatten()
                .filter_map(|b| b.as_str())
                .any(|b| shared.is_bot(b));
            if !mine {
                return Ok(());
            }
            super::install::tokens_gone(shared, cb.team_id.value(), false).await
        }
        SlackEventCallbackBody::AppHomeOpened(h) => {
            let user = user_id(&h.user)?;
            know_user_briefly(shared, &user).await?;
            delivery::refresh_home(&user);
            Ok(())
        }
        _ => Ok(()),
    }
}

async fn reaction(
    shared: &Shared,
    user: &SlackUserId,
    name: &SlackReactionName,
    item: &SlackReactionsItem,
    added: bool,
) -> anyhow::Result<()> {
    let SlackReactionsItem::Message(m) = item else {
        return Ok(());
    };
    let Some(channel) = &m.origin.channel else {
        return Ok(());
    };
    let inbound = Inbound::Reaction {
        user: user_id(user)?,
        message_ref: format!("{channel}:{}", m.origin.ts.value()),
        name: name.to_string(),
        added,
    };
    handle(shared, inbound, ReplyContext::default()).await
}

/// The pictures (images) among a message's files, as references to keep.
fn pictures(files: &[SlackFile]) -> Vec<NewPicture> {
    files
        .iter()
        .filter_map(|f| {
            let mimetype = f.mimetype.as_ref()?.0.clone();
            picture::is_picture(&mimetype).then(|| NewPicture {
                file_id: f.id.to_string(),
                name: f.name.clone().unwrap_or_else(|| f.id.to_string()),
                title: f.title.clone().unwrap_or_default(),
                mimetype,
            })
        })
        .collect()
}

async fn message(shared: &Shared, m: &SlackMessageEvent) -> anyhow::Result<()> {
    let is_im = m
        .origin
        .channel_type
        .as_ref()
        .is_some_and(|t| t.value() == "im");
    if !is_im {
        return thread_reply(shared, m).await;
    }
    let channel = m
        .origin
        .channel
        .as_ref()
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let inbound = match &m.subtype {
        // A message with files (a screenshot) is an answer like any other: its text.
        None | Some(SlackMessageEventType::FileShare) => {
            if m.sender.bot_id.is_some() {
                return Ok(());
            }
            let Some(user) = &m.sender.user else {
                return Ok(());
            };
            if shared.is_bot(user.value()) {
                return Ok(());
            }
            let text = m
                .content
                .as_ref()
                .and_then(|c| c.text.clone())
                .unwrap_or_default();
            let files = m.content.as_ref().and_then(|c| c.files.as_deref());
            let has_files = files.is_some_and(|f| !f.is_empty());
            // After `/spotlight import` (admins only), the next file is the export.
            let awaited = has_files
                .then(|| files::take_awaited(shared, user.value()))
                .flatten();
            let exports = files
                .map(|f| files::usage_files(f, awaited.is_some()))
                .unwrap_or_default();
            if !exports.is_empty() {
                // A usage export: an import from an admin (its text is not an answer),
                // refused from anyone else (whose text, if any, still is).
                let user = user_id(user)?;
                know_user_briefly(shared, &user).await?;
                let admin = shared.app.is_admin(&user);
                let mut replies = Vec::new();
                if admin {
                    for file in &exports {
                        let hints = awaited.clone().unwrap_or_default();
                        replies.push(files::import(shared, &user, file, &hints).await?);
                    }
                } else {
                    let lang = language_of(shared, &user).await;
                    replies.push(shared.texts.get(&lang, "slack-export-admins-only", &[]));
                }
                for text in replies {
                    delivery::keep(Outgoing {
                        to: Recipient::User(user.clone()),
                        text,
                        buttons: vec![],
                        ephemeral: false,
                        outbox_id: None,
                    });
                }
                if admin || text.trim().is_empty() {
                    return Ok(());
                }
            }
            if has_files && text.trim().is_empty() {
                // An image alone can't be quoted: ask for the words, store nothing.
                let user = user_id(user)?;
                know_user_briefly(shared, &user).await?;
                let lang = language_of(shared, &user).await;
                delivery::keep(Outgoing {
                    text: shared.texts.get(&lang, "slack-picture-needs-words", &[]),
                    to: Recipient::User(user),
                    buttons: vec![],
                    ephemeral: false,
                    outbox_id: None,
                });
                return Ok(());
            }
            let message_ref = format!("{channel}:{}", m.origin.ts.value());
            // Pictures sent with an answer are kept by reference, for the hero to choose
            // which go with their story; the answer is the text.
            let pictures = files.map(pictures).unwrap_or_default();
            if !pictures.is_empty() {
                shared
                    .app
                    .store()
                    .add_pictures(&message_ref, &pictures, Utc::now())
                    .await?;
            }
            Inbound::Message {
                user: user_id(user)?,
                text: mrkdwn::unescape(&text),
                message_ref: Some(message_ref),
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
            if shared.is_bot(user.value()) {
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
    know_user_briefly(shared, &user).await?;
    handle(shared, inbound, ReplyContext::default()).await
}

async fn command(shared: &Shared, cmd: SlackCommandEvent) -> anyhow::Result<()> {
    let user = user_id(&cmd.user_id)?;
    know_user_briefly(shared, &user).await?;
    let text = cmd.text.clone().unwrap_or_default();
    // People mentioned in the command (a nominee) are looked up too, for their names.
    for word in text.split_whitespace().filter(|w| w.starts_with("<@")) {
        if let Ok(mentioned) = UserId::parse(word) {
            know_user_briefly(shared, &mentioned).await?;
        }
    }
    let reply = ReplyContext {
        response_url: Some(cmd.response_url.value().to_string()),
    };
    let text = mrkdwn::unescape(&text);
    let import = match crate::domain::command::parse(&text) {
        Ok(crate::domain::command::Command::Import(hints)) => Some(hints),
        _ => None,
    };
    let inbound = Inbound::Command {
        user: user.clone(),
        text,
    };
    handle(shared, inbound, reply).await?;
    if let Some(hints) = import.filter(|_| shared.app.is_admin(&user)) {
        files::await_import(shared, user.as_str(), hints);
    }
    Ok(())
}

async fn interaction(shared: &Shared, event: SlackInteractionEvent) -> anyhow::Result<()> {
    let b = match event {
        SlackInteractionEvent::BlockActions(b) => b,
        SlackInteractionEvent::ViewSubmission(v) => return submission(shared, v).await,
        _ => return Ok(()),
    };
    let Some(user) = &b.user else { return Ok(()) };
    let user = user_id(&user.id)?;
    know_user_briefly(shared, &user).await?;
    let reply = ReplyContext {
        response_url: b.response_url.as_ref().map(|u| u.value().to_string()),
    };
    for action in b.actions.unwrap_or_default() {
        let name = blocks::action_name(action.action_id.value()).to_string();
        let value = action.value.unwrap_or_default();
        if App::<SlackPort>::opens_form(&name) {
            // Opened when the click came in (`open_form`): a trigger id expires in 3 s.
            continue;
        }
        let inbound = Inbound::Button {
            user: user.clone(),
            action: name,
            value,
        };
        handle(shared, inbound, reply.clone()).await?;
    }
    if b.view.is_some() {
        delivery::refresh_home(&user);
    }
    Ok(())
}

/// A reply in the thread of a channel message, counted if that message is a story post.
async fn thread_reply(shared: &Shared, m: &SlackMessageEvent) -> anyhow::Result<()> {
    let (Some(channel), Some(thread), None, None) = (
        &m.origin.channel,
        &m.origin.thread_ts,
        &m.subtype,
        &m.sender.bot_id,
    ) else {
        return Ok(());
    };
    let Some(user) = &m.sender.user else {
        return Ok(());
    };
    if thread == &m.origin.ts || shared.is_bot(user.value()) {
        return Ok(());
    }
    let inbound = Inbound::ThreadReply {
        user: user_id(user)?,
        parent_ref: format!("{channel}:{}", thread.value()),
        reply_ref: format!("{channel}:{}", m.origin.ts.value()),
    };
    handle(shared, inbound, ReplyContext::default()).await
}

/// The blocks a Home view takes (Slack's limit).
const HOME_BLOCKS: usize = 100;

/// Shows `user` their App Home: the pipeline for admins, their own story for heroes.
///
/// Admins also see the latest adoption chart, an image block naming the Slack file the
/// bot shared (`slack_file`), so the picture stays as private as the file. When Slack
/// refuses the view because that file is gone (deleted by an admin, say), the chart is
/// forgotten and the Home shown without it.
pub async fn publish_home(shared: &Shared, user: &UserId) -> anyhow::Result<()> {
    let transport = shared.slack();
    let bot = transport.bot().await?;
    let session = transport.client().open_session(&bot.token);
    loop {
        let text = shared.app.home_text(user, Utc::now()).await?;
        // A Home view takes 100 blocks: one is kept for the chart.
        let mut view_blocks = blocks::view_blocks(&text, HOME_BLOCKS - 1);
        let chart = match shared.app.is_admin(user) {
            true => shared.app.store().home_chart().await?,
            false => None,
        };
        if let Some(chart) = &chart {
            let (title, alt) = shared.app.chart_words(user).await?;
            view_blocks.push(blocks::chart_image(&chart.file_id, &title, &alt));
        }
        let view = SlackView::Home(SlackHomeView::new(view_blocks));
        let req = SlackApiViewsPublishRequest::new(user.as_str().into(), view);
        match super::transport::with_retries(|| session.views_publish(&req))
            .await
            .inspect_err(|e| transport.noticed(&bot, e))
        {
            Ok(_) => return Ok(()),
            Err(slack_morphism::errors::SlackClientError::ApiError(e))
                if chart.is_some() && e.code == "invalid_blocks" =>
            {
                let chart = chart.expect("checked");
                tracing::warn!(file_id = %chart.file_id, "Slack no longer shows the App Home's chart; it is forgotten");
                shared.app.store().forget_home_chart(&chart.file_id).await?;
            }
            Err(e) => return Err(anyhow::Error::new(e).context("views.publish failed")),
        }
    }
}

/// A click on a button that opens a modal.
pub struct FormClick {
    pub user: UserId,
    pub action: String,
    pub value: String,
    pub trigger: SlackTriggerId,
    /// Where a reply to the click goes, only the clicker seeing it.
    pub response_url: Option<String>,
}

/// The buttons of a recorded click that open a modal.
pub fn form_clicks(event: &SlackInteractionEvent) -> Vec<FormClick> {
    let SlackInteractionEvent::BlockActions(b) = event else {
        return vec![];
    };
    let Some(user) = b.user.as_ref().and_then(|u| user_id(&u.id).ok()) else {
        return vec![];
    };
    b.actions
        .iter()
        .flatten()
        .filter_map(|a| {
            let name = blocks::action_name(a.action_id.value()).to_string();
            App::<SlackPort>::opens_form(&name).then(|| FormClick {
                user: user.clone(),
                action: name,
                value: a.value.clone().unwrap_or_default(),
                trigger: b.trigger_id.clone(),
                response_url: b.response_url.as_ref().map(|u| u.value().to_string()),
            })
        })
        .collect()
}

/// Opens the form a button asks for as a modal, at once (a trigger id is good for 3
/// seconds), outside the engine: the form only reads what is stored. If it can't be
/// opened in time, or the person may not open it, they are told (through the outbox).
pub async fn open_form(shared: &Shared, click: FormClick) -> anyhow::Result<()> {
    let FormClick {
        user,
        action,
        value,
        trigger,
        response_url,
    } = click;
    let why = match shared.app.form(&user, &action, &value).await? {
        Err(why) => why,
        Ok(form) => {
            let lang = language_of(shared, &user).await;
            let transport = shared.slack();
            let bot = transport.bot().await?;
            let session = transport.client().open_session(&bot.token);
            let req = SlackApiViewsOpenRequest::new(trigger, modal(&form));
            match tokio::time::timeout(OPEN_FORM_TIMEOUT, session.views_open(&req)).await {
                Ok(Ok(_)) => return Ok(()),
                Ok(Err(e)) => {
                    transport.noticed(&bot, &e);
                    tracing::warn!(error = %e, "views.open failed")
                }
                Err(_) => tracing::warn!("views.open did not answer in time"),
            }
            shared.texts.get(&lang, "slack-form-not-opened", &[])
        }
    };
    let message = delivery::ForOutbox {
        recipient: user,
        message: delivery::Decided {
            kind: delivery::DecidedKind::Message,
            text: why,
            buttons: vec![],
            ephemeral: true,
            reply_url: response_url,
            files: vec![],
        },
    };
    shared.app.store().outbox_add(&[message], Utc::now()).await
}

/// Slack truncates titles past 24 characters and button labels past 24.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// A form as a Slack modal: each field an input block whose block_id is the field key.
fn modal(form: &Form) -> SlackView {
    let mut blocks: Vec<SlackBlock> = vec![SlackSectionBlock::new()
        .with_text(SlackBlockText::Plain(SlackBlockPlainText::new(
            form.intro.clone(),
        )))
        .into()];
    for field in &form.fields {
        blocks.push(input_block(field).into());
    }
    SlackView::Modal(
        SlackModalView::new(short(&form.title, 24).into(), blocks)
            .with_submit(short(&form.submit, 24).into())
            .with_close(short(&form.close, 24).into())
            .with_callback_id(form.callback.clone().into())
            .with_private_metadata(form.value.clone()),
    )
}

fn input_block(field: &Field) -> SlackInputBlock {
    let element = match &field.kind {
        FieldKind::Text {
            initial,
            multiline,
            max_chars,
        } => {
            let mut e = SlackBlockPlainTextInputElement::new()
                .with_action_id(field.key.clone().into())
                .with_multiline(*multiline)
                .with_max_length(*max_chars as u64);
            if !initial.is_empty() {
                e = e.with_initial_value(initial.clone());
            }
            SlackInputBlockElement::PlainTextInput(e)
        }
        FieldKind::Checkboxes { options, chosen } => {
            let items: Vec<SlackBlockChoiceItem<SlackBlockText>> = options
                .iter()
                .map(|(key, label)| {
                    SlackBlockChoiceItem::new(
                        SlackBlockText::Plain(SlackBlockPlainText::new(short(label, 75))),
                        key.clone(),
                    )
                })
                .collect();
            let initial: Vec<_> = items
                .iter()
                .filter(|i| chosen.contains(&i.value))
                .cloned()
                .collect();
            let mut e =
                SlackBlockCheckboxesElement::new(items).with_action_id(field.key.clone().into());
            if !initial.is_empty() {
                e = e.with_initial_options(initial);
            }
            SlackInputBlockElement::Checkboxes(e)
        }
    };
    SlackInputBlock::new(short(&field.label, 2000).into(), element)
        .with_block_id(field.key.clone().into())
        .with_optional(field.optional)
}

/// A submitted modal → `Inbound::FormSubmitted`, with each field read from its block.
async fn submission(
    shared: &Shared,
    event: SlackInteractionViewSubmissionEvent,
) -> anyhow::Result<()> {
    let user = user_id(&event.user.id)?;
    know_user_briefly(shared, &user).await?;
    let SlackView::Modal(view) = &event.view.view else {
        return Ok(());
    };
    let callback = view
        .callback_id
        .as_ref()
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let value = view.private_metadata.clone().unwrap_or_default();
    let mut fields = BTreeMap::new();
    if let Some(state) = &event.view.state_params.state {
        for (block, actions) in &state.values {
            for v in actions.values() {
                let field = match &v.selected_options {
                    Some(opts) => {
                        FieldValue::Choices(opts.iter().map(|o| o.value.clone()).collect())
                    }
                    None if v.action_type.value() == "checkboxes" => FieldValue::Choices(vec![]),
                    None => FieldValue::Text(v.value.clone().unwrap_or_default()),
                };
                fields.insert(block.value().to_string(), field);
            }
        }
    }
    let inbound = Inbound::FormSubmitted {
        user,
        callback,
        value,
        fields,
    };
    handle(shared, inbound, ReplyContext::default()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str, body: serde_json::Value) -> InboxRow {
        InboxRow {
            id: 1,
            key: "k".into(),
            kind: kind.into(),
            body: body.to_string(),
        }
    }

    fn event(event: serde_json::Value) -> InboxRow {
        row(
            "event",
            serde_json::json!({"type": "event_callback", "event_id": "Ev1", "event": event}),
        )
    }

    #[test]
    fn a_direct_message_or_its_edit_goes_in_its_senders_lane_and_nothing_else_does() {
        let dm = event(serde_json::json!({
            "type": "message", "channel_type": "im", "channel": "D1",
            "user": "U0MARIA", "text": "a \"quoted\" \\ answer", "ts": "1.2"
        }));
        assert_eq!(lane(&dm).as_deref(), Some("U0MARIA"));
        // An ID written with an escape in the JSON is still read right.
        let mut escaped = dm.clone();
        escaped.body = escaped.body.replace("U0MARIA", "U0MAR\\u0049A");
        assert_eq!(lane(&escaped).as_deref(), Some("U0MARIA"));
        let edit = event(serde_json::json!({
            "type": "message", "channel_type": "im", "channel": "D1",
            "subtype": "message_changed",
            "message": {"user": "U0MARIA", "text": "new", "ts": "1.2"}, "ts": "1.3"
        }));
        assert_eq!(lane(&edit).as_deref(), Some("U0MARIA"));
        for other in [
            // In a channel.
            serde_json::json!({"type": "message", "channel_type": "channel", "user": "U1", "ts": "1"}),
            // A deletion, a join.
            serde_json::json!({"type": "message", "channel_type": "im", "subtype": "message_deleted",
                               "previous_message": {"user": "U1"}, "ts": "1"}),
            serde_json::json!({"type": "message", "channel_type": "im", "subtype": "channel_join",
                               "user": "U1", "ts": "1"}),
            // Not a message; its "user" is an object.
            serde_json::json!({"type": "user_change", "user": {"id": "U1"}}),
            serde_json::json!({"type": "app_home_opened", "user": "U1", "channel": "D1"}),
        ] {
            assert_eq!(lane(&event(other.clone())), None, "{other}");
        }
        // Commands, interactions and bodies that do not parse are processed alone.
        let command = row("command", serde_json::json!({"user_id": "U1"}));
        assert_eq!(lane(&command), None);
        let mut broken = dm.clone();
        broken.body.truncate(20);
        assert_eq!(lane(&broken), None);
    }
}
