//! Spotlight's load benchmark: the real `spotlight serve` (release build, a child process)
//! against the in-process Slack simulator, driven over loopback with correctly signed Slack
//! requests. See bench/README.md for what each figure means and the targets.
//!
//! Run: `cargo bench --bench load -- --scenario all` (`-- --help` for the options).

#[path = "../tests/it/slack_requests.rs"]
// The benchmark sends no files.
#[allow(dead_code)]
mod slack_requests;
#[path = "../tests/it/slack_sim.rs"]
#[allow(unused_imports)]
mod slack_sim;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::{Parser, ValueEnum};
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use tokio::sync::{mpsc, Barrier, Semaphore};

use slack_requests::{click_body, command_body, event_body, im_message, sign};
use slack_sim::{visible_text, SlackSim};

const BOT_TOKEN: &str = "xoxb-bench-bot-token";
const APP_TOKEN: &str = "xapp-bench-app-token";
const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
const ADMIN: &str = "UADMIN01";
/// How long any one wait for the bot may take before the run is declared broken.
const WAIT: Duration = Duration::from_secs(120);

/// The hero's answers to the five built-in questions, in order.
const ANSWERS: [&str; 5] = [
    "Every Friday I sort my pipeline by close date & close what's dead, then plan Monday.",
    "Two hours back every week.\nAnd my forecast is finally right, within 5%.",
    "My manager showed me the list view filters during a one-to-one last spring.",
    "Sort your pipeline by close date on Friday afternoon and close the dead deals.",
    "Two hours back every Friday",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    /// N heroes interviewing at once, closed loop: ack and answer→next-question latency,
    /// answers/s, CPU per 1,000 answers.
    Answers,
    /// Peak and current RSS of the bot with 1,000 and 10,000 open interviews.
    Rss,
    /// Start-to-ready with 100,000 stories, and per-answer cost on 100k stories vs empty.
    Ready,
    /// 1,000 queued stories over 20 channels drained on a per-second schedule.
    Publish,
    /// Everything above, in that order.
    All,
}

/// Spotlight's load benchmark (see bench/README.md).
#[derive(Debug, Parser)]
#[command(name = "load")]
struct Args {
    /// Which measurement to run.
    #[arg(long, value_enum, default_value = "all")]
    scenario: Scenario,
    /// Concurrent heroes in the answers scenario.
    #[arg(long, default_value_t = 1000)]
    heroes: usize,
    /// Interviews each of the concurrent heroes' places runs in a row in the answers
    /// scenario: when a hero finishes, the next one (already invited and started) begins
    /// answering, so the load is sustained for waves × 5 answers per place.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    waves: u64,
    /// The answers scenario's further runs: the same heroes answering at this many
    /// answers per second in all, each at their own even pace (closed loop still: a hero
    /// never answers before the next question has come). Comma separated; 0 for none.
    #[arg(long, value_delimiter = ',', default_value = "2000,5000,10000")]
    paced_rate: Vec<f64>,
    /// Open-interview counts for the rss scenario (comma separated).
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    rss_sizes: Vec<usize>,
    /// Stories in the database for the ready scenario.
    #[arg(long, default_value_t = 100_000)]
    stories: usize,
    /// Heroes for the per-answer cost comparison (100k stories vs an empty database).
    #[arg(long, default_value_t = 200)]
    small_heroes: usize,
    /// Channels in the publish scenario.
    #[arg(long, default_value_t = 20)]
    channels: usize,
    /// Queued stories in the publish scenario (spread evenly over the channels).
    #[arg(long, default_value_t = 1000)]
    queued: usize,
    /// Slash commands and button presses in flight at once while setting heroes up.
    #[arg(long, default_value_t = 32)]
    setup_concurrency: usize,
    /// A Postgres server (an address whose user may create databases) to run the
    /// answers scenario on too, after SQLite, each run on a fresh database of its own,
    /// dropped afterwards: `postgres://postgres@127.0.0.1:5432/postgres`.
    #[arg(long)]
    postgres: Option<String>,
    /// Keep the bot's database and log here instead of a temporary directory.
    #[arg(long)]
    keep_dir: Option<std::path::PathBuf>,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

// ---------------------------------------------------------------- measurements

/// Latency samples in microseconds.
#[derive(Default)]
struct Lat(Vec<u64>);

impl Lat {
    fn add(&mut self, d: Duration) {
        self.0.push(d.as_micros() as u64);
    }
    fn extend(&mut self, other: Lat) {
        self.0.extend(other.0);
    }
    fn pct(&mut self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        self.0.sort_unstable();
        let i = ((p / 100.0) * (self.0.len() as f64 - 1.0)).round() as usize;
        self.0[i.min(self.0.len() - 1)] as f64 / 1000.0
    }
    /// `p50 / p99 / max` in milliseconds.
    fn summary(&mut self) -> String {
        format!(
            "{:.2} / {:.2} / {:.2}",
            self.pct(50.0),
            self.pct(99.0),
            self.pct(100.0)
        )
    }
}

fn clk_tck() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// utime + stime of every process of the machine's Postgres server (named `postgres`),
/// in seconds.
fn postgres_cpu() -> f64 {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    procs
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "postgres")
        })
        .map(|pid| cpu_secs(&pid))
        .sum()
}

/// utime + stime of a process, in seconds (`self` for this process).
fn cpu_secs(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / clk_tck()
}

/// Context switches (voluntary and not) of all of a process's threads so far: each hand-off
/// between threads (say, to SQLite's) costs at least one.
fn switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .map(|t| {
            std::fs::read_to_string(t.path().join("status"))
                .unwrap_or_default()
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

/// (VmRSS, VmHWM) of a process in MiB.
fn rss_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
            / 1024.0
    };
    (kb("VmRSS:"), kb("VmHWM:"))
}

// ---------------------------------------------------------------- Slack side

/// The (action_id, value) of the button labelled `label`, if the message has one.
fn button(msg: &Value, label: &str) -> Option<(String, String)> {
    msg["blocks"]
        .as_array()?
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().into_iter().flatten())
        .find(|e| e.pointer("/text/text").and_then(Value::as_str) == Some(label))
        .map(|e| {
            (
                e["action_id"].as_str().unwrap_or_default().to_string(),
                e["value"].as_str().unwrap_or_default().to_string(),
            )
        })
}

/// See `Slack::next`.
static NEXT_REQUEST: AtomicU64 = AtomicU64::new(1);

