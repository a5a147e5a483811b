//! The sender: delivers the outbox's messages to people (DMs, replies, App Home
//! refreshes) outside every engine lock.
//!
//! Each person's messages go out in the order they were decided, in a lane of their
//! own; lanes run side by side, so a slow or hanging call, or a `Retry-After`, holds up
//! only the person it is for. Every call is under a timeout. A failure with no clear
//! answer is tried again with growing waits (a DM may then arrive twice: messages to
//! people are delivered at least once); a refusal is final and kept with its error. Rows
//! committed before the sender started (a crash, a restart) are read first.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use super::{files, inbox, Shared};
use crate::delivery::{DecidedKind, ForOutbox, SendError};
use crate::store::OutboxRow;

/// How many people's messages are delivered side by side.
const LANES_AT_ONCE: usize = 64;
/// How many times a message with no clear outcome is tried before it is given up.
pub const DELIVERY_ATTEMPTS: i64 = 6;
/// The longest a delivery may take in all (a call, plus a fallback) before it counts as
/// having no clear answer.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(25);
/// The same for files to share: a few calls each (an address, the bytes), then the share.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// The wait before attempt `n + 1` (1 s, 2 s, 4 s … up to a minute).
fn backoff(n: i64) -> Duration {
    Duration::from_secs(1u64 << n.clamp(0, 6) as u64).min(Duration::from_secs(60))
}

#[derive(Default)]
struct Lanes {
    queues: HashMap<String, VecDeque<OutboxRow>>,
}

struct Sender {
    shared: Arc<Shared>,
    lanes: std::sync::Mutex<Lanes>,
    slots: tokio::sync::Semaphore,
    stop: watch::Receiver<bool>,
}

/// Delivers the outbox until `stop` turns true.
pub(super) async fn run(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let store = shared.app.store().clone();
    let mut feed = store.follow_outbox();
    let sender = Arc::new(Sender {
        shared,
        lanes: std::sync::Mutex::new(Lanes::default()),
        slots: tokio::sync::Semaphore::new(LANES_AT_ONCE),
        stop: stop.clone(),
    });
    // What was decided before this start and not delivered yet.
    let mut last_id = 0;
    loop {
        match store.outbox_waiting_after(last_id, 1000).await {
            Ok(rows) if rows.is_empty() => break,
            Ok(rows) => {
                for row in rows {
                    last_id = row.id;
                    sender.queue(row);
                }
            }
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "failed to read the outbox");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.changed() => return,
                }
            }
        }
    }
    loop {
        tokio::select! {
            row = feed.recv() => match row {
                Some(row) if row.id <= last_id => {}
                Some(row) => {
                    last_id = row.id;
                    sender.queue(row);
                }
                None => break,
            },
            _ = stop.changed() => break,
        }
    }
    drop(sender);
    // What was delivered is marked before the store closes.
    let _ = tokio::time::timeout(Duration::from_secs(2), store.outbox_marks_written()).await;
}

impl Sender {
    /// Puts `row` in its person's lane, starting the lane if it was idle.
    fn queue(self: &Arc<Self>, row: OutboxRow) {
        let row_recipient = row.recipient.clone();
        let start = {
            let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
            let queue = lanes.queues.entry(row.recipient.clone()).or_default();
            queue.push_back(row);
            queue.len() == 1
        };
        if start {
            let me = self.clone();
            let recipient = row_recipient;
            tokio::spawn(async move { me.run_lane(recipient).await });
        }
    }

    /// The row at the front of `recipient`'s lane (after dropping the one delivered, if
    /// `done_with_front`); the lane is left when it is empty.
    fn next(&self, recipient: &str, done_with_front: bool) -> Option<OutboxRow> {
        let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
        let queue = lanes.queues.get_mut(recipient)?;
        if done_with_front {
            queue.pop_front();
        }
        match queue.front() {
            Some(row) => Some(row.clone()),
            None => {
                lanes.queues.remove(recipient);
                None
            }
        }
    }

