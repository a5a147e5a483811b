//! Forgetting a person (`/spotlight forget @person`, or `forget me`): what Spotlight holds
//! of them (`Footprint`), shown before anything is removed and again as the result, and
//! the words of the confirmation, the result and the report on the deletions.
//!
//! Texts written after the removal never name the person: they go through the outbox,
//! which keeps delivered messages for a week, and must not keep the person there.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::destination::DestinationKind;
use super::pipeline::Stage;
use super::texts::{Arg, Texts};

/// One of the person's story posts, as published (or waiting to be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostTrace {
    pub kind: DestinationKind,
    /// How messages name the destination (Slack mrkdwn).
    pub label: String,
    /// `sent`, `pending` or `sending` (in doubt, or being sent right now).
    pub status: String,
    pub posted_at: Option<DateTime<Utc>>,
}

impl PostTrace {
    fn published(&self) -> bool {
        self.status == "sent"
    }
}

/// Everything Spotlight holds of one person, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footprint {
    /// Their stories (id, stage).
    pub stories: Vec<(i64, Stage)>,
    /// Answers (one per question) and every stored wording of them.
    pub answers: i64,
    pub revisions: i64,
    /// Story texts: drafts shown to them, approved texts, texts as the admins sent them.
    pub drafts: i64,
    pub usage_figures: i64,
    pub posts: Vec<PostTrace>,
    /// Messages to or about them still kept (waiting, or delivered within the week),
    /// requests of theirs kept, reply notices, reactions and replies counted.
    pub messages: i64,
    pub other: i64,
    /// Whether Spotlight knows them at all (a profile, a name).
    pub known: bool,
}

/// The action of the button that confirms a forgetting (its value: the person's id).
pub const FORGET_ACTION: &str = "forget_confirm";

/// Who a forgetting is about, for the words that name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who<'a> {
    /// The person asking, about themselves.
    You,
    /// Someone else, as a mention.
    Person(&'a str),
}

impl Footprint {
    pub fn is_empty(&self) -> bool {
        !self.known
            && self.stories.is_empty()
            && self.usage_figures == 0
            && self.messages == 0
            && self.other == 0
    }

    /// A post whose outcome is not known yet: forgetting waits for it, since it may be
    /// live with no reference to delete it by.
    pub fn in_flight(&self) -> Option<&PostTrace> {
        self.posts.iter().find(|p| p.status == "sending")
    }

    /// Published posts that can be deleted (Slack, Chatter).
    pub fn deletable(&self) -> impl Iterator<Item = &PostTrace> {
        self.posts
            .iter()
            .filter(|p| p.published() && p.kind.can_be_recalled())
    }

    /// Published posts that cannot be taken back (emails sent).
    pub fn unrecallable(&self) -> impl Iterator<Item = &PostTrace> {
        self.posts
            .iter()
            .filter(|p| p.published() && !p.kind.can_be_recalled())
    }

    /// The lines listing what is (or was) held: stories, answers, drafts, figures.
    fn held(&self, texts: &Texts, lang: &str) -> Vec<String> {
        let count = |id: &str, n: i64| texts.get(lang, id, &[("count", Arg::from(n))]);
        let mut lines = Vec::new();
        if !self.stories.is_empty() {
            let list: Vec<String> = self
                .stories
                .iter()
                .map(|(id, stage)| {
                    let stage = texts.get(lang, "stage", &[("stage", Arg::from(stage.as_str()))]);
                    texts.get(
                        lang,
                        "forget-story",
                        &[
                            ("id", Arg::from(&id.to_string())),
                            ("stage", Arg::from(&stage)),
                        ],
                    )
                })
                .collect();
            lines.push(texts.get(
                lang,
                "forget-stories",
                &[
                    ("count", Arg::from(self.stories.len())),
                    ("list", Arg::from(&list.join(", "))),
                ],
            ));
        }
        lines.push(texts.get(
            lang,
            "forget-answers",
            &[
                ("count", Arg::from(self.answers)),
                ("wordings", Arg::from(self.revisions)),
            ],
        ));
        lines.push(count("forget-drafts", self.drafts));
        lines.push(count("forget-usage-figures", self.usage_figures));
        lines.push(count("forget-messages", self.messages));
        if self.other > 0 {
            lines.push(count("forget-other", self.other));
        }
        lines
    }

