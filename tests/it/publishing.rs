//! Publishing through the engine with a recording transport and a clock the test moves:
//! exactly once per story and destination, first approved first out, paced, through
//! failures, outages and daylight-saving changes.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, TimeZone, Timelike, Utc};

use spotlight::app::{App, Delivery, Inbound, Outgoing, Publish, Recipient, SendError, Transport};
use spotlight::config::{Prompts, Settings};
use spotlight::domain::destination::{DestinationKind, DestinationRef};
use spotlight::domain::pipeline::Stage;
use spotlight::domain::{StoryId, UserId};
use spotlight::store::Store;

/// One story as the port published it.
#[derive(Debug, Clone)]
struct Post {
    kind: DestinationKind,
    /// The channel, Chatter group or email address.
    target: String,
    outbox_id: i64,
    text: String,
    at: DateTime<Utc>,
}

/// One recording port for every kind of destination and for people: records what it
/// is asked to publish and send, and can be told to fail the next posts.
#[derive(Default)]
pub(crate) struct Recorder {
    now: Mutex<DateTime<Utc>>,
    posts: Mutex<Vec<Post>>,
    pub(crate) dms: Mutex<Vec<(String, String, DateTime<Utc>)>>,
    /// Failures for the next posts; `Uncertain` ones still land (a timeout after Slack
    /// accepted the post), when `landed` is set.
    faults: Mutex<VecDeque<(SendError, bool)>>,
    /// A failure for the next post to one destination (by target), as in `faults`.
    faults_for: Mutex<HashMap<String, (SendError, bool)>>,
    /// The destinations checked before they were added.
    checked: Mutex<Vec<DestinationRef>>,
    /// How many times a post in doubt was looked for.
    looked_for: Mutex<Vec<(String, i64)>>,
    /// The posts deleted (their references), when a person was forgotten.
    retracted: Mutex<Vec<String>>,
    /// Failures for the next deletions in one destination (by target).
    retract_faults: Mutex<HashMap<String, VecDeque<SendError>>>,
}

impl Transport for Recorder {
    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        let Recipient::User(u) = &msg.to else {
            panic!("a message to a channel outside the port's Publish: {msg:?}");
        };
        let at = *self.now.lock().unwrap();
        self.dms
            .lock()
            .unwrap()
            .push((u.as_str().to_string(), msg.text, at));
        Ok("dm".into())
    }
}

impl Publish for Recorder {
    async fn check(&self, to: &DestinationRef) -> anyhow::Result<Option<String>> {
        self.checked.lock().unwrap().push(to.clone());
        Ok((to.kind == DestinationKind::Chatter).then(|| "Sales wins".to_string()))
    }

    async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
        let post = Post {
            kind: story.kind,
            target: story.target.clone(),
            outbox_id: story.outbox_id,
            text: story.text.clone(),
            at: *self.now.lock().unwrap(),
        };
        let fault = self.faults_for.lock().unwrap().remove(&story.target);
        if let Some((fault, landed)) = fault.or_else(|| self.faults.lock().unwrap().pop_front()) {
            if landed {
                self.posts.lock().unwrap().push(post);
            }
            return Err(anyhow::Error::new(fault));
        }
        let n = self.posts.lock().unwrap().len();
        self.posts.lock().unwrap().push(post);
        Ok(format!("{}:{n}", story.target))
    }

    async fn find(
        &self,
        story: &Delivery,
        _since: DateTime<Utc>,
    ) -> anyhow::Result<Option<String>> {
        self.looked_for
            .lock()
            .unwrap()
            .push((story.target.clone(), story.outbox_id));
        Ok(self
            .posts
            .lock()
            .unwrap()
            .iter()
            .position(|p| {
                p.kind == story.kind && p.target == story.target && p.outbox_id == story.outbox_id
            })
            .map(|i| format!("{}:{i}", story.target)))
    }

    /// Slack's fixes for channels, Salesforce's for Chatter, else the refusal's message.
    fn fix_for(&self, to: &DestinationRef, code: &str, explanation: &str) -> Option<String> {
        match to.kind {
            DestinationKind::SlackChannel => spotlight::slack::fix_for(code, &to.target),
            DestinationKind::Chatter => spotlight::destinations::chatter::fix_for(code, &to.target)
                .or_else(|| Some(explanation.to_string())),
            DestinationKind::Email => Some(explanation.to_string()),
        }
    }

    async fn retract(&self, to: &DestinationRef, message_ref: &str) -> anyhow::Result<()> {
        if to.kind == DestinationKind::Email {
            return Err(spotlight::delivery::not_recallable(to));
        }
        let fault = self
            .retract_faults
            .lock()
            .unwrap()
            .get_mut(&to.target)
            .and_then(VecDeque::pop_front);
        if let Some(fault) = fault {
            return Err(anyhow::Error::new(fault));
        }
        self.retracted.lock().unwrap().push(message_ref.to_string());
        Ok(())
    }
}