    async fn run_lane(self: Arc<Self>, recipient: String) {
        let mut row = self.next(&recipient, false);
        while let Some(current) = row {
            if *self.stop.borrow() {
                return;
            }
            {
                let _slot = self.slots.acquire().await.expect("slots stay open");
                Box::pin(self.deliver_row(&current)).await;
            }
            row = self.next(&recipient, true);
        }
    }

    /// Delivers one row, trying again after failures with no clear answer; gives up after
    /// a refusal or the last attempt, keeping the error.
    async fn deliver_row(&self, row: &OutboxRow) {
        let store = self.shared.app.store();
        let message = match ForOutbox::parse(&row.recipient, &row.body) {
            Ok(m) => m,
            Err(e) => {
                let _ = store
                    .outbox_failed(row.id, &format!("{e:#}"), true, Utc::now())
                    .await;
                return;
            }
        };
        let mut attempts = row.attempts;
        let mut stop = self.stop.clone();
        let limit = match message.message.kind {
            DecidedKind::Upload => UPLOAD_TIMEOUT,
            _ => DELIVERY_TIMEOUT,
        };
        let destination = match message.message.kind {
            DecidedKind::Message => "slack_dm",
            DecidedKind::Home => "slack_home",
            DecidedKind::Upload => "slack_upload",
        };
        loop {
            // Not installed (OAuth mode): the message waits for a token, its attempts
            // untouched.
            tokio::select! {
                _ = self.shared.slack().tokens().ready() => {}
                _ = stop.changed() => return,
            }
            let started = std::time::Instant::now();
            let outcome = tokio::select! {
                r = tokio::time::timeout(limit, self.deliver(&message, row)) => match r {
                    Ok(r) => r,
                    Err(_) => Err(anyhow::Error::new(SendError::Uncertain(format!(
                        "no answer within {}s", limit.as_secs()
                    )))),
                },
                _ = stop.changed() => return,
            };
            let error = match outcome {
                Ok(()) => {
                    self.shared
                        .metrics
                        .sent(destination, "delivered", started.elapsed());
                    store.outbox_mark_delivered(row.id, Utc::now());
                    return;
                }
                Err(e) => e,
            };
            if matches!(
                error.downcast_ref::<SendError>(),
                Some(SendError::Rejected { code, .. }) if code == super::tokens::NOT_INSTALLED
            ) {
                // Uninstalled meanwhile: it waits for the next install.
                continue;
            }
            attempts += 1;
            // A rotating token that expired early is renewed at the next attempt.
            let renewing = self.shared.slack().tokens().is_oauth()
                && matches!(
                    error.downcast_ref::<SendError>(),
                    Some(SendError::Rejected { code, .. }) if code == "token_expired"
                );
            let refused = !renewing
                && matches!(
                    error.downcast_ref::<SendError>(),
                    Some(SendError::Rejected { .. })
                );
            let give_up = refused || attempts >= DELIVERY_ATTEMPTS;
            let outcome = if give_up { "given_up" } else { "retry" };
            self.shared
                .metrics
                .sent(destination, outcome, started.elapsed());
            let text = format!("{error:#}");
            tracing::warn!(
                outbox = row.id,
                recipient = %row.recipient,
                attempts,
                give_up,
                error = %text,
                "delivering a message failed"
            );
            if let Err(e) = store
                .outbox_failed(row.id, &text, give_up, Utc::now())
                .await
            {
                tracing::error!(
                    error = format!("{e:#}"),
                    "failed to record a failed delivery"
                );
            }
            if give_up {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(backoff(attempts - 1)) => {}
                _ = stop.changed() => return,
            }
        }
    }

    async fn deliver(&self, message: &ForOutbox, row: &OutboxRow) -> anyhow::Result<()> {
        match message.message.kind {
            DecidedKind::Home => inbox::publish_home(&self.shared, &message.recipient).await,
            DecidedKind::Message => self.shared.slack().deliver(message, row.created_at).await,
            DecidedKind::Upload => files::upload(&self.shared, message).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_a_minute() {
        let waits: Vec<u64> = (0..9).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
