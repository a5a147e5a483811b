//! Where stories are published: a Slack channel, a Salesforce Chatter group's feed, or an
//! email address. Admins name them in commands (`#wins`, `chatter:0F9…`, `news@acme.com`);
//! the store keeps them as a kind and a target.

use std::fmt;

use super::ids::ChannelId;
use super::texts::{Arg, Texts};

/// The kinds of destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DestinationKind {
    SlackChannel,
    Chatter,
    Email,
}

impl DestinationKind {
    /// How the kind is stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DestinationKind::SlackChannel => "slack_channel",
            DestinationKind::Chatter => "chatter",
            DestinationKind::Email => "email",
        }
    }

    /// Reads a stored kind (also that of a removed destination, `removed:<kind>:<id>`,
    /// kept for the record of what was posted there).
    pub fn from_stored(s: &str) -> Option<DestinationKind> {
        let s = s
            .strip_prefix("removed:")
            .and_then(|r| r.split(':').next())
            .unwrap_or(s);
        match s {
            "slack_channel" => Some(DestinationKind::SlackChannel),
            "chatter" => Some(DestinationKind::Chatter),
            "email" => Some(DestinationKind::Email),
            _ => None,
        }
    }

    /// Who answers for it, for messages like "Slack refused it".
    pub fn service(self) -> &'static str {
        match self {
            DestinationKind::SlackChannel => "Slack",
            DestinationKind::Chatter => "Salesforce",
            DestinationKind::Email => "The mail server",
        }
    }

    /// Whether a story published there can be taken back (deleted): a Slack message and a
    /// Chatter post can; an email, once sent, cannot.
    pub fn can_be_recalled(self) -> bool {
        !matches!(self, DestinationKind::Email)
    }

    /// What the place a story lands in is called, for people.
    pub fn noun(self) -> &'static str {
        match self {
            DestinationKind::SlackChannel => "channel",
            DestinationKind::Chatter => "Chatter group",
            DestinationKind::Email => "email address",
        }
    }
}

/// Why a typed destination was refused (`text` says it in a language; `Display` in the
/// shipped English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DestinationError {
    Unknown(String),
    Chatter(String),
    Email(String),
}

impl DestinationError {
    /// Why, in `lang`, with what was typed as it was.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        let (id, typed) = match self {
            DestinationError::Unknown(t) => ("destination-unknown", t),
            DestinationError::Chatter(t) => ("destination-not-chatter", t),
            DestinationError::Email(t) => ("destination-not-email", t),
        };
        texts.get(lang, id, &[("typed", Arg::from(typed))])
    }
}

impl fmt::Display for DestinationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(super::texts::english(), "en"))
    }
}

impl std::error::Error for DestinationError {}

/// A destination as an admin names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DestinationRef {
    pub kind: DestinationKind,
    /// A channel ID or name, a Chatter group ID, or an email address (lower-cased domain).
    pub target: String,
}

impl DestinationRef {
    pub fn channel(ch: &ChannelId) -> DestinationRef {
        DestinationRef {
            kind: DestinationKind::SlackChannel,
            target: ch.as_str().to_string(),
        }
    }

    /// A destination already known to be well-formed (from storage).
    pub fn from_stored(kind: &str, target: &str) -> DestinationRef {
        DestinationRef {
            kind: DestinationKind::from_stored(kind).unwrap_or(DestinationKind::SlackChannel),
            target: target.to_string(),
        }
    }

    /// Accepts `#wins`, `<#C123|wins>`, `chatter:0F9…`, `news@acme.com` and Slack's
    /// `<mailto:news@acme.com|news@acme.com>`.
    pub fn parse(raw: &str) -> Result<DestinationRef, DestinationError> {
        let s = raw.trim();
        if s.starts_with('#') || s.starts_with("<#") {
            return ChannelId::parse(s)
                .map(|c| DestinationRef::channel(&c))
                .map_err(|_| DestinationError::Unknown(s.to_string()));
        }
        if let Some(id) = s
            .strip_prefix("chatter:")
            .or_else(|| s.strip_prefix("Chatter:"))
        {
            return Self::chatter(id);
        }
        if s.starts_with("<mailto:")
            || s.contains('@') && !s.starts_with("<@") && !s.starts_with('@')
        {
            return Self::email(s);
        }
        Err(DestinationError::Unknown(s.to_string()))
    }

