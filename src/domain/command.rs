//! The `/spotlight` slash command: parsing its text into a `Command`, and its help.
//!
//! The same parser serves Slack and the console. Parsing never fails silently: every
//! error carries the usage line of the subcommand it was meant to be.

use super::destination::DestinationRef;
use super::ids::{ChannelId, IdError, StoryRef, UserId};
use super::period::DateOrder;
use super::usage::ColumnHints;

/// One line of usage per subcommand: (name, arguments, what it does, admin only).
pub const USAGE: &[(&str, &str, &str, bool)] = &[
    ("help", "", "show this help", false),
    (
        "status",
        "",
        "where every story is and who it waits on (heroes: your own story)",
        false,
    ),
    (
        "queue",
        "",
        "approved stories waiting to be posted, in order, and the next posting times",
        false,
    ),
    (
        "suggest",
        "@person [why]",
        "suggest a colleague for the spotlight (the admins decide)",
        false,
    ),
    (
        "opt-out",
        "",
        "withdraw your own story (heroes only; nothing is posted)",
        false,
    ),
    (
        "forget",
        "me|@person",
        "remove everything Spotlight holds of you (admins: of anyone) and delete the published posts; shows what first and asks you to confirm",
        false,
    ),
    (
        "nominate",
        "@person [--set name] [note]",
        "invite a power user to be interviewed (with a question set from `prompts/sets/`)",
        true,
    ),
    (
        "candidates",
        "",
        "likely power users and lagging groups, from imported usage data",
        true,
    ),
    (
        "import",
        "[--date-order mdy|dmy] [--user-column C] [--group-column C] [--period-column C] [--metric C …]",
        "import usage data: the next file you send me in a DM, read with these settings (\"quote\" names with spaces)",
        true,
    ),
    (
        "report",
        "",
        "per published story: reach, conversation and audience activity",
        true,
    ),
    (
        "audience",
        "#channel|chatter:ID|email <group>",
        "tie a destination to the usage group that reads it, for `report`",
        true,
    ),
    (
        "drafts",
        "",
        "drafts and heroes' edits waiting for review, with their checks and numbered answers",
        true,
    ),
    (
        "quotes",
        "<story> <numbers|all>",
        "choose which answers the story quotes, e.g. `quotes 3 1,2,4`",
        true,
    ),
    (
        "history",
        "<story>",
        "everything that happened to a story: who did what, and when",
        true,
    ),
    (
        "headline",
        "<story> <text>",
        "propose the headline (the hero sees and approves it)",
        true,
    ),
    (
        "approve",
        "<story> [destination …]",
        "send the draft to the hero for approval, for these destinations (default: all)",
        true,
    ),
    (
        "channel",
        "add|remove #channel",
        "manage the Slack channels stories are posted to",
        true,
    ),
    (
        "destination",
        "add|remove #channel|chatter <group id>|email <address>",
        "manage where stories are published: Slack channels, Salesforce Chatter groups, email lists; `destinations` lists them",
        true,
    ),
    (
        "schedule",
        "\"<cron>\" [destination] [Area/City]",
        "when stories are posted, e.g. `schedule \"0 9 * * MON\" #wins Europe/Berlin`",
        true,
    ),
    (
        "publish-next",
        "[destination]",
        "post the next approved story now",
        true,
    ),
    (
        "pause",
        "[destination]",
        "stop posting (to one destination or all)",
        true,
    ),
    ("resume", "[destination]", "start posting again", true),
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

/// A command that could not be read; shown to the person with what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}\nUsage: `{usage}`")]
pub struct CommandError {
    pub message: String,
    pub usage: String,
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

fn usage_of(name: &str) -> String {
    USAGE
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(n, args, ..)| format!("/spotlight {n} {args}").trim_end().to_string())
        .unwrap_or_else(|| "/spotlight help".to_string())
}

fn err(name: &str, message: impl Into<String>) -> CommandError {
    CommandError {
        message: message.into(),
        usage: usage_of(name),
    }
}

fn id_err(name: &str, e: IdError) -> CommandError {
    err(name, e.to_string())
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
            return Err(err(name, format!("`{flag}` needs a value")));
        }
        let value = value.trim().to_string();
        match flag {
            "--date-order" => {
                hints.date_order = Some(DateOrder::parse(&value).map_err(|e| err(name, e))?)
            }
            "--user-column" => hints.user = Some(value),
            "--group-column" => hints.group = Some(value),
            "--period-column" => hints.period = Some(value),
            "--metric" => hints.metrics.push(value),
            other => {
                return Err(err(
                    name,
                    format!("unknown setting `{other}`: use --date-order, --user-column, --group-column, --period-column or --metric"),
                ))
            }
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
    what: &str,
) -> Result<Option<&'a str>, CommandError> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(None);
    }
    let (word, extra) = split_word(rest);
    if !extra.is_empty() {
        return Err(err(
            name,
            format!("unexpected \"{extra}\" after the {what}"),
        ));
    }
    Ok(Some(word))
}