    fn posts_lines(&self, texts: &Texts, lang: &str) -> Vec<String> {
        let line = |id: &str, p: &PostTrace| {
            texts.get(
                lang,
                id,
                &[
                    ("place", Arg::from(&p.label)),
                    ("sent", Arg::from(&sent(texts, lang, p.posted_at))),
                ],
            )
        };
        let mut lines = Vec::new();
        for p in self.deletable() {
            lines.push(line("forget-post-deleted", p));
        }
        for p in self.unrecallable() {
            lines.push(line("forget-post-email", p));
        }
        for p in self.posts.iter().filter(|p| p.status == "pending") {
            lines.push(line("forget-post-pending", p));
        }
        lines
    }

    /// What an admin (or the person) sees before confirming, in `lang`.
    pub fn preview(&self, texts: &Texts, lang: &str, who: Who) -> String {
        let mut text = match who {
            Who::You => texts.get(lang, "forget-preview-you", &[]),
            Who::Person(p) => texts.get(lang, "forget-preview", &[("who", Arg::from(p))]),
        };
        for line in self.held(texts, lang) {
            text.push_str(&format!("\n• {line}"));
        }
        let posts = self.posts_lines(texts, lang);
        text.push('\n');
        if posts.is_empty() {
            text.push_str(&texts.get(lang, "forget-preview-no-posts", &[]));
        } else {
            text.push_str(&texts.get(lang, "forget-preview-posts", &[]));
            for line in posts {
                text.push_str(&format!("\n• {line}"));
            }
        }
        text.push('\n');
        text.push_str(&texts.get(lang, "forget-preview-closing", &[]));
        text
    }

    /// The result right after the removal, in `lang` (never naming the person).
    pub fn result(&self, texts: &Texts, lang: &str) -> String {
        let mut text = texts.get(lang, "forget-result", &[]);
        for line in self.held(texts, lang) {
            text.push_str(&format!("\n• {line}"));
        }
        let deleting: Vec<&PostTrace> = self.deletable().collect();
        if !deleting.is_empty() {
            let list: Vec<String> = deleting.iter().map(|p| p.label.clone()).collect();
            text.push('\n');
            text.push_str(&texts.get(
                lang,
                "forget-result-deleting",
                &[("places", Arg::from(&list.join(", ")))],
            ));
        }
        for p in self.unrecallable() {
            text.push('\n');
            text.push_str(&texts.get(
                lang,
                "forget-result-not-recalled",
                &[
                    ("place", Arg::from(&p.label)),
                    ("sent", Arg::from(&sent(texts, lang, p.posted_at))),
                ],
            ));
        }
        text
    }
}

/// Why deleting a post failed: what its service answered. Kept with the deletion (as
/// `stored`) until the report, which says it in each reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "failure", rename_all = "snake_case")]
pub enum Failure {
    /// The service refused (`code`), with what to do when something can be done.
    Refused {
        code: String,
        fix: Option<String>,
        error: String,
    },
    /// The service gave no clear answer.
    Unclear { why: String },
    /// Anything else, in the error's words.
    Other { why: String },
}

impl Failure {
    /// As the store keeps it.
    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// From the store: one kept in words (before failures were kept as values) is read
    /// as those words.
    pub fn read(stored: &str) -> Failure {
        serde_json::from_str(stored).unwrap_or_else(|_| Failure::Other {
            why: stored.to_string(),
        })
    }

    /// In `lang`, the destination's service named for `kind`.
    pub fn render(&self, texts: &Texts, lang: &str, kind: DestinationKind) -> String {
        let service = service(texts, lang, kind);
        let service = Arg::from(&service);
        match self {
            Failure::Refused {
                code,
                fix: Some(fix),
                ..
            } => texts.get(
                lang,
                "forget-refused-fix",
                &[
                    ("service", service),
                    ("code", Arg::from(code)),
                    ("fix", Arg::from(fix)),
                ],
            ),
            Failure::Refused { code, error, .. } => texts.get(
                lang,
                "forget-refused",
                &[
                    ("service", service),
                    ("code", Arg::from(code)),
                    ("error", Arg::from(error)),
                ],
            ),
            Failure::Unclear { why } => texts.get(
                lang,
                "forget-unclear",
                &[("service", service), ("why", Arg::from(why))],
            ),
            Failure::Other { why } => why.clone(),
        }
    }
}

/// What became of one post's deletion, for the report once a batch is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retracted {
    pub kind: DestinationKind,
    pub label: String,
    /// None when deleted; else why not (given up: it is to be deleted by hand).
    pub failure: Option<Failure>,
}

