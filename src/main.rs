//! The `spotlight` command: parses the command line, sets up logging and settings, and
//! runs the chosen mode.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};

use spotlight::app::App;
use spotlight::config::{Prompts, Settings, SlackAuth, SlackSettings, SlackSettingsInput};
use spotlight::console::{Console, ConsolePort, ConsoleTransport};
use spotlight::destinations::Publishers;
use spotlight::domain::ids::StoryRef;
use spotlight::domain::publication::Format;
use spotlight::domain::texts::{Arg, Texts};
use spotlight::publish_files::{self, Paper, Render, Since};
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
    /// The Slack workspace (its ID, such as T0123ABCD) whose data to work on, where one
    /// Spotlight keeps several: its own file beside the SQLite database, or its own
    /// schema in the Postgres one, and its own prompts in `<prompts>/<ID>/` if that
    /// folder has an interview.toml [default: the database's own data].
    #[arg(long, global = true, env = "SPOTLIGHT_WORKSPACE")]
    workspace: Option<String>,
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
        /// A bearer token `GET /metrics` requires (Prometheus' `authorization`
        /// setting) [default: none: keep /metrics off the public path].
        #[arg(long, env = "SPOTLIGHT_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
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
        #[command(flatten)]
        oauth: OAuthArgs,
    },
    /// Write the results report: per published story, reach, conversation and audience.
    Report {
        /// Markdown table (md) or CSV (csv).
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        /// Write it to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also draw activity per person by group over time, stories marked, as a PNG.
        #[arg(long)]
        chart: Option<PathBuf>,
    },
    /// Import usage data exported from your tool (CSV), for `/spotlight candidates`.
    ImportUsage(ImportArgs),
    /// Compile the stories published in a period into one document for a newsletter.
    Digest {
        /// The start of the period: a duration back from its end (30d, 2w, 12h) or a date
        /// (2026-11-01).
        #[arg(long, default_value = "30d", value_parser = publish_files::parse_since)]
        since: Since,
        /// The end of the period: a date (included) or an RFC 3339 time [default: now].
        #[arg(long, value_parser = publish_files::parse_until)]
        until: Option<DateTime<Utc>>,
        /// Markdown (md) or HTML (html).
        #[arg(long, value_enum, default_value = "md")]
        format: DigestFormat,
        /// Write the document to this file instead of printing it (the stories' pictures
        /// go in a folder beside it).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Reads the pictures the heroes chose for their stories from Slack (files:read).
        #[arg(long, env = "SLACK_BOT_TOKEN", hide_env_values = true)]
        bot_token: Option<String>,
        /// Slack's Web API base URL [default: https://slack.com/api].
        #[arg(long, env = "SLACK_API_URL")]
        api_url: Option<String>,
    },
    /// Render one approved story as a printable poster (HTML, and PDF or PNG via Chromium).
    Poster {
        /// The story: its number (3) or its hero (@maria).
        #[arg(value_parser = parse_story_ref)]
        story: StoryRef,
        /// The HTML file to write.
        #[arg(long)]
        out: PathBuf,
        /// Also print the poster to this PDF file (needs chromium).
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// Also save an image of the poster to this PNG file (needs chromium).
        #[arg(long)]
        png: Option<PathBuf>,
        /// The paper size.
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
        /// Reads the pictures the hero chose for their story from Slack (files:read).
        #[arg(long, env = "SLACK_BOT_TOKEN", hide_env_values = true)]
        bot_token: Option<String>,
        /// Slack's Web API base URL [default: https://slack.com/api].
        #[arg(long, env = "SLACK_API_URL")]
        api_url: Option<String>,
    },
}