fn optional_channel(name: &str, rest: &str) -> Result<Option<ChannelId>, CommandError> {
    optional_word(name, rest, "channel")?
        .map(|w| ChannelId::parse(w).map_err(|e| id_err(name, e)))
        .transpose()
}

/// An optional destination: `#wins`, `chatter:0F9…`, `news@acme.com`.
fn optional_destination(name: &str, rest: &str) -> Result<Option<DestinationRef>, CommandError> {
    optional_word(name, rest, "destination")?
        .map(|w| DestinationRef::parse(w).map_err(|e| err(name, e.to_string())))
        .transpose()
}

fn story_arg<'a>(name: &str, rest: &'a str) -> Result<(StoryRef, &'a str), CommandError> {
    let (word, rest) = split_word(rest);
    if word.is_empty() {
        return Err(err(name, "which story? Give its number or its hero"));
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
            Err(err(&name, format!("`{name}` takes no arguments")))
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
                None => return Err(err(
                    &name,
                    "which destination? Name a channel like #wins, a Chatter group like chatter:0F9… or an email list like news@acme.com",
                )),
            };
            let group = group.trim();
            if group.is_empty() {
                return Err(err(
                    &name,
                    "which group? Use a group name from the usage data, like EMEA",
                ));
            }
            Ok(Command::Audience {
                destination,
                group: group.to_string(),
            })
        }
        "channels" | "destinations" => no_args(Command::Destinations),
        "forget" => match optional_word(&name, rest, "person")? {
            None => Err(err(&name, "who? `me`, or mention them, like @maria")),
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
                return Err(err(&name, "who? Mention them, like @maria"));
            }
            if !who.starts_with('@') && !who.starts_with("<@") {
                return Err(id_err(&name, IdError::User(who.to_string())));
            }
            let user = UserId::parse(who).map_err(|e| id_err(&name, e))?;
            let (set, note) = match split_word(note) {
                ("--set", rest) if name == "nominate" => {
                    let (set, note) = split_word(rest);
                    if set.is_empty() {
                        return Err(err(
                            &name,
                            "which question set? Name it after --set, like --set forecasting",
                        ));
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
                return Err(err(
                    &name,
                    "which answers? Give their numbers from `/spotlight drafts`, or `all`",
                ));
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
                    _ => return Err(err(&name, format!("\"{part}\" is not an answer number"))),
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
                    format!("unexpected \"{rest}\" after the story"),
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
                return Err(err(&name, "the headline text is missing"));
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
                .map(|w| DestinationRef::parse(w).map_err(|e| err(&name, e.to_string())))
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
                None => return Err(err(&name, "which channel? Name it like #wins")),
            };
            match verb.to_lowercase().as_str() {
                "add" => Ok(Command::DestinationAdd(channel)),
                "remove" | "rm" => Ok(Command::DestinationRemove(channel)),
                other => Err(err(
                    &name,
                    format!(
                        "`channel {other}` is not a thing: use `channel add` or `channel remove`"
                    ),
                )),
            }
        }
        "destination" => {
            let (verb, rest) = split_word(rest);
            let (kind, target) = split_word(rest);
            let dest = match kind.to_lowercase().as_str() {
                "" => return Err(err(&name, "which destination? Name a channel like #wins, `chatter <group id>` or `email <address>`")),
                "chatter" | "salesforce" => DestinationRef::chatter(target),
                "email" | "mail" => DestinationRef::email(target),
                "channel" | "slack" => {
                    let ch = optional_channel(&name, target)?
                        .ok_or_else(|| err(&name, "which channel? Name it like #wins"))?;
                    Ok(DestinationRef::channel(&ch))
                }
                _ if target.is_empty() => DestinationRef::parse(kind),
                other => {
                    return Err(err(
                        &name,
                        format!("\"{other}\" is not a kind of destination: use a #channel, `chatter` or `email`"),
                    ))
                }
            }
            .map_err(|e| err(&name, e.to_string()))?;
            match verb.to_lowercase().as_str() {
                "add" => Ok(Command::DestinationAdd(dest)),
                "remove" | "rm" => Ok(Command::DestinationRemove(dest)),
                other => Err(err(
                    &name,
                    format!(
                        "`destination {other}` is not a thing: use `destination add` or `destination remove` (`destinations` lists them)"
                    ),
                )),
            }
        }
        "schedule" => {
            let Some((cron, rest)) = split_quoted(rest) else {
                return Err(err(
                    &name,
                    "put the cron expression in double quotes, e.g. `/spotlight schedule \"0 9 * * MON\" #wins`",
                ));
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
                        return Err(err(&name, "one destination at a time, please"));
                    }
                    destination =
                        Some(DestinationRef::parse(word).map_err(|e| err(&name, e.to_string()))?);
                } else if timezone.is_none() {
                    timezone = Some(word.to_string());
                } else {
                    return Err(err(&name, format!("unexpected \"{word}\"")));
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
        other => Err(CommandError {
            message: format!("I don't know the command `{other}`"),
            usage: "/spotlight help".to_string(),
        }),
    }
}

