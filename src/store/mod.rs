//! SQLite storage through sqlx (and rusqlite for the hot path's two writes, `writer.rs`):
//! the only module that writes SQL.
//!
//! The schema lives in `migrations/sqlite/` and is applied at open. The database runs in WAL
//! mode with foreign keys on. Answers are stored as the exact bytes the hero sent, with
//! every revision kept; the outbox (`posts`) has one row per story and destination.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, FromRow, SqliteConnection};

use crate::domain::destination::DestinationRef;
use crate::domain::history::Event;
use crate::domain::interview::{Answers, InterviewState, Status};
use crate::domain::pipeline::Stage;
use crate::domain::{StoryId, UserId};
pub(crate) use checkpointer::Checkpoints;

/// Binds `answering::STORY_UPDATE`'s parameters, in order, to a query on either database.
macro_rules! bind_story {
    ($q:expr, $s:expr) => {{
        let s: &StoryRow = $s;
        $q.bind(&s.stage)
            .bind(s.interview_position)
            .bind(&s.interview_status)
            .bind(s.interview_started_at)
            .bind(s.interview_active_secs)
            .bind(s.interview_last_input_at)
            .bind(s.interview_wrapping_up)
            .bind(&s.selected_quotes)
            .bind(&s.headline)
            .bind(&s.headline_by)
            .bind(&s.pending_text)
            .bind(s.pending_version)
            .bind(&s.approved_text)
            .bind(&s.change_request)
            .bind(s.reminders_sent)
            .bind(s.waiting_since)
            .bind(s.updated_at)
            .bind(s.approved_at)
            .bind(s.published_at)
            .bind(s.id)
    }};
}

/// Inserts outbox messages (`&[ForOutbox]`) on `$conn`, inside the caller's transaction,
/// on either database: the new rows.
macro_rules! insert_outbox {
    ($conn:expr, $messages:expr, $now:expr) => {{
        let now: DateTime<Utc> = $now;
        let messages: &[crate::delivery::ForOutbox] = $messages;
        let mut rows = Vec::with_capacity(messages.len());
        for m in messages {
            let body = m.body();
            let id: i64 = sqlx::query_scalar($crate::store::outbox::INSERT)
                .bind(m.recipient.as_str())
                .bind(&body)
                .bind(now)
                .fetch_one(&mut *$conn)
                .await
                .context("failed to write a message to the outbox")?;
            rows.push($crate::store::outbox::OutboxRow::new(id, m, body, now));
        }
        rows
    }};
}

/// Connections for reads (`readers::Readers`). Each is a thread (sqlx runs SQLite on one
/// per connection), and every query a hand-off to it and back; two keep reads side by
/// side without more threads than this 2-core class of machine can switch between
/// cheaply.
const READERS: usize = 2;

/// `count` numbered parameters from `$first` on, for an `IN (…)` list: `$1, $2, $3`.
fn numbered(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    /// The database: a SQLite file, or a Postgres server.
    db: Db,
    /// Open interviews' contexts, in memory (see `answering::Contexts`).
    contexts: answering::SharedContexts,
    /// Who follows newly recorded requests (`follow_inbox`).
    feed: writer::Feed,
    /// Who follows newly committed outbox rows (`follow_outbox`).
    outbox_feed: outbox::OutboxFeed,
    /// People's names as read: a stored name changes only through `set_user_name`
    /// (Slack's profile replacing a placeholder), which updates this too, so the finish of
    /// every interview need not read its hero's and each admin's again.
    names: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, String>>>,
    /// People's Slack locales as read (None: not known): changed only through
    /// `set_user_locale`, which updates this too.
    locales: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Option<String>>>>,
    /// Interview answers this process has stored (for `/metrics`).
    answers_saved: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// Which database a `Store` is on. Every query is written once, in SQL both understand
/// (numbered `$1` parameters, `TRUE`/`FALSE`, `ON CONFLICT`, `RETURNING`), and compiled
/// for each (`on_db!`), so both keep sqlx's types; the few that differ say so
/// (`Db::is_postgres`).
#[derive(Clone, Debug)]
enum Db {
    Sqlite(std::sync::Arc<Lite>),
    Postgres(std::sync::Arc<pg_hot::Pg>),
}

/// A SQLite database's connections and hot writer.
#[derive(Debug)]
struct Lite {
    /// Reads, several side by side (WAL lets readers run while one writes).
    readers: readers::Readers,
    /// Every write, on one connection: writers queue here, in the process, instead of
    /// meeting SQLite's lock and sleeping in its busy handler.
    writer: std::sync::Arc<writer::Writer>,
    /// Requests from Slack to record, for the hot writer (`writer::run_hot`).
    recordings: tokio::sync::mpsc::UnboundedSender<writer::Recording>,
    /// Interview steps, for the hot writer, which writes all waiting in one transaction.
    steps: tokio::sync::mpsc::UnboundedSender<answering::Step>,
    /// Delivered outbox rows to mark done, for the hot writer (`outbox_mark_delivered`).
    marks: tokio::sync::mpsc::UnboundedSender<writer::Mark>,
    /// The connection checkpoints run on (`checkpointer`).
    checkpointing: checkpointer::Conn,
}

/// Runs `$body` with `$c` a connection to the store's database (`&mut SqliteConnection`
/// or `&mut PgConnection`): `read` takes one of SQLite's readers, `write` its writer; on
/// Postgres both take one of the pool's connections. The body is compiled once for each
/// database, so the same SQL is checked against each one's types.
macro_rules! on_db {
    ($store:expr, $mode:ident, |$c:ident| $body:block) => {
        match &$store.db {
            Db::Sqlite(lite) => {
                #[allow(unused_mut)]
                let mut held = lite_conn!(lite, $mode);
                #[allow(unused_mut)]
                let mut $c: &mut sqlx::SqliteConnection = &mut *held;
                $body
            }
            Db::Postgres(pg) => {
                #[allow(unused_mut)]
                let mut held = pg.replica.connection().await?;
                #[allow(unused_mut)]
                let mut $c: &mut sqlx::PgConnection = &mut *held;
                $body
            }
        }
    };
}

/// SQLite's connection for `on_db!`: a reader, or the writer.
macro_rules! lite_conn {
    ($lite:ident, read) => {
        $lite.readers.get().await?
    };
    ($lite:ident, write) => {
        $lite.writer.lock().await?
    };
}

impl Db {
    fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }
}

#[cfg(test)]
impl Store {
    /// The SQLite side, which the unit tests run on.
    fn lite(&self) -> &std::sync::Arc<Lite> {
        match &self.db {
            Db::Sqlite(lite) => lite,
            Db::Postgres(_) => panic!("the unit tests' store is on SQLite"),
        }
    }

    /// One of SQLite's readers.
    async fn read(&self) -> Result<readers::Held<'_>, sqlx::Error> {
        self.lite().readers.get().await
    }
}

/// How durable commits are, from the database address's `synchronous` parameter
/// (`sqlite://spotlight.db?synchronous=full`), which SQLite's own URL options lack: the
/// address without it, and the setting. `normal` (the default) keeps the database
/// consistent through any crash, but a power loss may roll back the last commits, among
/// them requests already acknowledged to Slack (which does not send them again); `full`
/// syncs every commit to disk first (see README for what it costs).
fn durability(url: &str) -> anyhow::Result<(String, SqliteSynchronous)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), SqliteSynchronous::Normal));
    };
    let mut synchronous = SqliteSynchronous::Normal;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("synchronous", v)) => {
                synchronous = match v.to_ascii_lowercase().as_str() {
                    "normal" => SqliteSynchronous::Normal,
                    "full" => SqliteSynchronous::Full,
                    other => anyhow::bail!(
                        "synchronous={other} in the database address is not a setting Spotlight knows: use synchronous=normal or synchronous=full"
                    ),
                }
            }
            _ => rest.push(pair),
        }
    }
    let url = if rest.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((url, synchronous))
}

/// A story's text approved, with the next place in the queue order (story's id last).
const APPROVE: &str = "UPDATE stories SET approved_text = $1, approved_at = $2,
   approved_seq = (SELECT COALESCE(MAX(approved_seq), 0) + 1 FROM stories)
 WHERE id = $3";

