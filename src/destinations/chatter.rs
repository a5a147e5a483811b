//! Salesforce Chatter: posts a story to a group's feed through the Connect REST API.
//!
//! Spotlight signs in with the OAuth 2.0 client credentials flow (a connected app with a
//! Run As user) and keeps one access token, renewed when an API call answers 401; the call
//! is then made once more, never twice. Every refusal carries a `delivery::SendError`:
//! `Rejected` when Salesforce certainly did not store the post (with `fixable` when an admin
//! can remove the cause), `Uncertain` when it may have (a timeout, a dropped connection, a
//! server error other than 503). A post in doubt is settled with `find`, which looks for the
//! story's marker line in the group's feed; it is never resent blindly. The client secret
//! and the access token are never logged.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::sync::Mutex;

use crate::config::Secret;
use crate::delivery::{Delivery, Publish, SendError};
use crate::domain::destination::{DestinationRef, Fix};
use crate::domain::feed::{self, Hero, Segment};
use crate::domain::picture::Attached;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

/// The Salesforce API version used unless `SPOTLIGHT_SALESFORCE_API_VERSION` says otherwise.
pub const DEFAULT_API_VERSION: &str = "62.0";
/// How long one request to Salesforce may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How far Salesforce's clock may be behind ours when `find` compares creation times.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::seconds(60);
/// How many pages of a group's feed `find` reads at most (100 posts a page).
const FIND_PAGES: usize = 5;

const URL_VAR: &str = "SPOTLIGHT_SALESFORCE_URL";
const CLIENT_ID_VAR: &str = "SPOTLIGHT_SALESFORCE_CLIENT_ID";
const SECRET_VAR: &str = "SPOTLIGHT_SALESFORCE_CLIENT_SECRET";
const VERSION_VAR: &str = "SPOTLIGHT_SALESFORCE_API_VERSION";

/// How Spotlight reaches a Salesforce org.
#[derive(Debug, Clone)]
pub struct ChatterSettings {
    /// The org's My Domain address, e.g. `https://acme.my.salesforce.com` (no trailing slash).
    pub instance_url: String,
    /// The connected app's consumer key.
    pub client_id: String,
    /// The connected app's consumer secret.
    pub client_secret: Secret,
    /// The REST API version, e.g. `62.0`.
    pub api_version: String,
}

impl ChatterSettings {
    /// Reads `SPOTLIGHT_SALESFORCE_URL`, `…_CLIENT_ID`, `…_CLIENT_SECRET` and the optional
    /// `…_API_VERSION`. None when none is set (Chatter is off); an error naming what to fix
    /// when only some are set or a value is malformed.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Option<Self>> {
        let read = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let url = read(URL_VAR);
        let client_id = read(CLIENT_ID_VAR);
        let secret = read(SECRET_VAR);
        let version = read(VERSION_VAR);
        if url.is_none() && client_id.is_none() && secret.is_none() && version.is_none() {
            return Ok(None);
        }
        let (Some(url), Some(client_id), Some(secret)) = (&url, &client_id, &secret) else {
            let missing: Vec<&str> = [
                (URL_VAR, url.is_none()),
                (CLIENT_ID_VAR, client_id.is_none()),
                (SECRET_VAR, secret.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, missing)| missing.then_some(name))
            .collect();
            anyhow::bail!(
                "Salesforce Chatter is only partly configured: {} not set. Set {URL_VAR} to your org's My Domain address (like https://acme.my.salesforce.com) and {CLIENT_ID_VAR} and {SECRET_VAR} to the connected app's consumer key and secret, or unset every SPOTLIGHT_SALESFORCE_* setting to turn Chatter off",
                missing.join(", ")
            );
        };
        let instance_url = parse_instance_url(url)?;
        let api_version = match version {
            None => DEFAULT_API_VERSION.to_string(),
            Some(v) => {
                let digits = v.strip_suffix(".0").unwrap_or_default();
                if digits.is_empty()
                    || digits.starts_with('0')
                    || !digits.chars().all(|c| c.is_ascii_digit())
                {
                    anyhow::bail!("{VERSION_VAR} is \"{v}\", which is not a Salesforce API version: write it like {DEFAULT_API_VERSION}, or unset it to use {DEFAULT_API_VERSION}");
                }
                v
            }
        };
        Ok(Some(ChatterSettings {
            instance_url,
            client_id: client_id.clone(),
            client_secret: Secret::new(secret.as_str()),
            api_version,
        }))
    }
}

