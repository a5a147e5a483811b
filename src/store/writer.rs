//! The one connection every write goes through, and the hot writer that records Slack's
//! requests and interview steps on it without a hand-off per statement.
//!
//! sqlx runs each SQLite connection on a thread of its own; every statement is a message
//! to that thread and back (and, through a pool, every return one more: a ping). At a thousand
//! heroes answering at once those hand-offs, not SQLite, were most of the bot's time and
//! of each acknowledgement's wait. So the two writes on the hot path (recording a request
//! before it is acknowledged, and saving an interview step) are made by one task that
//! takes the connection's SQLite handle out of sqlx's thread (`lock_handle`, sqlx's own
//! way to call SQLite directly) and runs them through rusqlite on the task's thread: a
//! commit is a function call, not a round trip. The task keeps the handle while it has
//! work and between batches, and gives the connection back to sqlx as soon as any other
//! write asks for it.
//!
//! Requests are written first; whatever arrived while a batch was being written goes
//! into the next transaction (group commit). Recording each request in its own commit,
//! at once, from the request's task was tried: the bot answered in 0.1 ms instead of 2
//! (median), but the write-ahead log grew three to five times as fast and the
//! acknowledgements' tail got worse (p99 up to 190 ms) and throughput lower.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;
use sqlx::SqliteConnection;
use tokio::sync::{mpsc, oneshot, Mutex, MutexGuard, Notify};

use super::answering::{self, ts, SharedContexts, Step};
use super::readers::{self, Held};
use super::InboxRow;

/// Where the hot writer hands each newly recorded request once it is committed (see
/// `Store::follow_inbox`), if anyone follows.
pub(super) type Feed = Arc<std::sync::Mutex<Option<mpsc::UnboundedSender<InboxRow>>>>;

/// The one connection that writes. Writers queue here, in the process, instead of
/// meeting SQLite's write lock and sleeping in its busy handler.
#[derive(Debug, Default)]
pub(super) struct Writer {
    conn: Mutex<Option<SqliteConnection>>,
    /// Writers waiting for the connection while the hot writer holds it.
    wanted: AtomicUsize,
    /// Tells the hot writer that someone waits.
    let_in: Notify,
}

impl Writer {
    pub(super) fn new(conn: SqliteConnection) -> Writer {
        Writer {
            conn: Mutex::new(Some(conn)),
            ..Writer::default()
        }
    }

    /// Takes the writing connection away, as if it had failed (tests).
    #[cfg(test)]
    pub(super) async fn lose_connection(&self) {
        self.turn().await.take();
    }

    /// Queues for the connection, telling the hot writer to let go of it.
    async fn turn(&self) -> MutexGuard<'_, Option<SqliteConnection>> {
        self.wanted.fetch_add(1, Ordering::SeqCst);
        self.let_in.notify_one();
        let conn = self.conn.lock().await;
        self.wanted.fetch_sub(1, Ordering::SeqCst);
        conn
    }

    /// The connection, once every write queued before this one is done (first come,
    /// first served). Fails once the store is closed.
    pub(super) async fn lock(&self) -> Result<Held<'_>, sqlx::Error> {
        Held::checked(self.turn().await)
    }

    /// Closes the connection after the writes queued before; later writes fail.
    pub(super) async fn close(&self) {
        readers::close(self.turn().await.take()).await;
    }
}

