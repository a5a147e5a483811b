//! `/spotlight` commands: parsing's outcome carried out, for admins and everyone (status, queue,
//! nominations, review and approval by admins, destinations and schedules).

use super::*;

impl<T: Port> App<T> {
    pub(super) async fn command(
        &self,
        user: &UserId,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let cmd = match command::parse(text) {
            Ok(c) => c,
            Err(e) => return Ok(Err(refuse(e.to_string()))),
        };
        if cmd.admin_only() && !self.is_admin(user) {
            let name = text.split_whitespace().next().unwrap_or("help");
            return Ok(Err(refuse(format!(
                "Sorry, `/spotlight {name}` is for Spotlight admins. You can `/spotlight suggest @colleague` for the spotlight, or see `/spotlight help`."
            ))));
        }
        match cmd {
            Command::Help => {
                self.reply(user, command::help(self.is_admin(user))).await?;
                Ok(Ok(()))
            }
            Command::Status => self.status(user, now).await,
            Command::Queue => self.queue(user, now).await,
            Command::Drafts => self.drafts(user).await,
            Command::Candidates => self.candidates(user).await,
            Command::Import(_) => {
                self.reply(
                    user,
                    format!("Send me the export in our direct messages within {} minutes: the next file you send is imported with these settings, whatever its type. (On the server: `spotlight import-usage FILE` with the same flags.)", command::IMPORT_WAIT_MINUTES),
                )
                .await?;
                Ok(Ok(()))
            }
            Command::Report => {
                let rows = self.report_rows().await?;
                let mut text = String::from("*Results* (each audience's activity per person, metrics normalised then combined: the mean of the last periods wholly before a story → the mean of those wholly after, the period containing it apart, beside groups with no story then; a change, not its cause)");
                if rows.is_empty() {
                    text.push_str("\nNo story has been published yet.");
                }
                for line in crate::domain::report::mrkdwn_lines(&rows) {
                    text.push('\n');
                    text.push_str(&line);
                }
                if rows.is_empty() || !self.share_report(user, &rows, text.clone()).await? {
                    self.reply(user, text).await?;
                }
                Ok(Ok(()))
            }
            Command::Audience { destination, group } => {
                let mut d = match self.find_destination(&destination).await? {
                    Ok(d) => d,
                    Err(refused) => return Ok(Err(refused)),
                };
                d.audience = Some(group.clone());
                self.store.save_destination(&d).await?;
                self.reply(
                    user,
                    format!("{} is read by {}: `/spotlight report` compares that group's activity before and after each story posted there.", d.label(), mrkdwn::escape(&group)),
                )
                .await?;
                Ok(Ok(()))
            }
            Command::Destinations => self.channels(user, now).await,
            Command::Nominate {
                user: hero,
                note,
                set,
            } => self.nominate(user, &hero, &note, set.as_deref(), now).await,
            Command::Suggest { user: hero, note } => self.suggest(user, &hero, &note, now).await,
            Command::OptOut => match self.store.open_story_of(user).await? {
                Some(s) => self.opt_out(user, s.id, now).await,
                None => Ok(Err(refuse(
                    "You have no story in progress, so there is nothing to opt out of.",
                ))),
            },
            Command::Quotes { story, picks } => self.pick_quotes(user, &story, picks, now).await,
            Command::Headline { story, text } => {
                self.propose_headline(user, &story, &text, now).await
            }
            Command::History(story) => self.history(user, &story).await,
            Command::Approve {
                story,
                destinations,
            } => {
                self.admin_approve(user, &story, Some(&destinations), now)
                    .await
            }
            Command::DestinationAdd(d) => self.destination_add(user, &d, now).await,
            Command::DestinationRemove(d) => self.destination_remove(user, &d).await,
            Command::Schedule {
                cron,
                destination,
                timezone,
            } => {
                self.schedule(user, &cron, destination.as_ref(), timezone.as_deref(), now)
                    .await
            }
            Command::PublishNext(ch) => self.publish_next(user, ch.as_ref(), now).await,
            Command::Pause(ch) => self.set_paused(user, ch.as_ref(), true, now).await,
            Command::Resume(ch) => self.set_paused(user, ch.as_ref(), false, now).await,
            Command::Forget(whom) => self.forget_preview(user, &whom).await,
            Command::Drop(story) => {
                let row = match self.resolve(&story).await? {
                    Ok(r) => r,
                    Err(e) => return Ok(Err(e)),
                };
                let actor = self.actor(user, &row);
                Ok(transition(row.stage(), Action::Drop, actor)
                    .map(|_| ())
                    .map_err(pipeline))
            }
        }
    }

