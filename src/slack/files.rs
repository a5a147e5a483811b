//! Files people send the bot in a direct message.
//!
//! An admin's usage export (a CSV or text file) is an import: its details are read with
//! `files.info`, its bytes downloaded from `url_private_download` with the bot token
//! (under `DOWNLOAD_TIMEOUT`, at most `MAX_FILE_BYTES`), and imported with the same checks
//! as `spotlight import-usage` (`usage_import::import_bytes`). The admin is told what was
//! imported, or which lines are wrong (nothing is changed then). Anyone else's export is
//! refused and nothing is downloaded; other files (a screenshot) are not imports at all.
//!
//! Files Spotlight shares (the report's chart and CSV) go out from the sender, never from
//! the engine, through Slack's external upload flow: `files.getUploadURLExternal` per
//! file, the bytes POSTed to the address it gives, then one `files.completeUploadExternal`
//! sharing them in the person's DM with the text beside them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use slack_morphism::prelude::*;

use super::{transport, Shared};
use crate::config::Secret;
use crate::delivery::{ForOutbox, SendError};
use crate::domain::texts::{Arg, Texts};
use crate::domain::usage::ColumnHints;
use crate::domain::{command, mrkdwn, UserId};
use crate::usage_import::{self, ImportReport, Refused};

/// The largest file an admin may import from Slack (20 MiB): far more than a year of
/// weekly figures for thousands of people.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// How long a file's download may take in all.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long an import may spend matching emails to Slack users (`users.lookupByEmail`,
/// one call per email, rate limited): the admin's lane holds the engine meanwhile.
/// Emails not looked up in time are kept unmatched, and the reply says so.
pub const LOOKUP_BUDGET: Duration = Duration::from_secs(10);

/// What Slack says about a file in a message: enough to tell a usage export from a
/// screenshot.
pub fn is_usage_file(name: Option<&str>, mimetype: Option<&str>, filetype: Option<&str>) -> bool {
    let name = name.unwrap_or_default().to_ascii_lowercase();
    let csv_name = name.ends_with(".csv");
    let text_name = csv_name || name.ends_with(".txt") || name.ends_with(".tsv");
    match (filetype, mimetype) {
        (Some("csv"), _) | (_, Some("text/csv")) => true,
        (_, Some("text/plain" | "text/tab-separated-values")) => text_name,
        // Excel on Windows labels a CSV this way.
        (_, Some("application/vnd.ms-excel")) => csv_name,
        _ => false,
    }
}

/// Admins whose next file is an export (`/spotlight import`): since when, and the
/// settings to read it with.
pub type Awaiting = Mutex<HashMap<String, (Instant, ColumnHints)>>;

/// Notes that `user`'s next file (within `IMPORT_WAIT_MINUTES`) is an export.
pub fn await_import(shared: &Shared, user: &str, hints: ColumnHints) {
    let mut waiting = shared
        .awaiting_import
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    waiting.insert(user.to_string(), (Instant::now(), hints));
}

/// The settings `user` gave `/spotlight import` if their file is awaited (once).
pub fn take_awaited(shared: &Shared, user: &str) -> Option<ColumnHints> {
    let mut waiting = shared
        .awaiting_import
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let wait = Duration::from_secs(60 * command::IMPORT_WAIT_MINUTES);
    waiting.retain(|_, (since, _)| since.elapsed() < wait);
    waiting.remove(user).map(|(_, hints)| hints)
}

/// The settings `user` gave `/spotlight import` if their file is awaited, leaving them
/// for the request itself to take.
pub fn peek_awaited(shared: &Shared, user: &str) -> Option<ColumnHints> {
    let waiting = shared
        .awaiting_import
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let wait = Duration::from_secs(60 * command::IMPORT_WAIT_MINUTES);
    waiting
        .get(user)
        .filter(|(since, _)| since.elapsed() < wait)
        .map(|(_, hints)| hints.clone())
}

/// A file found in a message, as far as the import needs it.
pub struct SharedFile {
    pub id: String,
    pub name: String,
}