    /// A Chatter group ID: `0F9` then 12 or 15 more letters and digits.
    pub fn chatter(raw: &str) -> Result<DestinationRef, DestinationError> {
        let id = raw.trim();
        let ok = (id.len() == 15 || id.len() == 18)
            && id.starts_with("0F9")
            && id.chars().all(|c| c.is_ascii_alphanumeric());
        if !ok {
            return Err(DestinationError::Chatter(id.to_string()));
        }
        Ok(DestinationRef {
            kind: DestinationKind::Chatter,
            target: id.to_string(),
        })
    }

    /// An email address, plain or as Slack links it.
    pub fn email(raw: &str) -> Result<DestinationRef, DestinationError> {
        let s = raw.trim();
        let addr = match s.strip_prefix("<mailto:").and_then(|r| r.strip_suffix('>')) {
            Some(inner) => inner.split('|').next().unwrap_or_default(),
            None => s,
        };
        let bad = || DestinationError::Email(s.to_string());
        let (local, domain) = addr.rsplit_once('@').ok_or_else(bad)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let domain_ok = domain.len() <= 253
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(bad());
        }
        Ok(DestinationRef {
            kind: DestinationKind::Email,
            target: format!("{local}@{}", domain.to_ascii_lowercase()),
        })
    }

    /// How an admin types it in a command.
    pub fn arg(&self) -> String {
        match self.kind {
            DestinationKind::SlackChannel => format!("<#{}>", self.target),
            DestinationKind::Chatter => format!("chatter:{}", self.target),
            DestinationKind::Email => self.target.clone(),
        }
    }
}

impl fmt::Display for DestinationRef {
    /// As Slack mrkdwn: a channel link, or the kind and the target.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            DestinationKind::SlackChannel => write!(f, "<#{}>", self.target),
            DestinationKind::Chatter => write!(f, "the Chatter group {}", self.target),
            DestinationKind::Email => write!(f, "{}", self.target),
        }
    }
}

/// What an admin can do about a destination that refused a story (or that can't be
/// added), in words for any language (`text`). Its `Display` is the shipped English, for
/// operators' logs. The arguments are names, addresses and the other side's own words
/// (`error`: a server's reply), put in as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The bot is not a member of the Slack channel.
    SlackNotInChannel {
        channel: String,
    },
    SlackChannelNotFound {
        channel: String,
    },
    SlackArchived {
        channel: String,
    },
    /// Slack refused the bot token.
    SlackToken,
    /// Slack refused the token of the OAuth install: install again at `url`.
    SlackInstalledToken {
        url: String,
    },
    /// The app was uninstalled or its tokens revoked.
    SlackNotInstalled,
    SlackRestricted {
        channel: String,
    },
    ChatterGroupNotFound {
        group: String,
    },
    ChatterNoAccess {
        group: String,
    },
    /// A private group the Run As user is not a member of.
    ChatterPrivate {
        name: String,
        group: String,
    },
    ChatterApiDisabled,
    /// Salesforce refused a fresh access token.
    ChatterSession,
    /// Salesforce refused the client credentials; `error` is its code and description.
    ChatterSignIn {
        error: Option<String>,
    },
    /// Salesforce redirected the sign-in: the org's My Domain address is needed.
    ChatterRedirected {
        url: String,
    },
    /// Chatter or email is not set up.
    NotSetUp(DestinationKind),
    /// An email address the mail library won't send to.
    EmailBadAddress {
        address: String,
        error: String,
    },
    /// A stored email destination whose address turned out to be unusable.
    EmailBadDestination {
        address: String,
        error: String,
    },
    EmailNoNoop {
        server: String,
    },
    EmailNoStartTls {
        server: String,
    },
    EmailNoSmtpUtf8 {
        server: String,
        address: String,
    },
    EmailNo8BitMime {
        server: String,
    },
    EmailSignInRefused {
        server: String,
        error: String,
    },
    EmailSignInRequired {
        server: String,
        error: String,
    },
    EmailEncryptionRequired {
        server: String,
        error: String,
    },
    EmailSenderRefused {
        server: String,
        sender: String,
        error: String,
    },
    EmailRecipientRefused {
        server: String,
        address: String,
        sender: String,
        error: String,
    },
    EmailTooLarge {
        server: String,
        address: String,
        error: String,
    },
    EmailContentRefused {
        server: String,
        address: String,
        error: String,
    },
    EmailRefused {
        server: String,
        error: String,
    },
    EmailTls {
        server: String,
        error: String,
    },
    EmailConnect {
        server: String,
        error: String,
    },
    EmailNoSignInMechanism {
        server: String,
        error: String,
    },
    EmailUnbuildable {
        address: String,
        error: String,
    },
}

