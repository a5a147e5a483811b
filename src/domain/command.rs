//! The `/spotlight` slash command: parsing its text into a `Command`, and its help.
//!
//! The same parser serves Slack and the console. Parsing never fails silently: every
//! error carries the usage line of the subcommand it was meant to be.

use super::destination::{DestinationError, DestinationRef};
use super::ids::{ChannelId, IdError, StoryRef, UserId};
use super::period::{BadDateOrder, DateOrder};
use super::texts::{Arg, Texts};
use super::usage::ColumnHints;

/// The subcommands in the order the help lists them, and whether only admins may run
/// them. Each has its usage line (`usage-<name>`) and what it does (`help-<name>`) in the
/// texts (`prompts/locales/`).
pub const COMMANDS: &[(&str, bool)] = &[
    ("help", false),
    ("status", false),
    ("queue", false),
    ("suggest", false),
    ("opt-out", false),
    ("forget", false),
    ("nominate", true),
    ("candidates", true),
    ("import", true),
    ("report", true),
    ("audience", true),
    ("drafts", true),
    ("quotes", true),
    ("history", true),
    ("headline", true),
    ("approve", true),
    ("channel", true),
    ("destination", true),
    ("schedule", true),
    ("publish-next", true),
    ("pause", true),
    ("resume", true),
];

/// A parsed `/spotlight` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Status,
    Queue,
    Suggest {
        user: UserId,
        note: String,
    },
    OptOut,
    Nominate {
        user: UserId,
        note: String,
        /// The question set to interview them with (`--set name`); None: the default.
        set: Option<String>,
    },
    Drafts,
    Candidates,
    /// The next file the admin sends in a DM is a usage export, read with these hints.
    Import(ColumnHints),
    Report,
    /// Ties a destination (a channel, a Chatter group, an email list) to the usage group
    /// that reads it.
    Audience {
        destination: DestinationRef,
        group: String,
    },
    Quotes {
        story: StoryRef,
        picks: Picks,
    },
    Headline {
        story: StoryRef,
        text: String,
    },
    History(StoryRef),
    Approve {
        story: StoryRef,
        destinations: Vec<DestinationRef>,
    },
    DestinationAdd(DestinationRef),
    DestinationRemove(DestinationRef),
    Destinations,
    Schedule {
        cron: String,
        destination: Option<DestinationRef>,
        timezone: Option<String>,
    },
    PublishNext(Option<DestinationRef>),
    Pause(Option<DestinationRef>),
    Resume(Option<DestinationRef>),
    Drop(StoryRef),
    /// Forget a person (admins), or yourself (`me`).
    Forget(Whom),
}

/// Who `/spotlight forget` is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whom {
    Me,
    Person(UserId),
}

/// Which answers to quote: all, or by their numbers in `/spotlight drafts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picks {
    All,
    Numbers(Vec<usize>),
}

/// A command that could not be read: what is wrong, and the subcommand it was meant to
/// be, whose usage line is shown with it (`render`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError {
    pub problem: Problem,
    /// The subcommand whose usage is shown; one not in `COMMANDS` shows `/spotlight help`.
    pub command: String,
}

/// What is wrong with a typed command; the typed words it quotes are kept as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownCommand(String),
    TakesNoArguments(String),
    /// A setting of `import` (`--metric`) without its value.
    NeedsValue(String),
    /// `--date-order` given something else than mdy or dmy.
    DateOrder(BadDateOrder),
    UnknownSetting(String),
    /// Words after the one thing a command takes.
    UnexpectedAfter {
        extra: String,
        after: Thing,
    },
    Unexpected(String),
    /// A person, channel or story that could not be read.
    Id(IdError),
    /// A destination that could not be read.
    Destination(DestinationError),
    WhichStory,
    /// `audience` without a destination.
    WhichAudienceDestination,
    /// `destination add` without a destination.
    WhichDestination,
    WhichGroup,
    /// `forget` without `me` or a person.
    WhoToForget,
    Who,
    WhichQuestionSet,
    WhichAnswers,
    NotAnAnswerNumber(String),
    NoHeadline,
    WhichChannel,
    NotADestinationKind(String),
    ChannelVerb(String),
    DestinationVerb(String),
    CronNotQuoted,
    OneDestinationAtATime,
}

/// What a command takes one of, named in `Problem::UnexpectedAfter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Channel,
    Destination,
    Person,
    Story,
}