fn parse_instance_url(raw: &str) -> anyhow::Result<String> {
    let bad = |why: &str| {
        anyhow::anyhow!("{URL_VAR} is \"{raw}\", {why}: set it to your org's My Domain address, like https://acme.my.salesforce.com (Setup → My Domain)")
    };
    let url = url::Url::parse(raw).map_err(|_| bad("which is not a web address"))?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
        return Err(bad("which is not an http(s) address"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(bad("which has more than the address of the org"));
    }
    if url
        .host_str()
        .is_some_and(|h| h.ends_with(".lightning.force.com"))
    {
        return Err(bad("the Lightning address, which does not serve the API"));
    }
    Ok(raw.trim_end_matches('/').to_string())
}

/// What an admin can do about a refusal, by Salesforce's error code (in the shipped
/// English; `Fix::chatter` gives it for any language); None when nobody can (the story
/// itself was refused, or Salesforce was busy).
pub fn fix_for(code: &str, group_id: &str) -> Option<String> {
    Fix::chatter(code, group_id).map(|f| f.to_string())
}

/// A Salesforce org's Chatter, signed in as the connected app's Run As user. Clones share
/// the connection pool, the token and the user cache.
#[derive(Clone)]
pub struct ChatterClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    settings: ChatterSettings,
    session: Mutex<Option<Session>>,
    /// Salesforce user IDs by lower-cased email address; None when there is no such user.
    users: Mutex<HashMap<String, Option<String>>>,
}

/// An access token and the address to use it at.
#[derive(Clone)]
struct Session {
    token: Secret,
    api_base: String,
    /// Counts the tokens fetched, so a caller that saw a 401 renews only a token it used.
    serial: u64,
}

/// An API answer other than a transport failure or a lasting 401.
struct Answer {
    status: StatusCode,
    body: Value,
}

impl std::fmt::Debug for ChatterClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatterClient")
            .field("instance_url", &self.inner.settings.instance_url)
            .finish_non_exhaustive()
    }
}

fn rejected(code: impl Into<String>, fixable: bool) -> anyhow::Error {
    anyhow::Error::new(SendError::Rejected {
        code: code.into(),
        fixable,
    })
}

fn uncertain(why: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(SendError::Uncertain(why.into()))
}

/// Salesforce's API errors come as `[{"errorCode": "…", "message": "…"}]`.
fn api_error(body: &Value) -> Option<(String, String)> {
    let first = body.as_array()?.first()?;
    let code = first.get("errorCode")?.as_str()?.to_string();
    let message = first
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    Some((code, message))
}

/// A refused API call as an error with a `SendError` in its chain: 503 and rate limits are
/// temporary, other 4xx are refusals (fixable when about the group or permissions), other
/// 5xx leave the outcome unknown.
fn refusal(answer: &Answer, group_id: &str, what: &str) -> anyhow::Error {
    let status = answer.status;
    let (code, message) = api_error(&answer.body)
        .unwrap_or_else(|| (format!("http_{}", status.as_u16()), String::new()));
    let detail = if message.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}, {code}: {message}")
    };
    if status == StatusCode::SERVICE_UNAVAILABLE {
        return rejected("unavailable", false).context(format!(
            "Salesforce is unavailable ({detail}); {what} will be tried again later"
        ));
    }
    if status == StatusCode::TOO_MANY_REQUESTS || code == "REQUEST_LIMIT_EXCEEDED" {
        return rejected("REQUEST_LIMIT_EXCEEDED", false).context(format!(
            "Salesforce's API request limit is used up ({detail}); {what} will be tried again later"
        ));
    }
    if status.is_client_error() {
        return match Fix::chatter(&code, group_id) {
            Some(fix) => rejected(code, true)
                .context(format!("Salesforce refused {what} ({detail})"))
                .context(fix),
            None => rejected(code, false).context(format!("Salesforce refused {what} ({detail})")),
        };
    }
    uncertain(format!("HTTP {status}")).context(format!(
        "Salesforce answered {what} with an error ({detail}); it may have been stored"
    ))
}

