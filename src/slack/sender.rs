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

/// Delivers the outbox until `stop` turns true: on SQLite, what this process decides, as
/// it is committed; on Postgres, what any replica decided, claimed row by row.
pub(super) async fn run(shared: Arc<Shared>, stop: watch::Receiver<bool>) {
    match shared.app.store().replica().cloned() {
        Some(replica) => run_claiming(shared, stop, replica).await,
        None => run_following(shared, stop).await,
    }
}

/// The sender of one process: follows the outbox as the store commits to it.
async fn run_following(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
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
        loop {
            let (text, give_up) =
                match try_once(&self.shared, &message, row, attempts, &mut stop).await {
                    None => return,
                    Some(Tried::Delivered) => {
                        store.outbox_mark_delivered(row.id, Utc::now());
                        return;
                    }
                    // Uninstalled meanwhile: it waits for the next install.
                    Some(Tried::NotInstalled) => continue,
                    Some(Tried::Failed { text, give_up }) => (text, give_up),
                };
            attempts += 1;
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
}

/// How one try at delivering a message went.
enum Tried {
    Delivered,
    /// There is no installation (OAuth mode, uninstalled): the message waits for one.
    NotInstalled,
    /// It failed; `give_up` if that was final (a refusal, or the last attempt).
    Failed {
        text: String,
        give_up: bool,
    },
}

/// Tries once to deliver `message` (row `row`, tried `attempts` times before), once
/// there is a token to send with: None if `stop` came first.
async fn try_once(
    shared: &Shared,
    message: &ForOutbox,
    row: &OutboxRow,
    attempts: i64,
    stop: &mut watch::Receiver<bool>,
) -> Option<Tried> {
    let limit = match message.message.kind {
        DecidedKind::Upload => UPLOAD_TIMEOUT,
        _ => DELIVERY_TIMEOUT,
    };
    let destination = match message.message.kind {
        DecidedKind::Message => "slack_dm",
        DecidedKind::Home => "slack_home",
        DecidedKind::Upload => "slack_upload",
    };
    // Not installed (OAuth mode): the message waits for a token, its attempts untouched.
    tokio::select! {
        _ = shared.slack().tokens().ready() => {}
        _ = stop.changed() => return None,
    }
    let started = std::time::Instant::now();
    let outcome = tokio::select! {
        r = tokio::time::timeout(limit, deliver(shared, message, row)) => match r {
            Ok(r) => r,
            Err(_) => Err(anyhow::Error::new(SendError::Uncertain(format!(
                "no answer within {}s", limit.as_secs()
            )))),
        },
        _ = stop.changed() => return None,
    };
    let error = match outcome {
        Ok(()) => {
            shared
                .metrics
                .sent(destination, "delivered", started.elapsed());
            return Some(Tried::Delivered);
        }
        Err(e) => e,
    };
    if matches!(
        error.downcast_ref::<SendError>(),
        Some(SendError::Rejected { code, .. }) if code == super::tokens::NOT_INSTALLED
    ) {
        return Some(Tried::NotInstalled);
    }
    let attempts = attempts + 1;
    // A rotating token that expired early is renewed at the next attempt.
    let renewing = shared.slack().tokens().is_oauth()
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
    shared.metrics.sent(destination, outcome, started.elapsed());
    let text = format!("{error:#}");
    tracing::warn!(
        outbox = row.id,
        recipient = %row.recipient,
        attempts,
        give_up,
        error = %text,
        "delivering a message failed"
    );
    Some(Tried::Failed { text, give_up })
}

async fn deliver(shared: &Shared, message: &ForOutbox, row: &OutboxRow) -> anyhow::Result<()> {
    match message.message.kind {
        DecidedKind::Home => inbox::publish_home(shared, &message.recipient).await,
        DecidedKind::Message => shared.slack().deliver(message, row.created_at).await,
        DecidedKind::Upload => files::upload(shared, message).await,
    }
}

/// The sender of one replica of several on Postgres: claims the messages no replica
/// holds (each the oldest waiting one of its person, so a person's messages still go
/// out in order whichever replica sends them), delivers them side by side, and marks
/// them done, which frees each person's next. It looks when a replica adds messages (a
/// notification), when one of its own is done, and every second. Its claims are
/// leases, renewed while it delivers: a replica that dies leaves its rows to the others
/// when their lease ends (a message Slack took in the instant before is then sent
/// again: at least once); one that stops gives them back at once.
async fn run_claiming(
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
    replica: crate::store::postgres::Replica,
) {
    use crate::store::shared::Outbox;
    use std::collections::HashSet;
    let mut listener = loop {
        match replica.listen("spotlight_outbox").await {
            Ok(listener) => break listener,
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "failed to listen for messages");
                tokio::select! {
                    _ = tokio::time::sleep(LOOK_EVERY) => {}
                    _ = stop.changed() => return,
                }
            }
        }
    };
    let mut in_flight: HashSet<i64> = HashSet::new();
    let (done_tx, mut done) = tokio::sync::mpsc::unbounded_channel::<i64>();
    let mut renew = tokio::time::interval(replica.lease() / 3);
    renew.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let tokens = shared.slack().tokens().clone();
    loop {
        let room = LANES_AT_ONCE.saturating_sub(in_flight.len());
        if room > 0 && tokens.is_ready() {
            match replica.claim(room as i64).await {
                Ok(rows) => {
                    for row in rows {
                        if !in_flight.insert(row.id) {
                            continue;
                        }
                        let (shared, replica, done_tx) =
                            (shared.clone(), replica.clone(), done_tx.clone());
                        let stop = stop.clone();
                        tokio::spawn(async move {
                            let id = row.id;
                            deliver_claimed(&shared, &replica, row, stop).await;
                            let _ = done_tx.send(id);
                        });
                    }
                }
                Err(e) => tracing::error!(error = format!("{e:#}"), "failed to claim messages"),
            }
        }
        let notified = async {
            if listener.recv().await.is_err() {
                tokio::time::sleep(LOOK_EVERY).await;
            }
        };
        tokio::select! {
            _ = notified => {}
            Some(id) = done.recv() => {
                in_flight.remove(&id);
                while let Ok(id) = done.try_recv() {
                    in_flight.remove(&id);
                }
            }
            _ = renew.tick() => {
                let ids: Vec<i64> = in_flight.iter().copied().collect();
                if let Err(e) = replica.renew_claims(&ids).await {
                    tracing::error!(error = format!("{e:#}"), "failed to renew claims");
                }
            }
            _ = tokens.ready(), if !tokens.is_ready() => {}
            _ = tokio::time::sleep(LOOK_EVERY) => {}
            _ = stop.changed() => break,
        }
    }
    // Each delivery sees the stop and ends; what is not done goes back at once (the
    // release leaves alone what was marked done meanwhile).
    let held: Vec<i64> = in_flight.iter().copied().collect();
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while !in_flight.is_empty() {
            match done.recv().await {
                Some(id) => {
                    in_flight.remove(&id);
                }
                None => break,
            }
        }
    })
    .await;
    if let Err(e) = replica.release_claims(&held).await {
        tracing::warn!(
            error = format!("{e:#}"),
            "failed to give back claimed messages"
        );
    }
}

