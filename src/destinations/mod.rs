//! Destinations beyond Slack: a Salesforce Chatter group's feed and an email list. Each
//! is an edge adapter like `slack`: the engine hands it one `Delivery` (one story for
//! one destination, from the outbox) and gets back the proof of posting (a feed
//! element id, a Message-ID), or an error with an `app::SendError` in its chain that
//! says whether the story certainly did not arrive (`Rejected`) or may have
//! (`Uncertain`, settled later with `find`).

pub mod chatter;
pub mod email;

use crate::domain::publication::Names;

/// One approved story on its way to one destination.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The outbox row this delivery fulfils.
    pub outbox_id: i64,
    pub story_id: i64,
    /// Where it goes: a Chatter group id (`0F9…`) or an email address.
    pub target: String,
    /// The approved story, exactly as the hero approved it (Slack mrkdwn).
    pub text: String,
    /// Display names for the `<@U…>` mentions in `text`.
    pub names: Names,
    pub hero_name: String,
    /// The hero's email address, when known (used to find their Salesforce user).
    pub hero_email: Option<String>,
    /// The pictures the hero chose, for a destination that carries them (email).
    pub pictures: Vec<crate::domain::picture::Attached>,
}

use chrono::{DateTime, Utc};

use crate::delivery::SendError;
use crate::domain::destination::DestinationKind;

/// The destinations beyond Slack that are set up (from the environment).
#[derive(Clone, Default)]
pub struct Publishers {
    pub chatter: Option<chatter::ChatterClient>,
    pub email: Option<email::EmailSender>,
}

impl std::fmt::Debug for Publishers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publishers")
            .field("chatter", &self.chatter.is_some())
            .field("email", &self.email.is_some())
            .finish()
    }
}

impl Publishers {
    /// Reads the settings of every destination beyond Slack; one that is half set up
    /// stops start-up with a message naming the setting.
    pub fn from_env() -> anyhow::Result<Publishers> {
        let get = |k: &str| std::env::var(k).ok();
        Ok(Publishers {
            chatter: chatter::ChatterSettings::from_env(get)?
                .map(chatter::ChatterClient::new)
                .transpose()?,
            email: email::EmailSettings::from_env(get)?
                .map(email::EmailSender::new)
                .transpose()?,
        })
    }

    /// Whether destinations of `kind` can be used, and if not, what to set up.
    pub fn missing_setup(&self, kind: DestinationKind) -> Option<&'static str> {
        match kind {
            DestinationKind::SlackChannel => None,
            DestinationKind::Chatter if self.chatter.is_some() => None,
            DestinationKind::Chatter => Some("Chatter isn't set up: set SPOTLIGHT_SALESFORCE_URL, SPOTLIGHT_SALESFORCE_CLIENT_ID and SPOTLIGHT_SALESFORCE_CLIENT_SECRET (README: \"Salesforce Chatter\") and restart Spotlight"),
            DestinationKind::Email if self.email.is_some() => None,
            DestinationKind::Email => Some("email isn't set up: set SPOTLIGHT_SMTP_HOST and SPOTLIGHT_EMAIL_FROM (README: \"Email\") and restart Spotlight"),
        }
    }

    fn not_set_up(&self, kind: DestinationKind) -> anyhow::Error {
        anyhow::Error::new(SendError::Rejected {
            code: "not_configured".into(),
            fixable: true,
        })
        .context(
            self.missing_setup(kind)
                .unwrap_or("Slack channels are posted to by the Slack transport"),
        )
    }

    /// Checks a new destination before it is added; returns its name when it has one.
    pub async fn check(
        &self,
        kind: DestinationKind,
        target: &str,
    ) -> anyhow::Result<Option<String>> {
        match (kind, &self.chatter, &self.email) {
            (DestinationKind::Chatter, Some(c), _) => c.check(target).await.map(Some),
            (DestinationKind::Email, _, Some(e)) => e.check(target).await.map(|()| None),
            _ => match self.missing_setup(kind) {
                Some(why) => anyhow::bail!("{why}"),
                None => Ok(None),
            },
        }
    }

    /// Publishes one story to a Chatter group or an email address; returns the proof of
    /// posting (the feed element id, the Message-ID).
    pub async fn deliver(&self, kind: DestinationKind, d: &Delivery) -> anyhow::Result<String> {
        match (kind, &self.chatter, &self.email) {
            (DestinationKind::Chatter, Some(c), _) => c.deliver(d).await,
            (DestinationKind::Email, _, Some(e)) => e.deliver(d).await,
            _ => Err(self.not_set_up(kind)),
        }
    }

    /// Looks for a story whose send had no clear outcome: its proof if it arrived.
    pub async fn find(
        &self,
        kind: DestinationKind,
        d: &Delivery,
        since: DateTime<Utc>,
    ) -> anyhow::Result<Option<String>> {
        match (kind, &self.chatter, &self.email) {
            (DestinationKind::Chatter, Some(c), _) => c.find(d, since).await,
            (DestinationKind::Email, _, Some(e)) => e.find(d, since).await,
            _ => Err(self.not_set_up(kind)),
        }
    }

    /// What an admin must do about a refusal an admin can fix.
    pub fn fix_for(kind: DestinationKind, code: &str, target: &str) -> Option<String> {
        match kind {
            DestinationKind::SlackChannel => crate::delivery::fix_for(code, target),
            DestinationKind::Chatter => chatter::fix_for(code, target),
            DestinationKind::Email => None,
        }
    }
}

/// Settings read from these pairs instead of the process's environment (the
/// `from_env` tests of each destination).
#[cfg(test)]
pub(crate) fn test_env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}