/// The engine with a recording port, on a clock the test moves.
pub(crate) struct Harness {
    pub(crate) app: App<Recorder>,
    pub(crate) store: Store,
    pub(crate) now: DateTime<Utc>,
    _dir: tempfile::TempDir,
}

pub(crate) const ADMIN: &str = "admin";

impl Harness {
    pub(crate) async fn new(start: DateTime<Utc>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("p.db").display());
        let store = Store::open(&url).await.unwrap();
        let settings = Settings {
            database_url: url,
            admins: vec![ADMIN.into()],
            timezone: "UTC".into(),
            prompts: Prompts::builtin(),
            publishers: Default::default(),
        };
        let app = App::new(store.clone(), &settings, Recorder::default());
        let h = Harness {
            app,
            store,
            now: start,
            _dir: dir,
        };
        h.app.ensure_user(&user(ADMIN), None, start).await.unwrap();
        *h.app.transport().now.lock().unwrap() = start;
        h
    }

    pub(crate) async fn admin(&self, text: &str) {
        self.app
            .handle(
                Inbound::Command {
                    user: user(ADMIN),
                    text: text.into(),
                },
                self.now,
            )
            .await
            .unwrap();
    }

    /// Stories approved by their heroes, in this order, queued for `channels` (all if empty).
    async fn approved_stories(&self, n: usize, channels: &[&str]) -> Vec<StoryId> {
        let dests = self.store.destinations().await.unwrap();
        let mut ids = Vec::new();
        for i in 0..n {
            let hero = user(&format!("hero{i}"));
            self.app.ensure_user(&hero, None, self.now).await.unwrap();
            let mut s = self
                .store
                .insert_story(&hero, &user(ADMIN), "", self.now)
                .await
                .unwrap();
            s.set_stage(Stage::Queued);
            self.store.save_story(&s).await.unwrap();
            self.store
                .mark_approved(s.story_id(), &format!("story of hero{i}"), self.now)
                .await
                .unwrap();
            for d in &dests {
                if channels.is_empty() || channels.contains(&d.target.as_str()) {
                    self.store
                        .enqueue(s.story_id(), d.id, self.now)
                        .await
                        .unwrap();
                }
            }
            ids.push(s.story_id());
        }
        ids
    }

    pub(crate) async fn tick_at(&mut self, t: DateTime<Utc>) {
        self.now = t;
        *self.app.transport().now.lock().unwrap() = t;
        self.app.tick(t).await.unwrap();
    }

    /// Runs the clock to `until`, ticking whenever something comes due (Spotlight up).
    pub(crate) async fn run_until(&mut self, until: DateTime<Utc>) {
        for _ in 0..100_000 {
            match self.app.next_wakeup().await.unwrap() {
                Some(t) if t <= until => {
                    let t = t.max(self.now);
                    self.tick_at(t).await;
                }
                _ => break,
            }
        }
        self.tick_at(until).await;
    }

    fn posts(&self) -> Vec<Post> {
        self.app.transport().posts.lock().unwrap().clone()
    }
}

pub(crate) fn user(s: &str) -> UserId {
    UserId::parse(s).unwrap()
}

pub(crate) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// (story, channel) pairs posted more than once.
fn doubled(posts: &[Post]) -> Vec<(i64, String)> {
    let mut seen = HashMap::new();
    for p in posts {
        *seen.entry((p.outbox_id, p.target.clone())).or_insert(0) += 1;
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k)
        .collect()
}