/// The report once every deletion of one forgetting is settled, in `lang`.
pub fn retractions_report(
    texts: &Texts,
    lang: &str,
    done: &[Retracted],
    asked_at: DateTime<Utc>,
) -> String {
    let when = super::command::time(texts, lang, &asked_at, "UTC");
    let mut text = texts.get(lang, "forget-report", &[("when", Arg::from(&when))]);
    for r in done {
        text.push('\n');
        text.push_str(&match &r.failure {
            None => texts.get(
                lang,
                "forget-report-deleted",
                &[("place", Arg::from(&r.label))],
            ),
            Some(failure) => texts.get(
                lang,
                "forget-report-not-deleted",
                &[
                    ("place", Arg::from(&r.label)),
                    ("why", Arg::from(&failure.render(texts, lang, r.kind))),
                    ("service", Arg::from(&service(texts, lang, r.kind))),
                ],
            ),
        });
    }
    text
}

/// What an admin is told in `lang` when deleting a post failed: why, and that it is
/// tried again in `retry_in`.
pub fn retraction_failed(
    texts: &Texts,
    lang: &str,
    kind: DestinationKind,
    label: &str,
    why: &Failure,
    retry_in: chrono::Duration,
) -> String {
    let s = retry_in.num_seconds().max(1);
    let (n, unit) = if s < 120 {
        (s, "seconds")
    } else {
        (s / 60, "minutes")
    };
    let wait = texts.get(
        lang,
        "forget-wait",
        &[("n", Arg::from(n)), ("unit", Arg::from(unit))],
    );
    texts.get(
        lang,
        "forget-retry",
        &[
            ("place", Arg::from(label)),
            ("why", Arg::from(&why.render(texts, lang, kind))),
            ("service", Arg::from(&service(texts, lang, kind))),
            ("wait", Arg::from(&wait)),
        ],
    )
}

/// Who answers for a kind of destination ("Slack"), in `lang`.
fn service(texts: &Texts, lang: &str, kind: DestinationKind) -> String {
    texts.get(lang, "service", &[("kind", Arg::from(kind.as_str()))])
}

