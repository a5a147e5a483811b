//! The delivery port: what a message Spotlight sends looks like, how an adapter reports
//! a failed send, and the buffer where a request's decided messages wait for the outbox.
//!
//! The engine (`app`) decides messages; adapters (`slack`, `console`, `destinations`)
//! deliver them. Both depend on this module, and it depends on neither, so no adapter
//! needs the engine to say what went wrong. Two traits make the port: `Transport`
//! carries messages to people, `Publish` carries a story to a destination of any kind
//! (a Slack channel, a Chatter group, an email list) with the same calls whatever the
//! kind, so the engine never picks an adapter by the destination's kind.
//!
//! Invariant: while a request is handled under `deciding`, a message the engine sends to
//! a person is not sent at all: it is kept, and the caller writes it to the outbox in
//! the same transaction as the change that decided it (or at the end of the request),
//! and the sender delivers it afterwards, outside every engine lock. Files to share (a
//! chart) are kept the same way (`keep_upload`), never uploaded by the engine.

use std::cell::RefCell;
use std::future::Future;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::destination::{DestinationKind, DestinationRef, Fix};
use crate::domain::picture::{Attached, Shown};
use crate::domain::publication::Names;
use crate::domain::{ChannelId, UserId};

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A direct message to a person.
    User(UserId),
    /// A channel post.
    Channel(ChannelId),
}

/// A button under a message. `action` says what it does, `value` which story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    pub action: String,
    pub value: String,
    /// For what cannot be undone: the question asked once more before it is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<Confirm>,
}

impl Button {
    pub fn new(label: impl Into<String>, action: &str, value: impl ToString) -> Button {
        Button {
            label: label.into(),
            action: action.to_string(),
            value: value.to_string(),
            confirm: None,
        }
    }
}

/// The question a button asks before it acts (a dialog in Slack), in the reader's
/// language: its title, what will happen, and the words of its two answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirm {
    pub title: String,
    pub text: String,
    pub confirm: String,
    pub deny: String,
}

/// A message Spotlight sends. Text is Slack mrkdwn; user text in it is already escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub to: Recipient,
    pub text: String,
    pub buttons: Vec<Button>,
    /// A reply to a command, meant only for the person who ran it.
    pub ephemeral: bool,
    /// The outbox row this post fulfils (story posts only).
    pub outbox_id: Option<i64>,
}

/// How messages to people leave Spotlight: printed by the console, sent by Slack's Web
/// API.
pub trait Transport: Send + Sync {
    /// Delivers a message and returns a reference to it (Slack's `ts`). A failure that
    /// the destination reported, or that leaves it unknown whether the message arrived,
    /// is a `SendError` in the chain.
    fn send(&self, msg: Outgoing) -> impl Future<Output = anyhow::Result<String>> + Send;

    /// The bytes of a file a person shared with the bot (a Slack file, read with the bot
    /// token), or None where it cannot be read.
    fn read_file(
        &self,
        _file_id: &str,
    ) -> impl Future<Output = anyhow::Result<Option<Vec<u8>>>> + Send {
        async { Ok(None) }
    }
}

/// One approved story on its way to one destination (a row of the posts outbox).
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The outbox row this delivery fulfils.
    pub outbox_id: i64,
    pub story_id: i64,
    pub kind: DestinationKind,
    /// Where it goes: a channel ID, a Chatter group id (`0F9…`) or an email address.
    pub target: String,
    /// The approved story, exactly as the hero approved it (Slack mrkdwn).
    pub text: String,
    /// Display names for the `<@U…>` mentions in `text`.
    pub names: Names,
    pub hero_name: String,
    /// The hero's email address, when known (used to find their Salesforce user).
    pub hero_email: Option<String>,
    /// The pictures the hero chose, as Slack files with their alt text: a Slack channel
    /// shows them by reference under the story.
    pub pictures: Vec<Shown>,
    /// The same pictures' bytes, for a destination that carries them itself (Chatter,
    /// email): read by `destinations::Router` just before it hands the story over;
    /// empty as the engine builds it.
    pub attached: Vec<Attached>,
}