/// Requests from Slack to record in the inbox, and who waits for their commit.
pub(super) struct Recording {
    pub rows: Vec<(String, &'static str, String)>,
    pub now: DateTime<Utc>,
    /// Each row's inbox ID, or `None` if its key was recorded before.
    pub done: oneshot::Sender<Result<Vec<Option<i64>>, String>>,
}

/// An outbox row the sender delivered, to mark done; or a wait for every mark sent
/// before it to be written.
pub(super) enum Mark {
    Delivered(i64, DateTime<Utc>),
    Flush(oneshot::Sender<()>),
}

/// What the hot writer is given.
pub(super) struct HotQueues {
    pub recordings: mpsc::UnboundedReceiver<Recording>,
    pub steps: mpsc::UnboundedReceiver<Step>,
    pub marks: mpsc::UnboundedReceiver<Mark>,
    pub feed: Feed,
    pub outbox_feed: super::outbox::OutboxFeed,
}

/// Marks of delivered messages wait for a moment with nothing else to write, or for
/// this many of them.
const MARKS_PER_BATCH: usize = 256;

/// The most interview steps written in one transaction. Requests that arrive meanwhile
/// wait for it (on the same connection) before theirs: 16 gave a lower ack tail than 32
/// (p99 19.5-22 vs 22-28 ms, 1,000 heroes) at the same CPU per answer; 8 was no better.
const STEPS_PER_BATCH: usize = 16;

/// Records requests and saves interview steps, each batch in one transaction, requests
/// first (an acknowledgement waits on them). Whatever arrived while a batch was being
/// written goes into the next one (group commit). Ends when the store is closed.
pub(super) async fn run_hot(writer: Arc<Writer>, contexts: SharedContexts, mut queues: HotQueues) {
    let mut recordings: Vec<Recording> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut marks = Marks::default();
    loop {
        // Nothing held while there is nothing to write.
        if !wait_for_work(&mut queues, &mut recordings, &mut steps, &mut marks).await {
            return;
        }
        let mut guard = writer.conn.lock().await;
        let Some(conn) = guard.as_mut() else {
            // Closed: what waits is told so by its dropped sender.
            return;
        };
        let mut handle = match conn.lock_handle().await {
            Ok(h) => h,
            Err(e) => {
                let e = format!("{e:#}");
                for r in recordings.drain(..) {
                    let _ = r.done.send(Err(e.clone()));
                }
                for s in steps.drain(..) {
                    answering::finish(&contexts, s, Err(e.clone()));
                }
                continue;
            }
        };
        // SAFETY: the handle is sqlx's open connection, locked out of sqlx's thread by
        // `handle` until it is dropped, and `db` is dropped before it (declared after
        // it, so also when this task is dropped mid-way). A connection made with
        // `from_handle` never closes the handle; its statements are finalized when it
        // drops.
        let db = match unsafe { rusqlite::Connection::from_handle(handle.as_raw_handle().as_ptr()) }
        {
            Ok(db) => db,
            Err(e) => {
                tracing::error!(error = %e, "failed to use the database connection directly");
                return;
            }
        };
        loop {
            while let Ok(r) = queues.recordings.try_recv() {
                recordings.push(r);
            }
            while steps.len() < STEPS_PER_BATCH {
                match queues.steps.try_recv() {
                    Ok(s) => steps.push(s),
                    Err(_) => break,
                }
            }
            while let Ok(m) = queues.marks.try_recv() {
                marks.add(m);
            }
            let mut wrote = !recordings.is_empty() || !steps.is_empty();
            if !recordings.is_empty() {
                record(&db, &mut recordings, &queues.feed);
            }
            if !steps.is_empty() {
                answering::write_steps(&db, &contexts, &queues.outbox_feed, &mut steps);
            }
            // Marks go in when nothing more pressing waits (or many have gathered), in a
            // transaction of their own on this connection: the sender never takes the
            // connection away from the requests and steps.
            if marks.due(wrote) {
                marks.write(&db);
                wrote = true;
            }
            if wrote {
                // Let the requests that came in meanwhile reach the queue (the next
                // batch), and the lanes whose steps are committed go on.
                tokio::task::yield_now().await;
            }
            if writer.wanted.load(Ordering::SeqCst) > 0 {
                // Another write waits: it goes next, then this task queues again.
                break;
            }
            if wrote {
                continue;
            }
            tokio::select! {
                biased;
                _ = writer.let_in.notified() => break,
                open = wait_for_work(&mut queues, &mut recordings, &mut steps, &mut marks) => {
                    if !open {
                        return;
                    }
                }
            }
        }
        drop(db);
        drop(handle);
        drop(guard);
    }
}

/// Waits for the next request or step and adds it to the ones in hand; false once the
/// store is closed (its senders dropped).
async fn wait_for_work(
    queues: &mut HotQueues,
    recordings: &mut Vec<Recording>,
    steps: &mut Vec<Step>,
    marks: &mut Marks,
) -> bool {
    tokio::select! {
        biased;
        r = queues.recordings.recv() => r.map(|r| recordings.push(r)).is_some(),
        s = queues.steps.recv() => s.map(|s| steps.push(s)).is_some(),
        m = queues.marks.recv() => m.map(|m| marks.add(m)).is_some(),
    }
}

/// Delivered messages waiting to be marked done, and who waits for them to be.
#[derive(Default)]
struct Marks {
    delivered: Vec<(i64, DateTime<Utc>)>,
    flushes: Vec<oneshot::Sender<()>>,
}

impl Marks {
    fn add(&mut self, mark: Mark) {
        match mark {
            Mark::Delivered(id, at) => self.delivered.push((id, at)),
            Mark::Flush(done) => self.flushes.push(done),
        }
    }

