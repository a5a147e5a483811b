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
                    return Ok(Err("This is an older version of your story; use the buttons on the newest message.".into()));
                }
                let set = self.set_of(&story).await?;
                if action == "hero_changes" {
                    return Ok(Ok(Form {
                        title: "Request changes".into(),
                        intro: "Tell the admins what you'd like changed. They'll revise the story and send it back to you.".into(),
                        submit: "Send".into(),
                        callback: "hero_changes".into(),
                        value: value.to_string(),
                        fields: vec![Field {
                            key: "comment".into(),
                            label: "What should change?".into(),
                            kind: FieldKind::Text { initial: String::new(), multiline: true, max_chars: set.max_answer_chars },
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
                    label: "Headline".into(),
                    kind: FieldKind::Text {
                        initial: story::headline(story.headline.as_deref(), set, &answers),
                        multiline: false,
                        max_chars: story::MAX_HEADLINE_CHARS,
                    },
                    optional: false,
                }];
                for q in quotes.iter().chain(takeaway.iter()) {
                    let label = set
                        .questions
                        .iter()
                        .find(|x| x.key == q.key)
                        .map(|x| role_label(x.role))
                        .unwrap_or("Quote");
                    fields.push(Field {
                        key: q.key.clone(),
                        label: label.to_string(),
                        kind: FieldKind::Text {
                            initial: q.text.clone(),
                            multiline: true,
                            max_chars: set.max_answer_chars,
                        },
                        optional: false,
                    });
                }
                Ok(Ok(Form {
                    title: "Edit your story".into(),
                    intro: "Change any of your words. What you write here replaces the quote word for word, and you'll see the whole story again before approving.".into(),
                    submit: "Save".into(),
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
                    title: format!("Review story {}", story.id),
                    intro: "Choose the answers to quote and propose a headline. The hero's words can't be changed here; the hero sees and approves the result.".into(),
                    submit: "Save".into(),
                    callback: "admin_review".into(),
                    value: story.id.to_string(),
                    fields: vec![
                        Field {
                            key: "quotes".into(),
                            label: "Quote these answers".into(),
                            kind: FieldKind::Checkboxes { options, chosen },
                            optional: true,
                        },
                        Field {
                            key: HEADLINE_KEY.into(),
                            label: "Headline".into(),
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
                Ok(Ok(Form {
                    title: "Send the edit back".into(),
                    intro: format!("{} sees your note with their story, and can reword it again, approve it as it is, ask for changes or opt out. Their words stay theirs.", self.name_of(&story.hero()).await?),
                    submit: "Send back".into(),
                    callback: "edit_return".into(),
                    value: value.to_string(),
                    fields: vec![Field {
                        key: "note".into(),
                        label: "What should they look at again?".into(),
                        kind: FieldKind::Text { initial: String::new(), multiline: true, max_chars: self.prompts.interview.max_answer_chars },
                        optional: false,
                    }],
                }))
            }
            _ => Ok(Err("That button has no form.".into())),
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
                    return Ok(Err(refuse("Your note was empty, so nothing was sent.")));
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
                    self.ask_hero_to_approve(&story, "Your story changed while you were editing; here is the current one. Nothing was changed.")
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
                                return Ok(Err(refuse("A headline is one line of at most 150 characters. Nothing was changed.")));
                            }
                            story.headline = Some(text.trim().to_string());
                            story.headline_by = Some("hero".to_string());
                            changed.push(key.clone());
                        }
                    } else if answers.get(key).is_some_and(|a| a != text) {
                        if text.trim().is_empty() || text.chars().count() > max {
                            return Ok(Err(refuse(format!(
                                "Each quote needs 1 to {max} characters. Nothing was changed."
                            ))));
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
                    self.ask_hero_to_approve(&story, "No change made.").await?;
                    return Ok(Ok(()));
                }
                self.store
                    .log(
                        story.story_id(),
                        user.as_str(),
                        &format!("edited {}", changed.join(", ")),
                        now,
                    )
                    .await?;
                if let Err(e) = self.refresh_pending(&mut story, now).await? {
                    return Ok(Err(e));
                }
                self.ask_hero_to_approve(&story, "Updated with your words.")
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
            _ => Ok(Err(refuse("That form is no longer valid."))),
        }
    }
}
