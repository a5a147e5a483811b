//! The hot path's writes on Postgres: what SQLite's hot writer (`writer.rs`, rusqlite on
//! one connection, group commits) does, done here on the replica's pool, each in its
//! own transaction (Postgres commits side by side): interview steps, and the delivered
//! marks, written by one task in the order sent.

use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::Connection;
use tokio::sync::mpsc;

use super::outbox::OutboxRow;
use super::postgres::Replica;
use super::writer::Mark;
use super::StoryRow;
use crate::delivery::ForOutbox;

/// A store's Postgres side: the replica's connections and the delivered marks' writer.
#[derive(Debug)]
pub(super) struct Pg {
    pub replica: Replica,
    pub marks: mpsc::UnboundedSender<Mark>,
}

impl Pg {
    /// The replica, with a task writing the delivered marks sent to it.
    pub fn start(replica: Replica) -> Arc<Pg> {
        let (marks, rx) = mpsc::unbounded_channel();
        tokio::spawn(write_marks(replica.clone(), rx));
        Arc::new(Pg { replica, marks })
    }
}

/// Marks delivered rows done as they come (deleting those to people forgotten), and
/// answers each flush once every mark before it is written. Ends when the store goes.
async fn write_marks(replica: Replica, mut marks: mpsc::UnboundedReceiver<Mark>) {
    let mut batch = Vec::new();
    while marks.recv_many(&mut batch, 256).await > 0 {
        let mut delivered = Vec::new();
        let mut flushes = Vec::new();
        for mark in batch.drain(..) {
            match mark {
                Mark::Delivered(id, at) => delivered.push((id, at)),
                Mark::Flush(done) => flushes.push(done),
            }
        }
        if !delivered.is_empty() {
            if let Err(e) = mark_delivered(&replica, &delivered).await {
                // The messages were delivered; after a restart they would be sent again
                // (at least once).
                tracing::error!(error = %format!("{e:#}"), "failed to mark messages delivered");
            }
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

async fn mark_delivered(
    replica: &Replica,
    delivered: &[(i64, DateTime<Utc>)],
) -> anyhow::Result<()> {
    let mut conn = replica.connection().await?;
    let mut tx = conn.begin().await?;
    for (id, at) in delivered {
        sqlx::query(
            "UPDATE outbox SET done_at = $1, error = NULL, attempts = attempts + 1 WHERE id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // A message delivered to someone Spotlight holds nothing of (a person who had
        // themselves forgotten, told so) is not kept.
        sqlx::query(
            "DELETE FROM outbox WHERE id = $1
               AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = outbox.recipient)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One interview step in one transaction: the story, its new answer revisions (the
/// bytes as sent), the line in its log, the inbox row done, the messages it decided.
/// Returns the outbox rows they became.
#[allow(clippy::too_many_arguments)]
pub(super) async fn save_step(
    replica: &Replica,
    story: &StoryRow,
    saves: &[(String, String)],
    message_ref: Option<&str>,
    event: Option<&str>,
    messages: &[ForOutbox],
    inbox_row: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<OutboxRow>> {
    let mut conn = replica.connection().await?;
    let mut tx = conn.begin().await?;
    bind_story!(sqlx::query(super::answering::STORY_UPDATE), story)
        .execute(&mut *tx)
        .await
        .context("failed to save the story")?;
    for (key, body) in saves {
        sqlx::query(
            "INSERT INTO answer_revisions (story_id, question_key, revision, body, source, message_ref, created_at)
             VALUES ($1, $2, (SELECT COALESCE(MAX(revision), 0) + 1 FROM answer_revisions
                              WHERE story_id = $1 AND question_key = $2), $3, 'interview', $4, $5)",
        )
        .bind(story.id)
        .bind(key)
        .bind(body.as_bytes())
        .bind(message_ref)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("failed to save an answer")?;
    }
    if let Some(what) = event {
        sqlx::query(
            "INSERT INTO story_events (story_id, at, actor, what) VALUES ($1, $2, 'spotlight', $3)",
        )
        .bind(story.id)
        .bind(now)
        .bind(what)
        .execute(&mut *tx)
        .await
        .context("failed to log the step")?;
    }
    if let Some(id) = inbox_row {
        sqlx::query("UPDATE inbox SET processed_at = $1, error = NULL WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .context("failed to mark a request as processed")?;
    }
    let rows = insert_outbox!(tx, messages, now);
    tx.commit()
        .await
        .context("failed to commit an interview step")?;
    Ok(rows)
}
