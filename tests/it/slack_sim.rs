//! A local fake of Slack (Web API over HTTP and Socket Mode over a websocket) for end-to-end tests.
//!
//! `SlackSim::start` binds two loopback ports: one serves the Web API under `/api/{method}`,
//! answering with Slack-shaped JSON, the other serves Socket Mode websockets at `/socket` (its URL
//! is what `apps.connections.open` hands out). The simulator records every call, keeps the
//! messages the bot posts, and lets a test inject failures, rate limits, delays and Socket Mode
//! envelopes.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Map, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Notify};
use tokio::task::AbortHandle;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

/// The workspace (team) the simulator pretends to be.
pub const TEAM_ID: &str = "T0001";
/// The bot's user id, as `auth.test` reports it.
pub const BOT_USER_ID: &str = "UBOT0001";
/// The bot's bot id, as `auth.test` and posted messages report it.
pub const BOT_ID: &str = "BBOT0001";
/// The Slack app's id, as Socket Mode's hello and event payloads report it.
pub const APP_ID: &str = "A0001";
/// The workspace's web address, which permalinks start with.
pub const WORKSPACE_URL: &str = "https://spotlight-sim.slack.com";
/// The colour of every member's profile photo unless a test sets another
/// (`set_avatar`): a green that nothing else in Spotlight's pages uses.
pub const AVATAR_RGB: [u8; 3] = [0x1b, 0x9e, 0x77];

/// A function told about every Web API call (and `response_url` post) as it is answered:
/// the method, its merged arguments, and the answer's JSON body. Set with
/// `SlackSim::set_observer`; the benchmark uses it to wait for messages without polling.
pub type Observer = Arc<dyn Fn(&str, &Value, &Value) + Send + Sync>;

/// One Web API call the simulator received.
#[derive(Debug, Clone)]
pub struct Call {
    /// The Web API method, e.g. `chat.postMessage`.
    pub method: String,
    /// Query-string, form and JSON arguments merged into one JSON object (form and query
    /// values stay strings; JSON-encoded `blocks`, `metadata`, `view` and `attachments` are
    /// decoded).
    pub args: Value,
    /// The bearer token (or a `token` argument) the call carried.
    pub token: Option<String>,
}

/// A fake Slack workspace serving the Web API and Socket Mode on loopback ports.
///
/// Clones share the same simulator; the servers stop when the last clone is dropped.
#[derive(Clone)]
pub struct SlackSim {
    shared: Arc<Shared>,
    _guard: Arc<TaskGuard>,
}

/// What a scripted failure makes the next call to a method answer.
#[derive(Debug, Clone)]
enum Fault {
    /// `{"ok":false,"error":…}` with HTTP 200, as Slack answers API errors.
    Error(String),
    /// HTTP 429 with a `Retry-After` header, as Slack answers rate-limited calls.
    RateLimit(u64),
    /// The call takes effect (a message is posted), then Slack answers with this error,
    /// as `internal_error` and `fatal_error` may: the caller can't tell it landed.
    ErrorAfterEffect(String),
    /// The call is received but never applied nor answered, as when Slack hangs.
    Hang,
}

/// A user of the fake workspace.
#[derive(Debug, Clone)]
struct SimUser {
    id: String,
    name: String,
    real_name: String,
    email: Option<String>,
    is_admin: bool,
    tz: String,
    is_bot: bool,
    /// The language they use Slack in (`en-US`, `fr-FR`).
    locale: String,
}

/// A public (`C…`) or private (`G…`) channel of the fake workspace.
#[derive(Debug, Clone)]
struct SimChannel {
    id: String,
    name: String,
    bot_is_member: bool,
    archived: bool,
}

/// One open Socket Mode websocket: frames sent into `tx` go out to the client.
struct SocketConn {
    id: u64,
    tx: mpsc::UnboundedSender<Message>,
}

/// Everything the simulator knows, behind one mutex.
#[derive(Default)]
struct SimState {
    users: HashMap<String, SimUser>,
    channels: HashMap<String, SimChannel>,
    /// Messages per channel id, oldest first (thread replies included).
    messages: HashMap<String, Vec<Value>>,
    /// Ephemeral messages per channel id, oldest first.
    ephemerals: HashMap<String, Vec<Value>>,
    /// DM channels (`D…`) that conversations.open has already opened.
    open_dms: HashSet<String>,
    /// The last message timestamp handed out, in microseconds since the epoch.
    last_ts_micros: u64,
    calls: Vec<Call>,
    faults: HashMap<String, VecDeque<Fault>>,
    delays: HashMap<String, VecDeque<Duration>>,
    /// Seconds of `Retry-After` the next post to a channel (a DM's `D…` too) is refused with.
    channel_limits: HashMap<String, VecDeque<u64>>,
    /// Channels whose next `chat.postMessage` hangs (`hang_channel_next`).
    hanging_channels: HashSet<String>,
    /// Messages each `response_url` has taken (it takes five).
    response_url_uses: HashMap<String, u32>,
    /// `response_url`s that accept the connection and never answer.
    hanging_response_urls: bool,
    /// Views by view id (modals and Home tabs).
    views: HashMap<String, Value>,
    /// The Home tab view id published for each user.
    home_views: HashMap<String, String>,
    next_view: u64,
    next_ticket: u64,
    /// Socket Mode acknowledgements received, in order.
    acks: Vec<Value>,
    /// Socket Mode connections currently open, oldest first.
    sockets: Vec<SocketConn>,
    /// Socket Mode connections opened so far (including closed ones).
    socket_total: usize,
    /// Files people shared, by file id (`add_file`), and those the bot shared.
    files: HashMap<String, SimFile>,
    /// Profile photos set by a test (`set_avatar`): content type and bytes, or None for
    /// a photo address that answers 404. Others get a square of `AVATAR_RGB`.
    avatars: HashMap<String, Option<(String, Vec<u8>)>>,
    /// Uploads `files.getUploadURLExternal` opened, by file id: the name, the length
    /// announced, and the bytes once POSTed to the upload address.
    uploads: HashMap<String, (String, usize, Option<Vec<u8>>)>,
    next_file: u64,
    /// Bot tokens the workspace has issued, by value (the one `start` was given among
    /// them), and what became of each.
    tokens: HashMap<String, SimToken>,
    /// The app's OAuth (`enable_oauth`): its credentials, codes and refresh tokens.
    oauth: Option<SimOAuth>,
}

/// A bot token the fake Slack issued.
#[derive(Debug, Clone)]
struct SimToken {
    team: String,
    /// When it stops working (token rotation), in seconds since the epoch.
    expires_at: Option<f64>,
    revoked: bool,
}

/// The fake Slack's side of the app's OAuth.
#[derive(Debug, Clone, Default)]
struct SimOAuth {
    client_id: String,
    client_secret: String,
    /// How long bot tokens last (token rotation on), or None (rotation off).
    token_lifetime: Option<Duration>,
    /// The workspace the next authorize installs into: id and name.
    team: (String, String),
    /// The installer the authorize page answers for.
    installer: String,
    /// Whether the next authorize is cancelled by the person (`access_denied`).
    deny_next: bool,
    /// Codes the authorize page handed out: the workspace, the redirect_uri, used.
    codes: HashMap<String, (String, String, bool)>,
    /// Refresh tokens handed out: the workspace, used (each works once).
    refresh_tokens: HashMap<String, (String, bool)>,
    issued: u64,
}

/// A file someone shared in the fake workspace: what `files.info` describes and the
/// download serves.
#[derive(Debug, Clone)]
struct SimFile {
    id: String,
    name: String,
    mimetype: String,
    bytes: Vec<u8>,
}

/// State shared by the HTTP handlers, the websocket tasks and the test-facing handle.
struct Shared {
    state: Mutex<SimState>,
    /// Woken after every change, so waiting helpers need not poll.
    changed: Notify,
    bot_token: String,
    app_token: String,
    api_url: String,
    socket_url: String,
    /// Abort handles of websocket connection tasks, aborted when the simulator stops.
    conn_tasks: Mutex<Vec<AbortHandle>>,
    /// Whether calls are kept for `calls`/`calls_to` (on by default).
    record_calls: AtomicBool,
    /// Told about every answered call, outside the state lock.
    observer: Mutex<Option<Observer>>,
}

/// Stops the server tasks when the last `SlackSim` clone goes away.
struct TaskGuard {
    shared: Arc<Shared>,
    tasks: Vec<AbortHandle>,
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        let conns = self
            .shared
            .conn_tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        for task in conns.iter() {
            task.abort();
        }
    }
}

/// The HTTP answer to one Web API call.
struct Reply {
    status: StatusCode,
    retry_after: Option<u64>,
    body: Value,
}

impl Reply {
    /// A successful answer: `{"ok":true}` plus the given fields.
    fn ok(fields: Value) -> Reply {
        let mut body = Map::new();
        body.insert("ok".into(), Value::Bool(true));
        if let Value::Object(fields) = fields {
            body.extend(fields);
        }
        Reply {
            status: StatusCode::OK,
            retry_after: None,
            body: Value::Object(body),
        }
    }

    /// An API error, which Slack sends with HTTP 200.
    fn error(code: &str) -> Reply {
        Reply {
            status: StatusCode::OK,
            retry_after: None,
            body: json!({"ok": false, "error": code}),
        }
    }

