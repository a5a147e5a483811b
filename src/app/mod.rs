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
use crate::domain::history::{self, Event};
use crate::domain::ids::StoryRef;
use crate::domain::interview::{self, Answers, Effect, Input, Refusal};
use crate::domain::picture;
use crate::domain::pipeline::{transition, Action, Actor, PipelineError, Stage};
use crate::domain::schedule::CronSpec;
use crate::domain::story::{self, Draft, StoryInput};
use crate::domain::texts::{Arg, Texts};
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
    /// The button that closes it without submitting.
    pub close: String,
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
const FINISHED_EVENT: &str = crate::domain::history::INTERVIEW_FINISHED;

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

/// A pipeline refusal as English said it before the texts (what `pipeline_refusal` says
/// in English is checked against it).
#[cfg(test)]
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

    /// Message `id` in the workspace's language (`SPOTLIGHT_LANGUAGE`): what the console,
    /// whose people have no Slack language, says in its own name.
    pub fn say(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.text(self.prompts.texts.default_language(), id, args)
    }

    /// `at` as the workspace's language writes a time (UTC).
    pub fn say_time(&self, at: DateTime<Utc>) -> String {
        self.time(self.prompts.texts.default_language(), at)
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
    async fn send(&self, mut msg: Outgoing) -> anyhow::Result<String> {
        self.confirm_first(&mut msg).await?;
        match crate::delivery::keep(msg) {
            None => Ok(String::new()),
            Some(msg) => self.transport.send(msg).await,
        }
    }

    /// Gives each button of `msg` that cannot be undone (forgetting a person) the question
    /// asked before it acts, in the language of the person it goes to.
    async fn confirm_first(&self, msg: &mut Outgoing) -> anyhow::Result<()> {
        let forget = crate::domain::forget::FORGET_ACTION;
        let Recipient::User(user) = &msg.to else {
            return Ok(());
        };
        if !msg
            .buttons
            .iter()
            .any(|b| b.action == forget && b.confirm.is_none())
        {
            return Ok(());
        }
        let lang = self.language_of(user).await?;
        let t = |id: &str| self.text(lang, id, &[]);
        for b in msg.buttons.iter_mut().filter(|b| b.action == forget) {
            b.confirm = Some(crate::delivery::Confirm {
                title: t("forget-confirm-title"),
                text: t("forget-confirm-text"),
                confirm: t("forget-confirm-yes"),
                deny: t("forget-confirm-no"),
            });
        }
        Ok(())
    }

    /// The title and alt text of the adoption chart on `user`'s App Home, in their
    /// language.
    pub async fn chart_words(&self, user: &UserId) -> anyhow::Result<(String, String)> {
        let lang = self.language_of(user).await?;
        Ok((
            self.text(lang, "chart-title", &[]),
            self.text(lang, "chart-alt", &[]),
        ))
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

    /// Sends every admin the message `render` makes in their own language.
    async fn tell_admins_in(
        &self,
        render: impl Fn(&str) -> (String, Vec<Button>),
    ) -> anyhow::Result<()> {
        for admin in self.admins() {
            let lang = self.language_of(&admin).await?;
            let (text, buttons) = render(lang);
            self.dm(&admin, text, buttons).await?;
        }
        Ok(())
    }

    /// Tells every admin message `id` with `args`, each in their own language.
    async fn tell_admins_text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> anyhow::Result<()> {
        self.tell_admins_in(|lang| (self.text(lang, id, args), vec![]))
            .await
    }

    // ---- texts ----

    /// Message `id` in `lang`, with `args`.
    fn text(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> String {
        self.prompts.texts.get(lang, id, args)
    }

    /// Message `id` in the language `user` reads, with `args`.
    async fn text_for(
        &self,
        user: &UserId,
        id: &str,
        args: &[(&str, Arg<'_>)],
    ) -> anyhow::Result<String> {
        let lang = self.language_of(user).await?;
        Ok(self.text(lang, id, args))
    }

    /// A refusal to tell `user`: message `id` in their language.
    async fn refusal(
        &self,
        user: &UserId,
        id: &str,
        args: &[(&str, Arg<'_>)],
    ) -> anyhow::Result<Refused> {
        Ok(Refused(self.text_for(user, id, args).await?))
    }

    /// Why the pipeline refused what `user` tried, told in their language.
    async fn refused(&self, user: &UserId, e: PipelineError) -> anyhow::Result<Refused> {
        let lang = self.language_of(user).await?;
        Ok(Refused(self.pipeline_refusal(lang, &e)))
    }

    /// Why the pipeline refused, in `lang`.
    fn pipeline_refusal(&self, lang: &str, e: &PipelineError) -> String {
        let what = |what: &str| match doing(what) {
            Some(key) => self.text(lang, "doing", &[("what", Arg::Text(key))]),
            None => what.to_string(),
        };
        match e {
            PipelineError::OnlyHero(w) => {
                self.text(lang, "refused-only-hero", &[("what", Arg::Text(&what(w)))])
            }
            PipelineError::OnlyAdmin(w) => {
                self.text(lang, "refused-only-admin", &[("what", Arg::Text(&what(w)))])
            }
            PipelineError::NoDropping => self.text(lang, "refused-no-dropping", &[]),
            PipelineError::WrongStage { stage, what: w } => self.text(
                lang,
                "refused-wrong-stage",
                &[
                    ("stage", Arg::Text(&self.stage_name(lang, *stage))),
                    ("what", Arg::Text(&what(w))),
                ],
            ),
        }
    }

    /// How a message names a destination in `lang`: a channel mention, the Chatter
    /// group by name (else id), the email address.
    fn place(&self, lang: &str, kind: &str, target: &str, name: Option<&str>) -> String {
        match (DestinationKind::from_stored(kind), name) {
            (Some(DestinationKind::Chatter), Some(n)) => self.text(
                lang,
                "place-chatter-named",
                &[("name", Arg::Text(&mrkdwn::escape(n)))],
            ),
            (Some(DestinationKind::Chatter), None) => self.text(
                lang,
                "place-chatter",
                &[("id", Arg::Text(&mrkdwn::escape(target)))],
            ),
            _ => crate::domain::destination::label(kind, target, name),
        }
    }

    /// The service behind a kind of destination, named in `lang` ("Slack").
    fn service(&self, lang: &str, kind: DestinationKind) -> String {
        self.text(lang, "service", &[("kind", Arg::Text(kind.as_str()))])
    }

    /// `dests` named in `lang`, one after the other.
    fn place_list(&self, lang: &str, dests: &[DestinationRow]) -> String {
        dests
            .iter()
            .map(|d| self.place(lang, &d.kind, &d.target, d.name.as_deref()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A stage of the pipeline, named in `lang`.
    fn stage_name(&self, lang: &str, stage: Stage) -> String {
        self.text(lang, "stage", &[("stage", Arg::Text(stage.as_str()))])
    }

    /// How long something has waited, short ("3d", "5h", "12m" in English), in `lang`.
    fn waited(&self, lang: &str, d: Duration) -> String {
        let (n, unit) = duration_parts(d);
        self.text(
            lang,
            "waited",
            &[("n", Arg::from(n)), ("unit", Arg::Text(unit))],
        )
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

    /// The story `story` names, or why there is none, in `lang`.
    async fn resolve_in(
        &self,
        lang: &str,
        story: &StoryRef,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let row = match story {
            StoryRef::Id(id) => self.store.story(*id).await?,
            StoryRef::Hero(hero) => match self.store.open_story_of(hero).await? {
                Some(s) => Some(s),
                None => self.store.latest_story_of(hero).await?,
            },
        };
        Ok(row.ok_or_else(|| match story {
            StoryRef::Id(id) => refuse(self.text(lang, "story-none", &[("id", Arg::from(id.0))])),
            StoryRef::Hero(hero) => refuse(self.text(
                lang,
                "story-none-of",
                &[("hero", Arg::Text(&hero.mention()))],
            )),
        }))
    }

    /// Story `id`, for `user` to act on, or why there is none, in their language.
    async fn load(&self, user: &UserId, id: i64) -> anyhow::Result<Result<StoryRow, Refused>> {
        let lang = self.language_of(user).await?;
        self.resolve_in(lang, &StoryRef::Id(StoryId(id))).await
    }

    fn touch(story: &mut StoryRow, now: DateTime<Utc>) {
        story.updated_at = now;
        story.waiting_since = now;
        story.reminders_sent = 0;
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

    /// The review card admins see, in `lang`: the draft, its checks, and the answers to
    /// pick from.
    async fn review_card(
        &self,
        story: &StoryRow,
        lang: &str,
    ) -> anyhow::Result<(String, Vec<Button>)> {
        let answers = self.store.answers(story.story_id()).await?;
        let card = self.review_card_of(story, &answers).await?;
        Ok(card.render(self, lang))
    }

    /// The review card of `story` with its current `answers`, to render in each admin's
    /// language.
    async fn review_card_of(
        &self,
        story: &StoryRow,
        answers: &Answers,
    ) -> anyhow::Result<ReviewCard> {
        let draft = match self.compose_from(story, answers).await? {
            Ok(d) => Ok(d),
            Err(Refused(e)) => Err(e),
        };
        let candidates = story::candidates(self.set_of(story).await?, answers);
        let selected = story.selected();
        let answers = candidates
            .iter()
            .map(|q| {
                let quoted = selected.as_ref().is_none_or(|keys| keys.contains(&q.key));
                let mut preview = mrkdwn::escape(&q.text.chars().take(90).collect::<String>());
                if q.text.chars().count() > 90 {
                    preview.push('…');
                }
                (quoted, q.key.clone(), preview)
            })
            .collect();
        Ok(ReviewCard {
            id: story.id,
            hero: story.hero().mention(),
            stage: story.stage(),
            draft,
            answers,
            change_request: story.change_request.as_deref().map(mrkdwn::escape),
        })
    }

    /// The checks of a draft, one line each, marked ✓ or ✗, in `lang`.
    fn checks(&self, lang: &str, checks: &story::Checks) -> Vec<String> {
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        let line = |ok: bool, id: &str, args: &[(&str, Arg)]| {
            format!("{} {}", mark(ok), self.text(lang, id, args))
        };
        let share = (checks.quote_share * 100.0).round() as i64;
        vec![
            line(
                checks.quote_share >= story::TARGET_QUOTE_SHARE,
                "check-quote-share",
                &[
                    ("share", share.into()),
                    (
                        "target",
                        ((story::TARGET_QUOTE_SHARE * 100.0) as i64).into(),
                    ),
                ],
            ),
            line(
                checks.words <= story::TARGET_MAX_WORDS,
                "check-words",
                &[
                    ("words", checks.words.into()),
                    ("target", story::TARGET_MAX_WORDS.into()),
                ],
            ),
            line(
                checks.has_takeaway,
                match checks.has_takeaway {
                    true => "check-takeaway",
                    false => "check-takeaway-missing",
                },
                &[],
            ),
            line(
                checks.has_headline,
                match checks.has_headline {
                    true => "check-headline",
                    false => "check-headline-missing",
                },
                &[],
            ),
            match checks.admin_named.as_slice() {
                [] => line(true, "check-no-admin", &[]),
                names => line(
                    false,
                    "check-admin-named",
                    &[("names", Arg::Text(&names.join(", ")))],
                ),
            },
        ]
    }

    /// What admins see of a hero's edit waiting on them, in `lang`: the change from the
    /// text they sent, word by word, the text the hero approved, and the buttons to
    /// accept it or send it back.
    async fn edit_review_card(
        &self,
        story: &StoryRow,
        lang: &str,
    ) -> anyhow::Result<(String, Vec<Button>)> {
        let card = self.edit_review_card_of(story).await?;
        Ok(card(lang))
    }

    /// `edit_review_card` to render in each admin's language.
    async fn edit_review_card_of(
        &self,
        story: &StoryRow,
    ) -> anyhow::Result<impl Fn(&str) -> (String, Vec<Button>) + '_> {
        let new = story.pending_text.clone().unwrap_or_default();
        let old = self
            .store
            .reviewed_text(story.story_id())
            .await?
            .unwrap_or_default();
        let changes: Vec<String> = crate::domain::diff::changes(&old, &new, 6)
            .iter()
            .map(|c| format!("• {c}"))
            .collect();
        let id = story.id;
        let hero = story.hero().mention();
        let v = format!("{}:{}", story.id, story.pending_version);
        Ok(move |lang: &str| {
            let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
            let changes = if changes.is_empty() {
                t("edit-review-spacing-only", &[])
            } else {
                changes.join("\n")
            };
            let who = [("id", Arg::from(id)), ("hero", Arg::Text(&hero))];
            (
                format!(
                    "{}\n{changes}\n\n{}\n{new}\n\n{}",
                    t("edit-review-title", &who),
                    t("edit-review-approved", &who),
                    t("edit-review-closing", &[]),
                ),
                vec![
                    Button::new(t("edit-review-button-accept", &[]), "edit_accept", &v),
                    Button::new(t("edit-review-button-return", &[]), "edit_return", &v),
                ],
            )
        })
    }

    /// Shows the hero the exact text they are asked to approve, in their language, under
    /// the message `lead` (with `args`) that says why they see it.
    async fn ask_hero_to_approve(
        &self,
        story: &StoryRow,
        lead: &str,
        args: &[(&str, Arg<'_>)],
    ) -> anyhow::Result<()> {
        let hero = story.hero();
        let lang = self.language_of(&hero).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let text = story.pending_text.clone().unwrap_or_default();
        let dests = self.destinations_for(story).await?;
        let here = if dests.is_empty() {
            t("approval-here", &[])
        } else {
            let places = self.place_list(lang, &dests);
            t("approval-here-to", &[("places", Arg::Text(&places))])
        };
        let v = format!("{}:{}", story.id, story.pending_version);
        let pictures = self.store.story_pictures(story.story_id()).await?;
        let body = format!(
            "{}\n{here}\n\n{text}{}\n\n{}",
            t(lead, args),
            picture_list(&self.prompts.texts, lang, &pictures),
            t("approval-closing", &[])
        );
        let mut buttons = vec![
            Button::new(t("approval-button-approve", &[]), "hero_approve", &v),
            Button::new(t("approval-button-edit", &[]), "hero_edit", &v),
            Button::new(t("approval-button-changes", &[]), "hero_changes", &v),
            Button::new(t("interview-button-opt-out", &[]), "opt_out", story.id),
        ];
        for (n, p) in pictures.iter().enumerate() {
            let label = match p.left_out {
                true => "approval-button-put-back",
                false => "approval-button-leave-out",
            };
            buttons.push(Button::new(
                t(label, &[("n", Arg::from(n + 1))]),
                "hero_picture",
                format!("{v}:{}", p.id),
            ));
        }
        self.dm(&hero, body, buttons).await
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

/// A story's review card, ready to be shown in each admin's language.
struct ReviewCard {
    id: i64,
    /// The hero, as a mention.
    hero: String,
    stage: Stage,
    /// The draft, or why there is none.
    draft: Result<Draft, String>,
    /// The hero's answers that may be quoted: whether each is, its key, its start (mrkdwn).
    answers: Vec<(bool, String, String)>,
    /// What the hero asked to change, as they wrote it (mrkdwn).
    change_request: Option<String>,
}

impl ReviewCard {
    /// The card's text and buttons in `lang`.
    fn render<T: Port>(&self, app: &App<T>, lang: &str) -> (String, Vec<Button>) {
        let t = |id: &str, args: &[(&str, Arg)]| app.text(lang, id, args);
        let draft = match &self.draft {
            Ok(d) => d,
            Err(e) => return (e.clone(), vec![]),
        };
        let id = [("id", Arg::from(self.id))];
        let mut text = format!(
            "{}\n\n{}\n\n{}\n{}\n\n{}",
            t(
                "review-card-title",
                &[
                    ("id", Arg::from(self.id)),
                    ("hero", Arg::Text(&self.hero)),
                    ("stage", Arg::Text(&app.stage_name(lang, self.stage))),
                ]
            ),
            draft.text,
            t("review-card-checks", &[]),
            app.checks(lang, &draft.checks).join("\n"),
            t("review-card-answers", &id),
        );
        for (i, (quoted, key, preview)) in self.answers.iter().enumerate() {
            text.push('\n');
            text.push_str(&t(
                "review-card-answer",
                &[
                    ("mark", Arg::Text(if *quoted { "☑" } else { "☐" })),
                    ("n", Arg::from(i + 1)),
                    ("key", Arg::Text(key)),
                    ("text", Arg::Text(preview)),
                ],
            ));
        }
        if self.answers.is_empty() {
            text.push('\n');
            text.push_str(&t("review-card-no-answers", &[]));
        }
        if let Some(req) = &self.change_request {
            text.push_str("\n\n");
            text.push_str(&t(
                "review-card-change-request",
                &[("hero", Arg::Text(&self.hero)), ("request", Arg::Text(req))],
            ));
        }
        let buttons = match self.stage {
            Stage::Drafted | Stage::ChangesRequested => vec![
                Button::new(
                    t("review-card-button-approve", &[]),
                    "admin_approve",
                    self.id,
                ),
                Button::new(t("review-card-button-review", &[]), "admin_review", self.id),
            ],
            _ => vec![],
        };
        (text, buttons)
    }
}

/// The list of pictures on the card the hero approves, in `lang` (mrkdwn), or "" when
/// there are none: each numbered, with whether it goes with the story.
fn picture_list(texts: &Texts, lang: &str, pictures: &[picture::Picture]) -> String {
    if pictures.is_empty() {
        return String::new();
    }
    let shown: Vec<i64> = picture::shown(pictures).iter().map(|p| p.id).collect();
    let mut text = format!("\n\n{}", texts.get(lang, "approval-pictures", &[]));
    for (n, p) in pictures.iter().enumerate() {
        let state = if shown.contains(&p.id) {
            "shown"
        } else if p.left_out {
            "left-out"
        } else {
            "too-many"
        };
        text.push('\n');
        text.push_str(&texts.get(
            lang,
            "approval-picture",
            &[
                ("n", Arg::from(n + 1)),
                ("title", Arg::Text(&mrkdwn::escape(&p.title_or_name()))),
                ("state", Arg::Text(state)),
            ],
        ));
    }
    text
}

/// The key under which message `doing` names what the pipeline refused to do (its
/// English words, as `PipelineError` carries them).
fn doing(what: &str) -> Option<&'static str> {
    Some(match what {
        "answer this interview" => "answer-interview",
        "approve drafts" => "approve-drafts",
        "approve their story" => "approve-story",
        "ask for changes" => "ask-changes",
        "be approved" => "be-approved",
        "be drafted" => "be-drafted",
        "be edited" => "be-edited",
        "be invited again" => "be-invited-again",
        "be published" => "be-published",
        "be queued" => "be-queued",
        "be revised" => "be-revised",
        "be revised while the hero is reviewing it" => "be-revised-during-review",
        "be sent to the hero" => "be-sent-to-hero",
        "be withdrawn" => "be-withdrawn",
        "change the words of their story" => "change-words",
        "finish the interview" => "finish-interview",
        "have an edit reviewed" => "have-edit-reviewed",
        "nominate someone" => "nominate",
        "opt out of it" => "opt-out",
        "review a hero's edit" => "review-edit",
        "review drafts" => "review-drafts",
        "start an interview" => "start-interview",
        "take a change request" => "take-change-request",
        _ => return None,
    })
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

/// The message naming a part of the story the hero may reword, by its question's role.
fn role_label(role: Option<interview::QuestionRole>) -> &'static str {
    use interview::QuestionRole as R;
    match role {
        Some(R::Behaviour) => "part-habit",
        Some(R::Benefit) => "part-payoff",
        Some(R::Start) => "part-start",
        Some(R::Takeaway) => "part-takeaway",
        Some(R::Headline) => "part-headline",
        Some(R::Other) | None => "part-quote",
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
    let (n, unit) = duration_parts(d);
    format!("{n}{}", &unit[..1])
}

/// How long `d` is, in the unit people read it in: whole days from two days on, whole
/// hours from two hours on, else minutes (`"days"`, `"hours"`, `"minutes"`).
fn duration_parts(d: Duration) -> (i64, &'static str) {
    let mins = d.num_minutes().max(0);
    if mins >= 2 * 24 * 60 {
        (mins / (24 * 60), "days")
    } else if mins >= 120 {
        (mins / 60, "hours")
    } else {
        (mins, "minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::picture::tests::picture;
    use crate::domain::pipeline::Action;

    fn texts() -> std::sync::Arc<Texts> {
        crate::config::Prompts::builtin().texts
    }

    #[test]
    fn the_hero_sees_each_picture_and_whether_it_goes_with_the_story_in_their_language() {
        let texts = texts();
        let pictures = [
            picture(1, "My <pipeline> view", false),
            picture(2, "", true),
        ];
        let list = picture_list(&texts, "en", &pictures);
        assert!(
            list.starts_with("\n\n*Pictures you sent with your answers* (they go with the story unless you leave them out):"),
            "{list}"
        );
        assert!(
            list.contains("\n1. My &lt;pipeline&gt; view (goes with the story)"),
            "{list}"
        );
        assert!(list.contains("\n2. shot2.png (left out)"), "{list}");
        let list = picture_list(&texts, "fr", &pictures);
        assert!(
            list.contains("\n1. My &lt;pipeline&gt; view (accompagne l'histoire)"),
            "{list}"
        );
        assert!(list.contains("\n2. shot2.png (retirée)"), "{list}");
        assert_eq!(picture_list(&texts, "fr", &[]), "");
        let many: Vec<picture::Picture> = (1..=8).map(|i| picture(i, "x", false)).collect();
        assert!(picture_list(&texts, "en", &many)
            .contains("\n7. x (not shown: a story shows at most six)"));
        assert!(picture_list(&texts, "fr", &many)
            .contains("\n7. x (non affichée : une histoire montre au plus six images)"));
    }

    /// Every action of the pipeline (a new one fails to compile here until it is added).
    fn every_action() -> Vec<Action> {
        use Action as A;
        let all = vec![
            A::Invite,
            A::StartInterview,
            A::Decline,
            A::FinishInterview,
            A::Draft,
            A::Revise,
            A::SendForApproval,
            A::HeroEdit,
            A::RequestChanges,
            A::HeroApprove,
            A::HeroApproveEdited,
            A::AcceptEdit,
            A::ReturnEdit,
            A::Queue,
            A::Publish,
            A::OptOut,
            A::Drop,
        ];
        for a in &all {
            match a {
                A::Invite
                | A::StartInterview
                | A::Decline
                | A::FinishInterview
                | A::Draft
                | A::Revise
                | A::SendForApproval
                | A::HeroEdit
                | A::RequestChanges
                | A::HeroApprove
                | A::HeroApproveEdited
                | A::AcceptEdit
                | A::ReturnEdit
                | A::Queue
                | A::Publish
                | A::OptOut
                | A::Drop => {}
            }
        }
        all
    }

    #[test]
    fn every_refusal_of_the_pipeline_is_told_in_each_language_and_in_english_as_before() {
        let texts = texts();
        let actors = [
            Actor::System,
            Actor::Person {
                is_hero: true,
                is_admin: false,
            },
            Actor::Person {
                is_hero: false,
                is_admin: true,
            },
            Actor::Person {
                is_hero: false,
                is_admin: false,
            },
        ];
        let mut seen = std::collections::BTreeSet::new();
        for stage in Stage::ALL {
            for action in every_action() {
                for actor in actors {
                    let Err(e) = transition(stage, action, actor) else {
                        continue;
                    };
                    let what = match &e {
                        PipelineError::OnlyHero(w)
                        | PipelineError::OnlyAdmin(w)
                        | PipelineError::WrongStage { what: w, .. } => *w,
                        PipelineError::NoDropping => continue,
                    };
                    let key =
                        doing(what).unwrap_or_else(|| panic!("no message names {what:?} (doing)"));
                    let args = [("what", Arg::Text(key))];
                    assert_eq!(texts.get("en", "doing", &args), what);
                    seen.insert(key);
                    // The English refusal reads as it always has.
                    let english = match &e {
                        PipelineError::OnlyHero(_) => "refused-only-hero",
                        PipelineError::OnlyAdmin(_) => "refused-only-admin",
                        _ => "refused-wrong-stage",
                    };
                    let stage_name =
                        texts.get("en", "stage", &[("stage", Arg::Text(stage.as_str()))]);
                    let told = texts.get(
                        "en",
                        english,
                        &[("what", Arg::Text(what)), ("stage", Arg::Text(&stage_name))],
                    );
                    assert_eq!(told, pipeline(e).0);
                }
            }
        }
        // In French, each has words of its own (none falls back to the default variant).
        let french: std::collections::BTreeSet<String> = seen
            .iter()
            .map(|key| texts.get("fr", "doing", &[("what", Arg::Text(key))]))
            .collect();
        assert_eq!(french.len(), seen.len(), "{french:#?}");
    }
}