impl Thing {
    fn key(self) -> &'static str {
        match self {
            Thing::Channel => "channel",
            Thing::Destination => "destination",
            Thing::Person => "person",
            Thing::Story => "story",
        }
    }
}

impl CommandError {
    /// What the person is told, in `lang`: the problem, then the usage line.
    pub fn render(&self, texts: &Texts, lang: &str) -> String {
        texts.get(
            lang,
            "command-error",
            &[
                ("problem", Arg::from(&self.problem.render(texts, lang))),
                ("usage", Arg::from(&usage(texts, lang, &self.command))),
            ],
        )
    }
}

impl Problem {
    /// The problem in `lang`.
    pub fn render(&self, texts: &Texts, lang: &str) -> String {
        let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
        let one = |id: &str, name: &str, value: &str| t(id, &[(name, Arg::from(value))]);
        match self {
            Problem::UnknownCommand(c) => one("command-unknown", "command", c),
            Problem::TakesNoArguments(c) => one("command-takes-no-arguments", "command", c),
            Problem::NeedsValue(flag) => one("command-needs-value", "setting", flag),
            Problem::DateOrder(e) => e.text(texts, lang),
            Problem::UnknownSetting(s) => one("command-unknown-setting", "setting", s),
            Problem::UnexpectedAfter { extra, after } => t(
                "command-unexpected-after",
                &[
                    ("extra", Arg::from(extra)),
                    ("after", Arg::from(after.key())),
                ],
            ),
            Problem::Unexpected(w) => one("command-unexpected", "words", w),
            Problem::Id(IdError::User(w)) => one("command-not-a-person", "text", w),
            Problem::Id(IdError::Channel(w)) => one("command-not-a-channel", "text", w),
            Problem::Id(IdError::Story(w)) => one("command-not-a-story", "text", w),
            Problem::Destination(e) => e.text(texts, lang),
            Problem::WhichStory => t("command-which-story", &[]),
            Problem::WhichAudienceDestination => t("command-which-audience-destination", &[]),
            Problem::WhichDestination => t("command-which-destination", &[]),
            Problem::WhichGroup => t("command-which-group", &[]),
            Problem::WhoToForget => t("command-who-to-forget", &[]),
            Problem::Who => t("command-who", &[]),
            Problem::WhichQuestionSet => t("command-which-question-set", &[]),
            Problem::WhichAnswers => t("command-which-answers", &[]),
            Problem::NotAnAnswerNumber(w) => one("command-not-an-answer-number", "text", w),
            Problem::NoHeadline => t("command-no-headline", &[]),
            Problem::WhichChannel => t("command-which-channel", &[]),
            Problem::NotADestinationKind(w) => one("command-not-a-destination-kind", "text", w),
            Problem::ChannelVerb(w) => one("command-channel-verb", "verb", w),
            Problem::DestinationVerb(w) => one("command-destination-verb", "verb", w),
            Problem::CronNotQuoted => t("command-cron-not-quoted", &[]),
            Problem::OneDestinationAtATime => t("command-one-destination", &[]),
        }
    }
}

impl Command {
    /// Whether only admins may run it.
    pub fn admin_only(&self) -> bool {
        !matches!(
            self,
            Command::Help
                | Command::Status
                | Command::Queue
                | Command::Suggest { .. }
                | Command::OptOut
                | Command::Drop(_)
                // Anyone may forget themselves; the engine lets only admins name others.
                | Command::Forget(_)
        )
    }
}

/// The usage line of subcommand `name` in `lang` (`/spotlight help`'s when there is no
/// such subcommand).
pub fn usage(texts: &Texts, lang: &str, name: &str) -> String {
    let name = if COMMANDS.iter().any(|(n, _)| *n == name) {
        name
    } else {
        "help"
    };
    texts.get(lang, &format!("usage-{name}"), &[])
}

fn err(name: &str, problem: Problem) -> CommandError {
    CommandError {
        problem,
        command: name.to_string(),
    }
}

fn id_err(name: &str, e: IdError) -> CommandError {
    err(name, Problem::Id(e))
}

fn destination_err(name: &str, e: DestinationError) -> CommandError {
    err(name, Problem::Destination(e))
}

/// How long after `/spotlight import` the admin's next file counts as the export.
pub const IMPORT_WAIT_MINUTES: u64 = 30;