    /// A rate-limit answer: HTTP 429 with `Retry-After`.
    fn rate_limited(retry_after_secs: u64) -> Reply {
        Reply {
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(retry_after_secs),
            body: json!({"ok": false, "error": "ratelimited"}),
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        // axum's Json sets `Content-Type: application/json`, without which slack-morphism
        // would read the body as `{}`.
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// A method handler's result: the fields of a successful answer, or a Slack error code.
type ApiResult = Result<Value, &'static str>;

impl SlackSim {
    /// Binds 127.0.0.1:0 for the Web API and another loopback port for Socket Mode, and serves
    /// until the last clone is dropped. `bot_token` is the only token accepted for Web API
    /// calls; `app_token` is the only one accepted by `apps.connections.open`.
    pub async fn start(bot_token: &str, app_token: &str) -> SlackSim {
        let http_listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("slack_sim: cannot bind the Web API port");
        let socket_listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("slack_sim: cannot bind the Socket Mode port");
        let http_addr = http_listener.local_addr().expect("Web API port address");
        let socket_addr = socket_listener
            .local_addr()
            .expect("Socket Mode port address");

        let shared = Arc::new(Shared {
            state: Mutex::new(SimState::default()),
            changed: Notify::new(),
            bot_token: bot_token.to_string(),
            app_token: app_token.to_string(),
            api_url: format!("http://{http_addr}/api"),
            socket_url: format!("ws://{socket_addr}/socket"),
            conn_tasks: Mutex::new(Vec::new()),
            record_calls: AtomicBool::new(true),
            observer: Mutex::new(None),
        });
        shared.lock().users.insert(
            BOT_USER_ID.to_string(),
            SimUser {
                id: BOT_USER_ID.to_string(),
                name: "spotlight".to_string(),
                real_name: "Spotlight".to_string(),
                email: None,
                is_admin: false,
                tz: "America/Los_Angeles".to_string(),
                is_bot: true,
                locale: "en-US".to_string(),
            },
        );

        shared.lock().tokens.insert(
            bot_token.to_string(),
            SimToken {
                team: TEAM_ID.to_string(),
                expires_at: None,
                revoked: false,
            },
        );

        let router = Router::new()
            .route("/api/{method}", any(api_handler))
            .route("/oauth/v2/authorize", get(authorize_handler))
            .route("/response/{id}", post(response_url_handler))
            .route("/files-pri/{key}/{name}", get(download_handler))
            .route("/upload/{id}", post(upload_handler))
            .route("/files-pri/{key}/download/{name}", get(download_handler))
            .route("/avatars/{user}/{file}", get(avatar_handler))
            .with_state(shared.clone());
        let http_task = tokio::spawn(async move {
            // Errors here only happen when the listener breaks; the tests will notice.
            let _ = axum::serve(http_listener, router).await;
        });
        let socket_task = tokio::spawn(socket_accept_loop(socket_listener, shared.clone()));

        SlackSim {
            _guard: Arc::new(TaskGuard {
                shared: shared.clone(),
                tasks: vec![http_task.abort_handle(), socket_task.abort_handle()],
            }),
            shared,
        }
    }

    /// The Web API base URL, e.g. `http://127.0.0.1:PORT/api` (no trailing slash), for
    /// `SlackClientHyperConnector::with_slack_api_url`.
    pub fn api_url(&self) -> String {
        self.shared.api_url.clone()
    }

    /// Turns on the app's OAuth: Slack's authorize page (`/oauth/v2/authorize`, which
    /// installs at once into `TEAM_ID` as `installer`, or cancels: `deny_next_authorize`)
    /// and `oauth.v2.access` with these credentials. Single-use codes; with a token
    /// lifetime (`set_token_lifetime`) token rotation is on: bot tokens expire (calls
    /// with one answer `token_expired`) and come with a refresh token that works once.
    pub fn enable_oauth(&self, client_id: &str, client_secret: &str, installer: &str) {
        self.shared.lock().oauth = Some(SimOAuth {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            team: (TEAM_ID.into(), "Spotlight Sim".into()),
            installer: installer.into(),
            ..SimOAuth::default()
        });
    }

    /// How long the bot tokens issued from now on last (token rotation), or None.
    pub fn set_token_lifetime(&self, lifetime: Option<Duration>) {
        if let Some(o) = self.shared.lock().oauth.as_mut() {
            o.token_lifetime = lifetime;
        }
    }

    /// The workspace the next installs go to.
    pub fn set_install_team(&self, id: &str, name: &str) {
        if let Some(o) = self.shared.lock().oauth.as_mut() {
            o.team = (id.into(), name.into());
        }
    }

    /// Who installs at the next authorize (the `authed_user` of its grant).
    pub fn set_installer(&self, user: &str) {
        if let Some(o) = self.shared.lock().oauth.as_mut() {
            o.installer = user.into();
        }
    }

    /// The next authorize is cancelled by the person installing.
    pub fn deny_next_authorize(&self) {
        if let Some(o) = self.shared.lock().oauth.as_mut() {
            o.deny_next = true;
        }
    }

    /// Every bot token issued (the one `start` was given too), oldest first, with whether
    /// it still works.
    pub fn issued_tokens(&self) -> Vec<(String, bool)> {
        let now = now_secs_f64();
        let state = self.shared.lock();
        let mut tokens: Vec<(String, bool)> = state
            .tokens
            .iter()
            .map(|(t, s)| {
                (
                    t.clone(),
                    !s.revoked && s.expires_at.is_none_or(|e| e > now),
                )
            })
            .collect();
        tokens.sort();
        tokens
    }

    /// `token` expires now, whatever its lifetime said (Slack's clock ahead of the app's).
    pub fn expire_token(&self, token: &str) {
        if let Some(t) = self.shared.lock().tokens.get_mut(token) {
            t.expires_at = Some(now_secs_f64());
        }
    }

    /// Whether `token` is a bot token Slack would take now.
    pub fn token_works(&self, token: &str) -> bool {
        let now = now_secs_f64();
        self.shared
            .lock()
            .tokens
            .get(token)
            .is_some_and(|s| !s.revoked && s.expires_at.is_none_or(|e| e > now))
    }

    /// The app is uninstalled from `team`: its tokens are revoked, as Slack does; the
    /// events Slack then sends, `app_uninstalled` and `tokens_revoked`, are returned for
    /// the test to deliver.
    pub fn uninstall(&self, team: &str) -> (Value, Value) {
        {
            let mut state = self.shared.lock();
            for token in state.tokens.values_mut().filter(|t| t.team == team) {
                token.revoked = true;
            }
            if let Some(o) = state.oauth.as_mut() {
                for refresh in o.refresh_tokens.values_mut().filter(|r| r.0 == team) {
                    refresh.1 = true;
                }
            }
        }
        self.shared.changed.notify_waiters();
        (
            json!({"type": "app_uninstalled", "event_ts": "1700000000.000100"}),
            json!({
                "type": "tokens_revoked",
                "tokens": {"oauth": [], "bot": [BOT_USER_ID]},
                "event_ts": "1700000000.000200"
            }),
        )
    }

    /// The Socket Mode websocket URL (without the ticket query `apps.connections.open` adds).
    pub fn socket_url(&self) -> String {
        self.shared.socket_url.clone()
    }

    /// The bot's user id (`UBOT0001`); its bot id is `BBOT0001` and its team `T0001`.
    pub fn bot_user_id(&self) -> &str {
        BOT_USER_ID
    }

    /// Adds (or replaces) a workspace member that users.info and users.lookupByEmail return.
    pub fn add_user(
        &self,
        id: &str,
        name: &str,
        real_name: &str,
        email: Option<&str>,
        is_admin: bool,
        tz: &str,
    ) {
        let user = SimUser {
            id: id.to_string(),
            name: name.to_string(),
            real_name: real_name.to_string(),
            email: email.map(str::to_string),
            is_admin,
            tz: tz.to_string(),
            is_bot: false,
            locale: "en-US".to_string(),
        };
        self.shared.lock().users.insert(id.to_string(), user);
        self.shared.changed.notify_waiters();
    }

    /// Sets the language `id` uses Slack in (`fr-FR`): `users.info` gives it with
    /// `include_locale`.
    pub fn set_locale(&self, id: &str, locale: &str) {
        if let Some(u) = self.shared.lock().users.get_mut(id) {
            u.locale = locale.to_string();
        }
    }

    /// Registers a file `user` shares (its bytes served to the bot token only) and returns
    /// the file object as Slack puts it in a `file_share` message's `files`.
    pub fn add_file(&self, id: &str, name: &str, mimetype: &str, bytes: &[u8]) -> Value {
        let file = SimFile {
            id: id.to_string(),
            name: name.to_string(),
            mimetype: mimetype.to_string(),
            bytes: bytes.to_vec(),
        };
        let json = file.json(self.shared.web_base());
        self.shared.lock().files.insert(id.to_string(), file);
        json
    }

    /// Replaces a member's profile photo: what its addresses serve (`Some((content type,
    /// bytes))`), or `None` for addresses that answer 404.
    pub fn set_avatar(&self, user: &str, photo: Option<(&str, &[u8])>) {
        let photo = photo.map(|(mime, bytes)| (mime.to_string(), bytes.to_vec()));
        self.shared.lock().avatars.insert(user.to_string(), photo);
    }

    /// The PNG a member's photo addresses serve unless `set_avatar` changed it: a
    /// square of `AVATAR_RGB`, `size` pixels wide.
    pub fn default_avatar(size: u32) -> Vec<u8> {
        SlackSim::square_png(size, AVATAR_RGB)
    }

    /// A PNG square of one colour, `size` pixels wide (a stand-in for a photo or a
    /// screenshot that a rendered page can be searched for).
    pub fn square_png(size: u32, rgb: [u8; 3]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, size, size);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("png header");
        let pixels: Vec<u8> = rgb
            .iter()
            .copied()
            .cycle()
            .take((size * size * 3) as usize)
            .collect();
        writer.write_image_data(&pixels).expect("png data");
        drop(writer);
        out
    }

    /// Deletes a file, as its owner or an admin would in Slack: `files.info` no longer
    /// finds it and blocks showing it are refused.
    pub fn delete_file(&self, id: &str) {
        self.shared.lock().files.remove(id);
    }

    /// Adds (or replaces) a channel. Ids starting with `G` are private channels; the bot can
    /// post only where it is a member (else `not_in_channel`, or `channel_not_found` for a
    /// private one).
    pub fn add_channel(&self, id: &str, name: &str, bot_is_member: bool) {
        let channel = SimChannel {
            id: id.to_string(),
            name: name.to_string(),
            bot_is_member,
            archived: false,
        };
        self.shared.lock().channels.insert(id.to_string(), channel);
        self.shared.changed.notify_waiters();
    }

    /// Invites the bot to a channel (or removes it); panics if the channel is unknown.
    pub fn set_member(&self, channel: &str, bot_is_member: bool) {
        self.with_channel(channel, |c| c.bot_is_member = bot_is_member);
    }

    /// Archives a channel, so posts to it fail with `is_archived`; panics if it is unknown.
    pub fn archive_channel(&self, channel: &str) {
        self.with_channel(channel, |c| c.archived = true);
    }

    /// Every Web API call received so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// Stops (or resumes) keeping every call for `calls`/`calls_to`, so a long load run
    /// does not grow the simulator without bound. Messages are still stored.
    pub fn set_record_calls(&self, on: bool) {
        self.shared.record_calls.store(on, Ordering::Relaxed);
    }

    /// Sets the function told about every answered call (see `Observer`), replacing any
    /// earlier one.
    pub fn set_observer(&self, observer: Observer) {
        *self
            .shared
            .observer
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(observer);
    }

    /// The calls received so far to one method, in order.
    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// Forgets the calls received so far (the workspace's content is kept).
    pub fn clear_calls(&self) {
        self.shared.lock().calls.clear();
    }

    /// The messages in a channel or DM, oldest first and thread replies included, as
    /// chat.postMessage stored them: `ts`, `text`, `blocks`, `metadata`, `thread_ts`,
    /// `user`/`bot_id`, and `edited` after a chat.update.
    pub fn messages(&self, channel: &str) -> Vec<Value> {
        self.shared
            .lock()
            .messages
            .get(channel)
            .cloned()
            .unwrap_or_default()
    }

    /// The messages in the DM channel of a user (`D` + user id, as conversations.open opens it).
    pub fn dm_messages(&self, user: &str) -> Vec<Value> {
        self.messages(&dm_channel_of(user))
    }

    /// The ephemeral messages posted in a channel, oldest first: `message_ts`, `user`, `text`,
    /// `blocks`, `thread_ts`.
    pub fn ephemeral_messages(&self, channel: &str) -> Vec<Value> {
        self.shared
            .lock()
            .ephemerals
            .get(channel)
            .cloned()
            .unwrap_or_default()
    }

    /// Stores a message written by a (human) user, as if they had typed it, and returns its ts.
    /// Use it for history, replies and reactions the bot will read.
    pub fn add_user_message(
        &self,
        channel: &str,
        user: &str,
        text: &str,
        thread_ts: Option<&str>,
    ) -> String {
        let mut state = self.shared.lock();
        let ts = state.next_ts();
        let mut message = json!({
            "type": "message",
            "user": user,
            "text": text,
            "ts": ts,
            "team": TEAM_ID,
        });
        if let Some(thread_ts) = thread_ts {
            message["thread_ts"] = json!(thread_ts);
        }
        state.store_message(channel, message);
        drop(state);
        self.shared.changed.notify_waiters();
        ts
    }

    /// Adds a reaction by `user` to a stored message; panics if the message is unknown.
    pub fn add_reaction(&self, channel: &str, ts: &str, name: &str, user: &str) {
        let mut state = self.shared.lock();
        let message = state
            .find_message_mut(channel, ts)
            .unwrap_or_else(|| panic!("slack_sim: no message {ts} in {channel} to react to"));
        let reactions = message
            .as_object_mut()
            .expect("stored messages are objects")
            .entry("reactions")
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .expect("reactions are an array");
        match reactions.iter_mut().find(|r| r["name"] == name) {
            Some(reaction) => {
                let users = reaction["users"].as_array_mut().expect("reaction users");
                if !users.iter().any(|u| u == user) {
                    users.push(json!(user));
                }
                reaction["count"] = json!(users.len());
            }
            None => reactions.push(json!({"name": name, "users": [user], "count": 1})),
        }
        drop(state);
        self.shared.changed.notify_waiters();
    }

    /// A view (modal or Home tab) as views.open/publish/update last stored it.
    pub fn view(&self, view_id: &str) -> Option<Value> {
        self.shared.lock().views.get(view_id).cloned()
    }

    /// The Home tab last published for a user with views.publish.
    pub fn home_view(&self, user: &str) -> Option<Value> {
        let state = self.shared.lock();
        let id = state.home_views.get(user)?;
        state.views.get(id).cloned()
    }

    /// Makes the next call to `method` answer `{"ok":false,"error":error}` (HTTP 200).
    /// Scripted failures queue up: each call consumes one.
    pub fn fail_next(&self, method: &str, error: &str) {
        self.push_fault(method, Fault::Error(error.to_string()));
    }

    /// Makes the next call to `method` answer HTTP 429 with `Retry-After: retry_after_secs`.
    pub fn rate_limit_next(&self, method: &str, retry_after_secs: u64) {
        self.push_fault(method, Fault::RateLimit(retry_after_secs));
    }

    /// Makes the next call to `method` wait `delay` before answering. The call takes effect
    /// at once (a message is stored before the wait), so a client that times out meanwhile
    /// sees exactly what Slack does when a timed-out post has landed.
    pub fn delay_next(&self, method: &str, delay: Duration) {
        self.shared
            .lock()
            .delays
            .entry(method.to_string())
            .or_default()
            .push_back(delay);
    }

    /// Makes the next call to `method` take effect and then answer
    /// `{"ok":false,"error":error}`, as Slack's `internal_error` may: posted, but the
    /// caller is told it failed.
    pub fn fail_after_effect_next(&self, method: &str, error: &str) {
        self.push_fault(method, Fault::ErrorAfterEffect(error.to_string()));
    }

    /// Makes the next call to `method` hang: received (and recorded), never applied,
    /// never answered.
    pub fn hang_next(&self, method: &str) {
        self.push_fault(method, Fault::Hang);
    }

    /// Makes the next `chat.postMessage` to `channel` (a DM's is `D` + the user id) be
    /// received and never answered, whatever else is posted meanwhile.
    pub fn hang_channel_next(&self, channel: &str) {
        self.shared
            .lock()
            .hanging_channels
            .insert(channel.to_string());
    }

    /// Makes the next `chat.postMessage` to `channel` (a DM's is `D` + the user id)
    /// answer HTTP 429 with `Retry-After: retry_after_secs`, as Slack limits each channel.
    pub fn rate_limit_channel_next(&self, channel: &str, retry_after_secs: u64) {
        self.shared
            .lock()
            .channel_limits
            .entry(channel.to_string())
            .or_default()
            .push_back(retry_after_secs);
    }

    /// Makes every `response_url` accept the connection and never answer (`false` ends it).
    pub fn hang_response_urls(&self, on: bool) {
        self.shared.lock().hanging_response_urls = on;
    }

    /// Waits until at least `n` calls to `method` were received and returns them; panics
    /// after `timeout` with every call received so far.
    pub async fn wait_for_calls(&self, method: &str, n: usize, timeout: Duration) -> Vec<Call> {
        let found = self
            .wait_until(timeout, |state| {
                let calls: Vec<Call> = state
                    .calls
                    .iter()
                    .filter(|c| c.method == method)
                    .cloned()
                    .collect();
                (calls.len() >= n).then_some(calls)
            })
            .await;
        match found {
            Some(calls) => calls,
            None => panic!(
                "slack_sim: waited {timeout:?} for {n} call(s) to {method}, got {}; all calls:\n{}",
                self.calls_to(method).len(),
                describe_calls(&self.calls())
            ),
        }
    }

    /// How many Socket Mode websockets were opened so far (closed ones included).
    pub fn socket_connections(&self) -> usize {
        self.shared.lock().socket_total
    }

    /// Waits until at least `n` Socket Mode websockets were opened in total; panics after
    /// `timeout`.
    pub async fn wait_for_socket_connections(&self, n: usize, timeout: Duration) {
        let reached = self
            .wait_until(timeout, |state| (state.socket_total >= n).then_some(()))
            .await;
        if reached.is_none() {
            panic!(
                "slack_sim: waited {timeout:?} for {n} Socket Mode connection(s), got {}; \
                 apps.connections.open calls: {}",
                self.socket_connections(),
                self.calls_to("apps.connections.open").len()
            );
        }
    }

    /// Sends a Socket Mode envelope (any JSON, usually built with `events_api_envelope`,
    /// `slash_command_envelope` or `interactive_envelope`) to the newest open websocket,
    /// waiting up to 5 s for a client to connect.
    pub async fn socket_send(&self, envelope: Value) {
        let (_, conn) = self.current_socket().await;
        conn.send(Message::text(envelope.to_string()))
            .expect("slack_sim: the websocket closed while sending");
    }

    /// Waits for the client's acknowledgement of an envelope (`{"envelope_id":…,
    /// "payload":…?}`) and returns it; panics after `timeout` with the acks received.
    pub async fn wait_for_ack(&self, envelope_id: &str, timeout: Duration) -> Value {
        let found = self
            .wait_until(timeout, |state| {
                state
                    .acks
                    .iter()
                    .find(|a| a["envelope_id"] == envelope_id)
                    .cloned()
            })
            .await;
        match found {
            Some(ack) => ack,
            None => panic!(
                "slack_sim: waited {timeout:?} for the ack of envelope {envelope_id}; acks: {:?}",
                self.acks()
            ),
        }
    }

    /// Every Socket Mode acknowledgement received so far, in order.
    pub fn acks(&self) -> Vec<Value> {
        self.shared.lock().acks.clone()
    }

    /// Closes the newest open websocket (close frame, then TCP close), so the client must
    /// reconnect through apps.connections.open. Waits up to 5 s for a connection to close
    /// and for it to be gone.
    pub async fn drop_socket(&self) {
        let (id, tx) = self.current_socket().await;
        let _ = tx.send(Message::Close(Some(CloseFrame {
            code: CloseCode::Normal,
            reason: "slack_sim drop_socket".into(),
        })));
        let gone = self
            .wait_until(Duration::from_secs(5), |state| {
                (!state.sockets.iter().any(|s| s.id == id)).then_some(())
            })
            .await;
        assert!(gone.is_some(), "slack_sim: websocket {id} did not close");
    }

    /// An `events_api` envelope as Slack sends it over Socket Mode, wrapping `event` (e.g.
    /// `{"type":"message","channel":"D…","user":"U…","text":"hi","ts":"…"}`) in an
    /// event_callback payload with the given `event_id`.
    pub fn events_api_envelope(&self, envelope_id: &str, event_id: &str, event: Value) -> Value {
        json!({
            "envelope_id": envelope_id,
            "type": "events_api",
            "accepts_response_payload": false,
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": {
                "token": "sim-verification-token",
                "team_id": TEAM_ID,
                "api_app_id": APP_ID,
                "event": event,
                "type": "event_callback",
                "event_id": event_id,
                "event_time": now_secs(),
                "authorizations": [{
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "is_bot": true,
                    "is_enterprise_install": false
                }],
                "is_ext_shared_channel": false
            }
        })
    }

    /// A `slash_commands` envelope as Slack sends it over Socket Mode. Its `response_url`
    /// points at this simulator, which records posts to it as calls to method
    /// `response_url` (args = the posted JSON plus `"response_url_id"`).
    pub fn slash_command_envelope(
        &self,
        envelope_id: &str,
        command: &str,
        text: &str,
        user_id: &str,
        channel_id: &str,
    ) -> Value {
        let base = self.shared.api_url.trim_end_matches("/api");
        json!({
            "envelope_id": envelope_id,
            "type": "slash_commands",
            "accepts_response_payload": true,
            "payload": {
                "token": "sim-verification-token",
                "team_id": TEAM_ID,
                "team_domain": "spotlight-sim",
                "channel_id": channel_id,
                "channel_name": "sim-channel",
                "user_id": user_id,
                "user_name": user_id.to_lowercase(),
                "command": command,
                "text": text,
                "api_app_id": APP_ID,
                "is_enterprise_install": "false",
                "response_url": format!("{base}/response/{envelope_id}"),
                "trigger_id": format!("trigger.{envelope_id}")
            }
        })
    }

    /// An `interactive` envelope (block_actions, view_submission, …) wrapping `payload`.
    /// Slack sets `accepts_response_payload` to true for view_submission and block_suggestion.
    pub fn interactive_envelope(
        &self,
        envelope_id: &str,
        payload: Value,
        accepts_response_payload: bool,
    ) -> Value {
        json!({
            "envelope_id": envelope_id,
            "type": "interactive",
            "accepts_response_payload": accepts_response_payload,
            "payload": payload
        })
    }

    /// Applies a change to a known channel; panics with the known ids if it is unknown.
    fn with_channel(&self, channel: &str, change: impl FnOnce(&mut SimChannel)) {
        let mut state = self.shared.lock();
        let known: Vec<String> = state.channels.keys().cloned().collect();
        let c = state
            .channels
            .get_mut(channel)
            .unwrap_or_else(|| panic!("slack_sim: unknown channel {channel}; known: {known:?}"));
        change(c);
        drop(state);
        self.shared.changed.notify_waiters();
    }

    fn push_fault(&self, method: &str, fault: Fault) {
        self.shared
            .lock()
            .faults
            .entry(method.to_string())
            .or_default()
            .push_back(fault);
    }

    /// The id and sender of the newest open websocket, waiting up to 5 s for one.
    async fn current_socket(&self) -> (u64, mpsc::UnboundedSender<Message>) {
        self.wait_until(Duration::from_secs(5), |state| {
            state.sockets.last().map(|s| (s.id, s.tx.clone()))
        })
        .await
        .unwrap_or_else(|| {
            panic!(
                "slack_sim: no Socket Mode client connected within 5 s ({} connection(s) so far)",
                self.socket_connections()
            )
        })
    }

    /// Re-evaluates `check` after every change until it yields a value or `timeout` passes.
    async fn wait_until<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&SimState) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register interest before checking, so a change between the check and the
            // wait still wakes us.
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&self.shared.lock()) {
                return Some(found);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return check(&self.shared.lock());
            }
        }
    }
}