#[tokio::test]
async fn five_hundred_stories_to_five_channels_drain_at_one_post_per_second_per_channel() {
    let start = at(2026, 11, 23, 9, 0);
    let mut h = Harness::new(start).await;
    let channels = ["c1", "c2", "c3", "c4", "c5"];
    for c in channels {
        h.admin(&format!("channel add #{c}")).await;
    }
    h.admin("schedule \"* * * * * *\"").await;
    let ids = h.approved_stories(500, &[]).await;
    h.run_until(start + Duration::seconds(520)).await;

    let posts = h.posts();
    assert_eq!(posts.len(), 500 * 5, "every story reached every channel");
    assert!(doubled(&posts).is_empty(), "nothing doubled");
    for c in channels {
        let mine: Vec<&Post> = posts.iter().filter(|p| p.target == c).collect();
        for pair in mine.windows(2) {
            assert!(
                pair[1].at - pair[0].at >= Duration::seconds(1),
                "{c} posted twice within a second"
            );
        }
    }
    // First approved, first out: story order per channel follows approval order.
    let store = &h.store;
    let mut expected = Vec::new();
    for id in &ids {
        for p in store.posts_of(*id).await.unwrap() {
            if p.target == "c1" {
                expected.push(p.id);
            }
        }
    }
    let got: Vec<i64> = posts
        .iter()
        .filter(|p| p.target == "c1")
        .map(|p| p.outbox_id)
        .collect();
    assert_eq!(got, expected);
    for id in ids {
        assert_eq!(
            store.story(id).await.unwrap().unwrap().stage(),
            Stage::Published
        );
    }
}

#[tokio::test]
async fn ticking_twice_at_the_same_moment_posts_once() {
    let start = at(2026, 11, 23, 8, 0);
    let mut h = Harness::new(start).await;
    h.admin("channel add #wins").await;
    h.admin("schedule \"0 9 * * *\"").await;
    h.approved_stories(3, &[]).await;
    let nine = at(2026, 11, 23, 9, 0);
    h.tick_at(nine).await;
    h.tick_at(nine).await;
    h.tick_at(nine + Duration::minutes(5)).await;
    assert_eq!(h.posts().len(), 1);
}

#[tokio::test]
async fn after_a_two_day_outage_each_channel_catches_up_with_one_post_only() {
    let start = at(2026, 11, 23, 8, 30);
    let mut h = Harness::new(start).await;
    h.admin("channel add #wins").await;
    h.admin("channel add #sales").await;
    h.admin("schedule \"0 * * * *\"").await;
    h.approved_stories(60, &[]).await;
    // Spotlight is down for two days (48 hourly occurrences), then ticks once.
    let back = start + Duration::days(2);
    h.tick_at(back).await;
    let posts = h.posts();
    assert_eq!(posts.len(), 2, "one catch-up post per channel: {posts:?}");
    // The rest wait for the next occurrences, one per hour.
    h.run_until(back + Duration::hours(3)).await;
    assert_eq!(h.posts().len(), 2 + 3 * 2);
    assert!(doubled(&h.posts()).is_empty());
}

/// Weekly Monday 09:00 posts in a zone, across a daylight-saving change: one a week,
/// always at 09:00 local.
async fn weekly_posts_across(zone: &str, from: DateTime<Utc>, weeks: i64) -> Vec<DateTime<Utc>> {
    let mut h = Harness::new(from).await;
    h.admin("channel add #wins").await;
    h.admin(&format!("schedule \"0 9 * * MON\" #wins {zone}"))
        .await;
    h.approved_stories(10, &[]).await;
    h.run_until(from + Duration::weeks(weeks)).await;
    h.posts().iter().map(|p| p.at).collect()
}

