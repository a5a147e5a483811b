//! Forms (what Slack shows as modals): which buttons open one, the form for each, and
//! what a submitted form does.

use super::*;

impl<T: Port> App<T> {
    /// Whether pressing `action` opens a form rather than a step-by-step DM flow.
    pub fn opens_form(action: &str) -> bool {
        matches!(
            action,
            "hero_edit" | "hero_changes" | "admin_review" | "edit_return"
        )
    }

    /// The form a button opens, or why this person may not open it.
    pub async fn form(
        &self,
        user: &UserId,
        action: &str,
        value: &str,
    ) -> anyhow::Result<Result<Form, String>> {
        let (id, version) = parse_value(value);
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let close = t("form-cancel", &[]);
        match action {
            "hero_edit" | "hero_changes" => {
                let what = if action == "hero_edit" {
                    Action::HeroEdit
                } else {
                    Action::RequestChanges
                };
                let story = match self.hero_stage_check(user, id, what).await? {
                    Ok(s) => s,
                    Err(Refused(e)) => return Ok(Err(e)),
                };
                if version != Some(story.pending_version) {
                    return Ok(Err(t("form-older-version", &[])));
                }
                let set = self.set_of(&story).await?;
                if action == "hero_changes" {
                    return Ok(Ok(Form {
                        title: t("changes-form-title", &[]),
                        intro: t("changes-form-intro", &[]),
                        submit: t("changes-form-submit", &[]),
                        close,
                        callback: "hero_changes".into(),
                        value: value.to_string(),
                        fields: vec![Field {
                            key: "comment".into(),
                            label: t("changes-form-comment", &[]),
                            kind: FieldKind::Text {
                                initial: String::new(),
                                multiline: true,
                                max_chars: set.max_answer_chars,
                            },
                            optional: false,
                        }],
                    }));
                }
                let answers = self.store.answers(story.story_id()).await?;
                let candidates = story::candidates(set, &answers);
                let selected = story.selected();
                let (quotes, takeaway) = story::select(&candidates, selected.as_deref());
                let mut fields = vec![Field {
                    key: HEADLINE_KEY.into(),
                    label: t("part-headline", &[]),
                    kind: FieldKind::Text {
                        initial: story::headline(story.headline.as_deref(), set, &answers),
                        multiline: false,
                        max_chars: story::MAX_HEADLINE_CHARS,
                    },
                    optional: false,
                }];
                for q in quotes.iter().chain(takeaway.iter()) {
                    let role = set
                        .questions
                        .iter()
                        .find(|x| x.key == q.key)
                        .map(|x| x.role);
                    fields.push(Field {
                        key: q.key.clone(),
                        label: t(role_label(role), &[]),
                        kind: FieldKind::Text {
                            initial: q.text.clone(),
                            multiline: true,
                            max_chars: set.max_answer_chars,
                        },
                        optional: false,
                    });
                }
                Ok(Ok(Form {
                    title: t("edit-form-title", &[]),
                    intro: t("edit-form-intro", &[]),
                    submit: t("form-save", &[]),
                    close,
                    callback: "hero_edit".into(),
                    value: value.to_string(),
                    fields,
                }))
            }
            "admin_review" => {
                let story = match self.revisable(user, &StoryRef::Id(StoryId(id))).await? {
                    Ok(s) => s,
                    Err(Refused(e)) => return Ok(Err(e)),
                };
                let set = self.set_of(&story).await?;
                let answers = self.store.answers(story.story_id()).await?;
                let candidates = story::candidates(set, &answers);
                let chosen = story
                    .selected()
                    .unwrap_or_else(|| candidates.iter().map(|q| q.key.clone()).collect());
                let options = candidates
                    .iter()
                    .map(|q| {
                        let preview: String = q.text.chars().take(70).collect();
                        (q.key.clone(), format!("{}: {preview}", q.key))
                    })
                    .collect();
                Ok(Ok(Form {
                    title: t("review-form-title", &[("id", Arg::from(story.id))]),
                    intro: t("review-form-intro", &[]),
                    submit: t("form-save", &[]),
                    close,
                    callback: "admin_review".into(),
                    value: story.id.to_string(),
                    fields: vec![
                        Field {
                            key: "quotes".into(),
                            label: t("review-form-quotes", &[]),
                            kind: FieldKind::Checkboxes { options, chosen },
                            optional: true,
                        },
                        Field {
                            key: HEADLINE_KEY.into(),
                            label: t("part-headline", &[]),
                            kind: FieldKind::Text {
                                initial: story::headline(story.headline.as_deref(), set, &answers),
                                multiline: false,
                                max_chars: story::MAX_HEADLINE_CHARS,
                            },
                            optional: false,
                        },
                    ],
                }))
            }
            "edit_return" => {
                let story = match self
                    .edit_under_review(user, id, version, Action::ReturnEdit)
                    .await?
                {
                    Ok(s) => s,
                    Err(Refused(e)) => return Ok(Err(e)),
                };
                let name = self.name_of(&story.hero()).await?;
                Ok(Ok(Form {
                    title: t("return-form-title", &[]),
                    intro: t("return-form-intro", &[("name", Arg::Text(&name))]),
                    submit: t("edit-review-button-return", &[]),
                    close,
                    callback: "edit_return".into(),
                    value: value.to_string(),
                    fields: vec![Field {
                        key: "note".into(),
                        label: t("return-form-note", &[]),
                        kind: FieldKind::Text {
                            initial: String::new(),
                            multiline: true,
                            max_chars: self.prompts.interview.max_answer_chars,
                        },
                        optional: false,
                    }],
                }))
            }
            _ => Ok(Err(t("form-none", &[]))),
        }
    }