/// A request that got no HTTP answer: certainly unsent when the connection never opened,
/// otherwise perhaps received.
fn transport_error(error: reqwest::Error, what: &str) -> anyhow::Error {
    let error = error.without_url();
    if error.is_connect() {
        return rejected("unreachable", false).context(format!(
            "could not connect to Salesforce for {what}: {error}"
        ));
    }
    let why = if error.is_timeout() {
        format!("no answer within {} s", REQUEST_TIMEOUT.as_secs())
    } else {
        format!("{error}")
    };
    uncertain(why.clone()).context(format!("Salesforce gave no clear answer to {what} ({why})"))
}

/// Writes a string as a SOQL literal's contents.
fn soql_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out
}

fn segment_json(segment: &Segment) -> Value {
    match segment {
        Segment::Text(text) => json!({"type": "Text", "text": text}),
        Segment::Mention(id) => json!({"type": "Mention", "id": id}),
        Segment::Link(url) => json!({"type": "Link", "url": url}),
        Segment::Begin { markup, url } => {
            let mut v = json!({"type": "MarkupBegin", "markupType": markup.as_str()});
            if let Some(url) = url {
                v["url"] = json!(url);
            }
            v
        }
        Segment::End(markup) => json!({"type": "MarkupEnd", "markupType": markup.as_str()}),
    }
}

/// The group ID, checked before it goes into a URL.
fn group_id(raw: &str) -> anyhow::Result<String> {
    DestinationRef::chatter(raw)
        .map(|d| d.target)
        .map_err(|e| rejected("MALFORMED_ID", true).context(e.to_string()))
}