/// The OAuth install's settings (used when SLACK_BOT_TOKEN is not set).
#[derive(clap::Args, Debug, Default)]
struct OAuthArgs {
    /// The app's Client ID: with SLACK_CLIENT_SECRET and no SLACK_BOT_TOKEN, workspaces
    /// install Spotlight at /slack/install (OAuth).
    #[arg(long, env = "SLACK_CLIENT_ID")]
    client_id: Option<String>,
    /// The app's Client Secret (OAuth install).
    #[arg(long, env = "SLACK_CLIENT_SECRET", hide_env_values = true)]
    client_secret: Option<String>,
    /// Spotlight's public https address; Slack sends installers back to
    /// <this>/slack/oauth_redirect (OAuth install).
    #[arg(long, env = "SPOTLIGHT_PUBLIC_URL")]
    public_url: Option<String>,
    /// 32 random bytes in base64 that seal the workspace's tokens in the database (OAuth
    /// install); make one with `openssl rand -base64 32`.
    #[arg(long, env = "SPOTLIGHT_TOKEN_KEY", hide_env_values = true)]
    token_key: Option<String>,
    /// Erase every row of the workspace's data when it uninstalls the app: true or false
    /// [default: false] (OAuth install).
    #[arg(long, env = "SPOTLIGHT_ERASE_ON_UNINSTALL")]
    erase_on_uninstall: Option<String>,
}

impl OAuthArgs {
    /// These settings, with the rest of the Slack settings.
    fn into_input(self, input: SlackSettingsInput) -> SlackSettingsInput {
        SlackSettingsInput {
            client_id: self.client_id,
            client_secret: self.client_secret,
            public_url: self.public_url,
            token_key: self.token_key,
            erase_on_uninstall: self.erase_on_uninstall,
            ..input
        }
    }

    /// The same, read from the environment (for the commands that read Slack files).
    fn from_env() -> OAuthArgs {
        let var = |name: &str| std::env::var(name).ok();
        OAuthArgs {
            client_id: var("SLACK_CLIENT_ID"),
            client_secret: var("SLACK_CLIENT_SECRET"),
            public_url: var("SPOTLIGHT_PUBLIC_URL"),
            token_key: var("SPOTLIGHT_TOKEN_KEY"),
            erase_on_uninstall: var("SPOTLIGHT_ERASE_ON_UNINSTALL"),
        }
    }
}

/// `--format` of `spotlight report`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ReportFormat {
    Md,
    Csv,
}

/// What `spotlight import-usage` reads.
#[derive(clap::Args, Debug)]
struct ImportArgs {
    /// The CSV export (a header row, then one line per person and period).
    file: PathBuf,
    /// The column naming the person (an email, a Slack user ID or @handle)
    /// [default: detected, e.g. Email, User].
    #[arg(long)]
    user_column: Option<String>,
    /// The column naming the person's group (team, region, role) [default: detected].
    #[arg(long)]
    group_column: Option<String>,
    /// The column naming the date or period [default: detected, e.g. Date, Month].
    #[arg(long)]
    period_column: Option<String>,
    /// How to read slash dates such as 3/4/2026 when the file leaves it open: mdy
    /// (month/day/year, as in the US) or dmy (day/month/year).
    #[arg(long, value_parser = spotlight::domain::period::DateOrder::parse)]
    date_order: Option<spotlight::domain::period::DateOrder>,
    /// An activity column to use (repeat for several) [default: every numeric column].
    #[arg(long = "metric")]
    metrics: Vec<String>,
    /// Used to match emails to Slack users (users.lookupByEmail), when set.
    #[arg(long, env = "SLACK_BOT_TOKEN", hide_env_values = true)]
    bot_token: Option<String>,
    /// Slack's Web API base URL [default: https://slack.com/api].
    #[arg(long, env = "SLACK_API_URL")]
    api_url: Option<String>,
}

/// `--format` of `spotlight digest`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum DigestFormat {
    Md,
    Html,
}

/// `--paper` of `spotlight poster`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum PaperArg {
    A4,
    Letter,
}

fn parse_story_ref(raw: &str) -> Result<StoryRef, String> {
    StoryRef::parse(raw).map_err(|e| e.to_string())
}

/// Lowers the calling thread's priority (nice 10; on Linux, niceness is per thread).
fn background_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(None, 10) {
        tracing::debug!(error = %e, "could not lower a worker thread's priority");
    }
}

