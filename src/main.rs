//! The `spotlight` command: parses the command line, sets up logging and settings, and
//! runs the chosen mode.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};

use spotlight::app::App;
use spotlight::config::{Prompts, Settings, SlackSettings, SlackSettingsInput};
use spotlight::console::{Console, ConsoleTransport};
use spotlight::store::Store;

/// Spotlight interviews your power users in chat and publishes their success stories.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
struct Cli {
    /// The SQLite database: a path or a sqlite:// URL (created on first run).
    #[arg(long, global = true, env = "DATABASE_URL")]
    db: Option<String>,
    /// A folder with interview.toml and story.md to use instead of the built-in ones
    /// (default: ./prompts if it exists).
    #[arg(long, global = true, env = "SPOTLIGHT_PROMPTS")]
    prompts: Option<PathBuf>,
    /// IANA time zone for schedules that name none.
    #[arg(long, global = true, env = "SPOTLIGHT_TIMEZONE", default_value = "UTC")]
    timezone: String,
    #[command(subcommand)]
    command: Option<Mode>,
}

#[derive(Subcommand, Debug)]
enum Mode {
    /// Chat with Spotlight in the terminal (the default): every persona, every step.
    Console {
        /// Comma-separated handles of the admins.
        #[arg(long, env = "SPOTLIGHT_ADMINS", default_value = "admin")]
        admins: String,
        /// Start the simulated clock here (RFC 3339, e.g. 2026-11-23T09:00:00Z) instead of
        /// now; a saved later clock wins.
        #[arg(long)]
        clock: Option<DateTime<Utc>>,
    },
    /// Run as a Slack app: the HTTP Events API, or Socket Mode with --socket-mode.
    Serve {
        /// Connect out to Slack over Socket Mode (needs SLACK_APP_TOKEN) instead of
        /// listening for HTTP requests.
        #[arg(long)]
        socket_mode: bool,
        /// Where to listen for Slack's HTTP requests [default: 0.0.0.0:3000].
        #[arg(long, env = "SPOTLIGHT_BIND")]
        bind: Option<String>,
        /// Slack's Web API base URL [default: https://slack.com/api].
        #[arg(long, env = "SLACK_API_URL")]
        api_url: Option<String>,
        /// Comma-separated Slack user IDs of the Spotlight admins (workspace admins and
        /// owners count too).
        #[arg(long, env = "SPOTLIGHT_ADMINS", default_value = "")]
        admins: String,
        /// The Bot User OAuth Token (xoxb-…).
        #[arg(long, env = "SLACK_BOT_TOKEN", hide_env_values = true)]
        bot_token: Option<String>,
        /// The app's Signing Secret (HTTP mode).
        #[arg(long, env = "SLACK_SIGNING_SECRET", hide_env_values = true)]
        signing_secret: Option<String>,
        /// An app-level token (xapp-…) with connections:write (Socket Mode).
        #[arg(long, env = "SLACK_APP_TOKEN", hide_env_values = true)]
        app_token: Option<String>,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: failed to start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let prompts = Prompts::load(Prompts::default_dir(cli.prompts.clone()).as_deref())?;
    let timezone = Settings::check_timezone(&cli.timezone)?;
    let database_url = Settings::database_url(cli.db.as_deref());
    match cli.command.unwrap_or(Mode::Console {
        admins: std::env::var("SPOTLIGHT_ADMINS").unwrap_or_else(|_| "admin".to_string()),
        clock: None,
    }) {
        Mode::Console { admins, clock } => {
            let settings = Settings {
                database_url,
                admins: Settings::parse_admins(&admins),
                timezone,
                prompts,
            };
            let store = Store::open(&settings.database_url).await?;
            let app = App::new(store.clone(), &settings, ConsoleTransport::default());
            let mut console = Console::new(&app, clock).await?;
            let stdin = tokio::io::BufReader::new(tokio::io::stdin());
            console.run(stdin).await.context("the console stopped")?;
            store.close().await;
            Ok(())
        }
        Mode::Serve {
            socket_mode,
            bind,
            api_url,
            admins,
            bot_token,
            signing_secret,
            app_token,
        } => {
            let slack = SlackSettings::from_input(SlackSettingsInput {
                bot_token,
                signing_secret,
                app_token,
                api_url,
                bind,
                socket_mode,
            })?;
            let settings = Settings {
                database_url,
                admins: SlackSettings::parse_admins(&admins)?,
                timezone,
                prompts,
            };
            let running = spotlight::slack::start(settings, slack).await?;
            match running.addr {
                Some(addr) => {
                    eprintln!("spotlight: listening for Slack on http://{addr} (Ctrl-C to stop)")
                }
                None => {
                    eprintln!("spotlight: connected to Slack over Socket Mode (Ctrl-C to stop)")
                }
            }
            running.until(shutdown_signal()).await
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("spotlight: stopping");
}
