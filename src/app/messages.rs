//! Direct messages: the interview step by step, edits of answers in chat, and messages
//! edited in Slack.
//!
//! A message that is one of the question set's `[words]` (stop, pause, …) is a wish, in
//! every stage: it is never stored as an answer, a new wording or a note to the admins.
//! Opting out always takes a button press.

use super::*;

impl<T: Port> App<T> {
    pub(super) async fn message(
        &self,
        user: &UserId,
        text: &str,
        message_ref: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        // One read for the common case: the conversation, the story and its answers.
        let context = self.store.message_context(user).await?;
        if let Some(raw) = context.conversation {
            if let Ok(conv) = serde_json::from_str::<Conversation>(&raw) {
                return self.continue_conversation(user, conv, text, now).await;
            }
            self.store.set_conversation(user, None).await?;
        }
        let Some(mut story) = context.story else {
            let text = self.text_for(user, "hello-no-story", &[]).await?;
            self.reply(user, text).await?;
            return Ok(Ok(()));
        };
        let words = &self.set_of(&story).await?.words;
        match story.stage() {
            Stage::Nominated | Stage::Invited => {
                let word = text.trim().to_lowercase();
                let lang = self.language_of(user).await?;
                let t = |id: &str| self.prompts.texts.get(lang, id, &[]);
                if START_WORDS.contains(&word.as_str()) {
                    return self.start(user, story.id, now).await;
                }
                match Input::classify(text, words) {
                    Input::Stop => {
                        self.dm(
                            user,
                            t("invitation-stop-question"),
                            vec![
                                Button::new(t("interview-button-opt-out"), "opt_out", story.id),
                                Button::new(t("invitation-button-start"), "start", story.id),
                            ],
                        )
                        .await?;
                        return Ok(Ok(()));
                    }
                    Input::Pause => {
                        self.reply(user, t("invitation-later")).await?;
                        return Ok(Ok(()));
                    }
                    _ => {}
                }
                self.send_invitation(&story, Some("invitation-when-ready"))
                    .await?;
                Ok(Ok(()))
            }
            Stage::Interviewing => {
                let input = Input::classify(text, words);
                self.interview_step(user, &mut story, context.answers, input, message_ref, now)
                    .await
            }
            Stage::AwaitingApproval => {
                let lead = match Input::classify(text, words) {
                    Input::Stop => "approval-lead-opt-out-below",
                    _ => "approval-lead-waiting",
                };
                self.ask_hero_to_approve(&story, lead, &[]).await?;
                Ok(Ok(()))
            }
            stage => {
                let lang = self.language_of(user).await?;
                let text = self.text(
                    lang,
                    "interview-done",
                    &[
                        ("stage", Arg::Text(stage.as_str())),
                        ("stage-name", Arg::Text(&self.stage_name(lang, stage))),
                    ],
                );
                self.reply(user, text).await?;
                Ok(Ok(()))
            }
        }
    }