/// The settings of `/spotlight import`: the flags of `spotlight import-usage`, a column
/// name with spaces in quotes.
fn import_hints(name: &str, rest: &str) -> Result<ColumnHints, CommandError> {
    let mut hints = ColumnHints::default();
    let mut rest = rest.trim();
    while !rest.is_empty() {
        let (flag, after) = split_word(rest);
        let (value, after) = match split_quoted(after) {
            Some((quoted, after)) => (quoted, after),
            None => split_word(after),
        };
        if value.trim().is_empty() {
            return Err(err(name, Problem::NeedsValue(flag.to_string())));
        }
        let value = value.trim().to_string();
        match flag {
            "--date-order" => {
                hints.date_order =
                    Some(DateOrder::parse(&value).map_err(|e| err(name, Problem::DateOrder(e)))?)
            }
            "--user-column" => hints.user = Some(value),
            "--group-column" => hints.group = Some(value),
            "--period-column" => hints.period = Some(value),
            "--metric" => hints.metrics.push(value),
            other => return Err(err(name, Problem::UnknownSetting(other.to_string()))),
        }
        rest = after.trim();
    }
    Ok(hints)
}

/// Splits off the first whitespace-separated word.
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

/// Reads a leading quoted string ("…" or Slack's “…”); returns it and the rest.
fn split_quoted(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let (open, close) = if s.starts_with('"') {
        ('"', '"')
    } else if s.starts_with('“') {
        ('“', '”')
    } else {
        return None;
    };
    let inner = &s[open.len_utf8()..];
    let end = inner.find(close)?;
    Some((&inner[..end], inner[end + close.len_utf8()..].trim_start()))
}

/// The one optional word after a command (`what` names it in the error).
fn optional_word<'a>(
    name: &str,
    rest: &'a str,
    what: Thing,
) -> Result<Option<&'a str>, CommandError> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(None);
    }
    let (word, extra) = split_word(rest);
    if !extra.is_empty() {
        return Err(err(
            name,
            Problem::UnexpectedAfter {
                extra: extra.to_string(),
                after: what,
            },
        ));
    }
    Ok(Some(word))
}

fn optional_channel(name: &str, rest: &str) -> Result<Option<ChannelId>, CommandError> {
    optional_word(name, rest, Thing::Channel)?
        .map(|w| ChannelId::parse(w).map_err(|e| id_err(name, e)))
        .transpose()
}

/// An optional destination: `#wins`, `chatter:0F9…`, `news@acme.com`.
fn optional_destination(name: &str, rest: &str) -> Result<Option<DestinationRef>, CommandError> {
    optional_word(name, rest, Thing::Destination)?
        .map(|w| DestinationRef::parse(w).map_err(|e| destination_err(name, e)))
        .transpose()
}

fn story_arg<'a>(name: &str, rest: &'a str) -> Result<(StoryRef, &'a str), CommandError> {
    let (word, rest) = split_word(rest);
    if word.is_empty() {
        return Err(err(name, Problem::WhichStory));
    }
    let story = StoryRef::parse(word).map_err(|e| id_err(name, e))?;
    Ok((story, rest))
}

