//! A local stand-in for a Salesforce org's Chatter, for tests of the Chatter destination.
//!
//! `ChatterStandIn::start` binds a loopback port and serves what Spotlight uses, shaped as
//! Salesforce documents it: the OAuth 2.0 token endpoint (client credentials flow), posting
//! a feed item (`POST /services/data/vXX.X/chatter/feed-elements`), a group's feed
//! (`GET …/chatter/feeds/record/{groupId}/feed-elements`), a group (`GET …/chatter/groups/{id}`)
//! a SOQL query for a user by email (`GET …/query?q=…`) and deleting a feed element its
//! Run As user posted (`DELETE …/chatter/feed-elements/{id}`). It checks each request's shape
//! (form or JSON content type, bearer token, feed item fields, message segments and their
//! nesting), records every request, keeps the posts it stored, and can be told to expire
//! tokens, refuse every session, refuse the sign-in, or answer the next posts with a 503, a
//! refusal, or a 500 / a dropped connection after storing the post (an outcome in doubt).
#![allow(dead_code)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};
use spotlight::config::Secret;
use spotlight::destinations::chatter::ChatterSettings;
use tokio::net::TcpListener;
use tokio::task::AbortHandle;

/// The connected app's consumer key and secret the stand-in accepts.
pub const CLIENT_ID: &str = "3MVG9standin.consumer.key";
pub const CLIENT_SECRET: &str = "standin-consumer-secret";
/// The API version the stand-in's settings use.
pub const API_VERSION: &str = "62.0";
/// A public group the Run As user belongs to.
pub const GROUP_ID: &str = "0F9000000000001AAA";
pub const GROUP_NAME: &str = "Customer Wins";
/// A private group the Run As user is not a member of.
pub const PRIVATE_GROUP_ID: &str = "0F9000000000002AAA";
pub const PRIVATE_GROUP_NAME: &str = "Leadership";

/// Message segment types Salesforce accepts in a feed item's body.
const SEGMENT_TYPES: [&str; 8] = [
    "Text",
    "Mention",
    "Link",
    "MarkupBegin",
    "MarkupEnd",
    "Hashtag",
    "EntityLink",
    "InlineImage",
];
/// Markup types Salesforce documents for MarkupBegin / MarkupEnd.
const MARKUP_TYPES: [&str; 10] = [
    "Bold",
    "Code",
    "Hyperlink",
    "Italic",
    "ListItem",
    "OrderedList",
    "Paragraph",
    "Strikethrough",
    "Underline",
    "UnorderedList",
];

/// One request the stand-in received, with the status it answered (0: connection dropped).
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The raw query string, still encoded.
    pub query: Option<String>,
    pub host: Option<String>,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
    pub status: u16,
}

