//! The hot path of an interview, one round trip each way: everything a direct message
//! needs is read with one query, and what an interview step changes (the answer, the
//! story, and the inbox row that brought the message) is written in one transaction.
//!
//! Each sqlx statement is a hand-off to SQLite's thread and back; at a thousand heroes
//! answering at once those hand-offs, not SQLite, were most of the bot's time.

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{FromRow, Row};
use tokio::sync::oneshot;

use super::outbox::{self, OutboxFeed};
use super::Db;
use super::{Store, StoryRow};
use crate::delivery::ForOutbox;
use crate::domain::interview::Answers;
use crate::domain::UserId;

tokio::task_local! {
    /// The inbox row being processed, until a write marks it done with its own changes.
    static INBOX_ROW: Cell<Option<i64>>;
}

/// Runs the future `work` makes for inbox row `id`. The first interview step it saves
/// marks the row processed in the same transaction, so a message is never half handled:
/// after a crash it is either not stored at all (and processed again) or stored and done.
/// Returns the result and whether the row is still to be marked done by the caller.
///
/// `work` is a closure, not a future: a future argument would be kept twice in this
/// function's state (as the argument and as the future being awaited), doubling every
/// request's future, which is copied whenever it moves.
pub async fn with_inbox_row<F: Future>(id: i64, work: impl FnOnce() -> F) -> (F::Output, bool) {
    let mut scoped = std::pin::pin!(INBOX_ROW.scope(Cell::new(Some(id)), work()));
    let out = scoped.as_mut().await;
    let pending = scoped.take_value().is_some_and(|c| c.get().is_some());
    (out, pending)
}

/// What a direct message from a hero is read against.
#[derive(Debug, Default, Clone)]
pub struct MessageContext {
    /// A conversation in progress (an edit, a form), as stored.
    pub conversation: Option<String>,
    /// The hero's story still on its way.
    pub story: Option<StoryRow>,
    /// The story's current answers, if it is being interviewed.
    pub answers: Option<Answers>,
}

/// The most open interviews whose context is kept in memory (about 1 KiB each).
const CONTEXTS_KEPT: usize = 50_000;

/// Open interviews' contexts, kept in step with what this process writes, so a hero's
/// next answer is read from memory instead of from SQLite (a hand-off to its thread and
/// back, each time).
///
/// Only contexts with a story being interviewed and no conversation are kept. An
/// interview step updates its hero's context once committed; any other write that can
/// change a context (a story, an answer, a conversation) forgets them all, before it
/// starts and after it ends, so no read can keep what it saw before that write. This
/// assumes one process writes the database, as `spotlight serve` does.
#[derive(Debug, Default)]
pub(super) struct Contexts {
    /// Counts forgets, so a read that raced one does not keep what it saw.
    generation: u64,
    open: HashMap<String, (StoryRow, Answers)>,
}

pub(super) type SharedContexts = Arc<Mutex<Contexts>>;

impl Contexts {
    fn lock(shared: &SharedContexts) -> std::sync::MutexGuard<'_, Contexts> {
        super::unpoisoned(shared)
    }

    /// Forgets every context kept.
    pub(super) fn forget(shared: &SharedContexts) {
        let mut c = Self::lock(shared);
        c.generation += 1;
        c.open.clear();
    }

    /// After a step is committed: the hero's context as it now is, if it was kept.
    fn stepped(shared: &SharedContexts, story: StoryRow, saves: Vec<(String, String)>) {
        let mut c = Self::lock(shared);
        let Some((kept, answers)) = c.open.get_mut(&story.hero_id) else {
            return;
        };
        if kept.id != story.id || story.stage != "interviewing" {
            c.open.remove(&story.hero_id);
            return;
        }
        *kept = story;
        answers.extend(saves);
    }
}

/// The columns `save_story` writes, as `?1`…`?19`, and the story's id as `?20` (the
/// hot writer's `write_steps` runs it too).
pub(super) const STORY_UPDATE: &str = "UPDATE stories SET stage = $1, interview_position = $2,
   interview_status = $3, interview_started_at = $4, interview_active_secs = $5,
   interview_last_input_at = $6, interview_wrapping_up = $7, selected_quotes = $8,
   headline = $9, headline_by = $10, pending_text = $11, pending_version = $12,
   approved_text = $13, change_request = $14, reminders_sent = $15, waiting_since = $16,
   updated_at = $17, approved_at = $18, published_at = $19
 WHERE id = $20";