impl ChatterClient {
    pub fn new(settings: ChatterSettings) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Spotlight/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("failed to set up the HTTP client for Salesforce")?;
        Ok(ChatterClient {
            inner: Arc::new(Inner {
                http,
                settings,
                session: Mutex::new(None),
                users: Mutex::new(HashMap::new()),
            }),
        })
    }

    fn settings(&self) -> &ChatterSettings {
        &self.inner.settings
    }

    fn data_path(&self, rest: &str) -> String {
        format!("/services/data/v{}/{rest}", self.settings().api_version)
    }

    /// Posts the story to the group's feed and returns the new feed element's ID.
    #[tracing::instrument(skip_all, fields(story = d.story_id, group = %d.target))]
    pub async fn deliver(&self, d: &Delivery) -> anyhow::Result<String> {
        let group = group_id(&d.target)?;
        let hero_id = self.hero_user(d.hero_email.as_deref()).await?;
        let hero = Hero {
            name: &d.hero_name,
            salesforce_id: hero_id.as_deref(),
        };
        let mut segments: Vec<Value> = feed::post(&d.text, &d.names, d.story_id, &hero)
            .iter()
            .map(segment_json)
            .collect();
        // The pictures the hero chose, as Salesforce files shown in the post.
        for (n, p) in d.attached.iter().enumerate() {
            let file = self.upload_picture(&group, n + 1, p).await?;
            segments.push(json!({"type": "InlineImage", "fileId": file, "altText": p.alt}));
        }
        let body = json!({
            "feedElementType": "FeedItem",
            "subjectId": group,
            "body": {"messageSegments": segments},
        });
        let path = self.data_path("chatter/feed-elements");
        let answer = self
            .api(Method::POST, &path, &[], Some(&body), "the story")
            .await?;
        if !answer.status.is_success() {
            let error = refusal(&answer, &group, "the story");
            tracing::warn!(error = format!("{error:#}"), "Chatter refused the story");
            return Err(error);
        }
        match answer.body.get("id").and_then(Value::as_str) {
            Some(id) => {
                tracing::info!(element = id, "story posted to Chatter");
                Ok(id.to_string())
            }
            None => Err(
                uncertain("no feed element ID in the answer").context(format!(
                    "Salesforce accepted the story (HTTP {}) without saying which post it made",
                    answer.status
                )),
            ),
        }
    }

    /// Uploads a picture as a Salesforce file (a ContentVersion, its bytes in base64) and
    /// returns the file's ID (its ContentDocument), which an InlineImage segment names.
    async fn upload_picture(&self, group: &str, n: usize, p: &Attached) -> anyhow::Result<String> {
        let ext = match p.mimetype.as_str() {
            "image/jpeg" => "jpg",
            "image/gif" => "gif",
            "image/webp" => "webp",
            _ => "png",
        };
        let body = json!({
            "Title": p.alt.chars().take(255).collect::<String>(),
            "PathOnClient": format!("picture-{n}.{ext}"),
            "VersionData": BASE64.encode(&p.bytes),
        });
        let path = self.data_path("sobjects/ContentVersion");
        let what = "a picture";
        let answer = self
            .api(Method::POST, &path, &[], Some(&body), what)
            .await?;
        if !answer.status.is_success() {
            return Err(refusal(&answer, group, what));
        }
        let version = answer.body["id"]
            .as_str()
            .ok_or_else(|| uncertain("no ContentVersion ID in the answer"))?;
        let soql = format!(
            "SELECT ContentDocumentId FROM ContentVersion WHERE Id = '{}'",
            soql_escape(version)
        );
        let path = self.data_path("query");
        let answer = self
            .api(Method::GET, &path, &[("q", &soql)], None, what)
            .await?;
        if !answer.status.is_success() {
            return Err(refusal(&answer, group, what));
        }
        answer.body["records"][0]["ContentDocumentId"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| uncertain("no ContentDocumentId for an uploaded picture"))
    }

    /// Deletes a feed element Spotlight posted (`DELETE …/chatter/feed-elements/{id}`);
    /// one already gone (404) counts as deleted.
    #[tracing::instrument(skip_all, fields(group = %group, element = %element))]
    pub async fn delete(&self, group: &str, element: &str) -> anyhow::Result<()> {
        if element.is_empty() || !element.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(rejected("MALFORMED_ID", false).context(format!(
                "\"{element}\" is not a Chatter feed element ID: it cannot be deleted"
            )));
        }
        let path = self.data_path(&format!("chatter/feed-elements/{element}"));
        let answer = self
            .api(Method::DELETE, &path, &[], None, "the deletion of the post")
            .await?;
        if answer.status.is_success() || answer.status == StatusCode::NOT_FOUND {
            tracing::info!("story post deleted from Chatter");
            return Ok(());
        }
        let error = refusal(&answer, group, "the deletion of the post");
        tracing::warn!(error = format!("{error:#}"), "Chatter refused a deletion");
        Err(error)
    }

    /// Looks in the group's feed for the post of `d`'s story made at or after `since` (a
    /// minute's clock difference allowed), newest first.
    #[tracing::instrument(skip_all, fields(story = d.story_id, group = %d.target))]
    pub async fn find(&self, d: &Delivery, since: DateTime<Utc>) -> anyhow::Result<Option<String>> {
        let group = group_id(&d.target)?;
        let earliest = since - CLOCK_SKEW;
        let mut path = self.data_path(&format!("chatter/feeds/record/{group}/feed-elements"));
        let mut query: Vec<(&str, &str)> = vec![("sort", "CreatedDateDesc"), ("pageSize", "100")];
        for _ in 0..FIND_PAGES {
            let answer = self
                .api(Method::GET, &path, &query, None, "the feed lookup")
                .await?;
            if !answer.status.is_success() {
                return Err(refusal(&answer, &group, "the feed lookup"))
                    .context(format!("failed to read Chatter group {group}'s feed"));
            }
            let elements = answer.body["elements"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for element in &elements {
                let created = element["createdDate"]
                    .as_str()
                    .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                    .map(|t| t.with_timezone(&Utc));
                if created.is_some_and(|c| c < earliest) {
                    return Ok(None);
                }
                if feed::has_marker(&element_text(element), d.story_id) {
                    if let Some(id) = element["id"].as_str() {
                        tracing::info!(element = id, "found the story's post in Chatter");
                        return Ok(Some(id.to_string()));
                    }
                }
            }
            match answer.body["nextPageUrl"].as_str() {
                Some(next) if next.starts_with("/services/") && !elements.is_empty() => {
                    path = next.to_string();
                    query = Vec::new();
                }
                _ => return Ok(None),
            }
        }
        Ok(None)
    }

    /// The name of the Chatter group, when it exists and Spotlight's Run As user can post in
    /// it; otherwise an error that says what to fix.
    #[tracing::instrument(skip_all, fields(group = group_id))]
    pub async fn check(&self, group_id: &str) -> anyhow::Result<String> {
        let group = DestinationRef::chatter(group_id)?.target;
        let path = self.data_path(&format!("chatter/groups/{group}"));
        let answer = self
            .api(Method::GET, &path, &[], None, "the group lookup")
            .await
            .context(format!("failed to look up Chatter group {group}"))?;
        if !answer.status.is_success() {
            return Err(refusal(&answer, &group, "the group lookup"));
        }
        let name = answer.body["name"]
            .as_str()
            .filter(|n| !n.is_empty())
            .with_context(|| {
                format!("Salesforce described Chatter group {group} without a name")
            })?;
        let private = answer.body["visibility"].as_str() == Some("PrivateAccess");
        let member = answer.body["myRole"].as_str() != Some("NotAMember");
        if private && !member {
            return Err(anyhow::Error::msg(Fix::ChatterPrivate {
                name: name.to_string(),
                group,
            }));
        }
        Ok(name.to_string())
    }

    /// The hero's Salesforce user ID, found by email address and remembered (a miss too).
    /// A failed lookup only costs the mention, unless Salesforce refused Spotlight itself.
    async fn hero_user(&self, email: Option<&str>) -> anyhow::Result<Option<String>> {
        let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else {
            return Ok(None);
        };
        let key = email.to_lowercase();
        if let Some(known) = self.inner.users.lock().await.get(&key) {
            return Ok(known.clone());
        }
        let soql = format!(
            "SELECT Id FROM User WHERE Email = '{}' AND IsActive = true LIMIT 1",
            soql_escape(email)
        );
        let path = self.data_path("query");
        let found = match self
            .api(Method::GET, &path, &[("q", &soql)], None, "the user lookup")
            .await
        {
            Ok(answer) if answer.status.is_success() => answer.body["records"]
                .as_array()
                .and_then(|r| r.first())
                .and_then(|r| r["Id"].as_str())
                .map(str::to_string),
            Ok(answer) => {
                let error = refusal(&answer, "", "the user lookup");
                tracing::warn!(
                    error = format!("{error:#}"),
                    "could not look up the hero in Salesforce; naming them without a mention"
                );
                return Ok(None);
            }
            Err(error) => {
                if matches!(
                    error.downcast_ref::<SendError>(),
                    Some(SendError::Rejected { fixable: true, .. })
                ) {
                    return Err(error);
                }
                tracing::warn!(
                    error = format!("{error:#}"),
                    "could not look up the hero in Salesforce; naming them without a mention"
                );
                return Ok(None);
            }
        };
        self.inner.users.lock().await.insert(key, found.clone());
        Ok(found)
    }

    /// The current session, signing in when there is none.
    async fn session(&self) -> anyhow::Result<Session> {
        let mut slot = self.inner.session.lock().await;
        if let Some(session) = slot.as_ref() {
            return Ok(session.clone());
        }
        let session = self.sign_in(0).await?;
        *slot = Some(session.clone());
        Ok(session)
    }

    /// A session newer than the one that was refused (`stale`), signing in again unless
    /// another call already did.
    async fn renew(&self, stale: u64) -> anyhow::Result<Session> {
        let mut slot = self.inner.session.lock().await;
        if let Some(session) = slot.as_ref().filter(|s| s.serial != stale) {
            return Ok(session.clone());
        }
        *slot = None;
        let session = self.sign_in(stale).await?;
        *slot = Some(session.clone());
        Ok(session)
    }

    /// The client credentials flow: the consumer key and secret for an access token.
    async fn sign_in(&self, previous: u64) -> anyhow::Result<Session> {
        let settings = self.settings();
        let url = format!("{}/services/oauth2/token", settings.instance_url);
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", settings.client_id.as_str()),
            ("client_secret", settings.client_secret.expose()),
        ];
        let response = self
            .inner
            .http
            .post(&url)
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| {
                // Nothing was posted yet, whatever happened to the sign-in.
                let e = e.without_url();
                rejected("unreachable", false).context(format!(
                    "could not sign in to Salesforce at {}: {e}",
                    settings.instance_url
                ))
            })?;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status.is_redirection() {
            return Err(
                rejected("token_redirected", true).context(Fix::ChatterRedirected {
                    url: settings.instance_url.clone(),
                }),
            );
        }
        if status.is_client_error() {
            let code = body["error"]
                .as_str()
                .unwrap_or("invalid_client")
                .to_string();
            let description = body["error_description"].as_str().unwrap_or_default();
            tracing::warn!(code, description, "Salesforce refused Spotlight's sign-in");
            return Err(rejected(code.clone(), true).context(Fix::ChatterSignIn {
                error: Some(format!("{code}: {description}")),
            }));
        }
        let token = body["access_token"].as_str().filter(|t| !t.is_empty());
        let Some(token) = token.filter(|_| status.is_success()) else {
            return Err(rejected("unavailable", false).context(format!(
                "Salesforce's sign-in answered HTTP {status} without an access token; it will be tried again later"
            )));
        };
        let api_base = body["instance_url"]
            .as_str()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .unwrap_or(&settings.instance_url)
            .trim_end_matches('/')
            .to_string();
        tracing::debug!(api_base, "signed in to Salesforce");
        Ok(Session {
            token: Secret::new(token),
            api_base,
            serial: previous + 1,
        })
    }

    /// One API request with the session's token; on a 401, one more with a new token.
    async fn api(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
        what: &str,
    ) -> anyhow::Result<Answer> {
        let mut session = self.session().await?;
        for attempt in 0..2 {
            let mut request = self
                .inner
                .http
                .request(method.clone(), format!("{}{path}", session.api_base))
                .bearer_auth(session.token.expose())
                .header(reqwest::header::ACCEPT, "application/json");
            if !query.is_empty() {
                request = request.query(query);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request.send().await.map_err(|e| transport_error(e, what))?;
            let status = response.status();
            if status == StatusCode::UNAUTHORIZED {
                if attempt == 0 {
                    tracing::debug!("Salesforce refused the access token; signing in again");
                    session = self.renew(session.serial).await?;
                    continue;
                }
                return Err(rejected("invalid_session", true)
                    .context(format!(
                        "Salesforce refused {what} with a fresh access token (HTTP 401)"
                    ))
                    .context(Fix::ChatterSession));
            }
            let bytes = response
                .bytes()
                .await
                .map_err(|e| transport_error(e, what))?;
            let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            return Ok(Answer { status, body });
        }
        unreachable!("the loop returns on its second attempt")
    }
}