    pub(super) async fn nominate(
        &self,
        admin: &UserId,
        hero: &UserId,
        note: &str,
        set: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if self.prompts.set(set).is_none() {
            return Ok(Err(refuse(format!(
                "There is no question set “{}”. The sets are: {}. Leave out `--set` for the default one (interview.toml).",
                mrkdwn::escape(set.unwrap_or_default()),
                self.prompts.set_names()
            ))));
        }
        if let Some(open) = self.store.open_story_of(hero).await? {
            return Ok(Err(refuse(format!(
                "{} already has story {} in progress ({}).",
                hero.mention(),
                open.id,
                open.stage()
            ))));
        }
        self.ensure_user(hero, None, now).await?;
        let mut story = self.store.insert_story(hero, admin, note, now).await?;
        if let Some(set) = set {
            self.store.set_question_set(story.story_id(), set).await?;
        }
        let stage = match transition(story.stage(), Action::Invite, self.actor(admin, &story)) {
            Ok(s) => s,
            Err(e) => return Ok(Err(pipeline(e))),
        };
        story.set_stage(stage);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store
            .log(
                story.story_id(),
                admin.as_str(),
                "nominated and invited",
                now,
            )
            .await?;
        self.send_invitation(&story, None).await?;
        self.reply(
            admin,
            format!(
                "Nominated {} (story {}). I've sent them an invitation; `/spotlight status` shows where it stands.",
                hero.mention(),
                story.id
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    pub(super) async fn send_invitation(
        &self,
        story: &StoryRow,
        lead: Option<&str>,
    ) -> anyhow::Result<()> {
        let hero = story.hero();
        let name = self.name_of(&hero).await?;
        let lang = self.language_of(&hero).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.prompts.texts.get(lang, id, args);
        let mut text = match lead {
            Some(l) => format!("{}\n", t(l, &[])),
            None => String::new(),
        };
        let minutes = self.set_of(story).await?.budget_minutes as i64;
        text.push_str(&t(
            "invitation",
            &[
                ("name", Arg::Text(&mrkdwn::escape(&name))),
                ("minutes", minutes.into()),
            ],
        ));
        if !story.note.trim().is_empty() {
            text.push('\n');
            text.push_str(&t(
                "invitation-why-you",
                &[("note", Arg::Text(&mrkdwn::escape(story.note.trim())))],
            ));
        }
        self.dm(
            &hero,
            text,
            vec![
                Button::new(t("invitation-button-start", &[]), "start", story.id),
                Button::new(t("invitation-button-later", &[]), "later", story.id),
                Button::new(t("invitation-button-decline", &[]), "decline", story.id),
            ],
        )
        .await
    }

    pub(super) async fn suggest(
        &self,
        by: &UserId,
        hero: &UserId,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        self.ensure_user(hero, None, now).await?;
        let mut text = format!(
            "{} suggests {} for the spotlight.",
            by.mention(),
            hero.mention()
        );
        if !note.is_empty() {
            text.push_str(&format!(" Why: “{}”", mrkdwn::escape(note)));
        }
        self.tell_admins(
            &text,
            vec![Button::new("Nominate", "nominate", hero.as_str())],
        )
        .await?;
        self.reply(
            by,
            format!(
                "Thanks! I've passed your suggestion of {} to the Spotlight admins.",
                hero.mention()
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    /// A story's log, oldest first: who did what, and when (`/spotlight history`).
    pub(super) async fn history(&self, user: &UserId, story: &StoryRef) -> anyhow::Result<Outcome> {
        let row = match self.resolve(story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let events = self.store.events(row.story_id()).await?;
        let mut text = format!(
            "*Story {}* {}: {}, waits on {}",
            row.id,
            row.hero().mention(),
            row.stage(),
            row.stage().waiting_on()
        );
        if events.is_empty() {
            text.push_str("\nNothing has been recorded for it yet.");
        }
        // Spotlight writes every line of the log itself (no one's free text), with
        // destinations as Slack shows them (`<#C…>` is a link to the channel).
        for (at, actor, what) in events {
            let who = match UserId::parse(&actor) {
                Ok(u) if actor != "spotlight" => u.mention(),
                _ => "Spotlight".to_string(),
            };
            text.push_str(&format!("\n• {}: {who} {what}", fmt_time(at)));
        }
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    pub(super) async fn status(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let text = self.status_text(user, now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// Where things stand, as the person may see it: the pipeline for admins, their own
    /// story for everyone else.
    pub async fn status_text(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<String> {
        if !self.is_admin(user) {
            return Ok(match self.store.latest_story_of(user).await? {
                Some(s) => format!(
                    "Your story ({}) is {}; it waits on {}.",
                    s.id,
                    s.stage(),
                    s.stage().waiting_on().replace("the hero", "you")
                ),
                None => "You have no story in Spotlight yet. Know a power user? `/spotlight suggest @colleague`.".to_string(),
            });
        }
        let trouble = self.trouble_text().await?;
        let all = self.store.stories_in(&Stage::ALL).await?;
        if all.is_empty() {
            return Ok(format!(
                "No stories yet. Start with `/spotlight nominate @person`.{trouble}"
            ));
        }
        let open: Vec<&StoryRow> = all.iter().filter(|s| s.stage().is_open()).collect();
        let mut text = format!("*Spotlight pipeline*: {} open", open.len());
        for s in &open {
            let detail = match s.stage() {
                Stage::Interviewing => {
                    let st = s.interview();
                    let set = self.set_of(s).await?;
                    let n = set.questions.len();
                    let paused = if st.status == interview::Status::Paused {
                        ", paused"
                    } else {
                        ""
                    };
                    format!(" (question {} of {n}{paused})", st.number(set))
                }
                _ => String::new(),
            };
            let nudged = match s.reminders_sent {
                0 => String::new(),
                1 => " (nudged once)".to_string(),
                n => format!(" (nudged {n} times)"),
            };
            text.push_str(&format!(
                "\n• Story {} {}: {}{detail}; waits on {} for {}{nudged}",
                s.id,
                s.hero().mention(),
                s.stage(),
                s.stage().waiting_on(),
                // Since its last move: a reminder is not one.
                human_duration(now - s.updated_at)
            ));
        }
        // The story that has waited longest on the admins.
        let admins_oldest = open
            .iter()
            .filter(|s| super::publishing::WAITING_ON_ADMINS.contains(&s.stage()))
            .min_by_key(|s| (s.updated_at, s.id));
        if let Some(s) = admins_oldest {
            text.push_str(&format!(
                "\nLongest wait on the admins: story {} {} ({}), for {}.",
                s.id,
                s.hero().mention(),
                s.stage(),
                human_duration(now - s.updated_at)
            ));
        }
        let published: Vec<&StoryRow> = all
            .iter()
            .filter(|s| s.stage() == Stage::Published)
            .collect();
        let opted = all.iter().filter(|s| s.stage() == Stage::OptedOut).count();
        text.push_str(&format!(
            "\nPublished: {}. Opted out: {opted}.",
            published.len()
        ));
        for s in published.iter().rev().take(10) {
            let (reactions, replies, people) = self.store.engagement_of(s.story_id()).await?;
            text.push_str(&format!(
                "\n• Story {} {}, posted {}: {reactions} reactions, {replies} replies, {people} people",
                s.id,
                s.hero().mention(),
                s.published_at.map(fmt_time).unwrap_or_default()
            ));
        }
        text.push_str(&trouble);
        Ok(text)
    }

    /// Requests that could not be handled and were set aside, for admins to look into.
    async fn trouble_text(&self) -> anyhow::Result<String> {
        const SHOWN: i64 = 5;
        let set_aside = self.store.set_aside(SHOWN).await?;
        if set_aside.is_empty() {
            return Ok(String::new());
        }
        let mut text = format!(
            "\n\n:warning: *Requests I could not handle* (set aside after {} tries; the people who sent them were told; the log has the details):",
            super::REQUEST_ATTEMPTS
        );
        for r in &set_aside {
            let error: String = r.error.chars().take(200).collect();
            text.push_str(&format!(
                "\n• {} ({}), {}: {}",
                r.kind,
                r.key,
                fmt_time(r.at),
                mrkdwn::escape(&error)
            ));
        }
        Ok(text)
    }

    pub(super) async fn queue(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let text = self.queue_text(now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// The publishing queue in order, and each channel's schedule.
    pub async fn queue_text(&self, now: DateTime<Utc>) -> anyhow::Result<String> {
        let mut stories = self
            .store
            .stories_in(&[Stage::Approved, Stage::Queued])
            .await?;
        stories.sort_by_key(|s| (s.approved_seq, s.id));
        let mut text = String::from("*Publishing queue* (first approved, first posted)");
        if stories.is_empty() {
            text.push_str("\nNothing is waiting to be posted.");
        }
        for (i, s) in stories.iter().enumerate() {
            let posts = self.store.posts_of(s.story_id()).await?;
            let where_ = if posts.is_empty() {
                "waiting for a channel (`/spotlight channel add #channel`)".to_string()
            } else {
                posts
                    .iter()
                    .map(|p| {
                        let state = if p.status == "sent" {
                            "posted"
                        } else {
                            "waiting"
                        };
                        format!("{} {state}", p.label())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            text.push_str(&format!(
                "\n{}. Story {} {}, approved {}: {where_}",
                i + 1,
                s.id,
                s.hero().mention(),
                s.approved_at.map(fmt_time).unwrap_or_default()
            ));
        }
        text.push('\n');
        text.push_str(&self.channels_text(now).await?);
        Ok(text)
    }

    /// The App Home: admins see the pipeline, the queue and the channels; a hero sees
    /// their own story and what it waits on.
    pub async fn home_text(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<String> {
        if self.is_admin(user) {
            let results = crate::domain::report::mrkdwn_lines(&self.report_rows().await?);
            // The chart itself is an image block the Slack adapter adds below this text
            // (a Slack file the bot shared, never a public address).
            let chart = self.store.home_chart().await?;
            let chart_line = match &chart {
                Some(c) => format!(
                    "The adoption chart below was drawn {} from the figures imported by then; `/spotlight report` draws it anew and sends it with the report as CSV to our direct messages.",
                    fmt_time_in(c.drawn_at, &self.timezone)
                ),
                None => "`/spotlight report` sends the adoption chart and the report as CSV to our direct messages, and shows the chart here.".to_string(),
            };
            let results = if results.is_empty() && chart.is_none() {
                String::new()
            } else {
                let mut lines: Vec<String> = results.into_iter().take(10).collect();
                lines.push(chart_line);
                format!("\n\n*Results*\n{}", lines.join("\n"))
            };
            return Ok(format!(
                "{}\n\n{}\n\nReview drafts with `/spotlight drafts`; `/spotlight help` lists every command.{results}",
                self.status_text(user, now).await?,
                self.queue_text(now).await?
            ));
        }
        let Some(story) = self.store.latest_story_of(user).await? else {
            return Ok("*Spotlight* shares the success stories of colleagues who get the most out of our tools.\nYou have no story yet. Know a power user? `/spotlight suggest @colleague`.".to_string());
        };
        let mut text = format!(
            "*Your Spotlight story* ({})\nIt waits on {}.",
            story.stage(),
            story.stage().waiting_on().replace("the hero", "you")
        );
        let shown = story.approved_text.as_ref().or(story.pending_text.as_ref());
        if let Some(t) = shown {
            text.push_str(&format!("\n\n{t}"));
        }
        if story.stage() == Stage::AwaitingApproval {
            text.push_str("\n\nApprove, edit or opt out from my direct message to you.");
        }
        if story.stage() == Stage::Published {
            let (reactions, replies, people) = self.store.engagement_of(story.story_id()).await?;
            text.push_str(&format!(
                "\n\nSo far: {reactions} reactions and {replies} replies from {people} people."
            ));
        }
        Ok(text)
    }

    pub(super) async fn channels_text(&self, now: DateTime<Utc>) -> anyhow::Result<String> {
        let dests: Vec<DestinationRow> = self.store.destinations().await?;
        if dests.is_empty() {
            return Ok(
                "*Destinations*: none yet. Add a Slack channel with `/spotlight channel add #channel` (or a Chatter group or an email list: `/spotlight destination add chatter <group id>`, `… email <address>`)."
                    .to_string(),
            );
        }
        let mut text = String::from("*Destinations*");
        for d in dests {
            let when = match d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) {
                Some(Ok(spec)) => {
                    let next = spec
                        .next_after(now)
                        .map(|t| fmt_time_in(t, spec.tz_name()))
                        .unwrap_or_else(|| "never again".into());
                    format!("posts on `{}` ({}), next {next}", spec.expr(), spec.tz_name())
                }
                Some(Err(e)) => format!("schedule is broken ({e}); set a new one with `/spotlight schedule`"),
                None => "no schedule yet (`/spotlight schedule \"0 9 * * MON\"`); `publish-next` posts now".to_string(),
            };
            let paused = match (&d.blocked_reason, d.paused) {
                (_, true) => format!(" — *paused* (`/spotlight resume {}`)", d.reference().arg()),
                (Some(why), false) => format!(" — *on hold*: {why}"),
                (None, false) => String::new(),
            };
            let audience = d
                .audience
                .as_ref()
                .map(|a| format!(", read by {}", mrkdwn::escape(a)))
                .unwrap_or_default();
            text.push_str(&format!("\n• {}: {when}{audience}{paused}", d.label()));
        }
        Ok(text)
    }

    pub(super) async fn channels(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let text = self.channels_text(now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// The results report, newest story first.
    pub async fn report_rows(&self) -> anyhow::Result<Vec<crate::domain::report::ReportRow>> {
        use crate::domain::report;
        let dests = self.store.destinations().await?;
        let mut facts = Vec::new();
        for s in self.store.stories_in(&[Stage::Published]).await? {
            let posts = self.store.posts_of(s.story_id()).await?;
            let channels = posts
                .iter()
                .filter(|p| p.status == "sent")
                .map(|p| {
                    let audience = dests
                        .iter()
                        .find(|d| d.id == p.destination_id)
                        .and_then(|d| d.audience.clone());
                    report::Place::new(
                        &crate::domain::destination::plain_label(
                            &p.kind,
                            &p.target,
                            p.name.as_deref(),
                        ),
                        &p.label(),
                        audience.as_deref(),
                    )
                })
                .collect();
            let (reactions, replies, people) = self.store.engagement_of(s.story_id()).await?;
            let members = self.store.reach_of(s.story_id()).await?;
            let text = mrkdwn::to_plain(s.approved_text.as_deref().unwrap_or_default());
            let headline = text
                .lines()
                .next()
                .unwrap_or_default()
                .trim_matches('*')
                .trim()
                .to_string();
            facts.push(report::StoryFacts {
                story: s.id,
                hero: self.name_of(&s.hero()).await?,
                headline,
                published_at: s.published_at.unwrap_or(s.updated_at),
                channels,
                members,
                reactions,
                replies,
                people,
            });
        }
        let usage: Vec<crate::domain::usage::UsageRecord> = self
            .store
            .usage_records()
            .await?
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        Ok(report::rows(facts, &usage))
    }

    /// Shares the report with `user` in their DM where files can be shared (Slack): the
    /// chart (when there is usage by group to draw) and the CSV, `summary` beside them.
    /// False where they can't (the console), for the summary to be replied instead.
    async fn share_report(
        &self,
        user: &UserId,
        rows: &[crate::domain::report::ReportRow],
        mut summary: String,
    ) -> anyhow::Result<bool> {
        use crate::delivery::Attachment;
        if !crate::delivery::is_deciding() {
            return Ok(false);
        }
        let usage: Vec<_> = self.store.usage_records().await?;
        let usage: Vec<_> = usage.into_iter().map(|(r, _)| r).collect();
        let stories: Vec<_> = rows
            .iter()
            .map(|r| (r.facts.story, r.facts.published_at))
            .collect();
        let mut files = Vec::new();
        match crate::chart::adoption_png_bytes(&usage, &stories) {
            Ok(png) => files.push(
                Attachment::new(
                    "spotlight-adoption.png",
                    "Adoption by group (each group's baseline = 100)",
                    &png,
                )
                .shown_on_home(),
            ),
            Err(why) => summary.push_str(&format!("\nNo chart: {why:#}")),
        }
        let csv = crate::domain::report::csv(rows);
        files.push(Attachment::new(
            "spotlight-report.csv",
            "Results report (CSV)",
            csv.as_bytes(),
        ));
        crate::delivery::keep_upload(user, summary, files);
        self.reply(
            user,
            "The results are in our direct messages: the summary, the adoption chart and the report as CSV.",
        )
        .await?;
        Ok(true)
    }

    pub(super) async fn candidates(&self, user: &UserId) -> anyhow::Result<Outcome> {
        use crate::domain::usage;
        let stored = self.store.usage_records().await?;
        if stored.is_empty() {
            self.reply(
                user,
                "No usage data yet. Send me the export from your tool (a CSV with a header row naming the user, their group, the period and numeric activity columns) in a direct message, or run `spotlight import-usage FILE.csv` on the server.",
            )
            .await?;
            return Ok(Ok(()));
        }
        // People are counted under their Slack user when matched, else as the file names them.
        let records: Vec<usage::UsageRecord> = stored
            .into_iter()
            .map(|(mut r, id)| {
                if let Some(id) = id {
                    r.user = id;
                }
                r
            })
            .collect();
        // Featured people and admins are not candidates; system accounts never are.
        let mut excluded: std::collections::HashSet<String> =
            self.store.featured_users().await?.into_iter().collect();
        excluded.extend(self.admins().into_iter().map(|a| a.as_str().to_string()));
        let list = usage::shortlist(&records, &excluded, 3, 10);
        let mut buttons = Vec::new();
        let mut text = String::new();
        if !list.lagging.is_empty() {
            text.push_str("*Lagging groups and their own best peers* (lowest adoption first; a group copies its own)");
            for (group, peers) in &list.lagging {
                text.push_str(&format!(
                    "\n• {} ({}, {:.0}% of the best per person):",
                    mrkdwn::escape(&group.group),
                    people(group.people),
                    group.average
                ));
                if peers.is_empty() {
                    text.push_str(" no one with activity who isn't featured yet");
                }
                for (i, c) in peers.iter().enumerate() {
                    let who = self.candidate_line(c, &mut buttons).await?;
                    text.push_str(&format!("\n    {}. {who}", i + 1));
                }
            }
            text.push_str("\n\n");
        }
        text.push_str("*Likely power users* (not yet featured, admins and system accounts left out; top quarter of everyone in how many periods, and their average share of the period's best, each metric weighted equally)");
        if list.overall.is_empty() {
            text.push_str("\nEveryone with activity has been featured already.");
        }
        for (i, c) in list.overall.iter().enumerate() {
            let who = self.candidate_line(c, &mut buttons).await?;
            text.push_str(&format!("\n{}. {who}", i + 1));
        }
        if !list.audiences.is_empty() {
            text.push_str(
                "\n\n*Audiences* (lowest adoption first, latest period; each person's share of the best, averaged)",
            );
            for g in &list.audiences {
                text.push_str(&format!(
                    "\n• {}: {:.1}% ({})",
                    mrkdwn::escape(&g.group),
                    g.average,
                    people(g.people)
                ));
            }
        }
        self.reply_with(user, text, buttons).await?;
        Ok(Ok(()))
    }

    /// One candidate as a line of `/spotlight candidates`, adding a Nominate button (five
    /// at most, each person once) when they are a Slack user.
    async fn candidate_line(
        &self,
        c: &crate::domain::usage::Candidate,
        buttons: &mut Vec<Button>,
    ) -> anyhow::Result<String> {
        let who = match UserId::parse(&c.user) {
            Ok(id) if !c.user.contains('@') => {
                let value = id.as_str().to_string();
                if buttons.len() < 5 && !buttons.iter().any(|b| b.value == value) {
                    buttons.push(Button::new(
                        format!("Nominate {}", self.name_of(&id).await?),
                        "nominate",
                        &value,
                    ));
                }
                id.mention()
            }
            _ => format!("{} (not matched to a Slack user)", mrkdwn::escape(&c.user)),
        };
        let group = if c.group.is_empty() {
            String::new()
        } else {
            format!(" ({})", mrkdwn::escape(&c.group))
        };
        Ok(format!(
            "{who}{group}: top in {} of {} periods, {:.0}% of the best on average",
            c.top_periods, c.periods, c.score
        ))
    }

    pub(super) async fn drafts(&self, user: &UserId) -> anyhow::Result<Outcome> {
        let stories = self
            .store
            .stories_in(&[
                Stage::Drafted,
                Stage::ChangesRequested,
                Stage::EditAwaitingReview,
                Stage::AwaitingApproval,
            ])
            .await?;
        if stories.is_empty() {
            self.reply(
                user,
                "No drafts waiting. Drafts appear here when a hero finishes their interview.",
            )
            .await?;
            return Ok(Ok(()));
        }
        for s in stories {
            let (text, buttons) = if s.stage() == Stage::AwaitingApproval {
                (
                    format!(
                        "*Story {}* for {}: waiting for the hero's approval of this text:\n\n{}",
                        s.id,
                        s.hero().mention(),
                        s.pending_text.clone().unwrap_or_default()
                    ),
                    vec![],
                )
            } else if s.stage() == Stage::EditAwaitingReview {
                self.edit_review_card(&s, self.language_of(user).await?)
                    .await?
            } else {
                self.review_card(&s, self.language_of(user).await?).await?
            };
            self.reply_with(user, text, buttons).await?;
        }
        Ok(Ok(()))
    }

    pub(super) async fn revisable(
        &self,
        user: &UserId,
        story: &StoryRef,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let row = match self.resolve(story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        Ok(
            transition(row.stage(), Action::Revise, self.actor(user, &row))
                .map(|_| row)
                .map_err(pipeline),
        )
    }

    pub(super) async fn pick_quotes(
        &self,
        user: &UserId,
        story: &StoryRef,
        picks: Picks,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut row = match self.revisable(user, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let answers = self.store.answers(row.story_id()).await?;
        let candidates = story::candidates(self.set_of(&row).await?, &answers);
        let keys: Vec<String> = match picks {
            Picks::All => candidates.iter().map(|q| q.key.clone()).collect(),
            Picks::Numbers(ns) => {
                if let Some(bad) = ns.iter().find(|&&n| n > candidates.len()) {
                    return Ok(Err(refuse(format!(
                        "Story {} has {} answers, so there is no answer {bad}. `/spotlight drafts` numbers them.",
                        row.id,
                        candidates.len()
                    ))));
                }
                ns.iter().map(|&n| candidates[n - 1].key.clone()).collect()
            }
        };
        row.selected_quotes =
            Some(serde_json::to_string(&keys).context("failed to encode quote choice")?);
        row.updated_at = now;
        self.store.save_story(&row).await?;
        self.store
            .log(
                row.story_id(),
                user.as_str(),
                &format!("chose quotes {keys:?}"),
                now,
            )
            .await?;
        let (text, buttons) = self
            .review_card(&row, self.language_of(user).await?)
            .await?;
        self.reply_with(user, format!("Quotes updated.\n{text}"), buttons)
            .await?;
        Ok(Ok(()))
    }

    pub(super) async fn propose_headline(
        &self,
        user: &UserId,
        story: &StoryRef,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut row = match self.revisable(user, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        if text.contains('\n') || text.chars().count() > story::MAX_HEADLINE_CHARS {
            return Ok(Err(refuse(format!(
                "A headline is one line of at most {} characters.",
                story::MAX_HEADLINE_CHARS
            ))));
        }
        row.headline = Some(text.to_string());
        row.headline_by = Some("admin".to_string());
        row.updated_at = now;
        self.store.save_story(&row).await?;
        self.store
            .log(row.story_id(), user.as_str(), "proposed a headline", now)
            .await?;
        let (card, buttons) = self
            .review_card(&row, self.language_of(user).await?)
            .await?;
        self.reply_with(
            user,
            format!("Headline proposed; the hero sees it when you approve.\n{card}"),
            buttons,
        )
        .await?;
        Ok(Ok(()))
    }

    pub(super) async fn admin_approve(
        &self,
        admin: &UserId,
        story: &StoryRef,
        channels: Option<&[DestinationRef]>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut row = match self.resolve(story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let stage = match transition(
            row.stage(),
            Action::SendForApproval,
            self.actor(admin, &row),
        ) {
            Ok(s) => s,
            Err(e) => return Ok(Err(pipeline(e))),
        };
        if let Some(channels) = channels.filter(|c| !c.is_empty()) {
            let mut ids = Vec::new();
            for r in channels {
                match self.find_destination(r).await? {
                    Ok(d) => ids.push(d.id),
                    Err(e) => return Ok(Err(e)),
                }
            }
            self.store.set_targets(row.story_id(), &ids).await?;
        }
        let draft = match self.compose(&row).await? {
            Ok(d) => d,
            Err(e) => return Ok(Err(e)),
        };
        if let Some(why) = story::too_long_to_post(&draft.text) {
            return Ok(Err(refuse(format!(
                "Story {} was not sent to the hero: {why}.",
                row.id
            ))));
        }
        row.pending_text = Some(draft.text);
        row.pending_version += 1;
        row.change_request = None;
        row.set_stage(stage);
        Self::touch(&mut row, now);
        self.store.save_story(&row).await?;
        if let Some(text) = &row.pending_text {
            self.store
                .set_reviewed_text(row.story_id(), text, now)
                .await?;
        }
        self.store
            .log(
                row.story_id(),
                admin.as_str(),
                "sent for the hero's approval",
                now,
            )
            .await?;
        self.ask_hero_to_approve(&row, "approval-lead-ready", &[])
            .await?;
        let failing: Vec<String> = draft
            .checks
            .lines()
            .into_iter()
            .filter(|l| l.starts_with('✗'))
            .collect();
        let mut text = format!(
            "Sent story {} to {} for approval.",
            row.id,
            row.hero().mention()
        );
        if !failing.is_empty() {
            text.push_str(&format!(
                "\nNote, some checks did not pass:\n{}",
                failing.join("\n")
            ));
        }
        self.reply(admin, text).await?;
        Ok(Ok(()))
    }

    /// The stored destination an admin named, or what to do if there is none.
    pub(super) async fn find_destination(
        &self,
        r: &DestinationRef,
    ) -> anyhow::Result<Result<DestinationRow, Refused>> {
        Ok(
            match self.store.destination(r.kind.as_str(), &r.target).await? {
                Some(d) => Ok(d),
                None => Err(refuse(format!(
                    "{r} isn't a Spotlight destination yet: add it with `/spotlight destination add {}` first (`/spotlight destinations` lists them).",
                    r.arg()
                ))),
            },
        )
    }

    pub(super) async fn destination_add(
        &self,
        user: &UserId,
        r: &DestinationRef,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if let Some(d) = self.store.destination(r.kind.as_str(), &r.target).await? {
            return Ok(Err(refuse(format!(
                "{} is already a Spotlight destination.",
                d.label()
            ))));
        }
        // The destination is checked first (set up, reachable, allowed), and its name,
        // when it has one, is kept for documents read outside Slack.
        let name = match self.transport.check(r).await {
            Ok(name) => name,
            Err(e) => {
                return Ok(Err(refuse(format!(
                    "I can't add {r}: {e:#}. Nothing was changed."
                ))))
            }
        };
        self.store
            .add_destination(r.kind.as_str(), &r.target, &self.timezone, now)
            .await?;
        let mut label = r.to_string();
        if let (Some(name), Some(mut d)) = (
            name,
            self.store.destination(r.kind.as_str(), &r.target).await?,
        ) {
            d.name = Some(name);
            self.store.save_destination(&d).await?;
            label = d.label();
        }
        // Approved stories that were waiting for somewhere to go now have one.
        let mut waiting = self.store.stories_in(&[Stage::Approved]).await?;
        waiting.sort_by_key(|s| (s.approved_seq, s.id));
        for s in waiting {
            self.queue_story(s, now).await?;
        }
        let hint = match r.kind {
            DestinationKind::SlackChannel => " Make sure the bot is invited to the channel.",
            DestinationKind::Chatter => " Stories appear there as posts by Salesforce's integration user, with the hero @-mentioned when their Salesforce user is found by email.",
            DestinationKind::Email => " Each story goes there as one email (HTML and plain text).",
        };
        self.reply(
            user,
            format!(
                "Added {label}. Stories are published there with `/spotlight publish-next {arg}`, or on a schedule: `/spotlight schedule \"0 9 * * MON\" {arg}`; `/spotlight pause {arg}` holds them.{hint}",
                arg = r.arg()
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    pub(super) async fn destination_remove(
        &self,
        user: &UserId,
        r: &DestinationRef,
    ) -> anyhow::Result<Outcome> {
        let dest = match self.find_destination(r).await? {
            Ok(d) => d,
            Err(_) => {
                return Ok(Err(refuse(format!(
                    "{r} is not a Spotlight destination (`/spotlight destinations` lists them)."
                ))))
            }
        };
        if !self.store.remove_destination(dest.id).await? {
            return Ok(Err(refuse(format!(
                "Stories are still waiting to be published to {}, so it stays: every approved story gets published. Pause it with `/spotlight pause {}` instead.",
                dest.label(),
                r.arg()
            ))));
        }
        self.reply(user, format!("Removed {}.", dest.label()))
            .await?;
        Ok(Ok(()))
    }

    pub(super) async fn schedule(
        &self,
        user: &UserId,
        cron: &str,
        channel: Option<&DestinationRef>,
        tz: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let spec = match CronSpec::parse(cron, tz.unwrap_or(&self.timezone)) {
            Ok(s) => s,
            Err(e) => return Ok(Err(refuse(format!("{e}. Nothing was changed.")))),
        };
        let dests: Vec<DestinationRow> = match channel {
            Some(r) => match self.find_destination(r).await? {
                Ok(d) => vec![d],
                Err(e) => return Ok(Err(e)),
            },
            None => self.store.destinations().await?,
        };
        if dests.is_empty() {
            return Ok(Err(refuse(
                "There is nowhere to schedule yet: `/spotlight channel add #channel` (or `/spotlight destination add …`) first.",
            )));
        }
        let next = spec
            .next_after(now)
            .map(|t| fmt_time_in(t, spec.tz_name()))
            .unwrap_or_else(|| "never (the expression has no future time)".into());
        let mut names = Vec::new();
        for mut d in dests {
            d.cron = Some(spec.expr().to_string());
            d.timezone = spec.tz_name().to_string();
            d.checked_until = now;
            self.store.save_destination(&d).await?;
            names.push(d.label());
        }
        self.reply(
            user,
            format!(
                "{}: one story per `{}` ({}). Next: {next}.",
                names.join(", "),
                spec.expr(),
                spec.tz_name()
            ),
        )
        .await?;
        Ok(Ok(()))
    }

    pub(super) async fn set_paused(
        &self,
        user: &UserId,
        ch: Option<&DestinationRef>,
        paused: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let dests: Vec<DestinationRow> = self
            .store
            .destinations()
            .await?
            .into_iter()
            .filter(|d| ch.is_none_or(|c| *c == d.reference()))
            .collect();
        if dests.is_empty() {
            return Ok(Err(refuse(match ch {
                Some(c) => format!(
                    "{c} is not a Spotlight destination (`/spotlight destinations` lists them)."
                ),
                None => {
                    "There are no destinations yet: `/spotlight channel add #channel`.".to_string()
                }
            })));
        }
        let dests_label = (dests.len() == 1).then(|| dests[0].label());
        for mut d in dests {
            d.paused = paused;
            // Occurrences missed while paused are not caught up on.
            d.checked_until = now;
            if !paused && d.blocked_reason.is_some() {
                // The admin says it is fixed: the next tick tries again at once.
                d.blocked_at = Some(now - RETRY_BLOCKED_AFTER);
            }
            self.store.save_destination(&d).await?;
        }
        let what = match (ch, dests_label) {
            (Some(_), Some(label)) => label,
            _ => "every destination".to_string(),
        };
        let text = if paused {
            format!("Paused posting to {what}. Approved stories keep their place in the queue; `/spotlight resume` restarts.")
        } else {
            format!("Posting to {what} is back on.")
        };
        self.reply(user, text).await?;
        Ok(Ok(()))
    }
}

/// "1 person", "3 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}