impl Shared {
    /// Where the simulator serves what is not the Web API (downloads, uploads):
    /// `http://127.0.0.1:PORT`.
    fn web_base(&self) -> &str {
        self.api_url.trim_end_matches("/api")
    }

    /// Tells the observer, if any, about an answered call.
    fn observe(&self, method: &str, args: Value, reply: &Value) {
        let observer = self
            .observer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let Some(observer) = observer {
            observer(method, &args, reply);
        }
    }

    fn lock(&self) -> MutexGuard<'_, SimState> {
        // A panicking test must not poison the simulator for the assertions that follow.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records a call, applies it to the workspace and computes the answer, plus how long to
    /// hold that answer back.
    fn handle(
        &self,
        method: &str,
        args: Map<String, Value>,
        token: Option<String>,
    ) -> (Reply, Option<Duration>) {
        let mut state = self.lock();
        if self.record_calls.load(Ordering::Relaxed) {
            state.calls.push(Call {
                method: method.to_string(),
                args: Value::Object(args.clone()),
                token: token.clone(),
            });
        }
        let delay = state.delays.get_mut(method).and_then(VecDeque::pop_front);
        let hangs = state
            .faults
            .get(method)
            .and_then(VecDeque::front)
            .is_some_and(|f| matches!(f, Fault::Hang));
        let channel_hangs = method == "chat.postMessage" && {
            let channel = args.get("channel").and_then(Value::as_str).unwrap_or("");
            let dm = if channel.starts_with('U') {
                dm_channel_of(channel)
            } else {
                channel.to_string()
            };
            state.hanging_channels.remove(&dm)
        };
        if hangs || channel_hangs {
            if hangs {
                state.faults.get_mut(method).and_then(VecDeque::pop_front);
            }
            drop(state);
            self.changed.notify_waiters();
            return (Reply::error("hung"), Some(Duration::from_secs(3600)));
        }
        let reply = self.respond(&mut state, method, &args, token.as_deref());
        drop(state);
        self.changed.notify_waiters();
        self.observe(method, Value::Object(args), &reply.body);
        (reply, delay)
    }

