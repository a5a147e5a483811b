//! Publishing: the queue and outbox, posting to destinations on their schedules, retries,
//! posts in doubt, engagement, and `tick` (which also reminds heroes, and the admins of
//! drafts, change requests and heroes' edits waiting on them: every interview is to be
//! published).

use super::*;

/// Work claimed by `App::tick_decide` to be done outside the engine's lock: a post to
/// send, or a post of a forgotten person to delete.
#[derive(Debug)]
pub struct Claimed {
    work: Work,
}

#[derive(Debug)]
enum Work {
    Post {
        post: PostRow,
        /// Due by its destination's schedule (a refusal is told to the admins), rather
        /// than a retry of a destination on hold.
        scheduled: bool,
    },
    Retraction(crate::store::RetractionRow),
}

impl Claimed {
    fn post(post: PostRow, scheduled: bool) -> Claimed {
        Claimed {
            work: Work::Post { post, scheduled },
        }
    }

    pub(super) fn retraction(r: crate::store::RetractionRow) -> Claimed {
        Claimed {
            work: Work::Retraction(r),
        }
    }
}

/// A post in doubt and what looking for it in its destination found.
#[derive(Debug)]
pub struct InDoubt {
    post: PostRow,
    found: anyhow::Result<Option<String>>,
}

/// The stages in which a hero is nudged when they have not moved for a while.
const NUDGED: [Stage; 3] = [Stage::Invited, Stage::Interviewing, Stage::AwaitingApproval];
/// The stages in which a story waits on the admins, who are reminded of it like heroes
/// (same delay, limit and working hours, in Spotlight's own time zone): every interview
/// is to be published, so no draft may be forgotten.
pub(super) const WAITING_ON_ADMINS: [Stage; 3] = [
    Stage::Drafted,
    Stage::ChangesRequested,
    Stage::EditAwaitingReview,
];

