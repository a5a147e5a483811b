//! The engine: an event comes in (a command, a DM, a button, a clock tick), the story it
//! concerns is loaded, the pure domain decides, the result is saved, and messages go out
//! through the delivery port (`delivery::Port`: messages to people and stories to
//! destinations of every kind, the same calls whatever the kind). The console and Slack
//! run this same engine.
//!
//! Invariants kept here: a story's text is changed only by the composer from the hero's
//! answers (and the headline proposal); the hero approves the exact `pending_text`,
//! which becomes `approved_text`, which is what is posted; posts go through the outbox.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::config::{Prompts, Settings};
use crate::domain::command::{self, Command, Picks};
use crate::domain::destination::{DestinationKind, DestinationRef};
use crate::domain::ids::StoryRef;
use crate::domain::interview::{self, Answers, Effect, Input, Refusal};
use crate::domain::picture;
use crate::domain::pipeline::{transition, Action, Actor, PipelineError, Stage};
use crate::domain::schedule::CronSpec;
use crate::domain::story::{self, Draft, StoryInput};
use crate::domain::texts::Arg;
use crate::domain::{mrkdwn, StoryId, UserId};
use crate::store::{DestinationRow, PostRow, Store, StoryRow};

mod buttons;
mod commands;
mod conversation;
mod forget;
mod forms;
mod messages;
mod publishing;

pub use publishing::{Claimed, InDoubt};

/// The kind of destination Slack channels are stored as.
pub const CHANNEL: &str = "slack_channel";

pub use crate::delivery::{
    Button, Delivery, Outgoing, Port, Publish, Recipient, SendError, Transport,
};

/// How far back engagement is refreshed from the destination, and how often.
pub const ENGAGEMENT_WINDOW: Duration = Duration::days(14);
pub const ENGAGEMENT_REFRESH: Duration = Duration::hours(1);

/// How many times in all an adapter tries a request whose handling fails before it sets
/// it aside (`Store::set_aside` lists those for admins).
pub const REQUEST_ATTEMPTS: i64 = 3;

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
    /// The admin's next message is the note with which the hero's edit (`version`) goes
    /// back to them.
    EditReturn { story: i64, version: i64 },
}

const HEADLINE_KEY: &str = "headline";
/// The story log's line when an interview is finished (and the draft is ready).
const FINISHED_EVENT: &str = "interview finished, draft ready";

/// The engine. Cheap to share behind an `Arc`.
pub struct App<T: Port> {
    store: Store,
    prompts: Prompts,
    /// The configured admins, plus workspace admins the Slack adapter has met.
    admins: std::sync::RwLock<Vec<UserId>>,
    timezone: String,
    /// The delivery port: people, Slack channels, Chatter groups, email lists.
    transport: T,
    /// Posts in doubt whose check failed: how many times, and when to check again.
    checks: std::sync::Mutex<std::collections::HashMap<i64, (u32, DateTime<Utc>)>>,
    /// The question set each story was nominated with (None: the default), as read once:
    /// it never changes after nomination.
    story_sets: std::sync::Mutex<std::collections::HashMap<i64, Option<String>>>,
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

impl<T: Port> App<T> {
    /// The engine on `store`, sending everything through `transport` (in Spotlight, a
    /// `destinations::Router` of the chat adapter and the destinations set up).
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
            checks: Default::default(),
            story_sets: Default::default(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The language `user` reads the bot in: their Slack locale's, when there are texts
    /// for it, else the default.
    pub(super) async fn language_of(&self, user: &UserId) -> anyhow::Result<&str> {
        let locale = self.store.user_locale(user).await?;
        Ok(self.prompts.texts.language_for(locale.as_deref()))
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
                return Box::pin(self.thread_reply(&user, &parent_ref, &reply_ref, now)).await;
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

    /// Sends `msg`, or, while a request is handled for Slack (`delivery::deciding`), keeps
    /// a message to a person for the outbox: it is delivered after the request's changes
    /// are saved, outside the engine's locks.
    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        match crate::delivery::keep(msg) {
            None => Ok(String::new()),
            Some(msg) => self.transport.send(msg).await,
        }
    }

    /// A private answer to the person who acted.
    async fn reply(&self, user: &UserId, text: impl Into<String>) -> anyhow::Result<()> {
        self.reply_with(user, text, vec![]).await
    }

    /// A reply meant only for `user` (ephemeral in Slack), with buttons.
    async fn reply_with(
        &self,
        user: &UserId,
        text: impl Into<String>,
        buttons: Vec<Button>,
    ) -> anyhow::Result<()> {
        self.send(Outgoing {
            to: Recipient::User(user.clone()),
            text: text.into(),
            buttons,
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

    /// The question set `story` is interviewed with: the one picked at nomination, else
    /// the default. A set whose file was removed since falls back to the default (the
    /// interview goes on by question key).
    async fn set_of(&self, story: &StoryRow) -> anyhow::Result<&interview::QuestionSet> {
        let cached = self
            .story_sets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&story.id)
            .cloned();
        let name = match cached {
            Some(name) => name,
            None => {
                let name = self.store.question_set_of(story.story_id()).await?;
                self.story_sets
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(story.id, name.clone());
                name
            }
        };
        Ok(self
            .prompts
            .set(name.as_deref())
            .unwrap_or(&self.prompts.interview))
    }

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
        let set = self.set_of(story).await?;
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
        let candidates = story::candidates(self.set_of(story).await?, answers);
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

    /// What admins see of a hero's edit waiting on them: the change from the text they
    /// sent, word by word, the text the hero approved, and the buttons to accept it or
    /// send it back.
    async fn edit_review_card(&self, story: &StoryRow) -> anyhow::Result<(String, Vec<Button>)> {
        let new = story.pending_text.clone().unwrap_or_default();
        let old = self
            .store
            .reviewed_text(story.story_id())
            .await?
            .unwrap_or_default();
        let changes = crate::domain::diff::changes(&old, &new, 6);
        let changes = if changes.is_empty() {
            "Only line breaks or spacing changed.".to_string()
        } else {
            changes
                .iter()
                .map(|c| format!("• {c}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let v = format!("{}:{}", story.id, story.pending_version);
        Ok((
            format!(
                "*Story {}* for {}: the hero's changes to the text you sent, word by word (removed [-like this-], added {{+like this+}}):\n{changes}\n\n*The text {} approved*\n{new}\n\nAccept it and it is queued as they approved it, or send it back with a note.",
                story.id,
                story.hero().mention(),
                story.hero().mention(),
            ),
            vec![
                Button::new("Accept edit", "edit_accept", &v),
                Button::new("Send back", "edit_return", &v),
            ],
        ))
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
        let pictures = self.store.story_pictures(story.story_id()).await?;
        let body = format!(
            "{lead}\nHere is your story, exactly as it will be posted{where_}:\n\n{text}{}\n\nApprove it, change your words, ask for changes, or opt out. Nothing is posted without your approval.",
            picture::approval_list(&pictures)
        );
        let mut buttons = vec![
            Button::new("Approve", "hero_approve", &v),
            Button::new("Edit", "hero_edit", &v),
            Button::new("Request changes", "hero_changes", &v),
            Button::new("Opt out", "opt_out", story.id),
        ];
        for (n, p) in pictures.iter().enumerate() {
            let label = if p.left_out { "Put back" } else { "Leave out" };
            buttons.push(Button::new(
                format!("{label} picture {}", n + 1),
                "hero_picture",
                format!("{v}:{}", p.id),
            ));
        }
        self.dm(&story.hero(), body, buttons).await
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
