//! Identifiers with their preconditions checked once, at parse time.
//!
//! A `UserId` is either a Slack user ID (`U…`/`W…`) or a console handle (`maria`);
//! both arrive in the many forms people type (`@maria`, `<@U123>`, `<@U123|maria>`).

use std::fmt;

/// Why a typed identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("\"{0}\" is not a person: mention them like @maria")]
    User(String),
    #[error("\"{0}\" is not a channel: name it like #wins")]
    Channel(String),
    #[error("\"{0}\" is not a story: use its number (as shown by `/spotlight status`) or the hero, like @maria")]
    Story(String),
}

fn is_handle(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A person: a Slack user ID or a console handle, without decoration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(String);

impl UserId {
    /// Accepts `@maria`, `maria`, `<@U123>`, `<@U123|maria>`.
    pub fn parse(raw: &str) -> Result<UserId, IdError> {
        let s = raw.trim();
        let inner = if let Some(rest) = s.strip_prefix("<@").and_then(|r| r.strip_suffix('>')) {
            rest.split('|').next().unwrap_or_default()
        } else {
            s.strip_prefix('@').unwrap_or(s)
        };
        if is_handle(inner) {
            Ok(UserId(inner.to_string()))
        } else {
            Err(IdError::User(raw.trim().to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Slack's mention markup, `<@id>`; the console shows it as `@id`.
    pub fn mention(&self) -> String {
        format!("<@{}>", self.0)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.0)
    }
}

/// A channel: a Slack channel ID or a console channel name, without decoration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChannelId(String);

impl ChannelId {
    /// Accepts `#wins`, `<#C123>`, `<#C123|wins>`.
    pub fn parse(raw: &str) -> Result<ChannelId, IdError> {
        let s = raw.trim();
        let inner = if let Some(rest) = s.strip_prefix("<#").and_then(|r| r.strip_suffix('>')) {
            rest.split('|').next().unwrap_or_default()
        } else if let Some(rest) = s.strip_prefix('#') {
            rest
        } else {
            return Err(IdError::Channel(s.to_string()));
        };
        if is_handle(inner) {
            Ok(ChannelId(inner.to_string()))
        } else {
            Err(IdError::Channel(s.to_string()))
        }
    }

    /// A channel name or ID already known to be well-formed (from storage or Slack).
    pub fn from_trusted(id: &str) -> ChannelId {
        ChannelId(id.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChannelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A story's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StoryId(pub i64);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How a person refers to a story: by number or by its hero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryRef {
    Id(StoryId),
    Hero(UserId),
}

impl StoryRef {
    /// Accepts `3`, `#3`, `story-3`, or a hero (`@maria`).
    pub fn parse(raw: &str) -> Result<StoryRef, IdError> {
        let s = raw.trim();
        let digits = s
            .strip_prefix('#')
            .or_else(|| s.strip_prefix("story-"))
            .unwrap_or(s);
        if let Ok(n) = digits.parse::<i64>() {
            if n > 0 {
                return Ok(StoryRef::Id(StoryId(n)));
            }
            return Err(IdError::Story(s.to_string()));
        }
        if s.starts_with('@') || s.starts_with("<@") {
            return UserId::parse(s)
                .map(StoryRef::Hero)
                .map_err(|_| IdError::Story(s.to_string()));
        }
        Err(IdError::Story(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_are_accepted_in_every_form_people_type() {
        for raw in [
            "@maria",
            "maria",
            "<@maria>",
            "<@maria|Maria R>",
            " @maria ",
        ] {
            assert_eq!(UserId::parse(raw).unwrap().as_str(), "maria", "{raw}");
        }
        assert_eq!(
            UserId::parse("<@U024BE7LH|bob>").unwrap().as_str(),
            "U024BE7LH"
        );
    }

    #[test]
    fn malformed_user_ids_are_refused() {
        for raw in ["", "@", "@ma ria", "<@>", "@<!channel>"] {
            assert!(UserId::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn channels_need_a_hash_or_slack_markup() {
        assert_eq!(ChannelId::parse("#wins").unwrap().as_str(), "wins");
        assert_eq!(ChannelId::parse("<#C123|wins>").unwrap().as_str(), "C123");
        assert!(ChannelId::parse("wins").is_err());
        assert!(ChannelId::parse("#").is_err());
    }

    #[test]
    fn stories_are_referred_to_by_number_or_by_hero() {
        assert_eq!(StoryRef::parse("3").unwrap(), StoryRef::Id(StoryId(3)));
        assert_eq!(StoryRef::parse("#12").unwrap(), StoryRef::Id(StoryId(12)));
        assert_eq!(
            StoryRef::parse("@maria").unwrap(),
            StoryRef::Hero(UserId::parse("maria").unwrap())
        );
        assert!(StoryRef::parse("0").is_err());
        assert!(StoryRef::parse("maria").is_err());
    }
}