/// A story queued for a destination; a second time for the same pair changes nothing.
const ENQUEUE: &str =
    "INSERT INTO posts (story_id, destination_id, status, queued_at) VALUES ($1, $2, 'pending', $3)
 ON CONFLICT(story_id, destination_id) DO NOTHING";

/// The most names kept in memory (`Store::user_name`).
const NAMES_KEPT: usize = 100_000;

/// Locks one of the store's in-memory maps or slots. Whatever a panicking holder left is
/// still valid (each is updated by single assignments or inserts), so poisoning is
/// ignored.
pub(super) fn unpoisoned<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A story as stored.
#[derive(Debug, Clone, FromRow)]
pub struct StoryRow {
    pub id: i64,
    pub hero_id: String,
    pub nominated_by: String,
    pub note: String,
    pub stage: String,
    pub interview_position: i64,
    pub interview_status: String,
    pub interview_started_at: Option<DateTime<Utc>>,
    pub interview_active_secs: i64,
    pub interview_last_input_at: Option<DateTime<Utc>>,
    pub interview_wrapping_up: bool,
    pub selected_quotes: Option<String>,
    pub headline: Option<String>,
    pub headline_by: Option<String>,
    pub pending_text: Option<String>,
    pub pending_version: i64,
    pub approved_text: Option<String>,
    pub change_request: Option<String>,
    pub reminders_sent: i64,
    pub waiting_since: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_seq: Option<i64>,
    pub published_at: Option<DateTime<Utc>>,
}

impl StoryRow {
    pub fn story_id(&self) -> StoryId {
        StoryId(self.id)
    }

    pub fn hero(&self) -> UserId {
        UserId::parse(&self.hero_id)
            .unwrap_or_else(|_| panic!("stored hero id {:?} is valid", self.hero_id))
    }

    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage)
            .unwrap_or_else(|| panic!("stored stage {:?} is known", self.stage))
    }

    pub fn set_stage(&mut self, stage: Stage) {
        self.stage = stage.as_str().to_string();
    }

    /// The interview's state. `interview_status` holds the status alone (as every state
    /// was saved before questions were kept by key, `interview_position` then saying
    /// where the interview is) or a JSON object with the status, the key of the question
    /// being asked and the keys passed (`SavedInterview`).
    pub fn interview(&self) -> InterviewState {
        let saved = serde_json::from_str::<SavedInterview>(&self.interview_status).ok();
        let (status, question, passed) = match saved {
            Some(s) => (s.status, s.question, s.passed),
            None => (self.interview_status.clone(), None, Vec::new()),
        };
        InterviewState {
            question,
            passed,
            position: usize::try_from(self.interview_position).unwrap_or(0),
            status: Status::parse(&status).unwrap_or(Status::NotStarted),
            started_at: self.interview_started_at,
            active_secs: self.interview_active_secs,
            last_input_at: self.interview_last_input_at,
            wrapping_up: self.interview_wrapping_up,
        }
    }

    pub fn set_interview(&mut self, st: &InterviewState) {
        self.interview_position = st.position as i64;
        self.interview_status = if st.question.is_none() && st.passed.is_empty() {
            st.status.as_str().to_string()
        } else {
            let saved = SavedInterview {
                status: st.status.as_str().to_string(),
                question: st.question.clone(),
                passed: st.passed.clone(),
            };
            serde_json::to_string(&saved).expect("an interview state serialises")
        };
        self.interview_started_at = st.started_at;
        self.interview_active_secs = st.active_secs;
        self.interview_last_input_at = st.last_input_at;
        self.interview_wrapping_up = st.wrapping_up;
    }

    /// The question keys chosen for quoting, if an admin chose.
    pub fn selected(&self) -> Option<Vec<String>> {
        self.selected_quotes
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
    }
}

/// Where an interview is, by question key, as `stories.interview_status` keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedInterview {
    status: String,
    question: Option<String>,
    passed: Vec<String>,
}

/// One revision of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub revision: i64,
    pub text: String,
    pub source: String,
    pub created_at: DateTime<Utc>,
}

/// A place stories are posted to.
#[derive(Debug, Clone, FromRow, PartialEq, Eq)]
pub struct DestinationRow {
    pub id: i64,
    pub kind: String,
    pub target: String,
    pub cron: Option<String>,
    pub timezone: String,
    pub paused: bool,
    pub checked_until: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// Why posting here stopped, if an admin has something to fix.
    pub blocked_reason: Option<String>,
    pub blocked_at: Option<DateTime<Utc>>,
    /// The usage group that reads this destination, if an admin tied one.
    pub audience: Option<String>,
    /// What people call it (a Chatter group's name), if known.
    pub name: Option<String>,
}

impl DestinationRow {
    pub fn reference(&self) -> DestinationRef {
        DestinationRef::from_stored(&self.kind, &self.target)
    }

    /// How messages name it (Slack mrkdwn).
    pub fn label(&self) -> String {
        crate::domain::destination::label(&self.kind, &self.target, self.name.as_deref())
    }
}

impl PostRow {
    pub fn reference(&self) -> DestinationRef {
        DestinationRef::from_stored(&self.kind, &self.target)
    }

    /// How messages name its destination (Slack mrkdwn).
    pub fn label(&self) -> String {
        crate::domain::destination::label(&self.kind, &self.target, self.name.as_deref())
    }
}

/// A request from Slack waiting to be processed.
#[derive(Debug, Clone, FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub key: String,
    pub kind: String,
    pub body: String,
}