/// glibc gives every thread that allocates an arena of its own (up to eight per core),
/// and each keeps what was freed in it; two arenas serve this process's few busy threads
/// and keep its memory small (RSS with 1,000 open interviews: 31.0 MiB with the default,
/// 28.5 MiB with two; see bench/README.md).
fn fewer_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets one of the allocator's parameters; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn main() -> std::process::ExitCode {
    fewer_malloc_arenas();
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr);
    match std::env::var("SPOTLIGHT_LOG_FORMAT").as_deref() {
        // One JSON object a line, for log collectors.
        Ok("json") => logs.json().init(),
        Ok("text") | Err(_) => logs.init(),
        Ok(other) => {
            logs.init();
            tracing::warn!(
                value = other,
                "SPOTLIGHT_LOG_FORMAT is neither `text` nor `json`; logging as text"
            );
        }
    }
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    if matches!(cli.command, Some(Mode::Serve { .. })) {
        // Slack's requests are acknowledged on a thread of their own (see
        // `slack::start`), and recorded by the database thread opened from this one;
        // the workers processing interviews run behind both, so an acknowledgement
        // never waits for a core while answers are being processed.
        builder.on_thread_start(background_priority);
    }
    let runtime = match builder.build() {
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
    let prompts_dir = match &cli.workspace {
        // The workspace's own folder, else the shared one, else the built-in prompts.
        Some(team) => {
            let base = cli
                .prompts
                .clone()
                .unwrap_or_else(|| PathBuf::from("prompts"));
            let dir = Prompts::workspace_dir(base, team);
            (dir.join("interview.toml").exists() || cli.prompts.is_some()).then_some(dir)
        }
        None => Prompts::default_dir(cli.prompts.clone()),
    };
    let mut prompts = Prompts::load(prompts_dir.as_deref())?;
    if let Ok(lang) = std::env::var("SPOTLIGHT_LANGUAGE") {
        prompts = prompts.with_language(lang.trim())?;
    }
    let timezone = Settings::check_timezone(&cli.timezone)?;
    let database_url = Settings::database_url(cli.db.as_deref());
    let registry = Registry {
        url: database_url.clone(),
        team: cli.workspace.clone(),
    };
    let database_url = match cli.workspace.as_deref() {
        Some(_) if matches!(cli.command, Some(Mode::Serve { .. })) => anyhow::bail!(
            "serve serves every installed workspace from the database DATABASE_URL names; \
             --workspace (SPOTLIGHT_WORKSPACE) picks one workspace's data for the other commands"
        ),
        Some(team) => registry.data_of(team).await?,
        None => database_url,
    };
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
                publishers: Publishers::from_env()?,
            };
            let store = Store::open(&settings.database_url).await?;
            let app = App::new(
                store.clone(),
                &settings,
                ConsolePort::new(
                    ConsoleTransport::default(),
                    settings.publishers.clone(),
                    settings.prompts.texts.clone(),
                ),
            );
            let mut console = Console::new(&app, clock).await?;
            let stdin = tokio::io::BufReader::new(tokio::io::stdin());
            console.run(stdin).await.context("the console stopped")?;
            store.close().await;
            Ok(())
        }
        Mode::Serve {
            socket_mode,
            bind,
            metrics_token,
            api_url,
            admins,
            bot_token,
            signing_secret,
            app_token,
            oauth,
        } => {
            let slack = SlackSettings::from_input(oauth.into_input(SlackSettingsInput {
                bot_token,
                signing_secret,
                app_token,
                api_url,
                bind,
                socket_mode,
                metrics_token,
                ..SlackSettingsInput::default()
            }))?;
            let settings = Settings {
                database_url,
                admins: SlackSettings::parse_admins(&admins)?,
                timezone,
                prompts,
                publishers: Publishers::from_env()?,
            };
            let running = spotlight::slack::start(settings, slack).await?;
            let addr = running.addr;
            if socket_mode {
                eprintln!("spotlight: connected to Slack over Socket Mode; /healthz and /metrics on http://{addr} (Ctrl-C to stop)")
            } else {
                eprintln!("spotlight: listening for Slack on http://{addr} (Ctrl-C to stop)")
            }
            running.until(shutdown_signal()).await
        }
        Mode::Digest {
            since,
            until,
            format,
            out,
            bot_token,
            api_url,
        } => {
            let store = Store::open(&database_url).await?;
            let period = publish_files::period(&since, until, Utc::now());
            let format = match format {
                DigestFormat::Md => Format::Markdown,
                DigestFormat::Html => Format::Html,
            };
            let reader = file_reader(&store, &registry, bot_token, api_url).await?;
            let pictures = out
                .as_deref()
                .map(|path| publish_files::PictureFiles::beside(path, reader.as_ref()));
            let result =
                publish_files::digest(&store, &period, format, pictures.as_ref(), &prompts.texts)
                    .await;
            store.close().await;
            match result? {
                Ok(digest) => {
                    for note in &digest.notes {
                        eprintln!("spotlight: {note}");
                    }
                    match out {
                        Some(path) => {
                            publish_files::write_file(&path, &digest.document)?;
                            wrote(&prompts.texts, "cli-wrote-digest", &path, &[]);
                        }
                        None => print!("{}", digest.document),
                    }
                }
                // Nothing to compile is not a failure: say so, and write no document.
                Err(empty) => eprintln!("{empty}"),
            }
            Ok(())
        }
        Mode::Report { format, out, chart } => {
            let settings = Settings {
                database_url,
                admins: vec![],
                timezone,
                prompts,
                publishers: Publishers::default(),
            };
            let store = Store::open(&settings.database_url).await?;
            let app = App::new(
                store.clone(),
                &settings,
                ConsolePort::new(
                    ConsoleTransport::default(),
                    settings.publishers.clone(),
                    settings.prompts.texts.clone(),
                ),
            );
            let rows = app.report_rows().await?;
            if let Some(path) = chart {
                let usage: Vec<_> = store
                    .usage_records()
                    .await?
                    .into_iter()
                    .map(|(r, _)| r)
                    .collect();
                let stories: Vec<_> = rows
                    .iter()
                    .map(|r| (r.facts.story, r.facts.published_at))
                    .collect();
                let texts = &settings.prompts.texts;
                spotlight::chart::adoption_png(
                    &usage,
                    &stories,
                    &path,
                    texts,
                    texts.default_language(),
                )?;
                wrote(texts, "cli-drew-chart", &path, &[]);
            }
            store.close().await;
            use spotlight::domain::report;
            let texts = &settings.prompts.texts;
            let words = report::Words::new(texts, texts.default_language());
            let text = match format {
                ReportFormat::Md => report::markdown_in(&rows, words),
                ReportFormat::Csv => report::csv_in(&rows, words),
            };
            match out {
                Some(path) => {
                    std::fs::write(&path, text)
                        .with_context(|| format!("failed to write {}", path.display()))?;
                    wrote(
                        texts,
                        "cli-wrote-report",
                        &path,
                        &[("count", Arg::from(rows.len()))],
                    );
                }
                None => print!("{text}"),
            }
            Ok(())
        }
        Mode::ImportUsage(args) => {
            let store = Store::open(&database_url).await?;
            let hints = spotlight::domain::usage::ColumnHints {
                user: args.user_column,
                group: args.group_column,
                period: args.period_column,
                metrics: args.metrics,
                date_order: args.date_order,
            };
            let slack = match slack_tokens(&store, &registry, args.bot_token, args.api_url).await? {
                Some((api_url, tokens)) => Some((spotlight::slack::client(&api_url)?, tokens)),
                None => None,
            };
            let lookup = slack.as_ref().map(|(client, tokens)| {
                move |email: String| async move {
                    spotlight::slack::lookup_email(client, tokens, &email).await
                }
            });
            let imported =
                spotlight::usage_import::import(&store, &args.file, &hints, lookup, Utc::now())
                    .await;
            store.close().await;
            let (texts, lang) = (&prompts.texts, prompts.texts.default_language());
            let report = imported?.map_err(|refused| anyhow::anyhow!(refused.text(texts, lang)))?;
            println!("{}", report.text(texts, lang));
            if slack.is_none() && !report.unmatched.is_empty() {
                println!("{}", texts.get(lang, "import-usage-no-token", &[]));
            }
            Ok(())
        }
        Mode::Poster {
            story,
            out,
            pdf,
            png,
            paper,
            bot_token,
            api_url,
        } => {
            let paper = match paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            };
            let template = publish_files::poster_template(cli.prompts.as_deref())?;
            // Chromium is looked for first, so a missing one costs nothing to find out.
            let chromium = if pdf.is_some() || png.is_some() {
                Some(publish_files::find_chromium()?)
            } else {
                None
            };
            let store = Store::open(&database_url).await?;
            let files = file_reader(&store, &registry, bot_token, api_url).await?;
            let poster = publish_files::poster_html(
                &store,
                &story,
                &template,
                paper,
                files.as_ref(),
                &prompts.texts,
            )
            .await;
            store.close().await;
            let poster = poster?;
            publish_files::write_file(&out, &poster.html)?;
            for note in &poster.notes {
                eprintln!("spotlight: {note}");
            }
            wrote(&prompts.texts, "cli-wrote-poster", &out, &[]);
            for (target, render) in [(pdf, Render::Pdf), (png, Render::Png)] {
                let (Some(target), Some(chromium)) = (target, chromium.as_ref()) else {
                    continue;
                };
                let (chromium, page) = (chromium.clone(), out.clone());
                let written = target.clone();
                tokio::task::spawn_blocking(move || {
                    publish_files::render_with_chromium(&chromium, &page, render, paper, &target)
                })
                .await
                .context("the chromium task stopped")??;
                wrote(&prompts.texts, "cli-wrote-file", &written, &[]);
            }
            Ok(())
        }
    }
}