impl Request {
    /// A query parameter, decoded.
    pub fn param(&self, name: &str) -> Option<String> {
        let query = self.query.as_deref()?;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// A form field of the body, decoded.
    pub fn form(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The body as JSON (Null when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    pub fn is_token(&self) -> bool {
        self.path == "/services/oauth2/token"
    }

    pub fn is_post(&self) -> bool {
        self.method == "POST" && self.path.ends_with("/chatter/feed-elements")
    }
}

/// A feed item the stand-in stored.
#[derive(Debug, Clone)]
pub struct Element {
    pub id: String,
    /// The group (subject) it was posted to.
    pub group: String,
    pub created: DateTime<Utc>,
    /// The plain text Salesforce would show: paragraphs on lines, mentions as `@Name`.
    pub text: String,
    /// The message segments as posted.
    pub segments: Vec<Value>,
    /// Posted through the API by Spotlight's Run As user (not someone else's post).
    pub by_app: bool,
}

/// What the next post is answered with instead of a plain success.
#[derive(Debug, Clone)]
pub enum PostFault {
    /// HTTP 503, nothing stored: Salesforce is down for maintenance.
    Unavailable,
    /// This status and Salesforce error code, nothing stored.
    Refuse { status: u16, code: String },
    /// The post is stored, then HTTP 500 is answered.
    StoreThenError,
    /// The post is stored, then the connection is dropped without an answer.
    StoreThenDrop,
}

#[derive(Debug, Clone)]
struct Group {
    name: String,
    private: bool,
    member: bool,
}

#[derive(Debug, Clone)]
struct User {
    id: String,
    name: String,
    email: String,
    active: bool,
}

#[derive(Default)]
struct StandInState {
    requests: Vec<Request>,
    tokens_issued: usize,
    valid_tokens: HashSet<String>,
    refuse_sessions: bool,
    sign_in_error: Option<(String, String)>,
    instance_url: Option<String>,
    groups: HashMap<String, Group>,
    users: Vec<User>,
    elements: Vec<Element>,
    post_faults: VecDeque<PostFault>,
    next_id: u64,
    files: Vec<File>,
}

/// A file uploaded to the stand-in (a ContentVersion and its ContentDocument).
#[derive(Debug, Clone)]
pub struct File {
    pub version: String,
    pub document: String,
    pub title: String,
    pub path: String,
    pub bytes: Vec<u8>,
}

struct Shared {
    state: Mutex<StandInState>,
    base_url: String,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, StandInState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct TaskGuard(AbortHandle);

impl Drop for TaskGuard {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A fake Salesforce org on a loopback port. Clones share it; it stops with the last clone.
#[derive(Clone)]
pub struct ChatterStandIn {
    shared: Arc<Shared>,
    _guard: Arc<TaskGuard>,
}

impl ChatterStandIn {
    /// Starts the stand-in with the two groups above and no users.
    pub async fn start() -> ChatterStandIn {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("chatter stand-in: cannot bind a port");
        let addr = listener.local_addr().expect("chatter stand-in address");
        let shared = Arc::new(Shared {
            state: Mutex::new(StandInState::default()),
            base_url: format!("http://{addr}"),
        });
        {
            let mut st = shared.lock();
            st.groups.insert(
                GROUP_ID.to_string(),
                Group {
                    name: GROUP_NAME.to_string(),
                    private: false,
                    member: true,
                },
            );
            st.groups.insert(
                PRIVATE_GROUP_ID.to_string(),
                Group {
                    name: PRIVATE_GROUP_NAME.to_string(),
                    private: true,
                    member: false,
                },
            );
        }
        let router = Router::new().fallback(handle).with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        ChatterStandIn {
            shared,
            _guard: Arc::new(TaskGuard(task.abort_handle())),
        }
    }

    /// Where the stand-in listens, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// Settings that sign in successfully.
    pub fn settings(&self) -> ChatterSettings {
        self.settings_with_secret(CLIENT_SECRET)
    }

    /// Settings with another consumer secret (a wrong one fails the sign-in).
    pub fn settings_with_secret(&self, secret: &str) -> ChatterSettings {
        ChatterSettings {
            instance_url: self.base_url(),
            client_id: CLIENT_ID.to_string(),
            client_secret: Secret::new(secret),
            api_version: API_VERSION.to_string(),
        }
    }

    /// Adds a group; `member` says whether the Run As user belongs to it.
    pub fn add_group(&self, id: &str, name: &str, private: bool, member: bool) {
        self.shared.lock().groups.insert(
            id.to_string(),
            Group {
                name: name.to_string(),
                private,
                member,
            },
        );
    }

    /// Adds an active Salesforce user.
    pub fn add_user(&self, id: &str, name: &str, email: &str) {
        self.shared.lock().users.push(User {
            id: id.to_string(),
            name: name.to_string(),
            email: email.to_string(),
            active: true,
        });
    }

    /// Adds a post to a group's feed, as if someone had written it at `created`.
    pub fn add_post(&self, group: &str, text: &str, created: DateTime<Utc>) -> String {
        let mut st = self.shared.lock();
        let id = next_element_id(&mut st);
        st.elements.push(Element {
            id: id.clone(),
            group: group.to_string(),
            created,
            text: text.to_string(),
            segments: vec![json!({"type": "Text", "text": text})],
            by_app: false,
        });
        id
    }

    /// Ends every session handed out so far (the next API call with one gets a 401).
    pub fn expire_tokens(&self) {
        self.shared.lock().valid_tokens.clear();
    }

    /// Makes every API call answer 401, even with a token just handed out.
    pub fn refuse_sessions(&self, refuse: bool) {
        self.shared.lock().refuse_sessions = refuse;
    }

    /// Makes the token endpoint answer 400 with this OAuth error (None: sign in normally).
    pub fn refuse_sign_in(&self, error: Option<(&str, &str)>) {
        self.shared.lock().sign_in_error = error.map(|(e, d)| (e.to_string(), d.to_string()));
    }

    /// The `instance_url` the token endpoint hands out (None: the stand-in's own address).
    pub fn answer_instance_url(&self, url: Option<&str>) {
        self.shared.lock().instance_url = url.map(str::to_string);
    }

    /// Answers the next `n` feed item posts with `fault`.
    pub fn fail_next_posts(&self, n: usize, fault: PostFault) {
        let mut st = self.shared.lock();
        for _ in 0..n {
            st.post_faults.push_back(fault.clone());
        }
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.lock().requests.clone()
    }

    /// The token requests received.
    pub fn token_requests(&self) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.is_token())
            .collect()
    }

    /// The feed item posts received (stored or not).
    pub fn post_requests(&self) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.is_post())
            .collect()
    }

    /// How many access tokens were handed out.
    pub fn tokens_issued(&self) -> usize {
        self.shared.lock().tokens_issued
    }

    /// The files uploaded so far.
    pub fn files(&self) -> Vec<File> {
        self.shared.lock().files.clone()
    }

    /// Every feed item stored (posted or added), oldest first.
    pub fn posted(&self) -> Vec<Element> {
        self.shared.lock().elements.clone()
    }

    /// The feed items in one group, oldest first.
    pub fn posted_to(&self, group: &str) -> Vec<Element> {
        self.posted()
            .into_iter()
            .filter(|e| e.group == group)
            .collect()
    }
}

fn next_element_id(st: &mut StandInState) -> String {
    st.next_id += 1;
    format!("0D5{:015}", st.next_id)
}

fn errors(status: StatusCode, code: &str, message: &str) -> (StatusCode, Value) {
    (status, json!([{"errorCode": code, "message": message}]))
}

fn oauth_error(error: &str, description: &str) -> (StatusCode, Value) {
    (
        StatusCode::BAD_REQUEST,
        json!({"error": error, "error_description": description}),
    )
}

/// What a request is answered with once the state is unlocked.
enum Outcome {
    Answer(StatusCode, Value),
    Drop,
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header_value = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut request = Request {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        host: header_value(header::HOST),
        authorization: header_value(header::AUTHORIZATION),
        content_type: header_value(header::CONTENT_TYPE),
        body: String::from_utf8_lossy(&body).into_owned(),
        status: 0,
    };
    let outcome = {
        let mut st = shared.lock();
        let outcome = route(&mut st, &shared.base_url, &request);
        if let Outcome::Answer(status, _) = &outcome {
            request.status = status.as_u16();
        }
        st.requests.push(request);
        outcome
    };
    match outcome {
        Outcome::Answer(status, body) => (status, Json(body)).into_response(),
        // Unwinding ends this connection's task: the client sees the connection close
        // without an answer. `resume_unwind` skips the panic hook, so nothing is printed.
        Outcome::Drop => std::panic::resume_unwind(Box::new("the stand-in drops the connection")),
    }
}

fn route(st: &mut StandInState, base_url: &str, req: &Request) -> Outcome {
    if req.path == "/services/oauth2/token" {
        let (status, body) = token(st, base_url, req);
        return Outcome::Answer(status, body);
    }
    let Some(rest) = req.path.strip_prefix("/services/data/v") else {
        let (s, b) = errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        );
        return Outcome::Answer(s, b);
    };
    let Some((version, resource)) = rest.split_once('/') else {
        let (s, b) = errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        );
        return Outcome::Answer(s, b);
    };
    let version_ok = version
        .strip_suffix(".0")
        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    if !version_ok {
        let (s, b) = errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        );
        return Outcome::Answer(s, b);
    }
    // Every API call needs a live session.
    let token = req
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "));
    if st.refuse_sessions || !token.is_some_and(|t| st.valid_tokens.contains(t)) {
        let (s, b) = errors(
            StatusCode::UNAUTHORIZED,
            "INVALID_SESSION_ID",
            "Session expired or invalid",
        );
        return Outcome::Answer(s, b);
    }
    let parts: Vec<&str> = resource.split('/').collect();
    let answer = match (req.method.as_str(), parts.as_slice()) {
        ("POST", ["chatter", "feed-elements"]) => return post(st, version, req),
        ("DELETE", ["chatter", "feed-elements", id]) => delete(st, id),
        ("GET", ["chatter", "feeds", "record", group, "feed-elements"]) => {
            feed(st, version, group, req)
        }
        ("GET", ["chatter", "groups", group]) => group_detail(st, version, group),
        ("GET", ["query"]) => query(st, version, req),
        ("POST", ["sobjects", "ContentVersion"]) => content_version(st, req),
        _ => errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        ),
    };
    Outcome::Answer(answer.0, answer.1)
}