/// The usage exports among a message's files (`all` of them after `/spotlight import`).
pub fn usage_files(files: &[SlackFile], all: bool) -> Vec<SharedFile> {
    files
        .iter()
        .filter(|f| {
            all || is_usage_file(
                f.name.as_deref(),
                f.mimetype.as_ref().map(|m| m.0.as_str()),
                f.filetype.as_ref().map(|t| t.0.as_str()),
            )
        })
        .map(|f| SharedFile {
            id: f.id.to_string(),
            name: f.name.clone().unwrap_or_else(|| f.id.to_string()),
        })
        .collect()
}

/// An export read and its people looked up, waiting to be stored: the network's part of
/// an import, done in the admin's lane before the engine's lock is taken, so a slow
/// download or lookup never holds up anyone else. Either what to store, or why nothing
/// will be (the file could not be read, or has bad lines).
pub struct Prepared {
    hints: ColumnHints,
    at: Instant,
    outcome: Result<(usage_import::Matched, usize), NotImported>,
}

/// Why an export sent in Slack was not imported.
pub enum NotImported {
    /// Its bytes could not be had.
    Unreadable(Unreadable),
    /// It has bad lines.
    Refused(Refused),
}

/// Why a Slack file's bytes could not be had, for the person who needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// `files.info` refused, with Slack's error code.
    Refused(String),
    /// Slack gave no address to download it from.
    NoAddress,
    /// The download took longer than `DOWNLOAD_TIMEOUT`.
    TooSlow,
    /// It is larger than `MAX_FILE_BYTES`.
    TooLarge,
    /// The download was refused (`sign_in`: Slack answered with its sign-in page).
    DownloadRefused { status: u16, sign_in: bool },
}

impl Unreadable {
    /// Why, in `lang`.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
        match self {
            Unreadable::Refused(code) => t("file-refused", &[("code", code.into())]),
            Unreadable::NoAddress => t("file-no-address", &[]),
            Unreadable::TooSlow => t(
                "file-too-slow",
                &[("seconds", Arg::from(DOWNLOAD_TIMEOUT.as_secs() as i64))],
            ),
            Unreadable::TooLarge => t(
                "file-too-large",
                &[("mib", Arg::from(MAX_FILE_BYTES / (1024 * 1024)))],
            ),
            Unreadable::DownloadRefused { status, sign_in } => t(
                "file-download-refused",
                &[
                    ("status", Arg::from(i64::from(*status))),
                    ("sign-in", Arg::from(if *sign_in { "yes" } else { "no" })),
                ],
            ),
        }
    }
}

/// Exports prepared before the lock, by file id, until the request that sent them is
/// handled (a request handled without one prepares it then).
pub type PreparedImports = Mutex<HashMap<String, Prepared>>;

/// How long a prepared export is kept for its request.
const PREPARED_KEPT: Duration = Duration::from_secs(600);

/// Reads `file` (`files.info`, the download) and matches its people to Slack users (email
/// lookups within `LOOKUP_BUDGET`), storing nothing. Errors are failures to reach Slack,
/// for the request to be tried again.
pub async fn prepare(
    shared: &Shared,
    file: &SharedFile,
    hints: &ColumnHints,
) -> anyhow::Result<Prepared> {
    let prepared = |outcome| Prepared {
        hints: hints.clone(),
        at: Instant::now(),
        outcome,
    };
    let bytes = match fetch(shared, &file.id).await? {
        Ok(bytes) => bytes,
        Err(why) => return Ok(prepared(Err(NotImported::Unreadable(why)))),
    };
    let transport = shared.slack();
    let client = transport.client().clone();
    let token = transport.tokens().clone();
    let started = Instant::now();
    let not_looked_up = AtomicUsize::new(0);
    let lookup = Some(|email: String| {
        let client = client.clone();
        let token = token.clone();
        let left = LOOKUP_BUDGET.saturating_sub(started.elapsed());
        let not_looked_up = &not_looked_up;
        async move {
            let why = match tokio::time::timeout(left, super::lookup_email(&client, &token, &email))
                .await
            {
                Ok(Ok(found)) => return Ok(found),
                Ok(Err(e)) => format!("{e:#}"),
                Err(_) => "out of time".to_string(),
            };
            tracing::warn!(error = %why, "an email was not looked up in Slack");
            not_looked_up.fetch_add(1, Ordering::Relaxed);
            Ok(None)
        }
    });
    let read = usage_import::read_and_match(&file.name, &bytes, hints, lookup).await?;
    Ok(prepared(match read {
        Ok(matched) => Ok((matched, not_looked_up.into_inner())),
        Err(refused) => Err(NotImported::Refused(refused)),
    }))
}