/// The refusal code of a Slack call made while Spotlight is not installed (uninstalled,
/// or its tokens revoked): no token to call with.
pub const NOT_INSTALLED: &str = "not_installed";

impl Fix {
    /// What Slack's refusal `code` of a post in `channel` asks of an admin, if it is
    /// theirs to fix.
    pub fn slack(code: &str, channel: &str) -> Option<Fix> {
        let channel = channel.to_string();
        Some(match code {
            "not_in_channel" => Fix::SlackNotInChannel { channel },
            "channel_not_found" => Fix::SlackChannelNotFound { channel },
            "is_archived" => Fix::SlackArchived { channel },
            "invalid_auth" | "not_authed" | "token_revoked" | "token_expired"
            | "account_inactive" => Fix::SlackToken,
            "restricted_action" | "ekm_access_denied" => Fix::SlackRestricted { channel },
            NOT_INSTALLED => Fix::SlackNotInstalled,
            _ => return None,
        })
    }

    /// What Salesforce's error `code` about Chatter group `group` asks of an admin, if
    /// anyone can fix it (not when the story itself was refused, or Salesforce was busy).
    pub fn chatter(code: &str, group: &str) -> Option<Fix> {
        let group = group.to_string();
        Some(match code {
            "NOT_FOUND"
            | "INVALID_CROSS_REFERENCE_KEY"
            | "INVALID_ID_FIELD"
            | "MALFORMED_ID"
            | "ENTITY_IS_DELETED" => Fix::ChatterGroupNotFound { group },
            "INSUFFICIENT_ACCESS"
            | "INSUFFICIENT_ACCESS_OR_READONLY"
            | "INSUFFICIENT_PRIVILEGES" => Fix::ChatterNoAccess { group },
            "FUNCTIONALITY_NOT_ENABLED" | "API_DISABLED_FOR_ORG" | "API_CURRENTLY_DISABLED" => {
                Fix::ChatterApiDisabled
            }
            "invalid_session" | "INVALID_SESSION_ID" => Fix::ChatterSession,
            "invalid_client"
            | "invalid_client_id"
            | "invalid_grant"
            | "unsupported_grant_type"
            | "invalid_request"
            | "unauthorized_client"
            | "token_redirected" => Fix::ChatterSignIn { error: None },
            _ => return None,
        })
    }