    pub(super) async fn form_submitted(
        &self,
        user: &UserId,
        callback: &str,
        value: &str,
        fields: &std::collections::BTreeMap<String, FieldValue>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let text_of = |key: &str| match fields.get(key) {
            Some(FieldValue::Text(t)) => Some(t.clone()),
            _ => None,
        };
        let (id, version) = parse_value(value);
        match callback {
            "hero_changes" => {
                let comment = text_of("comment").unwrap_or_default();
                if comment.trim().is_empty() {
                    return Ok(Err(self.refusal(user, "changes-empty", &[]).await?));
                }
                let conv = Conversation::ChangeComment { story: id };
                self.continue_conversation(user, conv, &comment, now).await
            }
            "hero_edit" => {
                let mut story = match self.hero_stage_check(user, id, Action::HeroEdit).await? {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                if version != Some(story.pending_version) {
                    self.ask_hero_to_approve(&story, "approval-lead-changed-meanwhile", &[])
                        .await?;
                    return Ok(Ok(()));
                }
                let set = self.set_of(&story).await?;
                let max = set.max_answer_chars;
                let answers = self.store.answers(story.story_id()).await?;
                let mut changed = Vec::new();
                for (key, v) in fields {
                    let FieldValue::Text(text) = v else { continue };
                    if key == HEADLINE_KEY {
                        let current = story::headline(story.headline.as_deref(), set, &answers);
                        if text.trim() != current && !text.trim().is_empty() {
                            if text.contains('\n')
                                || text.chars().count() > story::MAX_HEADLINE_CHARS
                            {
                                return Ok(Err(self
                                    .refusal(
                                        user,
                                        "edit-form-headline-too-long",
                                        &[("max", Arg::from(story::MAX_HEADLINE_CHARS))],
                                    )
                                    .await?));
                            }
                            story.headline = Some(text.trim().to_string());
                            story.headline_by = Some("hero".to_string());
                            changed.push(key.clone());
                        }
                    } else if answers.get(key).is_some_and(|a| a != text) {
                        if text.trim().is_empty() || text.chars().count() > max {
                            return Ok(Err(self
                                .refusal(user, "edit-form-quote-length", &[("max", Arg::from(max))])
                                .await?));
                        }
                        changed.push(key.clone());
                    }
                }
                for key in changed.iter().filter(|k| k.as_str() != HEADLINE_KEY) {
                    if let Some(FieldValue::Text(text)) = fields.get(key) {
                        self.store
                            .add_answer(story.story_id(), key, text, "hero_edit", None, now)
                            .await?;
                    }
                }
                if changed.is_empty() {
                    self.ask_hero_to_approve(&story, "approval-lead-no-change", &[])
                        .await?;
                    return Ok(Ok(()));
                }
                self.store
                    .log(
                        story.story_id(),
                        user.as_str(),
                        &Event::Edited {
                            keys: changed.clone(),
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
            "admin_review" => {
                let story = StoryRef::Id(StoryId(id));
                if let Some(FieldValue::Choices(keys)) = fields.get("quotes") {
                    let row = match self.revisable(user, &story).await? {
                        Ok(r) => r,
                        Err(e) => return Ok(Err(e)),
                    };
                    let answers = self.store.answers(row.story_id()).await?;
                    let numbers: Vec<usize> = story::candidates(self.set_of(&row).await?, &answers)
                        .iter()
                        .enumerate()
                        .filter(|(_, q)| keys.contains(&q.key))
                        .map(|(i, _)| i + 1)
                        .collect();
                    if let Err(e) = self
                        .pick_quotes(user, &story, Picks::Numbers(numbers), now)
                        .await?
                    {
                        return Ok(Err(e));
                    }
                }
                match text_of(HEADLINE_KEY) {
                    Some(h) if !h.trim().is_empty() => {
                        self.propose_headline(user, &story, h.trim(), now).await
                    }
                    _ => Ok(Ok(())),
                }
            }
            "edit_return" => {
                let note = text_of("note").unwrap_or_default();
                self.return_edit(user, id, version.unwrap_or_default(), &note, now)
                    .await
            }
            _ => Ok(Err(self.refusal(user, "form-unknown", &[]).await?)),
        }
    }
}