/// The help text, listing admin commands only to admins.
pub fn help(is_admin: bool) -> String {
    let mut out =
        String::from("*Spotlight* interviews power users and shares their success stories.\n");
    for (name, args, what, admin) in USAGE {
        if *admin && !is_admin {
            continue;
        }
        let cmd = format!("/spotlight {name} {args}");
        out.push_str(&format!(
            "• `{}`: {what}\n",
            super::mrkdwn::escape(cmd.trim_end())
        ));
    }
    if !is_admin {
        out.push_str(
            "Admins nominate heroes and review stories; ask one if you'd like to be featured.\n",
        );
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::destination::DestinationKind;
    use crate::domain::ids::StoryId;

    fn user(s: &str) -> UserId {
        UserId::parse(s).unwrap()
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
                e.usage.contains("/spotlight forget me|@person"),
                "{bad}: {e}"
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
        assert!(e.message.contains("mdy"), "{e:?}");
        let e = parse("import --sheet 2").unwrap_err();
        assert!(e.message.contains("unknown setting `--sheet`"), "{e:?}");
        let e = parse("import --metric").unwrap_err();
        assert!(e.message.contains("`--metric` needs a value"), "{e:?}");
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
        let admins = help(true);
        let others = help(false);
        for name in names {
            let line = format!("`/spotlight {name}");
            assert!(admins.contains(&line), "{name} missing from the help");
            let admin_only = USAGE.iter().any(|(n, .., admin)| *n == name && *admin);
            assert_eq!(others.contains(&line), !admin_only, "{name}");
        }
    }

    #[test]
    fn drop_without_a_story_points_at_opt_out() {
        assert_eq!(parse("drop").unwrap_err().usage, "/spotlight opt-out");
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
        assert!(e.message.contains("which story"), "{e}");
        assert_eq!(e.usage, "/spotlight history <story>");
        assert!(parse("history 7 8").unwrap_err().message.contains("\"8\""));
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
        assert!(e.message.contains("which question set?"), "{}", e.message);
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
        assert!(parse("schedule 0 9 * * MON")
            .unwrap_err()
            .message
            .contains("double quotes"));
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
        assert!(e.to_string().contains("/spotlight help"));
        let e = parse("nominate maria").unwrap_err();
        assert!(e.to_string().contains("@maria"), "{e}");
        assert!(e.usage.contains("nominate @person"));
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
        assert!(e.to_string().contains("chatter:0F9"), "{e}");
    }

    #[test]
    fn help_hides_admin_commands_from_everyone_else() {
        assert!(help(true).contains("/spotlight nominate"));
        assert!(!help(false).contains("/spotlight nominate"));
        assert!(help(false).contains("/spotlight suggest"));
    }
}
