//! The Slack adapter, and the only module that names slack-morphism types.
//!
//! `serve` runs Spotlight as a Slack app, over the HTTP Events API (slack-morphism's axum
//! listener verifies every request's signature) or over Socket Mode. Every request is
//! written to the inbox before it is acknowledged and processed after by the inbox worker:
//! a hero's direct messages in order in a lane of their own, lanes side by side, and
//! everything else (commands, buttons, ticks) alone; a scheduler task runs `App::tick`
//! when something comes due.

pub mod blocks;
mod files;
mod inbox;
mod install;
mod limits;
pub mod metrics;
mod oauth;
mod sender;
mod tokens;
mod transport;
mod workspaces;

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::Utc;
use futures_util::FutureExt;
use serde::Serialize;
use slack_morphism::prelude::*;
use tokio::sync::{mpsc, watch, Mutex, Notify, RwLock};

use crate::app::App;
use crate::config::{Settings, SlackAuth, SlackSettings};
use crate::delivery::{self, Decided, DecidedKind, ForOutbox};
use crate::domain::texts::{Arg, Texts};
use crate::domain::UserId;
use crate::store::postgres::PgLead;
use crate::store::shared::{Lead, Leadership};
use crate::store::{with_inbox_row, InboxRow, Store};
pub use files::{FileReader, Unreadable};
pub use install::BOT_SCOPES;
pub use oauth::OAuthClient;
pub use tokens::{TokenHealth, Tokens};
pub use transport::{fix_for, SlackTransport};

/// Slack's side of the delivery port: people and channels through `SlackTransport`,
/// Chatter and email through their clients where they are set up.
pub type SlackPort = crate::destinations::Router<SlackTransport>;

/// What the listeners, the inbox worker and the scheduler share.
pub struct Shared {
    pub app: App<SlackPort>,
    /// The OAuth install's settings and Slack's OAuth, in OAuth mode.
    install: Option<Arc<install::Install>>,
    /// The database's own store, which keeps the installations (for the main workspace,
    /// the same as `app`'s).
    registry: Store,
    /// The workspace, when its data is kept apart (None: the database's own).
    team: Option<String>,
    /// Where an uninstall that erases a workspace kept apart says so.
    gone: mpsc::UnboundedSender<String>,
    /// What the adapter itself says to people (refusals, apologies), in each language.
    pub texts: Arc<Texts>,
    /// Heroes' direct messages go through the engine side by side (each hero's in
    /// order, in their lane), holding this shared; anything else holds it alone.
    engine: RwLock<()>,
    /// The per-hero lanes of direct messages waiting or in progress.
    lanes: std::sync::Mutex<Lanes>,
    /// Signalled when a lane empties.
    lane_done: Notify,
    /// How many lanes may work at once.
    lane_slots: tokio::sync::Semaphore,
    /// Admins who ran `/spotlight import` and whose next file is the export (in memory:
    /// a restart forgets them, and the file is then taken by its type, as usual).
    awaiting_import: files::Awaiting,
    /// Exports read and matched before the engine's lock, for the requests that sent them.
    prepared_imports: files::PreparedImports,
    /// What `/metrics` shows (one for every workspace).
    metrics: Arc<metrics::Metrics>,
    /// People whose Slack profile was read since start (names, admin flags).
    /// Each person's profile lookup, done or in flight (callers wait for the same one);
    /// a failed lookup leaves its cell empty, to be tried again.
    known: Mutex<HashMap<String, Arc<tokio::sync::OnceCell<()>>>>,
    wake_scheduler: Notify,
    /// The main runtime, where work that must not wait for the engine runs (opening a
    /// modal the moment its click is recorded).
    workers: tokio::runtime::Handle,
    /// Requests being handled, by inbox row, since when: `/healthz` fails when one has
    /// been in hand too long.
    in_flight: std::sync::Mutex<HashMap<i64, std::time::Instant>>,
    /// Requests to try again after a failure, back to the dispatcher.
    retry: mpsc::UnboundedSender<InboxRow>,
    /// The background loops (dispatcher, sender, scheduler) and whether each still runs.
    loops: std::sync::Mutex<HashMap<&'static str, bool>>,
    /// When the scheduler last went round its loop.
    scheduler_beat: std::sync::Mutex<std::time::Instant>,
    /// Whether this process runs the engine (on Postgres, a replica standing by only
    /// records requests).
    engine_running: std::sync::atomic::AtomicBool,
}

/// What a workspace's `Shared` is made of.
struct Parts<'a> {
    store: Store,
    settings: &'a Settings,
    transport: SlackTransport,
    install: Option<Arc<install::Install>>,
    metrics: Arc<metrics::Metrics>,
    registry: Store,
    team: Option<String>,
    gone: mpsc::UnboundedSender<String>,
    retry: mpsc::UnboundedSender<InboxRow>,
    workers: tokio::runtime::Handle,
}

