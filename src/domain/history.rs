//! A story's log (`/spotlight history`): what happened to it, as values.
//!
//! The log keeps what happened, not a sentence about it: each line is stored as an
//! `Event` encoded as JSON (`{"event":"posted","destination":"<#C1>"}`), and each reader
//! reads it in their own language when they ask. Lines written before the log kept
//! events (English sentences) are not events; they are shown as they were written.

use serde::{Deserialize, Serialize};

/// One thing that happened to a story. Its words are message `event-<kind>` in the
/// locale files, with the fields below as variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Event {
    /// An admin nominated the hero and the invitation went out.
    Nominated,
    /// The hero began answering.
    StartedInterview,
    /// The last question was answered (or the budget ran out) and the draft was made.
    InterviewFinished,
    /// An admin chose which answers the story quotes.
    ChoseQuotes {
        keys: Vec<String>,
    },
    /// An admin proposed a headline.
    ProposedHeadline,
    /// An admin sent the draft to the hero for approval.
    SentForApproval,
    /// The hero changed these answers (or the headline) in the edit form.
    Edited {
        keys: Vec<String>,
    },
    /// The hero changed an answer by editing their Slack message.
    EditedInChat {
        key: String,
    },
    /// The hero left picture `n` (1-based) out of the story, or put it back.
    PictureLeftOut {
        n: i64,
    },
    PictureBack {
        n: i64,
    },
    /// The hero approved this version of the text.
    Approved {
        version: i64,
    },
    /// The hero approved a version they reworded after the admins' review.
    ApprovedWithEdits {
        version: i64,
    },
    /// An admin accepted the hero's reworded version.
    AcceptedEdit {
        version: i64,
    },
    /// An admin sent the hero's reworded version back with a note.
    SentEditBack,
    /// The hero asked for changes.
    AskedForChanges,
    /// The hero opted out.
    OptedOut,
    /// The approved story joined the queue of its destinations.
    Queued,
    /// The story was posted to a destination (as Slack shows it: `<#C…>`, an address…).
    Posted {
        destination: String,
    },
    /// The hero was thanked with their story's reach.
    ThankedHero,
    /// The hero was reminded of an interview or approval waiting on them.
    RemindedHero,
    /// The admins were reminded of a story waiting on them.
    RemindedAdmins,
}

/// A variable of an event's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(i64),
}

/// How the interview's last step logs its line, kept as text so the hot path's writer
/// takes it as it is (checked against `Event::InterviewFinished` by a test).
pub const INTERVIEW_FINISHED: &str = r#"{"event":"interview-finished"}"#;

impl Event {
    /// The line as the log stores it.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("an event always encodes")
    }

    /// The event a stored line holds; `None` for a line written as a sentence (before the
    /// log kept events), which is shown as it was written.
    pub fn decode(line: &str) -> Option<Event> {
        if !line.starts_with('{') {
            return None;
        }
        serde_json::from_str(line).ok()
    }

    /// The message id that says it and the message's variables.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, Value)>) {
        use Value::{Number, Text};
        match self {
            Event::Nominated => ("event-nominated", vec![]),
            Event::StartedInterview => ("event-started-interview", vec![]),
            Event::InterviewFinished => ("event-interview-finished", vec![]),
            Event::ChoseQuotes { keys } => {
                ("event-chose-quotes", vec![("keys", Text(keys.join(", ")))])
            }
            Event::ProposedHeadline => ("event-proposed-headline", vec![]),
            Event::SentForApproval => ("event-sent-for-approval", vec![]),
            Event::Edited { keys } => ("event-edited", vec![("keys", Text(keys.join(", ")))]),
            Event::EditedInChat { key } => {
                ("event-edited-in-chat", vec![("key", Text(key.clone()))])
            }
            Event::PictureLeftOut { n } => ("event-picture-left-out", vec![("n", Number(*n))]),
            Event::PictureBack { n } => ("event-picture-back", vec![("n", Number(*n))]),
            Event::Approved { version } => ("event-approved", vec![("version", Number(*version))]),
            Event::ApprovedWithEdits { version } => (
                "event-approved-with-edits",
                vec![("version", Number(*version))],
            ),
            Event::AcceptedEdit { version } => {
                ("event-accepted-edit", vec![("version", Number(*version))])
            }
            Event::SentEditBack => ("event-sent-edit-back", vec![]),
            Event::AskedForChanges => ("event-asked-for-changes", vec![]),
            Event::OptedOut => ("event-opted-out", vec![]),
            Event::Queued => ("event-queued", vec![]),
            Event::Posted { destination } => (
                "event-posted",
                vec![("destination", Text(destination.clone()))],
            ),
            Event::ThankedHero => ("event-thanked-hero", vec![]),
            Event::RemindedHero => ("event-reminded-hero", vec![]),
            Event::RemindedAdmins => ("event-reminded-admins", vec![]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Event> {
        vec![
            Event::Nominated,
            Event::StartedInterview,
            Event::InterviewFinished,
            Event::ChoseQuotes {
                keys: vec!["behaviour".into(), "benefit".into()],
            },
            Event::ProposedHeadline,
            Event::SentForApproval,
            Event::Edited {
                keys: vec!["headline".into()],
            },
            Event::EditedInChat {
                key: "benefit".into(),
            },
            Event::PictureLeftOut { n: 2 },
            Event::PictureBack { n: 2 },
            Event::Approved { version: 3 },
            Event::ApprovedWithEdits { version: 4 },
            Event::AcceptedEdit { version: 4 },
            Event::SentEditBack,
            Event::AskedForChanges,
            Event::OptedOut,
            Event::Queued,
            Event::Posted {
                destination: "<#C0WINS>".into(),
            },
            Event::ThankedHero,
            Event::RemindedHero,
            Event::RemindedAdmins,
        ]
    }

    #[test]
    fn every_event_reads_back_as_it_was_stored() {
        for e in all() {
            assert_eq!(
                Event::decode(&e.encode()),
                Some(e.clone()),
                "{}",
                e.encode()
            );
        }
    }

    #[test]
    fn every_event_has_its_own_message() {
        let ids: std::collections::BTreeSet<_> = all().iter().map(|e| e.message().0).collect();
        assert_eq!(ids.len(), all().len());
    }

    #[test]
    fn the_hot_paths_line_is_the_finished_event() {
        assert_eq!(Event::InterviewFinished.encode(), INTERVIEW_FINISHED);
        assert_eq!(
            Event::decode(INTERVIEW_FINISHED),
            Some(Event::InterviewFinished)
        );
    }

    #[test]
    fn a_line_written_as_a_sentence_is_no_event() {
        assert_eq!(Event::decode("approved version 1"), None);
        assert_eq!(Event::decode("interview finished, draft ready"), None);
        assert_eq!(Event::decode(r#"{"event":"something-new"}"#), None);
        assert_eq!(Event::decode(r#"{"event":"posted"}"#), None);
    }
}
