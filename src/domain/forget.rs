//! Forgetting a person (`/spotlight forget @person`, or `forget me`): what Spotlight holds
//! of them (`Footprint`), shown before anything is removed and again as the result, and
//! the words of the confirmation, the result and the report on the deletions.
//!
//! Texts written after the removal never name the person: they go through the outbox,
//! which keeps delivered messages for a week, and must not keep the person there.

use chrono::{DateTime, Utc};

use super::destination::DestinationKind;
use super::pipeline::Stage;

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

/// The person's share of the refusal when a post is in flight.
pub const IN_FLIGHT: &str = "is being posted right now, or had no clear answer from its destination and is being checked. Try again in a minute, once it is settled: then it can be deleted too.";

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
    fn held(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.stories.is_empty() {
            let list: Vec<String> = self
                .stories
                .iter()
                .map(|(id, stage)| format!("story {id} ({stage})"))
                .collect();
            lines.push(format!(
                "{}: {}",
                count(self.stories.len() as i64, "story", "stories"),
                list.join(", ")
            ));
        }
        lines.push(format!(
            "{} ({} in all, earlier wordings included)",
            count(self.answers, "answer", "answers"),
            count(self.revisions, "stored wording", "stored wordings")
        ));
        lines.push(
            count(self.drafts, "story text", "story texts")
                + " (drafts, the approved text, the text the admins sent)",
        );
        lines.push(count(self.usage_figures, "usage figure", "usage figures"));
        lines.push(
            count(
                self.messages,
                "message or request kept",
                "messages and requests kept",
            ) + " (to, from or about them)",
        );
        if self.other > 0 {
            lines.push(count(
                self.other,
                "other trace (reactions, replies, reply notices, thank-yous)",
                "other traces (reactions, replies, reply notices, thank-yous)",
            ));
        }
        lines
    }

    fn posts_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for p in self.deletable() {
            lines.push(format!("{}{}: deleted there", p.label, posted(p.posted_at)));
        }
        for p in self.unrecallable() {
            lines.push(format!(
                "the email to {}{}: *cannot be recalled*, an email once sent stays in its readers' mailboxes (ask them to delete it if it matters)",
                p.label,
                posted(p.posted_at)
            ));
        }
        for p in self.posts.iter().filter(|p| p.status == "pending") {
            lines.push(format!(
                "the post waiting for {}: never sent, removed from the queue",
                p.label
            ));
        }
        lines
    }

    /// What an admin (or the person) sees before confirming. `who` names the person
    /// ("@maria", or "you").
    pub fn preview(&self, who: &str) -> String {
        let mut text =
            format!("*Forget {who}?* This removes everything Spotlight holds of {who}, for good:");
        for line in self.held() {
            text.push_str(&format!("\n• {line}"));
        }
        let posts = self.posts_lines();
        if posts.is_empty() {
            text.push_str("\n*Published posts:* none.");
        } else {
            text.push_str("\n*Published posts:*");
            for line in posts {
                text.push_str(&format!("\n• {line}"));
            }
        }
        text.push_str(
            "\nNothing is removed until you press *Forget*; nothing can be undone after.",
        );
        text
    }

    /// The result, right after the removal (never naming the person).
    pub fn result(&self) -> String {
        let mut text = String::from(
            "*Forgotten.* Spotlight no longer holds anything of this person. Removed:",
        );
        for line in self.held() {
            text.push_str(&format!("\n• {line}"));
        }
        let deleting: Vec<&PostTrace> = self.deletable().collect();
        if !deleting.is_empty() {
            let list: Vec<String> = deleting.iter().map(|p| p.label.clone()).collect();
            text.push_str(&format!(
                "\n*Deleting the published posts* in {}: under way; I'll tell you when they are gone, or what went wrong.",
                list.join(", ")
            ));
        }
        for p in self.unrecallable() {
            text.push_str(&format!(
                "\n*Not recalled:* the email to {}{}. An email once sent cannot be taken back: ask its readers to delete it if it matters.",
                p.label,
                posted(p.posted_at)
            ));
        }
        text
    }
}

/// What became of one post's deletion, for the report once a batch is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retracted {
    pub kind: DestinationKind,
    pub label: String,
    /// None when deleted; else why not, and what to do.
    pub failure: Option<String>,
}

/// The report once every deletion of one forgetting is settled.
pub fn retractions_report(done: &[Retracted], asked_at: DateTime<Utc>) -> String {
    let mut text = format!(
        "*Deleting the posts of the person forgotten {}:* done.",
        asked_at.format("%a %Y-%m-%d %H:%M UTC")
    );
    for r in done {
        match &r.failure {
            None => text.push_str(&format!("\n• {}: deleted.", r.label)),
            Some(why) => text.push_str(&format!("\n• {}: *not deleted*: {why}", r.label)),
        }
    }
    text
}

/// What an admin is told when deleting a post failed: why, and what happens next.
pub fn retraction_failed(
    kind: DestinationKind,
    label: &str,
    why: &str,
    retry_in: Option<chrono::Duration>,
) -> String {
    match retry_in {
        Some(wait) => format!(
            "Deleting the post in {label} (of a person forgotten) failed: {why}. I'll ask {} again in {}; nothing for you to do yet.",
            kind.service(),
            wait_words(wait)
        ),
        None => format!(
            "I gave up deleting the post in {label} (of a person forgotten): {why}. Please delete it by hand in {}: open the post and choose Delete.",
            kind.service()
        ),
    }
}

fn wait_words(d: chrono::Duration) -> String {
    let s = d.num_seconds().max(1);
    if s < 120 {
        format!("{s} s")
    } else {
        format!("{} min", s / 60)
    }
}

fn posted(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| format!(" (sent {})", t.format("%a %Y-%m-%d %H:%M UTC")))
        .unwrap_or_default()
}

fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let text = maria().preview("<@maria>");
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
        let text = maria().result();
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
            .preview("you")
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
    fn nothing_held_is_an_empty_footprint() {
        assert!(Footprint::default().is_empty());
        assert!(!maria().is_empty());
    }

    #[test]
    fn the_report_says_what_was_deleted_and_what_to_do_about_the_rest() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap();
        let text = retractions_report(
            &[
                Retracted {
                    kind: DestinationKind::SlackChannel,
                    label: "<#wins>".into(),
                    failure: None,
                },
                Retracted {
                    kind: DestinationKind::Chatter,
                    label: "the Chatter group 1".into(),
                    failure: Some("refused (x): delete it by hand".into()),
                },
            ],
            at,
        );
        assert!(text.contains("<#wins>: deleted."), "{text}");
        assert!(text.contains("*not deleted*: refused (x)"), "{text}");
        let retry = retraction_failed(
            DestinationKind::SlackChannel,
            "<#wins>",
            "no clear answer",
            Some(chrono::Duration::seconds(5)),
        );
        assert!(retry.contains("again in 5 s"), "{retry}");
        let gave_up = retraction_failed(DestinationKind::SlackChannel, "<#wins>", "x", None);
        assert!(gave_up.contains("delete it by hand"), "{gave_up}");
    }
}