impl Shared {
    fn new(p: Parts<'_>) -> Shared {
        let texts = p.settings.prompts.texts.clone();
        Shared {
            app: App::new(
                p.store,
                p.settings,
                SlackPort::new(p.transport, p.settings.publishers.clone(), texts.clone()),
            ),
            install: p.install,
            registry: p.registry,
            team: p.team,
            gone: p.gone,
            texts,
            engine: RwLock::new(()),
            lanes: std::sync::Mutex::new(Lanes::default()),
            lane_done: Notify::new(),
            lane_slots: tokio::sync::Semaphore::new(LANES_AT_ONCE),
            awaiting_import: Default::default(),
            prepared_imports: Default::default(),
            metrics: p.metrics,
            known: Mutex::new(HashMap::new()),
            wake_scheduler: Notify::new(),
            workers: p.workers,
            in_flight: std::sync::Mutex::new(HashMap::new()),
            retry: p.retry,
            loops: std::sync::Mutex::new(HashMap::new()),
            scheduler_beat: std::sync::Mutex::new(std::time::Instant::now()),
            engine_running: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The Slack Web API side of the engine's port (its client, token and DMs).
    pub(crate) fn slack(&self) -> &SlackTransport {
        self.app.transport().chat()
    }

    /// Whether `user` is the bot itself (its messages are ignored).
    pub(crate) fn is_bot(&self, user: &str) -> bool {
        self.slack().tokens().is_bot(user)
    }
}

/// The Web API client, pointed at `api_url` (Slack's, a GovSlack-style host, or a
/// simulator), over https or plain http.
pub fn client(api_url: &str) -> anyhow::Result<Arc<SlackHyperClient>> {
    // Only ring is linked; installing it twice (in tests) is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .context("no CA certificates were found on this machine: install them (e.g. `apt-get install ca-certificates`)")?
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .build();
    // No client-side throttling: slack-morphism's caps chat.postMessage at one per second
    // for the whole workspace (Slack's limit is per channel), which would queue every
    // hero's next question behind everyone else's. Story posts are paced per channel by
    // the transport; a 429 is retried after its Retry-After by `transport::with_retries`.
    Ok(Arc::new(SlackClient::new(
        SlackClientHyperConnector::with_connector(connector).with_slack_api_url(api_url),
    )))
}

/// The part that faces Slack (HTTP server or Socket Mode listener), run to completion.
type Front = std::pin::Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// A running Slack app, started by `start`.
pub struct Running {
    /// Where the HTTP listener is: Slack's requests, or in Socket Mode `/healthz` and
    /// `/metrics` only.
    pub addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Running {
    /// Stops gracefully: no new requests, the one in hand finished, then exit.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        self.task.await.context("the Slack app task panicked")?
    }

    /// Runs until `shutdown` completes, then stops; or until it stops by itself (a
    /// replica that lost its lead on Postgres), with why.
    pub async fn until(mut self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        let ended = tokio::select! {
            _ = shutdown => None,
            ended = &mut self.task => Some(ended),
        };
        match ended {
            None => self.stop().await,
            Some(ended) => ended.context("the Slack app task panicked")?,
        }
    }
}

/// Runs Spotlight as a Slack app until `shutdown` completes.
pub async fn serve(
    settings: Settings,
    slack: SlackSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    start(settings, slack).await?.until(shutdown).await
}

/// Connects to Slack, opens the database, binds the listener and starts the inbox
/// worker and the scheduler. Start-up errors (a refused token, a busy port) come back
/// here; everything after runs in the background.
#[tracing::instrument(skip_all, fields(socket_mode = slack.socket_mode, bind = %slack.bind))]
pub async fn start(settings: Settings, slack: SlackSettings) -> anyhow::Result<Running> {
    let client = client(&slack.api_url)?;
    // A pasted token is checked (and its bot's identity read) before anything else.
    let pasted = match &slack.auth {
        SlackAuth::Token(token) => {
            let session_token = SlackApiToken::new(token.expose().into());
            let auth = client
                .open_session(&session_token)
                .auth_test()
                .await
                .map_err(|e| anyhow::anyhow!("Slack refused SLACK_BOT_TOKEN ({e}): check the token and that the app is installed in your workspace"))?;
            tracing::info!(bot_user = %auth.user_id, team = %auth.team_id, "connected to Slack");
            Some(Tokens::fixed(
                token,
                auth.user_id.as_ref(),
                auth.team_id.as_ref(),
            ))
        }
        SlackAuth::OAuth(_) => None,
    };
    let front_thread = FrontThread::start()?;
    // Opened from the front thread (see `workspaces::open_store`).
    let store = workspaces::open_store(&front_thread.handle, settings.database_url.clone()).await?;
    // In OAuth mode the token is the installation's, as the database holds it.
    let (tokens, install) = match (pasted, &slack.auth) {
        (Some(tokens), _) => (tokens, None),
        (None, SlackAuth::OAuth(oauth)) => {
            let slack_oauth =
                OAuthClient::new(&slack.api_url, &oauth.client_id, &oauth.client_secret)?;
            let tokens = Tokens::installed(store.clone(), oauth, slack_oauth.clone()).await?;
            let install = install::Install::new(
                oauth.clone(),
                slack_oauth,
                &slack.api_url,
                settings.prompts.texts.clone(),
            );
            (tokens, Some(Arc::new(install)))
        }
        (None, SlackAuth::Token(_)) => unreachable!("a pasted token was checked above"),
    };
    // The one who installed Spotlight is one of its admins.
    let mut settings = settings;
    if install.is_some() {
        if let Some(by) = store.installation().await?.and_then(|r| r.installed_by) {
            if !settings.admins.contains(&by) {
                settings.admins.push(by);
            }
        }
    }
    // A lead lost on Postgres stops this replica too: another may be serving already.
    let (lost_tx, mut lost_rx) = mpsc::unbounded_channel::<()>();
    let (gone_tx, gone_rx) = mpsc::unbounded_channel::<String>();
    let kit = workspaces::Kit {
        settings: settings.clone(),
        client: client.clone(),
        front: front_thread.handle.clone(),
        workers: tokio::runtime::Handle::current(),
        install,
        metrics: Arc::new(metrics::Metrics::new()),
        metrics_token: slack.metrics_token.clone(),
        registry: store.clone(),
        lost: lost_tx,
        gone: gone_tx,
    };
    // The engine (the dispatcher, the sender, the scheduler) runs at once on SQLite; on
    // Postgres once this replica leads, while the front records requests from the start.
    let main = kit.serve(store, tokens, &settings, None);
    let workspaces = Arc::new(workspaces::Workspaces::new(kit, main));
    if let Err(e) = workspaces.open_installed().await {
        workspaces.stop_all().await;
        return Err(e);
    }
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        tokio::select! {
            _ = stop_rx => {}
            Some(()) = lost_rx.recv() => {}
        }
    };
    // Bound on the front runtime, whose thread then serves it: Slack's requests, or in
    // Socket Mode only `/healthz` and `/metrics`.
    let bind = slack.bind;
    let tcp = front_thread
        .handle
        .spawn(async move { tokio::net::TcpListener::bind(bind).await })
        .await
        .context("the front thread stopped")?
        .with_context(|| format!("failed to listen on {bind} (SPOTLIGHT_BIND)"));
    let tcp = match tcp {
        Ok(tcp) => tcp,
        Err(e) => {
            workspaces.stop_all().await;
            return Err(e);
        }
    };
    let front: anyhow::Result<(std::net::SocketAddr, Front)> = async {
        if slack.socket_mode {
            let fut = run_socket_mode(workspaces.clone(), client, &slack).await?;
            let (stop_http, http_stopped) = tokio::sync::oneshot::channel::<()>();
            let (addr, http) = run_health(workspaces.clone(), tcp, async move {
                let _ = http_stopped.await;
            })?;
            let http = front_thread.handle.spawn(http);
            Ok((
                addr,
                Box::pin(async move {
                    let result = fut.until(shutdown).await;
                    let _ = stop_http.send(());
                    let _ = http.await;
                    result
                }) as Front,
            ))
        } else {
            let (addr, fut) = run_http(workspaces.clone(), client, &slack, tcp, shutdown)?;
            let server = front_thread.handle.spawn(fut);
            Ok((
                addr,
                Box::pin(async move { server.await.context("the HTTP server panicked")? }) as Front,
            ))
        }
    }
    .await;
    let (addr, front) = match front {
        Ok(front) => front,
        Err(e) => {
            workspaces.stop_all().await;
            return Err(e);
        }
    };
    let (upkeep_stop, upkeep_rx) = watch::channel(false);
    let upkeep = tokio::spawn(workspaces.clone().upkeep(gone_rx, upkeep_rx));
    let task = tokio::spawn(async move {
        let result = front.await;
        // Every request the front took is recorded by now. Each workspace's engine
        // finishes the request in hand, then stops; unprocessed requests stay in the
        // inbox and are processed at the next start (or by the next replica to serve).
        let _ = upkeep_stop.send(true);
        let _ = upkeep.await;
        let lost = workspaces.stop_all().await;
        drop(front_thread);
        match lost {
            Some(why) => Err(anyhow::anyhow!(
                "stopped: this replica lost its lead on the database ({why}); another replica \
                 may be serving now. Start this one again: it stands by until it may serve"
            )),
            None => result,
        }
    });
    Ok(Running {
        addr,
        stop: Some(stop_tx),
        task,
    })
}

/// Runs the engine until `stop`: on Postgres the dispatcher and the scheduler once this
/// replica leads (standing by until then), keeping the lead while they run, and the
/// sender from the start. Returns why the lead was lost, if it was
/// (then `lost` has been told, which stops the front).
async fn run_engine(
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
    retries: mpsc::UnboundedReceiver<InboxRow>,
    lost: mpsc::UnboundedSender<()>,
) -> Option<String> {
    // The sender: on SQLite beside the dispatcher; on Postgres on every replica from the
    // start, claiming what any replica decided.
    let sender = tokio::spawn(watched(
        shared.clone(),
        "sender",
        sender::run(shared.clone(), stop.clone()),
    ));
    let lead = match shared.app.store().replica().cloned() {
        Some(replica) => match stand_by(&replica, &mut stop).await {
            Some(lead) => Some(lead),
            // Stopped while standing by.
            None => {
                let _ = tokio::time::timeout(Duration::from_secs(5), sender).await;
                return None;
            }
        },
        None => None,
    };
    shared
        .engine_running
        .store(true, std::sync::atomic::Ordering::Relaxed);
    *unpoisoned(&shared.scheduler_beat) = std::time::Instant::now();
    let worker = tokio::spawn(watched(
        shared.clone(),
        "dispatcher",
        run_inbox(shared.clone(), stop.clone(), retries),
    ));
    let scheduler = tokio::spawn(watched(
        shared.clone(),
        "scheduler",
        run_scheduler(shared.clone(), stop.clone()),
    ));
    let (unlead, unleading) = tokio::sync::oneshot::channel::<()>();
    let leading = lead.map(|lead| tokio::spawn(hold_the_lead(lead, unleading, lost)));
    let _ = stop.wait_for(|stopped| *stopped).await;
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        let _ = worker.await;
        let _ = scheduler.await;
        let _ = sender.await;
    })
    .await;
    // The next replica may take over once this one has stopped its work.
    let _ = unlead.send(());
    match leading {
        Some(leading) => leading.await.ok().flatten(),
        None => None,
    }
}

