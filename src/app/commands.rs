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
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let cmd = match command::parse(text) {
            Ok(c) => c,
            Err(e) => return Ok(Err(refuse(e.render(&self.prompts.texts, lang)))),
        };
        if cmd.admin_only() && !self.is_admin(user) {
            let name = text.split_whitespace().next().unwrap_or("help");
            return Ok(Err(refuse(t(
                "command-admins-only",
                &[("command", Arg::from(name))],
            ))));
        }
        match cmd {
            Command::Help => {
                let help = command::help(&self.prompts.texts, lang, self.is_admin(user));
                self.reply(user, help).await?;
                Ok(Ok(()))
            }
            Command::Status => self.status(user, now).await,
            Command::Queue => self.queue(user, now).await,
            Command::Drafts => self.drafts(user).await,
            Command::Candidates => self.candidates(user).await,
            Command::Import(_) => {
                let minutes = command::IMPORT_WAIT_MINUTES as i64;
                self.reply(user, t("import-send-file", &[("minutes", minutes.into())]))
                    .await?;
                Ok(Ok(()))
            }
            Command::Report => {
                let rows = self.report_rows().await?;
                let mut text = t("report-title", &[]);
                if rows.is_empty() {
                    text.push('\n');
                    text.push_str(&t("report-nothing-published", &[]));
                }
                let words = crate::domain::report::Words::new(&self.prompts.texts, lang);
                for line in crate::domain::report::mrkdwn_lines_in(&rows, words) {
                    text.push('\n');
                    text.push_str(&line);
                }
                if rows.is_empty() || !self.share_report(user, lang, &rows, text.clone()).await? {
                    self.reply(user, text).await?;
                }
                Ok(Ok(()))
            }
            Command::Audience { destination, group } => {
                let mut d = match self.find_destination_in(lang, &destination).await? {
                    Ok(d) => d,
                    Err(refused) => return Ok(Err(refused)),
                };
                d.audience = Some(group.clone());
                self.store.save_destination(&d).await?;
                let place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
                let text = t(
                    "audience-tied",
                    &[
                        ("place", Arg::from(&place)),
                        ("group", Arg::from(&mrkdwn::escape(&group))),
                    ],
                );
                self.reply(user, text).await?;
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
                None => Ok(Err(refuse(t("opt-out-nothing", &[])))),
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
                let row = match self.resolve_in(lang, &story).await? {
                    Ok(r) => r,
                    Err(e) => return Ok(Err(e)),
                };
                let actor = self.actor(user, &row);
                Ok(transition(row.stage(), Action::Drop, actor)
                    .map(|_| ())
                    .map_err(|e| refuse(self.pipeline_refusal(lang, &e))))
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
        let lang = self.language_of(admin).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        if self.prompts.set(set).is_none() {
            return Ok(Err(refuse(t(
                "nominate-no-such-set",
                &[
                    ("set", Arg::from(&mrkdwn::escape(set.unwrap_or_default()))),
                    ("sets", Arg::from(&self.prompts.set_names())),
                ],
            ))));
        }
        if let Some(open) = self.store.open_story_of(hero).await? {
            return Ok(Err(refuse(t(
                "nominate-already",
                &[
                    ("hero", Arg::from(&hero.mention())),
                    ("id", Arg::from(&open.id.to_string())),
                    ("stage", Arg::from(&self.stage_name(lang, open.stage()))),
                ],
            ))));
        }
        self.ensure_user(hero, None, now).await?;
        let mut story = self.store.insert_story(hero, admin, note, now).await?;
        if let Some(set) = set {
            self.store.set_question_set(story.story_id(), set).await?;
        }
        let stage = match transition(story.stage(), Action::Invite, self.actor(admin, &story)) {
            Ok(s) => s,
            Err(e) => return Ok(Err(refuse(self.pipeline_refusal(lang, &e)))),
        };
        story.set_stage(stage);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store
            .log(story.story_id(), admin.as_str(), &Event::Nominated, now)
            .await?;
        self.send_invitation(&story, None).await?;
        let text = t(
            "nominated",
            &[
                ("hero", Arg::from(&hero.mention())),
                ("id", Arg::from(&story.id.to_string())),
            ],
        );
        self.reply(admin, text).await?;
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
        let (by_name, hero_name, note) = (by.mention(), hero.mention(), mrkdwn::escape(note));
        let args = [
            ("by", Arg::from(&by_name)),
            ("hero", Arg::from(&hero_name)),
            ("note", Arg::from(&note)),
        ];
        let id = match note.is_empty() {
            true => "suggestion",
            false => "suggestion-with-note",
        };
        self.tell_admins_in(|lang| {
            let button = self.text(lang, "suggestion-button-nominate", &[]);
            (
                self.text(lang, id, &args),
                vec![Button::new(button, "nominate", hero.as_str())],
            )
        })
        .await?;
        let lang = self.language_of(by).await?;
        self.reply(by, self.text(lang, "suggestion-thanks", &args[1..2]))
            .await?;
        Ok(Ok(()))
    }

    /// A story's log, oldest first: who did what, and when (`/spotlight history`).
    pub(super) async fn history(&self, user: &UserId, story: &StoryRef) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let row = match self.resolve_in(lang, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let events = self.store.events(row.story_id()).await?;
        let mut text = self.text(
            lang,
            "history-title",
            &[
                ("id", Arg::from(&row.id.to_string())),
                ("hero", Arg::from(&row.hero().mention())),
                ("stage", Arg::from(&self.stage_name(lang, row.stage()))),
                ("waits", Arg::from(&self.waits_on(lang, row.stage()))),
            ],
        );
        if events.is_empty() {
            text.push('\n');
            text.push_str(&self.text(lang, "history-empty", &[]));
        }
        // Spotlight writes every line of the log itself (no one's free text), with
        // destinations as Slack shows them (`<#C…>` is a link to the channel). Each line
        // reads in the reader's language; a line from before the log kept events is
        // shown as it was written.
        for (at, actor, line) in events {
            let what = match Event::decode(&line) {
                Some(event) => self.event_text(lang, &event),
                None => line,
            };
            let who = match UserId::parse(&actor) {
                Ok(u) if actor != "spotlight" => u.mention(),
                _ => "Spotlight".to_string(),
            };
            text.push('\n');
            text.push_str(&self.text(
                lang,
                "history-line",
                &[
                    ("when", Arg::from(&self.time(lang, at))),
                    ("who", Arg::from(&who)),
                    ("what", Arg::from(&what)),
                ],
            ));
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
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        if !self.is_admin(user) {
            return Ok(match self.store.latest_story_of(user).await? {
                Some(s) => t(
                    "status-yours",
                    &[
                        ("id", Arg::from(&s.id.to_string())),
                        ("stage", Arg::from(&self.stage_name(lang, s.stage()))),
                        ("waits", Arg::from(&self.waits_on_you(lang, s.stage()))),
                    ],
                ),
                None => t("status-no-story", &[]),
            });
        }
        let trouble = self.trouble_text(lang).await?;
        let all = self.store.stories_in(&Stage::ALL).await?;
        if all.is_empty() {
            return Ok(format!("{}{trouble}", t("status-empty", &[])));
        }
        let open: Vec<&StoryRow> = all.iter().filter(|s| s.stage().is_open()).collect();
        let mut text = t("status-title", &[("open", open.len().into())]);
        for s in &open {
            let detail = match s.stage() {
                Stage::Interviewing => {
                    let st = s.interview();
                    let set = self.set_of(s).await?;
                    let id = match st.status == interview::Status::Paused {
                        true => "status-question-paused",
                        false => "status-question",
                    };
                    let args = [
                        ("number", Arg::from(st.number(set))),
                        ("count", Arg::from(set.questions.len())),
                    ];
                    format!(" ({})", t(id, &args))
                }
                _ => String::new(),
            };
            let nudged = match s.reminders_sent {
                0 => String::new(),
                n => format!(" ({})", t("status-nudged", &[("times", n.into())])),
            };
            let line = t(
                "status-line",
                &[
                    ("id", Arg::from(&s.id.to_string())),
                    ("hero", Arg::from(&s.hero().mention())),
                    ("stage", Arg::from(&self.stage_name(lang, s.stage()))),
                    ("waits", Arg::from(&self.waits_on(lang, s.stage()))),
                    // Since its last move: a reminder is not one.
                    ("waited", Arg::from(&self.waited(lang, now - s.updated_at))),
                    ("detail", Arg::from(&detail)),
                    ("nudged", Arg::from(&nudged)),
                ],
            );
            text.push('\n');
            text.push_str(&line);
        }
        // The story that has waited longest on the admins.
        let admins_oldest = open
            .iter()
            .filter(|s| super::publishing::WAITING_ON_ADMINS.contains(&s.stage()))
            .min_by_key(|s| (s.updated_at, s.id));
        if let Some(s) = admins_oldest {
            text.push('\n');
            text.push_str(&t(
                "status-longest-wait",
                &[
                    ("id", Arg::from(&s.id.to_string())),
                    ("hero", Arg::from(&s.hero().mention())),
                    ("stage", Arg::from(&self.stage_name(lang, s.stage()))),
                    ("waited", Arg::from(&self.waited(lang, now - s.updated_at))),
                ],
            ));
        }
        let published: Vec<&StoryRow> = all
            .iter()
            .filter(|s| s.stage() == Stage::Published)
            .collect();
        let opted = all.iter().filter(|s| s.stage() == Stage::OptedOut).count();
        text.push('\n');
        text.push_str(&t(
            "status-published",
            &[
                ("published", published.len().into()),
                ("opted", opted.into()),
            ],
        ));
        for s in published.iter().rev().take(10) {
            let (reactions, replies, people) = self.store.engagement_of(s.story_id()).await?;
            let when = s.published_at.map(|at| self.time(lang, at));
            text.push('\n');
            text.push_str(&t(
                "status-published-line",
                &[
                    ("id", Arg::from(&s.id.to_string())),
                    ("hero", Arg::from(&s.hero().mention())),
                    ("when", Arg::from(&when.unwrap_or_default())),
                    ("reactions", reactions.into()),
                    ("replies", replies.into()),
                    ("people", people.into()),
                ],
            ));
        }
        text.push_str(&trouble);
        Ok(text)
    }

    /// Requests that could not be handled and were set aside, for admins to look into.
    async fn trouble_text(&self, lang: &str) -> anyhow::Result<String> {
        const SHOWN: i64 = 5;
        let set_aside = self.store.set_aside(SHOWN).await?;
        if set_aside.is_empty() {
            return Ok(String::new());
        }
        let mut text = format!(
            "\n\n{}",
            self.text(
                lang,
                "status-set-aside",
                &[("tries", super::REQUEST_ATTEMPTS.into())]
            )
        );
        for r in &set_aside {
            let error: String = r.error.chars().take(200).collect();
            text.push('\n');
            text.push_str(&self.text(
                lang,
                "status-set-aside-line",
                &[
                    ("kind", Arg::from(&r.kind)),
                    ("key", Arg::from(&r.key)),
                    ("when", Arg::from(&self.time(lang, r.at))),
                    ("error", Arg::from(&mrkdwn::escape(&error))),
                ],
            ));
        }
        Ok(text)
    }

    pub(super) async fn queue(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let text = self.queue_text(lang, now).await?;
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    /// The publishing queue in order, and each channel's schedule, in `lang`.
    pub async fn queue_text(&self, lang: &str, now: DateTime<Utc>) -> anyhow::Result<String> {
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let mut stories = self
            .store
            .stories_in(&[Stage::Approved, Stage::Queued])
            .await?;
        stories.sort_by_key(|s| (s.approved_seq, s.id));
        let mut text = t("queue-title", &[]);
        if stories.is_empty() {
            text.push('\n');
            text.push_str(&t("queue-empty", &[]));
        }
        for (i, s) in stories.iter().enumerate() {
            let posts = self.store.posts_of(s.story_id()).await?;
            let where_ = if posts.is_empty() {
                t("queue-no-destination", &[])
            } else {
                posts
                    .iter()
                    .map(|p| {
                        let id = match p.status == "sent" {
                            true => "queue-posted",
                            false => "queue-waiting",
                        };
                        let place = self.place(lang, &p.kind, &p.target, p.name.as_deref());
                        t(id, &[("place", Arg::from(&place))])
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let when = s.approved_at.map(|at| self.time(lang, at));
            text.push('\n');
            text.push_str(&t(
                "queue-line",
                &[
                    ("n", (i + 1).into()),
                    ("id", Arg::from(&s.id.to_string())),
                    ("hero", Arg::from(&s.hero().mention())),
                    ("when", Arg::from(&when.unwrap_or_default())),
                    ("where", Arg::from(&where_)),
                ],
            ));
        }
        text.push('\n');
        text.push_str(&self.channels_text(lang, now).await?);
        Ok(text)
    }

    /// The App Home, in the person's language: admins see the pipeline, the queue and the
    /// channels; a hero sees their own story and what it waits on.
    pub async fn home_text(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<String> {
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        if self.is_admin(user) {
            let words = crate::domain::report::Words::new(&self.prompts.texts, lang);
            let results = crate::domain::report::mrkdwn_lines_in(&self.report_rows().await?, words);
            // The chart itself is an image block the Slack adapter adds below this text
            // (a Slack file the bot shared, never a public address).
            let chart = self.store.home_chart().await?;
            let chart_line = match &chart {
                Some(c) => t(
                    "home-chart-drawn",
                    &[(
                        "when",
                        Arg::from(&self.time_in(lang, c.drawn_at, &self.timezone)),
                    )],
                ),
                None => t("home-chart-none", &[]),
            };
            let results = if results.is_empty() && chart.is_none() {
                String::new()
            } else {
                let mut lines: Vec<String> = results.into_iter().take(10).collect();
                lines.push(chart_line);
                format!("\n\n{}\n{}", t("home-results-title", &[]), lines.join("\n"))
            };
            return Ok(format!(
                "{}\n\n{}\n\n{}{results}",
                self.status_text(user, now).await?,
                self.queue_text(lang, now).await?,
                t("home-admin-hint", &[])
            ));
        }
        let Some(story) = self.store.latest_story_of(user).await? else {
            return Ok(t("home-no-story", &[]));
        };
        let mut text = t(
            "home-yours",
            &[
                ("stage", Arg::from(&self.stage_name(lang, story.stage()))),
                ("waits", Arg::from(&self.waits_on_you(lang, story.stage()))),
            ],
        );
        let shown = story.approved_text.as_ref().or(story.pending_text.as_ref());
        if let Some(story_text) = shown {
            text.push_str(&format!("\n\n{story_text}"));
        }
        if story.stage() == Stage::AwaitingApproval {
            text.push_str("\n\n");
            text.push_str(&t("home-approve-from-dm", &[]));
        }
        if story.stage() == Stage::Published {
            let (reactions, replies, people) = self.store.engagement_of(story.story_id()).await?;
            text.push_str("\n\n");
            text.push_str(&t(
                "home-so-far",
                &[
                    ("reactions", reactions.into()),
                    ("replies", replies.into()),
                    ("people", people.into()),
                ],
            ));
        }
        Ok(text)
    }

    /// Every destination with its schedule, in `lang`.
    pub(super) async fn channels_text(
        &self,
        lang: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let dests: Vec<DestinationRow> = self.store.destinations().await?;
        if dests.is_empty() {
            return Ok(t("destinations-none", &[]));
        }
        let mut text = t("destinations-title", &[]);
        for d in dests {
            let when = match d.cron.as_deref().map(|c| CronSpec::parse(c, &d.timezone)) {
                Some(Ok(spec)) => {
                    let next = spec
                        .next_after(now)
                        .map(|at| self.time_in(lang, at, spec.tz_name()))
                        .unwrap_or_else(|| t("destinations-never-again", &[]));
                    t(
                        "destinations-schedule",
                        &[
                            ("cron", Arg::from(spec.expr())),
                            ("zone", Arg::from(spec.tz_name())),
                            ("next", Arg::from(&next)),
                        ],
                    )
                }
                Some(Err(e)) => t(
                    "destinations-schedule-broken",
                    &[("error", Arg::from(&e.render(&self.prompts.texts, lang)))],
                ),
                None => t("destinations-no-schedule", &[]),
            };
            let paused = match (&d.blocked_reason, d.paused) {
                (_, true) => format!(
                    " — {}",
                    t(
                        "destinations-paused",
                        &[("destination", Arg::from(&d.reference().arg()))]
                    )
                ),
                (Some(why), false) => {
                    format!(
                        " — {}",
                        t("destinations-on-hold", &[("why", Arg::from(why))])
                    )
                }
                (None, false) => String::new(),
            };
            let audience = d
                .audience
                .as_ref()
                .map(|a| {
                    let group = mrkdwn::escape(a);
                    format!(
                        ", {}",
                        t("destinations-read-by", &[("group", Arg::from(&group))])
                    )
                })
                .unwrap_or_default();
            let place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
            text.push('\n');
            text.push_str(&t(
                "destinations-line",
                &[
                    ("place", Arg::from(&place)),
                    ("when", Arg::from(&when)),
                    ("audience", Arg::from(&audience)),
                    ("paused", Arg::from(&paused)),
                ],
            ));
        }
        Ok(text)
    }

    pub(super) async fn channels(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let text = self.channels_text(lang, now).await?;
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
        lang: &str,
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
        match crate::chart::adoption_png_bytes_in(&usage, &stories, &self.prompts.texts, lang) {
            Ok(png) => files.push(
                Attachment::new(
                    "spotlight-adoption.png",
                    &self.text(lang, "chart-title", &[]),
                    &png,
                )
                .shown_on_home(),
            ),
            Err(why) => {
                let why = format!("{why:#}");
                summary.push('\n');
                summary.push_str(&self.text(lang, "report-no-chart", &[("why", Arg::from(&why))]));
            }
        }
        let words = crate::domain::report::Words::new(&self.prompts.texts, lang);
        let csv = crate::domain::report::csv_in(rows, words);
        files.push(Attachment::new(
            "spotlight-report.csv",
            &self.text(lang, "report-csv-title", &[]),
            csv.as_bytes(),
        ));
        crate::delivery::keep_upload(user, summary, files);
        self.reply(user, self.text(lang, "report-in-dm", &[]))
            .await?;
        Ok(true)
    }

    pub(super) async fn candidates(&self, user: &UserId) -> anyhow::Result<Outcome> {
        use crate::domain::usage;
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let stored = self.store.usage_records().await?;
        if stored.is_empty() {
            self.reply(user, t("candidates-no-data", &[])).await?;
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
        // A group with its people and its share of the best, `places` decimals.
        let group_line = |id: &str, g: &usage::Audience, places: usize| {
            t(
                id,
                &[
                    ("group", Arg::from(&mrkdwn::escape(&g.group))),
                    ("people", g.people.into()),
                    ("share", Arg::from(&self.decimal(lang, g.average, places))),
                ],
            )
        };
        if !list.lagging.is_empty() {
            text.push_str(&t("candidates-lagging-title", &[]));
            for (group, peers) in &list.lagging {
                text.push('\n');
                text.push_str(&group_line("candidates-lagging-group", group, 0));
                if peers.is_empty() {
                    text.push(' ');
                    text.push_str(&t("candidates-no-peers", &[]));
                }
                for (i, c) in peers.iter().enumerate() {
                    let who = self.candidate_line(lang, c, &mut buttons).await?;
                    text.push_str(&format!("\n    {}. {who}", i + 1));
                }
            }
            text.push_str("\n\n");
        }
        text.push_str(&t("candidates-overall-title", &[]));
        if list.overall.is_empty() {
            text.push('\n');
            text.push_str(&t("candidates-all-featured", &[]));
        }
        for (i, c) in list.overall.iter().enumerate() {
            let who = self.candidate_line(lang, c, &mut buttons).await?;
            text.push_str(&format!("\n{}. {who}", i + 1));
        }
        if !list.audiences.is_empty() {
            text.push_str("\n\n");
            text.push_str(&t("candidates-audiences-title", &[]));
            for g in &list.audiences {
                text.push('\n');
                text.push_str(&group_line("candidates-audience", g, 1));
            }
        }
        self.reply_with(user, text, buttons).await?;
        Ok(Ok(()))
    }

    /// One candidate as a line of `/spotlight candidates` in `lang`, adding a Nominate
    /// button (five at most, each person once) when they are a Slack user.
    async fn candidate_line(
        &self,
        lang: &str,
        c: &crate::domain::usage::Candidate,
        buttons: &mut Vec<Button>,
    ) -> anyhow::Result<String> {
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let who = match UserId::parse(&c.user) {
            Ok(id) if !c.user.contains('@') => {
                let value = id.as_str().to_string();
                if buttons.len() < 5 && !buttons.iter().any(|b| b.value == value) {
                    let name = self.name_of(&id).await?;
                    buttons.push(Button::new(
                        t("candidates-button-nominate", &[("name", Arg::from(&name))]),
                        "nominate",
                        &value,
                    ));
                }
                id.mention()
            }
            _ => t(
                "candidates-not-matched",
                &[("user", Arg::from(&mrkdwn::escape(&c.user)))],
            ),
        };
        let group = if c.group.is_empty() {
            String::new()
        } else {
            format!(" ({})", mrkdwn::escape(&c.group))
        };
        Ok(t(
            "candidates-line",
            &[
                ("who", Arg::from(&format!("{who}{group}"))),
                ("top", c.top_periods.into()),
                ("periods", c.periods.into()),
                ("score", Arg::from(&self.decimal(lang, c.score, 0))),
            ],
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
        let lang = self.language_of(user).await?;
        if stories.is_empty() {
            self.reply(user, self.text(lang, "drafts-none", &[]))
                .await?;
            return Ok(Ok(()));
        }
        for s in stories {
            let (text, buttons) = if s.stage() == Stage::AwaitingApproval {
                let text = s.pending_text.clone().unwrap_or_default();
                (
                    self.text(
                        lang,
                        "drafts-awaiting-approval",
                        &[
                            ("id", Arg::from(&s.id.to_string())),
                            ("hero", Arg::from(&s.hero().mention())),
                            ("text", Arg::from(&text)),
                        ],
                    ),
                    vec![],
                )
            } else if s.stage() == Stage::EditAwaitingReview {
                self.edit_review_card(&s, lang).await?
            } else {
                self.review_card(&s, lang).await?
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
        let lang = self.language_of(user).await?;
        let row = match self.resolve_in(lang, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        Ok(
            transition(row.stage(), Action::Revise, self.actor(user, &row))
                .map(|_| row)
                .map_err(|e| refuse(self.pipeline_refusal(lang, &e))),
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
                    let lang = self.language_of(user).await?;
                    return Ok(Err(refuse(self.text(
                        lang,
                        "quotes-no-such-answer",
                        &[
                            ("id", Arg::from(&row.id.to_string())),
                            ("count", candidates.len().into()),
                            ("number", (*bad).into()),
                        ],
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
                &Event::ChoseQuotes { keys: keys.clone() },
                now,
            )
            .await?;
        let lang = self.language_of(user).await?;
        let (text, buttons) = self.review_card(&row, lang).await?;
        let updated = self.text(lang, "quotes-updated", &[]);
        self.reply_with(user, format!("{updated}\n{text}"), buttons)
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
        let lang = self.language_of(user).await?;
        if text.contains('\n') || text.chars().count() > story::MAX_HEADLINE_CHARS {
            return Ok(Err(refuse(self.text(
                lang,
                "headline-too-long",
                &[("max", story::MAX_HEADLINE_CHARS.into())],
            ))));
        }
        row.headline = Some(text.to_string());
        row.headline_by = Some("admin".to_string());
        row.updated_at = now;
        self.store.save_story(&row).await?;
        self.store
            .log(row.story_id(), user.as_str(), &Event::ProposedHeadline, now)
            .await?;
        let (card, buttons) = self.review_card(&row, lang).await?;
        let proposed = self.text(lang, "headline-proposed", &[]);
        self.reply_with(user, format!("{proposed}\n{card}"), buttons)
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
        let lang = self.language_of(admin).await?;
        let mut row = match self.resolve_in(lang, story).await? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let stage = match transition(
            row.stage(),
            Action::SendForApproval,
            self.actor(admin, &row),
        ) {
            Ok(s) => s,
            Err(e) => return Ok(Err(refuse(self.pipeline_refusal(lang, &e)))),
        };
        if let Some(channels) = channels.filter(|c| !c.is_empty()) {
            let mut ids = Vec::new();
            for r in channels {
                match self.find_destination_in(lang, r).await? {
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
            return Ok(Err(refuse(self.text(
                lang,
                "approve-too-long",
                &[
                    ("id", Arg::from(&row.id.to_string())),
                    ("why", Arg::from(&why)),
                ],
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
            .log(row.story_id(), admin.as_str(), &Event::SentForApproval, now)
            .await?;
        self.ask_hero_to_approve(&row, "approval-lead-ready", &[])
            .await?;
        let failing: Vec<String> = self
            .checks(lang, &draft.checks)
            .into_iter()
            .filter(|l| l.starts_with('✗'))
            .collect();
        let mut text = self.text(
            lang,
            "approve-sent",
            &[
                ("id", Arg::from(&row.id.to_string())),
                ("hero", Arg::from(&row.hero().mention())),
            ],
        );
        if !failing.is_empty() {
            text.push('\n');
            text.push_str(&self.text(lang, "approve-checks-failing", &[]));
            text.push('\n');
            text.push_str(&failing.join("\n"));
        }
        self.reply(admin, text).await?;
        Ok(Ok(()))
    }

    /// The stored destination an admin named, or what to do if there is none, in `lang`.
    pub(super) async fn find_destination_in(
        &self,
        lang: &str,
        r: &DestinationRef,
    ) -> anyhow::Result<Result<DestinationRow, Refused>> {
        Ok(
            match self.store.destination(r.kind.as_str(), &r.target).await? {
                Some(d) => Ok(d),
                None => Err(refuse(self.text(
                    lang,
                    "destination-not-added",
                    &[
                        ("place", Arg::from(&self.place_of(lang, r))),
                        ("destination", Arg::from(&r.arg())),
                    ],
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
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        if let Some(d) = self.store.destination(r.kind.as_str(), &r.target).await? {
            let place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
            return Ok(Err(refuse(t(
                "destination-already",
                &[("place", Arg::from(&place))],
            ))));
        }
        // The destination is checked first (set up, reachable, allowed), and its name,
        // when it has one, is kept for documents read outside Slack.
        let name = match self.transport.check(r).await {
            Ok(name) => name,
            Err(e) => {
                return Ok(Err(refuse(t(
                    "destination-cannot-add",
                    &[
                        ("place", Arg::from(&self.place_of(lang, r))),
                        ("why", Arg::from(&format!("{e:#}"))),
                    ],
                ))))
            }
        };
        self.store
            .add_destination(r.kind.as_str(), &r.target, &self.timezone, now)
            .await?;
        let mut place = self.place_of(lang, r);
        if let (Some(name), Some(mut d)) = (
            name,
            self.store.destination(r.kind.as_str(), &r.target).await?,
        ) {
            d.name = Some(name);
            self.store.save_destination(&d).await?;
            place = self.place(lang, &d.kind, &d.target, d.name.as_deref());
        }
        // Approved stories that were waiting for somewhere to go now have one.
        let mut waiting = self.store.stories_in(&[Stage::Approved]).await?;
        waiting.sort_by_key(|s| (s.approved_seq, s.id));
        for s in waiting {
            self.queue_story(s, now).await?;
        }
        let hint = match r.kind {
            DestinationKind::SlackChannel => "destination-added-channel",
            DestinationKind::Chatter => "destination-added-chatter",
            DestinationKind::Email => "destination-added-email",
        };
        let text = format!(
            "{} {}",
            t(
                "destination-added",
                &[
                    ("place", Arg::from(&place)),
                    ("destination", Arg::from(&r.arg())),
                ],
            ),
            t(hint, &[])
        );
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    pub(super) async fn destination_remove(
        &self,
        user: &UserId,
        r: &DestinationRef,
    ) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let dest = match self.find_destination_in(lang, r).await? {
            Ok(d) => d,
            Err(_) => {
                return Ok(Err(refuse(t(
                    "destination-not-one",
                    &[("place", Arg::from(&self.place_of(lang, r)))],
                ))))
            }
        };
        let place = self.place(lang, &dest.kind, &dest.target, dest.name.as_deref());
        if !self.store.remove_destination(dest.id).await? {
            return Ok(Err(refuse(t(
                "destination-still-waiting",
                &[
                    ("place", Arg::from(&place)),
                    ("destination", Arg::from(&r.arg())),
                ],
            ))));
        }
        self.reply(
            user,
            t("destination-removed", &[("place", Arg::from(&place))]),
        )
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
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let spec = match CronSpec::parse(cron, tz.unwrap_or(&self.timezone)) {
            Ok(s) => s,
            Err(e) => {
                let error = e.render(&self.prompts.texts, lang);
                return Ok(Err(refuse(t(
                    "schedule-refused",
                    &[("error", Arg::from(&error))],
                ))));
            }
        };
        let dests: Vec<DestinationRow> = match channel {
            Some(r) => match self.find_destination_in(lang, r).await? {
                Ok(d) => vec![d],
                Err(e) => return Ok(Err(e)),
            },
            None => self.store.destinations().await?,
        };
        if dests.is_empty() {
            return Ok(Err(refuse(t("schedule-nowhere", &[]))));
        }
        let next = spec
            .next_after(now)
            .map(|at| self.time_in(lang, at, spec.tz_name()))
            .unwrap_or_else(|| t("schedule-never", &[]));
        let mut names = Vec::new();
        for mut d in dests {
            d.cron = Some(spec.expr().to_string());
            d.timezone = spec.tz_name().to_string();
            d.checked_until = now;
            self.store.save_destination(&d).await?;
            names.push(self.place(lang, &d.kind, &d.target, d.name.as_deref()));
        }
        let text = t(
            "schedule-set",
            &[
                ("places", Arg::from(&names.join(", "))),
                ("cron", Arg::from(spec.expr())),
                ("zone", Arg::from(spec.tz_name())),
                ("next", Arg::from(&next)),
            ],
        );
        self.reply(user, text).await?;
        Ok(Ok(()))
    }

    pub(super) async fn set_paused(
        &self,
        user: &UserId,
        ch: Option<&DestinationRef>,
        paused: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let dests: Vec<DestinationRow> = self
            .store
            .destinations()
            .await?
            .into_iter()
            .filter(|d| ch.is_none_or(|c| *c == d.reference()))
            .collect();
        if dests.is_empty() {
            return Ok(Err(refuse(match ch {
                Some(c) => t(
                    "destination-not-one",
                    &[("place", Arg::from(&self.place_of(lang, c)))],
                ),
                None => t("pause-no-destinations", &[]),
            })));
        }
        let one = (dests.len() == 1).then(|| {
            self.place(
                lang,
                &dests[0].kind,
                &dests[0].target,
                dests[0].name.as_deref(),
            )
        });
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
        let place = match (ch, one) {
            (Some(_), Some(place)) => place,
            _ => t("pause-every-destination", &[]),
        };
        let id = match paused {
            true => "pause-done",
            false => "resume-done",
        };
        self.reply(user, t(id, &[("place", Arg::from(&place))]))
            .await?;
        Ok(Ok(()))
    }
}

/// The words status views and replies share, in a person's language.
impl<T: Port> App<T> {
    /// Who a story in `stage` waits on, for admins, in `lang`.
    fn waits_on(&self, lang: &str, stage: Stage) -> String {
        self.text(lang, "waits-on", &[("stage", Arg::Text(stage.as_str()))])
    }

    /// Who a story in `stage` waits on, for its hero, in `lang`.
    fn waits_on_you(&self, lang: &str, stage: Stage) -> String {
        self.text(
            lang,
            "waits-on-you",
            &[("stage", Arg::Text(stage.as_str()))],
        )
    }

    /// A destination as an admin typed it, named in `lang`.
    fn place_of(&self, lang: &str, r: &DestinationRef) -> String {
        self.place(lang, r.kind.as_str(), &r.target, None)
    }

    /// A time as `lang` reads it in status views (`fmt_time`'s form).
    /// What `event` says in `lang`, for a story's log.
    fn event_text(&self, lang: &str, event: &Event) -> String {
        let (id, values) = event.message();
        let args: Vec<(&str, Arg)> = values
            .iter()
            .map(|(name, v)| match v {
                history::Value::Text(t) => (*name, Arg::from(t)),
                history::Value::Number(n) => (*name, Arg::from(*n)),
            })
            .collect();
        self.text(lang, id, &args)
    }

    pub(super) fn time(&self, lang: &str, at: DateTime<Utc>) -> String {
        self.time_of(lang, &at, "UTC")
    }

    /// A time in a schedule's own zone, with UTC beside it when they differ
    /// (`fmt_time_in`'s form), in `lang`.
    fn time_in(&self, lang: &str, at: DateTime<Utc>, tz: &str) -> String {
        match tz.parse::<chrono_tz::Tz>() {
            Ok(zone) if zone != chrono_tz::UTC => {
                let local = at.with_timezone(&zone);
                let zone = local.format("%Z").to_string();
                format!(
                    "{} ({})",
                    self.time_of(lang, &local, &zone),
                    at.format("%H:%M UTC")
                )
            }
            _ => self.time(lang, at),
        }
    }

    /// `at` on its own clock, its zone called `zone`.
    fn time_of<Z: chrono::TimeZone>(&self, lang: &str, at: &DateTime<Z>, zone: &str) -> String
    where
        Z::Offset: std::fmt::Display,
    {
        command::time(&self.prompts.texts, lang, at, zone)
    }

    /// `x` with `places` decimals, written as `lang` writes numbers.
    fn decimal(&self, lang: &str, x: f64, places: usize) -> String {
        format!("{x:.places$}").replace('.', &self.text(lang, "decimal-point", &[]))
    }
}
