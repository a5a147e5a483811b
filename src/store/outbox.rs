//! The outbox of messages to people: what the engine decided to send, written in the
//! same transaction as the change that decided it, and delivered afterwards.
//!
//! A row is waiting until `done_at` is set: delivered (no error) or given up on (with the
//! error). Rows are handed to whoever follows the outbox once committed, in order, so the
//! sender does not read them back; rows written before it started are read at its start.
//! Requests whose handling failed are kept in the inbox with their error and attempts,
//! and set aside (processed, with the error) after the last attempt.

use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::{Connection, FromRow, Row};
use tokio::sync::mpsc;

use super::Db;
use super::{unpoisoned, Store};
use crate::delivery::ForOutbox;

/// A message waiting in the outbox.
#[derive(Debug, Clone, FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub attempts: i64,
}

impl OutboxRow {
    /// The row `m` became, stored as `body` under `id` (SQLite's or Postgres' outbox).
    pub(super) fn new(id: i64, m: &ForOutbox, body: String, now: DateTime<Utc>) -> OutboxRow {
        OutboxRow {
            id,
            recipient: m.recipient.as_str().to_string(),
            body,
            created_at: now,
            attempts: 0,
        }
    }
}

/// Where newly committed outbox rows are handed (`Store::follow_outbox`), if anyone follows.
pub(super) type OutboxFeed = Arc<std::sync::Mutex<Option<mpsc::UnboundedSender<OutboxRow>>>>;

/// Hands committed rows to the follower, in order.
pub(super) fn feed(follower: &OutboxFeed, rows: Vec<OutboxRow>) {
    if rows.is_empty() {
        return;
    }
    let mut follower = unpoisoned(follower);
    if let Some(tx) = follower.as_ref() {
        for row in rows {
            if tx.send(row).is_err() {
                // No one follows any more; the rows are read at the next start.
                *follower = None;
                return;
            }
        }
    }
}

/// A request set aside after its last attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub kind: String,
    pub error: String,
    pub at: DateTime<Utc>,
}

/// How the outbox stands, for health checks and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutboxState {
    pub waiting: i64,
    pub oldest: Option<DateTime<Utc>>,
}

pub(super) const INSERT: &str =
    "INSERT INTO outbox (recipient, body, created_at) VALUES ($1, $2, $3) RETURNING id";

