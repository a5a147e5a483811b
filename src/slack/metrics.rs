//! `GET /metrics`: what operators watch, in Prometheus' text format.
//!
//! Counters and histograms are kept in memory by this process, from its start (the
//! Prometheus way: each replica is scraped on its own and summed); the outbox's depth,
//! its oldest message and the story posts by destination and status are read from the
//! database at each scrape, so they are the same whichever replica answers.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::store::Store;

/// A request's kind: `event`, `command` or `interaction`.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Kind {
    pub kind: String,
}

/// A request's kind and what became of it: `ok`, `failed` (to be tried again) or
/// `set_aside` (after the last attempt).
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Handled {
    pub kind: String,
    pub outcome: String,
}

/// A message's destination (`slack_dm`, `slack_home`, `slack_upload`, or a story post's
/// `slack_channel`, `chatter`, `email`) and what became of it.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Sent {
    pub destination: String,
    pub outcome: String,
}

/// Story posts by destination kind and status (`queued`, `sent`, …).
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Posts {
    pub destination: String,
    pub status: String,
}

/// A destination alone.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Destination {
    pub destination: String,
}

type Seconds<L> = Family<L, Histogram, fn() -> Histogram>;

/// Latencies from 1 ms to about 65 s.
fn seconds() -> Histogram {
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(
        0.001, 2.0, 17,
    ))
}

/// The metrics of one `spotlight serve`.
pub struct Metrics {
    registry: Registry,
    /// From a request's arrival to its acknowledgement (recorded in the inbox).
    acks: Seconds<Kind>,
    handled: Family<Handled, Counter>,
    handling: Seconds<Kind>,
    sends: Family<Sent, Counter>,
    sending: Seconds<Destination>,
    answers: Counter<u64, AtomicU64>,
    outbox_waiting: Gauge,
    outbox_oldest: Gauge<f64, AtomicU64>,
    posts: Family<Posts, Gauge>,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("spotlight");
        let acks: Seconds<Kind> = Family::new_with_constructor(seconds);
        registry.register(
            "ack_seconds",
            "From a Slack request's arrival to its acknowledgement, once it is recorded",
            acks.clone(),
        );
        let handled = Family::<Handled, Counter>::default();
        registry.register(
            "requests",
            "Slack requests handled, by kind and outcome (ok, failed and to be tried again, set_aside)",
            handled.clone(),
        );
        let handling: Seconds<Kind> = Family::new_with_constructor(seconds);
        registry.register(
            "request_seconds",
            "How long handling a Slack request took, by kind",
            handling.clone(),
        );
        let sends = Family::<Sent, Counter>::default();
        registry.register(
            "sends",
            "Delivery attempts, by destination kind and outcome (delivered, retry, given_up)",
            sends.clone(),
        );
        let sending: Seconds<Destination> = Family::new_with_constructor(seconds);
        registry.register(
            "send_seconds",
            "How long a delivery attempt took, by destination kind",
            sending.clone(),
        );
        let answers = Counter::<u64, AtomicU64>::default();
        registry.register(
            "answers",
            "Interview answers stored by this process",
            answers.clone(),
        );
        let outbox_waiting = Gauge::default();
        registry.register(
            "outbox_waiting",
            "Messages decided and not yet delivered or given up",
            outbox_waiting.clone(),
        );
        let outbox_oldest = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "outbox_oldest_seconds",
            "Age of the oldest message waiting to be delivered (0 when none waits)",
            outbox_oldest.clone(),
        );
        let posts = Family::<Posts, Gauge>::default();
        registry.register(
            "story_posts",
            "Story posts in the database, by destination kind and status",
            posts.clone(),
        );
        Metrics {
            registry,
            acks,
            handled,
            handling,
            sends,
            sending,
            answers,
            outbox_waiting,
            outbox_oldest,
            posts,
        }
    }

    /// A request of `kind` was acknowledged `took` after it arrived.
    pub fn acked(&self, kind: &str, took: Duration) {
        self.acks
            .get_or_create(&Kind { kind: kind.into() })
            .observe(took.as_secs_f64());
    }

    /// A request of `kind` was handled in `took`, with `outcome`.
    pub fn handled(&self, kind: &str, outcome: &str, took: Duration) {
        self.handled
            .get_or_create(&Handled {
                kind: kind.into(),
                outcome: outcome.into(),
            })
            .inc();
        self.handling
            .get_or_create(&Kind { kind: kind.into() })
            .observe(took.as_secs_f64());
    }

    /// A delivery attempt to `destination` took `took` and ended with `outcome`.
    pub fn sent(&self, destination: &str, outcome: &str, took: Duration) {
        self.sends
            .get_or_create(&Sent {
                destination: destination.into(),
                outcome: outcome.into(),
            })
            .inc();
        self.sending
            .get_or_create(&Destination {
                destination: destination.into(),
            })
            .observe(took.as_secs_f64());
    }

    /// The metrics as Prometheus' text format, with what the databases of every
    /// workspace served (`stores`) say now: the sums, and the oldest waiting message.
    pub async fn render(&self, stores: &[&Store]) -> anyhow::Result<String> {
        let mut total = 0;
        let mut waiting = 0;
        let mut oldest: Option<chrono::DateTime<chrono::Utc>> = None;
        let mut posts: std::collections::BTreeMap<(String, String), i64> = Default::default();
        for store in stores {
            total += store.answers_saved();
            let outbox = store.outbox_state().await?;
            waiting += outbox.waiting;
            oldest = match (oldest, outbox.oldest) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            for (kind, status, count) in store.post_counts().await? {
                *posts.entry((kind, status)).or_default() += count;
            }
        }
        let counted = self.answers.get();
        if total > counted {
            self.answers.inc_by(total - counted);
        }
        self.outbox_waiting.set(waiting);
        let age = oldest
            .map(|t| (chrono::Utc::now() - t).num_milliseconds().max(0) as f64 / 1000.0)
            .unwrap_or(0.0);
        self.outbox_oldest.set(age);
        self.posts.clear();
        for ((destination, status), count) in posts {
            self.posts
                .get_or_create(&Posts {
                    destination,
                    status,
                })
                .set(count);
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// Whether `given` is the metrics token `want`, compared in time that does not depend on
/// where they differ (a guesser learns nothing from how long a refusal takes).
pub fn same_token(given: &[u8], want: &[u8]) -> bool {
    if given.len() != want.len() {
        return false;
    }
    given
        .iter()
        .zip(want)
        .fold(0u8, |diff, (a, b)| diff | (a ^ b))
        == 0
}

#[cfg(test)]
mod token_tests {
    use super::same_token;

    #[test]
    fn only_the_very_token_passes() {
        let want = b"0123456789abcdef0123";
        assert!(same_token(want, want));
        assert!(!same_token(b"0123456789abcdef0124", want));
        assert!(!same_token(b"0123456789abcdef012", want));
        assert!(!same_token(b"", want));
    }
}
