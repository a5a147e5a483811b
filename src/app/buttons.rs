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
                let story = match self.load(id).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                if story.hero_id != user.as_str() {
                    return Ok(Err(pipeline(PipelineError::OnlyHero(
                        "answer this interview",
                    ))));
                }
                let lang = self.language_of(user).await?;
                self.reply(user, self.prompts.texts.get(lang, "invitation-later", &[]))
                    .await?;
                Ok(Ok(()))
            }
            "resume" => {
                let mut story = match self.load(id).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                self.interview_step(user, &mut story, None, Input::Resume, None, now)
                    .await
            }
            "decline" | "opt_out" => self.opt_out(user, id, now).await,
            crate::domain::forget::FORGET_ACTION => self.forget_confirmed(user, value, now).await,
            "forget_cancel" => {
                self.reply(
                    user,
                    "Nothing was removed: Spotlight keeps everything as it was.",
                )
                .await?;
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
                self.dm(user, "What should the hero look at again? Send one message; it goes to them as you write it, with their story. (`cancel` to leave the edit waiting.)", vec![])
                    .await?;
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
                self.dm(user, "What would you like changed? Send it as one message; it goes to the admins as you write it. (`cancel` to go back.)", vec![])
                    .await?;
                Ok(Ok(()))
            }
            "admin_review" => {
                if let Err(e) = self.revisable(user, &StoryRef::Id(StoryId(id))).await? {
                    return Ok(Err(e));
                }
                self.reply(
                    user,
                    format!("Choose quotes with `/spotlight quotes {id} 1,2,…` and propose a headline with `/spotlight headline {id} <text>`."),
                )
                .await?;
                Ok(Ok(()))
            }
            "admin_approve" => {
                self.admin_approve(user, &StoryRef::Id(StoryId(id)), None, now)
                    .await
            }
            "nominate" => match UserId::parse(value) {
                Ok(hero) if self.is_admin(user) => self.nominate(user, &hero, "", None, now).await,
                Ok(_) => Ok(Err(pipeline(PipelineError::OnlyAdmin("nominate someone")))),
                Err(e) => Ok(Err(refuse(e.to_string()))),
            },
            _ => Ok(Err(refuse(
                "That button is no longer valid. `/spotlight status` shows where things stand.",
            ))),
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
            Err(e) => match self.load(id).await? {
                Ok(s) if s.hero_id == user.as_str() => {
                    return Ok(Err(refuse(format!(
                        "Your story is {} now, so the pictures that go with it can't change.",
                        s.stage().as_str().replace('_', " ")
                    ))))
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
            self.ask_hero_to_approve(
                &story,
                "That was an older version of your story; here is the current one.",
            )
            .await?;
            return Ok(Ok(()));
        };
        self.store
            .set_picture_left_out(story.story_id(), p.id, !p.left_out)
            .await?;
        story.pending_version += 1;
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        let what = if p.left_out { "put back" } else { "left out" };
        self.store
            .log(
                story.story_id(),
                user.as_str(),
                &format!("{what} picture {n}"),
                now,
            )
            .await?;
        let lead = if p.left_out {
            format!("Picture {n} goes with your story again.")
        } else {
            format!("Picture {n} is left out of your story.")
        };
        self.ask_hero_to_approve(&story, &lead).await?;
        Ok(Ok(()))
    }

    pub(super) async fn hero_stage_check(
        &self,
        user: &UserId,
        id: i64,
        action: Action,
    ) -> anyhow::Result<Result<StoryRow, Refused>> {
        let story = match self.load(id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        Ok(transition(story.stage(), action, self.actor(user, &story))
            .map(|_| story)
            .map_err(pipeline))
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
            .log(story.story_id(), user.as_str(), "opted out", now)
            .await?;
        self.dm(
            user,
            "Understood: you're out, and nothing will be posted. Thank you for your time!",
            vec![],
        )
        .await?;
        self.tell_admins(
            &format!(
                "{} opted out of story {}.",
                story.hero().mention(),
                story.id
            ),
            vec![],
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
            self.ask_hero_to_approve(&story, "That was an older version of your story; here is the current one. Please check it before approving.")
                .await?;
            return Ok(Ok(()));
        }
        let text = story.pending_text.clone().unwrap_or_default();
        if story::too_long_to_post(&text).is_some() {
            self.ask_hero_to_approve(&story, &format!(
                "Your story is {} characters long, and one post holds {}: please shorten one of your answers with *Edit*, then approve.",
                text.chars().count(),
                story::MAX_POST_CHARS
            ))
            .await?;
            return Ok(Ok(()));
        }
        let reviewed = self.store.reviewed_text(story.story_id()).await?;
        if reviewed.is_some_and(|r| r != text) {
            return self.submit_edit(user, story, now).await;
        }
        story.set_stage(Stage::Approved);
        let what = format!("approved version {}", story.pending_version);
        let (story, where_) = self
            .approve_and_queue(story, user.as_str(), &what, now)
            .await?;
        self.dm(
            user,
            format!("Thank you, your story is approved! {where_} I'll tell you when it's live."),
            vec![],
        )
        .await?;
        self.tell_admins(
            &format!(
                "{} approved story {}. {where_}",
                story.hero().mention(),
                story.id
            ),
            vec![],
        )
        .await?;
        Ok(Ok(()))
    }

    /// Records the approval of `story` (already moved to approved) of its `pending_text`,
    /// and queues it. Returns the story as stored and where it will be posted, in words.
    async fn approve_and_queue(
        &self,
        mut story: StoryRow,
        actor: &str,
        what: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(StoryRow, String)> {
        Self::touch(&mut story, now);
        let text = story.pending_text.clone().unwrap_or_default();
        // The approval, the queue entries, the hero's conversation ended and the log, in
        // one transaction.
        let dests = self.destinations_for(&story).await?;
        let ids: Vec<i64> = dests.iter().map(|d| d.id).collect();
        let queued = transition(Stage::Approved, Action::Queue, Actor::System)
            .ok()
            .map(|s| s.as_str());
        let mut log = vec![(actor, what.to_string())];
        if !ids.is_empty() {
            log.push(("spotlight", "queued".to_string()));
        }
        let story = self
            .store
            .approve(&story, &text, &ids, queued, &log, now)
            .await?;
        let where_ = if ids.is_empty() {
            "It will be posted once the admins set up a channel.".to_string()
        } else {
            format!("It's in the queue for {}.", self.channel_list(&ids).await?)
        };
        Ok((story, where_))
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
            Err(e) => return Ok(Err(pipeline(e))),
        };
        story.set_stage(stage);
        Self::touch(&mut story, now);
        self.store.save_story(&story).await?;
        self.store.set_conversation(user, None).await?;
        self.store
            .log(
                story.story_id(),
                user.as_str(),
                &format!(
                    "approved version {} with their own edits, for the admins' review",
                    story.pending_version
                ),
                now,
            )
            .await?;
        self.dm(
            user,
            "Thank you, you approved your story with your changes! You changed it after the admins' review, so they'll look at the change first; then it goes to the queue exactly as you approved it. I'll let you know.",
            vec![],
        )
        .await?;
        let (card, buttons) = self.edit_review_card(&story).await?;
        self.tell_admins(
            &format!(
                "{} approved story {} with changes of their own. Please review them before it's queued.\n\n{card}",
                story.hero().mention(),
                story.id
            ),
            buttons,
        )
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
        let what = format!(
            "accepted the hero's edit (version {})",
            story.pending_version
        );
        let (story, where_) = self
            .approve_and_queue(story, admin.as_str(), &what, now)
            .await?;
        self.dm(
            &story.hero(),
            format!("The admins accepted your changes: your story is approved exactly as you approved it. {where_} I'll tell you when it's live."),
            vec![],
        )
        .await?;
        self.tell_admins(
            &format!(
                "{} accepted {}'s edit of story {}. {where_}",
                admin.mention(),
                story.hero().mention(),
                story.id
            ),
            vec![],
        )
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
        let story = match self.load(id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if let Err(e) = transition(story.stage(), action, self.actor(admin, &story)) {
            return Ok(Err(pipeline(e)));
        }
        if version != Some(story.pending_version) {
            return Ok(Err(refuse(
                "That is an older edit of this story. `/spotlight drafts` shows the one waiting.",
            )));
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
            return Ok(Err(refuse(
                "Send a note for the hero (what to look at again), or `cancel`.",
            )));
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
            .log(
                story.story_id(),
                admin.as_str(),
                "sent the hero's edit back with a note",
                now,
            )
            .await?;
        self.ask_hero_to_approve(
            &story,
            &format!(
                "The admins looked at your changes and sent them back with a note: “{}”",
                mrkdwn::escape(note.trim())
            ),
        )
        .await?;
        self.tell_admins(
            &format!(
                "{} sent {}'s edit of story {} back with a note: “{}”",
                admin.mention(),
                story.hero().mention(),
                story.id,
                mrkdwn::escape(note.trim())
            ),
            vec![],
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
            self.ask_hero_to_approve(
                &story,
                "That was an older version of your story; here is the current one.",
            )
            .await?;
            return Ok(Ok(()));
        }
        let answers = self.store.answers(story.story_id()).await?;
        let set = self.set_of(&story).await?;
        let candidates = story::candidates(set, &answers);
        let selected = story.selected();
        let (quotes, takeaway) = story::select(&candidates, selected.as_deref());
        let mut buttons = vec![Button::new(
            "Headline",
            "edit_pick",
            format!("{}:{HEADLINE_KEY}", story.id),
        )];
        for q in quotes.iter().chain(takeaway.iter()) {
            let label = set
                .questions
                .iter()
                .find(|x| x.key == q.key)
                .map(|x| role_label(x.role))
                .unwrap_or("Quote");
            buttons.push(Button::new(
                label,
                "edit_pick",
                format!("{}:{}", story.id, q.key),
            ));
        }
        buttons.push(Button::new(
            "Cancel",
            "edit_pick",
            format!("{}:cancel", story.id),
        ));
        let conv = Conversation::EditPick { story: story.id };
        self.store
            .set_conversation(user, Some(&serde_json::to_string(&conv)?))
            .await?;
        self.dm(user, "Which part would you like to reword?", buttons)
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
            self.ask_hero_to_approve(&story, "No change made.").await?;
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
                None => return Ok(Err(refuse("That part is not in your story."))),
            }
        };
        let conv = Conversation::EditText {
            story: story.id,
            key: key.to_string(),
        };
        self.store
            .set_conversation(user, Some(&serde_json::to_string(&conv)?))
            .await?;
        self.dm(
            user,
            format!(
                "Current wording: “{}”\nSend the new wording as one message; it replaces this word for word. (`cancel` to keep it.)",
                mrkdwn::escape(&current)
            ),
            vec![],
        )
        .await?;
        Ok(Ok(()))
    }
}
