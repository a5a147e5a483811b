//! The outbox of messages to people on Postgres, shared by every replica's sender.
//!
//! A sender claims rows: `FOR UPDATE SKIP LOCKED` lets replicas claiming at the same
//! moment pass over each other's rows instead of waiting for them, and the claim itself
//! is written (`claimed_by`, `claimed_until`), so it outlives the claiming transaction
//! and ends on its own when the replica that made it dies. Only a person's oldest waiting
//! message can be claimed: the next one waits until it is delivered or given up on, so
//! a person's messages go out in order whichever replica sends them. Leases are measured
//! on the database's clock, the one clock every replica shares.

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::Replica;
use crate::delivery::ForOutbox;
use crate::store::shared::{Outbox, Then};
use crate::store::OutboxRow;

/// The oldest waiting rows that no one holds (or whose holder's lease has run out), each
/// the oldest waiting row of its person, claimed by `$1` for `$3` seconds. A row another
/// replica is claiming at this moment is skipped, not waited for; a held row's successor
/// is not its person's oldest, so it stays unclaimable too. Written so that the rows are
/// walked in id order and each checked with one index probe, stopping at `$2`: the
/// cost grows with the rows claimed, not with the rows waiting (a `NOT EXISTS` here was
/// planned as an anti-join over every waiting row, 15 ms at 20,000 and seconds under
/// load, against 0.4 ms).
const CLAIM: &str = "WITH heads AS (
        SELECT o.id FROM outbox o
         WHERE o.done_at IS NULL
           AND (o.claimed_until IS NULL OR o.claimed_until < now())
           AND o.id = (SELECT min(e.id) FROM outbox e
                        WHERE e.recipient = o.recipient AND e.done_at IS NULL)
         ORDER BY o.id
         LIMIT $2
           FOR UPDATE SKIP LOCKED)
     UPDATE outbox SET claimed_by = $1, claimed_until = now() + make_interval(secs => $3)
       FROM heads WHERE outbox.id = heads.id
     RETURNING outbox.id, outbox.recipient, outbox.body, outbox.created_at, outbox.attempts";

impl Replica {
    /// Writes messages to the outbox (outside any other change), in one statement, for
    /// any replica's sender to claim: the new rows.
    pub async fn outbox_add(
        &self,
        messages: &[ForOutbox],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<OutboxRow>> {
        let recipients: Vec<&str> = messages.iter().map(|m| m.recipient.as_str()).collect();
        let bodies: Vec<String> = messages.iter().map(ForOutbox::body).collect();
        // Numbered in the order given: the ids, sorted, are the messages' in order.
        let mut ids: Vec<i64> = sqlx::query_scalar(
            "INSERT INTO outbox (recipient, body, created_at)
             SELECT r.recipient, r.body, $3
               FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(recipient, body, n)
              ORDER BY r.n
             RETURNING id",
        )
        .bind(&recipients)
        .bind(&bodies)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .context("failed to write messages to the outbox")?;
        ids.sort_unstable();
        Ok(ids
            .into_iter()
            .zip(messages.iter().zip(bodies))
            .map(|(id, (m, body))| OutboxRow::new(id, m, body, now))
            .collect())
    }
}

impl Replica {
    /// Extends this replica's leases on `ids` (rows it is still delivering), so that no
    /// other replica takes them while it does: how many it still held.
    pub async fn renew_claims(&self, ids: &[i64]) -> anyhow::Result<u64> {
        if ids.is_empty() {
            return Ok(0);
        }
        Ok(sqlx::query(
            "UPDATE outbox SET claimed_until = now() + make_interval(secs => $3)
              WHERE id = ANY($1) AND claimed_by = $2 AND done_at IS NULL",
        )
        .bind(ids)
        .bind(&*self.name)
        .bind(self.lease.as_secs_f64())
        .execute(&self.pool)
        .await
        .context("failed to renew the claims on messages being sent")?
        .rows_affected())
    }

    /// Gives back `ids` (rows this replica claimed and will not finish, as when it stops)
    /// for any replica to claim at once, rather than when their lease ends.
    pub async fn release_claims(&self, ids: &[i64]) -> anyhow::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL
              WHERE id = ANY($1) AND claimed_by = $2 AND done_at IS NULL",
        )
        .bind(ids)
        .bind(&*self.name)
        .execute(&self.pool)
        .await
        .context("failed to give back messages being sent")?;
        Ok(())
    }

    /// How long this replica's claims last unless renewed.
    pub fn lease(&self) -> std::time::Duration {
        self.lease
    }
}

impl Outbox for Replica {
    async fn claim(&self, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
        let mut rows: Vec<OutboxRow> = sqlx::query_as(CLAIM)
            .bind(&*self.name)
            .bind(limit)
            .bind(self.lease.as_secs_f64())
            .fetch_all(&self.pool)
            .await
            .context("failed to claim messages to send")?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    async fn delivered(&self, id: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
        let mut tx = self
            .pool
            .begin()
            .await
            .context("failed to start a transaction")?;
        sqlx::query(
            "UPDATE outbox SET done_at = $2, error = NULL, attempts = attempts + 1,
                    claimed_by = NULL, claimed_until = NULL
              WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("failed to mark a message delivered")?;
        // A message delivered to someone Spotlight holds nothing of (a person who had
        // themselves forgotten, told so) is not kept.
        sqlx::query(
            "DELETE FROM outbox WHERE id = $1
                AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = outbox.recipient)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await
        .context("failed to mark a message delivered")?;
        tx.commit()
            .await
            .context("failed to mark a message delivered")?;
        Ok(())
    }

    async fn failed(
        &self,
        id: i64,
        error: &str,
        then: Then,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        let (done_at, retry_secs) = match then {
            Then::GiveUp => (Some(now), None),
            Then::RetryAfter(wait) => (None, Some(wait.as_secs_f64())),
        };
        let changed = sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, error = $3, done_at = $4,
                    claimed_until = CASE WHEN $5::float8 IS NULL THEN NULL
                                         ELSE now() + make_interval(secs => $5::float8) END,
                    claimed_by = CASE WHEN $5::float8 IS NULL THEN NULL ELSE claimed_by END
              WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL",
        )
        .bind(id)
        .bind(&*self.name)
        .bind(error)
        .bind(done_at)
        .bind(retry_secs)
        .execute(&self.pool)
        .await
        .context("failed to record a failed delivery")?
        .rows_affected();
        Ok(changed == 1)
    }
}