/// Inserts `messages` through rusqlite (the hot writer's transaction): the new rows.
pub(super) fn insert_hot(
    tx: &rusqlite::Transaction<'_>,
    messages: &[ForOutbox],
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<OutboxRow>> {
    let mut rows = Vec::with_capacity(messages.len());
    if messages.is_empty() {
        return Ok(rows);
    }
    let mut insert = tx.prepare_cached(INSERT)?;
    for m in messages {
        let body = m.body();
        let id: i64 = insert.query_row(
            rusqlite::params![m.recipient.as_str(), body, super::answering::ts(&now)],
            |r| r.get(0),
        )?;
        rows.push(OutboxRow::new(id, m, body, now));
    }
    Ok(rows)
}

impl Store {
    /// Where delivered marks go: SQLite's hot writer, or Postgres' marker.
    fn marks(&self) -> &mpsc::UnboundedSender<super::writer::Mark> {
        match &self.db {
            Db::Sqlite(lite) => &lite.marks,
            Db::Postgres(pg) => &pg.marks,
        }
    }

    /// Every outbox row committed from now on, in order (the sender's feed). Only the
    /// last caller is fed; rows committed before the call are read with `outbox_waiting_after`.
    pub fn follow_outbox(&self) -> mpsc::UnboundedReceiver<OutboxRow> {
        let (tx, rx) = mpsc::unbounded_channel();
        *unpoisoned(&self.outbox_feed) = Some(tx);
        rx
    }

    /// Rows still waiting with an id above `after`, oldest first.
    pub async fn outbox_waiting_after(
        &self,
        after: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<OutboxRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
                "SELECT id, recipient, body, created_at, attempts FROM outbox
             WHERE done_at IS NULL AND id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(limit)
            .fetch_all(&mut *db)
            .await
            .context("failed to read the outbox")
        })
    }

    /// Writes messages decided outside any other change (a form that could not be
    /// opened) and hands them to the sender.
    pub async fn outbox_add(
        &self,
        messages: &[ForOutbox],
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        if messages.is_empty() {
            return Ok(());
        }
        self.commit_messages(messages, None, now).await
    }

    /// Finishes inbox row `id`: the messages its handling decided go to the outbox in the
    /// same transaction as the row's new state. `error` with `done` false keeps the row
    /// for another attempt; with `done` true the row is set aside with its error.
    pub async fn inbox_finish(
        &self,
        id: i64,
        error: Option<&str>,
        done: bool,
        messages: &[ForOutbox],
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.commit_messages(messages, Some((id, error, done)), now)
            .await
    }

    /// Writes `messages` and, if given, an inbox row's new state (id, error, done) in
    /// one transaction, then hands the messages to the sender.
    async fn commit_messages(
        &self,
        messages: &[ForOutbox],
        inbox_row: Option<(i64, Option<&str>, bool)>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let rows = {
                let conn = db;
                let mut tx = conn
                    .begin()
                    .await
                    .context("failed to start a transaction")?;
                let rows = insert_outbox!(tx, messages, now);
                if let Some((id, error, done)) = inbox_row {
                    sqlx::query(
                    "UPDATE inbox SET processed_at = $1, error = $2,
                            attempts = attempts + CASE WHEN $3 IS NULL THEN 0 ELSE 1 END WHERE id = $4",
                )
                .bind(done.then_some(now))
                .bind(error)
                .bind(error)
                .bind(id)
                .execute(&mut *tx)
                .await
                .context("failed to mark a request as processed")?;
                }
                tx.commit().await.context("failed to save messages")?;
                rows
            };
            feed(&self.outbox_feed, rows);
            Ok(())
        })
    }

    /// How many times handling inbox row `id` has failed.
    pub async fn inbox_attempts(&self, id: i64) -> anyhow::Result<i64> {
        on_db!(self, read, |db| {
            Ok(
                sqlx::query_scalar("SELECT attempts FROM inbox WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *db)
                    .await
                    .context("failed to read the inbox")?
                    .unwrap_or(0),
            )
        })
    }

    /// Marks row `id` delivered: the hot writer writes it with the next marks, when it
    /// has nothing more pressing (requests, interview steps) to write.
    pub fn outbox_mark_delivered(&self, id: i64, now: DateTime<Utc>) {
        // Closed store: the row is read again at the next start (at least once).
        let _ = self.marks().send(super::writer::Mark::Delivered(id, now));
    }

    /// Waits until every row marked delivered before this call is written.
    pub async fn outbox_marks_written(&self) {
        let (done, written) = tokio::sync::oneshot::channel();
        if self.marks().send(super::writer::Mark::Flush(done)).is_ok() {
            let _ = written.await;
        }
    }

    /// Records a failed attempt at row `id`; `give_up` ends its wait, keeping the error.
    pub async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        give_up: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, error = $1, done_at = $2 WHERE id = $3",
            )
            .bind(error)
            .bind(give_up.then_some(now))
            .bind(id)
            .execute(&mut *db)
            .await
            .context("failed to record a failed delivery")?;
            Ok(())
        })
    }

    /// How many messages wait and since when.
    pub async fn outbox_state(&self) -> anyhow::Result<OutboxState> {
        on_db!(self, read, |db| {
            let row =
                sqlx::query("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE done_at IS NULL")
                    .fetch_one(&mut *db)
                    .await
                    .context("failed to read the outbox")?;
            Ok(OutboxState {
                waiting: row.try_get(0)?,
                oldest: row.try_get_unchecked(1)?,
            })
        })
    }

    /// Requests set aside after their last attempt, newest first.
    pub async fn set_aside(&self, limit: i64) -> anyhow::Result<Vec<SetAside>> {
        on_db!(self, read, |db| {
            let rows = sqlx::query(
                "SELECT key, kind, error, processed_at FROM inbox
             WHERE error IS NOT NULL AND processed_at IS NOT NULL
             ORDER BY processed_at DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(&mut *db)
            .await
            .context("failed to read the requests set aside")?;
            rows.iter()
                .map(|r| {
                    Ok(SetAside {
                        key: r.try_get(0)?,
                        kind: r.try_get(1)?,
                        error: r.try_get(2)?,
                        at: r.try_get(3)?,
                    })
                })
                .collect()
        })
    }

    /// Forgets what people said once it is no longer needed: the bodies of requests
    /// processed before `bodies_before` (a body holds the person's message) and messages
    /// done before it; requests processed before `keys_before` go altogether (until then
    /// their key recognises a late retry from Slack). Requests set aside keep their error.
    /// Returns how many rows were emptied or removed.
    pub async fn prune(
        &self,
        bodies_before: DateTime<Utc>,
        keys_before: DateTime<Utc>,
    ) -> anyhow::Result<u64> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn
                .begin()
                .await
                .context("failed to start a transaction")?;
            let mut n = 0;
            for (sql, at) in [
            (
                "UPDATE inbox SET body = '' WHERE processed_at IS NOT NULL AND processed_at < $1 AND body <> ''",
                bodies_before,
            ),
            (
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < $1",
                keys_before,
            ),
            (
                "DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < $1",
                bodies_before,
            ),
        ] {
            n += sqlx::query(sql)
                .bind(at)
                .execute(&mut *tx)
                .await
                .context("failed to prune old requests and messages")?
                .rows_affected();
        }
            tx.commit().await.context("failed to prune")?;
            Ok(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fresh;
    use crate::delivery::{Decided, ForOutbox};
    use crate::domain::UserId;

    fn message(to: &str) -> ForOutbox {
        let mut decided = Decided::home();
        decided.kind = crate::delivery::DecidedKind::Message;
        decided.text = format!("hello {to}");
        ForOutbox {
            recipient: UserId::parse(to).unwrap(),
            message: decided,
        }
    }

    #[tokio::test]
    async fn delivered_rows_are_marked_by_the_hot_writer_and_leave_the_waiting_ones() {
        let (_dir, store) = fresh().await;
        let now = chrono::Utc::now();
        store
            .outbox_add(&[message("U1"), message("U2"), message("U3")], now)
            .await
            .unwrap();
        let rows = store.outbox_waiting_after(0, 10).await.unwrap();
        assert_eq!(rows.len(), 3);
        store.outbox_mark_delivered(rows[0].id, now);
        store.outbox_mark_delivered(rows[2].id, now);
        store.outbox_marks_written().await;
        let state = store.outbox_state().await.unwrap();
        assert_eq!(state.waiting, 1);
        let left = store.outbox_waiting_after(0, 10).await.unwrap();
        assert_eq!(left.iter().map(|r| r.id).collect::<Vec<_>>(), [rows[1].id]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn marks_are_written_while_requests_keep_arriving() {
        let (_dir, store) = fresh().await;
        let now = chrono::Utc::now();
        let many: Vec<ForOutbox> = (0..600).map(|i| message(&format!("U{i}"))).collect();
        store.outbox_add(&many, now).await.unwrap();
        let rows = store.outbox_waiting_after(0, 1000).await.unwrap();
        // Requests recorded without a pause, while every row is marked delivered.
        let busy = {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..2_000 {
                    store
                        .inbox_insert_many(vec![(format!("event:{i}"), "event", "{}".into())], now)
                        .await
                        .unwrap();
                }
            })
        };
        for r in &rows {
            store.outbox_mark_delivered(r.id, now);
        }
        tokio::time::timeout(
            std::time::Duration::from_secs(20),
            store.outbox_marks_written(),
        )
        .await
        .expect("the marks were written while requests kept coming");
        assert_eq!(store.outbox_state().await.unwrap().waiting, 0);
        busy.await.unwrap();
    }
}