    /// Checks the token, applies any scripted fault, then dispatches to the method.
    fn respond(
        &self,
        state: &mut SimState,
        method: &str,
        args: &Map<String, Value>,
        token: Option<&str>,
    ) -> Reply {
        let wants_app_token = method == "apps.connections.open";
        // oauth.v2.access is called with the app's client id and secret, not a token.
        let bot_token = token.and_then(|t| state.tokens.get(t));
        match (token, bot_token) {
            _ if method == "oauth.v2.access" => {}
            (Some(t), _) if t == self.app_token && wants_app_token => {}
            (Some(_), Some(bot)) if !wants_app_token => {
                if bot.revoked {
                    return Reply::error("token_revoked");
                }
                if bot.expires_at.is_some_and(|e| e <= now_secs_f64()) {
                    return Reply::error("token_expired");
                }
            }
            // Slack refuses a valid token of the wrong kind with this code.
            (Some(t), bot) if bot.is_some() || t == self.app_token => {
                return Reply::error("not_allowed_token_type")
            }
            _ => return Reply::error("invalid_auth"),
        }
        let mut after_effect = None;
        match state.faults.get_mut(method).and_then(VecDeque::pop_front) {
            Some(Fault::Error(code)) => return Reply::error(&code),
            Some(Fault::RateLimit(secs)) => return Reply::rate_limited(secs),
            Some(Fault::ErrorAfterEffect(code)) => after_effect = Some(code),
            Some(Fault::Hang) | None => {}
        }
        let a = Args(args);
        if method == "chat.postMessage" {
            let channel = a.str("channel").unwrap_or_default();
            // A DM is addressed by the user's id or its D… channel; both count.
            let dm = if channel.starts_with('U') {
                dm_channel_of(&channel)
            } else {
                channel.clone()
            };
            if let Some(secs) = state
                .channel_limits
                .get_mut(&dm)
                .and_then(VecDeque::pop_front)
            {
                return Reply::rate_limited(secs);
            }
        }
        let team = token
            .and_then(|t| state.tokens.get(t))
            .map(|t| t.team.clone())
            .unwrap_or_else(|| TEAM_ID.to_string());
        let result = match method {
            "oauth.v2.access" => state.oauth_access(&a),
            "auth.revoke" => {
                if let Some(t) = token.and_then(|t| state.tokens.get_mut(t)) {
                    t.revoked = true;
                }
                Ok(json!({"revoked": true}))
            }
            "auth.test" => Ok(json!({
                "url": "https://spotlight-sim.slack.com/",
                "team": "Spotlight Sim",
                "user": "spotlight",
                "team_id": team,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": false
            })),
            "apps.connections.open" => {
                state.next_ticket += 1;
                Ok(json!({"url": format!("{}?ticket=sim-{}", self.socket_url, state.next_ticket)}))
            }
            "chat.postMessage" => state.post_message(&a),
            "chat.postEphemeral" => state.post_ephemeral(&a),
            "chat.update" => state.update_message(&a),
            "chat.delete" => state.delete_message(&a),
            "conversations.open" => state.open_conversation(&a),
            "conversations.history" => state.history(&a),
            "conversations.replies" => state.replies(&a),
            "conversations.info" => state.channel_info(&a),
            "reactions.get" => state.reactions_get(&a),
            "users.info" => state.users_info(&a, self.web_base()),
            "chat.getPermalink" => state.permalink(&a),
            "files.info" => state.files_info(&a, self.web_base()),
            "files.getUploadURLExternal" => state.upload_url(&a, self.web_base()),
            "files.completeUploadExternal" => state.complete_upload(&a, self.web_base()),
            "users.lookupByEmail" => state.lookup_by_email(&a, self.web_base()),
            "views.open" => state.views_open(&a),
            "views.publish" => state.views_publish(&a),
            "views.update" => state.views_update(&a),
            _ => Err("unknown_method"),
        };
        if let Some(code) = after_effect {
            return Reply::error(&code);
        }
        match result {
            Ok(fields) => Reply::ok(fields),
            Err(code) => Reply::error(code),
        }
    }
}

/// Read access to a call's merged arguments.
struct Args<'a>(&'a Map<String, Value>);

impl Args<'_> {
    /// A string argument; numbers and booleans are rendered as strings, empty strings are absent.
    fn str(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A boolean argument: JSON `true`, or the strings `true` / `1`.
    fn bool(&self, key: &str) -> bool {
        match self.0.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true" || s == "1",
            Some(Value::Number(n)) => n.as_u64() == Some(1),
            _ => false,
        }
    }

    /// A JSON argument (object or array), absent when null.
    fn json(&self, key: &str) -> Option<Value> {
        self.0.get(key).filter(|v| !v.is_null()).cloned()
    }
}

