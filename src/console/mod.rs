//! The console: the whole product as a chat in the terminal, on the same engine as Slack.
//!
//! Reads stdin line by line (a TTY or a pipe), so sessions can be scripted. Lines starting
//! with `/spotlight` are slash commands, `/as @name` switches persona, `/advance 2h` moves
//! the simulated clock, `/reply #wins …` replies in a story's thread; anything else is a
//! DM from the current persona to the bot.
//! Buttons print as numbered choices; typing the number or the label presses them.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use anyhow::Context;
use chrono::{DateTime, Utc};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::app::{App, Inbound};
use crate::delivery::{Button, Delivery, Outgoing, Publish, Recipient, Transport};
use crate::destinations::Router;
use crate::domain::destination::DestinationRef;
use crate::domain::texts::Arg;
use crate::domain::{mrkdwn, UserId};

const CLOCK_KEY: &str = "console_clock";
const PERSONA_KEY: &str = "console_persona";

/// The console's side of the delivery port: its channels and people through
/// `ConsoleTransport`, Chatter and email through their clients where they are set up.
pub type ConsolePort = Router<ConsoleTransport>;

/// Prints the bot's messages and remembers the buttons each persona was last shown.
#[derive(Default)]
pub struct ConsoleTransport {
    buttons: Mutex<HashMap<UserId, Vec<Button>>>,
    sent: AtomicU64,
}

impl ConsoleTransport {
    /// The button `typed` names for `user` (by number or label), if any.
    fn pressed(&self, user: &UserId, typed: &str) -> Option<Button> {
        let buttons = self.buttons.lock().expect("button map lock");
        let shown = buttons.get(user)?;
        let typed = typed.trim();
        if let Ok(n) = typed.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| shown.get(i)).cloned();
        }
        shown
            .iter()
            .find(|b| b.label.eq_ignore_ascii_case(typed))
            .cloned()
    }
}

/// Formats a message the way the console shows it.
pub fn render(msg: &Outgoing) -> String {
    let to = match &msg.to {
        Recipient::User(u) => u.to_string(),
        Recipient::Channel(c) => c.to_string(),
    };
    let text = mrkdwn::to_plain(&msg.text);
    let mut out = if text.contains('\n') {
        let body: Vec<String> = text.split('\n').map(|l| format!("  {l}")).collect();
        format!("bot → {to}:\n{}", body.join("\n"))
    } else {
        format!("bot → {to}: {text}")
    };
    if !msg.buttons.is_empty() {
        let choices: Vec<String> = msg
            .buttons
            .iter()
            .enumerate()
            .map(|(i, b)| format!("[{}] {}", i + 1, b.label))
            .collect();
        out.push_str(&format!("\n  {}", choices.join("  ")));
    }
    out
}

impl Transport for ConsoleTransport {
    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        if let Recipient::User(u) = &msg.to {
            // A new message to a person replaces the choices they had.
            self.buttons
                .lock()
                .expect("button map lock")
                .insert(u.clone(), msg.buttons.clone());
        }
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", render(&msg)).context("failed to write to stdout")?;
        stdout.flush().ok();
        let n = self.sent.fetch_add(1, Ordering::Relaxed) + 1;
        Ok(format!("console-{n}"))
    }
}

/// The console's channels as one kind of destination behind the delivery port: a story
/// is printed as a post in its channel.
impl Publish for ConsoleTransport {
    /// A console channel is named by what the admin typed: no other name.
    async fn check(&self, _to: &DestinationRef) -> anyhow::Result<Option<String>> {
        Ok(None)
    }

    async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
        self.send(story.post()?).await
    }

    /// The console keeps no channel history: a post in doubt is printed again.
    async fn find(
        &self,
        _story: &Delivery,
        _since: DateTime<Utc>,
    ) -> anyhow::Result<Option<String>> {
        Ok(None)
    }

    /// Printing is never refused.
    fn fix_for(&self, _to: &DestinationRef, _code: &str, _explanation: &str) -> Option<String> {
        None
    }

    /// A console channel's post is taken back by saying so where it was printed.
    async fn retract(&self, to: &DestinationRef, message_ref: &str) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        writeln!(
            stdout,
            "bot ✕ #{}: deleted its story post {message_ref}",
            to.target
        )
        .context("failed to write to stdout")?;
        stdout.flush().ok();
        Ok(())
    }

    // The console's channels have no members to count, no reactions and no threads: the
    // port's defaults (nothing known) hold.
}