/// A Chatter group as one kind of destination behind the delivery port.
impl Publish for ChatterClient {
    async fn check(&self, to: &DestinationRef) -> anyhow::Result<Option<String>> {
        ChatterClient::check(self, &to.target).await.map(Some)
    }

    async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
        self.deliver(story).await
    }

    async fn find(&self, story: &Delivery, since: DateTime<Utc>) -> anyhow::Result<Option<String>> {
        ChatterClient::find(self, story, since).await
    }

    /// Salesforce's codes with a known fix; failing those, the refusal's own message says
    /// what to do (the client's messages are written for admins).
    fn fix_for(&self, to: &DestinationRef, code: &str, explanation: &str) -> Option<String> {
        fix_for(code, &to.target).or_else(|| Some(explanation.to_string()))
    }

    fn fix(&self, to: &DestinationRef, code: &str) -> Option<Fix> {
        Fix::chatter(code, &to.target)
    }

    async fn retract(&self, to: &DestinationRef, message_ref: &str) -> anyhow::Result<()> {
        self.delete(&to.target, message_ref).await
    }
}

/// The text of a feed element: its body's text, or its segments' texts.
fn element_text(element: &Value) -> String {
    if let Some(text) = element["body"]["text"].as_str() {
        return text.to_string();
    }
    element["body"]["messageSegments"]
        .as_array()
        .map(|segments| {
            segments
                .iter()
                .filter_map(|s| s["text"].as_str())
                .collect::<String>()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::destinations::test_env as env;

    const FULL: [(&str, &str); 3] = [
        (URL_VAR, "https://acme.my.salesforce.com/"),
        (CLIENT_ID_VAR, "3MVG9key"),
        (SECRET_VAR, "s3cret"),
    ];

    #[test]
    fn chatter_is_off_when_nothing_is_set() {
        assert!(ChatterSettings::from_env(env(&[])).unwrap().is_none());
        assert!(ChatterSettings::from_env(env(&[(URL_VAR, "  ")]))
            .unwrap()
            .is_none());
    }

    #[test]
    fn full_settings_are_read_with_the_default_version() {
        let s = ChatterSettings::from_env(env(&FULL)).unwrap().unwrap();
        assert_eq!(s.instance_url, "https://acme.my.salesforce.com");
        assert_eq!(s.client_id, "3MVG9key");
        assert_eq!(s.client_secret.expose(), "s3cret");
        assert_eq!(s.api_version, "62.0");
        assert!(!format!("{s:?}").contains("s3cret"));
    }

    #[test]
    fn partial_settings_name_what_is_missing() {
        let err = ChatterSettings::from_env(env(&[(URL_VAR, "https://acme.my.salesforce.com")]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(CLIENT_ID_VAR) && err.contains(SECRET_VAR),
            "{err}"
        );
        assert!(err.contains("not set"), "{err}");
        let err = ChatterSettings::from_env(env(&[(VERSION_VAR, "61.0")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains(URL_VAR), "{err}");
    }

    #[test]
    fn malformed_settings_say_how_to_fix_them() {
        for url in [
            "acme.my.salesforce.com",
            "ftp://acme.my.salesforce.com",
            "https://acme.my.salesforce.com/services",
            "https://acme.lightning.force.com",
        ] {
            let mut pairs = FULL.to_vec();
            pairs[0] = (URL_VAR, url);
            let err = ChatterSettings::from_env(env(&pairs))
                .unwrap_err()
                .to_string();
            assert!(err.contains("My Domain"), "{url}: {err}");
        }
        for version in ["62", "v62.0", "62.1", "latest"] {
            let mut pairs = FULL.to_vec();
            pairs.push((VERSION_VAR, version));
            let err = ChatterSettings::from_env(env(&pairs))
                .unwrap_err()
                .to_string();
            assert!(err.contains("like 62.0"), "{version}: {err}");
        }
        let mut pairs = FULL.to_vec();
        pairs.push((VERSION_VAR, "61.0"));
        let s = ChatterSettings::from_env(env(&pairs)).unwrap().unwrap();
        assert_eq!(s.api_version, "61.0");
    }

    #[test]
    fn soql_literals_cannot_be_broken_out_of() {
        assert_eq!(soql_escape(r"o'brien\x@acme.com"), r"o\'brien\\x@acme.com");
    }

    fn answer(status: u16, body: Value) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            body,
        }
    }

    fn kind(error: &anyhow::Error) -> SendError {
        error.downcast_ref::<SendError>().unwrap().clone()
    }

    #[test]
    fn refusals_are_classified_by_status_and_error_code() {
        let g = "0F9000000000001";
        let not_found = refusal(
            &answer(404, json!([{"errorCode": "NOT_FOUND", "message": "gone"}])),
            g,
            "the story",
        );
        assert_eq!(
            kind(&not_found),
            SendError::Rejected {
                code: "NOT_FOUND".into(),
                fixable: true
            }
        );
        assert!(format!("{not_found:#}").contains("check the group ID"));
        let invalid = refusal(
            &answer(
                400,
                json!([{"errorCode": "INVALID_MARKUP", "message": "x"}]),
            ),
            g,
            "the story",
        );
        assert_eq!(
            kind(&invalid),
            SendError::Rejected {
                code: "INVALID_MARKUP".into(),
                fixable: false
            }
        );
        let limit = refusal(
            &answer(
                403,
                json!([{"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "x"}]),
            ),
            g,
            "the story",
        );
        assert_eq!(
            kind(&limit),
            SendError::Rejected {
                code: "REQUEST_LIMIT_EXCEEDED".into(),
                fixable: false
            }
        );
        assert_eq!(
            kind(&refusal(&answer(503, Value::Null), g, "the story")),
            SendError::Rejected {
                code: "unavailable".into(),
                fixable: false
            }
        );
        assert!(matches!(
            kind(&refusal(&answer(500, Value::Null), g, "the story")),
            SendError::Uncertain(_)
        ));
        assert!(matches!(
            kind(&refusal(&answer(502, Value::Null), g, "the story")),
            SendError::Uncertain(_)
        ));
    }
}