/// Tells whoever runs the command that `path` was written: message `id` in the
/// workspace's language, with `path` and `args`.
fn wrote(texts: &Texts, id: &str, path: &std::path::Path, args: &[(&str, Arg)]) {
    let path = path.display().to_string();
    let mut all = vec![("path", Arg::from(&path))];
    all.extend_from_slice(args);
    let said = texts.get(texts.default_language(), id, &all);
    eprintln!("spotlight: {said}");
}

/// A reader of Slack files with the bot token, when there is one (`poster`, `digest`).
async fn file_reader(
    store: &Store,
    registry: &Registry,
    bot_token: Option<String>,
    api_url: Option<String>,
) -> anyhow::Result<Option<spotlight::slack::FileReader>> {
    match slack_tokens(store, registry, bot_token, api_url).await? {
        Some((api_url, tokens)) => Ok(Some(spotlight::slack::FileReader::with_tokens(
            &api_url, tokens,
        )?)),
        None => Ok(None),
    }
}

/// The database `DATABASE_URL` names, which keeps the installations, and the workspace
/// a command is for (`--workspace`), if one is named.
struct Registry {
    url: String,
    team: Option<String>,
}

impl Registry {
    /// Where workspace `team`'s data is: the database itself if its installation says
    /// so (the first workspace installed), else its partition beside it.
    async fn data_of(&self, team: &str) -> anyhow::Result<String> {
        let partition = spotlight::store::workspace::workspace_url(&self.url, team)?;
        if spotlight::store::workspace::sqlite_path(&self.url).is_some_and(|p| !p.exists()) {
            // No database yet, so no installation: nothing to create for asking.
            return Ok(partition);
        }
        let store = Store::open(&self.url).await?;
        let row = store.installation_of(team).await;
        store.close().await;
        match row? {
            Some(row) if !row.data_apart => Ok(self.url.clone()),
            _ => Ok(partition),
        }
    }
}