/// Numbers console replies apart within one run (with the clock, across runs).
static REPLIES: AtomicU64 = AtomicU64::new(0);

/// The console session: whose turn it is and what time it is.
pub struct Console<'a> {
    app: &'a App<ConsolePort>,
    persona: UserId,
    now: DateTime<Utc>,
    interactive: bool,
}

impl<'a> Console<'a> {
    /// `/reply #channel <text>`: the current persona replies in the thread of the latest
    /// story post in that channel, as a colleague would in Slack (the text stays in the
    /// thread; Spotlight sees that someone replied).
    async fn reply_in_thread(&mut self, rest: &str) -> anyhow::Result<()> {
        let (channel, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let name = channel.trim_start_matches('#');
        if name.is_empty() || text.trim().is_empty() {
            self.print(&self.app.say("console-usage-reply", &[]));
            return Ok(());
        }
        let post = self
            .app
            .store()
            .recent_posts(DateTime::UNIX_EPOCH)
            .await?
            .into_iter()
            .find(|p| p.target.trim_start_matches('#') == name && p.message_ref.is_some());
        let Some((post, parent)) = post.and_then(|p| p.message_ref.clone().map(|r| (p, r))) else {
            self.print(
                &self
                    .app
                    .say("console-nothing-posted-in", &[("name", Arg::from(name))]),
            );
            return Ok(());
        };
        let reply_ref = format!(
            "{parent}:reply:{}:{}",
            self.now.timestamp_micros(),
            REPLIES.fetch_add(1, Ordering::Relaxed)
        );
        self.print(&self.app.say(
            "console-replied",
            &[
                ("persona", Arg::from(&self.persona.to_string())),
                ("story", Arg::from(post.story_id)),
                ("name", Arg::from(name)),
            ],
        ));
        let inbound = Inbound::ThreadReply {
            user: self.persona.clone(),
            parent_ref: parent,
            reply_ref,
        };
        self.app.handle(inbound, self.now).await
    }

    /// Resumes the persona and clock of the last session, or starts as the first admin at
    /// `start` (or now).
    pub async fn new(
        app: &'a App<ConsolePort>,
        start: Option<DateTime<Utc>>,
    ) -> anyhow::Result<Console<'a>> {
        let store = app.store();
        let saved_clock = store
            .meta(CLOCK_KEY)
            .await?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc));
        let now = match (start, saved_clock) {
            (Some(s), Some(saved)) => s.max(saved),
            (Some(s), None) => s,
            (None, Some(saved)) => saved,
            (None, None) => Utc::now(),
        };
        let default_admin = app
            .admins()
            .first()
            .cloned()
            .unwrap_or_else(|| UserId::parse("admin").expect("valid handle"));
        let persona = store
            .meta(PERSONA_KEY)
            .await?
            .and_then(|p| UserId::parse(&p).ok())
            .unwrap_or(default_admin);
        app.ensure_user(&persona, None, now).await?;
        app.recover(now).await?;
        Ok(Console {
            app,
            persona,
            now,
            interactive: std::io::stdin().is_terminal(),
        })
    }

    fn print(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{text}");
        let _ = stdout.flush();
    }

    fn prompt(&self) {
        if self.interactive {
            let mut stdout = std::io::stdout().lock();
            let _ = write!(stdout, "{}> ", self.persona);
            let _ = stdout.flush();
        }
    }

    async fn save(&self) -> anyhow::Result<()> {
        let store = self.app.store();
        store.set_meta(CLOCK_KEY, &self.now.to_rfc3339()).await?;
        store.set_meta(PERSONA_KEY, self.persona.as_str()).await
    }

    /// Runs until the input ends.
    pub async fn run<R: AsyncBufRead + Unpin>(&mut self, input: R) -> anyhow::Result<()> {
        if self.interactive {
            self.print(&self.app.say(
                "console-welcome",
                &[
                    ("persona", Arg::from(&self.persona.to_string())),
                    ("time", Arg::from(&self.app.say_time(self.now))),
                ],
            ));
        }
        let mut lines = input.lines();
        self.prompt();
        while let Some(line) = lines.next_line().await.context("failed to read input")? {
            if !self.interactive {
                self.print(&format!("{}> {line}", self.persona));
            }
            let line = if line.trim() == "\"\"\"" {
                let mut block = Vec::new();
                loop {
                    match lines.next_line().await.context("failed to read input")? {
                        Some(l) if l.trim() == "\"\"\"" => break,
                        Some(l) => {
                            if !self.interactive {
                                self.print(&format!("{}> {l}", self.persona));
                            }
                            block.push(l)
                        }
                        None => break,
                    }
                }
                if !self.interactive {
                    self.print(&format!("{}> \"\"\"", self.persona));
                }
                block.join("\n")
            } else {
                line
            };
            if let Err(e) = self.line(&line).await {
                self.print(&format!("error: {e:#}"));
            }
            if line.trim() == "/quit" || line.trim() == "/exit" {
                break;
            }
            self.save().await?;
            self.prompt();
        }
        self.save().await?;
        if self.interactive {
            self.print(&self.app.say("console-bye", &[]));
        }
        Ok(())
    }

    async fn line(&mut self, line: &str) -> anyhow::Result<()> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        let (head, rest) = match trimmed.split_once(char::is_whitespace) {
            Some((h, r)) => (h, r.trim()),
            None => (trimmed, ""),
        };
        match head {
            "/spotlight" => {
                let inbound = Inbound::Command {
                    user: self.persona.clone(),
                    text: rest.to_string(),
                };
                self.app.handle(inbound, self.now).await
            }
            "/as" => match UserId::parse(rest) {
                Ok(u) if rest.starts_with('@') => {
                    self.app.ensure_user(&u, None, self.now).await?;
                    self.persona = u;
                    let role = match self.app.is_admin(&self.persona) {
                        true => "admin",
                        false => "other",
                    };
                    self.print(&self.app.say(
                        "console-you-are",
                        &[
                            ("persona", Arg::from(&self.persona.to_string())),
                            ("role", Arg::from(role)),
                        ],
                    ));
                    Ok(())
                }
                _ => {
                    self.print(&self.app.say("console-usage-as", &[]));
                    Ok(())
                }
            },
            "/advance" => match humantime::parse_duration(rest) {
                Ok(d) if !rest.is_empty() => {
                    let d = chrono::Duration::from_std(d).context("that duration is too long")?;
                    self.advance(d).await
                }
                _ => {
                    self.print(&self.app.say("console-usage-advance", &[]));
                    Ok(())
                }
            },
            "/reply" => self.reply_in_thread(rest).await,
            "/now" => {
                self.print_clock();
                Ok(())
            }
            "/help" => {
                self.print(&self.app.say("console-help", &[]));
                Ok(())
            }
            "/quit" | "/exit" => Ok(()),
            cmd if cmd.starts_with('/') && line.starts_with('/') => {
                self.print(
                    &self
                        .app
                        .say("console-unknown-command", &[("command", Arg::from(cmd))]),
                );
                Ok(())
            }
            _ => {
                let inbound = match self.app.transport().chat().pressed(&self.persona, line) {
                    Some(b) => Inbound::Button {
                        user: self.persona.clone(),
                        action: b.action,
                        value: b.value,
                    },
                    None => Inbound::Message {
                        user: self.persona.clone(),
                        text: line.to_string(),
                        message_ref: None,
                    },
                };
                self.app.handle(inbound, self.now).await?;
                // Deletions decided (a person forgotten) are carried out at once: the
                // console has no scheduler beside it.
                self.app.retract_due(self.now).await
            }
        }
    }

    /// Moves the clock, doing everything that comes due on the way, in order.
    async fn advance(&mut self, by: chrono::Duration) -> anyhow::Result<()> {
        let target = self.now + by;
        for _ in 0..100_000 {
            match self.app.next_wakeup().await? {
                Some(t) if t <= target => {
                    self.now = self.now.max(t);
                    self.app.tick(self.now).await?;
                }
                _ => break,
            }
        }
        self.now = target;
        self.app.tick(self.now).await?;
        self.print_clock();
        Ok(())
    }

    /// Says what time the simulated clock shows.
    fn print_clock(&self) {
        let time = self.app.say_time(self.now);
        self.print(&self.app.say("console-clock", &[("time", Arg::from(&time))]));
    }
}