/// Prepares `file` ahead of its request, outside the engine's lock, and keeps it for
/// the request. A failure is left for the request, which prepares the file again.
pub async fn prepare_ahead(shared: &Shared, file: &SharedFile, hints: &ColumnHints) {
    match prepare(shared, file, hints).await {
        Ok(prepared) => {
            let mut kept = shared
                .prepared_imports
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            kept.retain(|_, p| p.at.elapsed() < PREPARED_KEPT);
            kept.insert(file.id.clone(), prepared);
        }
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "reading an export ahead of its request failed")
        }
    }
}

/// Imports `file`, which `admin` sent, and says what became of it (mrkdwn, in their
/// language): stores what was prepared ahead for it with the same settings, or prepares
/// it now. Errors are failures to reach Slack or the store, for the request to be tried
/// again; a file that is too large, cannot be downloaded, or has bad lines is a reply,
/// and changes nothing.
pub async fn import(
    shared: &Shared,
    admin: &UserId,
    file: &SharedFile,
    hints: &ColumnHints,
) -> anyhow::Result<String> {
    let ahead = shared
        .prepared_imports
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&file.id)
        .filter(|p| &p.hints == hints && p.at.elapsed() < PREPARED_KEPT);
    let prepared = match ahead {
        Some(p) => p,
        None => prepare(shared, file, hints).await?,
    };
    let name = mrkdwn::escape(&file.name);
    let lang = super::language_of(shared, admin).await;
    let (texts, lang) = (&*shared.texts, lang.as_str());
    Ok(match prepared.outcome {
        Ok((matched, not_looked_up)) => {
            let report =
                usage_import::store_matched(shared.app.store(), matched, Utc::now()).await?;
            imported(texts, lang, &name, &report, not_looked_up)
        }
        Err(NotImported::Unreadable(why)) => texts.get(
            lang,
            "import-not-read",
            &[
                ("file", Arg::from(&name)),
                ("why", Arg::from(&why.text(texts, lang))),
            ],
        ),
        Err(NotImported::Refused(refused)) => {
            let mut text = texts.get(lang, "import-refused", &[("file", Arg::from(&name))]);
            for line in &refused.lines {
                text.push_str("\n• ");
                text.push_str(&mrkdwn::escape(&line.text(texts, lang)));
            }
            text.push('\n');
            text.push_str(&texts.get(lang, "import-refused-fix", &[]));
            text
        }
    })
}

/// What an import did, for the admin in Slack, in `lang`.
fn imported(
    texts: &Texts,
    lang: &str,
    name: &str,
    report: &ImportReport,
    not_looked_up: usize,
) -> String {
    let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
    let mut lines = vec![t(
        "import-done",
        &[
            ("file", Arg::from(name)),
            ("figures", Arg::from(report.figures)),
            ("people", Arg::from(report.people)),
            ("periods", Arg::from(report.periods)),
            (
                "metrics",
                Arg::from(&mrkdwn::escape(&report.metrics.join(", "))),
            ),
            ("matched", Arg::from(report.people - report.unmatched.len())),
        ],
    )];
    for note in &report.notes {
        let note = mrkdwn::escape(&note.text(texts, lang));
        lines.push(t("import-note", &[("note", Arg::from(&note))]));
    }
    if !report.unmatched.is_empty() {
        lines.push(t(
            "import-unmatched",
            &[
                ("count", Arg::from(report.unmatched.len())),
                (
                    "people",
                    Arg::from(&mrkdwn::escape(&report.unmatched.join(", "))),
                ),
            ],
        ));
    }
    if not_looked_up > 0 {
        lines.push(t(
            "import-not-looked-up",
            &[
                ("count", Arg::from(not_looked_up)),
                ("seconds", Arg::from(LOOKUP_BUDGET.as_secs() as i64)),
            ],
        ));
    }
    lines.push(t("import-next", &[]));
    lines.join("\n")
}