#[tokio::test]
async fn weekly_posts_in_new_york_are_neither_skipped_nor_doubled_across_both_dst_changes() {
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    // Fall back on 2026-11-01, spring forward on 2027-03-14.
    for (from, weeks) in [(at(2026, 10, 20, 0, 0), 4), (at(2027, 3, 2, 0, 0), 4)] {
        let posts = weekly_posts_across("America/New_York", from, weeks).await;
        assert_eq!(posts.len(), 4, "{posts:?}");
        for p in &posts {
            let local = p.with_timezone(&tz);
            assert_eq!(
                (local.format("%a").to_string().as_str(), local.hour()),
                ("Mon", 9),
                "{p}"
            );
        }
        let utc_hours: Vec<u32> = posts.iter().map(|p| p.hour()).collect();
        assert!(
            utc_hours.contains(&13) && utc_hours.contains(&14),
            "the UTC hour moves with DST: {utc_hours:?}"
        );
    }
}

#[tokio::test]
async fn weekly_posts_in_berlin_stay_at_nine_local_across_spring_forward_and_fall_back() {
    let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    // Spring forward on 2027-03-28, fall back on 2026-10-25.
    for from in [at(2027, 3, 15, 0, 0), at(2026, 10, 12, 0, 0)] {
        let posts = weekly_posts_across("Europe/Berlin", from, 4).await;
        assert_eq!(posts.len(), 4, "{posts:?}");
        for p in &posts {
            let local = p.with_timezone(&tz);
            assert_eq!(local.hour(), 9, "{p}");
        }
    }
}

#[tokio::test]
async fn a_post_that_timed_out_but_landed_is_found_and_not_sent_again() {
    let start = at(2026, 11, 23, 8, 0);
    let mut h = Harness::new(start).await;
    h.admin("channel add #wins").await;
    h.admin("schedule \"0 9 * * *\"").await;
    let ids = h.approved_stories(2, &[]).await;
    h.app
        .transport()
        .faults
        .lock()
        .unwrap()
        .push_back((SendError::Uncertain("timed out".into()), true));
    h.tick_at(at(2026, 11, 23, 9, 0)).await;
    assert_eq!(h.posts().len(), 1, "it landed despite the timeout");
    // In doubt: claimed, not resent, not yet published.
    assert_eq!(h.store.posts_of(ids[0]).await.unwrap()[0].status, "sending");
    h.run_until(at(2026, 11, 23, 9, 5)).await;
    assert_eq!(h.posts().len(), 1, "looked up, not resent");
    assert_eq!(h.store.posts_of(ids[0]).await.unwrap()[0].status, "sent");
    assert_eq!(
        h.store.story(ids[0]).await.unwrap().unwrap().stage(),
        Stage::Published
    );
    // The next day the second story goes out as usual.
    h.run_until(at(2026, 11, 24, 9, 1)).await;
    assert_eq!(h.posts().len(), 2);
    assert!(doubled(&h.posts()).is_empty());
}

#[tokio::test]
async fn a_post_that_timed_out_and_did_not_land_is_queued_again_and_sent_once() {
    let start = at(2026, 11, 23, 8, 0);
    let mut h = Harness::new(start).await;
    h.admin("channel add #wins").await;
    h.admin("schedule \"0 9 * * *\"").await;
    let ids = h.approved_stories(1, &[]).await;
    h.app
        .transport()
        .faults
        .lock()
        .unwrap()
        .push_back((SendError::Uncertain("connection reset".into()), false));
    h.tick_at(at(2026, 11, 23, 9, 0)).await;
    assert!(h.posts().is_empty());
    h.run_until(at(2026, 11, 24, 9, 1)).await;
    assert_eq!(h.posts().len(), 1);
    assert_eq!(
        h.store.story(ids[0]).await.unwrap().unwrap().stage(),
        Stage::Published
    );
}