/// When a post was sent, in brackets after it (nothing when unknown).
fn sent(texts: &Texts, lang: &str, at: Option<DateTime<Utc>>) -> String {
    at.map(|t| {
        let when = super::command::time(texts, lang, &t, "UTC");
        format!(
            " ({})",
            texts.get(lang, "forget-sent", &[("when", Arg::from(&when))])
        )
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::shipped_texts;
    use chrono::TimeZone;

    fn post(kind: DestinationKind, label: &str, status: &str) -> PostTrace {
        PostTrace {
            kind,
            label: label.to_string(),
            status: status.to_string(),
            posted_at: Some(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()),
        }
    }

    fn maria() -> Footprint {
        Footprint {
            stories: vec![(1, Stage::Published)],
            answers: 4,
            revisions: 5,
            drafts: 2,
            usage_figures: 3,
            posts: vec![
                post(DestinationKind::SlackChannel, "<#wins>", "sent"),
                post(DestinationKind::Chatter, "the Chatter group “Wins”", "sent"),
                post(DestinationKind::Email, "news@acme.com", "sent"),
            ],
            messages: 1,
            other: 0,
            known: true,
        }
    }

    #[test]
    fn the_preview_lists_what_goes_and_says_the_email_cannot_be_recalled() {
        let text = maria().preview(&shipped_texts(), "en", Who::Person("<@maria>"));
        for part in [
            "*Forget <@maria>?*",
            "1 story: story 1 (published)",
            "4 answers (5 stored wordings",
            "2 story texts",
            "3 usage figures",
            "<#wins> (sent Mon 2026-11-23 10:00 UTC): deleted there",
            "the Chatter group “Wins” (sent",
            "the email to news@acme.com (sent Mon 2026-11-23 10:00 UTC): *cannot be recalled*",
            "Nothing is removed until you press *Forget*",
        ] {
            assert!(text.contains(part), "{part:?} not in:\n{text}");
        }
    }

    #[test]
    fn the_result_never_names_the_person_and_says_what_is_under_way() {
        let text = maria().result(&shipped_texts(), "en");
        assert!(!text.contains("maria"), "{text}");
        assert!(
            text.contains("*Deleting the published posts* in <#wins>, the Chatter group “Wins”:"),
            "{text}"
        );
        assert!(
            text.contains("*Not recalled:* the email to news@acme.com"),
            "{text}"
        );
    }

    #[test]
    fn a_post_in_flight_holds_the_forgetting_and_pending_posts_are_only_dequeued() {
        let mut f = maria();
        assert!(f.in_flight().is_none());
        f.posts
            .push(post(DestinationKind::SlackChannel, "<#news>", "pending"));
        assert_eq!(f.deletable().count(), 2);
        assert!(f
            .preview(&shipped_texts(), "en", Who::You)
            .contains("the post waiting for <#news>: never sent"));
        f.posts.push(post(
            DestinationKind::Chatter,
            "the Chatter group 1",
            "sending",
        ));
        assert_eq!(
            f.in_flight().map(|p| p.label.as_str()),
            Some("the Chatter group 1")
        );
    }

    #[test]
    fn a_french_admin_reads_what_goes_in_french() {
        let texts = shipped_texts();
        let text = maria().preview(&texts, "fr", Who::Person("<@maria>"));
        for part in [
            "*Oublier <@maria> ?* Cela efface définitivement tout ce que Spotlight détient sur <@maria> :",
            "• 1 histoire : histoire 1 (publiée)",
            "• 4 réponses (5 formulations enregistrées en tout",
            "<#wins> (envoi le lun. 2026-11-23 10:00 UTC) : supprimée là-bas",
            "l'e-mail à news@acme.com (envoi le lun. 2026-11-23 10:00 UTC) : *impossible à rappeler*",
            "Rien n'est effacé tant que vous n'appuyez pas sur *Oublier*",
        ] {
            assert!(text.contains(part), "{part:?} not in:\n{text}");
        }
        let text = maria().result(&texts, "fr");
        assert!(text.starts_with("*Oubli effectué.*"), "{text}");
        assert!(!text.contains("maria"), "{text}");
    }

    #[test]
    fn nothing_held_is_an_empty_footprint() {
        assert!(Footprint::default().is_empty());
        assert!(!maria().is_empty());
    }

    #[test]
    fn the_report_says_what_was_deleted_and_what_to_do_about_the_rest() {
        let texts = shipped_texts();
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap();
        let text = retractions_report(
            &texts,
            "en",
            &[
                Retracted {
                    kind: DestinationKind::SlackChannel,
                    label: "<#wins>".into(),
                    failure: None,
                },
                Retracted {
                    kind: DestinationKind::Chatter,
                    label: "the Chatter group 1".into(),
                    failure: Some(Failure::Refused {
                        code: "x".into(),
                        fix: None,
                        error: "no".into(),
                    }),
                },
            ],
            at,
        );
        assert!(
            text.starts_with(
                "*Deleting the posts of the person forgotten Mon 2026-11-23 11:00 UTC:* done."
            ),
            "{text}"
        );
        assert!(text.contains("<#wins>: deleted."), "{text}");
        assert!(
            text.contains("*not deleted*: Salesforce refused it (x): no. Please delete it by hand in Salesforce"),
            "{text}"
        );
        let unclear = Failure::Unclear {
            why: "internal_error".into(),
        };
        let retry = retraction_failed(
            &texts,
            "en",
            DestinationKind::SlackChannel,
            "<#wins>",
            &unclear,
            chrono::Duration::seconds(5),
        );
        assert_eq!(
            retry,
            "Deleting the post in <#wins> (of a person forgotten) failed: Slack gave no clear answer (internal_error). I'll ask Slack again in 5 s; nothing for you to do yet."
        );
        let retry = retraction_failed(
            &texts,
            "fr",
            DestinationKind::SlackChannel,
            "<#wins>",
            &unclear,
            chrono::Duration::seconds(600),
        );
        assert_eq!(
            retry,
            "La suppression de la publication dans <#wins> (d'une personne oubliée) a échoué : Slack n'a pas répondu clairement (internal_error). Je redemanderai à Slack dans 10 min ; rien à faire de votre côté pour l'instant."
        );
    }

    #[test]
    fn a_failure_is_kept_as_a_value_and_one_kept_in_words_reads_as_those_words() {
        let refused = Failure::Refused {
            code: "cant_delete_message".into(),
            fix: Some("give the bot the chat:write scope".into()),
            error: "refused".into(),
        };
        assert_eq!(Failure::read(&refused.stored()), refused);
        assert_eq!(
            Failure::read("Slack refused it (x): no"),
            Failure::Other {
                why: "Slack refused it (x): no".into()
            }
        );
        assert_eq!(
            refused.render(&shipped_texts(), "en", DestinationKind::SlackChannel),
            "Slack refused (cant_delete_message): give the bot the chat:write scope"
        );
    }
}