fn token(st: &mut StandInState, base_url: &str, req: &Request) -> (StatusCode, Value) {
    if req.method != "POST" {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            json!({"error": "invalid_request"}),
        );
    }
    if !req
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
    {
        return oauth_error("invalid_request", "the body must be form-encoded");
    }
    if req.form("grant_type").as_deref() != Some("client_credentials") {
        return oauth_error("unsupported_grant_type", "grant type not supported");
    }
    if req.form("client_id").as_deref() != Some(CLIENT_ID)
        || req.form("client_secret").as_deref() != Some(CLIENT_SECRET)
    {
        return oauth_error("invalid_client", "invalid client credentials");
    }
    if let Some((error, description)) = &st.sign_in_error {
        return oauth_error(error, description);
    }
    st.tokens_issued += 1;
    let token = format!("00Dstandin!token{}", st.tokens_issued);
    st.valid_tokens.insert(token.clone());
    let instance_url = st
        .instance_url
        .clone()
        .unwrap_or_else(|| base_url.to_string());
    (
        StatusCode::OK,
        json!({
            "access_token": token,
            "signature": "c3RhbmQtaW4=",
            "scope": "api",
            "instance_url": instance_url,
            "id": format!("{base_url}/id/00D000000000001AAA/005000000000000AAA"),
            "token_type": "Bearer",
            "issued_at": Utc::now().timestamp_millis().to_string(),
        }),
    )
}