    /// What to do, in `lang`.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        use Fix as F;
        let (id, args): (&str, Vec<(&str, &str)>) = match self {
            F::SlackNotInChannel { channel } => {
                ("fix-slack-not-in-channel", vec![("channel", channel)])
            }
            F::SlackChannelNotFound { channel } => {
                ("fix-slack-channel-not-found", vec![("channel", channel)])
            }
            F::SlackArchived { channel } => ("fix-slack-archived", vec![("channel", channel)]),
            F::SlackToken => ("fix-slack-token", vec![]),
            F::SlackInstalledToken { url } => ("fix-slack-installed-token", vec![("url", url)]),
            F::SlackNotInstalled => ("fix-slack-not-installed", vec![]),
            F::SlackRestricted { channel } => ("fix-slack-restricted", vec![("channel", channel)]),
            F::ChatterGroupNotFound { group } => {
                ("fix-chatter-group-not-found", vec![("group", group)])
            }
            F::ChatterNoAccess { group } => ("fix-chatter-no-access", vec![("group", group)]),
            F::ChatterPrivate { name, group } => (
                "fix-chatter-private",
                vec![("name", name), ("group", group)],
            ),
            F::ChatterApiDisabled => ("fix-chatter-api-disabled", vec![]),
            F::ChatterSession => ("fix-chatter-session", vec![]),
            F::ChatterSignIn { error: Some(error) } => (
                "fix-chatter-sign-in",
                vec![("said", "yes"), ("error", error)],
            ),
            F::ChatterSignIn { error: None } => {
                ("fix-chatter-sign-in", vec![("said", "no"), ("error", "")])
            }
            F::ChatterRedirected { url } => ("fix-chatter-redirected", vec![("url", url)]),
            F::NotSetUp(kind) => ("fix-not-set-up", vec![("kind", kind.as_str())]),
            F::EmailBadAddress { address, error } => (
                "fix-email-bad-address",
                vec![("address", address), ("error", error)],
            ),
            F::EmailBadDestination { address, error } => (
                "fix-email-bad-destination",
                vec![("address", address), ("error", error)],
            ),
            F::EmailNoNoop { server } => ("fix-email-no-noop", vec![("server", server)]),
            F::EmailNoStartTls { server } => ("fix-email-no-starttls", vec![("server", server)]),
            F::EmailNoSmtpUtf8 { server, address } => (
                "fix-email-no-smtputf8",
                vec![("server", server), ("address", address)],
            ),
            F::EmailNo8BitMime { server } => ("fix-email-no-8bitmime", vec![("server", server)]),
            F::EmailSignInRefused { server, error } => (
                "fix-email-sign-in-refused",
                vec![("server", server), ("error", error)],
            ),
            F::EmailSignInRequired { server, error } => (
                "fix-email-sign-in-required",
                vec![("server", server), ("error", error)],
            ),
            F::EmailEncryptionRequired { server, error } => (
                "fix-email-encryption-required",
                vec![("server", server), ("error", error)],
            ),
            F::EmailSenderRefused {
                server,
                sender,
                error,
            } => (
                "fix-email-sender-refused",
                vec![("server", server), ("sender", sender), ("error", error)],
            ),
            F::EmailRecipientRefused {
                server,
                address,
                sender,
                error,
            } => (
                "fix-email-recipient-refused",
                vec![
                    ("server", server),
                    ("address", address),
                    ("sender", sender),
                    ("error", error),
                ],
            ),
            F::EmailTooLarge {
                server,
                address,
                error,
            } => (
                "fix-email-too-large",
                vec![("server", server), ("address", address), ("error", error)],
            ),
            F::EmailContentRefused {
                server,
                address,
                error,
            } => (
                "fix-email-content-refused",
                vec![("server", server), ("address", address), ("error", error)],
            ),
            F::EmailRefused { server, error } => (
                "fix-email-refused",
                vec![("server", server), ("error", error)],
            ),
            F::EmailTls { server, error } => {
                ("fix-email-tls", vec![("server", server), ("error", error)])
            }
            F::EmailConnect { server, error } => (
                "fix-email-connect",
                vec![("server", server), ("error", error)],
            ),
            F::EmailNoSignInMechanism { server, error } => (
                "fix-email-no-sign-in-mechanism",
                vec![("server", server), ("error", error)],
            ),
            F::EmailUnbuildable { address, error } => (
                "fix-email-unbuildable",
                vec![("address", address), ("error", error)],
            ),
        };
        let args: Vec<(&str, Arg)> = args.into_iter().map(|(k, v)| (k, Arg::from(v))).collect();
        texts.get(lang, id, &args)
    }
}

impl fmt::Display for Fix {
    /// The shipped English, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(super::texts::english(), "en"))
    }
}

/// How messages name a stored destination (Slack mrkdwn): a channel link, a Chatter
/// group by name (else by id), an email address.
pub fn label(kind: &str, target: &str, name: Option<&str>) -> String {
    use super::mrkdwn::escape;
    match (DestinationKind::from_stored(kind), name) {
        (Some(DestinationKind::Chatter), Some(n)) => format!("the Chatter group “{}”", escape(n)),
        (Some(DestinationKind::Chatter), None) => format!("the Chatter group {}", escape(target)),
        (Some(DestinationKind::Email), _) => escape(target),
        _ => format!("<#{target}>"),
    }
}