/// The Web API address and the bot token for the commands beside `serve`: the pasted
/// SLACK_BOT_TOKEN, else the OAuth install's (its settings in the environment, its
/// tokens in the database `registry` names, of its workspace), else none.
async fn slack_tokens(
    store: &Store,
    registry: &Registry,
    bot_token: Option<String>,
    api_url: Option<String>,
) -> anyhow::Result<Option<(String, spotlight::slack::Tokens)>> {
    let oauth = OAuthArgs::from_env();
    let bot_token = bot_token.filter(|t| !t.trim().is_empty());
    if bot_token.is_none() && oauth.client_id.is_none() && oauth.client_secret.is_none() {
        return Ok(None);
    }
    let settings = SlackSettings::from_input(oauth.into_input(SlackSettingsInput {
        bot_token,
        api_url,
        socket_mode: true,
        app_token: Some("xapp-unused".into()),
        ..SlackSettingsInput::default()
    }))?;
    let tokens = match &settings.auth {
        SlackAuth::Token(token) => spotlight::slack::Tokens::plain(token),
        SlackAuth::OAuth(o) => {
            let client = spotlight::slack::OAuthClient::new(
                &settings.api_url,
                &o.client_id,
                &o.client_secret,
            )?;
            match &registry.team {
                Some(team) => {
                    let installations = Store::open(&registry.url).await?;
                    spotlight::slack::Tokens::installed_for(
                        installations,
                        o,
                        client,
                        Some(team.clone()),
                    )
                    .await?
                }
                None => spotlight::slack::Tokens::installed(store.clone(), o, client).await?,
            }
        }
    };
    Ok(Some((settings.api_url, tokens)))
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