impl SimState {
    /// A fresh message timestamp: wall-clock microseconds, strictly increasing. Real time
    /// matters because the bot reconciles with `oldest=<when it claimed the post>`.
    fn next_ts(&mut self) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970")
            .as_micros() as u64;
        self.last_ts_micros = now.max(self.last_ts_micros + 1);
        format!(
            "{}.{:06}",
            self.last_ts_micros / 1_000_000,
            self.last_ts_micros % 1_000_000
        )
    }

    /// Appends a message to a channel and, for a thread reply, updates its parent's thread
    /// fields the way Slack does.
    fn store_message(&mut self, channel: &str, message: Value) {
        if let (Some(parent_ts), Some(ts)) = (
            message["thread_ts"].as_str().map(str::to_string),
            message["ts"].as_str().map(str::to_string),
        ) {
            let author = message["user"].clone();
            if let Some(parent) = self.find_message_mut(channel, &parent_ts) {
                parent["thread_ts"] = json!(parent_ts);
                parent["reply_count"] = json!(parent["reply_count"].as_u64().unwrap_or(0) + 1);
                parent["latest_reply"] = json!(ts);
                let users = parent
                    .as_object_mut()
                    .expect("stored messages are objects")
                    .entry("reply_users")
                    .or_insert_with(|| json!([]));
                if let Some(users) = users.as_array_mut() {
                    if !users.contains(&author) {
                        users.push(author);
                    }
                }
                parent["reply_users_count"] =
                    json!(parent["reply_users"].as_array().map_or(0, Vec::len));
            }
        }
        self.messages
            .entry(channel.to_string())
            .or_default()
            .push(message);
    }

    fn find_message_mut(&mut self, channel: &str, ts: &str) -> Option<&mut Value> {
        self.messages
            .get_mut(channel)?
            .iter_mut()
            .find(|m| m["ts"] == ts)
    }

    fn find_message(&self, channel: &str, ts: &str) -> Option<&Value> {
        self.messages.get(channel)?.iter().find(|m| m["ts"] == ts)
    }

    /// Resolves a post target to a channel id and checks that the bot may post there.
    /// DMs (`D…`) always work; a user id posts to that user's DM, as Slack allows.
    fn postable_channel(&self, target: Option<String>) -> Result<String, &'static str> {
        let target = target.ok_or("channel_not_found")?;
        if target.starts_with('D') {
            return Ok(target);
        }
        if target.starts_with('U') || target.starts_with('W') {
            return Ok(dm_channel_of(&target));
        }
        let channel = self.find_channel(&target).ok_or("channel_not_found")?;
        if channel.archived {
            return Err("is_archived");
        }
        if !channel.bot_is_member {
            return Err(if channel.id.starts_with('G') {
                "channel_not_found"
            } else {
                "not_in_channel"
            });
        }
        Ok(channel.id.clone())
    }

    /// Resolves a channel to read (history, replies, reactions): DMs and channels the bot is
    /// in; archived channels stay readable.
    fn readable_channel(&self, target: Option<String>) -> Result<String, &'static str> {
        let target = target.ok_or("channel_not_found")?;
        if target.starts_with('D') {
            return Ok(target);
        }
        let channel = self.find_channel(&target).ok_or("channel_not_found")?;
        if !channel.bot_is_member {
            return Err(if channel.id.starts_with('G') {
                "channel_not_found"
            } else {
                "not_in_channel"
            });
        }
        Ok(channel.id.clone())
    }

    /// A channel by id, or by name (with or without `#`) as Slack also accepts.
    fn find_channel(&self, target: &str) -> Option<&SimChannel> {
        self.channels.get(target).or_else(|| {
            let name = target.trim_start_matches('#');
            self.channels.values().find(|c| c.name == name)
        })
    }

    fn post_message(&mut self, a: &Args) -> ApiResult {
        let channel = self.postable_channel(a.str("channel"))?;
        let text = a.str("text");
        let blocks = a.json("blocks");
        let attachments = a.json("attachments");
        if text.is_none() && blocks.is_none() && attachments.is_none() {
            return Err("no_text");
        }
        check_message_blocks(blocks.as_ref())?;
        let ts = self.next_ts();
        let mut message = json!({
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": text.unwrap_or_default(),
            "ts": ts,
        });
        for (key, value) in [
            ("blocks", blocks),
            ("attachments", attachments),
            ("metadata", a.json("metadata")),
        ] {
            if let Some(value) = value {
                message[key] = value;
            }
        }
        if let Some(thread_ts) = a.str("thread_ts") {
            message["thread_ts"] = json!(thread_ts);
        }
        self.store_message(&channel, message.clone());
        Ok(json!({"channel": channel, "ts": ts, "message": message}))
    }

    fn post_ephemeral(&mut self, a: &Args) -> ApiResult {
        let channel = self.postable_channel(a.str("channel"))?;
        let user = a.str("user").ok_or("user_not_in_channel")?;
        let text = a.str("text");
        let blocks = a.json("blocks");
        if text.is_none() && blocks.is_none() && a.json("attachments").is_none() {
            return Err("no_text");
        }
        check_message_blocks(blocks.as_ref())?;
        let ts = self.next_ts();
        let mut message = json!({
            "message_ts": ts,
            "user": user,
            "text": text.unwrap_or_default(),
        });
        if let Some(blocks) = blocks {
            message["blocks"] = blocks;
        }
        if let Some(thread_ts) = a.str("thread_ts") {
            message["thread_ts"] = json!(thread_ts);
        }
        self.ephemerals.entry(channel).or_default().push(message);
        Ok(json!({"message_ts": ts}))
    }

    fn update_message(&mut self, a: &Args) -> ApiResult {
        let channel = self.readable_channel(a.str("channel"))?;
        let ts = a.str("ts").ok_or("message_not_found")?;
        check_message_blocks(a.json("blocks").as_ref())?;
        let edited_ts = self.next_ts();
        let message = self
            .find_message_mut(&channel, &ts)
            .ok_or("message_not_found")?;
        if message["user"] != BOT_USER_ID {
            return Err("cant_update_message");
        }
        // Slack keeps whatever the update leaves out.
        if let Some(text) = a.str("text") {
            message["text"] = json!(text);
        }
        for key in ["blocks", "attachments", "metadata"] {
            if let Some(value) = a.json(key) {
                message[key] = value;
            }
        }
        message["edited"] = json!({"user": BOT_USER_ID, "ts": edited_ts});
        let message = message.clone();
        Ok(json!({
            "channel": channel,
            "ts": ts,
            "text": message["text"],
            "message": message,
        }))
    }

    /// Deletes a message as Slack does for a bot token: only the bot's own messages
    /// (`cant_delete_message` otherwise); an unknown one is `message_not_found`.
    fn delete_message(&mut self, a: &Args) -> ApiResult {
        let channel = self.readable_channel(a.str("channel"))?;
        let ts = a.str("ts").ok_or("message_not_found")?;
        let message = self
            .find_message(&channel, &ts)
            .ok_or("message_not_found")?;
        if message["user"] != BOT_USER_ID {
            return Err("cant_delete_message");
        }
        if let Some(messages) = self.messages.get_mut(&channel) {
            messages.retain(|m| m["ts"] != ts);
        }
        Ok(json!({"channel": channel, "ts": ts}))
    }

    fn open_conversation(&mut self, a: &Args) -> ApiResult {
        if let Some(channel) = a.str("channel") {
            let channel = self.readable_channel(Some(channel))?;
            return Ok(json!({"channel": self.channel_json(&channel)?, "already_open": true}));
        }
        let users: Vec<String> = match a.json("users") {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(list)) => list
                .split(',')
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let user = match users.as_slice() {
            [] => return Err("users_list_not_supplied"),
            [user] => user,
            _ => return Err("not_supported"), // group DMs are not simulated
        };
        if !self.users.contains_key(user) {
            return Err("user_not_found");
        }
        let channel = dm_channel_of(user);
        let already_open = !self.open_dms.insert(channel.clone());
        Ok(json!({
            "channel": self.channel_json(&channel)?,
            "already_open": already_open,
            "no_op": already_open,
        }))
    }

    /// A conversation object as conversations.info and conversations.open describe it.
    fn channel_json(&self, id: &str) -> ApiResult {
        if let Some(user) = id.strip_prefix('D') {
            return Ok(json!({
                "id": id,
                "created": 1_700_000_000,
                "is_im": true,
                "is_org_shared": false,
                "user": user,
                "is_open": true,
                "is_user_deleted": false,
                "priority": 0
            }));
        }
        let c = self.find_channel(id).ok_or("channel_not_found")?;
        let private = c.id.starts_with('G');
        Ok(json!({
            "id": c.id,
            "name": c.name,
            "name_normalized": c.name,
            "created": 1_700_000_000,
            "creator": "UADMIN",
            "is_channel": !private,
            "is_group": private,
            "is_im": false,
            "is_mpim": false,
            "is_private": private,
            "is_archived": c.archived,
            "is_general": c.name == "general",
            "is_shared": false,
            "is_org_shared": false,
            "is_member": c.bot_is_member,
            "num_members": self.users.values().filter(|u| !u.is_bot).count(),
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "previous_names": []
        }))
    }

    fn history(&self, a: &Args) -> ApiResult {
        let channel = self.readable_channel(a.str("channel"))?;
        let with_metadata = a.bool("include_all_metadata");
        let inclusive = a.bool("inclusive");
        let oldest = a.str("oldest").and_then(|t| parse_ts(&t));
        let latest = a.str("latest").and_then(|t| parse_ts(&t));
        let before_cursor = a
            .str("cursor")
            .and_then(|c| c.strip_prefix("before:").and_then(parse_ts));
        let limit = a
            .str("limit")
            .and_then(|l| l.parse::<usize>().ok())
            .filter(|&l| l > 0)
            .unwrap_or(100)
            .min(999);
        // Like Slack: top-level messages only (thread parents included, replies not),
        // newest first, `oldest`/`latest` exclusive unless `inclusive`.
        let mut found: Vec<&Value> = self
            .messages
            .get(&channel)
            .map(|msgs| msgs.iter().collect())
            .unwrap_or_default();
        found.retain(|m| {
            let is_reply = m["thread_ts"].is_string() && m["thread_ts"] != m["ts"];
            let ts = m["ts"].as_str().and_then(parse_ts).unwrap_or(0);
            let after_oldest = oldest.is_none_or(|o| if inclusive { ts >= o } else { ts > o });
            let before_latest = latest.is_none_or(|l| if inclusive { ts <= l } else { ts < l });
            let before_page = before_cursor.is_none_or(|c| ts < c);
            !is_reply && after_oldest && before_latest && before_page
        });
        found.reverse();
        let has_more = found.len() > limit;
        found.truncate(limit);
        let messages: Vec<Value> = found.iter().map(|m| present(m, with_metadata)).collect();
        let mut answer = json!({"messages": messages, "has_more": has_more, "pin_count": 0});
        if has_more {
            // An empty next_cursor would make pagers loop, so it is only sent when needed.
            let last = messages.last().map(|m| m["ts"].clone()).unwrap_or_default();
            answer["response_metadata"] =
                json!({"next_cursor": format!("before:{}", last.as_str().unwrap_or(""))});
        }
        Ok(answer)
    }

    fn replies(&self, a: &Args) -> ApiResult {
        let channel = self.readable_channel(a.str("channel"))?;
        let ts = a.str("ts").ok_or("thread_not_found")?;
        let with_metadata = a.bool("include_all_metadata");
        self.find_message(&channel, &ts).ok_or("thread_not_found")?;
        // The parent first, then its replies, oldest first.
        let messages: Vec<Value> = self.messages[&channel]
            .iter()
            .filter(|m| m["ts"] == ts || m["thread_ts"] == ts)
            .map(|m| present(m, with_metadata))
            .collect();
        Ok(json!({"messages": messages, "has_more": false}))
    }

    fn channel_info(&self, a: &Args) -> ApiResult {
        let id = a.str("channel").ok_or("channel_not_found")?;
        Ok(json!({"channel": self.channel_json(&id)?}))
    }

    fn reactions_get(&self, a: &Args) -> ApiResult {
        let channel = self.readable_channel(a.str("channel"))?;
        let ts = a.str("timestamp").ok_or("message_not_found")?;
        let message = self
            .find_message(&channel, &ts)
            .ok_or("message_not_found")?;
        Ok(json!({
            "type": "message",
            "channel": channel,
            "message": present(message, false),
        }))
    }

    fn users_info(&self, a: &Args, base: &str) -> ApiResult {
        let id = a.str("user").ok_or("user_not_found")?;
        let user = self.users.get(&id).ok_or("user_not_found")?;
        let mut json = user_json(user, base);
        // Slack gives the locale only when asked.
        if a.str("include_locale").as_deref() == Some("true") {
            json["locale"] = json!(user.locale);
        }
        Ok(json!({"user": json}))
    }

    /// `chat.getPermalink`: the message's address in the workspace, a thread reply's
    /// opening in its thread, as Slack forms them.
    fn permalink(&self, a: &Args) -> ApiResult {
        let channel = self.readable_channel(a.str("channel"))?;
        let ts = a.str("message_ts").ok_or("message_not_found")?;
        let message = self
            .find_message(&channel, &ts)
            .ok_or("message_not_found")?;
        let mut link = format!(
            "{WORKSPACE_URL}/archives/{channel}/p{}",
            ts.replace('.', "")
        );
        if let Some(thread) = message["thread_ts"].as_str().filter(|t| *t != ts) {
            link.push_str(&format!("?thread_ts={thread}&cid={channel}"));
        }
        Ok(json!({"channel": channel, "permalink": link}))
    }

    fn lookup_by_email(&self, a: &Args, base: &str) -> ApiResult {
        let email = a.str("email").ok_or("users_not_found")?;
        let user = self
            .users
            .values()
            .find(|u| {
                u.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            })
            .ok_or("users_not_found")?;
        Ok(json!({"user": user_json(user, base)}))
    }

    /// Turns a submitted view into the stateful view Slack returns and stores it.
    fn store_view(&mut self, id: Option<String>, mut view: Value) -> Value {
        self.next_view += 1;
        let n = self.next_view;
        let id = id.unwrap_or_else(|| format!("V{n:010}"));
        let fields = view.as_object_mut().expect("views are objects");
        for key in ["private_metadata", "callback_id", "external_id"] {
            fields.entry(key).or_insert_with(|| json!(""));
        }
        fields.insert("id".into(), json!(id));
        fields.insert("team_id".into(), json!(TEAM_ID));
        fields.insert("app_id".into(), json!(APP_ID));
        fields.insert("bot_id".into(), json!(BOT_ID));
        fields.insert("root_view_id".into(), json!(id));
        fields.insert("hash".into(), json!(format!("hash.{n}")));
        fields.insert("state".into(), json!({"values": {}}));
        self.views.insert(id, view.clone());
        view
    }

    fn views_open(&mut self, a: &Args) -> ApiResult {
        let trigger = a.str("trigger_id").ok_or("invalid_trigger_id")?;
        // A trigger id is good for 3 seconds from the click (the test's requests put
        // the click's time, in milliseconds, in their trigger ids).
        if let Some(issued) = trigger_issued_ms(&trigger) {
            if now_millis().saturating_sub(issued) > 3_000 {
                return Err("expired_trigger_id");
            }
        }
        let view = a
            .json("view")
            .filter(Value::is_object)
            .ok_or("invalid_arguments")?;
        Ok(json!({"view": self.store_view(None, view)}))
    }

    fn views_publish(&mut self, a: &Args) -> ApiResult {
        let user = a.str("user_id").ok_or("invalid_arguments")?;
        if !self.users.contains_key(&user) {
            return Err("user_not_found");
        }
        let view = a
            .json("view")
            .filter(Value::is_object)
            .ok_or("invalid_arguments")?;
        self.check_images(&view)?;
        let existing = self.home_views.get(&user).cloned();
        let stored = self.store_view(existing, view);
        let id = stored["id"].as_str().unwrap_or_default().to_string();
        self.home_views.insert(user, id);
        Ok(json!({"view": stored}))
    }

    /// Slack's checks of image blocks: an `image_url` or a `slack_file` (not both), a
    /// `slack_file` by `id` or `url` (not both) naming a PNG, JPEG or GIF file that
    /// exists, and alt text; else `invalid_blocks`.
    fn check_images(&self, view: &Value) -> Result<(), &'static str> {
        let images = view["blocks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|b| b["type"] == "image");
        for image in images {
            if image["alt_text"].as_str().is_none_or(str::is_empty) {
                return Err("invalid_blocks");
            }
            match (image.get("image_url"), image.get("slack_file")) {
                (Some(url), None) if url.is_string() => {}
                (None, Some(file)) => {
                    let id = match (file.get("id"), file.get("url")) {
                        (Some(id), None) => id.as_str().unwrap_or_default().to_string(),
                        (None, Some(url)) => {
                            let url = url.as_str().unwrap_or_default();
                            // A file's `url_private` and permalink carry its id.
                            self.files
                                .keys()
                                .find(|id| url.contains(id.as_str()))
                                .cloned()
                                .unwrap_or_default()
                        }
                        _ => return Err("invalid_blocks"),
                    };
                    match self.files.get(&id) {
                        Some(f)
                            if ["image/png", "image/jpeg", "image/gif"]
                                .contains(&f.mimetype.as_str()) => {}
                        _ => return Err("invalid_blocks"),
                    }
                }
                _ => return Err("invalid_blocks"),
            }
        }
        Ok(())
    }

    fn views_update(&mut self, a: &Args) -> ApiResult {
        let view = a
            .json("view")
            .filter(Value::is_object)
            .ok_or("invalid_arguments")?;
        let id = match (a.str("view_id"), a.str("external_id")) {
            (Some(id), _) => id,
            (None, Some(external)) => self
                .views
                .values()
                .find(|v| v["external_id"] == external)
                .and_then(|v| v["id"].as_str().map(str::to_string))
                .ok_or("not_found")?,
            (None, None) => return Err("invalid_arguments"),
        };
        let current = self.views.get(&id).ok_or("not_found")?;
        if let Some(hash) = a.str("hash") {
            if current["hash"] != hash {
                return Err("hash_conflict");
            }
        }
        Ok(json!({"view": self.store_view(Some(id), view)}))
    }
}

/// A user object shaped like users.info's; its photo addresses are on the simulator.
fn user_json(u: &SimUser, base: &str) -> Value {
    let mut profile = json!({
        "real_name": u.real_name,
        "real_name_normalized": u.real_name,
        "display_name": u.name,
        "display_name_normalized": u.name,
        "team": TEAM_ID,
        "avatar_hash": format!("h{}", u.id.to_ascii_lowercase()),
    });
    for size in [24, 32, 48, 72, 192, 512] {
        profile[format!("image_{size}")] = json!(format!("{base}/avatars/{}/{size}.png", u.id));
    }
    if let Some(email) = &u.email {
        profile["email"] = json!(email);
    }
    json!({
        "id": u.id,
        "team_id": TEAM_ID,
        "name": u.name,
        "deleted": false,
        "real_name": u.real_name,
        "tz": u.tz,
        "tz_label": u.tz,
        "tz_offset": tz_offset_secs(&u.tz),
        "is_admin": u.is_admin,
        "is_owner": false,
        "is_primary_owner": false,
        "is_restricted": false,
        "is_ultra_restricted": false,
        "is_bot": u.is_bot,
        "is_app_user": false,
        "updated": 1_700_000_000,
        "profile": profile,
    })
}

/// The current UTC offset of an IANA zone in seconds (0 for unknown zones), as Slack's
/// `tz_offset`.
fn tz_offset_secs(tz: &str) -> i32 {
    use chrono::{Offset, TimeZone};
    match tz.parse::<chrono_tz::Tz>() {
        Ok(zone) => zone
            .offset_from_utc_datetime(&chrono::Utc::now().naive_utc())
            .fix()
            .local_minus_utc(),
        Err(_) => 0,
    }
}

/// A stored message as a reading method returns it: `metadata` only when asked for.
fn present(message: &Value, with_metadata: bool) -> Value {
    let mut message = message.clone();
    if !with_metadata {
        if let Some(fields) = message.as_object_mut() {
            fields.remove("metadata");
        }
    }
    message
}

/// The DM channel id the simulator gives a user: `D` + user id.
fn dm_channel_of(user: &str) -> String {
    format!("D{user}")
}