fn user_name(st: &StandInState, id: &str) -> Option<String> {
    st.users.iter().find(|u| u.id == id).map(|u| u.name.clone())
}

/// Checks a body's message segments as Salesforce does and renders their plain text.
fn check_segments(st: &StandInState, segments: &[Value]) -> Result<String, String> {
    if segments.is_empty() {
        return Err("the body has no message segments".into());
    }
    let mut text = String::new();
    let mut open: Vec<&str> = Vec::new();
    for seg in segments {
        let kind = seg["type"].as_str().unwrap_or_default();
        if !SEGMENT_TYPES.contains(&kind) {
            return Err(format!("unknown message segment type {kind:?}"));
        }
        if open.last() == Some(&"Code") && !matches!(kind, "Text" | "MarkupEnd") {
            return Err("code markup may contain only text segments".into());
        }
        match kind {
            "Text" => {
                let t = seg["text"].as_str().ok_or("a Text segment needs text")?;
                text.push_str(t);
            }
            "Mention" => {
                let id = seg["id"].as_str().ok_or("a Mention segment needs an id")?;
                let name = user_name(st, id).ok_or(format!("no user {id} to mention"))?;
                text.push('@');
                text.push_str(&name);
            }
            "Link" => {
                let url = seg["url"].as_str().ok_or("a Link segment needs a url")?;
                text.push_str(url);
            }
            "InlineImage" => {
                let id = seg["fileId"].as_str().unwrap_or_default();
                if !st.files.iter().any(|f| f.document == id) {
                    return Err(format!("no file {id} to show inline"));
                }
                if seg["altText"].as_str().is_none_or(|a| a.trim().is_empty()) {
                    return Err("an InlineImage segment needs altText".into());
                }
            }
            "MarkupBegin" | "MarkupEnd" => {
                let markup = seg["markupType"].as_str().unwrap_or_default();
                if !MARKUP_TYPES.contains(&markup) {
                    return Err(format!("unknown markup type {markup:?}"));
                }
                if kind == "MarkupBegin" {
                    if markup == "Hyperlink" {
                        let url = seg["url"].as_str().unwrap_or_default();
                        if !(url.starts_with("https://") || url.starts_with("http://")) {
                            return Err("a Hyperlink needs an http(s) url".into());
                        }
                    }
                    if markup == "Paragraph" && !open.is_empty() {
                        return Err("a paragraph cannot be nested".into());
                    }
                    open.push(markup);
                } else {
                    if open.pop() != Some(markup) {
                        return Err(format!("MarkupEnd {markup} does not close the open markup"));
                    }
                    if markup == "Paragraph" {
                        text.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(format!("markup left open: {open:?}"));
    }
    Ok(text.trim_end_matches('\n').to_string())
}

fn element_json(version: &str, e: &Element) -> Value {
    json!({
        "id": e.id,
        "feedElementType": "FeedItem",
        "createdDate": e.created.to_rfc3339_opts(SecondsFormat::Millis, true),
        "body": {"isRichText": true, "text": e.text, "messageSegments": e.segments},
        "parent": {"id": e.group, "type": "CollaborationGroup"},
        "url": format!("/services/data/v{version}/chatter/feed-elements/{}", e.id),
    })
}

fn post(st: &mut StandInState, version: &str, req: &Request) -> Outcome {
    let answer = |r: (StatusCode, Value)| Outcome::Answer(r.0, r.1);
    if !req
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("application/json"))
    {
        return answer(errors(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "the body must be JSON",
        ));
    }
    let fault = st.post_faults.pop_front();
    match &fault {
        Some(PostFault::Unavailable) => {
            return answer(errors(
                StatusCode::SERVICE_UNAVAILABLE,
                "SERVER_UNAVAILABLE",
                "The server is down for maintenance",
            ))
        }
        Some(PostFault::Refuse { status, code }) => {
            return answer(errors(
                StatusCode::from_u16(*status).expect("a status code"),
                code,
                "refused by the test",
            ))
        }
        _ => {}
    }
    let Ok(input) = serde_json::from_str::<Value>(&req.body) else {
        return answer(errors(
            StatusCode::BAD_REQUEST,
            "JSON_PARSER_ERROR",
            "malformed JSON",
        ));
    };
    if input["feedElementType"] != "FeedItem" {
        return answer(errors(
            StatusCode::BAD_REQUEST,
            "INVALID_INPUT",
            "feedElementType must be FeedItem",
        ));
    }
    let group_id = input["subjectId"].as_str().unwrap_or_default().to_string();
    let Some(group) = st.groups.get(&group_id).cloned() else {
        return answer(errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        ));
    };
    if group.private && !group.member {
        return answer(errors(
            StatusCode::FORBIDDEN,
            "INSUFFICIENT_ACCESS",
            "You don't have permission to post to this group",
        ));
    }
    let segments = input["body"]["messageSegments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let text = match check_segments(st, &segments) {
        Ok(text) => text,
        Err(why) => return answer(errors(StatusCode::BAD_REQUEST, "INVALID_INPUT", &why)),
    };
    let id = next_element_id(st);
    let element = Element {
        id,
        group: group_id,
        created: Utc::now(),
        text,
        segments,
        by_app: true,
    };
    let json = element_json(version, &element);
    st.elements.push(element);
    match fault {
        Some(PostFault::StoreThenDrop) => Outcome::Drop,
        Some(PostFault::StoreThenError) => answer(errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            "UNKNOWN_EXCEPTION",
            "An unexpected error occurred",
        )),
        _ => Outcome::Answer(StatusCode::CREATED, json),
    }
}

/// Deletes a feed element as Salesforce does for its author: 204 with no body; another
/// person's post is refused (403), an unknown one is not found (404).
fn delete(st: &mut StandInState, id: &str) -> (StatusCode, Value) {
    let Some(i) = st.elements.iter().position(|e| e.id == id) else {
        return errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        );
    };
    if !st.elements[i].by_app {
        return errors(
            StatusCode::FORBIDDEN,
            "INSUFFICIENT_ACCESS",
            "You don't have permission to delete this feed element",
        );
    }
    st.elements.remove(i);
    (StatusCode::NO_CONTENT, Value::Null)
}