impl<T: Port> App<T> {
    /// Puts an approved story in the queue of each of its destinations.
    pub(super) async fn queue_story(
        &self,
        mut story: StoryRow,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<DestinationRow>> {
        let dests = self.destinations_for(&story).await?;
        if dests.is_empty() {
            return Ok(dests);
        }
        for d in &dests {
            self.store.enqueue(story.story_id(), d.id, now).await?;
        }
        if let Ok(stage) = transition(story.stage(), Action::Queue, Actor::System) {
            story.set_stage(stage);
            story.updated_at = now;
            self.store.save_story(&story).await?;
            self.store
                .log(story.story_id(), "spotlight", &Event::Queued, now)
                .await?;
        }
        Ok(dests)
    }

    pub(super) async fn publish_next(
        &self,
        user: &UserId,
        ch: Option<&DestinationRef>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let posts: Vec<PostRow> = match ch {
            Some(c) => {
                let d = match self.find_destination_in(lang, c).await? {
                    Ok(d) => d,
                    Err(e) => return Ok(Err(e)),
                };
                if d.paused {
                    let place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
                    return Ok(Err(refuse(t(
                        "publish-paused",
                        &[("place", Arg::Text(&place)), ("arg", Arg::Text(&c.arg()))],
                    ))));
                }
                // A blocked channel is tried: the admin may just have fixed it.
                self.store
                    .pending_posts(Some(d.id))
                    .await?
                    .into_iter()
                    .take(1)
                    .collect()
            }
            None => {
                let paused: Vec<i64> = self
                    .store
                    .destinations()
                    .await?
                    .into_iter()
                    .filter(|d| d.paused)
                    .map(|d| d.id)
                    .collect();
                let pending: Vec<PostRow> = self
                    .store
                    .pending_posts(None)
                    .await?
                    .into_iter()
                    .filter(|p| !paused.contains(&p.destination_id))
                    .collect();
                match pending.first().map(|p| p.story_id) {
                    Some(first) => pending
                        .into_iter()
                        .filter(|p| p.story_id == first)
                        .collect(),
                    None => vec![],
                }
            }
        };
        if posts.is_empty() {
            return Ok(Err(refuse(t("publish-nothing-waiting", &[]))));
        }
        let mut done = Vec::new();
        for p in posts {
            let service = self.service(lang, p.reference().kind);
            let place = self.place(lang, &p.kind, &p.target, p.name.as_deref());
            let story = [("id", Arg::from(p.story_id)), ("place", Arg::Text(&place))];
            let (problem, detail) = match self.publish_post(&p, now).await? {
                Published::Posted | Published::Skipped => {
                    done.push(t("publish-posted-one", &story));
                    continue;
                }
                Published::Blocked(fix) => ("publish-blocked", fix),
                Published::Failed(code) => ("publish-refused", code),
                Published::Uncertain(why) => ("publish-uncertain", why),
            };
            let problem = t(
                problem,
                &[
                    ("service", Arg::Text(&service)),
                    ("detail", Arg::Text(&detail)),
                ],
            );
            return Ok(Err(refuse(t(
                "publish-not-posted",
                &[
                    ("id", Arg::from(p.story_id)),
                    ("place", Arg::Text(&place)),
                    ("problem", Arg::Text(&problem)),
                ],
            ))));
        }
        let done = done.join(", ");
        self.reply(user, t("publish-posted", &[("posts", Arg::Text(&done))]))
            .await?;
        Ok(Ok(()))
    }

    /// Sends one outbox row: claim, post, record. A claimed row is never sent twice: if
    /// the send's outcome is unknown the row stays claimed until `reconcile` settles it.
    pub(super) async fn publish_post(
        &self,
        post: &PostRow,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Published> {
        if !self.store.claim_post(post.id, now).await? {
            return Ok(Published::Skipped);
        }
        let sent = self.send_post(post).await;
        self.record_post(post, sent, now).await
    }

    /// Sends a claimed post: only reads what is stored, so it needs no engine lock.
    async fn send_post(&self, post: &PostRow) -> anyhow::Result<String> {
        let delivery = self.delivery(post).await?;
        self.transport.publish(&delivery).await
    }

    /// Records what became of a claimed post's send: posted, refused (the destination on
    /// hold if an admin can fix it) or in doubt (left claimed for `reconcile`).
    async fn record_post(
        &self,
        post: &PostRow,
        sent: anyhow::Result<String>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Published> {
        let error = match sent {
            Ok(message_ref) => {
                self.complete_post(post, &message_ref, now).await?;
                return Ok(Published::Posted);
            }
            Err(e) => e,
        };
        tracing::warn!(
            error = format!("{error:#}"),
            post = post.id,
            "posting failed"
        );
        match error.downcast_ref::<SendError>() {
            Some(SendError::Rejected { code, fixable }) => {
                self.store.release_post(post.id).await?;
                // The adapter knows its refusals; its own message is the outermost one.
                let fix = self
                    .transport
                    .fix_for(&post.reference(), code, &error.to_string());
                match (fixable, fix) {
                    (true, Some(fix)) => {
                        self.block_destination(post.destination_id, &fix, now)
                            .await?;
                        Ok(Published::Blocked(fix))
                    }
                    _ => Ok(Published::Failed(code.clone())),
                }
            }
            Some(SendError::Uncertain(why)) => Ok(Published::Uncertain(why.clone())),
            // Not a failure the transport could classify: treat it as unknown, never resend blindly.
            None => Ok(Published::Uncertain(format!("{error:#}"))),
        }
    }

    /// One post's story as its destination takes it: the approved text, the names its
    /// mentions stand for, the hero.
    async fn delivery(&self, post: &PostRow) -> anyhow::Result<Delivery> {
        let story = self
            .store
            .story(StoryId(post.story_id))
            .await?
            .context("a queued story is missing")?;
        let text = story
            .approved_text
            .clone()
            .context("a queued story has no approved text")?;
        let hero = story.hero();
        // Only the names the story needs, not everyone's.
        let mentioned = crate::domain::publication::mentioned(&text);
        let names = self.store.display_names_of(&mentioned).await?;
        let hero_name = self.name_of(&hero).await?;
        let pictures = self.store.story_pictures(story.story_id()).await?;
        Ok(Delivery {
            outbox_id: post.id,
            story_id: post.story_id,
            kind: post.reference().kind,
            target: post.target.clone(),
            text,
            names: crate::domain::publication::Names::new(names),
            hero_email: self.store.user_email(&hero).await?,
            pictures: self.alt_texts(&pictures, &hero_name),
            attached: vec![],
            hero_name,
        })
    }

    /// The pictures a story shows, with alt texts in the default language (a story post
    /// is read by everyone in its channel): whose picture it is and its title.
    fn alt_texts(
        &self,
        pictures: &[crate::domain::picture::Picture],
        hero: &str,
    ) -> Vec<crate::domain::picture::Shown> {
        let lang = self.prompts.texts.default_language();
        crate::domain::picture::shown_with(pictures, |p| {
            self.text(
                lang,
                "picture-alt",
                &[
                    ("hero", Arg::Text(hero)),
                    ("title", Arg::Text(&p.title_or_name())),
                ],
            )
        })
    }

    /// Records a post that reached its destination, and finishes the story when it has
    /// reached all of them.
    pub(super) async fn complete_post(
        &self,
        post: &PostRow,
        message_ref: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.store.mark_sent(post.id, message_ref, now).await?;
        // Reach is nice to know; failing to learn it changes nothing.
        match self.transport.reach(&post.reference()).await {
            Ok(Some(n)) => {
                self.store
                    .set_post_reach(post.id, i64::try_from(n).unwrap_or(i64::MAX))
                    .await?
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "could not count the people a destination reaches"
            ),
        }
        self.store
            .log(
                StoryId(post.story_id),
                "spotlight",
                &Event::Posted {
                    destination: post.reference().arg(),
                },
                now,
            )
            .await?;
        if let Some(d) = self
            .store
            .destinations()
            .await?
            .into_iter()
            .find(|d| d.id == post.destination_id)
        {
            if d.blocked_reason.is_some() {
                let mut d = d;
                d.blocked_reason = None;
                d.blocked_at = None;
                self.store.save_destination(&d).await?;
                self.tell_admins_in(|lang| {
                    let place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
                    let text = self.text(
                        lang,
                        "admins-posting-works",
                        &[("place", Arg::Text(&place))],
                    );
                    (text, vec![])
                })
                .await?;
            }
        }
        let mut story = self
            .store
            .story(StoryId(post.story_id))
            .await?
            .context("a posted story is missing")?;
        let unsent = self
            .store
            .posts_of(story.story_id())
            .await?
            .iter()
            .any(|p| p.status != "sent");
        if !unsent {
            if let Ok(stage) = transition(story.stage(), Action::Publish, Actor::System) {
                story.set_stage(stage);
                story.published_at = Some(now);
                story.updated_at = now;
                self.store.save_story(&story).await?;
            }
        }
        // Telling the hero is a courtesy: a failure here must not undo the post.
        let hero = story.hero();
        let lang = self.language_of(&hero).await?;
        let place = self.place(lang, &post.kind, &post.target, post.name.as_deref());
        let id = match post.reference().kind {
            DestinationKind::SlackChannel => "story-live-channel",
            DestinationKind::Chatter => "story-live-chatter",
            DestinationKind::Email => "story-live-email",
        };
        let text = self
            .prompts
            .texts
            .get(lang, id, &[("place", Arg::Text(&place))]);
        if let Err(e) = self.dm(&hero, text, vec![]).await {
            tracing::warn!(
                error = format!("{e:#}"),
                "could not tell the hero their story is live"
            );
        }
        Ok(())
    }

    /// Stories whose every post is sent but that are not marked published (a stop
    /// between the two writes) are marked now.
    pub(super) async fn finish_posted_stories(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        for mut story in self.store.stories_in(&[Stage::Queued]).await? {
            let posts = self.store.posts_of(story.story_id()).await?;
            if !posts.is_empty() && posts.iter().all(|p| p.status == "sent") {
                if let Ok(stage) = transition(story.stage(), Action::Publish, Actor::System) {
                    story.set_stage(stage);
                    story.published_at = Some(now);
                    story.updated_at = now;
                    self.store.save_story(&story).await?;
                }
            }
        }
        Ok(())
    }

    /// Stops posting to a destination until the cause is fixed, and tells the admins.
    pub(super) async fn block_destination(
        &self,
        destination: i64,
        fix: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let Some(mut d) = self
            .store
            .destinations()
            .await?
            .into_iter()
            .find(|d| d.id == destination)
        else {
            return Ok(());
        };
        let first = d.blocked_reason.is_none();
        d.blocked_reason = Some(fix.to_string());
        d.blocked_at = Some(now);
        self.store.save_destination(&d).await?;
        if first {
            let arg = d.reference().arg();
            self.tell_admins_in(|lang| {
                let place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
                let text = self.text(
                    lang,
                    "admins-destination-blocked",
                    &[
                        ("place", Arg::Text(&place)),
                        ("fix", Arg::Text(fix)),
                        ("minutes", Arg::from(RETRY_BLOCKED_AFTER.num_minutes())),
                        ("arg", Arg::Text(&arg)),
                    ],
                );
                (text, vec![])
            })
            .await?;
        }
        Ok(())
    }

    /// Repairs what an earlier run left half done, before anything new is sent: stories
    /// whose posts all went out but that were not marked published, and every post whose
    /// send had no clear outcome.
    pub async fn recover(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        self.finish_posted_stories(now).await?;
        self.store.release_claimed_retractions().await?;
        self.reconcile(now, Duration::zero()).await
    }

    /// Re-reads reactions and replies of recent posts from their destination, a fallback
    /// for events that never arrived: at most hourly unless `force`d.
    pub async fn refresh_engagement(&self, now: DateTime<Utc>, force: bool) -> anyhow::Result<()> {
        const KEY: &str = "engagement_refreshed_at";
        let last = self
            .store
            .meta(KEY)
            .await?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc));
        if !force && last.is_some_and(|l| now - l < ENGAGEMENT_REFRESH) {
            return Ok(());
        }
        self.store.set_meta(KEY, &now.to_rfc3339()).await?;
        for post in self.store.recent_posts(now - ENGAGEMENT_WINDOW).await? {
            let Some(message_ref) = &post.message_ref else {
                continue;
            };
            match self
                .transport
                .engagement(&post.reference(), message_ref)
                .await
            {
                Ok(Some(items)) => self.store.replace_engagement(post.id, &items, now).await?,
                Ok(None) => {}
                Err(e) => tracing::warn!(
                    error = format!("{e:#}"),
                    post = post.id,
                    "could not read engagement"
                ),
            }
        }
        Ok(())
    }

    /// Settles posts whose send had no clear outcome (claimed at least `min_age` ago):
    /// found in the channel → recorded as sent; not found → back in the queue.
    pub async fn reconcile(&self, now: DateTime<Utc>, min_age: Duration) -> anyhow::Result<()> {
        let looked_up = self.look_for_posts_in_doubt(now, min_age).await?;
        self.settle_posts_in_doubt(looked_up, now).await
    }

    /// Looks in their destinations for the posts whose send had no clear outcome (claimed
    /// at least `min_age` ago, not waiting after a failed check): reads only, so the
    /// Slack adapter runs it without the engine's lock.
    pub async fn look_for_posts_in_doubt(
        &self,
        now: DateTime<Utc>,
        min_age: Duration,
    ) -> anyhow::Result<Vec<InDoubt>> {
        let mut looked_up = Vec::new();
        for post in self.store.sending_posts().await? {
            let claimed_at = post.claimed_at.unwrap_or(now);
            if now - claimed_at < min_age || self.check_after(post.id).is_some_and(|t| now < t) {
                continue;
            }
            let delivery = self.delivery(&post).await?;
            let found = self.transport.find(&delivery, claimed_at).await;
            looked_up.push(InDoubt { post, found });
        }
        Ok(looked_up)
    }

    /// Records what `look_for_posts_in_doubt` found: a post found → sent; not found →
    /// back in the queue; a failed look → looked for again later. A post settled in the
    /// meantime is left as it is.
    pub async fn settle_posts_in_doubt(
        &self,
        looked_up: Vec<InDoubt>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let still: Vec<i64> = self
            .store
            .sending_posts()
            .await?
            .iter()
            .map(|p| p.id)
            .collect();
        for InDoubt { post, found } in looked_up {
            if !still.contains(&post.id) {
                continue;
            }
            match found {
                Ok(Some(message_ref)) => {
                    self.checked(post.id);
                    tracing::info!(post = post.id, "a post in doubt had arrived");
                    self.complete_post(&post, &message_ref, now).await?;
                }
                Ok(None) => {
                    self.checked(post.id);
                    tracing::info!(
                        post = post.id,
                        "a post in doubt had not arrived; it is queued again"
                    );
                    self.store.release_post(post.id).await?;
                }
                Err(e) => {
                    let next = self.check_failed(post.id, now);
                    tracing::warn!(
                        error = format!("{e:#}"),
                        post = post.id,
                        next = %fmt_time(next),
                        "could not check a post in doubt; it is checked again later"
                    )
                }
            }
        }
        Ok(())
    }

    /// When a post in doubt whose check failed may be checked again, if it failed.
    fn check_after(&self, post: i64) -> Option<DateTime<Utc>> {
        self.checks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&post)
            .map(|(_, at)| *at)
    }