    /// Whether to write the marks now: someone waits for them, many have gathered, or
    /// the batch just written was the last thing to do.
    fn due(&self, wrote_other: bool) -> bool {
        !self.flushes.is_empty()
            || self.delivered.len() >= MARKS_PER_BATCH
            || (!wrote_other && !self.delivered.is_empty())
    }

    /// Marks every delivered row done in one transaction (deleting those to people
    /// forgotten) and tells who waits. A failure
    /// is logged: the messages were delivered, and would be sent again after a restart
    /// (at least once).
    fn write(&mut self, db: &rusqlite::Connection) {
        if !self.delivered.is_empty() {
            let written = (|| -> rusqlite::Result<()> {
                let tx = rusqlite::Transaction::new_unchecked(db, TransactionBehavior::Immediate)?;
                {
                    let mut done = tx.prepare_cached(
                        "UPDATE outbox SET done_at = $1, error = NULL, attempts = attempts + 1 WHERE id = $2",
                    )?;
                    // A message delivered to someone Spotlight holds nothing of (a person
                    // who had themselves forgotten, told so) is not kept: deleted instead.
                    let mut forgotten = tx.prepare_cached(
                        "DELETE FROM outbox WHERE id = $1
                           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = outbox.recipient)",
                    )?;
                    for (id, at) in &self.delivered {
                        done.execute((ts(at), id))?;
                        forgotten.execute([id])?;
                    }
                }
                tx.commit()
            })();
            if let Err(e) = written {
                tracing::error!(error = %e, "failed to mark messages delivered");
            }
            self.delivered.clear();
        }
        for done in self.flushes.drain(..) {
            let _ = done.send(());
        }
    }
}

/// Inserts the rows of every recording in one transaction, hands the new ones to the
/// feed, in order, and tells each waiter.
fn record(db: &rusqlite::Connection, recordings: &mut Vec<Recording>, feed: &Feed) {
    let rows = recordings
        .iter()
        .flat_map(|r| r.rows.iter().map(move |row| (row, r.now)));
    match insert_rows(db, rows) {
        Ok(ids) => {
            let mut ids = ids.into_iter();
            let mut feed = super::unpoisoned(feed);
            for r in recordings.drain(..) {
                let these: Vec<Option<i64>> = ids.by_ref().take(r.rows.len()).collect();
                feed_new(&mut feed, r.rows, &these);
                let _ = r.done.send(Ok(these));
            }
        }
        Err(e) => {
            let e = format!("failed to record requests from Slack: {e}");
            for r in recordings.drain(..) {
                let _ = r.done.send(Err(e.clone()));
            }
        }
    }
}