fn visible_group(st: &StandInState, id: &str) -> Result<Group, (StatusCode, Value)> {
    st.groups.get(id).cloned().ok_or_else(|| {
        errors(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "The requested resource does not exist",
        )
    })
}

fn feed(st: &StandInState, version: &str, group_id: &str, req: &Request) -> (StatusCode, Value) {
    let group = match visible_group(st, group_id) {
        Ok(g) => g,
        Err(e) => return e,
    };
    if group.private && !group.member {
        return errors(
            StatusCode::FORBIDDEN,
            "INSUFFICIENT_ACCESS",
            "You don't have access to this group's feed",
        );
    }
    let page_size: usize = req
        .param("pageSize")
        .and_then(|s| s.parse().ok())
        .unwrap_or(25)
        .clamp(1, 100);
    let start: usize = req.param("page").and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut elements: Vec<&Element> = st.elements.iter().filter(|e| e.group == group_id).collect();
    // Newest first; later posts first among equal times.
    elements.reverse();
    elements.sort_by_key(|e| std::cmp::Reverse(e.created));
    let page: Vec<Value> = elements
        .iter()
        .skip(start)
        .take(page_size)
        .map(|e| element_json(version, e))
        .collect();
    let base = format!("/services/data/v{version}/chatter/feeds/record/{group_id}/feed-elements");
    let next = (start + page_size < elements.len()).then(|| {
        format!(
            "{base}?page={}&pageSize={page_size}&sort=CreatedDateDesc",
            start + page_size
        )
    });
    (
        StatusCode::OK,
        json!({
            "currentPageUrl": format!("{base}?page={start}&pageSize={page_size}&sort=CreatedDateDesc"),
            "elements": page,
            "nextPageToken": next.as_ref().map(|_| (start + page_size).to_string()),
            "nextPageUrl": next,
            "updatesToken": null,
            "updatesUrl": null,
        }),
    )
}

