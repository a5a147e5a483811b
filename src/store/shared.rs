//! What several replicas of `serve` share through one database, as an interface each
//! storage implements: the inbox that recognises a request whichever replica recorded it
//! first (`Inbox`), the outbox of messages to people claimed by one replica's sender at a
//! time for a while (`Outbox`), and the scheduler run by one replica at a time
//! (`Leadership`).
//!
//! Postgres implements all three (`postgres::Replica`). SQLite implements `Inbox`
//! (`Store`, below): one process owns a SQLite file, so its sender is fed the outbox in
//! memory and its scheduler always runs; the claims and the leadership stay the
//! Postgres side's until `serve` is wired onto this interface.

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::OutboxRow;

/// A request from Slack to record: its key (Slack's event id, or the trigger id of a
/// command or click), its kind and its body.
pub type Request = (String, &'static str, String);

/// What became of a request given to `Inbox::record`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Recorded now, as this inbox row: whoever recorded it handles it.
    New(i64),
    /// Its key was recorded before (a retry from Slack, reaching this replica or another,
    /// or the same key earlier in the same batch): acknowledged, not handled again.
    Repeat,
}

/// The inbox, deduplicated across everyone who writes to the database.
pub trait Inbox: Send + Sync {
    /// Records `requests` in one commit and says, for each in order, whether it is new.
    /// Two replicas recording the same key at the same moment: exactly one gets `New`.
    fn record(
        &self,
        requests: Vec<Request>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = anyhow::Result<Vec<Recorded>>> + Send;
}

/// What follows a delivery that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Keep the row (and the person's later messages, which wait behind it) claimed for
    /// this long, then try again.
    RetryAfter(Duration),
    /// Stop trying: the row is done, with its error.
    GiveUp,
}

/// The outbox of messages to people, claimed by one sender at a time.
///
/// A claim is a lease: the claimer's until a moment, after which (its replica died or
/// hung) another may claim the row again, so delivery is at least once. Only the oldest
/// waiting message of each person can be claimed, so a person's messages go out in the
/// order they were decided, whichever replica sends them.
pub trait Outbox: Send + Sync {
    /// Claims up to `limit` waiting rows (one per person at most), oldest first.
    fn claim(&self, limit: i64) -> impl Future<Output = anyhow::Result<Vec<OutboxRow>>> + Send;

    /// Row `id` was delivered: done (deleted if Spotlight no longer knows its recipient,
    /// as the SQLite hot writer does). The person's next message may now be claimed.
    fn delivered(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// Row `id` failed with `error`; `then` says what follows. False if this claimer no
    /// longer held the row (its lease ran out and another claimed it): nothing changed.
    fn failed(
        &self,
        id: i64,
        error: &str,
        then: Then,
        now: DateTime<Utc>,
    ) -> impl Future<Output = anyhow::Result<bool>> + Send;
}

/// The right to run the scheduler, held by one replica at a time.
pub trait Leadership: Send + Sync {
    type Lead: Lead;

    /// Takes the lead if no one holds it: `None` if another does.
    fn try_lead(&self) -> impl Future<Output = anyhow::Result<Option<Self::Lead>>> + Send;
}

/// The lead, while held.
pub trait Lead: Send {
    /// Checks now that the lead is still held: an error says why not (the connection
    /// holding it is gone). The scheduler checks before each pass.
    fn check(&mut self) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// Resolves once the lead is lost, with why: checked every `every`.
    fn lost(&mut self, every: Duration) -> impl Future<Output = anyhow::Error> + Send;

    /// Gives the lead up, so another can take it at once.
    fn step_down(self) -> impl Future<Output = ()> + Send;
}

/// SQLite's inbox: the hot writer's group commit (`Store::inbox_insert_many`).
impl Inbox for super::Store {
    async fn record(
        &self,
        requests: Vec<Request>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Recorded>> {
        let ids = self.inbox_insert_many(requests, now).await?;
        Ok(ids
            .into_iter()
            .map(|id| id.map_or(Recorded::Repeat, Recorded::New))
            .collect())
    }
}