impl Delivery {
    /// The destination, as admins name it.
    pub fn destination(&self) -> DestinationRef {
        DestinationRef {
            kind: self.kind,
            target: self.target.clone(),
        }
    }

    /// The Slack channel a story goes to; an error for any other kind (an adapter for
    /// channels handed something else).
    pub fn channel(&self) -> anyhow::Result<ChannelId> {
        match self.kind {
            DestinationKind::SlackChannel => Ok(ChannelId::from_trusted(&self.target)),
            other => anyhow::bail!(
                "a story for a {} ({}) was handed to the Slack channel adapter",
                other.noun(),
                self.target
            ),
        }
    }

    /// The story as a channel post carrying its outbox row.
    pub fn post(&self) -> anyhow::Result<Outgoing> {
        Ok(Outgoing {
            to: Recipient::Channel(self.channel()?),
            text: self.text.clone(),
            buttons: vec![],
            ephemeral: false,
            outbox_id: Some(self.outbox_id),
        })
    }
}

/// How a story reaches a destination, whatever its kind: the one port through which the
/// engine publishes, settles a post in doubt, checks a destination and learns what an
/// admin can do about a refusal. Each kind's adapter implements it, and
/// `destinations::Router` composes them from what is set up.
pub trait Publish: Send + Sync {
    /// Checks a destination before it is added (set up, reachable, allowed): its name
    /// when it has one, or an error that says why it can't be used.
    fn check(
        &self,
        to: &DestinationRef,
    ) -> impl Future<Output = anyhow::Result<Option<String>>> + Send;

    /// Publishes one story and returns the proof of posting (a message reference, a feed
    /// element id, a Message-ID). A failure carries a `SendError` in its chain.
    fn publish(&self, story: &Delivery) -> impl Future<Output = anyhow::Result<String>> + Send;

    /// Looks for a story whose publishing had no clear outcome, sent since `since`: its
    /// proof of posting if it arrived, None if it certainly did not.
    fn find(
        &self,
        story: &Delivery,
        since: DateTime<Utc>,
    ) -> impl Future<Output = anyhow::Result<Option<String>>> + Send;

    /// What an admin must do about a refusal (`code`) they can fix, or None if it is not
    /// theirs to fix. `explanation` is the adapter's own message about the refusal.
    fn fix_for(&self, to: &DestinationRef, code: &str, explanation: &str) -> Option<String>;

    /// What an admin must do about a refusal (`code`), in words for any language, when
    /// the kind knows its refusals by code (Slack's, Salesforce's); None otherwise.
    fn fix(&self, _to: &DestinationRef, _code: &str) -> Option<Fix> {
        None
    }

    /// Deletes a published story (its proof of posting, `message_ref`), when a person is
    /// forgotten. A post already gone counts as deleted. A failure carries a `SendError`:
    /// `Rejected` when the destination refused (the post is still there), `Uncertain`
    /// when it is unknown whether it was deleted (trying again is harmless). A kind that
    /// cannot take a story back (an email) refuses with `not_recallable`.
    fn retract(
        &self,
        to: &DestinationRef,
        message_ref: &str,
    ) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// How many people a destination reaches, where it can tell.
    fn reach(
        &self,
        _to: &DestinationRef,
    ) -> impl Future<Output = anyhow::Result<Option<u64>>> + Send {
        async { Ok(None) }
    }

    /// What a published story has gathered so far, as (kind, person, detail) with kind
    /// `reaction` (detail: its name) or `reply` (detail: the reply's reference); None when
    /// the destination cannot tell.
    fn engagement(
        &self,
        _to: &DestinationRef,
        _message_ref: &str,
    ) -> impl Future<Output = anyhow::Result<Option<Vec<(String, String, String)>>>> + Send {
        async { Ok(None) }
    }