/// How often a replica standing by asks for the lead, and the leader checks it holds it.
const STAND_BY_EVERY: Duration = Duration::from_secs(1);
const LEAD_CHECK_EVERY: Duration = Duration::from_secs(5);

/// Waits until this replica leads: at once if no other replica serves on the database,
/// else when the one that does stops or dies (its connection closes, and with it the
/// lock: at once when its process is killed, within about half a minute when its host
/// is cut off). None if `stop` came first. Meanwhile the front records requests, which
/// the serving replica handles.
async fn stand_by(
    replica: &crate::store::postgres::Replica,
    stop: &mut watch::Receiver<bool>,
) -> Option<PgLead> {
    let mut said = false;
    loop {
        if *stop.borrow() {
            return None;
        }
        match replica.try_lead().await {
            Ok(Some(lead)) => {
                if said {
                    tracing::warn!(
                        replica = replica.name(),
                        "took over: this replica now handles the requests"
                    );
                }
                return Some(lead);
            }
            Ok(None) if !said => {
                // Said at the default level: nothing else shows this replica's state.
                tracing::warn!(
                    replica = replica.name(),
                    "another replica handles the requests on this database: this one records \
                     those it receives and stands by until that one stops"
                );
                said = true;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = format!("{e:#}"), "failed to ask for the lead"),
        }
        tokio::select! {
            _ = tokio::time::sleep(STAND_BY_EVERY) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Keeps the lead until `done` (then gives it up), checking it is still held. A lead
/// lost (the database restarted, the connection cut) is logged and told to `lost`, which
/// stops this replica: another may have taken over. Returns why it was lost, if it was.
async fn hold_the_lead(
    mut lead: PgLead,
    done: tokio::sync::oneshot::Receiver<()>,
    lost: mpsc::UnboundedSender<()>,
) -> Option<String> {
    let why = {
        let lead = &mut lead;
        tokio::select! {
            e = lead.lost(LEAD_CHECK_EVERY) => Some(format!("{e:#}")),
            _ = done => None,
        }
    };
    match why {
        Some(why) => {
            tracing::error!(error = %why, "this replica lost its lead on the database: stopping");
            let _ = lost.send(());
            Some(why)
        }
        None => {
            lead.step_down().await;
            None
        }
    }
}

/// The thread that acknowledges Slack. The HTTP listener and the store's hot writer run
/// here, on a runtime of their own, so a request is read, recorded and answered without queueing
/// behind the interviews being processed on the main runtime (whose workers
/// `spotlight serve` runs at a lower priority: see `main.rs`). Stops when dropped.
struct FrontThread {
    handle: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl FrontThread {
    fn start() -> anyhow::Result<FrontThread> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("failed to start the front runtime")?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("spotlight-front".into())
            .spawn(move || {
                let _ = runtime.block_on(stopped);
            })
            .context("failed to start the front thread")?;
        Ok(FrontThread {
            handle,
            stop: Some(stop),
        })
    }
}

impl Drop for FrontThread {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The server on `tcp`, to be run on the front thread.
fn run_http(
    workspaces: Arc<workspaces::Workspaces>,
    client: Arc<SlackHyperClient>,
    slack: &SlackSettings,
    tcp: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<(
    std::net::SocketAddr,
    impl Future<Output = anyhow::Result<()>> + Send,
)> {
    let secret = slack
        .signing_secret
        .as_ref()
        .context("SLACK_SIGNING_SECRET is not set")?;
    let secret = SlackSigningSecret::new(secret.expose().into());
    let environment = Arc::new(
        SlackClientEventsListenerEnvironment::new(client).with_error_handler(listener_error),
    );
    let listener = SlackEventsAxumListener::new(environment);
    let slack_routes = Router::new()
        .route(
            "/slack/events",
            post(on_event).layer(
                listener
                    .events_layer(&secret)
                    .with_event_extractor(SlackEventsExtractors::push_event()),
            ),
        )
        .route(
            "/slack/commands",
            post(on_command).layer(
                listener
                    .events_layer(&secret)
                    .with_event_extractor(SlackEventsExtractors::command_event()),
            ),
        )
        .route(
            "/slack/interactions",
            post(on_interaction).layer(
                listener
                    .events_layer(&secret)
                    .with_event_extractor(SlackEventsExtractors::interaction_event()),
            ),
        );
    let (addr, server) = serve_on(workspaces, slack_routes, tcp, shutdown)?;
    tracing::info!(%addr, "listening for Slack");
    Ok((addr, server))
}

/// The HTTP server of Socket Mode on `tcp`: `/healthz` and `/metrics` only (Slack's
/// requests come over the socket).
fn run_health(
    workspaces: Arc<workspaces::Workspaces>,
    tcp: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<(
    std::net::SocketAddr,
    impl Future<Output = anyhow::Result<()>> + Send,
)> {
    serve_on(workspaces, Router::new(), tcp, shutdown)
}

/// Serves `routes` plus `/healthz` and `/metrics` on `tcp`, within the request and
/// connection limits, until `shutdown`.
fn serve_on(
    workspaces: Arc<workspaces::Workspaces>,
    routes: Router<Arc<workspaces::Workspaces>>,
    tcp: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<(
    std::net::SocketAddr,
    impl Future<Output = anyhow::Result<()>> + Send,
)> {
    let router = routes
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text));
    // The install's routes are the browser's, Socket Mode or not.
    let router = install::routes(router, workspaces.kit.install.is_some())
        .with_state(workspaces)
        .layer(axum::middleware::from_fn_with_state(
            limits::Limits::default(),
            limits::bounded,
        ));
    let addr = tcp.local_addr()?;
    let tcp = limits::BoundedListener::new(tcp, limits::MAX_CONNECTIONS);
    let server = async move {
        axum::serve(tcp, router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the HTTP server stopped")
    };
    Ok((addr, server))
}

/// Bad or missing signatures (and stale timestamps) are 401; anything else Slack sent
/// that cannot be read is 400. Nothing is recorded in either case.
fn listener_error(
    err: Box<dyn std::error::Error + Send + Sync>,
    _client: Arc<SlackHyperClient>,
    _state: SlackClientEventsUserState,
) -> StatusCode {
    use slack_morphism::signature_verifier::{
        SlackEventAbsentSignatureError, SlackEventSignatureVerifierError,
    };
    if err
        .downcast_ref::<SlackEventSignatureVerifierError>()
        .is_some()
        || err
            .downcast_ref::<SlackEventAbsentSignatureError>()
            .is_some()
    {
        tracing::warn!("refused a request with a bad or missing Slack signature");
        StatusCode::UNAUTHORIZED
    } else {
        tracing::warn!(error = %err, "refused a malformed request");
        StatusCode::BAD_REQUEST
    }
}

/// A request in hand longer than this means the engine is stuck.
const STUCK_AFTER: Duration = Duration::from_secs(30);
/// A message waiting longer than this means the sender is stuck (its retries, at most
/// a few minutes, are well within it).
const OUTBOX_STUCK_AFTER: chrono::Duration = chrono::Duration::minutes(15);

/// Runs one of the background loops, noting when it ends (`/healthz` then fails).
async fn watched(shared: Arc<Shared>, name: &'static str, work: impl Future<Output = ()>) {
    unpoisoned(&shared.loops).insert(name, true);
    let ended = std::panic::AssertUnwindSafe(work).catch_unwind().await;
    if ended.is_err() {
        tracing::error!(task = name, "a background task panicked");
    }
    unpoisoned(&shared.loops).insert(name, false);
}

/// Why Spotlight can't do its work right now, if it can't.
async fn unhealthy(shared: &Shared) -> Option<String> {
    if let Err(e) = shared.app.store().ping().await {
        return Some(format!("{e:#}"));
    }
    if let TokenHealth::Broken(why) = shared.slack().tokens().health() {
        return Some(why);
    }
    let mut stopped: Vec<&str> = unpoisoned(&shared.loops)
        .iter()
        .filter(|(_, running)| !**running)
        .map(|(name, _)| *name)
        .collect();
    if !stopped.is_empty() {
        stopped.sort_unstable();
        return Some(format!(
            "the {} stopped (see the log); restart Spotlight",
            stopped.join(" and the ")
        ));
    }
    let oldest = unpoisoned(&shared.in_flight)
        .values()
        .min()
        .map(|t| t.elapsed());
    if let Some(age) = oldest.filter(|a| *a > STUCK_AFTER) {
        return Some(format!(
            "a request has been in hand for {}s (the engine is stuck)",
            age.as_secs()
        ));
    }
    let beat = unpoisoned(&shared.scheduler_beat).elapsed();
    let running = shared
        .engine_running
        .load(std::sync::atomic::Ordering::Relaxed);
    if running && beat > Duration::from_secs(180) {
        return Some(format!(
            "the scheduler has not run for {}s (it is stuck)",
            beat.as_secs()
        ));
    }
    match shared.app.store().outbox_state().await {
        Ok(state) => match state.oldest {
            Some(t) if Utc::now() - t > OUTBOX_STUCK_AFTER => Some(format!(
                "{} message(s) waiting to be sent, the oldest since {} (the sender is stuck)",
                state.waiting,
                crate::app::fmt_time(t)
            )),
            _ => None,
        },
        Err(e) => Some(format!("{e:#}")),
    }
}

/// `GET /healthz`: 200 while every workspace served can do its work, else 503 saying
/// which cannot, and why.
async fn healthz(State(workspaces): State<Arc<workspaces::Workspaces>>) -> Response {
    let mut problems = Vec::new();
    let all = workspaces.all();
    for shared in &all {
        if let Some(why) = unhealthy(shared).await {
            problems.push(match &shared.team {
                Some(team) => format!("workspace {team}: {why}"),
                None => why,
            });
        }
    }
    if problems.is_empty() {
        // Waiting for a workspace to install it is no fault (an uninstall is the
        // workspace's choice), and the install page must stay reachable: 200, saying so.
        return match workspaces.main().slack().tokens().health() {
            // Said while no other workspace is served either.
            TokenHealth::NotInstalled(why) if all.len() == 1 => {
                (StatusCode::OK, format!("ok, but not calling Slack: {why}")).into_response()
            }
            _ => (StatusCode::OK, "ok").into_response(),
        };
    }
    let why = problems.join("; ");
    tracing::error!(reason = %why, "health check failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        format!("unavailable: {why}"),
    )
        .into_response()
}

/// `GET /metrics`, in Prometheus' text format, for every workspace served; with
/// `SPOTLIGHT_METRICS_TOKEN` set, only for a request carrying it as
/// `Authorization: Bearer <token>`.
async fn metrics_text(
    State(workspaces): State<Arc<workspaces::Workspaces>>,
    headers: HeaderMap,
) -> Response {
    if let Some(token) = &workspaces.kit.metrics_token {
        let given = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !metrics::same_token(given.trim().as_bytes(), token.expose().as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(axum::http::header::WWW_AUTHENTICATE, "Bearer")],
                "/metrics needs the token set in SPOTLIGHT_METRICS_TOKEN, sent as `Authorization: Bearer <token>` (Prometheus: `authorization: {credentials: <token>}` in the scrape config)\n",
            )
                .into_response();
        }
    }
    let all = workspaces.all();
    let stores: Vec<&Store> = all.iter().map(|shared| shared.app.store()).collect();
    match workspaces.kit.metrics.render(&stores).await {
        Ok(text) => (
            StatusCode::OK,
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "failed to read the metrics");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("unavailable: {e:#}"),
            )
                .into_response()
        }
    }
}

/// Writes a request to the inbox, returning once it is committed (requests that arrive
/// together share the commit: see `store::writer`), and wakes the inbox worker. A
/// request seen before (Slack retries with the same key) changes nothing.
async fn record(
    shared: &Arc<Shared>,
    key: &str,
    kind: &'static str,
    value: &impl Serialize,
) -> anyhow::Result<()> {
    let arrived = std::time::Instant::now();
    let body = serde_json::to_string(value).context("failed to encode a request")?;
    if kind != "event" {
        // The profiles of the people a command or a click names are read now, on the
        // workers, so handling it later never waits on users.info (heroes' messages
        // read theirs in their own lane).
        let row = InboxRow {
            id: 0,
            key: key.to_string(),
            kind: kind.to_string(),
            body: body.clone(),
        };
        let shared2 = shared.clone();
        shared
            .workers
            .spawn(async move { know_people(&shared2, &row).await });
    }
    let ids = shared
        .app
        .store()
        .inbox_insert_many(vec![(key.to_string(), kind, body)], Utc::now())
        .await?;
    shared.metrics.acked(kind, arrived.elapsed());
    // A new request reaches the dispatcher through the store's feed.
    if ids.first().copied().flatten().is_none() {
        tracing::info!(key, "ignored a repeated delivery");
    }
    Ok(())
}

fn ack(result: anyhow::Result<()>) -> Response {
    match result {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => {
            // Not recorded, so not acknowledged: Slack will deliver it again.
            tracing::error!(error = format!("{e:#}"), "failed to record a request");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn on_event(
    State(workspaces): State<Arc<workspaces::Workspaces>>,
    Extension(event): Extension<SlackPushEvent>,
) -> Response {
    match event {
        SlackPushEvent::UrlVerification(v) => (StatusCode::OK, v.challenge).into_response(),
        SlackPushEvent::EventCallback(cb) => ack(record_event(&workspaces, &cb).await),
        SlackPushEvent::AppRateLimited(_) => {
            tracing::warn!("Slack reports this app is rate limited for events");
            StatusCode::OK.into_response()
        }
    }
}

/// A request from a workspace that has no installation (its data erased meanwhile):
/// acknowledged, so Slack does not send it again, and dropped.
fn not_installed(team: &str) -> anyhow::Result<()> {
    tracing::warn!(
        team,
        "ignored a request from a workspace that has not installed Spotlight"
    );
    Ok(())
}

/// Records an Events API event for the workspace it comes from.
async fn record_event(
    workspaces: &workspaces::Workspaces,
    cb: &SlackPushEventCallback,
) -> anyhow::Result<()> {
    let Some(shared) = workspaces.serving(Some(cb.team_id.value())).await? else {
        return not_installed(cb.team_id.value());
    };
    let key = format!("event:{}", cb.event_id);
    record(&shared, &key, "event", cb).await
}

/// Records a slash command for the workspace it comes from.
async fn record_command(
    workspaces: &workspaces::Workspaces,
    event: &SlackCommandEvent,
) -> anyhow::Result<()> {
    let Some(shared) = workspaces.serving(Some(event.team_id.value())).await? else {
        return not_installed(event.team_id.value());
    };
    let key = format!("command:{}", event.trigger_id);
    record(&shared, &key, "command", event).await
}

/// Records a click or a form for the workspace it comes from, and opens the modals it
/// asks for.
async fn record_interaction(
    workspaces: &workspaces::Workspaces,
    event: &SlackInteractionEvent,
) -> anyhow::Result<()> {
    let value = serde_json::to_value(event).unwrap_or_default();
    let team = value.pointer("/team/id").and_then(|v| v.as_str());
    let Some(shared) = workspaces.serving(team).await? else {
        return not_installed(team.unwrap_or_default());
    };
    let key = interaction_key(&value);
    record(&shared, &key, "interaction", event).await?;
    open_forms(&shared, event);
    Ok(())
}

async fn on_command(
    State(workspaces): State<Arc<workspaces::Workspaces>>,
    Extension(event): Extension<SlackCommandEvent>,
) -> Response {
    ack(record_command(&workspaces, &event).await)
}

async fn on_interaction(
    State(workspaces): State<Arc<workspaces::Workspaces>>,
    Extension(event): Extension<SlackInteractionEvent>,
) -> Response {
    ack(record_interaction(&workspaces, &event).await)
}

/// Opens at once, on the workers, the modals a recorded click asks for.
fn open_forms(shared: &Arc<Shared>, event: &SlackInteractionEvent) {
    for click in inbox::form_clicks(event) {
        let shared2 = shared.clone();
        shared.workers.spawn(async move {
            if let Err(e) = inbox::open_form(&shared2, click).await {
                tracing::error!(error = format!("{e:#}"), "opening a form failed");
            }
        });
    }
}

/// Interactions carry a trigger ID unique to the click; it keys the inbox row.
fn interaction_key(value: &serde_json::Value) -> String {
    let trigger = value.get("trigger_id").and_then(|v| v.as_str());
    let action_ts = value
        .pointer("/actions/0/action_ts")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    match trigger {
        Some(t) => format!("interaction:{t}:{action_ts}"),
        None => format!("interaction:{}", uuid_like(&value.to_string())),
    }
}

/// A stable digest of a body, for the rare interaction without a trigger ID.
fn uuid_like(body: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// How many heroes' messages are processed side by side: enough to overlap Slack's
/// round trips (a `chat.postMessage` takes 100 ms or more), few enough that the CPU is
/// not spread over more work than it can finish.
const LANES_AT_ONCE: usize = 64;

/// Direct messages waiting per hero, and how many rows are dispatched but not done.
#[derive(Default)]
struct Lanes {
    queues: HashMap<String, VecDeque<InboxRow>>,
    in_flight: usize,
}

/// The wait before a failed request is tried again (1 s, then 2 s).
fn request_backoff(attempts: i64) -> Duration {
    Duration::from_millis(500 << attempts.clamp(0, 4))
}

/// Processes one recorded request in isolation: a failure or a panic is caught, kept with
/// the request, and tried again a few times (`REQUEST_ATTEMPTS`), after which the request
/// is set aside and its sender told. The messages it decided go to the outbox with its
/// new state, in one transaction (an interview step's with the step itself).
async fn process_row(shared: &Shared, row: &InboxRow) {
    let started = std::time::Instant::now();
    unpoisoned(&shared.in_flight).insert(row.id, started);
    let work = || std::panic::AssertUnwindSafe(inbox::process(shared, row)).catch_unwind();
    let ((result, pending), decided) =
        delivery::deciding(None, || with_inbox_row(row.id, work)).await;
    unpoisoned(&shared.in_flight).remove(&row.id);
    let error = match result {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(format!("{e:#}")),
        Err(panic) => Some(format!("the handler panicked: {}", panic_text(&panic))),
    };
    let store = shared.app.store();
    let now = Utc::now();
    let Some(error) = error else {
        shared.metrics.handled(&row.kind, "ok", started.elapsed());
        if pending || !decided.is_empty() {
            if let Err(e) = store.inbox_finish(row.id, None, true, &decided, now).await {
                tracing::error!(
                    error = format!("{e:#}"),
                    "failed to mark a request processed"
                );
            }
        }
        return;
    };
    tracing::error!(key = %row.key, error = %error, "processing a request failed");
    if !pending {
        shared
            .metrics
            .handled(&row.kind, "failed", started.elapsed());
        // Its interview step was saved (with the row marked done): it is not run again.
        if let Err(e) = store.inbox_finish(row.id, None, true, &decided, now).await {
            tracing::error!(
                error = format!("{e:#}"),
                "failed to save a request's messages"
            );
        }
        return;
    }
    let attempts = store.inbox_attempts(row.id).await.unwrap_or(0) + 1;
    let set_aside = attempts >= crate::app::REQUEST_ATTEMPTS;
    let outcome = if set_aside { "set_aside" } else { "failed" };
    shared
        .metrics
        .handled(&row.kind, outcome, started.elapsed());
    // What it decided before failing is dropped with its other changes; the person is
    // told once, when it is set aside.
    let apology: Vec<ForOutbox> = match (set_aside, inbox::sender(row)) {
        (true, Some(user)) => vec![ForOutbox {
            message: Decided {
                kind: DecidedKind::Message,
                text: shared.texts.get(
                    &language_of(shared, &user).await,
                    "slack-set-aside",
                    &[
                        ("what", Arg::from(row.kind.as_str())),
                        ("attempts", Arg::from(attempts)),
                    ],
                ),
                buttons: vec![],
                ephemeral: false,
                reply_url: None,
                files: vec![],
            },
            recipient: user,
        }],
        _ => vec![],
    };
    if let Err(e) = store
        .inbox_finish(row.id, Some(&error), set_aside, &apology, now)
        .await
    {
        tracing::error!(error = format!("{e:#}"), "failed to keep a failed request");
        return;
    }
    if set_aside {
        tracing::error!(key = %row.key, attempts, "a request was set aside");
        return;
    }
    let retry = shared.retry.clone();
    let row = row.clone();
    tokio::spawn(async move {
        tokio::time::sleep(request_backoff(attempts)).await;
        let _ = retry.send(row);
    });
}

fn unpoisoned<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a caught panic said.
fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

/// Works through one hero's lane, in order, until it is empty.
async fn run_lane(shared: Arc<Shared>, user: String) {
    loop {
        let row = {
            let mut lanes = shared.lanes.lock().expect("lanes lock");
            match lanes.queues.get_mut(&user).and_then(|q| q.pop_front()) {
                Some(row) => row,
                None => {
                    lanes.queues.remove(&user);
                    return;
                }
            }
        };
        {
            // A few lanes at a time: enough to overlap Slack's round trips, few enough
            // that a new request's acknowledgement never queues behind a thousand.
            let _slot = shared
                .lane_slots
                .acquire()
                .await
                .expect("lane slots stay open");
            // The hero's profile, if this run has not read it yet, before the lock.
            if let Ok(hero) = UserId::parse(&user) {
                if let Err(e) = know_user(&shared, &hero).await {
                    tracing::warn!(error = format!("{e:#}"), "reading a profile failed");
                }
            }
            let _shared_turn = shared.engine.read().await;
            // Boxed: handling a request is a large future (tens of KiB, every command's
            // state); on the heap only while a slot is held, it is not copied into and
            // kept in every waiting lane's task.
            Box::pin(process_row(&shared, &row)).await;
        }
        let idle = {
            let mut lanes = shared.lanes.lock().expect("lanes lock");
            lanes.in_flight -= 1;
            lanes.in_flight == 0
        };
        if idle {
            shared.lane_done.notify_waiters();
        }
    }
}

/// Waits until every dispatched direct message is done.
async fn lanes_idle(shared: &Shared) {
    loop {
        let done = shared.lane_done.notified();
        tokio::pin!(done);
        done.as_mut().enable();
        if shared.lanes.lock().expect("lanes lock").in_flight == 0 {
            return;
        }
        done.await;
    }
}

async fn run_inbox(
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
    mut retries: mpsc::UnboundedReceiver<InboxRow>,
) {
    if let Some(replica) = shared.app.store().replica().cloned() {
        return run_inbox_claiming(shared, stop, retries, replica).await;
    }
    // Requests recorded from here on are handed over by the store once committed, in
    // order; the ones recorded before (unfinished at the last stop, or just now) are
    // read from the database first. Rows up to `last_id` are dispatched.
    let mut feed = shared.app.store().follow_inbox();
    let mut last_id = 0;
    loop {
        match shared.app.store().inbox_pending_after(last_id, 1000).await {
            Ok(rows) if rows.is_empty() => break,
            Ok(rows) => {
                let mut alone = false;
                for row in rows {
                    last_id = row.id;
                    alone |= dispatch(&shared, row).await;
                    if *stop.borrow() {
                        lanes_idle(&shared).await;
                        return;
                    }
                }
                if alone {
                    shared.wake_scheduler.notify_one();
                }
            }
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "failed to read the inbox");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.changed() => return,
                }
            }
        }
    }
    // Whether a request was processed alone since the scheduler was last woken.
    let mut alone = false;
    loop {
        tokio::select! {
            row = feed.recv() => match row {
                // Read from the database already.
                Some(row) if row.id <= last_id => {}
                Some(row) => {
                    last_id = row.id;
                    alone |= dispatch(&shared, row).await;
                    // A command or a button may have made something due; the scheduler
                    // looks once the requests that came together are through.
                    if alone && feed.is_empty() {
                        shared.wake_scheduler.notify_one();
                        alone = false;
                    }
                }
                // The store is closed.
                None => break,
            },
            // A request whose handling failed, for another attempt.
            Some(row) = retries.recv() => {
                if dispatch(&shared, row).await {
                    shared.wake_scheduler.notify_one();
                }
            }
            _ = stop.changed() => break,
        }
    }
    lanes_idle(&shared).await;
}

/// How often the serving replica looks for requests without being told of them (a
/// notification lost while its listening connection was cut).
const CLAIM_EVERY: Duration = Duration::from_secs(1);

/// `run_inbox` on Postgres, where any replica records requests: the serving replica
/// takes what is waiting (`Store::inbox_claim`) when an insert is notified (or every
/// `CLAIM_EVERY`), and dispatches it in the order recorded.
async fn run_inbox_claiming(
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
    mut retries: mpsc::UnboundedReceiver<InboxRow>,
    replica: crate::store::postgres::Replica,
) {
    // Unique to this run: a replica started again takes back what it had claimed.
    let claimant = format!("{}#{}", replica.name(), crate::sealed::random_token(8));
    let mut listener = loop {
        match replica.listen("spotlight_inbox").await {
            Ok(listener) => break Some(listener),
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "failed to listen for requests");
                tokio::select! {
                    _ = tokio::time::sleep(CLAIM_EVERY) => {}
                    _ = stop.changed() => return,
                }
            }
        }
    };
    loop {
        let mut alone = false;
        loop {
            match shared.app.store().inbox_claim(&claimant, 1000).await {
                Ok(rows) if rows.is_empty() => break,
                Ok(rows) => {
                    for row in rows {
                        alone |= dispatch(&shared, row).await;
                        if *stop.borrow() {
                            lanes_idle(&shared).await;
                            return;
                        }
                    }
                }
                Err(e) => {
                    tracing::error!(error = format!("{e:#}"), "failed to read the inbox");
                    break;
                }
            }
        }
        if alone {
            shared.wake_scheduler.notify_one();
        }
        let notified = async {
            match listener.as_mut() {
                Some(l) => {
                    if l.recv().await.is_err() {
                        tokio::time::sleep(CLAIM_EVERY).await;
                    }
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = notified => {}
            _ = tokio::time::sleep(CLAIM_EVERY) => {}
            Some(row) = retries.recv() => {
                if dispatch(&shared, row).await {
                    shared.wake_scheduler.notify_one();
                }
            }
            _ = stop.changed() => break,
        }
    }
    lanes_idle(&shared).await;
}

/// Hands a recorded request to its hero's lane, or, if it is not a hero's direct
/// message, processes it alone once every lane is done (in arrival order: what came
/// before is finished first). True if it was processed alone.
async fn dispatch(shared: &Arc<Shared>, row: InboxRow) -> bool {
    match inbox::lane(&row) {
        Some(user) => {
            if let Some((sender, exports)) = inbox::exports_in(shared, &row) {
                // A usage export: its download and lookups (seconds, or a hang) run first,
                // outside the lanes' count, so nothing that comes after waits on them;
                // then it joins its lane to be stored. (If the process stops meanwhile,
                // the request is read from the inbox again at the next start.)
                let shared = shared.clone();
                tokio::spawn(async move {
                    inbox::prepare_imports(&shared, &sender, &exports).await;
                    enqueue(&shared, user, row);
                });
                return false;
            }
            enqueue(shared, user, row);
            false
        }
        None => {
            lanes_idle(shared).await;
            let _turn = shared.engine.write().await;
            Box::pin(process_row(shared, &row)).await;
            true
        }
    }
}

/// Puts a hero's direct message in their lane, starting the lane if it was idle.
fn enqueue(shared: &Arc<Shared>, user: String, row: InboxRow) {
    let start = {
        let mut lanes = shared.lanes.lock().expect("lanes lock");
        lanes.in_flight += 1;
        let queue = lanes.queues.entry(user.clone()).or_default();
        queue.push_back(row);
        queue.len() == 1
    };
    if start {
        tokio::spawn(run_lane(shared.clone(), user));
    }
}

/// Runs scheduled work with the messages it decides kept, then writes them to the outbox
/// (a reminder or "your story is live" goes out through the sender, like any other).
async fn decide<T, F: Future<Output = anyhow::Result<T>>>(
    shared: &Shared,
    work: impl FnOnce() -> F,
) -> anyhow::Result<T> {
    let (out, decided) = delivery::deciding(None, work).await;
    if let Err(e) = shared.app.store().outbox_add(&decided, Utc::now()).await {
        tracing::error!(
            error = format!("{e:#}"),
            "failed to save scheduled messages"
        );
    }
    out
}

/// How long what people sent (processed requests) and delivered messages are kept:
/// long enough to look into a problem, short enough not to keep people's words for ever
/// outside their stories.
pub const KEEP_MESSAGES_FOR: chrono::Duration = chrono::Duration::days(7);
/// How long a processed request's key is kept, so a late retry from Slack (Slack retries
/// for about an hour) is still recognised.
pub const KEEP_REQUEST_KEYS_FOR: chrono::Duration = chrono::Duration::days(30);
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

async fn run_scheduler(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    // Nothing is sent before there is a token to send with (OAuth mode, not installed).
    while !shared.slack().tokens().is_ready() {
        *unpoisoned(&shared.scheduler_beat) = std::time::Instant::now();
        tokio::select! {
            _ = shared.slack().tokens().ready() => {}
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
            _ = stop.changed() => return,
        }
    }
    // Posts left in flight by an earlier run are settled before anything is sent.
    {
        let _turn = shared.engine.write().await;
        let recovered = decide(&shared, || shared.app.recover(Utc::now())).await;
        if let Err(e) = recovered {
            tracing::error!(
                error = format!("{e:#}"),
                "settling posts left in flight failed"
            );
        }
    }
    let mut pruned_at: Option<std::time::Instant> = None;
    loop {
        *unpoisoned(&shared.scheduler_beat) = std::time::Instant::now();
        if pruned_at.is_none_or(|t| t.elapsed() > PRUNE_EVERY) {
            pruned_at = Some(std::time::Instant::now());
            let now = Utc::now();
            match shared
                .app
                .store()
                .prune(now - KEEP_MESSAGES_FOR, now - KEEP_REQUEST_KEYS_FOR)
                .await
            {
                Ok(n) if n > 0 => tracing::info!(rows = n, "pruned old requests and messages"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = format!("{e:#}"), "pruning failed"),
            }
        }
        // Not installed (any more): nothing is asked of Slack until it is again.
        if !shared.slack().tokens().is_ready() {
            tokio::select! {
                _ = shared.slack().tokens().ready() => {}
                _ = tokio::time::sleep(Duration::from_secs(60)) => {}
                _ = stop.changed() => return,
            }
            continue;
        }
        // Posts' web addresses (for posters), reactions and replies are read from Slack
        // without the engine's lock: they change nothing the engine decides on.
        if let Err(e) = shared.app.keep_permalinks().await {
            tracing::error!(error = format!("{e:#}"), "keeping posts' links failed");
        }
        if let Err(e) = shared.app.refresh_engagement(Utc::now(), false).await {
            tracing::error!(error = format!("{e:#}"), "reading engagement failed");
        }
        // What is due is decided under the lock; the posts are sent without it (a slow
        // or hanging Slack holds up no request), and what became of them is recorded
        // under it again.
        // Posts in doubt are looked for in their channels without the lock too; what
        // was found is recorded under it.
        let looked_up = shared
            .app
            .look_for_posts_in_doubt(Utc::now(), crate::app::RECONCILE_AFTER)
            .await
            .unwrap_or_else(|e| {
                tracing::error!(
                    error = format!("{e:#}"),
                    "looking for posts in doubt failed"
                );
                vec![]
            });
        let claimed = {
            let _turn = shared.engine.write().await;
            decide(&shared, || async {
                let now = Utc::now();
                shared.app.settle_posts_in_doubt(looked_up, now).await?;
                shared.app.tick_decide(now).await
            })
            .await
        };
        let claimed = claimed.unwrap_or_else(|e| {
            tracing::error!(error = format!("{e:#}"), "scheduled work failed");
            vec![]
        });
        if !claimed.is_empty() {
            let sent = shared.app.send_claimed(claimed).await;
            let _turn = shared.engine.write().await;
            if let Err(e) = decide(&shared, || shared.app.record_sent(sent, Utc::now())).await {
                tracing::error!(error = format!("{e:#}"), "recording posts failed");
            }
            drop(_turn);
            // The links of what was just posted, so a poster made now has its QR code.
            if let Err(e) = shared.app.keep_permalinks().await {
                tracing::error!(error = format!("{e:#}"), "keeping posts' links failed");
            }
        }
        let next = {
            shared.app.next_wakeup().await.unwrap_or_else(|e| {
                tracing::error!(error = format!("{e:#}"), "failed to find the next due time");
                None
            })
        };
        let wait = next
            .map(|t| (t - Utc::now()).to_std().unwrap_or(Duration::ZERO))
            .unwrap_or(Duration::from_secs(60))
            .min(Duration::from_secs(60));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shared.wake_scheduler.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

/// Reads the profiles of the people a request names, before it takes the engine's lock
/// (a slow or rate-limited `users.info` then holds up only this request). A failure is
/// not fatal: the request's own lookup tries again.
async fn know_people(shared: &Shared, row: &InboxRow) {
    for person in inbox::people(row) {
        if let Err(e) = know_user(shared, &person).await {
            tracing::warn!(error = format!("{e:#}"), "reading a profile failed");
        }
    }
}

/// Reads a person's Slack profile once per run: their name for stories, and whether
/// they are a workspace admin or owner (who count as Spotlight admins).
pub async fn know_user(shared: &Shared, user: &UserId) -> anyhow::Result<()> {
    let cell = shared
        .known
        .lock()
        .await
        .entry(user.as_str().to_string())
        .or_default()
        .clone();
    if cell.initialized() {
        return Ok(());
    }
    // Boxed: the Slack call's future is large and this runs once per person and run;
    // inline, it would make every request's future larger.
    cell.get_or_try_init(|| Box::pin(look_up(shared, user)))
        .await
        .map(|_| ())
}

/// How long a request being handled waits for a profile lookup still in flight (begun
/// when the request came in) before it goes on without it.
const PROFILE_WAIT: Duration = Duration::from_secs(2);

/// `know_user` for a request being handled under the engine's lock: it waits at most
/// `PROFILE_WAIT`, and a failure is not the request's (the person is known by their ID).
pub async fn know_user_briefly(shared: &Shared, user: &UserId) -> anyhow::Result<()> {
    match tokio::time::timeout(PROFILE_WAIT, know_user(shared, user)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            tracing::warn!(error = format!("{e:#}"), "reading a profile failed");
            shared
                .app
                .ensure_user(user, Some(user.as_str()), Utc::now())
                .await
        }
        Err(_) => {
            tracing::warn!(user = %user.as_str(), "a profile lookup is slow; going on without it");
            shared
                .app
                .ensure_user(user, Some(user.as_str()), Utc::now())
                .await
        }
    }
}

/// The language `user` reads Spotlight in: their Slack locale's (as `users.info` gave
/// it) when there are texts for it, else the default. A locale that can't be read is
/// the default's: a person is never left without words.
pub(crate) async fn language_of(shared: &Shared, user: &UserId) -> String {
    let locale = match shared.app.store().user_locale(user).await {
        Ok(locale) => locale,
        Err(e) => {
            tracing::warn!(error = format!("{e:#}"), "reading a person's locale failed");
            None
        }
    };
    shared.texts.language_for(locale.as_deref()).to_string()
}

/// The profile photo a poster shows: `image_512`, else `image_192`, else the largest
/// other size Slack gave.
fn photo_url(icon: &SlackIcon) -> Option<String> {
    let sizes = &icon.images.as_ref()?.resolutions;
    [512, 192]
        .iter()
        .find_map(|want| sizes.iter().find(|(size, _)| size == want))
        .or_else(|| sizes.iter().max_by_key(|(size, _)| *size))
        .map(|(_, url)| url.clone())
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
}

async fn look_up(shared: &Shared, user: &UserId) -> anyhow::Result<()> {
    let transport = shared.slack();
    let bot = transport.bot().await?;
    let session = transport.client().open_session(&bot.token);
    let req = SlackApiUsersInfoRequest::new(user.as_str().into()).with_include_locale(true);
    match transport::with_retries(|| session.users_info(&req))
        .await
        .inspect_err(|e| transport.noticed(&bot, e))
    {
        Ok(resp) => {
            let u = resp.user;
            let name = u
                .profile
                .as_ref()
                .and_then(|p| p.display_name.clone().filter(|n| !n.trim().is_empty()))
                .or_else(|| u.profile.as_ref().and_then(|p| p.real_name.clone()))
                .or(u.real_name.clone())
                .or(u.name.clone())
                .unwrap_or_else(|| user.as_str().to_string());
            if u.flags.is_admin == Some(true) || u.flags.is_owner == Some(true) {
                shared.app.add_admin(user);
            }
            shared
                .app
                .ensure_user(user, Some(&name), Utc::now())
                .await?;
            // A name recorded while the profile could not be read gives way.
            shared.app.store().set_user_name(user, &name).await?;
            // The photo a poster shows (fetched when the poster is made).
            if let Some(url) = u
                .profile
                .as_ref()
                .and_then(|p| p.icon.as_ref())
                .and_then(photo_url)
            {
                shared.app.store().set_user_photo(user, &url).await?;
            }
            // The email (with the users:read.email scope) lets Chatter @-mention the hero.
            if let Some(email) = u.profile.as_ref().and_then(|p| p.email.as_ref()) {
                shared.app.store().set_user_email(user, &email.0).await?;
            }
            // The language the bot talks to them in.
            if let Some(locale) = &u.locale {
                shared.app.store().set_user_locale(user, &locale.0).await?;
            }
            match u.tz.as_deref() {
                Some(tz) if tz.parse::<chrono_tz::Tz>().is_ok() => {
                    shared.app.store().set_user_tz(user, tz).await
                }
                _ => Ok(()),
            }
        }
        // Tried again at the next request that names them.
        Err(e) => Err(anyhow::anyhow!(
            "users.info failed for {}: {e}",
            user.as_str()
        )),
    }
}

// ---- Socket Mode ----

/// A connected Socket Mode listener.
struct SocketMode(SlackClientSocketModeListener<SlackClientHyperHttpsConnector>);

impl SocketMode {
    async fn until(self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        shutdown.await;
        self.0.shutdown().await;
        Ok(())
    }
}

async fn run_socket_mode(
    workspaces: Arc<workspaces::Workspaces>,
    client: Arc<SlackHyperClient>,
    slack: &SlackSettings,
) -> anyhow::Result<SocketMode> {
    let app_token = slack
        .app_token
        .as_ref()
        .context("SLACK_APP_TOKEN is not set")?;
    let callbacks = SlackSocketModeListenerCallbacks::new()
        .with_push_events(sm_push)
        .with_command_events(sm_command)
        .with_interaction_events(sm_interaction);
    let environment = Arc::new(
        SlackClientEventsListenerEnvironment::new(client)
            .with_error_handler(listener_error)
            .with_user_state(workspaces),
    );
    let listener = SlackClientSocketModeListener::new(
        &SlackClientSocketModeConfig::new(),
        environment,
        callbacks,
    );
    listener
        .listen_for(&SlackApiToken::new(app_token.expose().into()))
        .await
        .map_err(|e| anyhow::anyhow!("Slack refused SLACK_APP_TOKEN for Socket Mode ({e}): it needs the connections:write scope"))?;
    listener.start().await;
    tracing::info!("connected to Slack over Socket Mode");
    Ok(SocketMode(listener))
}

async fn workspaces_of(states: &SlackClientEventsUserState) -> Arc<workspaces::Workspaces> {
    states
        .read()
        .await
        .get_user_state::<Arc<workspaces::Workspaces>>()
        .cloned()
        .expect("the socket mode listener carries the workspaces")
}

async fn sm_push(
    event: SlackPushEventCallback,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    let workspaces = workspaces_of(&states).await;
    record_event(&workspaces, &event)
        .await
        .map_err(|e| e.into())
}

async fn sm_command(
    event: SlackCommandEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> UserCallbackResult<SlackCommandEventResponse> {
    let workspaces = workspaces_of(&states).await;
    record_command(&workspaces, &event)
        .await
        .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.into() })?;
    // The answer follows through the response_url once the command is processed.
    Ok(SlackCommandEventResponse::new(SlackMessageContent::new()))
}

async fn sm_interaction(
    event: SlackInteractionEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    let workspaces = workspaces_of(&states).await;
    record_interaction(&workspaces, &event)
        .await
        .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.into() })
}

/// Finds a Slack user by email (`users.lookupByEmail`); None when nobody has it.
pub async fn lookup_email(
    client: &SlackHyperClient,
    tokens: &Tokens,
    email: &str,
) -> anyhow::Result<Option<String>> {
    let bot = tokens.get().await?;
    let session = client.open_session(&bot.token);
    let req = SlackApiUsersLookupByEmailRequest::new(EmailAddress(email.to_string()));
    match transport::with_retries(|| session.users_lookup_by_email(&req))
        .await
        .inspect_err(|e| tokens.noticed(&bot, e))
    {
        Ok(resp) => Ok(Some(resp.user.id.to_string())),
        Err(slack_morphism::errors::SlackClientError::ApiError(e))
            if e.code == "users_not_found" =>
        {
            Ok(None)
        }
        Err(e) => Err(anyhow::anyhow!(
            "users.lookupByEmail failed for {email}: {e}"
        )),
    }
}