/// `STORY_UPDATE` for a story whose stage stays as it is (most interview steps): the
/// same parameters, but the stage is only compared, not set, so SQLite leaves the
/// `stories_stage` index alone (it rewrites an index entry whenever the `SET` names one
/// of its columns, even to the same value). Changes no row if the stage differs.
const STORY_UPDATE_SAME_STAGE: &str = "UPDATE stories SET interview_position = ?2,
   interview_status = ?3, interview_started_at = ?4, interview_active_secs = ?5,
   interview_last_input_at = ?6, interview_wrapping_up = ?7, selected_quotes = ?8,
   headline = ?9, headline_by = ?10, pending_text = ?11, pending_version = ?12,
   approved_text = ?13, change_request = ?14, reminders_sent = ?15, waiting_since = ?16,
   updated_at = ?17, approved_at = ?18, published_at = ?19
 WHERE id = ?20 AND stage = ?1";

/// A hero's context in one query (`read_context`): the conversation's state, the open
/// story and, during an interview, its current answers as a JSON array of pairs, made
/// by `$pairs` (the two databases name JSON functions differently).
macro_rules! context_sql {
    ($pairs:literal) => {
        concat!(
            "SELECT (SELECT state FROM conversations WHERE user_id = $1) AS conversation_state,
                    (SELECT ",
            $pairs,
            " FROM answer_revisions a
                      WHERE a.story_id = s.id AND s.stage = 'interviewing'
                        AND a.revision = (SELECT MAX(revision) FROM answer_revisions b
                                           WHERE b.story_id = a.story_id
                                             AND b.question_key = a.question_key))
                      AS current_answers,
                    s.*
               FROM (SELECT 1) one LEFT JOIN stories s ON s.id = (
                    SELECT id FROM stories WHERE hero_id = $1
                       AND stage NOT IN ('published', 'opted_out')
                     ORDER BY id DESC LIMIT 1)"
        )
    };
}

const CONTEXT_SQLITE: &str =
    context_sql!("json_group_array(json_array(a.question_key, CAST(a.body AS TEXT)))");

const CONTEXT_POSTGRES: &str = context_sql!(
    "CAST(json_agg(json_build_array(a.question_key, convert_from(a.body, 'UTF8'))) AS TEXT)"
);

impl Store {
    /// The hero's conversation in progress, their open story and, if it is being
    /// interviewed, its current answers: from memory during an interview (see
    /// `Contexts`), else read with one query.
    pub async fn message_context(&self, hero: &UserId) -> anyhow::Result<MessageContext> {
        if self.db.is_postgres() {
            // Another replica may have moved the interview on: always the database's.
            return self.read_context(hero).await;
        }
        let generation = {
            let c = Contexts::lock(&self.contexts);
            if let Some((story, answers)) = c.open.get(hero.as_str()) {
                return Ok(MessageContext {
                    conversation: None,
                    story: Some(story.clone()),
                    answers: Some(answers.clone()),
                });
            }
            c.generation
        };
        let context = self.read_context(hero).await?;
        if let (None, Some(story), Some(answers)) =
            (&context.conversation, &context.story, &context.answers)
        {
            let mut c = Contexts::lock(&self.contexts);
            if c.generation == generation && c.open.len() < CONTEXTS_KEPT {
                c.open
                    .insert(story.hero_id.clone(), (story.clone(), answers.clone()));
            }
        }
        Ok(context)
    }

    /// Reads a hero's context from the database, with one query.
    async fn read_context(&self, hero: &UserId) -> anyhow::Result<MessageContext> {
        on_db!(self, read, |db| {
            let sql = if self.db.is_postgres() {
                CONTEXT_POSTGRES
            } else {
                CONTEXT_SQLITE
            };
            let row = sqlx::query(sql)
                .bind(hero.as_str())
                .fetch_one(&mut *db)
                .await
                .context("failed to read a hero's story")?;
            let conversation: Option<String> = row.try_get("conversation_state")?;
            let story_id: Option<i64> = row.try_get("id")?;
            let story = match story_id {
                Some(_) => Some(StoryRow::from_row(&row).context("failed to read a story")?),
                None => None,
            };
            let answers = match story.as_ref() {
                Some(s) if s.stage == "interviewing" => {
                    let json: Option<String> = row.try_get("current_answers")?;
                    let pairs: Vec<(String, String)> =
                        serde_json::from_str(json.as_deref().unwrap_or("[]"))
                            .context("failed to read answers")?;
                    Some(pairs.into_iter().collect())
                }
                _ => None,
            };
            Ok(MessageContext {
                conversation,
                story,
                answers,
            })
        })
    }