/// A database file in `dir`, new: one left by an earlier run with `--keep-dir` is removed
/// (with its log), since its recorded requests would be taken for Slack's retries.
fn sqlite_url(db: &Path) -> String {
    format!("sqlite://{}", db.display())
}

/// A fresh database on the Postgres server at `server`, dropped when this is.
struct PgDb {
    server: String,
    name: String,
    url: String,
}

impl PgDb {
    async fn create(server: &str, name: &str) -> anyhow::Result<PgDb> {
        use sqlx::Connection;
        let name = format!("spotlight_bench_{}_{name}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(server)
            .await
            .with_context(|| format!("connecting to the Postgres server {server}"))?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .context("creating the benchmark's database")?;
        let _ = admin.close().await;
        let mut url = url::Url::parse(server).context("the Postgres address")?;
        url.set_path(&format!("/{name}"));
        Ok(PgDb {
            server: server.to_string(),
            name,
            url: url.to_string(),
        })
    }

    async fn drop_it(self) {
        use sqlx::Connection;
        if let Ok(mut admin) = sqlx::PgConnection::connect(&self.server).await {
            let _ = sqlx::query(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin)
            .await;
            let _ = admin.close().await;
        }
    }
}

fn fresh_db(dir: &Path, name: &str) -> anyhow::Result<std::path::PathBuf> {
    for suffix in ["", "-wal", "-shm"] {
        let path = dir.join(format!("{name}{suffix}"));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", path.display())),
        }
    }
    Ok(dir.join(name))
}

/// A message the bot posted, as the simulator answered it, and when.
type Arrival = (Instant, Value);

/// Routes what the bot sends to the simulator to whoever waits for it.
#[derive(Default)]
struct Hub {
    /// DMs by user id.
    dms: Mutex<HashMap<String, mpsc::UnboundedSender<Arrival>>>,
    /// Top-level and thread posts in channels (not DMs): (channel, when, message).
    channel_posts: Mutex<Vec<(String, Instant, Value)>>,
    /// Replies through slash commands' response_url, in order.
    replies: Mutex<Vec<String>>,
    web_calls: AtomicU64,
}

impl Hub {
    fn observe(&self, method: &str, args: &Value, reply: &Value) {
        let now = Instant::now();
        self.web_calls.fetch_add(1, Ordering::Relaxed);
        match method {
            "chat.postMessage" if reply["ok"] == true => {
                let channel = reply["channel"].as_str().unwrap_or_default();
                if let Some(user) = channel.strip_prefix('D') {
                    if let Some(tx) = self.dms.lock().unwrap().get(user) {
                        let _ = tx.send((now, reply["message"].clone()));
                    }
                } else {
                    self.channel_posts.lock().unwrap().push((
                        channel.to_string(),
                        now,
                        reply["message"].clone(),
                    ));
                }
            }
            "response_url" => self.replies.lock().unwrap().push(visible_text(args)),
            _ => {}
        }
    }

    fn listen(&self, user: &str) -> mpsc::UnboundedReceiver<Arrival> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.dms.lock().unwrap().insert(user.to_string(), tx);
        rx
    }
}

/// The simulator, the hub, and a signed-request client for one bot.
/// Whose turn it is among several replicas (`Slack::others`).
static ROUND_ROBIN: AtomicU64 = AtomicU64::new(0);

struct Slack {
    sim: SlackSim,
    hub: Arc<Hub>,
    http: reqwest::Client,
    base: String,
    /// Further replicas: requests go to `base` and these in turn (a load balancer's
    /// round robin).
    others: Vec<String>,
}

impl Slack {
    async fn start() -> Slack {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.set_record_calls(false);
        sim.add_user(ADMIN, "alex", "Alex Admin", None, false, "UTC");
        let hub = Arc::new(Hub::default());
        let h = hub.clone();
        sim.set_observer(Arc::new(move |m, a, r| h.observe(m, a, r)));
        Slack {
            sim,
            hub,
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(usize::MAX)
                .tcp_nodelay(true)
                .build()
                .expect("an HTTP client"),
            base: String::new(),
            others: Vec::new(),
        }
    }

    /// A number for a request's trigger, event ID and timestamp, never the same twice in
    /// this process: a bot run again on the same database (the ready scenario) must not
    /// take new requests for Slack's retries of old ones and drop them.
    fn next(&self) -> u64 {
        NEXT_REQUEST.fetch_add(1, Ordering::Relaxed)
    }

    /// Posts a signed request; returns the HTTP status and the time to the response.
    async fn signed(&self, path: &str, content_type: &str, body: String) -> (u16, Duration) {
        let ts = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs()
            .to_string();
        let sig = sign(SECRET, &ts, &body);
        let base = if self.others.is_empty() {
            &self.base
        } else {
            let turn =
                ROUND_ROBIN.fetch_add(1, Ordering::Relaxed) as usize % (self.others.len() + 1);
            self.others.get(turn).unwrap_or(&self.base)
        };
        let started = Instant::now();
        let resp = self
            .http
            .post(format!("{base}{path}"))
            .header("content-type", content_type)
            .header("x-slack-request-timestamp", ts)
            .header("x-slack-signature", sig)
            .body(body)
            .send()
            .await;
        let took = started.elapsed();
        match resp {
            Ok(r) => {
                let status = r.status().as_u16();
                // Read the (tiny) body so the connection goes back to the pool.
                let _ = r.bytes().await;
                (status, took)
            }
            Err(e) => {
                eprintln!("request to {path} failed: {e}");
                (0, took)
            }
        }
    }

    /// Where the simulator takes `response_url` replies.
    fn sim_base(&self) -> String {
        self.sim.api_url().trim_end_matches("/api").to_string()
    }

    async fn command(&self, user: &str, text: &str) -> (u16, Duration) {
        let body = command_body(&self.sim_base(), user, text, self.next());
        self.signed("/slack/commands", "application/x-www-form-urlencoded", body)
            .await
    }