    /// Forgets the failed checks of a post in doubt once it is settled.
    fn checked(&self, post: i64) {
        self.checks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&post);
    }

    /// Notes a failed check of a post in doubt; the next waits twice as long as the
    /// last (30 s, 1 min, 2 min … up to 30 min), so a destination that can't be read is
    /// not asked in a loop. Returns when.
    fn check_failed(&self, post: i64, now: DateTime<Utc>) -> DateTime<Utc> {
        let mut checks = self.checks.lock().unwrap_or_else(|e| e.into_inner());
        let entry = checks.entry(post).or_insert((0, now));
        entry.0 += 1;
        let wait = (RECONCILE_AFTER * 2i32.pow(entry.0.min(6) - 1)).min(Duration::minutes(30));
        entry.1 = now + wait;
        entry.1
    }

    /// When something is next due: a channel's schedule or a reminder.
    pub async fn next_wakeup(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        let mut next: Option<DateTime<Utc>> = None;
        let mut consider = |t: DateTime<Utc>| next = Some(next.map_or(t, |n| n.min(t)));
        for d in self.store.destinations().await? {
            if d.paused {
                continue;
            }
            // A destination on hold waits for its retry, not for its schedule (the
            // occurrences it missed are not all caught up on).
            if let (Some(_), Some(at)) = (&d.blocked_reason, d.blocked_at) {
                consider(at + RETRY_BLOCKED_AFTER);
                continue;
            }
            if let Some(Ok(spec)) = d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) {
                if let Some(t) = spec.next_after(d.checked_until) {
                    consider(t);
                }
            }
        }
        // The earliest waiting story of each zone is nudged first (a later start is
        // never due earlier), so one row per zone is enough.
        for (tz, since) in self
            .store
            .earliest_waiting_by_hero_zone(&NUDGED, self.max_nudges())
            .await?
        {
            consider(self.nudge_due_at(since, tz.as_deref()));
        }
        // The admins' hours are read in Spotlight's zone, whoever the hero is.
        let admins_wait = self
            .store
            .earliest_waiting_by_hero_zone(&WAITING_ON_ADMINS, self.max_nudges())
            .await?;
        if let Some(since) = admins_wait.into_iter().map(|(_, since)| since).min() {
            consider(self.nudge_due_at(since, None));
        }
        if let Some(at) = self.next_thank_you().await? {
            consider(at);
        }
        if let Some(at) = self.next_reply_notice().await? {
            consider(at);
        }
        if let Some(at) = self.store.next_retraction_at().await? {
            consider(at);
        }
        for post in self.store.sending_posts().await? {
            if let Some(claimed_at) = post.claimed_at {
                let after = self.check_after(post.id).unwrap_or(claimed_at);
                consider((claimed_at + RECONCILE_AFTER).max(after));
            }
        }
        Ok(next)
    }

    /// When the hero of `story` is next due a nudge: after the configured delay, in
    /// working hours in their time zone (Spotlight's default zone if unknown).
    pub(super) fn nudge_due(&self, story: &StoryRow, hero_tz: Option<&str>) -> DateTime<Utc> {
        self.nudge_due_at(story.waiting_since, hero_tz)
    }

    fn nudge_due_at(&self, waiting_since: DateTime<Utc>, hero_tz: Option<&str>) -> DateTime<Utc> {
        let tz = hero_tz
            .and_then(|t| t.parse::<chrono_tz::Tz>().ok())
            .or_else(|| self.timezone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        self.prompts.interview.nudges.due(waiting_since, tz)
    }

    fn max_nudges(&self) -> i64 {
        i64::from(self.prompts.interview.nudges.max)
    }

    /// Stories waiting on their hero that may be due a nudge at `now`, with the hero's
    /// time zone (one query; only those that have waited at least the nudge delay).
    pub(super) async fn reminder_candidates(
        &self,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(StoryRow, Option<String>)>> {
        let delay = Duration::hours(i64::from(self.prompts.interview.nudges.after_hours));
        self.store
            .stories_with_hero_zone(&NUDGED, self.max_nudges(), now - delay)
            .await
    }

    /// Does what is due at `now`: at most one post per channel whose schedule came due
    /// (occurrences missed while Spotlight was down are not all caught up on), and
    /// reminders to heroes who have not moved for a while. The three steps of
    /// `tick_decide`, `send_claimed` and `record_sent` in one: the Slack adapter runs them
    /// apart, so no post is sent while it holds the engine's lock.
    #[tracing::instrument(skip_all)]
    pub async fn tick(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        self.refresh_engagement(now, false).await?;
        self.reconcile(now, RECONCILE_AFTER).await?;
        let claimed = self.tick_decide(now).await?;
        let sent = self.send_claimed(claimed).await;
        self.record_sent(sent, now).await
    }

    /// What is due at `now`, decided: the posts due claimed (and returned, to be sent
    /// with `send_claimed`), reminders sent. Posts in doubt are settled first (`reconcile`).
    pub async fn tick_decide(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<Claimed>> {
        let mut claimed = Vec::new();
        for mut d in self.store.destinations().await? {
            if d.paused {
                continue;
            }
            if let (Some(_), Some(at)) = (&d.blocked_reason, d.blocked_at) {
                // Blocked: try the story that was due, now and then, until it goes through.
                if now - at >= RETRY_BLOCKED_AFTER {
                    d.blocked_at = Some(now);
                    // The retry stands for the occurrences missed while on hold.
                    d.checked_until = now;
                    self.store.save_destination(&d).await?;
                    if let Some(post) = self
                        .store
                        .pending_posts(Some(d.id))
                        .await?
                        .into_iter()
                        .next()
                    {
                        if self.store.claim_post(post.id, now).await? {
                            claimed.push(Claimed::post(post, false));
                        }
                    }
                }
                continue;
            }
            let Some(Ok(spec)) = d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) else {
                continue;
            };
            let due = spec.next_after(d.checked_until).is_some_and(|t| t <= now);
            if !due {
                continue;
            }
            d.checked_until = now;
            self.store.save_destination(&d).await?;
            if let Some(post) = self
                .store
                .pending_posts(Some(d.id))
                .await?
                .into_iter()
                .next()
            {
                if self.store.claim_post(post.id, now).await? {
                    claimed.push(Claimed::post(post, true));
                }
            }
        }
        claimed.extend(self.claim_retractions(now).await?);
        self.remind(now).await?;
        self.thank_heroes(now).await?;
        self.tell_waiting_replies(now).await?;
        Ok(claimed)
    }

    /// Sends posts claimed by `tick_decide`, side by side across destinations (each
    /// destination paces its own): reads only, so it needs no engine lock.
    pub async fn send_claimed(
        &self,
        claimed: Vec<Claimed>,
    ) -> Vec<(Claimed, anyhow::Result<String>)> {
        let sends = claimed.into_iter().map(|c| async move {
            let sent = match &c.work {
                Work::Post { post, .. } => self.send_post(post).await,
                Work::Retraction(r) => self.send_retraction(r).await,
            };
            (c, sent)
        });
        futures_util::future::join_all(sends).await
    }

    /// Records the outcome of posts sent by `send_claimed`; admins are told of a
    /// scheduled post a destination refused.
    pub async fn record_sent(
        &self,
        sent: Vec<(Claimed, anyhow::Result<String>)>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        for (c, result) in sent {
            let (post, scheduled) = match c.work {
                Work::Post { post, scheduled } => (post, scheduled),
                Work::Retraction(r) => {
                    self.record_retraction(&r, result, now).await?;
                    continue;
                }
            };
            if let Published::Failed(code) = self.record_post(&post, result, now).await? {
                if scheduled {
                    self.tell_admins_in(|lang| {
                        let place =
                            self.place(lang, &post.kind, &post.target, post.name.as_deref());
                        let text = self.text(
                            lang,
                            "admins-scheduled-post-refused",
                            &[
                                (
                                    "service",
                                    Arg::Text(&self.service(lang, post.reference().kind)),
                                ),
                                ("id", Arg::from(post.story_id)),
                                ("place", Arg::Text(&place)),
                                ("code", Arg::Text(&code)),
                            ],
                        );
                        (text, vec![])
                    })
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// Nudges heroes who have not moved for a while (in their working hours).
    async fn remind(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        for (mut s, tz) in self.reminder_candidates(now).await? {
            if now < self.nudge_due(&s, tz.as_deref()) {
                continue;
            }
            s.reminders_sent += 1;
            s.waiting_since = now;
            self.store.save_story(&s).await?;
            match s.stage() {
                Stage::Invited => {
                    self.send_invitation(&s, Some("invitation-reminder"))
                        .await?
                }
                Stage::Interviewing => {
                    let st = s.interview();
                    let set = self.set_of(&s).await?;
                    let text = self
                        .text_for(
                            &s.hero(),
                            "interview-reminder",
                            &[
                                ("number", Arg::from(st.number(set))),
                                ("count", Arg::from(set.questions.len())),
                            ],
                        )
                        .await?;
                    self.dm(&s.hero(), text, vec![]).await?
                }
                Stage::AwaitingApproval => {
                    self.ask_hero_to_approve(&s, "approval-lead-reminder", &[])
                        .await?
                }
                _ => {}
            }
            self.store
                .log(s.story_id(), "spotlight", &Event::RemindedHero, now)
                .await?;
        }
        self.remind_admins(now).await
    }

    /// Reminds the admins of each draft and change request that has waited on them past
    /// the nudge delay, in working hours (Spotlight's zone), at most `nudges.max` times
    /// in a row; their next move starts the count over.
    async fn remind_admins(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let delay = Duration::hours(i64::from(self.prompts.interview.nudges.after_hours));
        let waiting = self
            .store
            .stories_with_hero_zone(&WAITING_ON_ADMINS, self.max_nudges(), now - delay)
            .await?;
        for (mut s, _) in waiting {
            if now < self.nudge_due_at(s.waiting_since, None) {
                continue;
            }
            s.reminders_sent += 1;
            s.waiting_since = now;
            self.store.save_story(&s).await?;
            let lead = match s.stage() {
                Stage::ChangesRequested => "admins-reminder-changes",
                Stage::EditAwaitingReview => "admins-reminder-edit",
                _ => "admins-reminder-draft",
            };
            let hero = s.hero().mention();
            let lead = |lang: &str| {
                let waited = self.waited(lang, now - s.updated_at);
                self.text(
                    lang,
                    lead,
                    &[("hero", Arg::Text(&hero)), ("waited", Arg::Text(&waited))],
                )
            };
            if s.stage() == Stage::EditAwaitingReview {
                let card = self.edit_review_card_of(&s).await?;
                self.tell_admins_in(|lang| {
                    let (card, buttons) = card(lang);
                    (format!("{}\n\n{card}", lead(lang)), buttons)
                })
                .await?;
            } else {
                let answers = self.store.answers(s.story_id()).await?;
                let card = self.review_card_of(&s, &answers).await?;
                self.tell_admins_in(|lang| {
                    let (card, buttons) = card.render(self, lang);
                    (format!("{}\n\n{card}", lead(lang)), buttons)
                })
                .await?;
            }
            self.store
                .log(s.story_id(), "spotlight", &Event::RemindedAdmins, now)
                .await?;
        }
        Ok(())
    }
}