/// How often a replica's sender looks for messages when nothing told it of any.
const LOOK_EVERY: Duration = Duration::from_secs(1);

/// One try at a claimed row, its outcome written: delivered, or failed and claimable
/// again after a wait (by whichever replica), or given up.
async fn deliver_claimed(
    shared: &Shared,
    replica: &crate::store::postgres::Replica,
    row: OutboxRow,
    mut stop: watch::Receiver<bool>,
) {
    use crate::store::shared::{Outbox, Then};
    let now = Utc::now;
    let (text, then) = match ForOutbox::parse(&row.recipient, &row.body) {
        Err(e) => (format!("{e:#}"), Then::GiveUp),
        Ok(message) => match try_once(shared, &message, &row, row.attempts, &mut stop).await {
            // Stopped: given back by the sender.
            None => return,
            Some(Tried::Delivered) => {
                if let Err(e) = replica.delivered(row.id, now()).await {
                    tracing::error!(
                        error = format!("{e:#}"),
                        "failed to mark a message delivered"
                    );
                }
                return;
            }
            // Uninstalled meanwhile: tried again shortly, once there is a token.
            Some(Tried::NotInstalled) => {
                ("not installed".to_string(), Then::RetryAfter(backoff(0)))
            }
            Some(Tried::Failed {
                text,
                give_up: true,
            }) => (text, Then::GiveUp),
            Some(Tried::Failed { text, .. }) => (text, Then::RetryAfter(backoff(row.attempts))),
        },
    };
    if let Err(e) = replica.failed(row.id, &text, then, now()).await {
        tracing::error!(
            error = format!("{e:#}"),
            "failed to record a failed delivery"
        );
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