/// Parses a Slack timestamp (`"1700000000.000100"`, `"1700000000"`) into microseconds.
fn parse_ts(ts: &str) -> Option<u64> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, ""));
    let secs: u64 = secs.parse().ok()?;
    let mut micros = 0u64;
    for (i, digit) in frac.chars().take(6).enumerate() {
        micros += u64::from(digit.to_digit(10)?) * 10u64.pow(5 - i as u32);
    }
    Some(secs * 1_000_000 + micros)
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// When a trigger id made by `slack_requests` was issued (`trigger.N.MILLIS`), if it says.
fn trigger_issued_ms(trigger: &str) -> Option<u64> {
    trigger
        .strip_prefix("trigger.")?
        .split('.')
        .nth(1)?
        .parse()
        .ok()
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// One line per call, for timeout panics.
fn describe_calls(calls: &[Call]) -> String {
    if calls.is_empty() {
        return "  (none)".to_string();
    }
    calls
        .iter()
        .map(|c| format!("  {} {}", c.method, c.args))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes `application/x-www-form-urlencoded` text (also query strings) into pairs.
fn parse_form(input: &str) -> Vec<(String, String)> {
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// Undoes form percent-encoding (`+` is a space).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                }
                None => {
                    out.push(b'%');
                    i += 1;
                }
            },
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Merges a call's query string and body (form or JSON) into one argument object. Form posts
/// carry `blocks`, `metadata`, `view` and `attachments` as JSON text, which is decoded.
fn merge_args(query: Option<&str>, content_type: &str, body: &[u8]) -> Map<String, Value> {
    let mut args = Map::new();
    for (key, value) in query.map(parse_form).unwrap_or_default() {
        args.insert(key, Value::String(value));
    }
    if !body.is_empty() {
        if content_type.starts_with("application/json") {
            if let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) {
                args.extend(fields);
            }
        } else {
            for (key, value) in parse_form(&String::from_utf8_lossy(body)) {
                args.insert(key, Value::String(value));
            }
        }
    }
    for key in ["blocks", "attachments", "metadata", "view", "files"] {
        let decoded = match args.get(key) {
            Some(Value::String(text)) => serde_json::from_str::<Value>(text).ok(),
            _ => None,
        };
        if let Some(decoded) = decoded.filter(|v| v.is_object() || v.is_array()) {
            args.insert(key.to_string(), decoded);
        }
    }
    args
}

impl SimFile {
    /// The file object Slack sends in events and `files.info`, its addresses on the
    /// simulator.
    fn json(&self, base: &str) -> Value {
        let filetype = self
            .name
            .rsplit('.')
            .next()
            .unwrap_or("text")
            .to_ascii_lowercase();
        json!({
            "id": self.id,
            "created": 1_800_000_000,
            "timestamp": 1_800_000_000,
            "name": self.name,
            "title": self.name,
            "mimetype": self.mimetype,
            "filetype": filetype,
            "pretty_type": filetype.to_ascii_uppercase(),
            "size": self.bytes.len(),
            "mode": "hosted",
            "is_external": false,
            "is_public": false,
            "url_private": format!("{base}/files-pri/{TEAM_ID}-{}/{}", self.id, self.name),
            "url_private_download": format!("{base}/files-pri/{TEAM_ID}-{}/download/{}", self.id, self.name),
            "permalink": format!("{base}/files/{}/{}", self.id, self.name),
        })
    }
}

impl SimState {
    /// `files.getUploadURLExternal`: a new file id and the address to POST its bytes to.
    fn upload_url(&mut self, a: &Args, base: &str) -> ApiResult {
        let filename = a.str("filename").ok_or("invalid_arguments")?;
        let length: usize = a
            .str("length")
            .and_then(|l| l.parse().ok())
            .filter(|l| *l > 0)
            .ok_or("invalid_arguments")?;
        self.next_file += 1;
        let id = format!("F0UP{:05}", self.next_file);
        self.uploads.insert(id.clone(), (filename, length, None));
        Ok(json!({"upload_url": format!("{base}/upload/{id}"), "file_id": id}))
    }

    /// `files.completeUploadExternal`: the uploaded files shared in `channel_id` as one
    /// message from the bot, `initial_comment` its text.
    fn complete_upload(&mut self, a: &Args, base: &str) -> ApiResult {
        let Some(Value::Array(list)) = a.json("files") else {
            return Err("invalid_arguments");
        };
        let mut shared = Vec::new();
        for f in &list {
            let id = f["id"].as_str().ok_or("invalid_arguments")?;
            let Some((name, _, Some(bytes))) = self.uploads.get(id).cloned() else {
                return Err("file_not_found");
            };
            let mimetype = if name.ends_with(".png") {
                "image/png"
            } else {
                "text/csv"
            };
            let file = SimFile {
                id: id.to_string(),
                name,
                mimetype: mimetype.to_string(),
                bytes,
            };
            let mut json = file.json(base);
            if let Some(title) = f["title"].as_str() {
                json["title"] = json!(title);
            }
            self.files.insert(id.to_string(), file);
            shared.push(json);
        }
        if let Some(channel) = a.str("channel_id") {
            let channel = self.readable_channel(Some(channel))?;
            let ts = self.next_ts();
            let message = json!({
                "type": "message",
                "subtype": "file_share",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "text": a.str("initial_comment").unwrap_or_default(),
                "files": shared,
                "ts": ts,
            });
            self.store_message(&channel, message);
        }
        Ok(json!({"files": shared}))
    }

    /// `files.info`: the file object, or `file_not_found`.
    fn files_info(&self, a: &Args, base: &str) -> ApiResult {
        let id = a.str("file").ok_or("invalid_arguments")?;
        let file = self.files.get(&id).ok_or("file_not_found")?;
        Ok(json!({"file": file.json(base)}))
    }
}

/// Takes an upload's bytes at the address `files.getUploadURLExternal` gave (recorded as
/// a call to `files.upload`), refusing an unknown address or a length other than the
/// one announced; answers `OK - <length>` as Slack does.
async fn upload_handler(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let answer = {
        let mut state = shared.lock();
        if shared.record_calls.load(Ordering::Relaxed) {
            state.calls.push(Call {
                method: "files.upload".into(),
                args: json!({"file": id, "length": body.len()}),
                token: None,
            });
        }
        match state.uploads.get_mut(&id) {
            Some((_, length, bytes)) if *length == body.len() => {
                *bytes = Some(body.to_vec());
                (StatusCode::OK, format!("OK - {length}"))
            }
            Some(_) => (StatusCode::BAD_REQUEST, "length mismatch".to_string()),
            None => (StatusCode::NOT_FOUND, "no such upload".to_string()),
        }
    };
    shared.changed.notify_waiters();
    answer.into_response()
}

/// Serves a shared file's bytes at its `url_private(_download)`, recorded as a call to
/// `files.download`. Without the bot token Slack sends a sign-in page (here with 403).
async fn download_handler(
    State(shared): State<Arc<Shared>>,
    Path((key, _name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let id = key.rsplit('-').next().unwrap_or_default().to_string();
    let file = {
        let mut state = shared.lock();
        if shared.record_calls.load(Ordering::Relaxed) {
            state.calls.push(Call {
                method: "files.download".into(),
                args: json!({"file": id}),
                token: bearer.clone(),
            });
        }
        // `hang_next("files.download")`: the download is accepted and never answered.
        let hangs = state
            .faults
            .get("files.download")
            .and_then(VecDeque::front)
            .is_some_and(|f| matches!(f, Fault::Hang));
        if hangs {
            state
                .faults
                .get_mut("files.download")
                .and_then(VecDeque::pop_front);
        }
        (state.files.get(&id).cloned(), hangs)
    };
    let (file, hangs) = file;
    shared.changed.notify_waiters();
    if hangs {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    let login_page = || {
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html><html><body>Sign in to Spotlight Sim</body></html>",
        )
            .into_response()
    };
    let now = now_secs_f64();
    let works = bearer.as_deref().is_some_and(|b| {
        shared
            .lock()
            .tokens
            .get(b)
            .is_some_and(|t| !t.revoked && t.expires_at.is_none_or(|e| e > now))
    });
    if !works {
        return login_page();
    }
    match file {
        Some(f) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, f.mimetype)],
            f.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Serves a member's profile photo (recorded as a call to `avatars`), to anyone, as
/// Slack's image servers do: the size its name asks for, or what `set_avatar` set.
async fn avatar_handler(
    State(shared): State<Arc<Shared>>,
    Path((user, file)): Path<(String, String)>,
) -> Response {
    let size: u32 = file.trim_end_matches(".png").parse().unwrap_or(0).min(1024);
    let photo = {
        let mut state = shared.lock();
        if shared.record_calls.load(Ordering::Relaxed) {
            state.calls.push(Call {
                method: "avatars".into(),
                args: json!({"user": user, "size": size}),
                token: None,
            });
        }
        match state.avatars.get(&user) {
            Some(set) => set.clone(),
            None if state.users.contains_key(&user) && size > 0 => {
                Some(("image/png".to_string(), SlackSim::default_avatar(size)))
            }
            None => None,
        }
    };
    shared.changed.notify_waiters();
    match photo {
        Some((mime, bytes)) => {
            (StatusCode::OK, [(header::CONTENT_TYPE, mime)], bytes).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Slack's authorize page, as a person who presses Allow (or Cancel, after
/// `deny_next_authorize`) sees it: back to `redirect_uri` with a single-use `code` (or
/// `error=access_denied`) and the `state` it was given. Recorded as `oauth.authorize`.
async fn authorize_handler(
    State(shared): State<Arc<Shared>>,
    RawQuery(query): RawQuery,
) -> Response {
    let args = merge_args(query.as_deref(), "", &[]);
    let a = Args(&args);
    let location = {
        let mut state = shared.lock();
        if shared.record_calls.load(Ordering::Relaxed) {
            state.calls.push(Call {
                method: "oauth.authorize".into(),
                args: Value::Object(args.clone()),
                token: None,
            });
        }
        let Some(oauth) = state.oauth.as_mut() else {
            return (StatusCode::NOT_FOUND, "no OAuth for this app").into_response();
        };
        let (Some(client_id), Some(redirect)) = (a.str("client_id"), a.str("redirect_uri")) else {
            return (
                StatusCode::BAD_REQUEST,
                "client_id and redirect_uri are required",
            )
                .into_response();
        };
        if client_id != oauth.client_id {
            return (StatusCode::BAD_REQUEST, "invalid_client_id").into_response();
        }
        let state_param = a.str("state").unwrap_or_default();
        let mut url = url::Url::parse(&redirect).expect("redirect_uri is a URL");
        if std::mem::take(&mut oauth.deny_next) {
            url.query_pairs_mut()
                .append_pair("error", "access_denied")
                .append_pair("state", &state_param);
        } else {
            oauth.issued += 1;
            let code = format!("sim-code-{}", oauth.issued);
            oauth.codes.insert(
                code.clone(),
                (oauth.team.0.clone(), redirect.clone(), false),
            );
            url.query_pairs_mut()
                .append_pair("code", &code)
                .append_pair("state", &state_param);
        }
        url.to_string()
    };
    shared.changed.notify_waiters();
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

impl SimState {
    /// `oauth.v2.access`: a code exchanged (once) or a refresh token used (once) for a
    /// new bot token, checked against the app's client id and secret.
    fn oauth_access(&mut self, a: &Args) -> ApiResult {
        let now = now_secs_f64();
        let oauth = self.oauth.as_mut().ok_or("invalid_client_id")?;
        if a.str("client_id").as_deref() != Some(oauth.client_id.as_str()) {
            return Err("invalid_client_id");
        }
        if a.str("client_secret").as_deref() != Some(oauth.client_secret.as_str()) {
            return Err("bad_client_secret");
        }
        let team = if a.str("grant_type").as_deref() == Some("refresh_token") {
            let refresh = a.str("refresh_token").ok_or("invalid_refresh_token")?;
            match oauth.refresh_tokens.get_mut(&refresh) {
                Some((team, used)) if !*used => {
                    *used = true;
                    team.clone()
                }
                _ => return Err("invalid_refresh_token"),
            }
        } else {
            let code = a.str("code").ok_or("invalid_code")?;
            match oauth.codes.get_mut(&code) {
                Some((_, redirect, _)) if a.str("redirect_uri").as_ref() != Some(redirect) => {
                    return Err("bad_redirect_uri")
                }
                Some((team, _, used)) if !*used => {
                    *used = true;
                    team.clone()
                }
                _ => return Err("invalid_code"),
            }
        };
        oauth.issued += 1;
        let n = oauth.issued;
        let access = format!("xoxb-sim-{team}-{n}");
        let lifetime = oauth.token_lifetime;
        let refresh = lifetime.map(|_| format!("xoxe-1-sim-{team}-{n}"));
        if let Some(r) = &refresh {
            oauth
                .refresh_tokens
                .insert(r.clone(), (team.clone(), false));
        }
        let team_name = if team == oauth.team.0 {
            oauth.team.1.clone()
        } else {
            team.clone()
        };
        let installer = oauth.installer.clone();
        self.tokens.insert(
            access.clone(),
            SimToken {
                team: team.clone(),
                expires_at: lifetime.map(|l| now + l.as_secs_f64()),
                revoked: false,
            },
        );
        let mut grant = json!({
            "access_token": access,
            "token_type": "bot",
            "scope": "chat:write,im:write,im:history,commands,users:read,users:read.email,reactions:read,channels:history,groups:history,files:read,files:write",
            "bot_user_id": BOT_USER_ID,
            "app_id": APP_ID,
            "team": {"id": team, "name": team_name},
            "enterprise": null,
            "is_enterprise_install": false,
            "authed_user": {"id": installer},
        });
        if let (Some(r), Some(l)) = (refresh, lifetime) {
            grant["refresh_token"] = json!(r);
            grant["expires_in"] = json!(l.as_secs());
        }
        Ok(grant)
    }
}

/// Now, in seconds since the epoch, with a fraction.
fn now_secs_f64() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs_f64()
}

/// Serves `/api/{method}` for GET and POST alike.
async fn api_handler(
    State(shared): State<Arc<Shared>>,
    Path(method): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut args = merge_args(query.as_deref(), &content_type, &body);
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    // Slack also accepts the token as an argument; it is not part of the recorded args.
    let token_arg = match args.remove("token") {
        Some(Value::String(t)) => Some(t),
        _ => None,
    };
    // The app's client id and secret in HTTP Basic auth (oauth.v2.access), as arguments.
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.decode(b).ok()
        })
        .and_then(|b| String::from_utf8(b).ok());
    if let Some((id, secret)) = basic.as_deref().and_then(|b| b.split_once(':')) {
        args.insert("client_id".into(), json!(id));
        args.insert("client_secret".into(), json!(secret));
    }
    let (reply, delay) = shared.handle(&method, args, bearer.or(token_arg));
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    reply
}

/// Slack's limits on a message's blocks: at most 50 blocks and 3,000 characters of
/// section text (else `invalid_blocks`), and about 12,000 characters of text in all
/// blocks (else `msg_blocks_too_long`).
fn check_message_blocks(blocks: Option<&Value>) -> Result<(), &'static str> {
    fn text_chars(value: &Value) -> usize {
        match value {
            Value::Object(map) => {
                let own = match (map.get("type"), map.get("text")) {
                    (Some(Value::String(kind)), Some(Value::String(text)))
                        if kind == "mrkdwn" || kind == "plain_text" =>
                    {
                        text.chars().count()
                    }
                    _ => 0,
                };
                own + map.values().map(text_chars).sum::<usize>()
            }
            Value::Array(items) => items.iter().map(text_chars).sum(),
            _ => 0,
        }
    }
    let Some(blocks) = blocks else {
        return Ok(());
    };
    let list = blocks.as_array().ok_or("invalid_blocks")?;
    if list.len() > 50 {
        return Err("invalid_blocks");
    }
    let long_section = list.iter().any(|b| {
        b["type"] == "section"
            && b.pointer("/text/text")
                .and_then(Value::as_str)
                .is_some_and(|t| t.chars().count() > 3_000)
    });
    if long_section {
        return Err("invalid_blocks");
    }
    if text_chars(blocks) > 12_000 {
        return Err("msg_blocks_too_long");
    }
    Ok(())
}

/// Records posts to a slash command's `response_url` as calls to method `response_url`.
async fn response_url_handler(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_ascii_lowercase();
    let mut args = merge_args(None, &content_type, &body);
    args.insert("response_url_id".into(), json!(id));
    let (reply, hang) = {
        let mut state = shared.lock();
        let hang = state.hanging_response_urls;
        let uses = state.response_url_uses.entry(id.clone()).or_insert(0);
        *uses += 1;
        let blocks = args.get("blocks").map(|b| match b {
            // A form-encoded body carries them as JSON text.
            Value::String(text) => serde_json::from_str(text).unwrap_or(Value::Null),
            other => other.clone(),
        });
        // A response_url takes five messages; Slack refuses the sixth.
        let reply = if *uses > 5 || hang {
            Reply {
                status: StatusCode::NOT_FOUND,
                retry_after: None,
                body: json!({"ok": false, "error": "used_url"}),
            }
        } else if let Err(error) = check_message_blocks(blocks.as_ref()) {
            Reply {
                status: StatusCode::BAD_REQUEST,
                retry_after: None,
                body: json!({"ok": false, "error": error}),
            }
        } else {
            Reply::ok(json!({}))
        };
        if reply.status == StatusCode::OK && shared.record_calls.load(Ordering::Relaxed) {
            state.calls.push(Call {
                method: "response_url".into(),
                args: Value::Object(args.clone()),
                token: None,
            });
        }
        (reply, hang)
    };
    if hang {
        // Accepts the request and never answers (within any sane timeout).
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    shared.changed.notify_waiters();
    shared.observe("response_url", Value::Object(args), &reply.body);
    reply
}

/// Accepts Socket Mode websocket connections until the simulator stops.
async fn socket_accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        let task = tokio::spawn(serve_socket(stream, shared.clone()));
        let mut tasks = shared.conn_tasks.lock().unwrap_or_else(|e| e.into_inner());
        tasks.retain(|t| !t.is_finished());
        tasks.push(task.abort_handle());
    }
}

/// Runs one Socket Mode connection: hello first, then envelopes out and acks in.
async fn serve_socket(stream: TcpStream, shared: Arc<Shared>) {
    // Any path is accepted: the URL only ever comes from apps.connections.open, and
    // slack-morphism may append `&debug_reconnects=true` to it.
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut incoming) = ws.split();

    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    let (id, live) = {
        let mut state = shared.lock();
        state.socket_total += 1;
        (state.socket_total as u64, state.sockets.len() + 1)
    };
    let hello = json!({
        "type": "hello",
        "num_connections": live,
        "debug_info": {
            "host": "slack-sim",
            "build_number": 1,
            "approximate_connection_time": 18060
        },
        "connection_info": {"app_id": APP_ID}
    });
    if sink.send(Message::text(hello.to_string())).await.is_err() {
        return;
    }
    // Registered only after hello went out, so no envelope can overtake it.
    shared.lock().sockets.push(SocketConn { id, tx });
    shared.changed.notify_waiters();

    loop {
        tokio::select! {
            outgoing = rx.recv() => match outgoing {
                Some(Message::Close(frame)) => {
                    let _ = sink.send(Message::Close(frame)).await;
                    break;
                }
                Some(frame) => {
                    if sink.send(frame).await.is_err() {
                        break;
                    }
                }
                None => break,
            },
            frame = incoming.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    // Acks are `{"envelope_id":…, "payload":…?}`; anything else is ignored.
                    if let Ok(ack) = serde_json::from_str::<Value>(text.as_str()) {
                        if ack.get("envelope_id").is_some() {
                            shared.lock().acks.push(ack);
                            shared.changed.notify_waiters();
                        }
                    }
                }
                // Pings are answered by tungstenite itself.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
    shared.lock().sockets.retain(|s| s.id != id);
    shared.changed.notify_waiters();
}

/// Everything a person reads in a message the bot sent (the arguments of a recorded
/// `chat.postMessage`): its text and its blocks' text.
pub fn visible_text(msg: &serde_json::Value) -> String {
    let mut out = msg["text"].as_str().unwrap_or_default().to_string();
    for block in msg["blocks"].as_array().into_iter().flatten() {
        if let Some(t) = block
            .pointer("/text/text")
            .and_then(serde_json::Value::as_str)
        {
            out.push('\n');
            out.push_str(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use slack_morphism::errors::SlackClientError;
    use slack_morphism::prelude::*;
    use std::collections::HashMap;

    const BOT_TOKEN: &str = "xoxb-sim-bot-token";
    const APP_TOKEN: &str = "xapp-sim-app-token";

    /// A slack-morphism client aimed at the simulator over plain http.
    fn slack_client(sim: &SlackSim) -> Arc<SlackHyperClient> {
        // Another test may have installed the provider already; that is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let builder = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .unwrap_or_else(|_| {
                // No CA certificates on this machine: plain http needs none anyway.
                hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(
                    rustls::ClientConfig::builder()
                        .with_root_certificates(rustls::RootCertStore::empty())
                        .with_no_client_auth(),
                )
            });
        let connector = builder.https_or_http().enable_http1().build();
        Arc::new(SlackClient::new(
            SlackClientHyperConnector::with_connector(connector).with_slack_api_url(&sim.api_url()),
        ))
    }

    fn token(value: &str) -> SlackApiToken {
        SlackApiToken::new(value.to_string().into())
    }

    fn api_error_code(err: SlackClientError) -> String {
        match err {
            SlackClientError::ApiError(api) => api.code,
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn auth_test_reports_the_bot_identity_and_rejects_other_tokens() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        let client = slack_client(&sim);

        let me = client
            .open_session(&token(BOT_TOKEN))
            .auth_test()
            .await
            .unwrap();
        assert_eq!(me.user_id.0, sim.bot_user_id());
        assert_eq!(me.bot_id.unwrap().0, BOT_ID);
        assert_eq!(me.team_id.0, TEAM_ID);

        let err = client
            .open_session(&token("xoxb-wrong"))
            .auth_test()
            .await
            .unwrap_err();
        assert_eq!(api_error_code(err), "invalid_auth");

        let calls = sim.calls_to("auth.test");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].token.as_deref(), Some(BOT_TOKEN));
    }

    #[tokio::test]
    async fn a_post_with_blocks_and_metadata_is_stored_and_listed_by_history_with_metadata() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.add_channel("C100", "stories", true);
        let client = slack_client(&sim);
        let bot = token(BOT_TOKEN);
        let session = client.open_session(&bot);
        let before = format!("{}", now_secs() - 1);

        let payload = HashMap::from([("outbox_id".to_string(), "42".to_string())]);
        let content = SlackMessageContent::new()
            .with_text("A story".into())
            .with_blocks(vec![SlackSectionBlock::new()
                .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
                    "*A story*".into(),
                )))
                .into()])
            .with_metadata(
                SlackMessageMetadata::new("spotlight_story".into()).with_event_payload(payload),
            );
        let posted = session
            .chat_post_message(&SlackApiChatPostMessageRequest::new("C100".into(), content))
            .await
            .unwrap();
        assert_eq!(posted.channel.0, "C100");

        let stored = sim.messages("C100");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0]["ts"], posted.ts.0.as_str());
        assert_eq!(stored[0]["blocks"][0]["type"], "section");
        assert_eq!(stored[0]["metadata"]["event_payload"]["outbox_id"], "42");
        assert_eq!(stored[0]["bot_id"], BOT_ID);
        let call = &sim.calls_to("chat.postMessage")[0];
        assert!(
            call.args["blocks"].is_array(),
            "JSON posts keep blocks as JSON"
        );

        let history = session
            .conversations_history(
                &SlackApiConversationsHistoryRequest::new()
                    .with_channel("C100".into())
                    .with_oldest(before.clone().into())
                    .with_include_all_metadata(true),
            )
            .await
            .unwrap();
        assert_eq!(history.messages.len(), 1);
        let metadata = history.messages[0].content.metadata.as_ref().unwrap();
        assert_eq!(metadata.event_type, "spotlight_story");
        assert_eq!(metadata.event_payload.as_ref().unwrap()["outbox_id"], "42");
        let history_call = &sim.calls_to("conversations.history")[0];
        assert_eq!(
            history_call.args["include_all_metadata"], "true",
            "GET args are strings"
        );

        let without = session
            .conversations_history(
                &SlackApiConversationsHistoryRequest::new()
                    .with_channel("C100".into())
                    .with_oldest(before.into()),
            )
            .await
            .unwrap();
        assert!(without.messages[0].content.metadata.is_none());

        let later = session
            .conversations_history(
                &SlackApiConversationsHistoryRequest::new()
                    .with_channel("C100".into())
                    .with_oldest(posted.ts.clone())
                    .with_include_all_metadata(true),
            )
            .await
            .unwrap();
        assert!(later.messages.is_empty(), "oldest is exclusive");
    }

    #[tokio::test]
    async fn scripted_failures_and_channel_rules_surface_as_api_errors() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.add_channel("C200", "random", false);
        let client = slack_client(&sim);
        let bot = token(BOT_TOKEN);
        let session = client.open_session(&bot);
        let post = |channel: &str| {
            SlackApiChatPostMessageRequest::new(
                channel.to_string().into(),
                SlackMessageContent::new().with_text("hello".into()),
            )
        };

        let err = session.chat_post_message(&post("C200")).await.unwrap_err();
        assert_eq!(api_error_code(err), "not_in_channel");

        sim.set_member("C200", true);
        sim.fail_next("chat.postMessage", "fatal_error");
        let err = session.chat_post_message(&post("C200")).await.unwrap_err();
        assert_eq!(api_error_code(err), "fatal_error");
        session.chat_post_message(&post("C200")).await.unwrap();

        let err = session.chat_post_message(&post("C999")).await.unwrap_err();
        assert_eq!(api_error_code(err), "channel_not_found");

        sim.archive_channel("C200");
        let err = session.chat_post_message(&post("C200")).await.unwrap_err();
        assert_eq!(api_error_code(err), "is_archived");

        sim.add_user("U1", "ada", "Ada Lovelace", None, false, "Europe/London");
        let dm = session
            .conversations_open(
                &SlackApiConversationsOpenRequest::new().with_users(vec!["U1".into()]),
            )
            .await
            .unwrap();
        assert_eq!(dm.channel.id.0, "DU1");
        session.chat_post_message(&post("DU1")).await.unwrap();
        assert_eq!(sim.dm_messages("U1").len(), 1);
        assert_eq!(sim.messages("C200").len(), 1);
        assert_eq!(sim.calls_to("chat.postMessage").len(), 6);
    }

    #[tokio::test]
    async fn a_rate_limited_call_answers_http_429_with_retry_after() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.add_channel("C300", "general", true);
        sim.rate_limit_next("chat.postMessage", 7);
        let http = reqwest::Client::new();
        let url = format!("{}/chat.postMessage", sim.api_url());
        let form = [
            ("channel", "C300"),
            ("text", "hi"),
            ("blocks", r#"[{"type":"divider"}]"#),
        ];

        let limited = http
            .post(&url)
            .bearer_auth(BOT_TOKEN)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(limited.status(), 429);
        assert_eq!(limited.headers()["retry-after"], "7");
        assert!(limited.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"));

        let ok: Value = http
            .post(&url)
            .bearer_auth(BOT_TOKEN)
            .form(&form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(ok["ok"], true);
        let call = &sim.calls_to("chat.postMessage")[1];
        assert_eq!(
            call.args["blocks"][0]["type"], "divider",
            "form blocks are decoded"
        );
        assert_eq!(sim.messages("C300")[0]["blocks"][0]["type"], "divider");

        // slack-morphism reports the same answer as a rate-limit error with its delay.
        sim.rate_limit_next("auth.test", 3);
        let client = slack_client(&sim);
        match client.open_session(&token(BOT_TOKEN)).auth_test().await {
            Err(SlackClientError::RateLimitError(err)) => {
                assert_eq!(err.retry_after, Some(Duration::from_secs(3)));
            }
            other => panic!("expected a rate-limit error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_delayed_post_lands_even_when_the_client_gives_up() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.add_channel("C400", "general", true);
        sim.delay_next("chat.postMessage", Duration::from_millis(600));
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(150))
            .build()
            .unwrap();

        let result = http
            .post(format!("{}/chat.postMessage", sim.api_url()))
            .bearer_auth(BOT_TOKEN)
            .json(&json!({"channel": "C400", "text": "maybe"}))
            .send()
            .await;
        assert!(result.unwrap_err().is_timeout());
        assert_eq!(sim.messages("C400")[0]["text"], "maybe");
    }

    #[tokio::test]
    async fn users_info_and_lookup_by_email_return_the_added_user() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.add_user(
            "U7",
            "grace",
            "Grace Hopper",
            Some("grace@example.com"),
            true,
            "America/New_York",
        );
        let client = slack_client(&sim);
        let bot = token(BOT_TOKEN);
        let session = client.open_session(&bot);

        let info = session
            .users_info(&SlackApiUsersInfoRequest::new("U7".into()))
            .await
            .unwrap();
        assert_eq!(info.user.id.0, "U7");
        assert_eq!(info.user.real_name.as_deref(), Some("Grace Hopper"));
        assert_eq!(info.user.tz.as_deref(), Some("America/New_York"));
        assert_eq!(info.user.flags.is_admin, Some(true));
        let profile = info.user.profile.unwrap();
        assert_eq!(profile.email.unwrap().0, "grace@example.com");

        let found = session
            .users_lookup_by_email(&SlackApiUsersLookupByEmailRequest::new(
                "Grace@Example.com".into(),
            ))
            .await
            .unwrap();
        assert_eq!(found.user.id.0, "U7");

        let err = session
            .users_lookup_by_email(&SlackApiUsersLookupByEmailRequest::new(
                "nobody@example.com".into(),
            ))
            .await
            .unwrap_err();
        assert_eq!(api_error_code(err), "users_not_found");
        let err = session
            .users_info(&SlackApiUsersInfoRequest::new("U404".into()))
            .await
            .unwrap_err();
        assert_eq!(api_error_code(err), "user_not_found");
    }

    #[tokio::test]
    async fn updates_reactions_threads_and_views_parse_in_slack_morphism() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        sim.add_channel("C500", "general", true);
        sim.add_user("U8", "alan", "Alan Turing", None, false, "Europe/London");
        let client = slack_client(&sim);
        let bot = token(BOT_TOKEN);
        let session = client.open_session(&bot);

        let posted = session
            .chat_post_message(&SlackApiChatPostMessageRequest::new(
                "C500".into(),
                SlackMessageContent::new().with_text("v1".into()),
            ))
            .await
            .unwrap();
        session
            .chat_update(&SlackApiChatUpdateRequest::new(
                "C500".into(),
                SlackMessageContent::new().with_text("v2".into()),
                posted.ts.clone(),
            ))
            .await
            .unwrap();
        assert_eq!(sim.messages("C500")[0]["text"], "v2");

        let reply_ts = sim.add_user_message("C500", "U8", "great story", Some(&posted.ts.0));
        sim.add_reaction("C500", &posted.ts.0, "tada", "U8");
        let reactions = session
            .reactions_get(
                &SlackApiReactionsGetRequest::new()
                    .with_channel("C500".into())
                    .with_timestamp(posted.ts.clone()),
            )
            .await
            .unwrap();
        match reactions {
            SlackApiReactionsGetResponse::Message(m) => {
                let list = m.message.content.reactions.unwrap();
                assert_eq!(list[0].name.0, "tada");
                assert_eq!(list[0].count, 1);
            }
            other => panic!("expected a message, got {other:?}"),
        }

        let thread = session
            .conversations_replies(&SlackApiConversationsRepliesRequest::new(
                "C500".into(),
                posted.ts.clone(),
            ))
            .await
            .unwrap();
        assert_eq!(thread.messages.len(), 2);
        assert_eq!(thread.messages[1].origin.ts.0, reply_ts);
        let history = session
            .conversations_history(
                &SlackApiConversationsHistoryRequest::new().with_channel("C500".into()),
            )
            .await
            .unwrap();
        assert_eq!(
            history.messages.len(),
            1,
            "thread replies stay out of history"
        );

        let info = session
            .conversations_info(&SlackApiConversationsInfoRequest::new("C500".into()))
            .await
            .unwrap();
        assert_eq!(info.channel.name.as_deref(), Some("general"));

        let home = SlackView::Home(SlackHomeView::new(vec![SlackSectionBlock::new()
            .with_text(SlackBlockText::Plain(SlackBlockPlainText::new(
                "Home".into(),
            )))
            .into()]));
        let published = session
            .views_publish(&SlackApiViewsPublishRequest::new("U8".into(), home))
            .await
            .unwrap();
        assert_eq!(
            sim.home_view("U8").unwrap()["id"],
            published.view.state_params.id.0.as_str()
        );

        let modal = SlackView::Modal(SlackModalView::new(
            SlackBlockPlainTextOnly::from("Tell us"),
            vec![],
        ));
        let opened = session
            .views_open(&SlackApiViewsOpenRequest::new(
                "trigger.1".into(),
                modal.clone(),
            ))
            .await
            .unwrap();
        session
            .views_update(
                &SlackApiViewsUpdateRequest::new(modal)
                    .with_view_id(opened.view.state_params.id.clone()),
            )
            .await
            .unwrap();
        assert_eq!(sim.calls_to("views.update").len(), 1);
    }

    /// Forwards push events from the Socket Mode listener to the test.
    async fn forward_push_event(
        event: SlackPushEventCallback,
        _client: Arc<SlackHyperClient>,
        states: SlackClientEventsUserState,
    ) -> UserCallbackResult<()> {
        let states = states.read().await;
        if let Some(tx) = states.get_user_state::<mpsc::UnboundedSender<SlackPushEventCallback>>() {
            let _ = tx.send(event);
        }
        Ok(())
    }

    /// Answers every slash command with an echo of its text.
    async fn echo_command(
        event: SlackCommandEvent,
        _client: Arc<SlackHyperClient>,
        _states: SlackClientEventsUserState,
    ) -> UserCallbackResult<SlackCommandEventResponse> {
        let text = format!("echo: {}", event.text.unwrap_or_default());
        Ok(SlackCommandEventResponse::new(
            SlackMessageContent::new().with_text(text),
        ))
    }

    #[tokio::test]
    async fn a_socket_mode_client_gets_an_event_acks_it_and_reconnects_after_a_drop() {
        let sim = SlackSim::start(BOT_TOKEN, APP_TOKEN).await;
        let client = slack_client(&sim);
        let (tx, mut events) = mpsc::unbounded_channel::<SlackPushEventCallback>();
        let environment =
            Arc::new(SlackClientEventsListenerEnvironment::new(client).with_user_state(tx));
        let callbacks = SlackSocketModeListenerCallbacks::new()
            .with_push_events(forward_push_event)
            .with_command_events(echo_command);
        // One connection keeps the test deterministic (the default opens a second after 5 s).
        let config = SlackClientSocketModeConfig::new().with_max_connections_count(1);
        let listener = SlackClientSocketModeListener::new(&config, environment, callbacks);
        listener.listen_for(&token(APP_TOKEN)).await.unwrap();
        listener.start().await;

        sim.wait_for_socket_connections(1, Duration::from_secs(5))
            .await;
        let message = json!({
            "type": "message", "channel": "DU1", "user": "U1", "text": "hi",
            "ts": "1700000001.000100", "channel_type": "im"
        });
        sim.socket_send(sim.events_api_envelope("env-1", "Ev1", message.clone()))
            .await;
        let ack = sim.wait_for_ack("env-1", Duration::from_secs(5)).await;
        assert_eq!(ack, json!({"envelope_id": "env-1"}));
        let event = tokio::time::timeout(Duration::from_secs(5), events.recv())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(event.event_id.0, "Ev1");

        let command = sim.slash_command_envelope("env-cmd", "/spotlight", "help", "U1", "C1");
        sim.socket_send(command).await;
        let ack = sim.wait_for_ack("env-cmd", Duration::from_secs(5)).await;
        assert_eq!(ack["payload"]["text"], "echo: help");

        sim.drop_socket().await;
        sim.wait_for_socket_connections(2, Duration::from_secs(5))
            .await;
        sim.socket_send(sim.events_api_envelope("env-2", "Ev2", message))
            .await;
        sim.wait_for_ack("env-2", Duration::from_secs(5)).await;
        let event = tokio::time::timeout(Duration::from_secs(5), events.recv())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(event.event_id.0, "Ev2");
        assert_eq!(sim.calls_to("apps.connections.open").len(), 2);
        assert_eq!(
            sim.calls_to("apps.connections.open")[0].token.as_deref(),
            Some(APP_TOKEN)
        );

        listener.shutdown().await;
    }
}