    /// Saves one interview step: the new answer revisions (stored exactly as given),
    /// the story, `event` in the story's log (by Spotlight), if any, and, if this runs
    /// for an inbox row (`with_inbox_row`), that row as processed, all in one transaction, committed when this returns. Steps of
    /// different heroes that arrive together share a transaction (group commit).
    pub async fn save_interview_step(
        &self,
        story: &StoryRow,
        saves: &[(String, String)],
        message_ref: Option<&str>,
        event: Option<&str>,
        messages: &[ForOutbox],
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let inbox_row = INBOX_ROW.try_with(|c| c.get()).ok().flatten();
        let lite = match &self.db {
            Db::Sqlite(lite) => lite,
            Db::Postgres(pg) => {
                let rows = super::pg_hot::save_step(
                    &pg.replica,
                    story,
                    saves,
                    message_ref,
                    event,
                    messages,
                    inbox_row,
                    now,
                )
                .await
                .context("failed to save an interview step")?;
                outbox::feed(&self.outbox_feed, rows);
                self.answers_saved
                    .fetch_add(saves.len() as u64, std::sync::atomic::Ordering::Relaxed);
                if inbox_row.is_some() {
                    let _ = INBOX_ROW.try_with(|c| c.set(None));
                }
                return Ok(());
            }
        };
        let (done, outcome) = oneshot::channel();
        lite.steps
            .send(Step {
                story: story.clone(),
                saves: saves.to_vec(),
                message_ref: message_ref.map(str::to_string),
                event: event.map(str::to_string),
                messages: messages.to_vec(),
                now,
                inbox_row,
                done,
            })
            .map_err(|_| anyhow::anyhow!("the database is closed"))?;
        outcome
            .await
            .map_err(|_| anyhow::anyhow!("the database is closed"))?
            .map_err(|e| anyhow::anyhow!("failed to save an interview step: {e}"))?;
        self.answers_saved
            .fetch_add(saves.len() as u64, std::sync::atomic::Ordering::Relaxed);
        if inbox_row.is_some() {
            let _ = INBOX_ROW.try_with(|c| c.set(None));
        }
        Ok(())
    }
}

/// An interview step waiting for the hot writer, and who waits for its commit.
pub(super) struct Step {
    story: StoryRow,
    saves: Vec<(String, String)>,
    message_ref: Option<String>,
    /// A line for the story's log, by Spotlight.
    event: Option<String>,
    /// Messages the step decided, for the outbox.
    messages: Vec<ForOutbox>,
    now: DateTime<Utc>,
    inbox_row: Option<i64>,
    done: oneshot::Sender<Result<(), String>>,
}

pub(super) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// Tells a step's lane how its write ended; once committed, the hero's context kept in
/// memory (if any) moves on with it.
pub(super) fn finish(contexts: &SharedContexts, step: Step, result: Result<(), String>) {
    if result.is_ok() {
        Contexts::stepped(contexts, step.story, step.saves);
    }
    let _ = step.done.send(result);
}

/// Writes `steps` in one transaction and tells each lane. If the batch fails, each step
/// is tried alone, so one bad step fails only its own message. On the hot writer's
/// connection (`writer::run_hot`): each statement is a call into SQLite on this thread.
pub(super) fn write_steps(
    db: &rusqlite::Connection,
    contexts: &SharedContexts,
    outbox_feed: &OutboxFeed,
    steps: &mut Vec<Step>,
) {
    match write_together(db, steps) {
        Ok(rows) => {
            outbox::feed(outbox_feed, rows);
            for step in steps.drain(..) {
                finish(contexts, step, Ok(()));
            }
        }
        Err(e) if steps.len() == 1 => {
            finish(contexts, steps.pop().expect("one step"), Err(e));
        }
        Err(_) => {
            for step in steps.drain(..) {
                let alone = write_together(db, std::slice::from_ref(&step)).map(|rows| {
                    outbox::feed(outbox_feed, rows);
                });
                finish(contexts, step, alone);
            }
        }
    }
}