#[tokio::test]
async fn a_channel_the_bot_is_not_in_is_put_on_hold_the_admins_are_told_and_posting_resumes_once_fixed(
) {
    let start = at(2026, 11, 23, 8, 0);
    let mut h = Harness::new(start).await;
    h.admin("channel add #wins").await;
    h.admin("schedule \"0 9 * * *\"").await;
    let ids = h.approved_stories(1, &[]).await;
    h.app.transport().faults.lock().unwrap().push_back((
        SendError::Rejected {
            code: "not_in_channel".into(),
            fixable: true,
        },
        false,
    ));
    h.tick_at(at(2026, 11, 23, 9, 0)).await;
    let dms = h.app.transport().dms.lock().unwrap().clone();
    let told = dms
        .iter()
        .find(|(to, text, _)| to == ADMIN && text.contains("I can't post to"))
        .expect("admins told");
    assert!(told.1.contains("/invite @Spotlight"), "{}", told.1);
    let dest = h.store.destinations().await.unwrap().remove(0);
    assert!(dest.blocked_reason.is_some());
    assert_eq!(
        h.store.posts_of(ids[0]).await.unwrap()[0].status,
        "pending",
        "nothing dropped"
    );
    // Fixed (the bot was invited); within the retry interval it goes out, and the admins hear.
    h.run_until(at(2026, 11, 23, 9, 20)).await;
    assert_eq!(h.posts().len(), 1);
    let dms = h.app.transport().dms.lock().unwrap().clone();
    assert!(dms
        .iter()
        .any(|(to, text, _)| to == ADMIN && text.contains("works again")));
    assert!(h.store.destinations().await.unwrap()[0]
        .blocked_reason
        .is_none());
}

#[tokio::test]
async fn nudges_reach_heroes_only_in_their_working_hours_on_weekdays_and_stop_at_the_limit() {
    use chrono::Datelike;
    // Friday 20:00 UTC: the weekend is ahead in every zone below.
    let start = at(2026, 11, 27, 20, 0);
    let mut h = Harness::new(start).await;
    let zones = ["Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin"];
    for (i, zone) in zones.iter().enumerate() {
        let hero = user(&format!("hero{i}"));
        h.app.ensure_user(&hero, None, start).await.unwrap();
        h.store.set_user_tz(&hero, zone).await.unwrap();
        h.admin(&format!("nominate @hero{i}")).await;
    }
    h.run_until(start + Duration::days(14)).await;
    let dms = h.app.transport().dms.lock().unwrap().clone();
    for (i, zone) in zones.iter().enumerate() {
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let nudges: Vec<DateTime<Utc>> = dms
            .iter()
            .filter(|(to, text, _)| *to == format!("hero{i}") && text.contains("friendly reminder"))
            .map(|(_, _, at)| *at)
            .collect();
        assert_eq!(
            nudges.len(),
            2,
            "{zone}: at most two nudges, and both sent: {nudges:?}"
        );
        for n in &nudges {
            let local = n.with_timezone(&tz);
            assert!(
                !matches!(local.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun),
                "{zone}: weekend nudge {local}"
            );
            assert!(
                (9..17).contains(&local.hour()),
                "{zone}: nudge outside working hours {local}"
            );
        }
        assert!(
            nudges[0] - start >= Duration::hours(48),
            "{zone}: not before the delay"
        );
        // Each at the very moment it came due: the wake-ups miss no zone.
        let rules = Prompts::builtin().interview.nudges;
        assert_eq!(nudges[0], rules.due(start, tz), "{zone}");
        assert_eq!(nudges[1], rules.due(nudges[0], tz), "{zone}");
    }
}

#[tokio::test]
async fn a_channel_on_hold_waits_for_its_retry_not_for_each_missed_occurrence() {
    let start = at(2026, 11, 23, 8, 59);
    let mut h = Harness::new(start).await;
    h.admin("channel add #wins").await;
    h.admin("schedule \"* * * * *\"").await;
    h.approved_stories(10, &[]).await;
    h.app.transport().faults.lock().unwrap().push_back((
        SendError::Rejected {
            code: "not_in_channel".into(),
            fixable: true,
        },
        false,
    ));
    h.tick_at(at(2026, 11, 23, 9, 0)).await;
    // Minutes pass while the channel is on hold: the next thing due is the retry.
    h.tick_at(at(2026, 11, 23, 9, 5)).await;
    assert_eq!(
        h.app.next_wakeup().await.unwrap(),
        Some(at(2026, 11, 23, 9, 15))
    );
    h.run_until(at(2026, 11, 23, 9, 16)).await;
    let times: Vec<DateTime<Utc>> = h.posts().iter().map(|p| p.at).collect();
    assert_eq!(
        times,
        [at(2026, 11, 23, 9, 15), at(2026, 11, 23, 9, 16)],
        "the retry posts one story, then one per occurrence: no burst of missed minutes"
    );
}

