//! The inbox on Postgres: a request is recorded by whichever replica commits its key
//! first; the others are told it is a repeat.

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::Replica;
use crate::store::shared::{Inbox, Recorded, Request};

/// A batch in one statement. Its rows are numbered in the order given (the dispatcher
/// reads them in that order) but inserted in the order of their keys, so two replicas'
/// batches sharing keys wait on each other's keys in one order and never deadlock. A key
/// already recorded, or given earlier in the batch, inserts nothing; one another
/// replica's statement is inserting at this moment is waited for: then it is a repeat
/// (or, if that statement failed, new here).
const INSERT: &str = "WITH given AS (
        SELECT r.key, r.kind, r.body, r.n
          FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(key, kind, body, n)),
     numbered AS (
        SELECT s.n, nextval(pg_get_serial_sequence('inbox', 'id')) AS id
          FROM (SELECT n FROM given ORDER BY n) s)
     INSERT INTO inbox (id, key, kind, body, received_at)
     SELECT numbered.id, given.key, given.kind, given.body, $4
       FROM given JOIN numbered USING (n)
      ORDER BY given.key, given.n
     ON CONFLICT (key) DO NOTHING
     RETURNING id, key";

impl Inbox for Replica {
    async fn record(
        &self,
        requests: Vec<Request>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Recorded>> {
        if requests.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<&str> = requests.iter().map(|r| r.0.as_str()).collect();
        let kinds: Vec<&str> = requests.iter().map(|r| r.1).collect();
        let bodies: Vec<&str> = requests.iter().map(|r| r.2.as_str()).collect();
        let inserted: Vec<(i64, String)> = sqlx::query_as(INSERT)
            .bind(&keys)
            .bind(&kinds)
            .bind(&bodies)
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .context("failed to record requests from Slack")?;
        let mut new: std::collections::HashMap<String, i64> =
            inserted.into_iter().map(|(id, key)| (key, id)).collect();
        // The first request with a key that was inserted is the new one; any later one
        // in the batch is a repeat of it.
        Ok(keys
            .iter()
            .map(|k| new.remove(*k).map_or(Recorded::Repeat, Recorded::New))
            .collect())
    }
}