    /// The web address of a published story, where the destination gives one (a Slack
    /// post's thread: a poster's QR code leads there). A refusal is a `SendError` in the
    /// chain.
    fn permalink(
        &self,
        _to: &DestinationRef,
        _message_ref: &str,
    ) -> impl Future<Output = anyhow::Result<Option<String>>> + Send {
        async { Ok(None) }
    }
}

/// Everything the engine sends goes through one `Port`: messages to people
/// (`Transport`) and stories to destinations of every kind (`Publish`).
pub trait Port: Transport + Publish {}

impl<T: Transport + Publish> Port for T {}

/// The refusal of a kind of destination that cannot take a story back (an email).
pub fn not_recallable(to: &DestinationRef) -> anyhow::Error {
    anyhow::Error::new(SendError::Rejected {
        code: "not_recallable".into(),
        fixable: false,
    })
    .context(format!(
        "{} cannot be recalled: once sent, it is in its readers' hands",
        to.kind.noun()
    ))
}

/// Why a send failed, as far as the transport can tell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The destination refused the message: it was certainly not posted. `fixable` when an
    /// admin can remove the cause (invite the bot, unarchive the channel, renew the token).
    #[error("refused: {code}")]
    Rejected { code: String, fixable: bool },
    /// No clear answer (a timeout, a dropped connection, a server error): the message may
    /// have arrived. Never resend without looking first.
    #[error("no clear answer ({0})")]
    Uncertain(String),
}

/// A message to a person as the outbox keeps it: everything the sender needs, with no
/// engine state. `reply_url` is where an ephemeral reply goes (a slash command's or a
/// button's `response_url`) when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    /// What the person sees: a message, or their App Home refreshed.
    pub kind: DecidedKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ephemeral: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_url: Option<String>,
    /// The files an `Upload` shares (`text` is its comment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<Attachment>,
}

impl Decided {
    /// The person's App Home, shown anew from what is stored when it is sent.
    pub fn home() -> Decided {
        Decided {
            kind: DecidedKind::Home,
            text: String::new(),
            buttons: vec![],
            ephemeral: false,
            reply_url: None,
            files: vec![],
        }
    }
}

/// A file to share with a person (a chart, a report), kept in the outbox as base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub title: String,
    pub bytes_base64: String,
    /// Once shared, the picture becomes the chart on the admins' App Home.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_home: bool,
}

impl Attachment {
    pub fn new(filename: &str, title: &str, bytes: &[u8]) -> Attachment {
        use base64::Engine;
        Attachment {
            filename: filename.to_string(),
            title: title.to_string(),
            bytes_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
            on_home: false,
        }
    }