    /// Runs a command and waits for its reply through response_url (one at a time).
    async fn command_reply(&self, user: &str, text: &str) -> anyhow::Result<String> {
        let before = self.hub.replies.lock().unwrap().len();
        let (status, _) = self.command(user, text).await;
        if status != 200 {
            bail!("/spotlight {text} was answered {status}");
        }
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(r) = self.hub.replies.lock().unwrap().get(before) {
                return Ok(r.clone());
            }
            if Instant::now() > deadline {
                bail!("no reply to /spotlight {text}");
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    async fn click(&self, user: &str, action_id: &str, value: &str) -> (u16, Duration) {
        let body = click_body(&self.sim_base(), user, action_id, value, self.next());
        self.signed(
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            body,
        )
        .await
    }

    /// The hero sends the bot a DM (an Events API `message` event).
    async fn dm(&self, user: &str, text: &str) -> (u16, Duration) {
        let n = self.next();
        let ts = format!("{}.{:06}", 1_800_000_000 + n / 1_000_000, n % 1_000_000);
        let body = event_body(im_message(user, text, &ts), &format!("EvB{n:010}"));
        self.signed("/slack/events", "application/json", body).await
    }
}

/// Waits for the next DM whose text satisfies `want`; other DMs are skipped.
async fn await_dm(
    rx: &mut mpsc::UnboundedReceiver<Arrival>,
    what: &str,
    want: impl Fn(&Value) -> bool,
) -> anyhow::Result<Arrival> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some((at, msg))) if want(&msg) => return Ok((at, msg)),
            Ok(Some(_)) => continue,
            Ok(None) => bail!("DM stream closed waiting for {what}"),
            Err(_) => bail!("timed out waiting for {what}"),
        }
    }
}

// ---------------------------------------------------------------- the bot process

/// The `spotlight` binary to run: this build's, or `SPOTLIGHT_BIN` to compare another build.
fn bot_binary() -> String {
    std::env::var("SPOTLIGHT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_spotlight").to_string())
}

struct Bot {
    child: Child,
    pid: u32,
    /// From spawn to the first 200 from /healthz.
    ready: Duration,
}

impl Bot {
    /// Spawns `spotlight serve` on the SQLite file `db` and waits for /healthz; sets
    /// `slack.base`.
    async fn start(slack: &mut Slack, db: &Path, log: &Path) -> anyhow::Result<Bot> {
        Bot::start_on(slack, &sqlite_url(db), log).await
    }