/// How documents read outside Slack (the digest, the poster) name a stored
/// destination, as plain text, in the shipped English (`plain_label_in` in a language).
pub fn plain_label(kind: &str, target: &str, name: Option<&str>) -> String {
    plain_label_in(kind, target, name, super::texts::english(), "en")
}

/// How documents read outside Slack name a stored destination, as plain text, in
/// `lang`: `#wins` (`#C0123` when the channel's name is unknown), the Chatter group
/// “Sales”, an email address.
pub fn plain_label_in(
    kind: &str,
    target: &str,
    name: Option<&str>,
    texts: &Texts,
    lang: &str,
) -> String {
    match (DestinationKind::from_stored(kind), name) {
        (Some(DestinationKind::Chatter), Some(n)) => {
            texts.get(lang, "place-chatter-named", &[("name", Arg::from(n))])
        }
        (Some(DestinationKind::Chatter), None) => {
            texts.get(lang, "place-chatter", &[("id", Arg::from(target))])
        }
        (Some(DestinationKind::Email), _) => target.to_string(),
        (_, Some(n)) => format!("#{n}"),
        (_, None) => format!("#{target}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_slack_a_destination_is_named_in_plain_text() {
        assert_eq!(plain_label("slack_channel", "C0W", Some("wins")), "#wins");
        assert_eq!(plain_label("slack_channel", "C0W", None), "#C0W");
        assert_eq!(
            plain_label("chatter", "0F9", Some("Sales <EMEA>")),
            "the Chatter group “Sales <EMEA>”"
        );
        assert_eq!(plain_label("email", "news@acme.com", None), "news@acme.com");
        let texts = crate::config::Prompts::builtin().texts;
        assert_eq!(
            plain_label_in("chatter", "0F9", Some("Ventes"), &texts, "fr"),
            "le groupe Chatter « Ventes »"
        );
        assert_eq!(
            plain_label_in("chatter", "0F9", None, &texts, "fr"),
            "le groupe Chatter 0F9"
        );
        assert_eq!(
            plain_label_in("slack_channel", "C0W", Some("wins"), &texts, "fr"),
            "#wins"
        );
    }

    #[test]
    fn a_stored_destination_is_named_for_people_with_its_text_escaped() {
        assert_eq!(label("slack_channel", "C1", None), "<#C1>");
        assert_eq!(
            label("chatter", "0F9", Some("Sales <EMEA>")),
            "the Chatter group “Sales &lt;EMEA&gt;”"
        );
        assert_eq!(label("chatter", "0F9", None), "the Chatter group 0F9");
        assert_eq!(label("email", "a&b@x.io", None), "a&amp;b@x.io");
    }

    #[test]
    fn reads_every_way_admins_name_a_destination() {
        let ch = DestinationRef::parse("<#C123|wins>").unwrap();
        assert_eq!(ch.kind, DestinationKind::SlackChannel);
        assert_eq!(ch.target, "C123");
        assert_eq!(DestinationRef::parse("#wins").unwrap().target, "wins");
        let g = DestinationRef::parse("chatter:0F9000000000001").unwrap();
        assert_eq!(g.kind, DestinationKind::Chatter);
        assert_eq!(g.arg(), "chatter:0F9000000000001");
        let e = DestinationRef::parse("<mailto:News@Acme.COM|News@Acme.COM>").unwrap();
        assert_eq!(e.kind, DestinationKind::Email);
        assert_eq!(e.target, "News@acme.com");
        assert_eq!(e.to_string(), "News@acme.com");
    }

    #[test]
    fn refuses_what_is_not_a_destination() {
        for bad in [
            "wins",
            "@maria",
            "<@U123>",
            "chatter:123",
            "chatter:0F9000000000001x",
            "a@b",
            "@acme.com",
            "a b@acme.com",
            "x@-acme.com",
        ] {
            assert!(DestinationRef::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn kinds_round_trip_through_storage() {
        for k in [
            DestinationKind::SlackChannel,
            DestinationKind::Chatter,
            DestinationKind::Email,
        ] {
            assert_eq!(DestinationKind::from_stored(k.as_str()), Some(k));
        }
        assert_eq!(DestinationKind::from_stored("fax"), None);
        assert_eq!(
            DestinationKind::from_stored("removed:chatter:7"),
            Some(DestinationKind::Chatter)
        );
    }
}