/// Sends the newly recorded ones of `rows` (those with an id in `ids`, in the same
/// order) to whoever follows the inbox. If no one follows any more, the feed is dropped:
/// the rows are read from the database at the next start.
pub(super) fn feed_new(
    feed: &mut Option<tokio::sync::mpsc::UnboundedSender<InboxRow>>,
    rows: Vec<(String, &'static str, String)>,
    ids: &[Option<i64>],
) {
    let Some(tx) = feed.as_ref() else { return };
    for ((key, kind, body), id) in rows.into_iter().zip(ids) {
        let Some(id) = *id else { continue };
        let row = InboxRow {
            id,
            key,
            kind: kind.to_string(),
            body,
        };
        if tx.send(row).is_err() {
            *feed = None;
            return;
        }
    }
}

/// Inserts inbox rows in one transaction: for each, its id, or `None` if its key was
/// recorded before.
fn insert_rows<'r>(
    db: &rusqlite::Connection,
    rows: impl Iterator<Item = (&'r (String, &'static str, String), DateTime<Utc>)>,
) -> rusqlite::Result<Vec<Option<i64>>> {
    let tx = rusqlite::Transaction::new_unchecked(db, TransactionBehavior::Immediate)?;
    let mut ids = Vec::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO inbox (key, kind, body, received_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT(key) DO NOTHING RETURNING id",
        )?;
        for ((key, kind, body), now) in rows {
            let mut inserted = insert.query((key, kind, body, ts(&now)))?;
            ids.push(match inserted.next()? {
                Some(row) => Some(row.get(0)?),
                None => None,
            });
        }
    }
    tx.commit()?;
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::super::tests::fresh;
    use super::super::StoryRow;
    use crate::domain::UserId;
    use chrono::TimeZone;
    use std::time::Duration;

    fn at(secs: i64) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap()
            + chrono::Duration::seconds(secs)
    }

    async fn interviewing(store: &super::super::Store, name: &str) -> StoryRow {
        let hero = UserId::parse(name).unwrap();
        store.ensure_user(&hero, name, at(0)).await.unwrap();
        let mut story = store.insert_story(&hero, &hero, "", at(0)).await.unwrap();
        story.stage = "interviewing".into();
        store.save_story(&story).await.unwrap();
        story
    }

    /// The hot writer keeps the connection while it has work and between batches; every
    /// other write must still get in, and nothing may wait on anything forever.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hot_and_ordinary_writes_side_by_side_all_land() {
        let (_dir, store) = fresh().await;
        let mut stories = Vec::new();
        for i in 0..30 {
            stories.push(interviewing(&store, &format!("hero{i}")).await);
        }
        let mut tasks = tokio::task::JoinSet::new();
        for (i, story) in stories.iter().cloned().enumerate() {
            let store = store.clone();
            tasks.spawn(async move {
                for q in 0..5 {
                    let key = format!("event:{i}:{q}");
                    let ids = store
                        .inbox_insert_many(vec![(key, "event", "{}".into())], at(q))
                        .await?;
                    assert!(ids[0].is_some());
                    store
                        .save_interview_step(
                            &story,
                            &[(format!("q{q}"), format!("answer {q} of {i}"))],
                            None,
                            None,
                            &[],
                            at(q),
                        )
                        .await?;
                    // An ordinary write between two hot ones, from the same task.
                    store.set_meta(&format!("seen:{i}"), &q.to_string()).await?;
                }
                anyhow::Ok(())
            });
        }
        for i in 0..30 {
            let store = store.clone();
            tasks.spawn(async move {
                let who = UserId::parse(&format!("other{i}")).unwrap();
                store.ensure_user(&who, "Other", at(0)).await?;
                store.set_user_tz(&who, "Europe/Paris").await?;
                anyhow::Ok(())
            });
        }
        let all = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(r) = tasks.join_next().await {
                r.unwrap().unwrap();
            }
        });
        all.await.expect("every write finished");
        for (i, story) in stories.iter().enumerate() {
            let answers = store.answers(story.story_id()).await.unwrap();
            assert_eq!(answers.len(), 5, "hero {i}");
            assert_eq!(answers["q4"], format!("answer 4 of {i}"));
            assert_eq!(
                store.meta(&format!("seen:{i}")).await.unwrap().as_deref(),
                Some("4")
            );
        }
        // Many reads at once, on two connections: every one is answered.
        let mut reads = tokio::task::JoinSet::new();
        for i in 0..50 {
            let store = store.clone();
            reads.spawn(async move { store.meta(&format!("seen:{}", i % 30)).await });
        }
        while let Some(r) = reads.join_next().await {
            assert_eq!(r.unwrap().unwrap().as_deref(), Some("4"));
        }
        let inbox: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox")
            .fetch_one(&mut *store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(inbox, 150);
        let tz = store
            .user_tz(&UserId::parse("other29").unwrap())
            .await
            .unwrap();
        assert_eq!(tz.as_deref(), Some("Europe/Paris"));
    }

    #[tokio::test]
    async fn requests_recorded_while_followed_are_fed_once_committed_in_order_and_repeats_are_not()
    {
        let (_dir, store) = fresh().await;
        let rows = |keys: &[&str]| -> Vec<(String, &'static str, String)> {
            keys.iter()
                .map(|k| (k.to_string(), "event", format!("{{\"key\":\"{k}\"}}")))
                .collect()
        };
        // Before anyone follows: in the database only.
        store
            .inbox_insert_many(rows(&["event:0"]), at(0))
            .await
            .unwrap();
        let mut feed = store.follow_inbox();
        // Many recordings at once (several per transaction), and a repeated delivery.
        let mut tasks = tokio::task::JoinSet::new();
        for i in 1..=40 {
            let store = store.clone();
            let keys = rows(&[&format!("event:{i}")]);
            tasks.spawn(async move { store.inbox_insert_many(keys, at(1)).await });
        }
        while let Some(r) = tasks.join_next().await {
            r.unwrap().unwrap();
        }
        let again = store
            .inbox_insert_many(rows(&["event:7", "event:41"]), at(2))
            .await
            .unwrap();
        assert!(again[0].is_none() && again[1].is_some());
        let mut fed = Vec::new();
        while let Ok(row) = feed.try_recv() {
            fed.push(row);
        }
        assert_eq!(fed.len(), 41, "every new request once, the repeat not");
        assert!(
            fed.windows(2).all(|w| w[0].id < w[1].id),
            "in the order recorded"
        );
        let stored = store.inbox_pending_after(0, 100).await.unwrap();
        assert_eq!(stored.len(), 42);
        for row in &fed {
            let same = stored.iter().find(|s| s.id == row.id).unwrap();
            assert_eq!(
                (&same.key, &same.kind, &same.body),
                (&row.key, &row.kind, &row.body)
            );
        }
        assert!(!fed.iter().any(|r| r.key == "event:0"));
        // A dropped follower is no obstacle to recording.
        drop(feed);
        store
            .inbox_insert_many(rows(&["event:42"]), at(3))
            .await
            .unwrap();
    }

    /// The dispatcher subscribes to the feed, then reads what was recorded before (see
    /// `slack::run_inbox`): requests recorded at that very moment, by many writers at
    /// once, must each be seen exactly once, from the database or from the feed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_recorded_while_the_feed_is_followed_are_each_seen_once() {
        for round in 0..10u64 {
            let (_dir, store) = fresh().await;
            let mut writers = tokio::task::JoinSet::new();
            for w in 0..8 {
                let store = store.clone();
                writers.spawn(async move {
                    for i in 0..250 {
                        let key = format!("command:{w}:{i}");
                        store
                            .inbox_insert_many(vec![(key, "command", "{}".into())], at(0))
                            .await
                            .unwrap();
                    }
                });
            }
            // Subscribe at a different moment of the recording each round.
            tokio::time::sleep(Duration::from_millis(round * 7)).await;
            let mut feed = store.follow_inbox();
            let mut seen = std::collections::BTreeSet::new();
            let mut last = 0;
            loop {
                let rows = store.inbox_pending_after(last, 100).await.unwrap();
                if rows.is_empty() {
                    break;
                }
                for row in rows {
                    last = row.id;
                    assert!(seen.insert(row.id));
                }
            }
            while let Some(done) = writers.join_next().await {
                done.unwrap();
            }
            while let Ok(row) = feed.try_recv() {
                if row.id > last {
                    last = row.id;
                    assert!(seen.insert(row.id), "row {} fed twice", row.id);
                }
            }
            assert_eq!(seen.len(), 2000, "round {round}: a request was never seen");
        }
    }

    #[tokio::test]
    async fn closing_the_store_takes_the_connection_back_and_later_writes_fail_plainly() {
        let (_dir, store) = fresh().await;
        let story = interviewing(&store, "maria").await;
        // The hot writer now holds the connection, idle.
        store
            .save_interview_step(
                &story,
                &[("benefit".into(), "x".into())],
                None,
                None,
                &[],
                at(1),
            )
            .await
            .unwrap();
        tokio::time::timeout(Duration::from_secs(10), store.close())
            .await
            .expect("close does not wait on the idle hot writer");
        let step = store
            .save_interview_step(
                &story,
                &[("benefit".into(), "y".into())],
                None,
                None,
                &[],
                at(2),
            )
            .await;
        assert!(step.is_err());
        let recorded = store
            .inbox_insert_many(vec![("event:late".into(), "event", "{}".into())], at(2))
            .await;
        assert!(recorded.is_err());
        let meta = store.set_meta("after", "close").await;
        assert!(meta.is_err());
        let read = store.meta("before").await;
        assert!(read.is_err(), "reads fail too once the store is closed");
    }
}