    pub(super) async fn start(
        &self,
        user: &UserId,
        story_id: i64,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let mut story = match self.load(user, story_id).await? {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let stage = match transition(
            story.stage(),
            Action::StartInterview,
            self.actor(user, &story),
        ) {
            Ok(s) => s,
            Err(e) => return Ok(Err(self.refused(user, e).await?)),
        };
        if story.stage() != stage {
            story.set_stage(stage);
            self.store
                .log(
                    story.story_id(),
                    user.as_str(),
                    &Event::StartedInterview,
                    now,
                )
                .await?;
        }
        self.interview_step(user, &mut story, None, Input::Start, None, now)
            .await
    }

    pub(super) async fn interview_step(
        &self,
        user: &UserId,
        story: &mut StoryRow,
        answers: Option<Answers>,
        input: Input<'_>,
        message_ref: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        if let Err(e) = transition(
            story.stage(),
            Action::StartInterview,
            self.actor(user, story),
        ) {
            return Ok(Err(self.refused(user, e).await?));
        }
        let set = self.set_of(story).await?;
        let answers = match answers {
            Some(a) => a,
            None => self.store.answers(story.story_id()).await?,
        };
        let mut state = story.interview();
        let effects = interview::step(&mut state, set, &answers, input, now);
        let texts = &self.prompts.texts;
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
        let mut lines: Vec<String> = Vec::new();
        let mut saves: Vec<(String, String)> = Vec::new();
        let mut finished = false;
        let mut cut_short = false;
        let mut buttons = vec![];
        for effect in effects {
            match effect {
                Effect::Intro => lines.push(set.fill(set.intro_in(lang))),
                Effect::Ask {
                    question,
                    number,
                    current,
                } => {
                    let (text, hint) = set.question_in(&question, lang);
                    let mut out = format!(
                        "{}\n{}",
                        t(
                            "interview-question",
                            &[
                                ("number", number.into()),
                                ("count", set.questions.len().into())
                            ]
                        ),
                        set.ask(text, &story.note)
                    );
                    if let Some(h) = hint {
                        out.push_str(&format!("\n_{}_", set.ask(h, &story.note)));
                    }
                    if let Some(c) = current {
                        out.push('\n');
                        out.push_str(&t(
                            "interview-current-answer",
                            &[("answer", Arg::Text(&mrkdwn::escape(&c)))],
                        ));
                    }
                    lines.push(out);
                }
                Effect::WrapUp => lines.push(set.fill(set.wrap_up_in(lang))),
                // Durably stored, with the story, before the next question goes out.
                Effect::Save { key, text } => saves.push((key, text)),
                Effect::Kept { .. } => lines.push(t("interview-kept", &[])),
                Effect::Skipped { .. } => lines.push(t("interview-skipped", &[])),
                Effect::Paused => lines.push(t("interview-paused", &[])),
                Effect::ConfirmStop => {
                    lines.push(t("interview-stop-question", &[]));
                    buttons = vec![
                        Button::new(t("interview-button-opt-out", &[]), "opt_out", story.id),
                        Button::new(t("interview-button-keep-going", &[]), "resume", story.id),
                    ];
                }
                Effect::Finished { short } => {
                    lines.push(set.fill(set.done_in(lang)));
                    finished = true;
                    cut_short = short;
                }
                Effect::Refused(r) => lines.push(match r {
                    Refusal::TooLong { chars, max } => t(
                        "interview-too-long",
                        &[("chars", chars.into()), ("max", max.into())],
                    ),
                    Refusal::Empty => t("interview-empty", &[]),
                    Refusal::NothingBefore => t("interview-nothing-before", &[]),
                    Refusal::AlreadyFinished => t("interview-already-finished", &[]),
                }),
            }
        }
        story.set_interview(&state);
        Self::touch(story, now);
        if finished {
            // The last answer and the draft stage are saved together: a story is never
            // left finished but not drafted.
            for action in [Action::FinishInterview, Action::Draft] {
                let stage = transition(story.stage(), action, Actor::System)
                    .context("finishing an interview")?;
                story.set_stage(stage);
            }
        }
        // What the hero and the admins are sent is decided before the step is saved and
        // goes to the outbox in the step's own transaction (in Slack), with the answer and,
        // for a finished interview, its line in the story's log: after a crash the hero
        // never waits for a question that was decided but lost.
        if !lines.is_empty() {
            self.dm(user, lines.join("\n\n"), buttons).await?;
        }
        if finished {
            // The answers as they will be stored: the ones read before and this step's.
            let mut answers = answers;
            answers.extend(saves.iter().cloned());
            self.finish_interview(story, &answers, cut_short).await?;
        }
        let event = finished.then_some(FINISHED_EVENT);
        let messages = crate::delivery::take_decided();
        self.store
            .save_interview_step(story, &saves, message_ref, event, &messages, now)
            .await?;
        Ok(Ok(()))
    }

    /// Sends the draft of a finished interview (saved as drafted) to the admins, saying
    /// so when the budget left questions out (`cut_short`).
    async fn finish_interview(
        &self,
        story: &StoryRow,
        answers: &Answers,
        cut_short: bool,
    ) -> anyhow::Result<()> {
        let card = self.review_card_of(story, answers).await?;
        let budget = self.set_of(story).await?.budget_minutes;
        let hero = story.hero().mention();
        self.tell_admins_in(|lang| {
            let (card, buttons) = card.render(self, lang);
            let lead = match cut_short {
                true => self.text(
                    lang,
                    "admins-interview-finished-short",
                    &[
                        ("hero", Arg::Text(&hero)),
                        ("minutes", Arg::from(budget as i64)),
                    ],
                ),
                false => self.text(
                    lang,
                    "admins-interview-finished",
                    &[("hero", Arg::Text(&hero))],
                ),
            };
            (format!("{lead}\n\n{card}"), buttons)
        })
        .await
    }

    pub(super) async fn continue_conversation(
        &self,
        user: &UserId,
        conv: Conversation,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let story_id = match &conv {
            Conversation::EditPick { story }
            | Conversation::EditText { story, .. }
            | Conversation::ChangeComment { story } => *story,
            // An admin's note on a hero's edit: not the hero's conversation.
            Conversation::EditReturn { story, version } => {
                if is_cancel(text) {
                    self.store.set_conversation(user, None).await?;
                    let text = self.text_for(user, "edit-return-cancelled", &[]).await?;
                    self.reply(user, text).await?;
                    return Ok(Ok(()));
                }
                return self.return_edit(user, *story, *version, text, now).await;
            }
        };
        let mut story = match self.load(user, story_id).await? {
            Ok(s) => s,
            Err(e) => {
                self.store.set_conversation(user, None).await?;
                return Ok(Err(e));
            }
        };
        // A wish to stop or pause is not new wording nor a note to the admins.
        let lead = match Input::classify(text, &self.set_of(&story).await?.words) {
            _ if is_cancel(text) => Some("approval-lead-no-change"),
            Input::Stop => Some("approval-lead-opt-out-below"),
            Input::Pause => Some("approval-lead-no-change"),
            _ => None,
        };
        if let Some(lead) = lead {
            self.store.set_conversation(user, None).await?;
            self.ask_hero_to_approve(&story, lead, &[]).await?;
            return Ok(Ok(()));
        }
        match conv {
            Conversation::EditReturn { .. } => unreachable!("an admin's note is answered above"),
            Conversation::EditPick { .. } => {
                let text = self.text_for(user, "edit-pick-with-buttons", &[]).await?;
                self.reply(user, text).await?;
                Ok(Ok(()))
            }
            Conversation::EditText { key, .. } => {
                if let Err(e) =
                    transition(story.stage(), Action::HeroEdit, self.actor(user, &story))
                {
                    self.store.set_conversation(user, None).await?;
                    return Ok(Err(self.refused(user, e).await?));
                }
                let max = self.set_of(&story).await?.max_answer_chars;
                let chars = text.chars().count();
                if text.trim().is_empty() {
                    return Ok(Err(self.refusal(user, "edit-empty", &[]).await?));
                }
                if key == HEADLINE_KEY {
                    if text.contains('\n') || chars > story::MAX_HEADLINE_CHARS {
                        return Ok(Err(self
                            .refusal(
                                user,
                                "edit-headline-too-long",
                                &[("max", Arg::from(story::MAX_HEADLINE_CHARS))],
                            )
                            .await?));
                    }
                    story.headline = Some(text.to_string());
                    story.headline_by = Some("hero".to_string());
                } else {
                    if chars > max {
                        return Ok(Err(self
                            .refusal(
                                user,
                                "edit-too-long",
                                &[("chars", Arg::from(chars)), ("max", Arg::from(max))],
                            )
                            .await?));
                    }
                    self.store
                        .add_answer(story.story_id(), &key, text, "hero_edit", None, now)
                        .await?;
                }
                self.store.set_conversation(user, None).await?;
                self.store
                    .log(
                        story.story_id(),
                        user.as_str(),
                        &Event::Edited {
                            keys: vec![key.clone()],
                        },
                        now,
                    )
                    .await?;
                if let Err(e) = self.refresh_pending(&mut story, now).await? {
                    return Ok(Err(e));
                }
                self.ask_hero_to_approve(&story, "approval-lead-updated", &[])
                    .await?;
                Ok(Ok(()))
            }
            Conversation::ChangeComment { .. } => {
                let stage = match transition(
                    story.stage(),
                    Action::RequestChanges,
                    self.actor(user, &story),
                ) {
                    Ok(s) => s,
                    Err(e) => {
                        self.store.set_conversation(user, None).await?;
                        return Ok(Err(self.refused(user, e).await?));
                    }
                };
                story.set_stage(stage);
                story.change_request = Some(text.to_string());
                Self::touch(&mut story, now);
                self.store.save_story(&story).await?;
                self.store.set_conversation(user, None).await?;
                self.store
                    .log(
                        story.story_id(),
                        user.as_str(),
                        &Event::AskedForChanges,
                        now,
                    )
                    .await?;
                let answers = self.store.answers(story.story_id()).await?;
                let card = self.review_card_of(&story, &answers).await?;
                let hero = story.hero().mention();
                self.tell_admins_in(|lang| {
                    let (card, buttons) = card.render(self, lang);
                    let lead = self.text(
                        lang,
                        "admins-changes-requested",
                        &[("hero", Arg::Text(&hero)), ("id", Arg::from(story.id))],
                    );
                    (format!("{lead}\n\n{card}"), buttons)
                })
                .await?;
                let text = self.text_for(user, "changes-sent", &[]).await?;
                self.reply(user, text).await?;
                Ok(Ok(()))
            }
        }
    }

    // ---- edits made in Slack ----

    pub(super) async fn edited(
        &self,
        user: &UserId,
        message_ref: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let Some((story_id, key)) = self.store.answer_by_message(message_ref).await? else {
            return Ok(Ok(()));
        };
        let mut story = match self.load(user, story_id.0).await? {
            Ok(s) => s,
            Err(_) => return Ok(Ok(())),
        };
        if story.hero_id != user.as_str() {
            return Ok(Ok(()));
        }
        let max = self.set_of(&story).await?.max_answer_chars;
        let chars = text.chars().count();
        if chars > max || text.trim().is_empty() {
            return Ok(Err(self
                .refusal(
                    user,
                    "edited-answer-refused",
                    &[("chars", Arg::from(chars)), ("max", Arg::from(max))],
                )
                .await?));
        }
        self.store
            .add_answer(story_id, &key, text, "slack_edit", Some(message_ref), now)
            .await?;
        self.store
            .log(
                story_id,
                user.as_str(),
                &Event::EditedInChat { key: key.clone() },
                now,
            )
            .await?;
        match story.stage() {
            Stage::AwaitingApproval => {
                if let Err(e) = self.refresh_pending(&mut story, now).await? {
                    return Ok(Err(e));
                }
                self.ask_hero_to_approve(&story, "approval-lead-answer-edited", &[])
                    .await?;
            }
            Stage::Approved | Stage::Queued | Stage::Published => {
                let text = self.text_for(user, "edited-after-approval", &[]).await?;
                self.reply(user, text).await?;
            }
            Stage::EditAwaitingReview => {
                let text = self.text_for(user, "edited-during-review", &[]).await?;
                self.reply(user, text).await?;
            }
            _ => {}
        }
        Ok(Ok(()))
    }
}

/// What a person may type, alone, to leave what they are in the middle of (any case), in
/// every language.
const CANCEL_WORDS: [&str; 2] = ["cancel", "annuler"];

fn is_cancel(text: &str) -> bool {
    let text = text.trim();
    CANCEL_WORDS.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// What a hero may type, alone, to start their interview (any case), in every language.
const START_WORDS: [&str; 10] = [
    "start",
    "yes",
    "ok",
    "go",
    "start now",
    "ready",
    "commencer",
    "oui",
    "prêt",
    "prête",
];