#[tokio::test]
async fn one_port_publishes_a_story_once_to_a_channel_a_chatter_group_and_an_email_list_settling_posts_in_doubt(
) {
    let start = at(2026, 11, 23, 8, 0);
    let mut h = Harness::new(start).await;
    h.admin("destination add #wins").await;
    h.admin("destination add chatter 0F9000000000001").await;
    h.admin("destination add email news@acme.com").await;
    h.admin("schedule \"0 9 * * *\"").await;
    // Each destination was checked through the port before it was added, and the name
    // the port gave is kept.
    let checked: Vec<DestinationKind> = h
        .app
        .transport()
        .checked
        .lock()
        .unwrap()
        .iter()
        .map(|d| d.kind)
        .collect();
    assert_eq!(
        checked,
        [
            DestinationKind::SlackChannel,
            DestinationKind::Chatter,
            DestinationKind::Email
        ]
    );
    let dests = h.store.destinations().await.unwrap();
    assert_eq!(dests.len(), 3, "{dests:?}");
    let target_of = |kind: DestinationKind| {
        dests
            .iter()
            .find(|d| d.reference().kind == kind)
            .map(|d| d.target.clone())
            .unwrap()
    };
    let (wins, group, list) = (
        target_of(DestinationKind::SlackChannel),
        target_of(DestinationKind::Chatter),
        target_of(DestinationKind::Email),
    );
    assert!(dests
        .iter()
        .any(|d| d.target == group && d.name.as_deref() == Some("Sales wins")));

    let id = h.approved_stories(1, &[]).await[0];
    // The mail server took the story but the connection dropped before it said so; the
    // connection to Salesforce dropped before Salesforce stored it.
    {
        let mut faults = h.app.transport().faults_for.lock().unwrap();
        faults.insert(
            list.clone(),
            (SendError::Uncertain("no answer within 10s".into()), true),
        );
        faults.insert(
            group.clone(),
            (SendError::Uncertain("connection reset".into()), false),
        );
    }
    h.tick_at(at(2026, 11, 23, 9, 0)).await;
    let status = |posts: &[spotlight::store::PostRow], target: &str| {
        posts
            .iter()
            .find(|p| p.target == target)
            .map(|p| p.status.clone())
            .unwrap()
    };
    let rows = h.store.posts_of(id).await.unwrap();
    assert_eq!(status(&rows, &wins), "sent");
    assert_eq!(status(&rows, &group), "sending", "in doubt: not resent");
    assert_eq!(status(&rows, &list), "sending", "in doubt: not resent");
    assert_eq!(
        h.posts().len(),
        2,
        "the channel's post and the email landed"
    );

    // Half a minute later the port is asked about both posts in doubt: the email is
    // found and counts as sent, the Chatter post is not and goes back in the queue.
    h.run_until(at(2026, 11, 23, 9, 5)).await;
    let looked: Vec<String> = h
        .app
        .transport()
        .looked_for
        .lock()
        .unwrap()
        .iter()
        .map(|(t, _)| t.clone())
        .collect();
    assert!(
        looked.contains(&group) && looked.contains(&list) && !looked.contains(&wins),
        "{looked:?}"
    );
    let rows = h.store.posts_of(id).await.unwrap();
    assert_eq!(status(&rows, &list), "sent", "found, so not sent again");
    assert_eq!(
        status(&rows, &group),
        "pending",
        "not found, so queued again"
    );
    assert_eq!(h.posts().len(), 2, "nothing resent while in doubt");
    assert_eq!(
        h.store.story(id).await.unwrap().unwrap().stage(),
        Stage::Queued
    );

    // At the group's next occurrence the story goes out to it, once.
    h.run_until(at(2026, 11, 24, 9, 1)).await;
    let posts = h.posts();
    let mut reached: Vec<(DestinationKind, String)> =
        posts.iter().map(|p| (p.kind, p.target.clone())).collect();
    reached.sort_by_key(|(k, t)| (k.as_str(), t.clone()));
    let mut expected = vec![
        (DestinationKind::SlackChannel, wins.clone()),
        (DestinationKind::Chatter, group.clone()),
        (DestinationKind::Email, list.clone()),
    ];
    expected.sort_by_key(|(k, t)| (k.as_str(), t.clone()));
    assert_eq!(reached, expected, "exactly one post per destination");
    assert!(
        posts.iter().all(|p| p.text == "story of hero0"),
        "each destination got the approved text: {posts:?}"
    );
    assert!(h
        .store
        .posts_of(id)
        .await
        .unwrap()
        .iter()
        .all(|p| p.status == "sent"));
    assert_eq!(
        h.store.story(id).await.unwrap().unwrap().stage(),
        Stage::Published
    );
    // The hero heard once per destination, in words for each kind.
    let dms = h.app.transport().dms.lock().unwrap().clone();
    let told: Vec<&str> = dms
        .iter()
        .filter(|(to, _, _)| to == "hero0")
        .map(|(_, text, _)| text.as_str())
        .collect();
    assert_eq!(told.len(), 3, "{told:?}");
    assert!(told
        .iter()
        .any(|t| t.contains(&format!("live in <#{wins}>"))));
    assert!(told
        .iter()
        .any(|t| t.contains("live in") && t.contains("Sales wins")));
    assert!(told.iter().any(|t| t.contains("emailed to")));
}

