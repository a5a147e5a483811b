//! Button presses: the invitation, the review card, the hero's approval card, nominations
//! from suggestions and candidates.

use super::*;

impl<T: Port> App<T> {
    pub(super) async fn button(
        &self,
        user: &UserId,
        action: &str,
        value: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let (id, version) = parse_value(value);
        match action {
            "start" => self.start(user, id, now).await,
            "later" => {
                let story = match self.load(user, id).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                if story.hero_id != user.as_str() {
                    let e = PipelineError::OnlyHero("answer this interview");
                    return Ok(Err(self.refused(user, e).await?));
                }
                let lang = self.language_of(user).await?;
                self.reply(user, self.prompts.texts.get(lang, "invitation-later", &[]))
                    .await?;
                Ok(Ok(()))
            }
            "resume" => {
                let mut story = match self.load(user, id).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                self.interview_step(user, &mut story, None, Input::Resume, None, now)
                    .await
            }
            "decline" | "opt_out" => self.opt_out(user, id, now).await,
            crate::domain::forget::FORGET_ACTION => self.forget_confirmed(user, value, now).await,
            "forget_cancel" => {
                let text = self.text_for(user, "forget-cancelled", &[]).await?;
                self.reply(user, text).await?;
                Ok(Ok(()))
            }
            "hero_approve" => self.hero_approve(user, id, version, now).await,
            "hero_picture" => {
                let picture = value.split(':').nth(2).and_then(|p| p.parse().ok());
                self.toggle_picture(user, id, version, picture, now).await
            }
            "hero_edit" => self.hero_edit(user, id, version).await,
            "edit_accept" => self.accept_edit(user, id, version, now).await,
            "edit_return" => {
                if let Err(e) = self
                    .edit_under_review(user, id, version, Action::ReturnEdit)
                    .await?
                {
                    return Ok(Err(e));
                }
                let conv = Conversation::EditReturn {
                    story: id,
                    version: version.unwrap_or_default(),
                };
                self.store
                    .set_conversation(user, Some(&serde_json::to_string(&conv)?))
                    .await?;
                let text = self.text_for(user, "edit-return-ask-note", &[]).await?;
                self.dm(user, text, vec![]).await?;
                Ok(Ok(()))
            }
            "edit_pick" => {
                let key = value.split_once(':').map(|(_, k)| k).unwrap_or_default();
                self.edit_pick(user, id, key).await
            }
            "hero_changes" => {
                let story = match self
                    .hero_stage_check(user, id, Action::RequestChanges)
                    .await?
                {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                let conv = Conversation::ChangeComment { story: story.id };
                self.store
                    .set_conversation(user, Some(&serde_json::to_string(&conv)?))
                    .await?;
                let text = self.text_for(user, "changes-ask", &[]).await?;
                self.dm(user, text, vec![]).await?;
                Ok(Ok(()))
            }
            "admin_review" => {
                if let Err(e) = self.revisable(user, &StoryRef::Id(StoryId(id))).await? {
                    return Ok(Err(e));
                }
                let text = self
                    .text_for(user, "review-how", &[("id", Arg::from(id))])
                    .await?;
                self.reply(user, text).await?;
                Ok(Ok(()))
            }
            "admin_approve" => {
                self.admin_approve(user, &StoryRef::Id(StoryId(id)), None, now)
                    .await
            }
            "nominate" => match UserId::parse(value) {
                Ok(hero) if self.is_admin(user) => self.nominate(user, &hero, "", None, now).await,
                Ok(_) => {
                    let e = PipelineError::OnlyAdmin("nominate someone");
                    Ok(Err(self.refused(user, e).await?))
                }
                Err(e) => Ok(Err(refuse(e.to_string()))),
            },
            _ => Ok(Err(self.refusal(user, "button-unknown", &[]).await?)),
        }
    }

    /// The hero leaves a picture out of their story, or puts it back, before approving
    /// it: the story's version moves on, so an Approve button shown with the pictures as
    /// they were approves nothing, and the hero gets the card again.
    async fn toggle_picture(
        &self,
        user: &UserId,
        id: i64,
        version: Option<i64>,
        picture: Option<i64>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self.hero_stage_check(user, id, Action::HeroApprove).await? {
            Ok(s) => s,
            // Only the hero, and only while the story waits for their approval.
            Err(e) => match self.load(user, id).await? {
                Ok(s) if s.hero_id == user.as_str() => {
                    let lang = self.language_of(user).await?;
                    let stage = self.stage_name(lang, s.stage());
                    return Ok(Err(refuse(self.text(
                        lang,
                        "pictures-fixed",
                        &[("stage", Arg::Text(&stage))],
                    ))));
                }
                _ => return Ok(Err(e)),
            },
        };
        let pictures = self.store.story_pictures(story.story_id()).await?;
        let found = pictures
            .iter()
            .position(|p| Some(p.id) == picture)
            .map(|n| (n + 1, &pictures[n]));
        let (Some((n, p)), true) = (found, version == Some(story.pending_version)) else {
            self.ask_hero_to_approve(&story, "approval-lead-older", &[])
                .await?;
            return Ok(Ok(()));
        };
        self.store
            .set_picture_left_out(story.story_id(), p.id, !p.left_out)
            .await?;
        story.pending_version += 1;
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        let what = match p.left_out {
            true => Event::PictureBack { n: n as i64 },
            false => Event::PictureLeftOut { n: n as i64 },
        };
        self.store
            .log(story.story_id(), user.as_str(), &what, now)
            .await?;
        let lead = match p.left_out {
            true => "approval-lead-picture-back",
            false => "approval-lead-picture-out",
        };
        self.ask_hero_to_approve(&story, lead, &[("n", Arg::from(n))])
            .await?;
        Ok(Ok(()))
    }

    pub(super) async fn hero_stage_check(
        &self,
        user: &UserId,
        id: i64,
        action: Action,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let story = match self.load(user, id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        Ok(
            match transition(story.stage(), action, self.actor(user, &story)) {
                Ok(_) => Ok(story),
                Err(e) => Err(self.refused(user, e).await?),
            },
        )
    }

    pub(super) async fn opt_out(
        &self,
        user: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self.hero_stage_check(user, id, Action::OptOut).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        story.set_stage(Stage::OptedOut);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store.set_conversation(user, None).await?;
        self.store
            .log(story.story_id(), user.as_str(), &Event::OptedOut, now)
            .await?;
        let text = self.text_for(user, "opted-out", &[]).await?;
        self.dm(user, text, vec![]).await?;
        self.tell_admins_text(
            "admins-opted-out",
            &[
                ("hero", Arg::Text(&story.hero().mention())),
                ("id", Arg::from(story.id)),
            ],
        )
        .await?;
        Ok(Ok(()))
    }

    pub(super) async fn hero_approve(
        &self,
        user: &UserId,
        id: i64,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self.hero_stage_check(user, id, Action::HeroApprove).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if version != Some(story.pending_version) {
            self.ask_hero_to_approve(&story, "approval-lead-older-check", &[])
                .await?;
            return Ok(Ok(()));
        }
        let text = story.pending_text.clone().unwrap_or_default();
        if story::too_long_to_post(&text).is_some() {
            self.ask_hero_to_approve(
                &story,
                "approval-lead-too-long",
                &[
                    ("chars", Arg::from(text.chars().count())),
                    ("max", Arg::from(story::MAX_POST_CHARS)),
                ],
            )
            .await?;
            return Ok(Ok(()));
        }
        let reviewed = self.store.reviewed_text(story.story_id()).await?;
        if reviewed.is_some_and(|r| r != text) {
            return self.submit_edit(user, story, now).await;
        }
        story.set_stage(Stage::Approved);
        let what = Event::Approved {
            version: story.pending_version,
        };
        let (story, dests) = self
            .approve_and_queue(story, user.as_str(), what, now)
            .await?;
        self.tell_approved(&story, &dests, "hero-approved", None)
            .await?;
        Ok(Ok(()))
    }

    /// Tells the hero of `story` it is approved (message `to_hero`) and where it will be
    /// posted (`dests`), and the admins too, each in their language; `by`, an admin who
    /// accepted the hero's edit, or the hero themselves if None.
    async fn tell_approved(
        &self,
        story: &StoryRow,
        dests: &[DestinationRow],
        to_hero: &str,
        by: Option<&UserId>,
    ) -> anyhow::Result<()> {
        let hero = story.hero();
        let where_ = |lang: &str| match dests {
            [] => self.text(lang, "approved-no-destination", &[]),
            _ => self.text(
                lang,
                "approved-queued",
                &[("places", Arg::Text(&self.place_list(lang, dests)))],
            ),
        };
        let lang = self.language_of(&hero).await?;
        let text = self.text(lang, to_hero, &[("where", Arg::Text(&where_(lang)))]);
        self.dm(&hero, text, vec![]).await?;
        let by = by.map(UserId::mention);
        let hero = hero.mention();
        self.tell_admins_in(|lang| {
            let where_ = where_(lang);
            let mut args = vec![
                ("hero", Arg::Text(&hero)),
                ("id", Arg::from(story.id)),
                ("where", Arg::Text(&where_)),
            ];
            let text = match &by {
                Some(admin) => {
                    args.push(("admin", Arg::Text(admin)));
                    self.text(lang, "admins-edit-accepted", &args)
                }
                None => self.text(lang, "admins-hero-approved", &args),
            };
            (text, vec![])
        })
        .await
    }

    /// Records the approval of `story` (already moved to approved) of its `pending_text`,
    /// and queues it. Returns the story as stored and where it will be posted.
    async fn approve_and_queue(
        &self,
        mut story: StoryRow,
        actor: &str,
        what: Event,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(StoryRow, Vec<DestinationRow>)> {
        Self::touch(&mut story, now);
        let text = story.pending_text.clone().unwrap_or_default();
        // The approval, the queue entries, the hero's conversation ended and the log, in
        // one transaction.
        let dests = self.destinations_for(&story).await?;
        let ids: Vec<i64> = dests.iter().map(|d| d.id).collect();
        let queued = transition(Stage::Approved, Action::Queue, Actor::System)
            .ok()
            .map(|s| s.as_str());
        let mut log = vec![(actor, what)];
        if !ids.is_empty() {
            log.push(("spotlight", Event::Queued));
        }
        let story = self
            .store
            .approve(&story, &text, &ids, queued, &log, now)
            .await?;
        Ok((story, dests))
    }

    /// The hero approved a text they reworded after the admins sent it: the admins see
    /// the change word by word before it is queued.
    async fn submit_edit(
        &self,
        user: &UserId,
        mut story: StoryRow,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let stage = match transition(
            story.stage(),
            Action::HeroApproveEdited,
            self.actor(user, &story),
        ) {
            Ok(s) => s,
            Err(e) => return Ok(Err(self.refused(user, e).await?)),
        };
        story.set_stage(stage);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store.set_conversation(user, None).await?;
        self.store
            .log(
                story.story_id(),
                user.as_str(),
                &Event::ApprovedWithEdits {
                    version: story.pending_version,
                },
                now,
            )
            .await?;
        let text = self.text_for(user, "approved-with-edits", &[]).await?;
        self.dm(user, text, vec![]).await?;
        let card = self.edit_review_card_of(&story).await?;
        let hero = story.hero().mention();
        self.tell_admins_in(|lang| {
            let (card, buttons) = card(lang);
            let lead = self.text(
                lang,
                "admins-approved-with-edits",
                &[("hero", Arg::Text(&hero)), ("id", Arg::from(story.id))],
            );
            (format!("{lead}\n\n{card}"), buttons)
        })
        .await?;
        Ok(Ok(()))
    }

    /// An admin accepts the hero's edit: the story is approved as the hero approved it.
    pub(super) async fn accept_edit(
        &self,
        admin: &UserId,
        id: i64,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self
            .edit_under_review(admin, id, version, Action::AcceptEdit)
            .await?
        {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        story.set_stage(Stage::Approved);
        if let Some(text) = &story.pending_text {
            self.store
                .set_reviewed_text(story.story_id(), text, now)
                .await?;
        }
        let what = Event::AcceptedEdit {
            version: story.pending_version,
        };
        let (story, dests) = self
            .approve_and_queue(story, admin.as_str(), what, now)
            .await?;
        self.tell_approved(&story, &dests, "edit-accepted", Some(admin))
            .await?;
        Ok(Ok(()))
    }

    /// The story whose edit `admin` may accept or send back (`action`), if `version` is
    /// still the one waiting.
    pub(super) async fn edit_under_review(
        &self,
        admin: &UserId,
        id: i64,
        version: Option<i64>,
        action: Action,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let story = match self.load(admin, id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if let Err(e) = transition(story.stage(), action, self.actor(admin, &story)) {
            return Ok(Err(self.refused(admin, e).await?));
        }
        if version != Some(story.pending_version) {
            return Ok(Err(self.refusal(admin, "edit-older", &[]).await?));
        }
        Ok(Ok(story))
    }

    /// An admin sends the hero's edit back with `note`: the hero sees it with their story,
    /// to reword again, approve it as it is (back to the admins), ask for changes or opt out.
    pub(super) async fn return_edit(
        &self,
        admin: &UserId,
        id: i64,
        version: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if note.trim().is_empty() {
            return Ok(Err(self.refusal(admin, "edit-return-empty", &[]).await?));
        }
        let mut story = match self
            .edit_under_review(admin, id, Some(version), Action::ReturnEdit)
            .await?
        {
            Ok(s) => s,
            Err(e) => {
                self.store.set_conversation(admin, None).await?;
                return Ok(Err(e));
            }
        };
        story.set_stage(Stage::AwaitingApproval);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store.set_conversation(admin, None).await?;
        self.store
            .log(story.story_id(), admin.as_str(), &Event::SentEditBack, now)
            .await?;
        let note = mrkdwn::escape(note.trim());
        self.ask_hero_to_approve(
            &story,
            "approval-lead-edit-returned",
            &[("note", Arg::Text(&note))],
        )
        .await?;
        self.tell_admins_text(
            "admins-edit-returned",
            &[
                ("admin", Arg::Text(&admin.mention())),
                ("hero", Arg::Text(&story.hero().mention())),
                ("id", Arg::from(story.id)),
                ("note", Arg::Text(&note)),
            ],
        )
        .await?;
        Ok(Ok(()))
    }

    pub(super) async fn hero_edit(
        &self,
        user: &UserId,
        id: i64,
        version: Option<i64>,
    ) -> anyhow::Result<Outcome> {
        let story = match self.hero_stage_check(user, id, Action::HeroEdit).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if version != Some(story.pending_version) {
            self.ask_hero_to_approve(&story, "approval-lead-older", &[])
                .await?;
            return Ok(Ok(()));
        }
        let lang = self.language_of(user).await?;
        let answers = self.store.answers(story.story_id()).await?;
        let set = self.set_of(&story).await?;
        let candidates = story::candidates(set, &answers);
        let selected = story.selected();
        let (quotes, takeaway) = story::select(&candidates, selected.as_deref());
        let mut buttons = vec![Button::new(
            self.text(lang, "part-headline", &[]),
            "edit_pick",
            format!("{}:{HEADLINE_KEY}", story.id),
        )];
        for q in quotes.iter().chain(takeaway.iter()) {
            let role = set
                .questions
                .iter()
                .find(|x| x.key == q.key)
                .map(|x| x.role);
            buttons.push(Button::new(
                self.text(lang, role_label(role), &[]),
                "edit_pick",
                format!("{}:{}", story.id, q.key),
            ));
        }
        buttons.push(Button::new(
            self.text(lang, "edit-pick-cancel", &[]),
            "edit_pick",
            format!("{}:cancel", story.id),
        ));
        let conv = Conversation::EditPick { story: story.id };
        self.store
            .set_conversation(user, Some(&serde_json::to_string(&conv)?))
            .await?;
        self.dm(user, self.text(lang, "edit-pick", &[]), buttons)
            .await?;
        Ok(Ok(()))
    }

    pub(super) async fn edit_pick(
        &self,
        user: &UserId,
        id: i64,
        key: &str,
    ) -> anyhow::Result<Outcome> {
        let story = match self.hero_stage_check(user, id, Action::HeroEdit).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if key == "cancel" {
            self.store.set_conversation(user, None).await?;
            self.ask_hero_to_approve(&story, "approval-lead-no-change", &[])
                .await?;
            return Ok(Ok(()));
        }
        let answers = self.store.answers(story.story_id()).await?;
        let current = if key == HEADLINE_KEY {
            story::headline(
                story.headline.as_deref(),
                self.set_of(&story).await?,
                &answers,
            )
        } else {
            match answers.get(key) {
                Some(a) => a.clone(),
                None => return Ok(Err(self.refusal(user, "edit-part-unknown", &[]).await?)),
            }
        };
        let conv = Conversation::EditText {
            story: story.id,
            key: key.to_string(),
        };
        self.store
            .set_conversation(user, Some(&serde_json::to_string(&conv)?))
            .await?;
        let text = self
            .text_for(
                user,
                "edit-current-wording",
                &[("current", Arg::Text(&mrkdwn::escape(&current)))],
            )
            .await?;
        self.dm(user, text, vec![]).await?;
        Ok(Ok(()))
    }
}