/// Writes `steps` in one transaction; on failure nothing of them is kept. Returns the
/// outbox rows the steps' messages became.
fn write_together(
    db: &rusqlite::Connection,
    steps: &[Step],
) -> Result<Vec<outbox::OutboxRow>, String> {
    let mut rows = Vec::new();
    let mut write = || -> rusqlite::Result<()> {
        let tx =
            rusqlite::Transaction::new_unchecked(db, rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut story = tx.prepare_cached(STORY_UPDATE)?;
            let mut same_stage = tx.prepare_cached(STORY_UPDATE_SAME_STAGE)?;
            let mut answer = tx.prepare_cached(
                "INSERT INTO answer_revisions (story_id, question_key, revision, body, source, message_ref, created_at)
                 VALUES ($1, $2, (SELECT COALESCE(MAX(revision), 0) + 1 FROM answer_revisions
                                  WHERE story_id = $1 AND question_key = $2), $3, 'interview', $4, $5)",
            )?;
            let mut inbox = tx
                .prepare_cached("UPDATE inbox SET processed_at = $1, error = NULL WHERE id = $2")?;
            let mut log = tx.prepare_cached(
                "INSERT INTO story_events (story_id, at, actor, what) VALUES ($1, $2, 'spotlight', $3)",
            )?;
            for step in steps {
                let s = &step.story;
                let now = ts(&step.now);
                let columns = rusqlite::params![
                    s.stage,
                    s.interview_position,
                    s.interview_status,
                    s.interview_started_at.as_ref().map(ts),
                    s.interview_active_secs,
                    s.interview_last_input_at.as_ref().map(ts),
                    s.interview_wrapping_up,
                    s.selected_quotes,
                    s.headline,
                    s.headline_by,
                    s.pending_text,
                    s.pending_version,
                    s.approved_text,
                    s.change_request,
                    s.reminders_sent,
                    ts(&s.waiting_since),
                    ts(&s.updated_at),
                    s.approved_at.as_ref().map(ts),
                    s.published_at.as_ref().map(ts),
                    s.id,
                ];
                if same_stage.execute(columns)? == 0 {
                    story.execute(columns)?;
                }
                for (key, body) in &step.saves {
                    // As bytes, exactly as the hero sent them (as `add_answer` stores them).
                    answer.execute(rusqlite::params![
                        s.id,
                        key,
                        body.as_bytes(),
                        step.message_ref,
                        now
                    ])?;
                }
                if let Some(what) = &step.event {
                    log.execute(rusqlite::params![s.id, now, what])?;
                }
                if let Some(id) = step.inbox_row {
                    inbox.execute(rusqlite::params![now, id])?;
                }
                rows.extend(outbox::insert_hot(&tx, &step.messages, step.now)?);
            }
        }
        tx.commit()
    };
    write().map_err(|e| format!("{e:#}"))?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::super::tests::fresh;
    use super::*;
    use chrono::TimeZone;

    /// Saves one answer as an interview step of its own, with nothing else.
    async fn answer(
        store: &Store,
        story: &StoryRow,
        key: &str,
        text: &str,
        t: i64,
    ) -> anyhow::Result<()> {
        store
            .save_interview_step(story, &[(key.into(), text.into())], None, None, &[], at(t))
            .await
    }

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() + chrono::Duration::seconds(secs)
    }

    async fn hero(store: &Store, name: &str) -> (UserId, StoryRow) {
        let hero = UserId::parse(name).unwrap();
        store.ensure_user(&hero, name, at(0)).await.unwrap();
        let mut story = store.insert_story(&hero, &hero, "", at(0)).await.unwrap();
        story.stage = "interviewing".into();
        store.save_story(&story).await.unwrap();
        (hero, story)
    }

    #[tokio::test]
    async fn a_finishing_step_logs_its_event_in_the_same_transaction_and_a_failed_one_logs_nothing()
    {
        let (_dir, store) = fresh().await;
        let (_, mut story) = hero(&store, "maria").await;
        // A step whose story is gone fails whole: no answer, no event.
        let mut gone = story.clone();
        gone.id = 999_999;
        let failed = store
            .save_interview_step(
                &gone,
                &[("last".into(), "x".into())],
                None,
                Some("interview finished, draft ready"),
                &[],
                at(1),
            )
            .await;
        assert!(failed.is_err());
        let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM story_events")
            .fetch_one(&mut *store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(logged, 0);
        // Steps without an event log nothing; the finishing one logs its line.
        answer(&store, &story, "a", "1", 2).await.unwrap();
        story.stage = "drafted".into();
        store
            .save_interview_step(
                &story,
                &[("last".into(), "done".into())],
                None,
                Some("interview finished, draft ready"),
                &[],
                at(3),
            )
            .await
            .unwrap();
        // The stage changed: the step wrote it (a step that keeps it only compares it).
        let stored = store.story(story.story_id()).await.unwrap().unwrap();
        assert_eq!(stored.stage, "drafted");
        let events = store.events(story.story_id()).await.unwrap();
        assert_eq!(
            events,
            vec![(
                at(3),
                "spotlight".to_string(),
                "interview finished, draft ready".to_string()
            )]
        );
    }

    #[tokio::test]
    async fn a_step_stores_the_story_exactly_as_save_story_would_and_the_answer_byte_for_byte() {
        let (_dir, store) = fresh().await;
        let (hero, mut story) = hero(&store, "maria").await;
        let (_, mut twin) = hero_twin(&store).await;
        // Every kind of field changes: text, numbers, flags, timestamps with and
        // without fractions, and a NULL.
        for s in [&mut story, &mut twin] {
            s.interview_position = 3;
            s.interview_status = "active".into();
            s.interview_started_at = Some(at(1) + chrono::Duration::nanoseconds(123_456_789));
            s.interview_active_secs = 42;
            s.interview_last_input_at = Some(at(2));
            s.interview_wrapping_up = true;
            s.headline = Some("It's \"quoted\" — and ünïcode".into());
            s.pending_text = None;
            s.reminders_sent = 0;
            s.waiting_since = at(3);
            s.updated_at = at(3) + chrono::Duration::microseconds(5);
        }
        let raw =
            "tabs\tand\r\nCRLF \u{0}nul, emoji 🚀, e\u{301}, <b>&amp;</b> '; DROP TABLE x; --";
        store
            .save_interview_step(
                &story,
                &[("benefit".into(), raw.into())],
                Some("D1:1.2"),
                None,
                &[],
                at(4),
            )
            .await
            .unwrap();
        store.save_story(&twin).await.unwrap();

        let context = store.message_context(&hero).await.unwrap();
        let saved = context.story.expect("the open story");
        let by_save_story = store.story(twin.story_id()).await.unwrap().unwrap();
        assert_eq!(saved.interview_started_at, story.interview_started_at);
        assert_eq!(saved.updated_at, story.updated_at);
        assert_eq!(saved.headline, story.headline);
        assert!(saved.interview_wrapping_up);
        assert_eq!(saved.interview_position, 3);
        // The same text in the database as sqlx writes, column by column.
        let text = |id: i64| {
            let lite = store.lite().clone();
            async move {
                sqlx::query_scalar::<_, String>(
                    "SELECT json_array(stage, interview_position, interview_status,
                       interview_started_at, interview_active_secs, interview_last_input_at,
                       interview_wrapping_up, headline, pending_text, waiting_since, updated_at,
                       typeof(interview_position), typeof(interview_wrapping_up))
                     FROM stories WHERE id = $1",
                )
                .bind(id)
                .fetch_one(&mut *lite.readers.get().await.unwrap())
                .await
                .unwrap()
            }
        };
        assert_eq!(text(story.id).await, text(by_save_story.id).await);
        assert_eq!(
            context.answers.expect("answers while interviewing")["benefit"],
            raw
        );
        let history = store
            .answer_history(story.story_id(), "benefit")
            .await
            .unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].text, raw);
        assert_eq!(history[0].source, "interview");
        assert_eq!(
            store.answer_by_message("D1:1.2").await.unwrap(),
            Some((story.story_id(), "benefit".to_string()))
        );
    }

    async fn hero_twin(store: &Store) -> (UserId, StoryRow) {
        hero(store, "twin").await
    }

    #[tokio::test]
    async fn a_new_revision_replaces_the_current_answer_and_keeps_the_old_one() {
        let (_dir, store) = fresh().await;
        let (hero, story) = hero(&store, "maria").await;
        for (i, text) in ["first", "second"].into_iter().enumerate() {
            answer(&store, &story, "benefit", text, i as i64)
                .await
                .unwrap();
        }
        let context = store.message_context(&hero).await.unwrap();
        assert_eq!(context.answers.unwrap()["benefit"], "second");
        let history = store
            .answer_history(story.story_id(), "benefit")
            .await
            .unwrap();
        let revisions: Vec<i64> = history.iter().map(|r| r.revision).collect();
        assert_eq!(revisions, vec![1, 2]);
    }

    #[tokio::test]
    async fn the_context_has_the_conversation_and_no_answers_outside_an_interview() {
        let (_dir, store) = fresh().await;
        let nobody = UserId::parse("nobody").unwrap();
        let empty = store.message_context(&nobody).await.unwrap();
        assert!(empty.conversation.is_none() && empty.story.is_none() && empty.answers.is_none());

        let (hero, mut story) = hero(&store, "maria").await;
        answer(&store, &story, "benefit", "x", 1).await.unwrap();
        story.stage = "drafted".into();
        store.save_story(&story).await.unwrap();
        store
            .set_conversation(&hero, Some("{\"edit\":1}"))
            .await
            .unwrap();
        let context = store.message_context(&hero).await.unwrap();
        assert_eq!(context.conversation.as_deref(), Some("{\"edit\":1}"));
        assert_eq!(context.story.unwrap().stage, "drafted");
        assert!(context.answers.is_none());
        // A published story is not open: the hero has none on its way.
        story.stage = "published".into();
        store.save_story(&story).await.unwrap();
        assert!(store.message_context(&hero).await.unwrap().story.is_none());
    }

    /// What a hero's context is, from memory and from the database, for comparison.
    async fn both(store: &Store, hero: &UserId) -> (String, String) {
        let kept = store.message_context(hero).await.unwrap();
        let stored = store.read_context(hero).await.unwrap();
        (format!("{kept:?}"), format!("{stored:?}"))
    }

    #[tokio::test]
    async fn the_context_kept_in_memory_is_always_what_the_database_holds() {
        let (_dir, store) = fresh().await;
        let (hero, mut story) = hero(&store, "maria").await;
        let (other, _) = hero_twin(&store).await;
        let kept = |h: &UserId| {
            Contexts::lock(&store.contexts)
                .open
                .contains_key(h.as_str())
        };
        let (a, b) = both(&store, &hero).await;
        assert_eq!(a, b);
        assert!(kept(&hero), "an interview's context is kept after one read");
        both(&store, &other).await;

        // Steps update the kept context: new answers, a replaced answer, the story.
        for (i, (key, text)) in [("benefit", "one"), ("tip", "two"), ("benefit", "three")]
            .into_iter()
            .enumerate()
        {
            story.interview_position = i as i64 + 1;
            story.updated_at = at(i as i64 + 1) + chrono::Duration::nanoseconds(7);
            answer(&store, &story, key, text, 1).await.unwrap();
            let (a, b) = both(&store, &hero).await;
            assert_eq!(a, b, "after step {i}");
            assert!(kept(&hero));
        }
        assert!(both(&store, &hero).await.0.contains("\"three\""));

        // A failed step changes nothing, in memory or stored.
        let mut ghost = story.clone();
        ghost.interview_position = 99;
        ghost.selected_quotes = Some("not a story's".into());
        let mut bad = ghost.clone();
        bad.id = 999_999;
        assert!(answer(&store, &bad, "benefit", "lost", 2).await.is_err());
        let (a, b) = both(&store, &hero).await;
        assert_eq!(a, b);
        assert!(!a.contains("lost"));

        // Any other write to a story, an answer or a conversation forgets what was kept.
        store
            .add_answer(story.story_id(), "tip", "edited", "edit", None, at(3))
            .await
            .unwrap();
        assert!(!kept(&hero) && !kept(&other));
        let (a, b) = both(&store, &hero).await;
        assert_eq!(a, b);
        assert!(a.contains("edited"));
        store.set_conversation(&hero, Some("{}")).await.unwrap();
        let (a, b) = both(&store, &hero).await;
        assert_eq!(a, b);
        assert!(
            !kept(&hero),
            "a context with a conversation is read each time"
        );
        store.set_conversation(&hero, None).await.unwrap();
        both(&store, &hero).await;
        assert!(kept(&hero));

        // The last step drafts the story: its context is no longer kept.
        story.stage = "drafted".into();
        answer(&store, &story, "last", "done", 4).await.unwrap();
        assert!(!kept(&hero));
        let (a, b) = both(&store, &hero).await;
        assert_eq!(a, b);
        assert!(a.contains("drafted") && !kept(&hero));

        // A new story for the hero is seen at once.
        story.stage = "published".into();
        store.save_story(&story).await.unwrap();
        let mut next = store.insert_story(&hero, &hero, "", at(5)).await.unwrap();
        next.stage = "interviewing".into();
        store.save_story(&next).await.unwrap();
        let (a, b) = both(&store, &hero).await;
        assert_eq!(a, b);
        assert!(a.contains(&format!("id: {}", next.id)));
    }

    #[tokio::test]
    async fn steps_sent_together_are_all_committed_and_a_bad_one_fails_alone() {
        let (_dir, store) = fresh().await;
        let mut stories = Vec::new();
        for i in 0..40 {
            stories.push(hero(&store, &format!("hero{i}")).await.1);
        }
        // A story that does not exist: its answer breaks the foreign key.
        let mut ghost = stories[0].clone();
        ghost.id = 999_999;
        let mut all = stories.clone();
        all.insert(17, ghost);
        // Requests from Slack recorded meanwhile share the hot writer's transactions
        // with the steps; the bad step must not cost them either.
        let recorded = futures_util::future::join_all((0..40).map(|i| {
            let store = store.clone();
            async move {
                store
                    .inbox_insert_many(vec![(format!("event:{i}"), "event", "{}".into())], at(1))
                    .await
            }
        }));
        let stepped = futures_util::future::join_all(all.iter().map(|s| {
            let store = store.clone();
            async move {
                store
                    .save_interview_step(
                        s,
                        &[("benefit".into(), format!("answer of {}", s.id))],
                        None,
                        None,
                        &[],
                        at(1),
                    )
                    .await
            }
        }));
        let (recorded, results) = tokio::join!(recorded, stepped);
        for (s, r) in all.iter().zip(&results) {
            assert_eq!(r.is_err(), s.id == 999_999, "story {}: {r:?}", s.id);
        }
        for r in recorded {
            assert!(r.unwrap()[0].is_some());
        }
        let inbox: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox")
            .fetch_one(&mut *store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(inbox, 40);
        for s in &stories {
            let answers = store.answers(s.story_id()).await.unwrap();
            assert_eq!(answers["benefit"], format!("answer of {}", s.id));
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answer_revisions")
            .fetch_one(&mut *store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(count, 40);
    }

    #[tokio::test]
    async fn a_step_for_an_inbox_row_marks_it_done_in_the_same_transaction() {
        let (_dir, store) = fresh().await;
        let (_, story) = hero(&store, "maria").await;
        let ids = store
            .inbox_insert_many(
                vec![
                    ("event:A".into(), "event", "{}".into()),
                    ("event:B".into(), "event", "{}".into()),
                ],
                at(0),
            )
            .await
            .unwrap();
        let (a, b) = (ids[0].unwrap(), ids[1].unwrap());
        let (result, pending) = with_inbox_row(a, || async {
            answer(&store, &story, "benefit", "x", 1).await
        })
        .await;
        result.unwrap();
        assert!(!pending, "the step marked row A done");
        // Work that saves no step leaves its row for the caller to mark.
        let (_, pending) = with_inbox_row(b, || async {}).await;
        assert!(pending);
        let waiting: Vec<i64> = store
            .inbox_pending(10)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(waiting, vec![b]);
    }

    #[tokio::test]
    async fn requests_recorded_together_are_told_apart_from_repeats() {
        let (_dir, store) = fresh().await;
        let first = store
            .inbox_insert_many(vec![("event:A".into(), "event", "{\"n\":1}".into())], at(0))
            .await
            .unwrap();
        assert!(first[0].is_some());
        let batch = store
            .inbox_insert_many(
                vec![
                    ("event:A".into(), "event", "{\"n\":2}".into()),
                    ("event:B".into(), "event", "{\"n\":3}".into()),
                    ("event:B".into(), "event", "{\"n\":4}".into()),
                    ("command:C".into(), "command", "{\"n\":5}".into()),
                ],
                at(1),
            )
            .await
            .unwrap();
        let fresh: Vec<bool> = batch.iter().map(Option::is_some).collect();
        assert_eq!(fresh, vec![false, true, false, true]);
        let rows = store.inbox_pending(10).await.unwrap();
        let bodies: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.key.as_str(), r.body.as_str()))
            .collect();
        assert_eq!(
            bodies,
            vec![
                ("event:A", "{\"n\":1}"),
                ("event:B", "{\"n\":3}"),
                ("command:C", "{\"n\":5}")
            ]
        );
        assert!(store
            .inbox_insert_many(vec![], at(2))
            .await
            .unwrap()
            .is_empty());
    }
}