    /// This picture, shown on the admins' App Home once it is shared.
    pub fn shown_on_home(self) -> Attachment {
        Attachment {
            on_home: true,
            ..self
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> anyhow::Result<Vec<u8>> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(&self.bytes_base64)
            .map_err(|e| anyhow::anyhow!("{} is not kept as base64: {e}", self.filename))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedKind {
    Message,
    /// The person's App Home tab is shown anew from what is stored when it is sent.
    Home,
    /// Files shared with the person in their DM, the text as the comment beside them.
    Upload,
}

/// One message for the outbox: the person it goes to and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForOutbox {
    pub recipient: UserId,
    pub message: Decided,
}

impl ForOutbox {
    /// The stored form of the message (JSON).
    pub fn body(&self) -> String {
        serde_json::to_string(&self.message).expect("a message always encodes")
    }

    /// The message a stored body holds.
    pub fn parse(recipient: &str, body: &str) -> anyhow::Result<ForOutbox> {
        Ok(ForOutbox {
            recipient: UserId::parse(recipient)
                .map_err(|e| anyhow::anyhow!("an outbox row names no person: {e}"))?,
            message: serde_json::from_str(body)
                .map_err(|e| anyhow::anyhow!("an outbox row does not parse: {e}"))?,
        })
    }

    /// The message as an adapter renders it.
    pub fn outgoing(&self) -> Outgoing {
        Outgoing {
            to: Recipient::User(self.recipient.clone()),
            text: self.message.text.clone(),
            buttons: self.message.buttons.clone(),
            ephemeral: self.message.ephemeral,
            outbox_id: None,
        }
    }
}

/// The messages decided so far while handling one request.
struct Pending {
    reply_url: Option<String>,
    /// The language of the person whose request this is, when the adapter knows it.
    reader: Option<String>,
    messages: Vec<ForOutbox>,
}

tokio::task_local! {
    static PENDING: RefCell<Pending>;
}

/// Runs the future `work` makes with decided messages kept instead of sent. Returns its
/// output and the messages still kept at the end (those no write took with it).
/// `reply_url` is where ephemeral replies of this request go.
pub async fn deciding<F: Future>(
    reply_url: Option<String>,
    work: impl FnOnce() -> F,
) -> (F::Output, Vec<ForOutbox>) {
    let pending = RefCell::new(Pending {
        reply_url,
        reader: None,
        messages: Vec::new(),
    });
    let mut scoped = std::pin::pin!(PENDING.scope(pending, work()));
    let out = scoped.as_mut().await;
    let left = scoped
        .take_value()
        .map(|p| p.into_inner().messages)
        .unwrap_or_default();
    (out, left)
}

/// Keeps `msg` for the outbox if a request is being handled under `deciding` and the
/// message goes to a person; gives it back otherwise (to be sent at once).
pub fn keep(msg: Outgoing) -> Option<Outgoing> {
    let Recipient::User(user) = &msg.to else {
        return Some(msg);
    };
    if msg.outbox_id.is_some() {
        return Some(msg);
    }
    let user = user.clone();
    let mut msg = Some(msg);
    let _ = PENDING.try_with(|p| {
        let mut p = p.borrow_mut();
        let m = msg.take().expect("taken once");
        let reply_url = if m.ephemeral {
            p.reply_url.clone()
        } else {
            None
        };
        p.messages.push(ForOutbox {
            recipient: user,
            message: Decided {
                kind: DecidedKind::Message,
                text: m.text,
                buttons: m.buttons,
                ephemeral: m.ephemeral,
                reply_url,
                files: vec![],
            },
        });
    });
    msg
}

/// Asks for `user`'s App Home to be shown anew once the request's changes are saved
/// (nothing outside `deciding`). Asked twice, it is refreshed once.
pub fn refresh_home(user: &UserId) -> bool {
    PENDING
        .try_with(|p| {
            let mut p = p.borrow_mut();
            let known = p
                .messages
                .iter()
                .any(|m| m.message.kind == DecidedKind::Home && &m.recipient == user);
            if !known {
                p.messages.push(ForOutbox {
                    recipient: user.clone(),
                    message: Decided::home(),
                });
            }
        })
        .is_ok()
}

/// Keeps `files` to be shared with `user` in their DM, `text` beside them, once the
/// request's changes are saved. False outside `deciding` (nothing kept: the caller
/// says it another way).
pub fn keep_upload(user: &UserId, text: String, files: Vec<Attachment>) -> bool {
    PENDING
        .try_with(|p| {
            p.borrow_mut().messages.push(ForOutbox {
                recipient: user.clone(),
                message: Decided {
                    kind: DecidedKind::Upload,
                    text,
                    buttons: vec![],
                    ephemeral: false,
                    reply_url: None,
                    files,
                },
            })
        })
        .is_ok()
}

/// Sets where this request's ephemeral replies go (its `response_url`), for the
/// messages decided from now on.
pub fn set_reply_url(url: Option<String>) {
    let _ = PENDING.try_with(|p| p.borrow_mut().reply_url = url);
}

/// Sets the language of the person whose request is being handled (their Slack
/// locale's), for the words an adapter says to them on the engine's behalf (what to do
/// about a destination's refusal). Nothing outside `deciding`.
pub fn set_reader_language(lang: Option<String>) {
    let _ = PENDING.try_with(|p| p.borrow_mut().reader = lang);
}

/// The language of the person whose request is being handled, if known: None outside a
/// request (the scheduler's work) or when the adapter did not say.
pub fn reader_language() -> Option<String> {
    PENDING
        .try_with(|p| p.borrow().reader.clone())
        .ok()
        .flatten()
}

/// Takes the messages decided so far in this request, to be written with the change
/// that decided them. Empty outside `deciding`.
pub fn take_decided() -> Vec<ForOutbox> {
    PENDING
        .try_with(|p| std::mem::take(&mut p.borrow_mut().messages))
        .unwrap_or_default()
}

/// Whether messages are being kept for the outbox (a request handled under `deciding`).
pub fn is_deciding() -> bool {
    PENDING.try_with(|_| ()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dm(user: &str, text: &str, ephemeral: bool) -> Outgoing {
        Outgoing {
            to: Recipient::User(UserId::parse(user).unwrap()),
            text: text.into(),
            buttons: vec![Button::new("Approve", "hero_approve", "1:2")],
            ephemeral,
            outbox_id: None,
        }
    }

    #[tokio::test]
    async fn messages_decided_in_a_request_are_kept_in_order_and_replies_carry_the_reply_url() {
        let ((), kept) = deciding(Some("https://hooks.example/r/1".into()), || async {
            assert!(keep(dm("U1", "first", false)).is_none());
            assert!(keep(dm("U2", "second", true)).is_none());
            // A channel post or a story post is not the outbox's: it goes back to be sent.
            let post = Outgoing {
                to: Recipient::Channel(ChannelId::from_trusted("C1")),
                ..dm("U1", "post", false)
            };
            assert!(keep(post).is_some());
            assert!(refresh_home(&UserId::parse("U1").unwrap()));
            assert!(refresh_home(&UserId::parse("U1").unwrap()));
        })
        .await;
        let texts: Vec<&str> = kept.iter().map(|m| m.message.text.as_str()).collect();
        assert_eq!(texts, ["first", "second", ""]);
        assert_eq!(kept[0].message.reply_url, None);
        assert_eq!(
            kept[1].message.reply_url.as_deref(),
            Some("https://hooks.example/r/1")
        );
        assert_eq!(kept[2].message.kind, DecidedKind::Home);
        // A stored message reads back as it was decided.
        let back = ForOutbox::parse("U2", &kept[1].body()).unwrap();
        assert_eq!(back, kept[1]);
        assert_eq!(back.outgoing(), dm("U2", "second", true));
    }

    #[tokio::test]
    async fn files_to_share_are_kept_with_the_request_and_read_back_byte_for_byte() {
        let user = UserId::parse("U1").unwrap();
        let png = b"\x89PNG\r\n\x1a\n\x00\xff";
        assert!(!keep_upload(&user, "outside".into(), vec![]));
        let ((), kept) = deciding(None, || async {
            let chart = Attachment::new("chart.png", "Adoption", png);
            assert!(keep_upload(&user, "the summary".into(), vec![chart]));
        })
        .await;
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].message.kind, DecidedKind::Upload);
        let back = ForOutbox::parse("U1", &kept[0].body()).unwrap();
        assert_eq!(back, kept[0]);
        assert_eq!(back.message.text, "the summary");
        assert_eq!(back.message.files[0].bytes().unwrap(), png);
    }

    #[tokio::test]
    async fn outside_a_request_nothing_is_kept_and_taken_messages_are_not_kept_twice() {
        assert!(keep(dm("U1", "now", false)).is_some());
        assert!(!refresh_home(&UserId::parse("U1").unwrap()));
        assert!(take_decided().is_empty());
        let (taken, left) = deciding(None, || async {
            keep(dm("U1", "with the step", false));
            let taken = take_decided();
            keep(dm("U1", "after the step", false));
            taken
        })
        .await;
        assert_eq!(taken.len(), 1);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].message.text, "after the step");
    }
}
