//! The engine: an event comes in (a command, a DM, a button, a clock tick), the story it
//! concerns is loaded, the pure domain decides, the result is saved, and messages go out
//! through a `Transport`. The console and Slack run this same engine.
//!
//! Invariants kept here: a story's text is changed only by the composer from the hero's
//! answers (and the headline proposal); the hero approves the exact `pending_text`,
//! which becomes `approved_text`, which is what is posted; posts go through the outbox.

use std::future::Future;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::config::{Prompts, Settings};
use crate::destinations::{Delivery, Publishers};
use crate::domain::command::{self, Command, Picks};
use crate::domain::destination::{DestinationKind, DestinationRef};
use crate::domain::ids::StoryRef;
use crate::domain::interview::{self, Answers, Effect, Input, Refusal};
use crate::domain::pipeline::{transition, Action, Actor, PipelineError, Stage};
use crate::domain::schedule::CronSpec;
use crate::domain::story::{self, Draft, StoryInput};
use crate::domain::{mrkdwn, ChannelId, StoryId, UserId};
use crate::store::{DestinationRow, PostRow, Store, StoryRow};

/// The kind of destination Slack channels are stored as.
pub const CHANNEL: &str = "slack_channel";

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A direct message to a person.
    User(UserId),
    /// A channel post.
    Channel(ChannelId),
}

/// A button under a message. `action` says what it does, `value` which story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub action: String,
    pub value: String,
}

impl Button {
    fn new(label: impl Into<String>, action: &str, value: impl ToString) -> Button {
        Button {
            label: label.into(),
            action: action.to_string(),
            value: value.to_string(),
        }
    }
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

/// How messages leave Spotlight: printed by the console, sent by Slack's Web API.
pub trait Transport: Send + Sync {
    /// Delivers a message and returns a reference to it (Slack's `ts`). A failure that
    /// the destination reported, or that leaves it unknown whether the message arrived,
    /// is a `SendError` in the chain.
    fn send(&self, msg: Outgoing) -> impl Future<Output = anyhow::Result<String>> + Send;

    /// Looks in `channel` for a story post carrying `outbox_id` sent since `since`, and
    /// returns its reference: how a send whose outcome is unknown is settled.
    fn find_post(
        &self,
        channel: &ChannelId,
        outbox_id: i64,
        since: DateTime<Utc>,
    ) -> impl Future<Output = anyhow::Result<Option<String>>> + Send;

    /// What a posted message has gathered so far, as (kind, person, detail) with kind
    /// `reaction` (detail: its name) or `reply` (detail: the reply's reference); None when
    /// the destination cannot tell.
    fn engagement(
        &self,
        message_ref: &str,
    ) -> impl Future<Output = anyhow::Result<Option<Vec<(String, String, String)>>>> + Send;

    /// How many people are in a channel, where the destination can tell.
    fn channel_members(
        &self,
        channel: &ChannelId,
    ) -> impl Future<Output = anyhow::Result<Option<u64>>> + Send;
}

/// How far back engagement is refreshed from the destination, and how often.
pub const ENGAGEMENT_WINDOW: Duration = Duration::days(14);
pub const ENGAGEMENT_REFRESH: Duration = Duration::hours(1);

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

/// A post whose outcome is unknown is looked up after this long, not before.
pub const RECONCILE_AFTER: Duration = Duration::seconds(30);
/// A blocked destination is tried again after this long.
pub const RETRY_BLOCKED_AFTER: Duration = Duration::minutes(15);

/// What happened to one outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Published {
    Posted,
    /// Someone else had claimed it.
    Skipped,
    /// An admin must fix something; the destination is blocked until then.
    Blocked(String),
    /// Refused for another reason; the story stays in the queue.
    Failed(String),
    /// It may have arrived; it will be looked up before anything is resent.
    Uncertain(String),
}

/// What an admin should do about a refusal they can fix, or None if it is not theirs to fix.
pub fn fix_for(code: &str, channel: &str) -> Option<String> {
    Some(match code {
        "not_in_channel" => format!("the bot is not a member of <#{channel}>: invite it with `/invite @Spotlight` in the channel"),
        "channel_not_found" => format!("<#{channel}> was not found (deleted, or private without the bot): check it and invite the bot"),
        "is_archived" => format!("<#{channel}> is archived: unarchive it, or pause it with `/spotlight pause <#{channel}>`"),
        "invalid_auth" | "not_authed" | "token_revoked" | "token_expired" | "account_inactive" => {
            "Slack refused the bot token: reinstall the app and update SLACK_BOT_TOKEN".to_string()
        }
        "restricted_action" | "ekm_access_denied" => format!("posting in <#{channel}> is restricted: allow the app to post there"),
        _ => return None,
    })
}

/// Something that happened that Spotlight must react to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// `/spotlight <text>`.
    Command { user: UserId, text: String },
    /// A direct message to the bot.
    Message {
        user: UserId,
        text: String,
        message_ref: Option<String>,
    },
    /// The person edited a direct message they sent earlier.
    MessageEdited {
        user: UserId,
        message_ref: String,
        text: String,
    },
    /// A button press.
    Button {
        user: UserId,
        action: String,
        value: String,
    },
    /// Someone reacted to a message (or took the reaction back).
    Reaction {
        user: UserId,
        message_ref: String,
        name: String,
        added: bool,
    },
    /// Someone replied in the thread of a message.
    ThreadReply {
        user: UserId,
        parent_ref: String,
        reply_ref: String,
    },
    /// A form (`App::form`) was submitted.
    FormSubmitted {
        user: UserId,
        callback: String,
        value: String,
        fields: std::collections::BTreeMap<String, FieldValue>,
    },
}

/// A form for a person to fill in (a modal in Slack). The console uses the step-by-step
/// DM flows instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub intro: String,
    pub submit: String,
    /// What submitting does, and for which story (`Inbound::FormSubmitted` carries both).
    pub callback: String,
    pub value: String,
    pub fields: Vec<Field>,
}

/// One input of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        initial: String,
        multiline: bool,
        max_chars: usize,
    },
    /// Choose any of the options (key, label); `chosen` are ticked at first.
    Checkboxes {
        options: Vec<(String, String)>,
        chosen: Vec<String>,
    },
}

/// What a person entered in a form field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    Choices(Vec<String>),
}

/// What a person is in the middle of, outside the interview itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Conversation {
    /// The hero pressed Edit and picks what to change.
    EditPick { story: i64 },
    /// The hero's next message is the new wording of `key` (or the headline).
    EditText { story: i64, key: String },
    /// The hero's next message is a change request for the admins.
    ChangeComment { story: i64 },
}

const HEADLINE_KEY: &str = "headline";
/// The story log's line when an interview is finished (and the draft is ready).
const FINISHED_EVENT: &str = "interview finished, draft ready";

/// The engine. Cheap to share behind an `Arc`.
pub struct App<T: Transport> {
    store: Store,
    prompts: Prompts,
    /// The configured admins, plus workspace admins the Slack adapter has met.
    admins: std::sync::RwLock<Vec<UserId>>,
    timezone: String,
    transport: T,
    publishers: Publishers,
}

/// A refusal or mistake to tell the person about; not an internal failure.
#[derive(Debug)]
struct Refused(String);

type Outcome = Result<(), Refused>;

fn refuse(msg: impl Into<String>) -> Refused {
    Refused(msg.into())
}

fn pipeline(e: PipelineError) -> Refused {
    let text = e.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => Refused(format!("Sorry, {}{}.", first, chars.as_str())),
        None => Refused(text),
    }
}