/// The file's bytes, or why they can't be had (for the admin).
async fn fetch(shared: &Shared, id: &str) -> anyhow::Result<Result<Vec<u8>, Unreadable>> {
    let transport = shared.slack();
    read_file(transport.client(), &transport.bot().await?.token, id).await
}

/// A Slack file's bytes, read with the bot token, or why they can't be had (for a
/// person). `files.info` gives the current download address; the download carries the
/// token, without which Slack answers with a sign-in page. Nothing is made public.
pub async fn read_file(
    client: &SlackHyperClient,
    token: &SlackApiToken,
    id: &str,
) -> anyhow::Result<Result<Vec<u8>, Unreadable>> {
    let session = client.open_session(token);
    let req = SlackApiFilesInfoRequest::new(id.into());
    let asked = tokio::time::timeout(
        transport::CALL_TIMEOUT,
        transport::with_retries(|| session.files_info(&req)),
    )
    .await
    .context("files.info did not answer within 10 s")?;
    let info = match asked {
        Ok(info) => info,
        Err(slack_morphism::errors::SlackClientError::ApiError(e)) => {
            return Ok(Err(Unreadable::Refused(e.code)))
        }
        Err(e) => return Err(e).context("files.info failed"),
    };
    let Some(url) = info.file.url_private_download.or(info.file.url_private) else {
        return Ok(Err(Unreadable::NoAddress));
    };
    let token = token.token_value.value().clone();
    match tokio::time::timeout(DOWNLOAD_TIMEOUT, download(url.as_str(), &token)).await {
        Ok(result) => result,
        Err(_) => Ok(Err(Unreadable::TooSlow)),
    }
}

/// Reads Slack files with the bot token, outside `serve` (for `spotlight poster`).
pub struct FileReader {
    client: std::sync::Arc<SlackHyperClient>,
    tokens: super::Tokens,
}

impl FileReader {
    /// A reader for the Web API at `api_url`, with `bot_token`.
    pub fn new(api_url: &str, bot_token: &Secret) -> anyhow::Result<FileReader> {
        FileReader::with_tokens(api_url, super::Tokens::plain(bot_token))
    }

    /// A reader for the Web API at `api_url`, with the token `tokens` gives (the OAuth
    /// install's, say).
    pub fn with_tokens(api_url: &str, tokens: super::Tokens) -> anyhow::Result<FileReader> {
        Ok(FileReader {
            client: super::client(api_url)?,
            tokens,
        })
    }

    /// The file's bytes, or why they can't be had.
    pub async fn read(&self, id: &str) -> anyhow::Result<Result<Vec<u8>, Unreadable>> {
        read_file(&self.client, &self.tokens.get().await?.token, id).await
    }
}

fn http() -> &'static reqwest::Client {
    static HTTP: OnceLock<reqwest::Client> = OnceLock::new();
    HTTP.get_or_init(reqwest::Client::new)
}