/// An outbox row joined with what publishing needs.
#[derive(Debug, Clone, FromRow)]
pub struct PostRow {
    pub id: i64,
    pub story_id: i64,
    pub destination_id: i64,
    pub status: String,
    pub kind: String,
    pub target: String,
    pub name: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub message_ref: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and applies the migrations.
    #[tracing::instrument(skip_all)]
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        Store::open_with(url, Checkpoints::default()).await
    }

    /// `open`, with checkpoints made as `checkpoints` says.
    pub(crate) async fn open_with(url: &str, checkpoints: Checkpoints) -> anyhow::Result<Store> {
        if postgres::is_postgres(url) {
            let replica = postgres::Replica::open(url, &postgres::replica_name()).await?;
            return Ok(Store::on_postgres(replica));
        }
        let (url, synchronous) = durability(url)?;
        let url = url.as_str();
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| {
                format!("failed to read the database address {url:?}; use sqlite://PATH")
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Checkpoints run beside the writer (`checkpointer`); the writer makes one
            // itself only if the log grows this large.
            .pragma("wal_autocheckpoint", checkpoints.backstop.to_string());
        // The one connection that writes, for as long as the store is open; its thread
        // is started from the thread that opens the store.
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .with_context(|| format!("failed to open the database {url:?}"))?;
        sqlx::migrate!("./migrations/sqlite")
            .run_direct(&mut conn)
            .await
            .context("failed to apply database migrations")?;
        let options = options.create_if_missing(false);
        let readers = readers::Readers::open(&options, READERS)
            .await
            .with_context(|| format!("failed to open the database {url:?}"))?;
        let checkpointing = SqliteConnection::connect_with(&options)
            .await
            .with_context(|| format!("failed to open the database {url:?}"))?;
        let checkpointing = std::sync::Arc::new(tokio::sync::Mutex::new(Some(checkpointing)));
        let writer = std::sync::Arc::new(writer::Writer::new(conn));
        let (recordings, recordings_rx) = tokio::sync::mpsc::unbounded_channel();
        let (steps, steps_rx) = tokio::sync::mpsc::unbounded_channel();
        let (marks, marks_rx) = tokio::sync::mpsc::unbounded_channel();
        let contexts = answering::SharedContexts::default();
        let feed = writer::Feed::default();
        let outbox_feed = outbox::OutboxFeed::default();
        tokio::spawn(writer::run_hot(
            writer.clone(),
            contexts.clone(),
            writer::HotQueues {
                recordings: recordings_rx,
                steps: steps_rx,
                marks: marks_rx,
                feed: feed.clone(),
                outbox_feed: outbox_feed.clone(),
            },
        ));
        tokio::spawn(checkpointer::run(
            checkpointing.clone(),
            writer.clone(),
            checkpoints,
        ));
        Ok(Store {
            db: Db::Sqlite(std::sync::Arc::new(Lite {
                readers,
                writer,
                recordings,
                steps,
                marks,
                checkpointing,
            })),
            contexts,
            feed,
            outbox_feed,
            names: Default::default(),
            locales: Default::default(),
            answers_saved: Default::default(),
        })
    }

    /// A store on a Postgres replica's connections.
    pub fn on_postgres(replica: postgres::Replica) -> Store {
        Store {
            db: Db::Postgres(pg_hot::Pg::start(replica)),
            contexts: Default::default(),
            feed: Default::default(),
            outbox_feed: Default::default(),
            names: Default::default(),
            locales: Default::default(),
            answers_saved: Default::default(),
        }
    }

    /// The Postgres replica the store is on, if it is on Postgres.
    pub fn replica(&self) -> Option<&postgres::Replica> {
        match &self.db {
            Db::Postgres(pg) => Some(&pg.replica),
            Db::Sqlite(_) => None,
        }
    }

    /// How many interview answers this process has stored since it opened the store.
    pub fn answers_saved(&self) -> u64 {
        self.answers_saved
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Runs `write`, which may change what `message_context` returns, forgetting the
    /// contexts kept in memory before it starts and after it ends.
    async fn changing_contexts<T>(&self, write: impl std::future::Future<Output = T>) -> T {
        answering::Contexts::forget(&self.contexts);
        let out = write.await;
        answering::Contexts::forget(&self.contexts);
        out
    }

    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite(lite) => {
                lite.readers.close().await;
                readers::close(lite.checkpointing.lock().await.take()).await;
                lite.writer.close().await;
            }
            Db::Postgres(pg) => pg.replica.close().await,
        }
    }

    // ---- users ----

    pub async fn ensure_user(
        &self,
        id: &UserId,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("INSERT INTO users (id, display_name, created_at) VALUES ($1, $2, $3) ON CONFLICT(id) DO NOTHING")
            .bind(id.as_str())
            .bind(display_name)
            .bind(now)
            .execute(&mut *db)
            .await
            .context("failed to save a user")?;
            Ok(())
        })
    }

    /// Sets a person's name as Slack gives it, replacing one recorded while their profile
    /// could not be read (their ID, or their handle); the names kept in memory follow.
    pub async fn set_user_name(&self, id: &UserId, display_name: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2 AND display_name <> $3")
                .bind(display_name)
                .bind(id.as_str())
                .bind(display_name)
                .execute(&mut *db)
                .await
                .context("failed to save a user's name")?;
            unpoisoned(&self.names).remove(id.as_str());
            Ok(())
        })
    }

    /// Records a person's Slack locale (`fr-FR`), the language the bot talks to them in.
    pub async fn set_user_locale(&self, id: &UserId, locale: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "UPDATE users SET locale = $1 WHERE id = $2 AND locale IS DISTINCT FROM $3",
            )
            .bind(locale)
            .bind(id.as_str())
            .bind(locale)
            .execute(&mut *db)
            .await
            .context("failed to save a user's locale")?;
            unpoisoned(&self.locales).insert(id.as_str().to_string(), Some(locale.to_string()));
            Ok(())
        })
    }

    /// A person's Slack locale, if known (kept in memory once read).
    pub async fn user_locale(&self, id: &UserId) -> anyhow::Result<Option<String>> {
        // Kept in memory on SQLite only: on Postgres another replica may write it.
        let kept = !self.db.is_postgres();
        if kept {
            if let Some(known) = unpoisoned(&self.locales).get(id.as_str()) {
                return Ok(known.clone());
            }
        }
        on_db!(self, read, |db| {
            let row: Option<Option<String>> =
                sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
                    .bind(id.as_str())
                    .fetch_optional(&mut *db)
                    .await
                    .context("failed to read a user's locale")?;
            let locale = row.flatten();
            if kept {
                unpoisoned(&self.locales).insert(id.as_str().to_string(), locale.clone());
            }
            Ok(locale)
        })
    }

    /// Records a person's email address (from Slack's profile, or the usage data).
    pub async fn set_user_email(&self, id: &UserId, email: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
                .bind(email)
                .bind(id.as_str())
                .execute(&mut *db)
                .await
                .context("failed to save an email address")?;
            Ok(())
        })
    }

    pub async fn user_email(&self, id: &UserId) -> anyhow::Result<Option<String>> {
        on_db!(self, read, |db| {
            let row: Option<Option<String>> =
                sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                    .bind(id.as_str())
                    .fetch_optional(&mut *db)
                    .await
                    .context("failed to read an email address")?;
            Ok(row.flatten())
        })
    }

    /// A person's stored name; a name found is kept in memory (`set_user_name` forgets it).
    pub async fn user_name(&self, id: &UserId) -> anyhow::Result<Option<String>> {
        let names = || unpoisoned(&self.names);
        // Kept in memory on SQLite only: on Postgres another replica may write it.
        let kept = !self.db.is_postgres();
        if kept {
            if let Some(name) = names().get(id.as_str()) {
                return Ok(Some(name.clone()));
            }
        }
        on_db!(self, read, |db| {
            let row: Option<(String,)> =
                sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
                    .bind(id.as_str())
                    .fetch_optional(&mut *db)
                    .await
                    .context("failed to read a user")?;
            let name = row.map(|r| r.0);
            if let (true, Some(name)) = (kept, &name) {
                let mut names = names();
                if names.len() < NAMES_KEPT {
                    names.insert(id.as_str().to_string(), name.clone());
                }
            }
            Ok(name)
        })
    }

    /// Records a person's time zone (IANA name).
    /// Keeps the address of a person's Slack profile photo (for posters).
    pub async fn set_user_photo(&self, id: &UserId, url: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE users SET photo_url = $1 WHERE id = $2")
                .bind(url)
                .bind(id.as_str())
                .execute(&mut *db)
                .await
                .context("failed to save a photo address")?;
            Ok(())
        })
    }

    pub async fn set_user_tz(&self, id: &UserId, tz: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE users SET tz = $1 WHERE id = $2")
                .bind(tz)
                .bind(id.as_str())
                .execute(&mut *db)
                .await
                .context("failed to save a time zone")?;
            Ok(())
        })
    }

    pub async fn user_tz(&self, id: &UserId) -> anyhow::Result<Option<String>> {
        on_db!(self, read, |db| {
            let tz: Option<Option<String>> =
                sqlx::query_scalar("SELECT tz FROM users WHERE id = $1")
                    .bind(id.as_str())
                    .fetch_optional(&mut *db)
                    .await
                    .context("failed to read a time zone")?;
            Ok(tz.flatten())
        })
    }

    // ---- stories ----

    pub async fn insert_story(
        &self,
        hero: &UserId,
        by: &UserId,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<StoryRow> {
        on_db!(self, write, |db| {
            let insert = sqlx::query_scalar(
            "INSERT INTO stories (hero_id, nominated_by, note, stage, waiting_since, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(hero.as_str())
        .bind(by.as_str())
        .bind(note)
        .bind(Stage::Nominated.as_str())
        .bind(now)
        .bind(now)
        .bind(now);
            let insert = async { insert.fetch_one(&mut *db).await };
            let id: i64 = self
                .changing_contexts(insert)
                .await
                .context("failed to save a nomination")?;
            self.story(StoryId(id))
                .await?
                .context("a story vanished right after it was saved")
        })
    }

    pub async fn story(&self, id: StoryId) -> anyhow::Result<Option<StoryRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as("SELECT * FROM stories WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *db)
                .await
                .context("failed to read a story")
        })
    }

    /// The hero's story that is still on its way, if any.
    pub async fn open_story_of(&self, hero: &UserId) -> anyhow::Result<Option<StoryRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
            "SELECT * FROM stories WHERE hero_id = $1 AND stage NOT IN ('published', 'opted_out')
             ORDER BY id DESC LIMIT 1",
        )
        .bind(hero.as_str())
        .fetch_optional(&mut *db)
        .await
        .context("failed to read a hero's story")
        })
    }

    /// The hero's most recent story, whatever its stage.
    pub async fn latest_story_of(&self, hero: &UserId) -> anyhow::Result<Option<StoryRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as("SELECT * FROM stories WHERE hero_id = $1 ORDER BY id DESC LIMIT 1")
                .bind(hero.as_str())
                .fetch_optional(&mut *db)
                .await
                .context("failed to read a hero's story")
        })
    }

    pub async fn stories_in(&self, stages: &[Stage]) -> anyhow::Result<Vec<StoryRow>> {
        if stages.is_empty() {
            return Ok(vec![]);
        }
        on_db!(self, read, |db| {
            let marks = numbered(1, stages.len());
            let sql = format!("SELECT * FROM stories WHERE stage IN ({marks}) ORDER BY id");
            let mut q = sqlx::query_as(&sql);
            for st in stages {
                q = q.bind(st.as_str());
            }
            q.fetch_all(&mut *db)
                .await
                .context("failed to list stories")
        })
    }

    /// For each hero time zone (None: unknown), the earliest `waiting_since` of the
    /// stories in `stages` with fewer than `max_reminders` nudges: all that the next
    /// nudge's time depends on, in one row per zone however many stories wait.
    pub async fn earliest_waiting_by_hero_zone(
        &self,
        stages: &[Stage],
        max_reminders: i64,
    ) -> anyhow::Result<Vec<(Option<String>, DateTime<Utc>)>> {
        if stages.is_empty() {
            return Ok(vec![]);
        }
        on_db!(self, read, |db| {
            let marks = numbered(1, stages.len());
            let sql = format!(
            "SELECT u.tz, MIN(s.waiting_since) FROM stories s LEFT JOIN users u ON u.id = s.hero_id
             WHERE s.stage IN ({marks}) AND s.reminders_sent < ${} GROUP BY u.tz",
            stages.len() + 1
        );
            let mut q = sqlx::query_as::<_, (Option<String>, DateTime<Utc>)>(&sql);
            for st in stages {
                q = q.bind(st.as_str());
            }
            q.bind(max_reminders)
                .fetch_all(&mut *db)
                .await
                .context("failed to find when heroes are next due a nudge")
        })
    }

    /// Stories in `stages` with fewer than `max_reminders` nudges, waiting since
    /// `waited_since_at_most` or earlier, with their hero's time zone.
    pub async fn stories_with_hero_zone(
        &self,
        stages: &[Stage],
        max_reminders: i64,
        waited_since_at_most: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(StoryRow, Option<String>)>> {
        if stages.is_empty() {
            return Ok(vec![]);
        }
        on_db!(self, read, |db| {
            #[derive(FromRow)]
            struct WithZone {
                #[sqlx(flatten)]
                story: StoryRow,
                hero_tz: Option<String>,
            }
            let marks = numbered(1, stages.len());
            let sql = format!(
                "SELECT s.*, u.tz AS hero_tz FROM stories s LEFT JOIN users u ON u.id = s.hero_id
             WHERE s.stage IN ({marks}) AND s.reminders_sent < ${} AND s.waiting_since <= ${}
             ORDER BY s.id",
                stages.len() + 1,
                stages.len() + 2
            );
            let mut q = sqlx::query_as::<_, WithZone>(&sql);
            for st in stages {
                q = q.bind(st.as_str());
            }
            let rows = q
                .bind(max_reminders)
                .bind(waited_since_at_most)
                .fetch_all(&mut *db)
                .await
                .context("failed to list stories waiting on their heroes")?;
            Ok(rows.into_iter().map(|r| (r.story, r.hero_tz)).collect())
        })
    }

    /// Writes back every field a step may change.
    pub async fn save_story(&self, s: &StoryRow) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let update = async {
                bind_story!(sqlx::query(answering::STORY_UPDATE), s)
                    .execute(&mut *db)
                    .await
            };
            self.changing_contexts(update)
                .await
                .context("failed to save a story")?;
            Ok(())
        })
    }

    /// Records the hero's approval of `s` (its stage and fields as the engine set them) in
    /// one transaction: the story saved, `text` approved with the next place in the
    /// queue order, the story queued for each of `destinations` (and marked queued if
    /// there are any), the hero's conversation ended and the lines logged. A stop in
    /// between never leaves an approved story out of the queue. Returns the story as saved.
    pub async fn approve(
        &self,
        s: &StoryRow,
        text: &str,
        destinations: &[i64],
        queued_stage: Option<&str>,
        log: &[(&str, Event)],
        now: DateTime<Utc>,
    ) -> anyhow::Result<StoryRow> {
        on_db!(self, write, |db| {
            let write = async {
                let conn = db;
                let mut tx = conn.begin().await?;
                bind_story!(sqlx::query(answering::STORY_UPDATE), s)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(APPROVE)
                    .bind(text)
                    .bind(now)
                    .bind(s.id)
                    .execute(&mut *tx)
                    .await?;
                for d in destinations {
                    sqlx::query(ENQUEUE)
                        .bind(s.id)
                        .bind(d)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                }
                if let (Some(stage), false) = (queued_stage, destinations.is_empty()) {
                    sqlx::query("UPDATE stories SET stage = $1 WHERE id = $2")
                        .bind(stage)
                        .bind(s.id)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("DELETE FROM conversations WHERE user_id = $1")
                    .bind(&s.hero_id)
                    .execute(&mut *tx)
                    .await?;
                for (actor, what) in log {
                    sqlx::query(
                    "INSERT INTO story_events (story_id, at, actor, what) VALUES ($1, $2, $3, $4)",
                )
                .bind(s.id)
                .bind(now)
                .bind(actor)
                .bind(what.encode())
                .execute(&mut *tx)
                .await?;
                }
                tx.commit().await
            };
            self.changing_contexts(write)
                .await
                .context("failed to record an approval")?;
            self.story(s.story_id())
                .await?
                .context("an approved story vanished")
        })
    }

    /// Records that the hero approved: the story takes the next place in the queue order.
    pub async fn mark_approved(
        &self,
        story: StoryId,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let update = sqlx::query(APPROVE).bind(text).bind(now).bind(story.0);
            let update = async { update.execute(&mut *db).await };
            self.changing_contexts(update)
                .await
                .context("failed to record an approval")?;
            Ok(())
        })
    }

    /// Adds `what` `actor` did (a Slack user id, or `spotlight`) to the story's log.
    pub async fn log(
        &self,
        story: StoryId,
        actor: &str,
        what: &Event,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "INSERT INTO story_events (story_id, at, actor, what) VALUES ($1, $2, $3, $4)",
            )
            .bind(story.0)
            .bind(now)
            .bind(actor)
            .bind(what.encode())
            .execute(&mut *db)
            .await
            .context("failed to record a story event")?;
            Ok(())
        })
    }

    /// Records the question set `story` is interviewed with (set once, at nomination).
    pub async fn set_question_set(&self, story: StoryId, name: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("INSERT INTO story_question_sets (story_id, name) VALUES ($1, $2)")
                .bind(story.0)
                .bind(name)
                .execute(&mut *db)
                .await
                .context("failed to record a story's question set")?;
            Ok(())
        })
    }

    /// The question set `story` is interviewed with, if an admin picked one.
    pub async fn question_set_of(&self, story: StoryId) -> anyhow::Result<Option<String>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar("SELECT name FROM story_question_sets WHERE story_id = $1")
                .bind(story.0)
                .fetch_optional(&mut *db)
                .await
                .context("failed to read a story's question set")
        })
    }

    /// Keeps `text` as the story's text as the admins sent it to the hero.
    pub async fn set_reviewed_text(
        &self,
        story: StoryId,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
            "INSERT INTO reviewed_texts (story_id, text, reviewed_at) VALUES ($1, $2, $3)
             ON CONFLICT(story_id) DO UPDATE SET text = excluded.text, reviewed_at = excluded.reviewed_at",
        )
        .bind(story.0)
        .bind(text)
        .bind(now)
        .execute(&mut *db)
        .await
        .context("failed to record the text the admins sent")?;
            Ok(())
        })
    }

    /// The story's text as the admins last sent it to the hero, if they have.
    pub async fn reviewed_text(&self, story: StoryId) -> anyhow::Result<Option<String>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar("SELECT text FROM reviewed_texts WHERE story_id = $1")
                .bind(story.0)
                .fetch_optional(&mut *db)
                .await
                .context("failed to read the text the admins sent")
        })
    }

    /// The story's log, oldest first: when, who (a Slack user id or `spotlight`) and
    /// what, as stored (an encoded `Event`, or a sentence from before the log kept events).
    pub async fn events(
        &self,
        story: StoryId,
    ) -> anyhow::Result<Vec<(DateTime<Utc>, String, String)>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
                "SELECT at, actor, what FROM story_events WHERE story_id = $1 ORDER BY id",
            )
            .bind(story.0)
            .fetch_all(&mut *db)
            .await
            .context("failed to read story events")
        })
    }

    // ---- answers ----

    /// The current answer to each question: the highest revision per key.
    pub async fn answers(&self, story: StoryId) -> anyhow::Result<Answers> {
        on_db!(self, read, |db| {
            let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
                "SELECT question_key, body FROM answer_revisions a
             WHERE story_id = $1 AND revision = (
               SELECT MAX(revision) FROM answer_revisions b
               WHERE b.story_id = a.story_id AND b.question_key = a.question_key)",
            )
            .bind(story.0)
            .fetch_all(&mut *db)
            .await
            .context("failed to read answers")?;
            rows.into_iter()
                .map(|(k, body)| {
                    Ok((
                        k,
                        String::from_utf8(body).context("a stored answer is not UTF-8")?,
                    ))
                })
                .collect()
        })
    }

    /// Stores a new revision of an answer, exactly as given.
    pub async fn add_answer(
        &self,
        story: StoryId,
        key: &str,
        text: &str,
        source: &str,
        message_ref: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        on_db!(self, write, |db| {
            let insert = sqlx::query_scalar(
            "INSERT INTO answer_revisions (story_id, question_key, revision, body, source, message_ref, created_at)
             VALUES ($1, $2, (SELECT COALESCE(MAX(revision), 0) + 1 FROM answer_revisions
                              WHERE story_id = $1 AND question_key = $2), $3, $4, $5, $6)
             RETURNING revision",
        )
        .bind(story.0)
        .bind(key)
        .bind(text.as_bytes())
        .bind(source)
        .bind(message_ref)
        .bind(now);
            let insert = async { insert.fetch_one(&mut *db).await };
            let revision: i64 = self
                .changing_contexts(insert)
                .await
                .context("failed to save an answer")?;
            Ok(revision)
        })
    }

    pub async fn answer_history(&self, story: StoryId, key: &str) -> anyhow::Result<Vec<Revision>> {
        on_db!(self, read, |db| {
            let rows: Vec<(i64, Vec<u8>, String, DateTime<Utc>)> = sqlx::query_as(
                "SELECT revision, body, source, created_at FROM answer_revisions
             WHERE story_id = $1 AND question_key = $2 ORDER BY revision",
            )
            .bind(story.0)
            .bind(key)
            .fetch_all(&mut *db)
            .await
            .context("failed to read an answer's history")?;
            rows.into_iter()
                .map(|(revision, body, source, created_at)| {
                    Ok(Revision {
                        revision,
                        text: String::from_utf8(body).context("a stored answer is not UTF-8")?,
                        source,
                        created_at,
                    })
                })
                .collect()
        })
    }

    /// The story and question a chat message answered, for edits made in Slack.
    pub async fn answer_by_message(
        &self,
        message_ref: &str,
    ) -> anyhow::Result<Option<(StoryId, String)>> {
        on_db!(self, read, |db| {
            let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT story_id, question_key FROM answer_revisions WHERE message_ref = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(message_ref)
        .fetch_optional(&mut *db)
        .await
        .context("failed to look up an answered message")?;
            Ok(row.map(|(s, k)| (StoryId(s), k)))
        })
    }

    // ---- destinations ----

    pub async fn add_destination(
        &self,
        kind: &str,
        target: &str,
        tz: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query(
            "INSERT INTO destinations (kind, target, timezone, checked_until, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT(kind, target) DO NOTHING",
        )
        .bind(kind)
        .bind(target)
        .bind(tz)
        .bind(now)
        .bind(now)
        .execute(&mut *db)
        .await
        .context("failed to add a destination")?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The destinations in use (not the removed ones), oldest first.
    pub async fn destinations(&self) -> anyhow::Result<Vec<DestinationRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as("SELECT * FROM destinations WHERE kind NOT LIKE 'removed:%' ORDER BY id")
                .fetch_all(&mut *db)
                .await
                .context("failed to list destinations")
        })
    }

    pub async fn destination(
        &self,
        kind: &str,
        target: &str,
    ) -> anyhow::Result<Option<DestinationRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as("SELECT * FROM destinations WHERE kind = $1 AND target = $2")
                .bind(kind)
                .bind(target)
                .fetch_optional(&mut *db)
                .await
                .context("failed to read a destination")
        })
    }

    pub async fn save_destination(&self, d: &DestinationRow) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "UPDATE destinations SET cron = $1, timezone = $2, paused = $3, checked_until = $4,
               blocked_reason = $5, blocked_at = $6, audience = $7, name = $8 WHERE id = $9",
            )
            .bind(&d.cron)
            .bind(&d.timezone)
            .bind(d.paused)
            .bind(d.checked_until)
            .bind(&d.blocked_reason)
            .bind(d.blocked_at)
            .bind(&d.audience)
            .bind(&d.name)
            .bind(d.id)
            .execute(&mut *db)
            .await
            .context("failed to save a destination")?;
            Ok(())
        })
    }

    /// Removes a destination that has nothing waiting for it; false if stories still wait.
    pub async fn remove_destination(&self, id: i64) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn
                .begin()
                .await
                .context("failed to start a transaction")?;
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM posts WHERE destination_id = $1 AND status != 'sent'",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            let targeted: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM story_targets t JOIN stories s ON s.id = t.story_id
             WHERE t.destination_id = $1 AND s.stage NOT IN ('published', 'opted_out')",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if waiting > 0 || targeted > 0 {
                return Ok(false);
            }
            let used: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE destination_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if used > 0 {
                // Keep the row for the record of what was posted there; just stop using it.
                sqlx::query("UPDATE destinations SET kind = 'removed:' || kind || ':' || id, paused = TRUE WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            } else {
                sqlx::query("DELETE FROM story_targets WHERE destination_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM destinations WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit()
                .await
                .context("failed to remove a destination")?;
            Ok(true)
        })
    }

    pub async fn set_targets(&self, story: StoryId, destination_ids: &[i64]) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn
                .begin()
                .await
                .context("failed to start a transaction")?;
            sqlx::query("DELETE FROM story_targets WHERE story_id = $1")
                .bind(story.0)
                .execute(&mut *tx)
                .await?;
            for id in destination_ids {
                sqlx::query("INSERT INTO story_targets (story_id, destination_id) VALUES ($1, $2)")
                    .bind(story.0)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit()
                .await
                .context("failed to save a story's channels")?;
            Ok(())
        })
    }

    pub async fn targets(&self, story: StoryId) -> anyhow::Result<Vec<i64>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar(
            "SELECT destination_id FROM story_targets WHERE story_id = $1 ORDER BY destination_id",
        )
        .bind(story.0)
        .fetch_all(&mut *db)
        .await
        .context("failed to read a story's channels")
        })
    }

    // ---- the outbox ----

    /// Queues a story for a destination; a second call for the same pair changes nothing.
    pub async fn enqueue(
        &self,
        story: StoryId,
        destination: i64,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(ENQUEUE)
                .bind(story.0)
                .bind(destination)
                .bind(now)
                .execute(&mut *db)
                .await
                .context("failed to queue a story")?;
            Ok(())
        })
    }

    const POST_SELECT: &'static str = "SELECT p.id, p.story_id, p.destination_id, p.status, d.kind, d.target, d.name, s.approved_at, p.message_ref, p.claimed_at
         FROM posts p JOIN destinations d ON d.id = p.destination_id JOIN stories s ON s.id = p.story_id";

    /// Posts waiting to be sent (not those in flight), first approved first; for one
    /// destination or all.
    pub async fn pending_posts(&self, destination: Option<i64>) -> anyhow::Result<Vec<PostRow>> {
        on_db!(self, read, |db| {
            let sql = format!(
            "{} WHERE p.status = 'pending' AND s.stage = 'queued' AND ($1 IS NULL OR p.destination_id = $1)
             ORDER BY s.approved_seq, s.id, p.destination_id",
            Self::POST_SELECT
        );
            sqlx::query_as(&sql)
                .bind(destination)
                .fetch_all(&mut *db)
                .await
                .context("failed to read the queue")
        })
    }

    pub async fn posts_of(&self, story: StoryId) -> anyhow::Result<Vec<PostRow>> {
        on_db!(self, read, |db| {
            let sql = format!(
                "{} WHERE p.story_id = $1 ORDER BY p.destination_id",
                Self::POST_SELECT
            );
            sqlx::query_as(&sql)
                .bind(story.0)
                .fetch_all(&mut *db)
                .await
                .context("failed to read a story's posts")
        })
    }

    /// Posts claimed for sending but not recorded as sent: each may or may not have
    /// reached the channel, and must be reconciled before anything is resent.
    pub async fn sending_posts(&self) -> anyhow::Result<Vec<PostRow>> {
        on_db!(self, read, |db| {
            let sql = format!(
                "{} WHERE p.status = 'sending' ORDER BY p.id",
                Self::POST_SELECT
            );
            sqlx::query_as(&sql)
                .fetch_all(&mut *db)
                .await
                .context("failed to read posts in flight")
        })
    }

    /// Claims a pending post for sending; false if someone else already did.
    pub async fn claim_post(&self, post: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query("UPDATE posts SET status = 'sending', claimed_at = $1 WHERE id = $2 AND status = 'pending'")
            .bind(now)
            .bind(post)
            .execute(&mut *db)
            .await
            .context("failed to claim a post")?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Puts a claimed post back in the queue after a send that certainly failed.
    pub async fn release_post(&self, post: i64) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE posts SET status = 'pending', claimed_at = NULL WHERE id = $1 AND status = 'sending'")
            .bind(post)
            .execute(&mut *db)
            .await
            .context("failed to release a post")?;
            Ok(())
        })
    }

    /// Records how many people the post could reach.
    pub async fn set_post_reach(&self, post: i64, members: i64) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE posts SET reach = $1 WHERE id = $2")
                .bind(members)
                .bind(post)
                .execute(&mut *db)
                .await
                .context("failed to record a post's reach")?;
            Ok(())
        })
    }

    /// The people a story's posts could reach, where known.
    pub async fn reach_of(&self, story: StoryId) -> anyhow::Result<Option<i64>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar("SELECT CAST(SUM(reach) AS BIGINT) FROM posts WHERE story_id = $1 AND status = 'sent'")
            .bind(story.0)
            .fetch_one(&mut *db)
            .await
            .context("failed to read a story's reach")
        })
    }

    pub async fn mark_sent(
        &self,
        post: i64,
        message_ref: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "UPDATE posts SET status = 'sent', message_ref = $1, posted_at = $2 WHERE id = $3",
            )
            .bind(message_ref)
            .bind(now)
            .bind(post)
            .execute(&mut *db)
            .await
            .context("failed to record a post")?;
            Ok(())
        })
    }

    /// Slack channel posts (the destinations with a thread to link to) that are out but
    /// whose web address is not known yet, as (post, destination, message reference),
    /// oldest first.
    pub async fn posts_without_permalink(
        &self,
    ) -> anyhow::Result<Vec<(i64, DestinationRef, String)>> {
        on_db!(self, read, |db| {
            let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT p.id, d.kind, d.target, p.message_ref FROM posts p JOIN destinations d ON d.id = p.destination_id
             WHERE p.permalink IS NULL AND p.status = 'sent' AND p.message_ref IS NOT NULL
               AND d.kind = 'slack_channel'
             ORDER BY p.id",
        )
        .fetch_all(&mut *db)
        .await
        .context("failed to read the posts whose link is not known")?;
            Ok(rows
                .into_iter()
                .map(|(id, kind, target, message_ref)| {
                    (id, DestinationRef::from_stored(&kind, &target), message_ref)
                })
                .collect())
        })
    }

    /// Keeps a post's web address; `""` when Slack refused to give one (never asked again).
    pub async fn set_post_permalink(&self, post: i64, permalink: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE posts SET permalink = $1 WHERE id = $2")
                .bind(permalink)
                .bind(post)
                .execute(&mut *db)
                .await
                .context("failed to save a post's link")?;
            Ok(())
        })
    }

    // ---- engagement ----

    /// The post a chat message is, by its reference (`channel:ts`).
    pub async fn post_by_ref(&self, message_ref: &str) -> anyhow::Result<Option<PostRow>> {
        on_db!(self, write, |db| {
            let sql = format!("{} WHERE p.message_ref = $1", Self::POST_SELECT);
            sqlx::query_as(&sql)
                .bind(message_ref)
                .fetch_optional(&mut *db)
                .await
                .context("failed to look up a post")
        })
    }

    /// Records a reaction or reply; the same one twice counts once. Whether it is new.
    pub async fn add_engagement(
        &self,
        post: i64,
        kind: &str,
        user: &str,
        detail: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query(
            "INSERT INTO engagement (post_id, kind, user_id, detail, at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT(post_id, kind, user_id, detail) DO NOTHING",
        )
        .bind(post)
        .bind(kind)
        .bind(user)
        .bind(detail)
        .bind(now)
        .execute(&mut *db)
        .await
        .context("failed to record engagement")?;
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn remove_engagement(
        &self,
        post: i64,
        kind: &str,
        user: &str,
        detail: &str,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
            "DELETE FROM engagement WHERE post_id = $1 AND kind = $2 AND user_id = $3 AND detail = $4",
        )
        .bind(post)
        .bind(kind)
        .bind(user)
        .bind(detail)
        .execute(&mut *db)
        .await
        .context("failed to remove engagement")?;
            Ok(())
        })
    }

    /// Replaces everything recorded for a post with what the channel shows now.
    pub async fn replace_engagement(
        &self,
        post: i64,
        items: &[(String, String, String)],
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn
                .begin()
                .await
                .context("failed to start a transaction")?;
            sqlx::query("DELETE FROM engagement WHERE post_id = $1")
                .bind(post)
                .execute(&mut *tx)
                .await?;
            for (kind, user, detail) in items {
                sqlx::query(
                "INSERT INTO engagement (post_id, kind, user_id, detail, at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT(post_id, kind, user_id, detail) DO NOTHING",
            )
            .bind(post)
            .bind(kind)
            .bind(user)
            .bind(detail)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            }
            tx.commit().await.context("failed to save engagement")?;
            Ok(())
        })
    }

    /// Records a reply by someone other than the hero in the thread of a post of `story`,
    /// for the hero to be told. Whether it is new (a reply is told once).
    pub async fn add_reply_notice(
        &self,
        story: StoryId,
        parent_ref: &str,
        reply_ref: &str,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query(
                "INSERT INTO reply_notices (reply_ref, story_id, parent_ref, user_id, at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT(reply_ref) DO NOTHING",
            )
            .bind(reply_ref)
            .bind(story.0)
            .bind(parent_ref)
            .bind(user.as_str())
            .bind(now)
            .execute(&mut *db)
            .await
            .context("failed to record a reply for the hero")?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The stories with replies their hero has not been told of, each with when the hero
    /// was last told of a reply to it (None: never).
    pub async fn stories_with_untold_replies(
        &self,
    ) -> anyhow::Result<Vec<(i64, Option<DateTime<Utc>>)>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
                "SELECT story_id,
                    (SELECT MAX(told_at) FROM reply_notices t WHERE t.story_id = r.story_id)
             FROM reply_notices r WHERE told_at IS NULL GROUP BY story_id ORDER BY story_id",
            )
            .fetch_all(&mut *db)
            .await
            .context("failed to list replies waiting for their hero")
        })
    }

    /// The replies to `story` its hero has not been told of, oldest first, as (person,
    /// parent post, reply), and marks them told at `now`.
    pub async fn take_untold_replies(
        &self,
        story: StoryId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(String, String, String)>> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn
                .begin()
                .await
                .context("failed to start a transaction")?;
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT user_id, parent_ref, reply_ref FROM reply_notices
             WHERE story_id = $1 AND told_at IS NULL ORDER BY at, reply_ref",
            )
            .bind(story.0)
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE reply_notices SET told_at = $1 WHERE story_id = $2 AND told_at IS NULL",
            )
            .bind(now)
            .bind(story.0)
            .execute(&mut *tx)
            .await?;
            tx.commit().await.context("failed to mark replies told")?;
            Ok(rows)
        })
    }

    /// Published stories whose hero has not been thanked, published at or before
    /// `before`, oldest first.
    pub async fn stories_to_thank(&self, before: DateTime<Utc>) -> anyhow::Result<Vec<StoryRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
                "SELECT * FROM stories WHERE stage = 'published' AND published_at <= $1
               AND id NOT IN (SELECT story_id FROM thank_yous) ORDER BY published_at, id",
            )
            .bind(before)
            .fetch_all(&mut *db)
            .await
            .context("failed to list stories to thank")
        })
    }

    /// When the earliest published story whose hero has not been thanked was published.
    pub async fn earliest_unthanked(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar(
                "SELECT MIN(published_at) FROM stories WHERE stage = 'published'
               AND id NOT IN (SELECT story_id FROM thank_yous)",
            )
            .fetch_one(&mut *db)
            .await
            .context("failed to read when a hero is next thanked")
        })
    }

    /// Records that the hero of `story` was thanked: it is never sent again.
    pub async fn mark_thanked(&self, story: StoryId, now: DateTime<Utc>) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
            "INSERT INTO thank_yous (story_id, sent_at) VALUES ($1, $2) ON CONFLICT(story_id) DO NOTHING",
        )
        .bind(story.0)
        .bind(now)
        .execute(&mut *db)
        .await
        .context("failed to record a thank-you")?;
            Ok(())
        })
    }

    /// Reactions, replies and distinct people, over all of a story's posts.
    pub async fn engagement_of(&self, story: StoryId) -> anyhow::Result<(i64, i64, i64)> {
        on_db!(self, read, |db| {
            let row: (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE e.kind = 'reaction'), COUNT(*) FILTER (WHERE e.kind = 'reply'), COUNT(DISTINCT e.user_id)
             FROM engagement e JOIN posts p ON p.id = e.post_id WHERE p.story_id = $1",
        )
        .bind(story.0)
        .fetch_one(&mut *db)
        .await
        .context("failed to count engagement")?;
            Ok(row)
        })
    }

    /// Posts sent since `since`, newest first.
    pub async fn recent_posts(&self, since: DateTime<Utc>) -> anyhow::Result<Vec<PostRow>> {
        on_db!(self, read, |db| {
            let sql = format!(
                "{} WHERE p.status = 'sent' AND p.posted_at >= $1 ORDER BY p.posted_at DESC",
                Self::POST_SELECT
            );
            sqlx::query_as(&sql)
                .bind(since)
                .fetch_all(&mut *db)
                .await
                .context("failed to list recent posts")
        })
    }

    // ---- the Slack inbox ----

    /// Records several requests at once, in one commit (group commit for the Slack
    /// listener; see `writer::run_hot`). For each, in order: its inbox row id, or None if
    /// one with the same key was recorded before (a retry, or a repeat within the batch).
    pub async fn inbox_insert_many(
        &self,
        requests: Vec<(String, &'static str, String)>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Option<i64>>> {
        if requests.is_empty() {
            return Ok(vec![]);
        }
        let lite = match &self.db {
            Db::Sqlite(lite) => lite,
            Db::Postgres(pg) => return self.record_on_postgres(&pg.replica, requests, now).await,
        };
        let (done, outcome) = tokio::sync::oneshot::channel();
        lite.recordings
            .send(writer::Recording {
                rows: requests,
                now,
                done,
            })
            .map_err(|_| anyhow::anyhow!("the database is closed"))?;
        outcome
            .await
            .map_err(|_| anyhow::anyhow!("the database is closed"))?
            .map_err(|e| anyhow::anyhow!(e))
    }

    /// `inbox_insert_many` on Postgres: recorded in one statement by the replica (a key
    /// another replica recorded first is a repeat), the new rows then fed in order.
    async fn record_on_postgres(
        &self,
        pg: &postgres::Replica,
        requests: Vec<(String, &'static str, String)>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Option<i64>>> {
        use shared::{Inbox, Recorded};
        let recorded = pg.record(requests.clone(), now).await?;
        let ids: Vec<Option<i64>> = recorded
            .iter()
            .map(|r| match r {
                Recorded::New(id) => Some(*id),
                Recorded::Repeat => None,
            })
            .collect();
        writer::feed_new(&mut unpoisoned(&self.feed), requests, &ids);
        Ok(ids)
    }

    /// On Postgres, for the serving replica: takes the unprocessed requests that no
    /// claim of `claimant`'s holds (recorded by any replica, or taken by a replica that
    /// served before and did not finish them), at most `limit`, in the order recorded.
    /// Each is taken once per claimant, so one being retried is not taken again.
    pub async fn inbox_claim(&self, claimant: &str, limit: i64) -> anyhow::Result<Vec<InboxRow>> {
        on_db!(self, write, |db| {
            let mut rows: Vec<InboxRow> = sqlx::query_as(
                "UPDATE inbox SET claimed_by = $1 WHERE id IN (
                    SELECT id FROM inbox WHERE processed_at IS NULL
                       AND (claimed_by IS NULL OR claimed_by <> $1)
                     ORDER BY id LIMIT $2)
                 RETURNING id, key, kind, body",
            )
            .bind(claimant)
            .bind(limit)
            .fetch_all(&mut *db)
            .await
            .context("failed to take requests from the inbox")?;
            rows.sort_by_key(|r| r.id);
            Ok(rows)
        })
    }

    /// Every request recorded from now on, once committed, in the order recorded (the
    /// dispatcher's feed: it need not read them back). Only the last caller is fed.
    /// Requests recorded before the call are in the database (`inbox_pending_after`).
    pub fn follow_inbox(&self) -> tokio::sync::mpsc::UnboundedReceiver<InboxRow> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        *unpoisoned(&self.feed) = Some(tx);
        rx
    }

    /// Unprocessed requests recorded after row `after`, oldest first.
    pub async fn inbox_pending_after(
        &self,
        after: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<InboxRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
            "SELECT id, key, kind, body FROM inbox WHERE processed_at IS NULL AND id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *db)
        .await
        .context("failed to read the inbox")
        })
    }

    pub async fn inbox_pending(&self, limit: i64) -> anyhow::Result<Vec<InboxRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
            "SELECT id, key, kind, body FROM inbox WHERE processed_at IS NULL ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&mut *db)
        .await
        .context("failed to read the inbox")
        })
    }

    pub async fn inbox_done(
        &self,
        id: i64,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE inbox SET processed_at = $1, error = $2 WHERE id = $3")
                .bind(now)
                .bind(error)
                .bind(id)
                .execute(&mut *db)
                .await
                .context("failed to mark a request as processed")?;
            Ok(())
        })
    }

    /// For health checks: whether the database answers (a cheap query) and the hot
    /// writer still runs (without it, no request can be recorded and no answer saved:
    /// the process must be restarted).
    pub async fn ping(&self) -> anyhow::Result<()> {
        on_db!(self, read, |db| {
            if let Db::Sqlite(lite) = &self.db {
                if lite.recordings.is_closed() || lite.steps.is_closed() {
                    anyhow::bail!(
                        "the store's writer has stopped (see the log); restart Spotlight"
                    );
                }
            }
            sqlx::query("SELECT 1")
                .execute(&mut *db)
                .await
                .context("the database does not answer")?;
            Ok(())
        })
    }

    // ---- conversations and settings ----

    pub async fn set_conversation(&self, user: &UserId, state: Option<&str>) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let write = match state {
            Some(s) => sqlx::query(
                "INSERT INTO conversations (user_id, state) VALUES ($1, $2) ON CONFLICT(user_id) DO UPDATE SET state = excluded.state",
            )
            .bind(user.as_str())
            .bind(s),
            None => sqlx::query("DELETE FROM conversations WHERE user_id = $1").bind(user.as_str()),
        };
            let write = async { write.execute(&mut *db).await };
            self.changing_contexts(write)
                .await
                .context("failed to save a conversation")?;
            Ok(())
        })
    }

    pub async fn meta(&self, key: &str) -> anyhow::Result<Option<String>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
                .bind(key)
                .fetch_optional(&mut *db)
                .await
                .context("failed to read a setting")
        })
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(&mut *db)
            .await
            .context("failed to save a setting")?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_address_says_how_durable_commits_are_and_a_wrong_setting_is_refused() {
        let (url, sync) = durability("sqlite://s.db").unwrap();
        assert_eq!(
            (url.as_str(), sync),
            ("sqlite://s.db", SqliteSynchronous::Normal)
        );
        let (url, sync) = durability("sqlite://s.db?synchronous=FULL&mode=rwc").unwrap();
        assert_eq!(
            (url.as_str(), sync),
            ("sqlite://s.db?mode=rwc", SqliteSynchronous::Full)
        );
        let err = durability("sqlite://s.db?synchronous=off")
            .unwrap_err()
            .to_string();
        assert!(err.contains("synchronous=full"), "{err}");
    }
    use chrono::TimeZone;

    pub(super) async fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = Store::open(&url).await.unwrap();
        (dir, store)
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    #[tokio::test]
    async fn the_health_check_fails_once_the_hot_writer_has_stopped() {
        let (_dir, store) = fresh().await;
        store.ping().await.unwrap();
        // The hot writer stops when it finds the writing connection gone.
        store.lite().writer.lose_connection().await;
        let recorded = store
            .inbox_insert_many(vec![("k1".into(), "event", "{}".into())], now())
            .await;
        assert!(recorded.is_err());
        let e = store.ping().await.unwrap_err();
        assert!(format!("{e:#}").contains("restart Spotlight"), "{e:#}");
    }

    #[tokio::test]
    async fn a_name_is_the_first_one_stored_whether_read_from_memory_or_not() {
        let (_dir, store) = fresh().await;
        let maria = UserId::parse("maria").unwrap();
        assert_eq!(store.user_name(&maria).await.unwrap(), None);
        store.ensure_user(&maria, "Maria", now()).await.unwrap();
        // Not found before is not remembered as not found.
        assert_eq!(
            store.user_name(&maria).await.unwrap().as_deref(),
            Some("Maria")
        );
        store
            .ensure_user(&maria, "Someone else", now())
            .await
            .unwrap();
        assert_eq!(
            store.user_name(&maria).await.unwrap().as_deref(),
            Some("Maria")
        );
        let stored: String =
            sqlx::query_scalar("SELECT display_name FROM users WHERE id = 'maria'")
                .fetch_one(&mut *store.read().await.unwrap())
                .await
                .unwrap();
        assert_eq!(stored, "Maria");
    }

    #[tokio::test]
    async fn the_log_is_checkpointed_beside_the_writer() {
        let (dir, store) = fresh().await;
        let db = dir.path().join("t.db");
        let size = || std::fs::metadata(&db).unwrap().len();
        let before = size();
        // About 2 MiB of answers: far below the writer's own checkpoint threshold.
        let hero = UserId::parse("maria").unwrap();
        store.ensure_user(&hero, "Maria", now()).await.unwrap();
        let story = store.insert_story(&hero, &hero, "", now()).await.unwrap();
        let long = "x".repeat(20_000);
        for i in 0..100 {
            store
                .add_answer(
                    story.story_id(),
                    &format!("q{i}"),
                    &long,
                    "test",
                    None,
                    now(),
                )
                .await
                .unwrap();
        }
        let every = Checkpoints::default().every;
        let deadline = std::time::Instant::now() + 10 * every;
        while size() < before + 2_000_000 {
            assert!(
                std::time::Instant::now() < deadline,
                "the database file stayed at {} bytes: no checkpoint ran",
                size()
            );
            tokio::time::sleep(every / 5).await;
        }
    }

    /// Under writes without a pause, a checkpoint beside the writer never reaches the
    /// log's end by itself; the checkpointer must hold the writer still now and then so
    /// that the log starts over, or it grows without end.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_starts_over_under_writes_without_a_pause() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let url = format!("sqlite://{}", db.display());
        let policy = Checkpoints {
            every: Duration::from_millis(20),
            restart_at: 256,
            short: 32,
            // The writer alone would let the log grow to 4 GiB.
            backstop: 1 << 20,
        };
        let store = Store::open_with(&url, policy).await.unwrap();
        let hero = UserId::parse("maria").unwrap();
        store.ensure_user(&hero, "Maria", now()).await.unwrap();
        let story = store.insert_story(&hero, &hero, "", now()).await.unwrap();
        // About 24 MiB of answers, from two writers that never pause together.
        let long = "x".repeat(6_000);
        let mut writers = tokio::task::JoinSet::new();
        for w in 0..2 {
            let (store, long, id) = (store.clone(), long.clone(), story.story_id());
            writers.spawn(async move {
                for i in 0..2_000 {
                    store
                        .add_answer(id, &format!("w{w}q{i}"), &long, "test", None, now())
                        .await
                        .unwrap();
                }
            });
        }
        let wal = dir.path().join("t.db-wal");
        let mut largest = 0;
        while !writers.is_empty() {
            if let Ok(m) = std::fs::metadata(&wal) {
                largest = largest.max(m.len());
            }
            if let Ok(Some(done)) =
                tokio::time::timeout(Duration::from_millis(5), writers.join_next()).await
            {
                done.unwrap();
            }
        }
        // Each answer is about 24 KiB of log (its pages and the indexes'): about 96 MiB
        // in all if the log never starts over. A loaded machine delays the checkpointer's
        // rounds (on a quiet one the log stays under 32 MiB; with two builds beside it,
        // it was seen at 54 MiB), hence the margin: three quarters of never.
        assert!(
            largest < 72 << 20,
            "the log grew to {largest} bytes while 24 MiB were written: it never started over"
        );
        let answers = store.answers(story.story_id()).await.unwrap();
        assert_eq!(answers.len(), 4_000, "every answer is kept");
        store.close().await;
    }

    #[tokio::test]
    async fn the_database_runs_in_wal_mode_with_foreign_keys_on() {
        let (_dir, store) = fresh().await;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(fk, 1);
        // A story for a person who does not exist is refused by the foreign key.
        let hero = UserId::parse("ghost").unwrap();
        assert!(store.insert_story(&hero, &hero, "", now()).await.is_err());
    }

    #[tokio::test]
    async fn answers_keep_their_exact_bytes_and_every_revision() {
        let (_dir, store) = fresh().await;
        let hero = UserId::parse("maria").unwrap();
        store.ensure_user(&hero, "Maria", now()).await.unwrap();
        let story = store.insert_story(&hero, &hero, "", now()).await.unwrap();
        let raw = "tabs\tand\r\nCRLF, trailing spaces   \n\u{0}nul, emoji 🚀, combining e\u{301}";
        store
            .add_answer(
                story.story_id(),
                "benefit",
                "first",
                "interview",
                None,
                now(),
            )
            .await
            .unwrap();
        store
            .add_answer(story.story_id(), "benefit", raw, "hero_edit", None, now())
            .await
            .unwrap();
        let answers = store.answers(story.story_id()).await.unwrap();
        assert_eq!(answers["benefit"].as_bytes(), raw.as_bytes());
        let history = store
            .answer_history(story.story_id(), "benefit")
            .await
            .unwrap();
        assert_eq!(
            history.iter().map(|r| r.revision).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(history[0].text, "first");
    }

    #[tokio::test]
    async fn a_story_is_queued_once_per_destination_and_claimed_once() {
        let (_dir, store) = fresh().await;
        let hero = UserId::parse("maria").unwrap();
        store.ensure_user(&hero, "Maria", now()).await.unwrap();
        let story = store.insert_story(&hero, &hero, "", now()).await.unwrap();
        store
            .add_destination("slack_channel", "wins", "UTC", now())
            .await
            .unwrap();
        let dest = store
            .destination("slack_channel", "wins")
            .await
            .unwrap()
            .unwrap();
        store
            .enqueue(story.story_id(), dest.id, now())
            .await
            .unwrap();
        store
            .enqueue(story.story_id(), dest.id, now())
            .await
            .unwrap();
        let posts = store.posts_of(story.story_id()).await.unwrap();
        assert_eq!(posts.len(), 1);
        assert!(store.claim_post(posts[0].id, now()).await.unwrap());
        assert!(
            !store.claim_post(posts[0].id, now()).await.unwrap(),
            "a claimed post is not claimed twice"
        );
    }
}
mod answering;
mod charts;
mod checkpointer;
mod forget;
mod installations;
mod outbox;
mod pg_hot;
mod pictures;
pub mod postgres;
mod readers;
mod reports;
pub mod shared;
mod usage;
pub mod workspace;
mod writer;

pub use answering::{with_inbox_row, MessageContext};
pub use charts::HomeChart;
pub use forget::{RetractionRow, FORGOTTEN};
pub use installations::{InstallationRow, Installed, NewInstallation, RefreshClaim, StateCheck};
pub use outbox::{OutboxRow, OutboxState, SetAside};
pub use pictures::NewPicture;