    /// `start`, on the database at `db_url`.
    async fn start_on(slack: &mut Slack, db_url: &str, log: &Path) -> anyhow::Result<Bot> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)?;
        let spawned = Instant::now();
        let child = Command::new(bot_binary())
            .arg("serve")
            .env("SLACK_BOT_TOKEN", BOT_TOKEN)
            .env("SLACK_SIGNING_SECRET", SECRET)
            .env("SLACK_API_URL", slack.sim.api_url())
            .env("SPOTLIGHT_BIND", format!("127.0.0.1:{port}"))
            .env("SPOTLIGHT_ADMINS", ADMIN)
            .env("DATABASE_URL", db_url)
            .env(
                "RUST_LOG",
                std::env::var("BENCH_BOT_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .env_remove("SLACK_APP_TOKEN")
            .env_remove("SPOTLIGHT_PROMPTS")
            .env_remove("SPOTLIGHT_TIMEZONE")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("spawning spotlight serve")?;
        let pid = child.id();
        let mut bot = Bot {
            child,
            pid,
            ready: Duration::ZERO,
        };
        let probe = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()?;
        let url = format!("{base}/healthz");
        loop {
            if let Ok(r) = probe.get(&url).send().await {
                if r.status() == 200 {
                    bot.ready = spawned.elapsed();
                    break;
                }
            }
            if let Some(status) = bot.child.try_wait()? {
                bail!("spotlight serve exited with {status} before it was ready");
            }
            if spawned.elapsed() > WAIT {
                bail!("spotlight serve not ready within {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        slack.base = base;
        Ok(bot)
    }

    fn cpu(&self) -> f64 {
        cpu_secs(&self.pid.to_string())
    }

    /// Waits until the bot has finished what the setup left it (it used under 5 % of a
    /// core over 200 ms), at most 10 s; returns how long that took.
    async fn settle(&self) -> Duration {
        let started = Instant::now();
        let window = Duration::from_millis(200);
        while started.elapsed() < Duration::from_secs(10) {
            let before = self.cpu();
            tokio::time::sleep(window).await;
            if self.cpu() - before < 0.05 * window.as_secs_f64() {
                break;
            }
        }
        started.elapsed()
    }

    fn rss(&self) -> (f64, f64) {
        rss_mib(self.pid)
    }

    fn switches(&self) -> u64 {
        switches(self.pid)
    }

    /// SIGTERM, then waits (SIGKILL after 10 s).
    async fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `BENCH_PROFILE`, a shell command run with `BOT_PID` set while the heroes answer
/// (e.g. `perf record -g -p $BOT_PID -o /tmp/perf.data`), then stopped with SIGINT: a
/// profile of the answering phase alone, without the setup.
struct Profiler(Child);

impl Profiler {
    fn start(bot: u32) -> anyhow::Result<Option<Profiler>> {
        let Ok(cmd) = std::env::var("BENCH_PROFILE") else {
            return Ok(None);
        };
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!("exec {cmd}"))
            .env("BOT_PID", bot.to_string())
            .spawn()
            .with_context(|| format!("failed to start BENCH_PROFILE ({cmd})"))?;
        // Let it attach before the first answer.
        std::thread::sleep(Duration::from_millis(500));
        Ok(Some(Profiler(child)))
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-INT")
            .arg(self.0.id().to_string())
            .status();
        let _ = self.0.wait();
    }
}

// ---------------------------------------------------------------- heroes

fn hero_id(prefix: &str, i: usize) -> String {
    format!("UH{prefix}{i:06}")
}

/// What setting N heroes up (nominate + Start now → question 1) measured.
struct Setup {
    heroes: Vec<(String, mpsc::UnboundedReceiver<Arrival>)>,
    command_ack: Lat,
    click_ack: Lat,
    took: Duration,
}

/// Nominates `n` heroes as the admin and has each press "Start now", until every one has
/// question 1 in their DMs. `setup_concurrency` requests are in flight at once.
async fn setup_heroes(
    slack: &Arc<Slack>,
    prefix: &str,
    n: usize,
    concurrency: usize,
) -> anyhow::Result<Setup> {
    let started = Instant::now();
    let gate = Arc::new(Semaphore::new(concurrency));
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        let user = hero_id(prefix, i);
        slack.sim.add_user(
            &user,
            &format!("hero{i}"),
            &format!("Hero {i}"),
            None,
            false,
            "UTC",
        );
        let mut rx = slack.hub.listen(&user);
        let slack = slack.clone();
        let gate = gate.clone();
        tasks.push(tokio::spawn(async move {
            let (s, cmd) = {
                let _permit = gate.acquire().await.expect("open semaphore");
                slack
                    .command(
                        ADMIN,
                        &format!("nominate <@{user}|hero{i}> top of the leaderboard"),
                    )
                    .await
            };
            if s != 200 {
                bail!("nominate {user}: HTTP {s}");
            }
            let (_, invite) = await_dm(&mut rx, "the invitation", |m| {
                button(m, "Start now").is_some()
            })
            .await?;
            let (action, value) = button(&invite, "Start now").expect("checked above");
            let (s, click) = {
                let _permit = gate.acquire().await.expect("open semaphore");
                slack.click(&user, &action, &value).await
            };
            if s != 200 {
                bail!("Start now for {user}: HTTP {s}");
            }
            await_dm(&mut rx, "question 1", |m| {
                visible_text(m).contains("Question 1 of")
            })
            .await?;
            Ok((user, rx, cmd, click))
        }));
    }
    let mut setup = Setup {
        heroes: Vec::with_capacity(n),
        command_ack: Lat::default(),
        click_ack: Lat::default(),
        took: Duration::ZERO,
    };
    for t in tasks {
        let (user, rx, cmd, click) = t.await??;
        setup.heroes.push((user, rx));
        setup.command_ack.add(cmd);
        setup.click_ack.add(click);
    }
    setup.took = started.elapsed();
    Ok(setup)
}

/// What the closed-loop answering phase measured.
struct AnswerRun {
    /// Heroes answering at once.
    heroes: usize,
    /// Interviews in a row per place.
    waves: usize,
    answers: usize,
    took: Duration,
    /// Acknowledgements of every answer but the first wave's first ones (the steady
    /// state).
    ack: Lat,
    /// Acknowledgements of the first wave's first answers, all sent at once.
    ack_burst: Lat,
    e2e: Lat,
    bot_cpu: f64,
    gen_cpu: f64,
    /// The Postgres server's CPU-s over the run (all its processes), if on Postgres.
    db_cpu: Option<f64>,
    /// The bot's context switches over the answering phase.
    switches: u64,
    rss: (f64, f64),
    stored: i64,
    setup: Setup,
    ready: Duration,
    /// The pace asked for, answers per second in all (None: every hero answers as soon as
    /// the next question has come).
    rate: Option<f64>,
    /// Answers sent after their turn in the pace because the question came late.
    late: usize,
    /// Paced: answers per second while every place was answering.
    sustained: Option<f64>,
}

impl AnswerRun {
    /// Flat out: all answers ÷ the time they took. Paced: the rate while every place
    /// was answering (after the staggered start, before the staggered end).
    fn per_sec(&self) -> f64 {
        self.sustained
            .unwrap_or(self.answers as f64 / self.took.as_secs_f64())
    }
    fn bot_cpu_per_k(&self) -> f64 {
        self.bot_cpu / self.answers as f64 * 1000.0
    }
    fn gen_cpu_per_k(&self) -> f64 {
        self.gen_cpu / self.answers as f64 * 1000.0
    }
    fn switches_per_answer(&self) -> f64 {
        self.switches as f64 / self.answers as f64
    }
}

/// Starts a bot on `db`, sets `n` heroes up, then has them all answer every question at
/// once, each waiting for the next question before answering again. With a `rate`, the
/// answers are paced: place i starts `i mod 5` turns late, so that at any time a fifth of
/// the interviews are at each question (and a fifth of them finish in each turn, as when
/// people answer at their own pace, rather than all together); its j-th answer is due
/// `((j + i mod 5) × n + i) / rate` seconds after the start, and is sent then or, if the
/// question has not come yet, as soon as it comes (counted as late).
/// Where an answers run keeps its data: a database address, and how many replicas of
/// `spotlight serve` share it (more than one only on Postgres).
struct On<'a> {
    url: &'a str,
    replicas: usize,
}

async fn answers_run(
    dir: &Path,
    on: On<'_>,
    prefix: &str,
    n: usize,
    waves: usize,
    concurrency: usize,
    rate: Option<f64>,
) -> anyhow::Result<AnswerRun> {
    let mut slack = Slack::start().await;
    let db_url = on.url;
    let bot = Bot::start_on(&mut slack, db_url, &dir.join("bot.log")).await?;
    let ready = bot.ready;
    // Further replicas on the same (Postgres) database, taking requests in turn.
    let first_base = slack.base.clone();
    let mut more = Vec::new();
    for _ in 1..on.replicas {
        more.push(Bot::start_on(&mut slack, db_url, &dir.join("bot.log")).await?);
        slack.others.push(slack.base.clone());
    }
    slack.base = first_base;
    let all_cpu = |bot: &Bot, more: &[Bot]| bot.cpu() + more.iter().map(Bot::cpu).sum::<f64>();
    let slack = Arc::new(slack);
    let mut setup = setup_heroes(&slack, prefix, n * waves, concurrency).await?;
    let settled = bot.settle().await;
    eprintln!(
        "  {} heroes set up in {:.1}s, the bot idle {:.1}s later; answering, {n} at a time…",
        n * waves,
        setup.took.as_secs_f64(),
        settled.as_secs_f64()
    );
    // Place i runs heroes i, i + n, i + 2n, …: one after another.
    let mut places: Vec<Vec<(String, mpsc::UnboundedReceiver<Arrival>)>> =
        (0..n).map(|_| Vec::with_capacity(waves)).collect();
    for (i, hero) in std::mem::take(&mut setup.heroes).into_iter().enumerate() {
        places[i % n].push(hero);
    }

    let barrier = Arc::new(Barrier::new(n + 1));
    let epoch = Instant::now();
    // When the answering starts, the same instant for every place.
    let start: Arc<std::sync::OnceLock<tokio::time::Instant>> = Default::default();
    let mut tasks = Vec::with_capacity(n);
    for (i, place) in places.into_iter().enumerate() {
        let slack = slack.clone();
        let barrier = barrier.clone();
        let start = start.clone();
        tasks.push(tokio::spawn(async move {
            let mut ack = Lat::default();
            let mut burst = Lat::default();
            let mut e2e = Lat::default();
            let mut late = 0;
            let mut sends = Vec::new();
            let mut trace = String::new();
            barrier.wait().await;
            let start = *start.get().expect("set before the barrier");
            for (wave, (user, mut rx)) in place.into_iter().enumerate() {
                for (k, answer) in ANSWERS.iter().enumerate() {
                    if let Some(rate) = rate {
                        let turn = wave * ANSWERS.len() + k + i % ANSWERS.len();
                        let due = start + Duration::from_secs_f64((turn * n + i) as f64 / rate);
                        if tokio::time::Instant::now() > due + Duration::from_millis(1) {
                            late += 1;
                        }
                        tokio::time::sleep_until(due).await;
                    }
                    let sent = Instant::now();
                    sends.push(tokio::time::Instant::now().duration_since(start));
                    let (status, took) = slack.dm(&user, answer).await;
                    if status != 200 {
                        bail!("answer {k} of {user}: HTTP {status}");
                    }
                    // Unpaced, the first wave's first answers leave at the same instant:
                    // that burst is reported apart from the steady state that follows.
                    if wave == 0 && k == 0 && rate.is_none() {
                        burst.add(took);
                    } else {
                        ack.add(took);
                    }
                    let next = if k + 1 < ANSWERS.len() {
                        format!("Question {} of", k + 2)
                    } else {
                        "That's everything".to_string()
                    };
                    let (at, _) =
                        await_dm(&mut rx, &next, |m| visible_text(m).contains(&next)).await?;
                    e2e.add(at.saturating_duration_since(sent));
                    trace.push_str(&format!(
                        "{user},{},{:.3},{:.3},{:.3}\n",
                        k + 1,
                        sent.duration_since(epoch).as_secs_f64() * 1e3,
                        took.as_secs_f64() * 1e3,
                        at.saturating_duration_since(sent).as_secs_f64() * 1e3,
                    ));
                }
            }
            anyhow::Ok((ack, burst, e2e, late, sends, trace))
        }));
    }
    let profiler = Profiler::start(bot.pid)?;
    let cpu0 = (all_cpu(&bot, &more), cpu_secs("self"), postgres_cpu());
    let switches0 = bot.switches();
    start.set(tokio::time::Instant::now()).expect("set once");
    barrier.wait().await;
    let started = Instant::now();
    let mut run = AnswerRun {
        heroes: n,
        waves,
        answers: n * waves * ANSWERS.len(),
        took: Duration::ZERO,
        ack: Lat::default(),
        ack_burst: Lat::default(),
        e2e: Lat::default(),
        bot_cpu: 0.0,
        gen_cpu: 0.0,
        db_cpu: None,
        switches: 0,
        rss: (0.0, 0.0),
        stored: 0,
        setup,
        ready,
        rate,
        late: 0,
        sustained: None,
    };
    let mut trace = String::from("hero,answer,sent_ms,ack_ms,next_question_ms\n");
    let mut all_sends = Vec::with_capacity(run.answers);
    for t in tasks {
        let (ack, burst, e2e, late, sends, lines) = t.await??;
        run.late += late;
        all_sends.extend(sends);
        run.ack.extend(ack);
        run.ack_burst.extend(burst);
        run.e2e.extend(e2e);
        trace.push_str(&lines);
    }
    run.took = started.elapsed();
    if let Some(rate) = rate {
        // Every place is answering from the turn the last ones start (turn 4) to the
        // turn the first ones finish (turn 5 × waves).
        let turn = |t: usize| Duration::from_secs_f64((t * n) as f64 / rate);
        let (from, to) = (turn(ANSWERS.len() - 1), turn(ANSWERS.len() * waves));
        if to > from {
            let within = all_sends.iter().filter(|s| **s >= from && **s < to).count();
            run.sustained = Some(within as f64 / (to - from).as_secs_f64());
        }
    }
    // Every answer's timing, for finding when the slow ones happened (kept with
    // --keep-dir).
    std::fs::write(dir.join(format!("answers-{prefix}.csv")), trace)?;
    if let Some(p) = profiler {
        p.stop();
    }
    run.bot_cpu = all_cpu(&bot, &more) - cpu0.0;
    run.switches = bot.switches().saturating_sub(switches0);
    run.gen_cpu = cpu_secs("self") - cpu0.1;
    // On Postgres the database's work is outside the bot: the server's processes.
    if db_url.starts_with("postgres") {
        run.db_cpu = Some(postgres_cpu() - cpu0.2);
    }
    run.rss = bot.rss();
    bot.stop().await;
    for other in more {
        other.stop().await;
    }
    // Every answer is in the database, byte for byte.
    let store = spotlight::store::Store::open(db_url).await?;
    run.stored = store
        .interview_answers_of_heroes(&format!("UH{prefix}%"))
        .await?;
    store.close().await;
    Ok(run)
}

// ---------------------------------------------------------------- the database

async fn open_pool(db: &Path) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(db)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(10));
    Ok(SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?)
}