impl<T: Transport> App<T> {
    pub fn new(store: Store, settings: &Settings, transport: T) -> App<T> {
        let admins = settings
            .admins
            .iter()
            .filter_map(|a| UserId::parse(a).ok())
            .collect();
        App {
            store,
            prompts: settings.prompts.clone(),
            admins: std::sync::RwLock::new(admins),
            timezone: settings.timezone.clone(),
            transport,
            publishers: settings.publishers.clone(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    pub fn is_admin(&self, user: &UserId) -> bool {
        self.admins.read().expect("admin list lock").contains(user)
    }

    /// The admins, in the order they became known.
    pub fn admins(&self) -> Vec<UserId> {
        self.admins.read().expect("admin list lock").clone()
    }

    /// Makes `user` an admin (a workspace admin or owner, as Slack reports).
    pub fn add_admin(&self, user: &UserId) {
        let mut admins = self.admins.write().expect("admin list lock");
        if !admins.contains(user) {
            admins.push(user.clone());
        }
    }

    /// Reacts to one inbound event at `now`.
    #[tracing::instrument(skip_all)]
    pub async fn handle(&self, inbound: Inbound, now: DateTime<Utc>) -> anyhow::Result<()> {
        // Everything but direct messages is boxed: those futures are large (a command's is
        // 12 KiB), and inline they would make every answer's future, copied as it moves
        // into a lane, as large as the largest.
        let (user, result) = match inbound {
            Inbound::Command { user, text } => {
                let r = Box::pin(self.command(&user, &text, now)).await?;
                (user, r)
            }
            Inbound::Message {
                user,
                text,
                message_ref,
            } => {
                let r = self
                    .message(&user, &text, message_ref.as_deref(), now)
                    .await?;
                (user, r)
            }
            Inbound::MessageEdited {
                user,
                message_ref,
                text,
            } => {
                let r = Box::pin(self.edited(&user, &message_ref, &text, now)).await?;
                (user, r)
            }
            Inbound::Button {
                user,
                action,
                value,
            } => {
                let r = Box::pin(self.button(&user, &action, &value, now)).await?;
                (user, r)
            }
            Inbound::Reaction {
                user,
                message_ref,
                name,
                added,
            } => {
                if let Some(post) = self.store.post_by_ref(&message_ref).await? {
                    if added {
                        self.store
                            .add_engagement(post.id, "reaction", user.as_str(), &name, now)
                            .await?;
                    } else {
                        self.store
                            .remove_engagement(post.id, "reaction", user.as_str(), &name)
                            .await?;
                    }
                }
                return Ok(());
            }
            Inbound::ThreadReply {
                user,
                parent_ref,
                reply_ref,
            } => {
                if let Some(post) = self.store.post_by_ref(&parent_ref).await? {
                    self.store
                        .add_engagement(post.id, "reply", user.as_str(), &reply_ref, now)
                        .await?;
                }
                return Ok(());
            }
            Inbound::FormSubmitted {
                user,
                callback,
                value,
                fields,
            } => {
                let r =
                    Box::pin(self.form_submitted(&user, &callback, &value, &fields, now)).await?;
                (user, r)
            }
        };
        if let Err(Refused(text)) = result {
            self.reply(&user, text).await?;
        }
        Ok(())
    }

    // ---- sending ----

    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        self.transport.send(msg).await
    }

    /// A private answer to the person who acted.
    async fn reply(&self, user: &UserId, text: impl Into<String>) -> anyhow::Result<()> {
        self.send(Outgoing {
            to: Recipient::User(user.clone()),
            text: text.into(),
            buttons: vec![],
            ephemeral: true,
            outbox_id: None,
        })
        .await?;
        Ok(())
    }

    async fn dm(
        &self,
        user: &UserId,
        text: impl Into<String>,
        buttons: Vec<Button>,
    ) -> anyhow::Result<()> {
        self.send(Outgoing {
            to: Recipient::User(user.clone()),
            text: text.into(),
            buttons,
            ephemeral: false,
            outbox_id: None,
        })
        .await?;
        Ok(())
    }

    async fn tell_admins(&self, text: &str, buttons: Vec<Button>) -> anyhow::Result<()> {
        for admin in self.admins() {
            self.dm(&admin, text, buttons.clone()).await?;
        }
        Ok(())
    }

    // ---- helpers ----

    fn actor(&self, user: &UserId, story: &StoryRow) -> Actor {
        Actor::Person {
            is_hero: story.hero_id == user.as_str(),
            is_admin: self.is_admin(user),
        }
    }

    /// A person's name for texts: their stored display name, else their handle.
    async fn name_of(&self, user: &UserId) -> anyhow::Result<String> {
        Ok(self
            .store
            .user_name(user)
            .await?
            .unwrap_or_else(|| default_name(user)))
    }

    /// Records a person Spotlight meets, named after their handle in the console.
    pub async fn ensure_user(
        &self,
        user: &UserId,
        display_name: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let name = display_name
            .map(str::to_string)
            .unwrap_or_else(|| default_name(user));
        self.store.ensure_user(user, &name, now).await
    }

    async fn resolve(&self, story: &StoryRef) -> anyhow::Result<Result<StoryRow, Refused>> {
        let row = match story {
            StoryRef::Id(id) => self.store.story(*id).await?,
            StoryRef::Hero(hero) => match self.store.open_story_of(hero).await? {
                Some(s) => Some(s),
                None => self.store.latest_story_of(hero).await?,
            },
        };
        Ok(row.ok_or_else(|| match story {
            StoryRef::Id(id) => refuse(format!(
                "There is no story {id}. `/spotlight status` lists them."
            )),
            StoryRef::Hero(hero) => refuse(format!(
                "{} has no story. Nominate them with `/spotlight nominate {}`.",
                hero.mention(),
                hero.mention()
            )),
        }))
    }

    async fn load(&self, id: i64) -> anyhow::Result<Result<StoryRow, Refused>> {
        self.resolve(&StoryRef::Id(StoryId(id))).await
    }

    fn touch(story: &mut StoryRow, now: DateTime<Utc>) {
        story.updated_at = now;
        story.waiting_since = now;
        story.reminders_sent = 0;
    }

    async fn channel_list(&self, ids: &[i64]) -> anyhow::Result<String> {
        let all = self.store.destinations().await?;
        let names: Vec<String> = all
            .iter()
            .filter(|d| ids.contains(&d.id))
            .map(|d| d.label())
            .collect();
        Ok(names.join(", "))
    }

    /// The destinations a story goes to: those an admin chose, else every active channel.
    async fn destinations_for(&self, story: &StoryRow) -> anyhow::Result<Vec<DestinationRow>> {
        let chosen = self.store.targets(story.story_id()).await?;
        Ok(self
            .store
            .destinations()
            .await?
            .into_iter()
            .filter(|d| chosen.is_empty() || chosen.contains(&d.id))
            .collect())
    }

    // ---- the story ----

    /// Composes the story from the hero's current answers.
    async fn compose(&self, story: &StoryRow) -> anyhow::Result<Result<Draft, Refused>> {
        let answers = self.store.answers(story.story_id()).await?;
        self.compose_from(story, &answers).await
    }

    /// The draft of `story` from its `answers`.
    async fn compose_from(
        &self,
        story: &StoryRow,
        answers: &Answers,
    ) -> anyhow::Result<Result<Draft, Refused>> {
        let set = &self.prompts.interview;
        let candidates = story::candidates(set, answers);
        let selected = story.selected();
        let (quotes, takeaway) = story::select(&candidates, selected.as_deref());
        let hero = story.hero();
        let input = StoryInput {
            headline: story::headline(story.headline.as_deref(), set, answers),
            hero_name: self.name_of(&hero).await?,
            hero,
            quotes,
            takeaway,
        };
        let mut admin_names = Vec::new();
        for admin in self.admins() {
            admin_names.push(admin.as_str().to_string());
            if let Some(name) = self.store.user_name(&admin).await? {
                admin_names.push(name);
            }
        }
        Ok(
            story::compose(&self.prompts.story_template, &input, &admin_names)
                .map_err(|e| refuse(e.to_string())),
        )
    }

    /// The review card admins see: the draft, its checks, and the answers to pick from.
    async fn review_card(&self, story: &StoryRow) -> anyhow::Result<(String, Vec<Button>)> {
        let answers = self.store.answers(story.story_id()).await?;
        self.review_card_of(story, &answers).await
    }

    /// The review card of `story` with its current `answers`.
    async fn review_card_of(
        &self,
        story: &StoryRow,
        answers: &Answers,
    ) -> anyhow::Result<(String, Vec<Button>)> {
        let draft = match self.compose_from(story, answers).await? {
            Ok(d) => d,
            Err(Refused(e)) => return Ok((e, vec![])),
        };
        let candidates = story::candidates(&self.prompts.interview, answers);
        let selected = story.selected();
        let hero = story.hero();
        let mut text = format!(
            "*Story {}* for {} ({})\n\n{}\n\n*Checks*\n{}\n\n*Answers* (choose with `/spotlight quotes {} 1,2,…`)",
            story.id,
            hero.mention(),
            story.stage(),
            draft.text,
            draft.checks.lines().join("\n"),
            story.id
        );
        for (i, q) in candidates.iter().enumerate() {
            let quoted = selected.as_ref().is_none_or(|keys| keys.contains(&q.key));
            let preview: String = q.text.chars().take(90).collect();
            let more = if q.text.chars().count() > 90 {
                "…"
            } else {
                ""
            };
            text.push_str(&format!(
                "\n{} {}. {}: “{}{}”",
                if quoted { "☑" } else { "☐" },
                i + 1,
                q.key,
                mrkdwn::escape(&preview),
                more
            ));
        }
        if candidates.is_empty() {
            text.push_str("\n(no answers: the hero skipped every question)");
        }
        if let Some(req) = &story.change_request {
            text.push_str(&format!(
                "\n\n*{} asked for changes:* “{}”",
                hero.mention(),
                mrkdwn::escape(req)
            ));
        }
        let buttons = match story.stage() {
            Stage::Drafted | Stage::ChangesRequested => vec![
                Button::new("Approve & send to hero", "admin_approve", story.id),
                Button::new("Pick quotes & headline", "admin_review", story.id),
            ],
            _ => vec![],
        };
        Ok((text, buttons))
    }

    /// Shows the hero the exact text they are asked to approve.
    async fn ask_hero_to_approve(&self, story: &StoryRow, lead: &str) -> anyhow::Result<()> {
        let text = story.pending_text.clone().unwrap_or_default();
        let dests = self.destinations_for(story).await?;
        let ids: Vec<i64> = dests.iter().map(|d| d.id).collect();
        let where_ = if ids.is_empty() {
            String::new()
        } else {
            format!(" to {}", self.channel_list(&ids).await?)
        };
        let v = format!("{}:{}", story.id, story.pending_version);
        let body = format!(
            "{lead}\nHere is your story, exactly as it will be posted{where_}:\n\n{text}\n\nApprove it, change your words, ask for changes, or opt out. Nothing is posted without your approval."
        );
        self.dm(
            &story.hero(),
            body,
            vec![
                Button::new("Approve", "hero_approve", &v),
                Button::new("Edit", "hero_edit", &v),
                Button::new("Request changes", "hero_changes", &v),
                Button::new("Opt out", "opt_out", story.id),
            ],
        )
        .await
    }

    /// Re-composes the text awaiting the hero's approval after the hero changed it.
    async fn refresh_pending(
        &self,
        story: &mut StoryRow,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let draft = match self.compose(story).await? {
            Ok(d) => d,
            Err(e) => return Ok(Err(e)),
        };
        story.pending_text = Some(draft.text);
        story.pending_version += 1;
        Self::touch(story, now);
        self.store.save_story(story).await?;
        Ok(Ok(()))
    }

    // ---- commands ----

    async fn command(
        &self,
        user: &UserId,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let cmd = match command::parse(text) {
            Ok(c) => c,
            Err(e) => return Ok(Err(refuse(e.to_string()))),
        };
        if cmd.admin_only() && !self.is_admin(user) {
            let name = text.split_whitespace().next().unwrap_or("help");
            return Ok(Err(refuse(format!(
                "Sorry, `/spotlight {name}` is for Spotlight admins. You can `/spotlight suggest @colleague` for the spotlight, or see `/spotlight help`."
            ))));
        }
        match cmd {
            Command::Help => {
                self.reply(user, command::help(self.is_admin(user))).await?;
                Ok(Ok(()))
            }
            Command::Status => self.status(user, now).await,
            Command::Queue => self.queue(user, now).await,
            Command::Drafts => self.drafts(user).await,
            Command::Candidates => self.candidates(user).await,
            Command::Report => {
                let rows = self.report_rows().await?;
                let mut text = String::from("*Results* (audience activity per person: the last period before publication → the latest since; a change, not its cause)");
                if rows.is_empty() {
                    text.push_str("\nNo story has been published yet.");
                }
                for line in crate::domain::report::mrkdwn_lines(&rows) {
                    text.push('\n');
                    text.push_str(&line);
                }
                self.reply(user, text).await?;
                Ok(Ok(()))
            }
            Command::Audience { channel, group } => {
                let Some(mut d) = self.store.destination(CHANNEL, channel.as_str()).await? else {
                    return Ok(Err(refuse(format!(
                        "<#{}> isn't a Spotlight channel yet: add it with `/spotlight channel add <#{}>` first.",
                        channel.as_str(),
                        channel.as_str()
                    ))));
                };
                d.audience = Some(group.clone());
                self.store.save_destination(&d).await?;
                self.reply(
                    user,
                    format!("<#{}> is read by {}: `/spotlight report` compares that group's activity before and after each story posted there.", d.target, mrkdwn::escape(&group)),
                )
                .await?;
                Ok(Ok(()))
            }
            Command::Destinations => self.channels(user, now).await,
            Command::Nominate { user: hero, note } => self.nominate(user, &hero, &note, now).await,
            Command::Suggest { user: hero, note } => self.suggest(user, &hero, &note, now).await,
            Command::OptOut => match self.store.open_story_of(user).await? {
                Some(s) => self.opt_out(user, s.id, now).await,
                None => Ok(Err(refuse(
                    "You have no story in progress, so there is nothing to opt out of.",
                ))),
            },
            Command::Quotes { story, picks } => self.pick_quotes(user, &story, picks, now).await,
            Command::Headline { story, text } => {
                self.propose_headline(user, &story, &text, now).await
            }
            Command::History(story) => self.history(user, &story).await,
            Command::Approve {
                story,
                destinations,
            } => {
                self.admin_approve(user, &story, Some(&destinations), now)
                    .await
            }
            Command::DestinationAdd(d) => self.destination_add(user, &d, now).await,
            Command::DestinationRemove(d) => self.destination_remove(user, &d).await,
            Command::Schedule {
                cron,
                destination,
                timezone,
            } => {
                self.schedule(user, &cron, destination.as_ref(), timezone.as_deref(), now)
                    .await
            }
            Command::PublishNext(ch) => self.publish_next(user, ch.as_ref(), now).await,
            Command::Pause(ch) => self.set_paused(user, ch.as_ref(), true, now).await,
            Command::Resume(ch) => self.set_paused(user, ch.as_ref(), false, now).await,
            Command::Drop(story) => {
                let row = match self.resolve(&story).await? {
                    Ok(r) => r,
                    Err(e) => return Ok(Err(e)),
                };
                let actor = self.actor(user, &row);
                Ok(transition(row.stage(), Action::Drop, actor)
                    .map(|_| ())
                    .map_err(pipeline))
            }
        }
    }

    async fn nominate(
        &self,
        admin: &UserId,
        hero: &UserId,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if let Some(open) = self.store.open_story_of(hero).await? {
            return Ok(Err(refuse(format!(
                "{} already has story {} in progress ({}).",
                hero.mention(),
                open.id,
                open.stage()
            ))));
        }
        self.ensure_user(hero, None, now).await?;
        let mut story = self.store.insert_story(hero, admin, note, now).await?;
        let stage = match transition(story.stage(), Action::Invite, self.actor(admin, &story)) {
            Ok(s) => s,
            Err(e) => return Ok(Err(pipeline(e))),
        };
        story.set_stage(stage);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store
            .log(
                story.story_id(),
                admin.as_str(),
                "nominated and invited",
                now,
            )
            .await?;
        self.send_invitation(&story, None).await?;
        self.reply(
            admin,
            format!(
                "Nominated {} (story {}). I've sent them an invitation; `/spotlight status` shows where it stands.",
                hero.mention(),
                story.id
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    async fn send_invitation(&self, story: &StoryRow, lead: Option<&str>) -> anyhow::Result<()> {
        let hero = story.hero();
        let name = self.name_of(&hero).await?;
        let mut text = match lead {
            Some(l) => format!("{l}\n"),
            None => String::new(),
        };
        text.push_str(&format!(
            "Hi {}! You've been nominated for *Spotlight*: colleagues noticed how well you use our tools, and others could learn from you.\n\
             It's a short chat here, one question at a time (about 15 minutes, pause whenever you like). Your answers become a short story in your own words, and nothing is shared until you approve the exact text.",
            mrkdwn::escape(&name)
        ));
        if !story.note.trim().is_empty() {
            text.push_str(&format!(
                "\nWhy you: “{}”",
                mrkdwn::escape(story.note.trim())
            ));
        }
        self.dm(
            &hero,
            text,
            vec![
                Button::new("Start now", "start", story.id),
                Button::new("Later", "later", story.id),
                Button::new("No thanks", "decline", story.id),
            ],
        )
        .await
    }

    async fn suggest(
        &self,
        by: &UserId,
        hero: &UserId,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        self.ensure_user(hero, None, now).await?;
        let mut text = format!(
            "{} suggests {} for the spotlight.",
            by.mention(),
            hero.mention()
        );
        if !note.is_empty() {
            text.push_str(&format!(" Why: “{}”", mrkdwn::escape(note)));
        }
        self.tell_admins(
            &text,
            vec![Button::new("Nominate", "nominate", hero.as_str())],
        )
        .await?;
        self.reply(
            by,
            format!(
                "Thanks! I've passed your suggestion of {} to the Spotlight admins.",
                hero.mention()
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    /// A story's log, oldest first: who did what, and when (`/spotlight history`).
    async fn history(&self, user: &UserId, story: &StoryRef) -> anyhow::Result<Outcome> {
        let row = match self.resolve(story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let events = self.store.events(row.story_id()).await?;
        let mut text = format!(
            "*Story {}* {}: {}, waits on {}",
            row.id,
            row.hero().mention(),
            row.stage(),
            row.stage().waiting_on()
        );
        if events.is_empty() {
            text.push_str("\nNothing has been recorded for it yet.");
        }
        // Spotlight writes every line of the log itself (no one's free text), with
        // destinations as Slack shows them (`<#C…>` is a link to the channel).
        for (at, actor, what) in events {
            let who = match UserId::parse(&actor) {
                Ok(u) if actor != "spotlight" => u.mention(),
                _ => "Spotlight".to_string(),
            };
            text.push_str(&format!("\n• {}: {who} {what}", fmt_time(at)));
        }
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    async fn status(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let text = self.status_text(user, now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// Where things stand, as the person may see it: the pipeline for admins, their own
    /// story for everyone else.
    pub async fn status_text(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<String> {
        if !self.is_admin(user) {
            return Ok(match self.store.latest_story_of(user).await? {
                Some(s) => format!(
                    "Your story ({}) is {}; it waits on {}.",
                    s.id,
                    s.stage(),
                    s.stage().waiting_on().replace("the hero", "you")
                ),
                None => "You have no story in Spotlight yet. Know a power user? `/spotlight suggest @colleague`.".to_string(),
            });
        }
        let all = self.store.stories_in(&Stage::ALL).await?;
        if all.is_empty() {
            return Ok("No stories yet. Start with `/spotlight nominate @person`.".to_string());
        }
        let open: Vec<&StoryRow> = all.iter().filter(|s| s.stage().is_open()).collect();
        let mut text = format!("*Spotlight pipeline*: {} open", open.len());
        for s in &open {
            let detail = match s.stage() {
                Stage::Interviewing => {
                    let st = s.interview();
                    let n = self.prompts.interview.questions.len();
                    let paused = if st.status == interview::Status::Paused {
                        ", paused"
                    } else {
                        ""
                    };
                    format!(" (question {} of {n}{paused})", (st.position + 1).min(n))
                }
                _ => String::new(),
            };
            let nudged = match s.reminders_sent {
                0 => String::new(),
                1 => " (nudged once)".to_string(),
                n => format!(" (nudged {n} times)"),
            };
            text.push_str(&format!(
                "\n• Story {} {}: {}{detail}; waits on {} for {}{nudged}",
                s.id,
                s.hero().mention(),
                s.stage(),
                s.stage().waiting_on(),
                human_duration(now - s.waiting_since)
            ));
        }
        let published: Vec<&StoryRow> = all
            .iter()
            .filter(|s| s.stage() == Stage::Published)
            .collect();
        let opted = all.iter().filter(|s| s.stage() == Stage::OptedOut).count();
        text.push_str(&format!(
            "\nPublished: {}. Opted out: {opted}.",
            published.len()
        ));
        for s in published.iter().rev().take(10) {
            let (reactions, replies, people) = self.store.engagement_of(s.story_id()).await?;
            text.push_str(&format!(
                "\n• Story {} {}, posted {}: {reactions} reactions, {replies} replies, {people} people",
                s.id,
                s.hero().mention(),
                s.published_at.map(fmt_time).unwrap_or_default()
            ));
        }
        Ok(text)
    }

    async fn queue(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let text = self.queue_text(now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// The publishing queue in order, and each channel's schedule.
    pub async fn queue_text(&self, now: DateTime<Utc>) -> anyhow::Result<String> {
        let mut stories = self
            .store
            .stories_in(&[Stage::Approved, Stage::Queued])
            .await?;
        stories.sort_by_key(|s| (s.approved_seq, s.id));
        let mut text = String::from("*Publishing queue* (first approved, first posted)");
        if stories.is_empty() {
            text.push_str("\nNothing is waiting to be posted.");
        }
        for (i, s) in stories.iter().enumerate() {
            let posts = self.store.posts_of(s.story_id()).await?;
            let where_ = if posts.is_empty() {
                "waiting for a channel (`/spotlight channel add #channel`)".to_string()
            } else {
                posts
                    .iter()
                    .map(|p| {
                        let state = if p.status == "sent" {
                            "posted"
                        } else {
                            "waiting"
                        };
                        format!("{} {state}", p.label())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            text.push_str(&format!(
                "\n{}. Story {} {}, approved {}: {where_}",
                i + 1,
                s.id,
                s.hero().mention(),
                s.approved_at.map(fmt_time).unwrap_or_default()
            ));
        }
        text.push('\n');
        text.push_str(&self.channels_text(now).await?);
        Ok(text)
    }

    /// The App Home: admins see the pipeline, the queue and the channels; a hero sees
    /// their own story and what it waits on.
    pub async fn home_text(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<String> {
        if self.is_admin(user) {
            let results = crate::domain::report::mrkdwn_lines(&self.report_rows().await?);
            let results = if results.is_empty() {
                String::new()
            } else {
                format!(
                    "\n\n*Results*\n{}",
                    results.into_iter().take(10).collect::<Vec<_>>().join("\n")
                )
            };
            return Ok(format!(
                "{}\n\n{}{results}\n\nReview drafts with `/spotlight drafts`; `/spotlight help` lists every command.",
                self.status_text(user, now).await?,
                self.queue_text(now).await?
            ));
        }
        let Some(story) = self.store.latest_story_of(user).await? else {
            return Ok("*Spotlight* shares the success stories of colleagues who get the most out of our tools.\nYou have no story yet. Know a power user? `/spotlight suggest @colleague`.".to_string());
        };
        let mut text = format!(
            "*Your Spotlight story* ({})\nIt waits on {}.",
            story.stage(),
            story.stage().waiting_on().replace("the hero", "you")
        );
        let shown = story.approved_text.as_ref().or(story.pending_text.as_ref());
        if let Some(t) = shown {
            text.push_str(&format!("\n\n{t}"));
        }
        if story.stage() == Stage::AwaitingApproval {
            text.push_str("\n\nApprove, edit or opt out from my direct message to you.");
        }
        if story.stage() == Stage::Published {
            let (reactions, replies, people) = self.store.engagement_of(story.story_id()).await?;
            text.push_str(&format!(
                "\n\nSo far: {reactions} reactions and {replies} replies from {people} people."
            ));
        }
        Ok(text)
    }

    async fn channels_text(&self, now: DateTime<Utc>) -> anyhow::Result<String> {
        let dests: Vec<DestinationRow> = self.store.destinations().await?;
        if dests.is_empty() {
            return Ok(
                "*Destinations*: none yet. Add a Slack channel with `/spotlight channel add #channel` (or a Chatter group or an email list: `/spotlight destination add chatter <group id>`, `… email <address>`)."
                    .to_string(),
            );
        }
        let mut text = String::from("*Destinations*");
        for d in dests {
            let when = match d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) {
                Some(Ok(spec)) => {
                    let next = spec
                        .next_after(now)
                        .map(|t| fmt_time_in(t, spec.tz_name()))
                        .unwrap_or_else(|| "never again".into());
                    format!("posts on `{}` ({}), next {next}", spec.expr(), spec.tz_name())
                }
                Some(Err(e)) => format!("schedule is broken ({e}); set a new one with `/spotlight schedule`"),
                None => "no schedule yet (`/spotlight schedule \"0 9 * * MON\"`); `publish-next` posts now".to_string(),
            };
            let paused = match (&d.blocked_reason, d.paused) {
                (_, true) => format!(" — *paused* (`/spotlight resume {}`)", d.reference().arg()),
                (Some(why), false) => format!(" — *on hold*: {why}"),
                (None, false) => String::new(),
            };
            let audience = d
                .audience
                .as_ref()
                .map(|a| format!(", read by {}", mrkdwn::escape(a)))
                .unwrap_or_default();
            text.push_str(&format!("\n• {}: {when}{audience}{paused}", d.label()));
        }
        Ok(text)
    }

    async fn channels(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let text = self.channels_text(now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// The results report, newest story first.
    pub async fn report_rows(&self) -> anyhow::Result<Vec<crate::domain::report::ReportRow>> {
        use crate::domain::report;
        let dests = self.store.destinations().await?;
        let mut facts = Vec::new();
        for s in self.store.stories_in(&[Stage::Published]).await? {
            let posts = self.store.posts_of(s.story_id()).await?;
            let channels = posts
                .iter()
                .filter(|p| p.status == "sent")
                .map(|p| {
                    let audience = dests
                        .iter()
                        .find(|d| d.id == p.destination_id)
                        .and_then(|d| d.audience.clone());
                    (p.target.clone(), audience)
                })
                .collect();
            let (reactions, replies, people) = self.store.engagement_of(s.story_id()).await?;
            let members = self.store.reach_of(s.story_id()).await?;
            let text = mrkdwn::to_plain(s.approved_text.as_deref().unwrap_or_default());
            let headline = text
                .lines()
                .next()
                .unwrap_or_default()
                .trim_matches('*')
                .trim()
                .to_string();
            facts.push(report::StoryFacts {
                story: s.id,
                hero: self.name_of(&s.hero()).await?,
                headline,
                published_at: s.published_at.unwrap_or(s.updated_at),
                channels,
                members,
                reactions,
                replies,
                people,
            });
        }
        let usage: Vec<crate::domain::usage::UsageRecord> = self
            .store
            .usage_records()
            .await?
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        Ok(report::rows(facts, &usage))
    }

    async fn candidates(&self, user: &UserId) -> anyhow::Result<Outcome> {
        use crate::domain::usage;
        let stored = self.store.usage_records().await?;
        if stored.is_empty() {
            self.reply(
                user,
                "No usage data yet. Import an export from your tool with `spotlight import-usage FILE.csv` (a header row naming the user, their group, the period and numeric activity columns).",
            )
            .await?;
            return Ok(Ok(()));
        }
        // People are counted under their Slack user when matched, else as the file names them.
        let records: Vec<usage::UsageRecord> = stored
            .into_iter()
            .map(|(mut r, id)| {
                if let Some(id) = id {
                    r.user = id;
                }
                r
            })
            .collect();
        let featured: std::collections::HashSet<String> =
            self.store.featured_users().await?.into_iter().collect();
        let ranked = usage::candidates(&records, &featured, 10);
        let mut text = String::from("*Likely power users* (not yet featured; top quarter of everyone in how many periods, and their average share of the period's best)");
        let mut buttons = Vec::new();
        if ranked.is_empty() {
            text.push_str("\nEveryone with activity has been featured already.");
        }
        for (i, c) in ranked.iter().enumerate() {
            let who = match UserId::parse(&c.user) {
                Ok(id) if !c.user.contains('@') => {
                    if buttons.len() < 5 {
                        buttons.push(Button::new(
                            format!("Nominate {}", self.name_of(&id).await?),
                            "nominate",
                            id.as_str(),
                        ));
                    }
                    id.mention()
                }
                _ => format!("{} (not matched to a Slack user)", mrkdwn::escape(&c.user)),
            };
            let group = if c.group.is_empty() {
                String::new()
            } else {
                format!(" ({})", mrkdwn::escape(&c.group))
            };
            text.push_str(&format!(
                "\n{}. {who}{group}: top in {} of {} periods, {:.0}% of the best on average",
                i + 1,
                c.top_periods,
                c.periods,
                c.score
            ));
        }
        let groups = usage::audiences(&records);
        if !groups.is_empty() {
            text.push_str(
                "\n\n*Audiences* (lowest adoption first, latest period; activity per person)",
            );
            for g in groups {
                text.push_str(&format!(
                    "\n• {}: {:.1} ({} people)",
                    mrkdwn::escape(&g.group),
                    g.average,
                    g.people
                ));
            }
        }
        self.send(Outgoing {
            to: Recipient::User(user.clone()),
            text,
            buttons,
            ephemeral: true,
            outbox_id: None,
        })
        .await?;
        Ok(Ok(()))
    }

    async fn drafts(&self, user: &UserId) -> anyhow::Result<Outcome> {
        let stories = self
            .store
            .stories_in(&[
                Stage::Drafted,
                Stage::ChangesRequested,
                Stage::AwaitingApproval,
            ])
            .await?;
        if stories.is_empty() {
            self.reply(
                user,
                "No drafts waiting. Drafts appear here when a hero finishes their interview.",
            )
            .await?;
            return Ok(Ok(()));
        }
        for s in stories {
            let (text, buttons) = if s.stage() == Stage::AwaitingApproval {
                (
                    format!(
                        "*Story {}* for {}: waiting for the hero's approval of this text:\n\n{}",
                        s.id,
                        s.hero().mention(),
                        s.pending_text.clone().unwrap_or_default()
                    ),
                    vec![],
                )
            } else {
                self.review_card(&s).await?
            };
            self.send(Outgoing {
                to: Recipient::User(user.clone()),
                text,
                buttons,
                ephemeral: true,
                outbox_id: None,
            })
            .await?;
        }
        Ok(Ok(()))
    }

    async fn revisable(
        &self,
        user: &UserId,
        story: &StoryRef,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let row = match self.resolve(story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        Ok(
            transition(row.stage(), Action::Revise, self.actor(user, &row))
                .map(|_| row)
                .map_err(pipeline),
        )
    }

    async fn pick_quotes(
        &self,
        user: &UserId,
        story: &StoryRef,
        picks: Picks,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut row = match self.revisable(user, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let answers = self.store.answers(row.story_id()).await?;
        let candidates = story::candidates(&self.prompts.interview, &answers);
        let keys: Vec<String> = match picks {
            Picks::All => candidates.iter().map(|q| q.key.clone()).collect(),
            Picks::Numbers(ns) => {
                if let Some(bad) = ns.iter().find(|&&n| n > candidates.len()) {
                    return Ok(Err(refuse(format!(
                        "Story {} has {} answers, so there is no answer {bad}. `/spotlight drafts` numbers them.",
                        row.id,
                        candidates.len()
                    ))));
                }
                ns.iter().map(|&n| candidates[n - 1].key.clone()).collect()
            }
        };
        row.selected_quotes =
            Some(serde_json::to_string(&keys).context("failed to encode quote choice")?);
        row.updated_at = now;
        self.store.save_story(&row).await?;
        self.store
            .log(
                row.story_id(),
                user.as_str(),
                &format!("chose quotes {keys:?}"),
                now,
            )
            .await?;
        let (text, buttons) = self.review_card(&row).await?;
        self.send(Outgoing {
            to: Recipient::User(user.clone()),
            text: format!("Quotes updated.\n{text}"),
            buttons,
            ephemeral: true,
            outbox_id: None,
        })
        .await?;
        Ok(Ok(()))
    }

    async fn propose_headline(
        &self,
        user: &UserId,
        story: &StoryRef,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut row = match self.revisable(user, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        if text.contains('\n') || text.chars().count() > story::MAX_HEADLINE_CHARS {
            return Ok(Err(refuse(format!(
                "A headline is one line of at most {} characters.",
                story::MAX_HEADLINE_CHARS
            ))));
        }
        row.headline = Some(text.to_string());
        row.headline_by = Some("admin".to_string());
        row.updated_at = now;
        self.store.save_story(&row).await?;
        self.store
            .log(row.story_id(), user.as_str(), "proposed a headline", now)
            .await?;
        let (card, buttons) = self.review_card(&row).await?;
        self.send(Outgoing {
            to: Recipient::User(user.clone()),
            text: format!("Headline proposed; the hero sees it when you approve.\n{card}"),
            buttons,
            ephemeral: true,
            outbox_id: None,
        })
        .await?;
        Ok(Ok(()))
    }

    async fn admin_approve(
        &self,
        admin: &UserId,
        story: &StoryRef,
        channels: Option<&[DestinationRef]>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut row = match self.resolve(story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let stage = match transition(
            row.stage(),
            Action::SendForApproval,
            self.actor(admin, &row),
        ) {
            Ok(s) => s,
            Err(e) => return Ok(Err(pipeline(e))),
        };
        if let Some(channels) = channels.filter(|c| !c.is_empty()) {
            let mut ids = Vec::new();
            for r in channels {
                match self.find_destination(r).await? {
                    Ok(d) => ids.push(d.id),
                    Err(e) => return Ok(Err(e)),
                }
            }
            self.store.set_targets(row.story_id(), &ids).await?;
        }
        let draft = match self.compose(&row).await? {
            Ok(d) => d,
            Err(e) => return Ok(Err(e)),
        };
        row.pending_text = Some(draft.text);
        row.pending_version += 1;
        row.change_request = None;
        row.set_stage(stage);
        Self::touch(&mut row, now);
        self.store.save_story(&row).await?;
        self.store
            .log(
                row.story_id(),
                admin.as_str(),
                "sent for the hero's approval",
                now,
            )
            .await?;
        self.ask_hero_to_approve(&row, "Your story is ready for you to review.")
            .await?;
        let failing: Vec<String> = draft
            .checks
            .lines()
            .into_iter()
            .filter(|l| l.starts_with('✗'))
            .collect();
        let mut text = format!(
            "Sent story {} to {} for approval.",
            row.id,
            row.hero().mention()
        );
        if !failing.is_empty() {
            text.push_str(&format!(
                "\nNote, some checks did not pass:\n{}",
                failing.join("\n")
            ));
        }
        self.reply(admin, text).await?;
        Ok(Ok(()))
    }

    /// The stored destination an admin named, or what to do if there is none.
    async fn find_destination(
        &self,
        r: &DestinationRef,
    ) -> anyhow::Result<Result<DestinationRow, Refused>> {
        Ok(
            match self.store.destination(r.kind.as_str(), &r.target).await? {
                Some(d) => Ok(d),
                None => Err(refuse(format!(
                    "{r} isn't a Spotlight destination yet: add it with `/spotlight destination add {}` first (`/spotlight destinations` lists them).",
                    r.arg()
                ))),
            },
        )
    }

    async fn destination_add(
        &self,
        user: &UserId,
        r: &DestinationRef,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if let Some(d) = self.store.destination(r.kind.as_str(), &r.target).await? {
            return Ok(Err(refuse(format!(
                "{} is already a Spotlight destination.",
                d.label()
            ))));
        }
        // A destination beyond Slack is checked first: set up, reachable, allowed.
        let name = if r.kind == DestinationKind::SlackChannel {
            None
        } else {
            match self.publishers.check(r.kind, &r.target).await {
                Ok(name) => name,
                Err(e) => {
                    return Ok(Err(refuse(format!(
                        "I can't add {r}: {e:#}. Nothing was changed."
                    ))))
                }
            }
        };
        self.store
            .add_destination(r.kind.as_str(), &r.target, &self.timezone, now)
            .await?;
        let mut label = r.to_string();
        if let (Some(name), Some(mut d)) = (
            name,
            self.store.destination(r.kind.as_str(), &r.target).await?,
        ) {
            d.name = Some(name);
            self.store.save_destination(&d).await?;
            label = d.label();
        }
        // Approved stories that were waiting for somewhere to go now have one.
        let mut waiting = self.store.stories_in(&[Stage::Approved]).await?;
        waiting.sort_by_key(|s| (s.approved_seq, s.id));
        for s in waiting {
            self.queue_story(s, now).await?;
        }
        let hint = match r.kind {
            DestinationKind::SlackChannel => " Make sure the bot is invited to the channel.",
            DestinationKind::Chatter => " Stories appear there as posts by Salesforce's integration user, with the hero @-mentioned when their Salesforce user is found by email.",
            DestinationKind::Email => " Each story goes there as one email (HTML and plain text).",
        };
        self.reply(
            user,
            format!(
                "Added {label}. Stories are published there with `/spotlight publish-next {arg}`, or on a schedule: `/spotlight schedule \"0 9 * * MON\" {arg}`; `/spotlight pause {arg}` holds them.{hint}",
                arg = r.arg()
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    async fn destination_remove(
        &self,
        user: &UserId,
        r: &DestinationRef,
    ) -> anyhow::Result<Outcome> {
        let dest = match self.find_destination(r).await? {
            Ok(d) => d,
            Err(_) => {
                return Ok(Err(refuse(format!(
                    "{r} is not a Spotlight destination (`/spotlight destinations` lists them)."
                ))))
            }
        };
        if !self.store.remove_destination(dest.id).await? {
            return Ok(Err(refuse(format!(
                "Stories are still waiting to be published to {}, so it stays: every approved story gets published. Pause it with `/spotlight pause {}` instead.",
                dest.label(),
                r.arg()
            ))));
        }
        self.reply(user, format!("Removed {}.", dest.label()))
            .await?;
        Ok(Ok(()))
    }

    async fn schedule(
        &self,
        user: &UserId,
        cron: &str,
        channel: Option<&DestinationRef>,
        tz: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let spec = match CronSpec::parse(cron, tz.unwrap_or(&self.timezone)) {
            Ok(s) => s,
            Err(e) => return Ok(Err(refuse(format!("{e}. Nothing was changed.")))),
        };
        let dests: Vec<DestinationRow> = match channel {
            Some(r) => match self.find_destination(r).await? {
                Ok(d) => vec![d],
                Err(e) => return Ok(Err(e)),
            },
            None => self.store.destinations().await?,
        };
        if dests.is_empty() {
            return Ok(Err(refuse(
                "There is nowhere to schedule yet: `/spotlight channel add #channel` (or `/spotlight destination add …`) first.",
            )));
        }
        let next = spec
            .next_after(now)
            .map(|t| fmt_time_in(t, spec.tz_name()))
            .unwrap_or_else(|| "never (the expression has no future time)".into());
        let mut names = Vec::new();
        for mut d in dests {
            d.cron = Some(spec.expr().to_string());
            d.timezone = spec.tz_name().to_string();
            d.checked_until = now;
            self.store.save_destination(&d).await?;
            names.push(d.label());
        }
        self.reply(
            user,
            format!(
                "{}: one story per `{}` ({}). Next: {next}.",
                names.join(", "),
                spec.expr(),
                spec.tz_name()
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    async fn set_paused(
        &self,
        user: &UserId,
        ch: Option<&DestinationRef>,
        paused: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let dests: Vec<DestinationRow> = self
            .store
            .destinations()
            .await?
            .into_iter()
            .filter(|d| ch.is_none_or(|c| *c == d.reference()))
            .collect();
        if dests.is_empty() {
            return Ok(Err(refuse(match ch {
                Some(c) => format!(
                    "{c} is not a Spotlight destination (`/spotlight destinations` lists them)."
                ),
                None => {
                    "There are no destinations yet: `/spotlight channel add #channel`.".to_string()
                }
            })));
        }
        let dests_label = (dests.len() == 1).then(|| dests[0].label());
        for mut d in dests {
            d.paused = paused;
            // Occurrences missed while paused are not caught up on.
            d.checked_until = now;
            if !paused && d.blocked_reason.is_some() {
                // The admin says it is fixed: the next tick tries again at once.
                d.blocked_at = Some(now - RETRY_BLOCKED_AFTER);
            }
            self.store.save_destination(&d).await?;
        }
        let what = match (ch, dests_label) {
            (Some(_), Some(label)) => label,
            _ => "every destination".to_string(),
        };
        let text = if paused {
            format!("Paused posting to {what}. Approved stories keep their place in the queue; `/spotlight resume` restarts.")
        } else {
            format!("Posting to {what} is back on.")
        };
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    // ---- publishing ----

    /// Puts an approved story in the queue of each of its destinations.
    async fn queue_story(
        &self,
        mut story: StoryRow,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<DestinationRow>> {
        let dests = self.destinations_for(&story).await?;
        if dests.is_empty() {
            return Ok(dests);
        }
        for d in &dests {
            self.store.enqueue(story.story_id(), d.id, now).await?;
        }
        if let Ok(stage) = transition(story.stage(), Action::Queue, Actor::System) {
            story.set_stage(stage);
            story.updated_at = now;
            self.store.save_story(&story).await?;
            self.store
                .log(story.story_id(), "spotlight", "queued", now)
                .await?;
        }
        Ok(dests)
    }

    async fn publish_next(
        &self,
        user: &UserId,
        ch: Option<&DestinationRef>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let posts: Vec<PostRow> = match ch {
            Some(c) => {
                let d = match self.find_destination(c).await? {
                    Ok(d) => d,
                    Err(e) => return Ok(Err(e)),
                };
                if d.paused {
                    return Ok(Err(refuse(format!(
                        "{} is paused: `/spotlight resume {}` first.",
                        d.label(),
                        c.arg()
                    ))));
                }
                // A blocked channel is tried: the admin may just have fixed it.
                self.store
                    .pending_posts(Some(d.id))
                    .await?
                    .into_iter()
                    .take(1)
                    .collect()
            }
            None => {
                let paused: Vec<i64> = self
                    .store
                    .destinations()
                    .await?
                    .into_iter()
                    .filter(|d| d.paused)
                    .map(|d| d.id)
                    .collect();
                let pending: Vec<PostRow> = self
                    .store
                    .pending_posts(None)
                    .await?
                    .into_iter()
                    .filter(|p| !paused.contains(&p.destination_id))
                    .collect();
                match pending.first().map(|p| p.story_id) {
                    Some(first) => pending
                        .into_iter()
                        .filter(|p| p.story_id == first)
                        .collect(),
                    None => vec![],
                }
            }
        };
        if posts.is_empty() {
            return Ok(Err(refuse(
                "Nothing is waiting to be posted. `/spotlight queue` shows the queue.",
            )));
        }
        let mut done = Vec::new();
        for p in posts {
            let service = p.reference().kind.service();
            let problem = match self.publish_post(&p, now).await? {
                Published::Posted | Published::Skipped => {
                    done.push(format!("story {} to {}", p.story_id, p.label()));
                    continue;
                }
                Published::Blocked(fix) => format!("{service} refused it: {fix}. Posting there is on hold until then; nothing is lost."),
                Published::Failed(code) => format!("{service} refused it ({code}). It stays in the queue."),
                Published::Uncertain(why) => format!("{service} gave no clear answer ({why}). I'll check whether it arrived before trying again."),
            };
            return Ok(Err(refuse(format!(
                "Story {} was not posted to {}: {problem}",
                p.story_id,
                p.label()
            ))));
        }
        self.reply(user, format!("Posted {}.", done.join(", ")))
            .await?;
        Ok(Ok(()))
    }

    /// Sends one outbox row: claim, post, record. A claimed row is never sent twice: if
    /// the send's outcome is unknown the row stays claimed until `reconcile` settles it.
    async fn publish_post(&self, post: &PostRow, now: DateTime<Utc>) -> anyhow::Result<Published> {
        if !self.store.claim_post(post.id, now).await? {
            return Ok(Published::Skipped);
        }
        let story = self
            .store
            .story(StoryId(post.story_id))
            .await?
            .context("a queued story is missing")?;
        let text = story
            .approved_text
            .clone()
            .context("a queued story has no approved text")?;
        let kind = post.reference().kind;
        let sent = match kind {
            DestinationKind::SlackChannel => {
                self.send(Outgoing {
                    to: Recipient::Channel(ChannelId::from_trusted(&post.target)),
                    text,
                    buttons: vec![],
                    ephemeral: false,
                    outbox_id: Some(post.id),
                })
                .await
            }
            _ => {
                let delivery = self.delivery(post, &story, text).await?;
                self.publishers.deliver(kind, &delivery).await
            }
        };
        let error = match sent {
            Ok(message_ref) => {
                self.complete_post(post, &message_ref, now).await?;
                return Ok(Published::Posted);
            }
            Err(e) => e,
        };
        tracing::warn!(
            error = format!("{error:#}"),
            post = post.id,
            "posting failed"
        );
        match error.downcast_ref::<SendError>() {
            Some(SendError::Rejected { code, fixable }) => {
                self.store.release_post(post.id).await?;
                // Failing a known fix, the adapter's own explanation says what to do.
                let fix = Publishers::fix_for(kind, code, &post.target).or_else(|| {
                    (kind != DestinationKind::SlackChannel).then(|| {
                        error
                            .chain()
                            .next()
                            .map(|e| e.to_string())
                            .unwrap_or_else(|| code.clone())
                    })
                });
                match (fixable, fix) {
                    (true, Some(fix)) => {
                        self.block_destination(post.destination_id, &fix, now)
                            .await?;
                        Ok(Published::Blocked(fix))
                    }
                    _ => Ok(Published::Failed(code.clone())),
                }
            }
            Some(SendError::Uncertain(why)) => Ok(Published::Uncertain(why.clone())),
            // Not a failure the transport could classify: treat it as unknown, never resend blindly.
            None => Ok(Published::Uncertain(format!("{error:#}"))),
        }
    }

    /// What a destination beyond Slack needs to publish one story.
    async fn delivery(
        &self,
        post: &PostRow,
        story: &StoryRow,
        text: String,
    ) -> anyhow::Result<Delivery> {
        let hero = story.hero();
        Ok(Delivery {
            outbox_id: post.id,
            story_id: post.story_id,
            target: post.target.clone(),
            text,
            names: crate::domain::publication::Names::new(self.store.display_names().await?),
            hero_name: self.name_of(&hero).await?,
            hero_email: self.store.user_email(&hero).await?,
        })
    }

    /// Records a post that reached its destination, and finishes the story when it has
    /// reached all of them.
    async fn complete_post(
        &self,
        post: &PostRow,
        message_ref: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.store.mark_sent(post.id, message_ref, now).await?;
        // Reach is nice to know; failing to learn it changes nothing.
        let members = match post.reference().kind {
            DestinationKind::SlackChannel => {
                self.transport
                    .channel_members(&ChannelId::from_trusted(&post.target))
                    .await
            }
            _ => Ok(None),
        };
        match members {
            Ok(Some(n)) => {
                self.store
                    .set_post_reach(post.id, i64::try_from(n).unwrap_or(i64::MAX))
                    .await?
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "could not count a channel's members"
            ),
        }
        self.store
            .log(
                StoryId(post.story_id),
                "spotlight",
                &format!("posted to {}", post.reference().arg()),
                now,
            )
            .await?;
        if let Some(d) = self
            .store
            .destinations()
            .await?
            .into_iter()
            .find(|d| d.id == post.destination_id)
        {
            if d.blocked_reason.is_some() {
                let mut d = d;
                d.blocked_reason = None;
                d.blocked_at = None;
                self.store.save_destination(&d).await?;
                self.tell_admins(&format!("Posting to {} works again.", d.label()), vec![])
                    .await?;
            }
        }
        let mut story = self
            .store
            .story(StoryId(post.story_id))
            .await?
            .context("a posted story is missing")?;
        let unsent = self
            .store
            .posts_of(story.story_id())
            .await?
            .iter()
            .any(|p| p.status != "sent");
        if !unsent {
            if let Ok(stage) = transition(story.stage(), Action::Publish, Actor::System) {
                story.set_stage(stage);
                story.published_at = Some(now);
                story.updated_at = now;
                self.store.save_story(&story).await?;
            }
        }
        // Telling the hero is a courtesy: a failure here must not undo the post.
        if let Err(e) = self
            .dm(
                &story.hero(),
                match post.reference().kind {
                    DestinationKind::SlackChannel => format!(
                        "Your story is live in <#{}>! People may ask you questions in its thread. Thank you for sharing.",
                        post.target
                    ),
                    DestinationKind::Chatter => format!(
                        "Your story is live in {}! People may comment on it there. Thank you for sharing.",
                        post.label()
                    ),
                    DestinationKind::Email => format!(
                        "Your story was emailed to {}. Thank you for sharing.",
                        post.label()
                    ),
                },
                vec![],
            )
            .await
        {
            tracing::warn!(error = format!("{e:#}"), "could not tell the hero their story is live");
        }
        Ok(())
    }

    /// Stories whose every post is sent but that are not marked published (a stop
    /// between the two writes) are marked now.
    async fn finish_posted_stories(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        for mut story in self.store.stories_in(&[Stage::Queued]).await? {
            let posts = self.store.posts_of(story.story_id()).await?;
            if !posts.is_empty() && posts.iter().all(|p| p.status == "sent") {
                if let Ok(stage) = transition(story.stage(), Action::Publish, Actor::System) {
                    story.set_stage(stage);
                    story.published_at = Some(now);
                    story.updated_at = now;
                    self.store.save_story(&story).await?;
                }
            }
        }
        Ok(())
    }

    /// Stops posting to a destination until the cause is fixed, and tells the admins.
    async fn block_destination(
        &self,
        destination: i64,
        fix: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let Some(mut d) = self
            .store
            .destinations()
            .await?
            .into_iter()
            .find(|d| d.id == destination)
        else {
            return Ok(());
        };
        let first = d.blocked_reason.is_none();
        d.blocked_reason = Some(fix.to_string());
        d.blocked_at = Some(now);
        self.store.save_destination(&d).await?;
        if first {
            self.tell_admins(
                &format!(
                    "I can't post to {}: {fix}. Stories for it keep their place in the queue; I'll try again every {} minutes, or right away after `/spotlight resume {}`.",
                    d.label(),
                    RETRY_BLOCKED_AFTER.num_minutes(),
                    d.reference().arg()
                ),
                vec![],
            )
            .await?;
        }
        Ok(())
    }

    /// Repairs what an earlier run left half done, before anything new is sent: stories
    /// whose posts all went out but that were not marked published, and every post whose
    /// send had no clear outcome.
    pub async fn recover(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        self.finish_posted_stories(now).await?;
        self.reconcile(now, Duration::zero()).await
    }

    /// Re-reads reactions and replies of recent posts from their destination, a fallback
    /// for events that never arrived: at most hourly unless `force`d.
    pub async fn refresh_engagement(&self, now: DateTime<Utc>, force: bool) -> anyhow::Result<()> {
        const KEY: &str = "engagement_refreshed_at";
        let last = self
            .store
            .meta(KEY)
            .await?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc));
        if !force && last.is_some_and(|l| now - l < ENGAGEMENT_REFRESH) {
            return Ok(());
        }
        self.store.set_meta(KEY, &now.to_rfc3339()).await?;
        for post in self.store.recent_posts(now - ENGAGEMENT_WINDOW).await? {
            let Some(message_ref) = &post.message_ref else {
                continue;
            };
            if post.reference().kind != DestinationKind::SlackChannel {
                continue;
            }
            match self.transport.engagement(message_ref).await {
                Ok(Some(items)) => self.store.replace_engagement(post.id, &items, now).await?,
                Ok(None) => {}
                Err(e) => tracing::warn!(
                    error = format!("{e:#}"),
                    post = post.id,
                    "could not read engagement"
                ),
            }
        }
        Ok(())
    }

    /// Settles posts whose send had no clear outcome (claimed at least `min_age` ago):
    /// found in the channel → recorded as sent; not found → back in the queue.
    pub async fn reconcile(&self, now: DateTime<Utc>, min_age: Duration) -> anyhow::Result<()> {
        for post in self.store.sending_posts().await? {
            let claimed_at = post.claimed_at.unwrap_or(now);
            if now - claimed_at < min_age {
                continue;
            }
            let found = match post.reference().kind {
                DestinationKind::SlackChannel => {
                    let channel = ChannelId::from_trusted(&post.target);
                    self.transport
                        .find_post(&channel, post.id, claimed_at)
                        .await
                }
                kind => {
                    let story = self
                        .store
                        .story(StoryId(post.story_id))
                        .await?
                        .context("a post in doubt has no story")?;
                    let text = story.approved_text.clone().unwrap_or_default();
                    let delivery = self.delivery(&post, &story, text).await?;
                    self.publishers.find(kind, &delivery, claimed_at).await
                }
            };
            match found {
                Ok(Some(message_ref)) => {
                    tracing::info!(post = post.id, "a post in doubt had arrived");
                    self.complete_post(&post, &message_ref, now).await?;
                }
                Ok(None) => {
                    tracing::info!(
                        post = post.id,
                        "a post in doubt had not arrived; it is queued again"
                    );
                    self.store.release_post(post.id).await?;
                }
                Err(e) => tracing::warn!(
                    error = format!("{e:#}"),
                    post = post.id,
                    "could not check a post in doubt"
                ),
            }
        }
        Ok(())
    }

    /// When something is next due: a channel's schedule or a reminder.
    pub async fn next_wakeup(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        let mut next: Option<DateTime<Utc>> = None;
        let mut consider = |t: DateTime<Utc>| next = Some(next.map_or(t, |n| n.min(t)));
        for d in self.store.destinations().await? {
            if d.paused {
                continue;
            }
            // A destination on hold waits for its retry, not for its schedule (the
            // occurrences it missed are not all caught up on).
            if let (Some(_), Some(at)) = (&d.blocked_reason, d.blocked_at) {
                consider(at + RETRY_BLOCKED_AFTER);
                continue;
            }
            if let Some(Ok(spec)) = d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) {
                if let Some(t) = spec.next_after(d.checked_until) {
                    consider(t);
                }
            }
        }
        for (s, tz) in self.reminder_candidates().await? {
            consider(self.nudge_due(&s, tz.as_deref()));
        }
        for post in self.store.sending_posts().await? {
            if let Some(claimed_at) = post.claimed_at {
                consider(claimed_at + RECONCILE_AFTER);
            }
        }
        Ok(next)
    }

    /// When the hero of `story` is next due a nudge: after the configured delay, in
    /// working hours in their time zone (Spotlight's default zone if unknown).
    fn nudge_due(&self, story: &StoryRow, hero_tz: Option<&str>) -> DateTime<Utc> {
        let tz = hero_tz
            .and_then(|t| t.parse::<chrono_tz::Tz>().ok())
            .or_else(|| self.timezone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        self.prompts.interview.nudges.due(story.waiting_since, tz)
    }

    /// Stories waiting on their hero that may still be nudged, with the hero's time zone
    /// (one query, however many there are).
    async fn reminder_candidates(&self) -> anyhow::Result<Vec<(StoryRow, Option<String>)>> {
        self.store
            .stories_with_hero_zone(
                &[Stage::Invited, Stage::Interviewing, Stage::AwaitingApproval],
                i64::from(self.prompts.interview.nudges.max),
            )
            .await
    }

    /// Does what is due at `now`: at most one post per channel whose schedule came due
    /// (occurrences missed while Spotlight was down are not all caught up on), and
    /// reminders to heroes who have not moved for a while.
    #[tracing::instrument(skip_all)]
    pub async fn tick(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        self.reconcile(now, RECONCILE_AFTER).await?;
        self.refresh_engagement(now, false).await?;
        for mut d in self.store.destinations().await? {
            if d.paused {
                continue;
            }
            if let (Some(_), Some(at)) = (&d.blocked_reason, d.blocked_at) {
                // Blocked: try the story that was due, now and then, until it goes through.
                if now - at >= RETRY_BLOCKED_AFTER {
                    d.blocked_at = Some(now);
                    // The retry stands for the occurrences missed while on hold.
                    d.checked_until = now;
                    self.store.save_destination(&d).await?;
                    if let Some(post) = self
                        .store
                        .pending_posts(Some(d.id))
                        .await?
                        .into_iter()
                        .next()
                    {
                        self.publish_post(&post, now).await?;
                    }
                }
                continue;
            }
            let Some(Ok(spec)) = d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) else {
                continue;
            };
            let due = spec.next_after(d.checked_until).is_some_and(|t| t <= now);
            if !due {
                continue;
            }
            d.checked_until = now;
            self.store.save_destination(&d).await?;
            if let Some(post) = self
                .store
                .pending_posts(Some(d.id))
                .await?
                .into_iter()
                .next()
            {
                if let Published::Failed(code) = self.publish_post(&post, now).await? {
                    self.tell_admins(
                        &format!(
                            "{} refused story {} for {} ({code}). It stays in the queue for the next time.",
                            post.reference().kind.service(),
                            post.story_id,
                            post.label()
                        ),
                        vec![],
                    )
                    .await?;
                }
            }
        }
        for (mut s, tz) in self.reminder_candidates().await? {
            if now < self.nudge_due(&s, tz.as_deref()) {
                continue;
            }
            s.reminders_sent += 1;
            s.waiting_since = now;
            self.store.save_story(&s).await?;
            match s.stage() {
                Stage::Invited => {
                    self.send_invitation(&s, Some("A friendly reminder:"))
                        .await?
                }
                Stage::Interviewing => {
                    let st = s.interview();
                    let n = self.prompts.interview.questions.len();
                    self.dm(
                        &s.hero(),
                        format!(
                            "A friendly reminder: your Spotlight interview is at question {} of {n}. Send `resume` (or just your answer) whenever you have a few minutes.",
                            (st.position + 1).min(n)
                        ),
                        vec![],
                    )
                    .await?
                }
                Stage::AwaitingApproval => {
                    self.ask_hero_to_approve(
                        &s,
                        "A friendly reminder: your story waits for your approval.",
                    )
                    .await?
                }
                _ => {}
            }
            self.store
                .log(s.story_id(), "spotlight", "reminded the hero", now)
                .await?;
        }
        Ok(())
    }

    // ---- direct messages ----

    async fn message(
        &self,
        user: &UserId,
        text: &str,
        message_ref: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        // One read for the common case: the conversation, the story and its answers.
        let context = self.store.message_context(user).await?;
        if let Some(raw) = context.conversation {
            if let Ok(conv) = serde_json::from_str::<Conversation>(&raw) {
                return self.continue_conversation(user, conv, text, now).await;
            }
            self.store.set_conversation(user, None).await?;
        }
        let Some(mut story) = context.story else {
            self.reply(
                user,
                "Hi! I'm Spotlight: I interview power users and share their success stories. You have no interview with me right now. `/spotlight help` shows what I can do.",
            )
            .await?;
            return Ok(Ok(()));
        };
        match story.stage() {
            Stage::Nominated | Stage::Invited => {
                let word = text.trim().to_lowercase();
                if ["start", "yes", "ok", "go", "start now", "ready"].contains(&word.as_str()) {
                    return self.start(user, story.id, now).await;
                }
                self.send_invitation(
                    &story,
                    Some("Press *Start now* (or type `start`) when you're ready; no rush."),
                )
                .await?;
                Ok(Ok(()))
            }
            Stage::Interviewing => {
                let input = Input::classify(text);
                self.interview_step(user, &mut story, context.answers, input, message_ref, now)
                    .await
            }
            Stage::AwaitingApproval => {
                self.ask_hero_to_approve(&story, "Your story is waiting for you.")
                    .await?;
                Ok(Ok(()))
            }
            stage => {
                self.reply(
                    user,
                    format!(
                        "Thanks! Your interview is done and your story is {stage}; it waits on {}.",
                        stage.waiting_on().replace("the hero", "you")
                    ),
                )
                .await?;
                Ok(Ok(()))
            }
        }
    }

    async fn start(
        &self,
        user: &UserId,
        story_id: i64,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self.load(story_id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let stage = match transition(
            story.stage(),
            Action::StartInterview,
            self.actor(user, &story),
        ) {
            Ok(s) => s,
            Err(e) => return Ok(Err(pipeline(e))),
        };
        if story.stage() != stage {
            story.set_stage(stage);
            self.store
                .log(
                    story.story_id(),
                    user.as_str(),
                    "started the interview",
                    now,
                )
                .await?;
        }
        self.interview_step(user, &mut story, None, Input::Start, None, now)
            .await
    }

    async fn interview_step(
        &self,
        user: &UserId,
        story: &mut StoryRow,
        answers: Option<Answers>,
        input: Input<'_>,
        message_ref: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if let Err(e) = transition(
            story.stage(),
            Action::StartInterview,
            self.actor(user, story),
        ) {
            return Ok(Err(pipeline(e)));
        }
        let set = &self.prompts.interview;
        let answers = match answers {
            Some(a) => a,
            None => self.store.answers(story.story_id()).await?,
        };
        let mut state = story.interview();
        let effects = interview::step(&mut state, set, &answers, input, now);
        let mut lines: Vec<String> = Vec::new();
        let mut saves: Vec<(String, String)> = Vec::new();
        let mut finished = false;
        for effect in effects {
            match effect {
                Effect::Intro => lines.push(set.intro.trim().replace("{count}", &set.questions.len().to_string())),
                Effect::Ask { index, current } => {
                    let q = &set.questions[index];
                    let mut t = format!("*Question {} of {}*\n{}", index + 1, set.questions.len(), q.text);
                    if let Some(h) = &q.hint {
                        t.push_str(&format!("\n_{h}_"));
                    }
                    if let Some(c) = current {
                        t.push_str(&format!(
                            "\nYour answer so far: “{}”\nSend a new answer to replace it, or `skip` to keep it.",
                            mrkdwn::escape(&c)
                        ));
                    }
                    lines.push(t);
                }
                Effect::WrapUp => lines.push(set.wrap_up.trim().to_string()),
                // Durably stored, with the story, before the next question goes out.
                Effect::Save { key, text } => saves.push((key, text)),
                Effect::Kept { .. } => lines.push("Kept your earlier answer.".to_string()),
                Effect::Skipped { .. } => lines.push("Skipped.".to_string()),
                Effect::Paused => lines.push(
                    "Paused. Your answers so far are saved. Send `resume` (or just your answer) whenever you're ready.".to_string(),
                ),
                Effect::Finished { .. } => {
                    lines.push(set.done.trim().to_string());
                    finished = true;
                }
                Effect::Refused(r) => lines.push(match r {
                    Refusal::TooLong { chars, max } => format!(
                        "That answer is {chars} characters long; the limit is {max}. Please shorten it and send it again. Nothing was saved."
                    ),
                    Refusal::Empty => "I didn't catch an answer there. Send your answer, or `skip`.".to_string(),
                    Refusal::NothingBefore => "That's the first question; there's nothing before it.".to_string(),
                    Refusal::AlreadyFinished => "Your interview is complete. You'll see your story and can change your words before it's posted.".to_string(),
                }),
            }
        }
        story.set_interview(&state);
        Self::touch(story, now);
        if finished {
            // The last answer and the draft stage are saved together: a story is never
            // left finished but not drafted.
            for action in [Action::FinishInterview, Action::Draft] {
                let stage = transition(story.stage(), action, Actor::System)
                    .context("finishing an interview")?;
                story.set_stage(stage);
            }
        }
        // A finished interview's line in the story's log goes in the same transaction.
        let event = finished.then_some(FINISHED_EVENT);
        self.store
            .save_interview_step(story, &saves, message_ref, event, now)
            .await?;
        if !lines.is_empty() {
            self.dm(user, lines.join("\n\n"), vec![]).await?;
        }
        if finished {
            // The answers as now stored: the ones read before and this step's.
            let mut answers = answers;
            answers.extend(saves);
            self.finish_interview(story, &answers).await?;
        }
        Ok(Ok(()))
    }

    /// Sends the draft of a finished interview (saved as drafted) to the admins.
    async fn finish_interview(&self, story: &StoryRow, answers: &Answers) -> anyhow::Result<()> {
        let (card, buttons) = self.review_card_of(story, answers).await?;
        self.tell_admins(
            &format!(
                "{} finished their interview. Here is the draft to review:\n\n{card}",
                story.hero().mention()
            ),
            buttons,
        )
        .await
    }

    async fn continue_conversation(
        &self,
        user: &UserId,
        conv: Conversation,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let story_id = match &conv {
            Conversation::EditPick { story }
            | Conversation::EditText { story, .. }
            | Conversation::ChangeComment { story } => *story,
        };
        let mut story = match self.load(story_id).await? {
            Ok(s) => s,
            Err(e) => {
                self.store.set_conversation(user, None).await?;
                return Ok(Err(e));
            }
        };
        if text.trim().eq_ignore_ascii_case("cancel") {
            self.store.set_conversation(user, None).await?;
            self.ask_hero_to_approve(&story, "No change made.").await?;
            return Ok(Ok(()));
        }
        match conv {
            Conversation::EditPick { .. } => {
                self.reply(
                    user,
                    "Pick what to change with the buttons above, or type `cancel`.",
                )
                .await?;
                Ok(Ok(()))
            }
            Conversation::EditText { key, .. } => {
                if let Err(e) =
                    transition(story.stage(), Action::HeroEdit, self.actor(user, &story))
                {
                    self.store.set_conversation(user, None).await?;
                    return Ok(Err(pipeline(e)));
                }
                let max = self.prompts.interview.max_answer_chars;
                let chars = text.chars().count();
                if text.trim().is_empty() {
                    return Ok(Err(refuse(
                        "Send the new wording as a message, or `cancel`.",
                    )));
                }
                if key == HEADLINE_KEY {
                    if text.contains('\n') || chars > story::MAX_HEADLINE_CHARS {
                        return Ok(Err(refuse(format!(
                            "A headline is one line of at most {} characters. Send a shorter one, or `cancel`.",
                            story::MAX_HEADLINE_CHARS
                        ))));
                    }
                    story.headline = Some(text.to_string());
                    story.headline_by = Some("hero".to_string());
                } else {
                    if chars > max {
                        return Ok(Err(refuse(format!(
                            "That is {chars} characters long; the limit is {max}. Please shorten it and send it again. Nothing was changed."
                        ))));
                    }
                    self.store
                        .add_answer(story.story_id(), &key, text, "hero_edit", None, now)
                        .await?;
                }
                self.store.set_conversation(user, None).await?;
                self.store
                    .log(
                        story.story_id(),
                        user.as_str(),
                        &format!("edited {key}"),
                        now,
                    )
                    .await?;
                if let Err(e) = self.refresh_pending(&mut story, now).await? {
                    return Ok(Err(e));
                }
                self.ask_hero_to_approve(&story, "Updated with your words.")
                    .await?;
                Ok(Ok(()))
            }
            Conversation::ChangeComment { .. } => {
                let stage = match transition(
                    story.stage(),
                    Action::RequestChanges,
                    self.actor(user, &story),
                ) {
                    Ok(s) => s,
                    Err(e) => {
                        self.store.set_conversation(user, None).await?;
                        return Ok(Err(pipeline(e)));
                    }
                };
                story.set_stage(stage);
                story.change_request = Some(text.to_string());
                Self::touch(&mut story, now);
                self.store.save_story(&story).await?;
                self.store.set_conversation(user, None).await?;
                self.store
                    .log(story.story_id(), user.as_str(), "asked for changes", now)
                    .await?;
                let (card, buttons) = self.review_card(&story).await?;
                self.tell_admins(
                    &format!(
                        "{} asked for changes to story {}.\n\n{card}",
                        story.hero().mention(),
                        story.id
                    ),
                    buttons,
                )
                .await?;
                self.reply(user, "Thanks, I've sent your note to the admins. You'll get the updated story to approve.")
                    .await?;
                Ok(Ok(()))
            }
        }
    }

    // ---- edits made in Slack ----

    async fn edited(
        &self,
        user: &UserId,
        message_ref: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let Some((story_id, key)) = self.store.answer_by_message(message_ref).await? else {
            return Ok(Ok(()));
        };
        let mut story = match self.load(story_id.0).await? {
            Ok(s) => s,
            Err(_) => return Ok(Ok(())),
        };
        if story.hero_id != user.as_str() {
            return Ok(Ok(()));
        }
        let max = self.prompts.interview.max_answer_chars;
        let chars = text.chars().count();
        if chars > max || text.trim().is_empty() {
            return Ok(Err(refuse(format!(
                "Your edited answer is {chars} characters; answers must have 1 to {max}. I kept the earlier version."
            ))));
        }
        self.store
            .add_answer(story_id, &key, text, "slack_edit", Some(message_ref), now)
            .await?;
        self.store
            .log(
                story_id,
                user.as_str(),
                &format!("edited {key} in chat"),
                now,
            )
            .await?;
        match story.stage() {
            Stage::AwaitingApproval => {
                if let Err(e) = self.refresh_pending(&mut story, now).await? {
                    return Ok(Err(e));
                }
                self.ask_hero_to_approve(
                    &story,
                    "You edited an answer, so here is the updated story.",
                )
                .await?;
            }
            Stage::Approved | Stage::Queued | Stage::Published => {
                self.reply(
                    user,
                    "I saved your edit, but your story was already approved, so the posted text stays as you approved it.",
                )
                .await?;
            }
            _ => {}
        }
        Ok(Ok(()))
    }

    // ---- buttons ----

    async fn button(
        &self,
        user: &UserId,
        action: &str,
        value: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let (id, version) = parse_value(value);
        match action {
            "start" => self.start(user, id, now).await,
            "later" => {
                let story = match self.load(id).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                if story.hero_id != user.as_str() {
                    return Ok(Err(pipeline(PipelineError::OnlyHero(
                        "answer this interview",
                    ))));
                }
                self.reply(user, "No problem. I'll check back in a couple of days; type `start` whenever you're ready.")
                    .await?;
                Ok(Ok(()))
            }
            "decline" | "opt_out" => self.opt_out(user, id, now).await,
            "hero_approve" => self.hero_approve(user, id, version, now).await,
            "hero_edit" => self.hero_edit(user, id, version).await,
            "edit_pick" => {
                let key = value.split_once(':').map(|(_, k)| k).unwrap_or_default();
                self.edit_pick(user, id, key).await
            }
            "hero_changes" => {
                let story = match self
                    .hero_stage_check(user, id, Action::RequestChanges)
                    .await?
                {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                let conv = Conversation::ChangeComment { story: story.id };
                self.store
                    .set_conversation(user, Some(&serde_json::to_string(&conv)?))
                    .await?;
                self.dm(user, "What would you like changed? Send it as one message; it goes to the admins as you write it. (`cancel` to go back.)", vec![])
                    .await?;
                Ok(Ok(()))
            }
            "admin_review" => {
                if let Err(e) = self.revisable(user, &StoryRef::Id(StoryId(id))).await? {
                    return Ok(Err(e));
                }
                self.reply(
                    user,
                    format!("Choose quotes with `/spotlight quotes {id} 1,2,…` and propose a headline with `/spotlight headline {id} <text>`."),
                )
                .await?;
                Ok(Ok(()))
            }
            "admin_approve" => {
                self.admin_approve(user, &StoryRef::Id(StoryId(id)), None, now)
                    .await
            }
            "nominate" => match UserId::parse(value) {
                Ok(hero) if self.is_admin(user) => self.nominate(user, &hero, "", now).await,
                Ok(_) => Ok(Err(pipeline(PipelineError::OnlyAdmin("nominate someone")))),
                Err(e) => Ok(Err(refuse(e.to_string()))),
            },
            _ => Ok(Err(refuse(
                "That button is no longer valid. `/spotlight status` shows where things stand.",
            ))),
        }
    }

    async fn hero_stage_check(
        &self,
        user: &UserId,
        id: i64,
        action: Action,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let story = match self.load(id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        Ok(transition(story.stage(), action, self.actor(user, &story))
            .map(|_| story)
            .map_err(pipeline))
    }

    async fn opt_out(&self, user: &UserId, id: i64, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let mut story = match self.hero_stage_check(user, id, Action::OptOut).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        story.set_stage(Stage::OptedOut);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store.set_conversation(user, None).await?;
        self.store
            .log(story.story_id(), user.as_str(), "opted out", now)
            .await?;
        self.dm(
            user,
            "Understood: you're out, and nothing will be posted. Thank you for your time!",
            vec![],
        )
        .await?;
        self.tell_admins(
            &format!(
                "{} opted out of story {}.",
                story.hero().mention(),
                story.id
            ),
            vec![],
        )
        .await?;
        Ok(Ok(()))
    }

    async fn hero_approve(
        &self,
        user: &UserId,
        id: i64,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self.hero_stage_check(user, id, Action::HeroApprove).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if version != Some(story.pending_version) {
            self.ask_hero_to_approve(&story, "That was an older version of your story; here is the current one. Please check it before approving.")
                .await?;
            return Ok(Ok(()));
        }
        story.set_stage(Stage::Approved);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        let text = story.pending_text.clone().unwrap_or_default();
        self.store
            .mark_approved(story.story_id(), &text, now)
            .await?;
        let story = self
            .store
            .story(story.story_id())
            .await?
            .context("an approved story vanished")?;
        self.store.set_conversation(user, None).await?;
        self.store
            .log(
                story.story_id(),
                user.as_str(),
                &format!("approved version {}", story.pending_version),
                now,
            )
            .await?;
        let dests = self.queue_story(story.clone(), now).await?;
        let where_ = if dests.is_empty() {
            "It will be posted once the admins set up a channel.".to_string()
        } else {
            let ids: Vec<i64> = dests.iter().map(|d| d.id).collect();
            format!("It's in the queue for {}.", self.channel_list(&ids).await?)
        };
        self.dm(
            user,
            format!("Thank you, your story is approved! {where_} I'll tell you when it's live."),
            vec![],
        )
        .await?;
        self.tell_admins(
            &format!(
                "{} approved story {}. {where_}",
                story.hero().mention(),
                story.id
            ),
            vec![],
        )
        .await?;
        Ok(Ok(()))
    }

    async fn hero_edit(
        &self,
        user: &UserId,
        id: i64,
        version: Option<i64>,
    ) -> anyhow::Result<Outcome> {
        let story = match self.hero_stage_check(user, id, Action::HeroEdit).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if version != Some(story.pending_version) {
            self.ask_hero_to_approve(
                &story,
                "That was an older version of your story; here is the current one.",
            )
            .await?;
            return Ok(Ok(()));
        }
        let answers = self.store.answers(story.story_id()).await?;
        let candidates = story::candidates(&self.prompts.interview, &answers);
        let selected = story.selected();
        let (quotes, takeaway) = story::select(&candidates, selected.as_deref());
        let mut buttons = vec![Button::new(
            "Headline",
            "edit_pick",
            format!("{}:{HEADLINE_KEY}", story.id),
        )];
        for q in quotes.iter().chain(takeaway.iter()) {
            let label = self
                .prompts
                .interview
                .questions
                .iter()
                .find(|x| x.key == q.key)
                .map(|x| role_label(x.role))
                .unwrap_or("Quote");
            buttons.push(Button::new(
                label,
                "edit_pick",
                format!("{}:{}", story.id, q.key),
            ));
        }
        buttons.push(Button::new(
            "Cancel",
            "edit_pick",
            format!("{}:cancel", story.id),
        ));
        let conv = Conversation::EditPick { story: story.id };
        self.store
            .set_conversation(user, Some(&serde_json::to_string(&conv)?))
            .await?;
        self.dm(user, "Which part would you like to reword?", buttons)
            .await?;
        Ok(Ok(()))
    }

    async fn edit_pick(&self, user: &UserId, id: i64, key: &str) -> anyhow::Result<Outcome> {
        let story = match self.hero_stage_check(user, id, Action::HeroEdit).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if key == "cancel" {
            self.store.set_conversation(user, None).await?;
            self.ask_hero_to_approve(&story, "No change made.").await?;
            return Ok(Ok(()));
        }
        let answers = self.store.answers(story.story_id()).await?;
        let current = if key == HEADLINE_KEY {
            story::headline(story.headline.as_deref(), &self.prompts.interview, &answers)
        } else {
            match answers.get(key) {
                Some(a) => a.clone(),
                None => return Ok(Err(refuse("That part is not in your story."))),
            }
        };
        let conv = Conversation::EditText {
            story: story.id,
            key: key.to_string(),
        };
        self.store
            .set_conversation(user, Some(&serde_json::to_string(&conv)?))
            .await?;
        self.dm(
            user,
            format!(
                "Current wording: “{}”\nSend the new wording as one message; it replaces this word for word. (`cancel` to keep it.)",
                mrkdwn::escape(&current)
            ),
            vec![],
        )
        .await?;
        Ok(Ok(()))
    }

    // ---- forms (Slack modals) ----

    /// Whether pressing `action` opens a form rather than a step-by-step DM flow.
    pub fn opens_form(action: &str) -> bool {
        matches!(action, "hero_edit" | "hero_changes" | "admin_review")
    }

    /// The form a button opens, or why this person may not open it.
    pub async fn form(
        &self,
        user: &UserId,
        action: &str,
        value: &str,
    ) -> anyhow::Result<Result<Form, String>> {
        let (id, version) = parse_value(value);
        let set = &self.prompts.interview;
        match action {
            "hero_edit" | "hero_changes" => {
                let what = if action == "hero_edit" {
                    Action::HeroEdit
                } else {
                    Action::RequestChanges
                };
                let story = match self.hero_stage_check(user, id, what).await? {
                    Ok(s) => s,
                    Err(Refused(e)) => return Ok(Err(e)),
                };
                if version != Some(story.pending_version) {
                    return Ok(Err("This is an older version of your story; use the buttons on the newest message.".into()));
                }
                if action == "hero_changes" {
                    return Ok(Ok(Form {
                        title: "Request changes".into(),
                        intro: "Tell the admins what you'd like changed. They'll revise the story and send it back to you.".into(),
                        submit: "Send".into(),
                        callback: "hero_changes".into(),
                        value: value.to_string(),
                        fields: vec![Field {
                            key: "comment".into(),
                            label: "What should change?".into(),
                            kind: FieldKind::Text { initial: String::new(), multiline: true, max_chars: set.max_answer_chars },
                            optional: false,
                        }],
                    }));
                }
                let answers = self.store.answers(story.story_id()).await?;
                let candidates = story::candidates(set, &answers);
                let selected = story.selected();
                let (quotes, takeaway) = story::select(&candidates, selected.as_deref());
                let mut fields = vec![Field {
                    key: HEADLINE_KEY.into(),
                    label: "Headline".into(),
                    kind: FieldKind::Text {
                        initial: story::headline(story.headline.as_deref(), set, &answers),
                        multiline: false,
                        max_chars: story::MAX_HEADLINE_CHARS,
                    },
                    optional: false,
                }];
                for q in quotes.iter().chain(takeaway.iter()) {
                    let label = set
                        .questions
                        .iter()
                        .find(|x| x.key == q.key)
                        .map(|x| role_label(x.role))
                        .unwrap_or("Quote");
                    fields.push(Field {
                        key: q.key.clone(),
                        label: label.to_string(),
                        kind: FieldKind::Text {
                            initial: q.text.clone(),
                            multiline: true,
                            max_chars: set.max_answer_chars,
                        },
                        optional: false,
                    });
                }
                Ok(Ok(Form {
                    title: "Edit your story".into(),
                    intro: "Change any of your words. What you write here replaces the quote word for word, and you'll see the whole story again before approving.".into(),
                    submit: "Save".into(),
                    callback: "hero_edit".into(),
                    value: value.to_string(),
                    fields,
                }))
            }
            "admin_review" => {
                let story = match self.revisable(user, &StoryRef::Id(StoryId(id))).await? {
                    Ok(s) => s,
                    Err(Refused(e)) => return Ok(Err(e)),
                };
                let answers = self.store.answers(story.story_id()).await?;
                let candidates = story::candidates(set, &answers);
                let chosen = story
                    .selected()
                    .unwrap_or_else(|| candidates.iter().map(|q| q.key.clone()).collect());
                let options = candidates
                    .iter()
                    .map(|q| {
                        let preview: String = q.text.chars().take(70).collect();
                        (q.key.clone(), format!("{}: {preview}", q.key))
                    })
                    .collect();
                Ok(Ok(Form {
                    title: format!("Review story {}", story.id),
                    intro: "Choose the answers to quote and propose a headline. The hero's words can't be changed here; the hero sees and approves the result.".into(),
                    submit: "Save".into(),
                    callback: "admin_review".into(),
                    value: story.id.to_string(),
                    fields: vec![
                        Field {
                            key: "quotes".into(),
                            label: "Quote these answers".into(),
                            kind: FieldKind::Checkboxes { options, chosen },
                            optional: true,
                        },
                        Field {
                            key: HEADLINE_KEY.into(),
                            label: "Headline".into(),
                            kind: FieldKind::Text {
                                initial: story::headline(story.headline.as_deref(), set, &answers),
                                multiline: false,
                                max_chars: story::MAX_HEADLINE_CHARS,
                            },
                            optional: false,
                        },
                    ],
                }))
            }
            _ => Ok(Err("That button has no form.".into())),
        }
    }

    async fn form_submitted(
        &self,
        user: &UserId,
        callback: &str,
        value: &str,
        fields: &std::collections::BTreeMap<String, FieldValue>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let text_of = |key: &str| match fields.get(key) {
            Some(FieldValue::Text(t)) => Some(t.clone()),
            _ => None,
        };
        let (id, version) = parse_value(value);
        match callback {
            "hero_changes" => {
                let comment = text_of("comment").unwrap_or_default();
                if comment.trim().is_empty() {
                    return Ok(Err(refuse("Your note was empty, so nothing was sent.")));
                }
                let conv = Conversation::ChangeComment { story: id };
                self.continue_conversation(user, conv, &comment, now).await
            }
            "hero_edit" => {
                let mut story = match self.hero_stage_check(user, id, Action::HeroEdit).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                if version != Some(story.pending_version) {
                    self.ask_hero_to_approve(&story, "Your story changed while you were editing; here is the current one. Nothing was changed.")
                        .await?;
                    return Ok(Ok(()));
                }
                let max = self.prompts.interview.max_answer_chars;
                let answers = self.store.answers(story.story_id()).await?;
                let mut changed = Vec::new();
                for (key, v) in fields {
                    let FieldValue::Text(text) = v else { continue };
                    if key == HEADLINE_KEY {
                        let current = story::headline(
                            story.headline.as_deref(),
                            &self.prompts.interview,
                            &answers,
                        );
                        if text.trim() != current && !text.trim().is_empty() {
                            if text.contains('\n')
                                || text.chars().count() > story::MAX_HEADLINE_CHARS
                            {
                                return Ok(Err(refuse("A headline is one line of at most 150 characters. Nothing was changed.")));
                            }
                            story.headline = Some(text.trim().to_string());
                            story.headline_by = Some("hero".to_string());
                            changed.push(key.clone());
                        }
                    } else if answers.get(key).is_some_and(|a| a != text) {
                        if text.trim().is_empty() || text.chars().count() > max {
                            return Ok(Err(refuse(format!(
                                "Each quote needs 1 to {max} characters. Nothing was changed."
                            ))));
                        }
                        changed.push(key.clone());
                    }
                }
                for key in changed.iter().filter(|k| k.as_str() != HEADLINE_KEY) {
                    if let Some(FieldValue::Text(text)) = fields.get(key) {
                        self.store
                            .add_answer(story.story_id(), key, text, "hero_edit", None, now)
                            .await?;
                    }
                }
                if changed.is_empty() {
                    self.ask_hero_to_approve(&story, "No change made.").await?;
                    return Ok(Ok(()));
                }
                self.store
                    .log(
                        story.story_id(),
                        user.as_str(),
                        &format!("edited {}", changed.join(", ")),
                        now,
                    )
                    .await?;
                if let Err(e) = self.refresh_pending(&mut story, now).await? {
                    return Ok(Err(e));
                }
                self.ask_hero_to_approve(&story, "Updated with your words.")
                    .await?;
                Ok(Ok(()))
            }
            "admin_review" => {
                let story = StoryRef::Id(StoryId(id));
                if let Some(FieldValue::Choices(keys)) = fields.get("quotes") {
                    let row = match self.revisable(user, &story).await? {
                        Ok(r) => r,
                        Err(e) => return Ok(Err(e)),
                    };
                    let answers = self.store.answers(row.story_id()).await?;
                    let numbers: Vec<usize> = story::candidates(&self.prompts.interview, &answers)
                        .iter()
                        .enumerate()
                        .filter(|(_, q)| keys.contains(&q.key))
                        .map(|(i, _)| i + 1)
                        .collect();
                    if let Err(e) = self
                        .pick_quotes(user, &story, Picks::Numbers(numbers), now)
                        .await?
                    {
                        return Ok(Err(e));
                    }
                }
                match text_of(HEADLINE_KEY) {
                    Some(h) if !h.trim().is_empty() => {
                        self.propose_headline(user, &story, h.trim(), now).await
                    }
                    _ => Ok(Ok(())),
                }
            }
            _ => Ok(Err(refuse("That form is no longer valid."))),
        }
    }
}

/// A name for someone Spotlight knows only by handle: the handle, capitalised.
fn default_name(user: &UserId) -> String {
    let mut c = user.as_str().chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Button values are `story` or `story:version` (or `story:key`).
fn parse_value(value: &str) -> (i64, Option<i64>) {
    let mut parts = value.split(':');
    let id = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let version = parts.next().and_then(|p| p.parse().ok());
    (id, version)
}

fn role_label(role: interview::QuestionRole) -> &'static str {
    use interview::QuestionRole as R;
    match role {
        R::Behaviour => "The habit",
        R::Benefit => "The payoff",
        R::Start => "How it started",
        R::Takeaway => "Take-away",
        R::Headline => "Headline",
        R::Other => "Quote",
    }
}

/// A time as people read it in status views.
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%a %Y-%m-%d %H:%M UTC").to_string()
}

/// A time in a schedule's own zone, with UTC beside it when they differ.
pub fn fmt_time_in(t: DateTime<Utc>, tz: &str) -> String {
    match tz.parse::<chrono_tz::Tz>() {
        Ok(zone) if zone != chrono_tz::UTC => {
            let local = t.with_timezone(&zone);
            format!(
                "{} ({})",
                local.format("%a %Y-%m-%d %H:%M %Z"),
                t.format("%H:%M UTC")
            )
        }
        _ => fmt_time(t),
    }
}

/// "3d", "5h", "12m": how long something has waited.
pub fn human_duration(d: Duration) -> String {
    let mins = d.num_minutes().max(0);
    if mins >= 2 * 24 * 60 {
        format!("{}d", mins / (24 * 60))
    } else if mins >= 120 {
        format!("{}h", mins / 60)
    } else {
        format!("{mins}m")
    }
}