/// Downloads `url` with the bot token, stopping as soon as it passes `MAX_FILE_BYTES`.
async fn download(url: &str, token: &str) -> anyhow::Result<Result<Vec<u8>, Unreadable>> {
    let mut resp = http()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .context("the file's download failed")?;
    let status = resp.status();
    let html = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !status.is_success() || html {
        // Slack answers a download it won't give with a sign-in page.
        return Ok(Err(Unreadable::DownloadRefused {
            status: status.as_u16(),
            sign_in: html,
        }));
    }
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_FILE_BYTES as u64)
    {
        return Ok(Err(Unreadable::TooLarge));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = resp.chunk().await.context("the file's download failed")? {
        if bytes.len() + chunk.len() > MAX_FILE_BYTES {
            return Ok(Err(Unreadable::TooLarge));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Ok(bytes))
}

/// Shares an `Upload`'s files in its person's DM, its text beside them. A refusal is a
/// `SendError::Rejected` (given up on); anything else may be tried again.
pub async fn upload(shared: &Shared, message: &ForOutbox) -> anyhow::Result<()> {
    let transport = shared.slack();
    let channel = transport.dm_channel(message.recipient.as_str()).await?;
    let bot = transport.bot().await?;
    let session = transport.client().open_session(&bot.token);
    let refused = |what: &'static str| {
        let bot = &bot;
        move |e: slack_morphism::errors::SlackClientError| {
            transport.noticed(bot, &e);
            anyhow::Error::new(transport::classify(&e)).context(format!("{what} failed: {e}"))
        }
    };
    let mut shared_files = Vec::new();
    let mut home_chart = None;
    for file in &message.message.files {
        let bytes = file.bytes()?;
        let req = SlackApiFilesGetUploadUrlExternalRequest::new(file.filename.clone(), bytes.len());
        let target = transport::with_retries(|| session.get_upload_url_external(&req))
            .await
            .map_err(refused("files.getUploadURLExternal"))?;
        let mimetype = if file.filename.ends_with(".png") {
            "image/png"
        } else {
            "text/csv"
        };
        let sent = tokio::time::timeout(
            transport::CALL_TIMEOUT,
            http()
                .post(target.upload_url.value().as_str())
                .header(reqwest::header::CONTENT_TYPE, mimetype)
                .body(bytes)
                .send(),
        )
        .await
        .map_err(|_| SendError::Uncertain(format!("uploading {} timed out", file.filename)))?
        .map_err(|e| SendError::Uncertain(format!("uploading {}: {e}", file.filename)))?;
        if !sent.status().is_success() {
            return Err(SendError::Uncertain(format!(
                "uploading {}: HTTP {}",
                file.filename,
                sent.status().as_u16()
            ))
            .into());
        }
        if file.on_home {
            home_chart = Some(target.file_id.to_string());
        }
        shared_files
            .push(SlackApiFilesComplete::new(target.file_id).with_title(file.title.clone()));
    }
    let req = SlackApiFilesCompleteUploadExternalRequest::new(shared_files)
        .with_channel_id(channel)
        .with_initial_comment(message.message.text.clone());
    transport::with_retries(|| session.files_complete_upload_external(&req))
        .await
        .map_err(refused("files.completeUploadExternal"))?;
    if let Some(file_id) = home_chart {
        show_on_home(shared, &file_id, &message.recipient).await;
    }
    Ok(())
}

/// Makes the chart just shared (`file_id`) the one the admins' App Home shows, and shows
/// it to the admin who asked for it (other admins see it when they next open the Home).
/// The files are shared by then: a failure here is logged, never a reason to share them
/// again.
async fn show_on_home(shared: &Shared, file_id: &str, admin: &crate::domain::UserId) {
    let store = shared.app.store();
    let now = Utc::now();
    let refresh = ForOutbox {
        recipient: admin.clone(),
        message: crate::delivery::Decided::home(),
    };
    let recorded = async {
        store.set_home_chart(file_id, admin.as_str(), now).await?;
        store.outbox_add(&[refresh], now).await
    };
    if let Err(e) = recorded.await {
        tracing::warn!(error = %format!("{e:#}"), file_id, "the chart was shared but the App Home could not take it");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_text_exports_are_usage_files_and_pictures_and_documents_are_not() {
        assert!(is_usage_file(
            Some("activity.csv"),
            Some("text/csv"),
            Some("csv")
        ));
        assert!(is_usage_file(Some("Report 12.CSV"), None, Some("csv")));
        assert!(is_usage_file(
            Some("weeks.txt"),
            Some("text/plain"),
            Some("text")
        ));
        assert!(is_usage_file(
            Some("export.csv"),
            Some("application/vnd.ms-excel"),
            None
        ));
        assert!(!is_usage_file(
            Some("notes.md"),
            Some("text/plain"),
            Some("text")
        ));
        assert!(!is_usage_file(
            Some("pipeline.png"),
            Some("image/png"),
            Some("png")
        ));
        assert!(!is_usage_file(
            Some("deck.xlsx"),
            Some("application/vnd.ms-excel"),
            Some("xlsx")
        ));
        assert!(!is_usage_file(None, None, None));
    }
}