fn group_detail(st: &StandInState, version: &str, id: &str) -> (StatusCode, Value) {
    let group = match visible_group(st, id) {
        Ok(g) => g,
        Err(e) => return e,
    };
    (
        StatusCode::OK,
        json!({
            "id": id,
            "name": group.name,
            "type": "CollaborationGroup",
            "visibility": if group.private { "PrivateAccess" } else { "PublicAccess" },
            "myRole": if group.member { "StandardMember" } else { "NotAMember" },
            "memberCount": 12,
            "isArchived": false,
            "url": format!("/services/data/v{version}/chatter/groups/{id}"),
        }),
    )
}

/// Reads the one SOQL query Spotlight sends, unescaping the email literal.
fn parse_user_query(q: &str) -> Option<String> {
    let rest = q.strip_prefix("SELECT Id FROM User WHERE Email = '")?;
    let mut email = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, escaped) = chars.next()?;
                email.push(match escaped {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    other => other,
                });
            }
            '\'' => {
                return (&rest[i + 1..] == " AND IsActive = true LIMIT 1").then_some(email);
            }
            _ => email.push(c),
        }
    }
    None
}

/// A file uploaded as a ContentVersion: the version's ID, its bytes in base64 decoded,
/// checked as Salesforce checks the fields it needs.
fn content_version(st: &mut StandInState, req: &Request) -> (StatusCode, Value) {
    let input = req.json();
    let field = |name: &str| input[name].as_str().filter(|v| !v.is_empty());
    let (Some(title), Some(path), Some(data)) =
        (field("Title"), field("PathOnClient"), field("VersionData"))
    else {
        return errors(
            StatusCode::BAD_REQUEST,
            "REQUIRED_FIELD_MISSING",
            "Required fields are missing: [Title, PathOnClient, VersionData]",
        );
    };
    if title.chars().count() > 255 {
        return errors(
            StatusCode::BAD_REQUEST,
            "STRING_TOO_LONG",
            "Title: data value too large",
        );
    }
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(data) else {
        return errors(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD",
            "VersionData is not base64",
        );
    };
    st.next_id += 1;
    let file = File {
        version: format!("068{:012}AAA", st.next_id),
        document: format!("069{:012}AAA", st.next_id),
        title: title.to_string(),
        path: path.to_string(),
        bytes,
    };
    let id = file.version.clone();
    st.files.push(file);
    (
        StatusCode::CREATED,
        json!({"id": id, "success": true, "errors": []}),
    )
}

fn query(st: &StandInState, version: &str, req: &Request) -> (StatusCode, Value) {
    let q = req.param("q").unwrap_or_default();
    if let Some(id) = q
        .strip_prefix("SELECT ContentDocumentId FROM ContentVersion WHERE Id = '")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        let records: Vec<Value> = st
            .files
            .iter()
            .filter(|f| f.version == id)
            .map(|f| json!({"attributes": {"type": "ContentVersion"}, "ContentDocumentId": f.document}))
            .collect();
        return (
            StatusCode::OK,
            json!({"totalSize": records.len(), "done": true, "records": records}),
        );
    }
    let Some(email) = parse_user_query(&q) else {
        return errors(
            StatusCode::BAD_REQUEST,
            "MALFORMED_QUERY",
            &format!("the stand-in does not understand {q:?}"),
        );
    };
    let records: Vec<Value> = st
        .users
        .iter()
        .filter(|u| u.active && u.email.eq_ignore_ascii_case(&email))
        .take(1)
        .map(|u| {
            json!({
                "attributes": {"type": "User", "url": format!("/services/data/v{version}/sobjects/User/{}", u.id)},
                "Id": u.id,
            })
        })
        .collect();
    (
        StatusCode::OK,
        json!({"totalSize": records.len(), "done": true, "records": records}),
    )
}