/// Creates the schema (through the real `Store::open`) and closes it again.
async fn migrate(db: &Path) -> anyhow::Result<()> {
    let store = spotlight::store::Store::open(&format!("sqlite://{}", db.display())).await?;
    store.close().await;
    Ok(())
}

/// Fills a fresh database with `n` stories in a realistic mix of stages: most published,
/// some opted out, a few invited, interviewing or drafted; every fifth with five answers.
async fn fill_stories(db: &Path, n: usize) -> anyhow::Result<()> {
    migrate(db).await?;
    let pool = open_pool(db).await?;
    let now = chrono::Utc::now();
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO users (id, display_name, created_at) VALUES (?, ?, ?)")
        .bind(ADMIN)
        .bind("Alex Admin")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let mut seq = 0i64;
    for i in 0..n {
        let hero = format!("UOLD{i:07}");
        sqlx::query("INSERT INTO users (id, display_name, created_at, tz) VALUES (?, ?, ?, 'UTC')")
            .bind(&hero)
            .bind(format!("Old Hero {i}"))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let (stage, status) = match i % 100 {
            0..=89 => ("published", "done"),
            90..=94 => ("opted_out", "not_started"),
            95..=96 => ("invited", "not_started"),
            97..=98 => ("interviewing", "active"),
            _ => ("drafted", "done"),
        };
        let published = stage == "published";
        if published {
            seq += 1;
        }
        let text = format!("*Story {i}*\n> Every Friday I sort my pipeline.\nTry it tomorrow.");
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stories (hero_id, nominated_by, note, stage, interview_position,
               interview_status, interview_started_at, waiting_since, created_at, updated_at,
               pending_text, pending_version, approved_text, approved_at, approved_seq, published_at)
             VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&hero)
        .bind(ADMIN)
        .bind(stage)
        .bind(if status == "done" { 5 } else { 0 })
        .bind(status)
        .bind((status != "not_started").then_some(now))
        .bind(now)
        .bind(now)
        .bind(now)
        .bind(published.then(|| text.clone()))
        .bind(if published { 1 } else { 0 })
        .bind(published.then(|| text.clone()))
        .bind(published.then_some(now))
        .bind(published.then_some(seq))
        .bind(published.then_some(now))
        .fetch_one(&mut *tx)
        .await?;
        if i % 5 == 0 && status == "done" {
            for (k, key) in ["behaviour", "benefit", "start", "takeaway", "headline"]
                .iter()
                .enumerate()
            {
                sqlx::query(
                    "INSERT INTO answer_revisions (story_id, question_key, revision, body, source, created_at)
                     VALUES (?, ?, 1, ?, 'interview', ?)",
                )
                .bind(id)
                .bind(key)
                .bind(ANSWERS[k].as_bytes())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(())
}

// ---------------------------------------------------------------- scenarios

struct Report {
    lines: Vec<String>,
}

impl Report {
    fn row(&mut self, cells: &[String]) {
        self.lines.push(format!("| {} |", cells.join(" | ")));
    }
    fn heading(&mut self, title: &str, cols: &[&str]) {
        self.lines.push(String::new());
        self.lines.push(format!("### {title}"));
        self.lines.push(String::new());
        self.lines.push(format!("| {} |", cols.join(" | ")));
        self.lines.push(format!(
            "|{}|",
            cols.iter().map(|_| "---").collect::<Vec<_>>().join("|")
        ));
    }
    fn note(&mut self, text: &str) {
        self.lines.push(String::new());
        self.lines.push(text.to_string());
    }
}

fn answer_row(label: &str, r: &mut AnswerRun) -> Vec<String> {
    vec![
        label.to_string(),
        format!("{} × {}", r.heroes, r.waves),
        format!("{:.0}", r.per_sec()),
        r.ack.summary(),
        r.e2e.summary(),
        match r.db_cpu {
            Some(db) => format!(
                "{:.3} + {:.3} Postgres",
                r.bot_cpu_per_k(),
                db / r.answers as f64 * 1000.0
            ),
            None => format!("{:.3}", r.bot_cpu_per_k()),
        },
        format!("{:.3}", r.gen_cpu_per_k()),
        format!("{:.1}", r.switches_per_answer()),
        format!("{:.1} / {:.1}", r.rss.0, r.rss.1),
        format!("{}/{}", r.stored, r.answers),
    ]
}

const ANSWER_COLS: [&str; 10] = [
    "run",
    "heroes at once × in a row",
    "answers/s",
    "ack p50 / p99 / max (ms), steady",
    "answer→next question p50 / p99 / max (ms)",
    "bot CPU-s / 1k answers",
    "generator CPU-s / 1k answers",
    "bot context switches / answer",
    "bot RSS / peak (MiB)",
    "answers stored",
];

async fn scenario_answers(args: &Args, dir: &Path, report: &mut Report) -> anyhow::Result<()> {
    eprintln!(
        "answers: {} heroes at once, {} interviews in a row each",
        args.heroes, args.waves
    );
    let db = fresh_db(dir, "answers.db")?;
    let mut r = answers_run(
        dir,
        On {
            url: &sqlite_url(&db),
            replicas: 1,
        },
        "A",
        args.heroes,
        args.waves as usize,
        args.setup_concurrency,
        None,
    )
    .await?;
    report.heading(
        "Answers (closed loop, every hero answers all 5 questions)",
        &ANSWER_COLS,
    );
    report.row(&answer_row("flat out, empty database", &mut r));
    let mut paced = Vec::new();
    for (k, &rate) in args.paced_rate.iter().filter(|r| **r > 0.0).enumerate() {
        eprintln!(
            "answers: {} heroes at once, paced at {rate} answers/s in all",
            args.heroes
        );
        let db = fresh_db(dir, &format!("paced-{k}.db"))?;
        let mut p = answers_run(
            dir,
            On {
                url: &sqlite_url(&db),
                replicas: 1,
            },
            &format!("P{k}"),
            args.heroes,
            args.waves as usize,
            args.setup_concurrency,
            Some(rate),
        )
        .await?;
        report.row(&answer_row(
            &format!("paced at {rate:.0} answers/s, empty database"),
            &mut p,
        ));
        paced.push(p);
    }
    if let Some(server) = &args.postgres {
        // The same runs on Postgres, with one replica and with two taking the requests
        // in turn, each on a fresh database.
        let rates = std::iter::once(None).chain(
            args.paced_rate
                .iter()
                .filter(|r| **r > 0.0)
                .map(|r| Some(*r)),
        );
        for (k, rate) in rates.enumerate() {
            for replicas in [1, 2] {
                eprintln!(
                    "answers on Postgres, {replicas} replica(s): {} heroes at once, {}",
                    args.heroes,
                    rate.map_or("flat out".to_string(), |r| format!(
                        "paced at {r} answers/s"
                    ))
                );
                let db = PgDb::create(server, &format!("answers{k}r{replicas}")).await?;
                let run = answers_run(
                    dir,
                    On {
                        url: &db.url,
                        replicas,
                    },
                    &format!("G{k}R{replicas}"),
                    args.heroes,
                    args.waves as usize,
                    args.setup_concurrency,
                    rate,
                )
                .await;
                db.drop_it().await;
                let mut run = run?;
                let how = match rate {
                    None => "flat out".to_string(),
                    Some(rate) => format!("paced at {rate:.0} answers/s"),
                };
                report.row(&answer_row(
                    &format!("Postgres, {replicas} replica(s), {how}, empty database"),
                    &mut run,
                ));
            }
        }
    }
    report.note(&format!(
        "Flat out: every hero answers as soon as the next question has come. Ack of its first answers, all {} sent at the same instant: p50 / p99 / max {} ms (the steady figures leave them out). Bot ready {:.0} ms after spawn. Setup of {} heroes took {:.1} s ({:.0} heroes/s). Slash command (`nominate`) ack p50 / p99 / max: {} ms; button press (`Start now`) ack: {} ms.",
        r.heroes,
        r.ack_burst.summary(),
        r.ready.as_secs_f64() * 1000.0,
        r.heroes * r.waves,
        r.setup.took.as_secs_f64(),
        (r.heroes * r.waves) as f64 / r.setup.took.as_secs_f64(),
        r.setup.command_ack.summary(),
        r.setup.click_ack.summary(),
    ));
    for p in &paced {
        report.note(&format!(
            "Paced at {:.0} answers/s: the same closed loop, but the {} heroes take turns at an even pace (every ack counted, none left out); {} of {} answers went late, after their turn, because the question had not come yet.",
            p.rate.unwrap_or_default(),
            p.heroes,
            p.late,
            p.answers,
        ));
    }
    Ok(())
}

async fn scenario_rss(args: &Args, dir: &Path, report: &mut Report) -> anyhow::Result<()> {
    report.heading(
        "Memory with open interviews (nominated, started, question 1 sent)",
        &[
            "open interviews",
            "RSS idle after start (MiB)",
            "RSS (MiB)",
            "peak RSS VmHWM (MiB)",
            "setup time (s)",
            "nominate ack p99 (ms)",
            "Start now ack p99 (ms)",
        ],
    );
    for (k, &n) in args.rss_sizes.iter().enumerate() {
        eprintln!("rss: {n} open interviews");
        let db = fresh_db(dir, &format!("rss{k}.db"))?;
        let mut slack = Slack::start().await;
        let bot = Bot::start(&mut slack, &db, &dir.join("bot.log")).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let idle = bot.rss().0;
        let slack = Arc::new(slack);
        let mut setup = setup_heroes(&slack, &format!("R{k}"), n, args.setup_concurrency).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (rss, hwm) = bot.rss();
        report.row(&[
            n.to_string(),
            format!("{idle:.1}"),
            format!("{rss:.1}"),
            format!("{hwm:.1}"),
            format!("{:.1}", setup.took.as_secs_f64()),
            format!("{:.2}", setup.command_ack.pct(99.0)),
            format!("{:.2}", setup.click_ack.pct(99.0)),
        ]);
        drop(setup);
        bot.stop().await;
    }
    Ok(())
}

async fn scenario_ready(args: &Args, dir: &Path, report: &mut Report) -> anyhow::Result<()> {
    eprintln!("ready: filling {} stories", args.stories);
    let big = fresh_db(dir, "ready.db")?;
    let t = Instant::now();
    fill_stories(&big, args.stories).await?;
    let fill = t.elapsed();
    let size = std::fs::metadata(&big)?.len() as f64 / 1048576.0;
    let empty = fresh_db(dir, "ready-empty.db")?;
    migrate(&empty).await?;

    report.heading(
        "Start to ready (spawn → first 200 from /healthz)",
        &[
            "database",
            "start 1 (ms)",
            "start 2 (ms)",
            "start 3 (ms)",
            "RSS after ready (MiB)",
        ],
    );
    for (label, db) in [
        (format!("{} stories ({size:.0} MiB)", args.stories), &big),
        ("empty".to_string(), &empty),
    ] {
        let mut cells = vec![label];
        let mut rss = 0.0;
        for _ in 0..3 {
            let mut slack = Slack::start().await;
            let bot = Bot::start(&mut slack, db, &dir.join("bot.log")).await?;
            cells.push(format!("{:.1}", bot.ready.as_secs_f64() * 1000.0));
            rss = bot.rss().0;
            bot.stop().await;
        }
        cells.push(format!("{rss:.1}"));
        report.row(&cells);
    }
    report.note(&format!(
        "Filling the database took {:.1} s (one transaction, bench-side SQL after `Store::open` ran the migrations).",
        fill.as_secs_f64()
    ));

    eprintln!(
        "ready: {} heroes on {} stories vs empty",
        args.small_heroes, args.stories
    );
    report.heading("Cost per answer vs stored stories", &ANSWER_COLS);
    // The fill's pages are still being written back to the disk for half a minute after
    // it: flushed first, so that the first run does not pay for them. Then each database
    // is run twice, in the order big, empty, empty, big, so that neither always comes
    // first.
    let _ = Command::new("sync").status();
    for (run, (label, db, prefix)) in [
        (format!("{} stories", args.stories), &big, "B"),
        ("empty database".to_string(), &empty, "E"),
        ("empty database".to_string(), &empty, "F"),
        (format!("{} stories", args.stories), &big, "C"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut on = answers_run(
            dir,
            On {
                url: &sqlite_url(db),
                replicas: 1,
            },
            prefix,
            args.small_heroes,
            args.waves as usize,
            args.setup_concurrency,
            None,
        )
        .await?;
        report.row(&answer_row(&format!("{label} (run {})", run + 1), &mut on));
    }
    Ok(())
}

async fn scenario_publish(args: &Args, dir: &Path, report: &mut Report) -> anyhow::Result<()> {
    eprintln!(
        "publish: {} stories over {} channels",
        args.queued, args.channels
    );
    let db = fresh_db(dir, "publish.db")?;
    let mut slack = Slack::start().await;
    let channels: Vec<String> = (0..args.channels).map(|c| format!("CPUB{c:05}")).collect();
    for (c, id) in channels.iter().enumerate() {
        slack.sim.add_channel(id, &format!("wins-{c}"), true);
    }
    // The channels are added the real way, with the slash command.
    let bot = Bot::start(&mut slack, &db, &dir.join("bot.log")).await?;
    for (c, id) in channels.iter().enumerate() {
        let reply = slack
            .command_reply(ADMIN, &format!("channel add <#{id}|wins-{c}>"))
            .await?;
        if !reply.contains("Added") {
            bail!("channel add {id}: {reply}");
        }
    }
    bot.stop().await;

    // The queue: approved stories with one pending outbox row each, as `enqueue` leaves them.
    let pool = open_pool(&db).await?;
    let dests: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT target, id FROM destinations")
            .fetch_all(&pool)
            .await?
            .into_iter()
            .collect();
    let now = chrono::Utc::now();
    let mut tx = pool.begin().await?;
    for i in 0..args.queued {
        let hero = format!("UPUB{i:06}");
        slack.sim.add_user(
            &hero,
            &format!("pub{i}"),
            &format!("Pub Hero {i}"),
            None,
            false,
            "UTC",
        );
        sqlx::query(
            "INSERT INTO users (id, display_name, created_at, tz) VALUES (?, ?, ?, 'UTC')
             ON CONFLICT(id) DO NOTHING",
        )
        .bind(&hero)
        .bind(format!("Pub Hero {i}"))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let text = format!(
            "*Two hours back every Friday* [bench story {i}]\n> Every Friday I sort my pipeline by close date.\n<@{hero}> Ask in the thread."
        );
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stories (hero_id, nominated_by, note, stage, interview_position,
               interview_status, waiting_since, created_at, updated_at, pending_text,
               pending_version, approved_text, approved_at, approved_seq)
             VALUES (?, ?, '', 'queued', 5, 'done', ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
        )
        .bind(&hero)
        .bind(ADMIN)
        .bind(now)
        .bind(now)
        .bind(now)
        .bind(&text)
        .bind(&text)
        .bind(now)
        .bind(i as i64 + 1)
        .fetch_one(&mut *tx)
        .await?;
        let channel = &channels[i % channels.len()];
        let dest = *dests.get(channel).context("a destination per channel")?;
        sqlx::query(
            "INSERT INTO posts (story_id, destination_id, status, queued_at) VALUES (?, ?, 'pending', ?)",
        )
        .bind(id)
        .bind(dest)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    pool.close().await;

    let bot = Bot::start(&mut slack, &db, &dir.join("bot.log")).await?;
    let cpu0 = bot.cpu();
    let t0 = Instant::now();
    let reply = slack
        .command_reply(ADMIN, "schedule \"* * * * * *\"")
        .await?;
    if !reply.contains("Next:") {
        bail!("schedule: {reply}");
    }
    let top_level = |posts: &[(String, Instant, Value)]| {
        posts
            .iter()
            .filter(|(_, _, m)| m.get("thread_ts").is_none())
            .count()
    };
    let deadline = t0 + Duration::from_secs(60 + 5 * (args.queued / args.channels.max(1)) as u64);
    loop {
        let n = top_level(&slack.hub.channel_posts.lock().unwrap());
        if n >= args.queued || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let last = slack
        .hub
        .channel_posts
        .lock()
        .unwrap()
        .iter()
        .map(|(_, at, _)| *at)
        .max();
    let drained = last.map(|l| l.duration_since(t0)).unwrap_or_default();
    let cpu = bot.cpu() - cpu0;
    // Three more seconds (three more schedule ticks) to catch a duplicate.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let posts = slack.hub.channel_posts.lock().unwrap().clone();
    bot.stop().await;

    let mut per_channel: BTreeMap<String, Vec<(f64, String)>> = BTreeMap::new();
    let mut stories_seen: HashSet<String> = HashSet::new();
    let mut duplicates = 0;
    for (channel, _, m) in posts
        .iter()
        .filter(|(_, _, m)| m.get("thread_ts").is_none())
    {
        let text = visible_text(m);
        let story = text
            .split("[bench story ")
            .nth(1)
            .and_then(|r| r.split(']').next())
            .unwrap_or("?")
            .to_string();
        if !stories_seen.insert(story.clone()) {
            duplicates += 1;
        }
        let ts: f64 = m["ts"].as_str().unwrap_or("0").parse().unwrap_or(0.0);
        per_channel
            .entry(channel.clone())
            .or_default()
            .push((ts, story));
    }
    let mut min_gap = f64::INFINITY;
    for posts in per_channel.values() {
        for w in posts.windows(2) {
            min_gap = min_gap.min(w[1].0 - w[0].0);
        }
    }
    let expected: HashSet<String> = (0..args.queued).map(|i| i.to_string()).collect();
    let lost = expected.difference(&stories_seen).count();
    let pool = open_pool(&db).await?;
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE status = 'sent'")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    let per = args.queued as f64 / args.channels as f64;
    report.heading(
        "Publishing (schedule `* * * * * *` on every channel)",
        &[
            "stories / channels",
            "story posts seen",
            "duplicates",
            "lost",
            "outbox rows sent",
            "min spacing in a channel (s)",
            "drain time (s)",
            "ideal drain (s)",
            "bot CPU-s",
        ],
    );
    report.row(&[
        format!("{} / {}", args.queued, args.channels),
        stories_seen.len().to_string(),
        duplicates.to_string(),
        lost.to_string(),
        sent.to_string(),
        format!("{min_gap:.3}"),
        format!("{:.1}", drained.as_secs_f64()),
        format!("≈ {:.0}", per.ceil()),
        format!("{cpu:.2}"),
    ]);
    Ok(())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(String::new(), |kb| {
            format!(", {:.1} GiB RAM", kb / 1048576.0)
        });
    format!("{cores} cores ({cpu}){mem}; load generator, simulator and bot on the same machine")
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = match &args.keep_dir {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d.clone()
        }
        None => tmp.path().to_path_buf(),
    };
    let mut report = Report { lines: Vec::new() };
    let command: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    report.lines.push("## Spotlight load benchmark".into());
    report.lines.push(String::new());
    report.lines.push(format!("- machine: {}", machine()));
    report.lines.push(format!(
        "- command: `cargo bench --bench load -- {}`",
        command.join(" ")
    ));
    report.lines.push(format!("- bot: `{}`", bot_binary()));
    let all = args.scenario == Scenario::All;
    let mut failures = Vec::new();
    if all || args.scenario == Scenario::Answers {
        if let Err(e) = scenario_answers(&args, &dir, &mut report).await {
            failures.push(format!("answers: {e:#}"));
        }
    }
    if all || args.scenario == Scenario::Rss {
        if let Err(e) = scenario_rss(&args, &dir, &mut report).await {
            failures.push(format!("rss: {e:#}"));
        }
    }
    if all || args.scenario == Scenario::Ready {
        if let Err(e) = scenario_ready(&args, &dir, &mut report).await {
            failures.push(format!("ready: {e:#}"));
        }
    }
    if all || args.scenario == Scenario::Publish {
        if let Err(e) = scenario_publish(&args, &dir, &mut report).await {
            failures.push(format!("publish: {e:#}"));
        }
    }
    for f in &failures {
        report.note(&format!("**FAILED** {f}"));
    }
    println!("{}", report.lines.join("\n"));
    if !failures.is_empty() {
        bail!(
            "{} scenario(s) failed (the bot's log: {})",
            failures.len(),
            dir.join("bot.log").display()
        );
    }
    Ok(())
}