/// Parses the text after `/spotlight`.
pub fn parse(text: &str) -> Result<Command, CommandError> {
    let (name, rest) = split_word(text.trim());
    let name = name.to_lowercase();
    let no_args = |cmd: Command| {
        if rest.is_empty() {
            Ok(cmd)
        } else {
            Err(err(&name, Problem::TakesNoArguments(name.clone())))
        }
    };
    match name.as_str() {
        "" | "help" => Ok(Command::Help),
        "status" => no_args(Command::Status),
        "queue" => no_args(Command::Queue),
        "drafts" => no_args(Command::Drafts),
        "candidates" => no_args(Command::Candidates),
        "report" => no_args(Command::Report),
        "import" => import_hints(&name, rest).map(Command::Import),
        "audience" => {
            let (ch, group) = split_word(rest);
            let destination = match optional_destination(&name, ch)? {
                Some(d) => d,
                None => return Err(err(&name, Problem::WhichAudienceDestination)),
            };
            let group = group.trim();
            if group.is_empty() {
                return Err(err(&name, Problem::WhichGroup));
            }
            Ok(Command::Audience {
                destination,
                group: group.to_string(),
            })
        }
        "channels" | "destinations" => no_args(Command::Destinations),
        "forget" => match optional_word(&name, rest, Thing::Person)? {
            None => Err(err(&name, Problem::WhoToForget)),
            Some(w) if w.eq_ignore_ascii_case("me") => Ok(Command::Forget(Whom::Me)),
            Some(w) if w.starts_with('@') || w.starts_with("<@") => UserId::parse(w)
                .map(|u| Command::Forget(Whom::Person(u)))
                .map_err(|e| id_err(&name, e)),
            Some(w) => Err(id_err(&name, IdError::User(w.to_string()))),
        },
        "opt-out" | "optout" => no_args(Command::OptOut),
        "nominate" | "suggest" => {
            let (who, note) = split_word(rest);
            if who.is_empty() {
                return Err(err(&name, Problem::Who));
            }
            if !who.starts_with('@') && !who.starts_with("<@") {
                return Err(id_err(&name, IdError::User(who.to_string())));
            }
            let user = UserId::parse(who).map_err(|e| id_err(&name, e))?;
            let (set, note) = match split_word(note) {
                ("--set", rest) if name == "nominate" => {
                    let (set, note) = split_word(rest);
                    if set.is_empty() {
                        return Err(err(&name, Problem::WhichQuestionSet));
                    }
                    (Some(set.to_string()), note)
                }
                _ => (None, note),
            };
            let note = note.trim().to_string();
            Ok(if name == "nominate" {
                Command::Nominate { user, note, set }
            } else {
                Command::Suggest { user, note }
            })
        }
        "quotes" => {
            let (story, rest) = story_arg(&name, rest)?;
            let rest = rest.trim();
            if rest.is_empty() {
                return Err(err(&name, Problem::WhichAnswers));
            }
            if rest.eq_ignore_ascii_case("all") {
                return Ok(Command::Quotes {
                    story,
                    picks: Picks::All,
                });
            }
            let mut numbers = Vec::new();
            for part in rest
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
            {
                match part.parse::<usize>() {
                    Ok(n) if n > 0 => {
                        if !numbers.contains(&n) {
                            numbers.push(n)
                        }
                    }
                    _ => return Err(err(&name, Problem::NotAnAnswerNumber(part.to_string()))),
                }
            }
            Ok(Command::Quotes {
                story,
                picks: Picks::Numbers(numbers),
            })
        }
        "history" | "log" => {
            let (story, rest) = story_arg("history", rest)?;
            if !rest.is_empty() {
                return Err(err(
                    "history",
                    Problem::UnexpectedAfter {
                        extra: rest.to_string(),
                        after: Thing::Story,
                    },
                ));
            }
            Ok(Command::History(story))
        }
        "headline" => {
            let (story, rest) = story_arg(&name, rest)?;
            let text = match split_quoted(rest) {
                Some((inner, "")) => inner,
                _ => rest,
            }
            .trim();
            if text.is_empty() {
                return Err(err(&name, Problem::NoHeadline));
            }
            Ok(Command::Headline {
                story,
                text: text.to_string(),
            })
        }
        "approve" => {
            let (story, rest) = story_arg(&name, rest)?;
            let destinations = rest
                .split_whitespace()
                .map(|w| DestinationRef::parse(w).map_err(|e| destination_err(&name, e)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Command::Approve {
                story,
                destinations,
            })
        }
        "channel" => {
            let (verb, rest) = split_word(rest);
            let channel = match optional_channel(&name, rest)? {
                Some(c) => DestinationRef::channel(&c),
                None => return Err(err(&name, Problem::WhichChannel)),
            };
            match verb.to_lowercase().as_str() {
                "add" => Ok(Command::DestinationAdd(channel)),
                "remove" | "rm" => Ok(Command::DestinationRemove(channel)),
                other => Err(err(&name, Problem::ChannelVerb(other.to_string()))),
            }
        }
        "destination" => {
            let (verb, rest) = split_word(rest);
            let (kind, target) = split_word(rest);
            let dest = match kind.to_lowercase().as_str() {
                "" => return Err(err(&name, Problem::WhichDestination)),
                "chatter" | "salesforce" => DestinationRef::chatter(target),
                "email" | "mail" => DestinationRef::email(target),
                "channel" | "slack" => {
                    let ch = optional_channel(&name, target)?
                        .ok_or_else(|| err(&name, Problem::WhichChannel))?;
                    Ok(DestinationRef::channel(&ch))
                }
                _ if target.is_empty() => DestinationRef::parse(kind),
                other => return Err(err(&name, Problem::NotADestinationKind(other.to_string()))),
            }
            .map_err(|e| destination_err(&name, e))?;
            match verb.to_lowercase().as_str() {
                "add" => Ok(Command::DestinationAdd(dest)),
                "remove" | "rm" => Ok(Command::DestinationRemove(dest)),
                other => Err(err(&name, Problem::DestinationVerb(other.to_string()))),
            }
        }
        "schedule" => {
            let Some((cron, rest)) = split_quoted(rest) else {
                return Err(err(&name, Problem::CronNotQuoted));
            };
            let mut destination = None;
            let mut timezone = None;
            for word in rest.split_whitespace() {
                let looks_like_destination = word.starts_with('#')
                    || word.starts_with("<#")
                    || word.starts_with("<mailto:")
                    || word.to_lowercase().starts_with("chatter:")
                    || word.contains('@');
                if looks_like_destination {
                    if destination.is_some() {
                        return Err(err(&name, Problem::OneDestinationAtATime));
                    }
                    destination =
                        Some(DestinationRef::parse(word).map_err(|e| destination_err(&name, e))?);
                } else if timezone.is_none() {
                    timezone = Some(word.to_string());
                } else {
                    return Err(err(&name, Problem::Unexpected(word.to_string())));
                }
            }
            Ok(Command::Schedule {
                cron: cron.trim().to_string(),
                destination,
                timezone,
            })
        }
        "publish-next" | "publish" => Ok(Command::PublishNext(optional_destination(
            "publish-next",
            rest,
        )?)),
        "pause" => Ok(Command::Pause(optional_destination(&name, rest)?)),
        "resume" => Ok(Command::Resume(optional_destination(&name, rest)?)),
        // Nobody drops a story (the app says so); a hero who wants out is pointed at
        // `opt-out`, even when they named no story.
        "drop" | "delete" | "remove" => {
            let (story, _) = story_arg("opt-out", rest)?;
            Ok(Command::Drop(story))
        }
        other => Err(err("help", Problem::UnknownCommand(other.to_string()))),
    }
}

/// A time as `lang` writes it in replies: its weekday, date, hour and minute on its
/// zone's clock, the zone called `zone` ("UTC", "CET").
pub fn time<Z>(texts: &Texts, lang: &str, at: &chrono::DateTime<Z>, zone: &str) -> String
where
    Z: chrono::TimeZone,
    Z::Offset: std::fmt::Display,
{
    let weekday = at.format("%a").to_string().to_lowercase();
    let date = at.format("%Y-%m-%d").to_string();
    let hour = at.format("%H:%M").to_string();
    texts.get(
        lang,
        "time",
        &[
            ("weekday", Arg::from(&weekday)),
            ("date", Arg::from(&date)),
            ("time", Arg::from(&hour)),
            ("zone", Arg::from(zone)),
        ],
    )
}

/// The help text in `lang`, listing admin commands only to admins.
pub fn help(texts: &Texts, lang: &str, is_admin: bool) -> String {
    let mut out = texts.get(lang, "help-intro", &[]);
    for (name, admin) in COMMANDS {
        if *admin && !is_admin {
            continue;
        }
        out.push('\n');
        out.push_str(&texts.get(
            lang,
            "help-line",
            &[
                (
                    "usage",
                    Arg::from(&super::mrkdwn::escape(&usage(texts, lang, name))),
                ),
                (
                    "what",
                    Arg::from(&texts.get(lang, &format!("help-{name}"), &[])),
                ),
            ],
        ));
    }
    if !is_admin {
        out.push('\n');
        out.push_str(&texts.get(lang, "help-ask-an-admin", &[]));
    }
    out
}

/// The texts Spotlight ships, for the domain's tests.
#[cfg(test)]
pub(crate) fn shipped_texts() -> Texts {
    let sources = [
        ("en", include_str!("../../prompts/locales/en.ftl")),
        ("fr", include_str!("../../prompts/locales/fr.ftl")),
    ]
    .map(|(l, s)| (l.to_string(), s.to_string()));
    Texts::parse("en", &sources).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::destination::DestinationKind;
    use crate::domain::ids::StoryId;

    fn user(s: &str) -> UserId {
        UserId::parse(s).unwrap()
    }

    fn texts() -> Texts {
        shipped_texts()
    }

    /// What a person reading English is told of a command that could not be read.
    fn shown(e: &CommandError) -> String {
        e.render(&texts(), "en")
    }

    /// The problem alone, in English.
    fn message(e: &CommandError) -> String {
        e.problem.render(&texts(), "en")
    }

    /// The usage line shown with it, in English.
    fn usage_line(e: &CommandError) -> String {
        usage(&texts(), "en", &e.command)
    }

    #[test]
    fn forget_takes_me_or_one_person_and_nothing_else() {
        assert_eq!(parse("forget me"), Ok(Command::Forget(Whom::Me)));
        assert_eq!(
            parse("forget <@U0MARIA|maria>"),
            Ok(Command::Forget(Whom::Person(user("U0MARIA"))))
        );
        assert_eq!(
            parse("forget @maria"),
            Ok(Command::Forget(Whom::Person(user("maria"))))
        );
        for bad in ["forget", "forget maria", "forget @maria @carl"] {
            let e = parse(bad).unwrap_err();
            assert!(
                usage_line(&e).contains("/spotlight forget me|@person"),
                "{bad}: {e:?}"
            );
        }
        assert!(!Command::Forget(Whom::Me).admin_only());
    }

    #[test]
    fn import_takes_the_flags_of_import_usage_with_quoted_column_names() {
        let Ok(Command::Import(hints)) = parse(
            "import --date-order dmy --user-column \"Owner: Email\" --metric Logins --metric “Records Updated”",
        ) else {
            panic!("parsed")
        };
        assert_eq!(hints.date_order, Some(DateOrder::DayFirst));
        assert_eq!(hints.user.as_deref(), Some("Owner: Email"));
        assert_eq!(hints.metrics, ["Logins", "Records Updated"]);
        assert_eq!(parse("import"), Ok(Command::Import(ColumnHints::default())));
        assert!(Command::Import(ColumnHints::default()).admin_only());
        let e = parse("import --date-order soon").unwrap_err();
        assert!(message(&e).contains("mdy"), "{e:?}");
        let e = parse("import --sheet 2").unwrap_err();
        assert!(message(&e).contains("unknown setting `--sheet`"), "{e:?}");
        let e = parse("import --metric").unwrap_err();
        assert!(message(&e).contains("`--metric` needs a value"), "{e:?}");
    }

    #[test]
    fn the_admins_help_lists_every_command_and_the_others_see_only_theirs() {
        let names = [
            "help",
            "status",
            "queue",
            "suggest",
            "opt-out",
            "nominate",
            "candidates",
            "import",
            "report",
            "audience",
            "drafts",
            "quotes",
            "history",
            "headline",
            "approve",
            "channel",
            "destination",
            "schedule",
            "publish-next",
            "pause",
            "resume",
        ];
        let admins = help(&texts(), "en", true);
        let others = help(&texts(), "en", false);
        for name in names {
            let line = format!("`/spotlight {name}");
            assert!(admins.contains(&line), "{name} missing from the help");
            let admin_only = COMMANDS.iter().any(|(n, admin)| *n == name && *admin);
            assert_eq!(others.contains(&line), !admin_only, "{name}");
        }
    }

    #[test]
    fn drop_without_a_story_points_at_opt_out() {
        assert_eq!(
            usage_line(&parse("drop").unwrap_err()),
            "/spotlight opt-out"
        );
        assert_eq!(
            parse("drop 2").unwrap(),
            Command::Drop(StoryRef::Id(StoryId(2)))
        );
    }

    #[test]
    fn history_takes_one_story() {
        assert_eq!(
            parse("history 7").unwrap(),
            Command::History(StoryRef::Id(StoryId(7)))
        );
        assert_eq!(
            parse("log @maria").unwrap(),
            Command::History(StoryRef::Hero(user("maria")))
        );
        let e = parse("history").unwrap_err();
        assert!(message(&e).contains("which story"), "{e:?}");
        assert_eq!(usage_line(&e), "/spotlight history <story>");
        assert!(message(&parse("history 7 8").unwrap_err()).contains("\"8\""));
        assert!(parse("history 7").unwrap().admin_only());
    }

    #[test]
    fn nominate_takes_a_person_an_optional_question_set_and_an_optional_note() {
        assert_eq!(
            parse("nominate @maria top of the leaderboard").unwrap(),
            Command::Nominate {
                user: user("maria"),
                note: "top of the leaderboard".into(),
                set: None,
            }
        );
        assert_eq!(
            parse("nominate <@U123|maria>").unwrap(),
            Command::Nominate {
                user: user("U123"),
                note: String::new(),
                set: None,
            }
        );
        assert_eq!(
            parse("nominate @maria --set forecasting her forecast is always right").unwrap(),
            Command::Nominate {
                user: user("maria"),
                note: "her forecast is always right".into(),
                set: Some("forecasting".into()),
            }
        );
        let e = parse("nominate @maria --set").unwrap_err();
        assert!(message(&e).contains("which question set?"), "{e:?}");
    }

    #[test]
    fn schedule_reads_a_quoted_cron_a_channel_and_a_zone_in_any_order() {
        assert_eq!(
            parse("schedule \"0 9 * * MON\" #wins Europe/Berlin").unwrap(),
            Command::Schedule {
                cron: "0 9 * * MON".into(),
                destination: Some(DestinationRef::parse("#wins").unwrap()),
                timezone: Some("Europe/Berlin".into())
            }
        );
        assert_eq!(
            parse("schedule “*/5 * * * *”").unwrap(),
            Command::Schedule {
                cron: "*/5 * * * *".into(),
                destination: None,
                timezone: None
            }
        );
        assert!(message(&parse("schedule 0 9 * * MON").unwrap_err()).contains("double quotes"));
    }

    #[test]
    fn approve_takes_a_story_and_channels() {
        assert_eq!(
            parse("approve 3 #wins #sales").unwrap(),
            Command::Approve {
                story: StoryRef::Id(StoryId(3)),
                destinations: vec![
                    DestinationRef::parse("#wins").unwrap(),
                    DestinationRef::parse("#sales").unwrap()
                ]
            }
        );
        assert_eq!(
            parse("approve @maria").unwrap(),
            Command::Approve {
                story: StoryRef::Hero(user("maria")),
                destinations: vec![]
            }
        );
        assert!(parse("approve").is_err());
        assert!(parse("approve 3 wins").is_err());
    }

    #[test]
    fn destinations_are_added_by_kind_or_by_how_they_look() {
        let chatter = DestinationRef::chatter("0F9000000000001").unwrap();
        let email = DestinationRef::email("news@acme.com").unwrap();
        assert_eq!(
            parse("destination add chatter 0F9000000000001").unwrap(),
            Command::DestinationAdd(chatter.clone())
        );
        assert_eq!(
            parse("destination add email <mailto:news@acme.com|news@acme.com>").unwrap(),
            Command::DestinationAdd(email.clone())
        );
        assert_eq!(
            parse("destination remove news@acme.com").unwrap(),
            Command::DestinationRemove(email.clone())
        );
        assert_eq!(
            parse("destination add #wins").unwrap(),
            Command::DestinationAdd(DestinationRef::parse("#wins").unwrap())
        );
        assert_eq!(
            parse("channel add #wins").unwrap(),
            Command::DestinationAdd(DestinationRef::parse("#wins").unwrap())
        );
        assert_eq!(
            parse("pause chatter:0F9000000000001").unwrap(),
            Command::Pause(Some(chatter.clone()))
        );
        assert_eq!(
            parse("schedule \"0 9 1 * *\" news@acme.com Europe/Paris").unwrap(),
            Command::Schedule {
                cron: "0 9 1 * *".into(),
                destination: Some(email),
                timezone: Some("Europe/Paris".into())
            }
        );
        assert_eq!(parse("destinations").unwrap(), Command::Destinations);
        for bad in [
            "destination add chatter 12345",
            "destination add email not-an-address",
            "destination add fax 555",
            "destination paint #wins",
            "destination add",
        ] {
            assert!(parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn quotes_and_headline_parse_their_arguments() {
        assert_eq!(
            parse("quotes 2 1, 3 4").unwrap(),
            Command::Quotes {
                story: StoryRef::Id(StoryId(2)),
                picks: Picks::Numbers(vec![1, 3, 4])
            }
        );
        assert_eq!(
            parse("quotes 2 all").unwrap(),
            Command::Quotes {
                story: StoryRef::Id(StoryId(2)),
                picks: Picks::All
            }
        );
        assert!(parse("quotes 2 one").is_err());
        assert_eq!(
            parse("headline 2 \"Two hours back\"").unwrap(),
            Command::Headline {
                story: StoryRef::Id(StoryId(2)),
                text: "Two hours back".into()
            }
        );
        assert_eq!(
            parse("headline 2 Two \"hours\" back").unwrap(),
            Command::Headline {
                story: StoryRef::Id(StoryId(2)),
                text: "Two \"hours\" back".into()
            }
        );
    }

    #[test]
    fn unknown_and_malformed_commands_come_back_with_usage() {
        let e = parse("frobnicate").unwrap_err();
        assert_eq!(
            shown(&e),
            "I don't know the command `frobnicate`\nUsage: `/spotlight help`"
        );
        let e = parse("nominate maria").unwrap_err();
        assert!(shown(&e).contains("@maria"), "{e:?}");
        assert!(usage_line(&e).contains("nominate @person"));
        assert!(parse("channel add wins").is_err());
        assert!(parse("channel paint #wins").is_err());
        assert!(parse("status now").is_err());
    }

    #[test]
    fn an_audience_is_tied_to_a_channel_a_chatter_group_or_an_email_list() {
        for (typed, kind) in [
            ("#emea-sales", DestinationKind::SlackChannel),
            ("chatter:0F9000000000123", DestinationKind::Chatter),
            ("news@acme.com", DestinationKind::Email),
        ] {
            let Command::Audience { destination, group } =
                parse(&format!("audience {typed} Inside Sales")).unwrap()
            else {
                panic!("{typed} is an audience command");
            };
            assert_eq!((destination.kind, group.as_str()), (kind, "Inside Sales"));
        }
        let e = parse("audience EMEA").unwrap_err();
        assert!(shown(&e).contains("chatter:0F9"), "{e:?}");
    }

    #[test]
    fn the_help_and_every_mistake_read_in_the_persons_language() {
        let t = texts();
        let fr = help(&t, "fr", false);
        assert!(
            fr.starts_with("*Spotlight* interviewe les utilisateurs experts"),
            "{fr}"
        );
        assert!(
            fr.contains("• `/spotlight suggest @personne [pourquoi]` : suggérer un(e) collègue"),
            "{fr}"
        );
        assert!(
            fr.ends_with("si vous aimeriez être mis(e) en avant."),
            "{fr}"
        );
        assert!(!fr.contains("/spotlight nominate"), "{fr}");
        let fr = help(&t, "fr", true);
        assert!(
            fr.contains("• `/spotlight history &lt;histoire&gt;` : tout ce qui est arrivé"),
            "{fr}"
        );
        assert_eq!(
            parse("history 7 8").unwrap_err().render(&t, "fr"),
            "« 8 » inattendu après l'histoire\nUtilisation : `/spotlight history <histoire>`"
        );
        assert_eq!(
            parse("frobnicate").unwrap_err().render(&t, "fr"),
            "Je ne connais pas la commande `frobnicate`\nUtilisation : `/spotlight help`"
        );
        // Every problem has its message in every language, the typed words kept as typed.
        let problems = [
            "frobnicate",
            "status now",
            "import --metric",
            "import --date-order soon",
            "import --sheet 2",
            "pause #wins #news",
            "schedule \"0 9 * * *\" Europe/Paris later",
            "nominate maria",
            "channel add wins",
            "history «x»",
            "approve 3 wins",
            "destination add chatter 12345",
            "destination add email not-an-address",
            "history",
            "audience",
            "destination add",
            "audience #wins",
            "forget",
            "nominate",
            "nominate @maria --set",
            "quotes 2",
            "quotes 2 one",
            "headline 2",
            "channel add",
            "destination add fax 555",
            "channel paint #wins",
            "destination paint #wins",
            "schedule 0 9 * * MON",
            "schedule \"0 9 * * *\" #wins #news",
        ];
        for typed in problems {
            let e = parse(typed).unwrap_err();
            for lang in ["en", "fr"] {
                let shown = e.render(&t, lang);
                assert!(
                    !shown.starts_with("command-") && !shown.contains("usage-"),
                    "{typed} in {lang}: {shown}"
                );
            }
            assert_ne!(e.render(&t, "en"), e.render(&t, "fr"), "{typed}");
        }
    }

    #[test]
    fn help_hides_admin_commands_from_everyone_else() {
        let t = texts();
        assert!(help(&t, "en", true).contains("/spotlight nominate"));
        assert!(!help(&t, "en", false).contains("/spotlight nominate"));
        assert!(help(&t, "en", false).contains("/spotlight suggest"));
    }
}