#[tokio::test]
async fn a_forgotten_heros_posts_are_deleted_through_the_port_one_in_doubt_tried_again_one_refused_given_up(
) {
    let start = at(2026, 11, 23, 9, 0);
    let mut h = Harness::new(start).await;
    for c in ["c1", "c2"] {
        h.admin(&format!("channel add #{c}")).await;
    }
    h.admin("schedule \"* * * * * *\"").await;
    h.approved_stories(1, &[]).await;
    h.run_until(start + Duration::seconds(3)).await;
    assert_eq!(h.posts().len(), 2);
    {
        let mut faults = h.app.transport().retract_faults.lock().unwrap();
        faults.insert(
            "c1".into(),
            VecDeque::from([SendError::Uncertain("timed out".into())]),
        );
        faults.insert(
            "c2".into(),
            VecDeque::from([SendError::Rejected {
                code: "cant_delete_message".into(),
                fixable: false,
            }]),
        );
    }
    h.admin("forget @hero0").await;
    assert!(h.app.transport().retracted.lock().unwrap().is_empty());
    let now = h.now;
    h.app
        .handle(
            Inbound::Button {
                user: user(ADMIN),
                action: "forget_confirm".into(),
                value: "hero0".into(),
            },
            now,
        )
        .await
        .unwrap();
    h.run_until(now + Duration::seconds(20)).await;
    // c1's deletion was tried again and went through; c2's refusal was given up at once.
    let c1 = h.posts().iter().position(|p| p.target == "c1").unwrap();
    assert_eq!(
        h.app.transport().retracted.lock().unwrap().clone(),
        [format!("c1:{c1}")]
    );
    let told: Vec<String> = h
        .app
        .transport()
        .dms
        .lock()
        .unwrap()
        .iter()
        .filter(|(u, ..)| u == ADMIN)
        .map(|(_, t, _)| t.clone())
        .collect();
    let all = told.join("\n---\n");
    assert!(
        all.contains("Deleting the post in <#c1> (of a person forgotten) failed: Slack gave no clear answer (timed out). I'll ask Slack again in 5 s"),
        "{all}"
    );
    let report = told
        .iter()
        .find(|t| t.contains("Deleting the posts of the person forgotten"))
        .expect("the report");
    assert!(report.contains("• <#c1>: deleted."), "{report}");
    assert!(
        report.contains("• <#c2>: *not deleted*: Slack refused it (cant_delete_message)"),
        "{report}"
    );
    assert!(
        report.contains("Please delete it by hand in Slack"),
        "{report}"
    );
    assert_eq!(
        told.iter()
            .filter(|t| t.contains("Deleting the posts of"))
            .count(),
        1
    );
    // Nothing is left to do: the wake-ups are the schedules' alone.
    assert!(h.store.next_retraction_at().await.unwrap().is_none());
}
