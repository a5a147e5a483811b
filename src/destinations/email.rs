//! Email: sends a story as an HTML + plain-text message over SMTP.
//!
//! Each story goes out on its own connection, spoken one step at a time so that a failure
//! says whether the message could have been accepted: anything that goes wrong before the
//! message's content is sent (no connection, TLS, sign-in, a refused sender or recipient)
//! is a `SendError::Rejected`, and so is any negative reply; only a connection that drops
//! or stalls while the content is sent or acknowledged is `SendError::Uncertain`. The
//! Message-ID is fixed by the outbox row, so a resend after an uncertain outcome carries
//! the same one and receiving systems drop the duplicate. The password is never logged.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    AsyncSmtpConnection, Certificate, CertificateStore, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::Error as SmtpError;

use crate::config::Secret;
use crate::delivery::{Delivery, Publish, SendError};
use crate::domain::destination::{DestinationRef, Fix};
use crate::domain::publication;
use crate::domain::texts::Texts;

/// How long one step of the conversation with the mail server may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the polite goodbye after a delivery may take; the story is already accepted.
const QUIT_TIMEOUT: Duration = Duration::from_secs(2);

/// How the connection to the mail server is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TlsMode {
    /// Plain connection upgraded with STARTTLS before anything else (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte, "SMTPS" (usually port 465).
    Tls,
    /// No encryption: only for a relay on this machine (and tests).
    None,
}

impl TlsMode {
    /// The port a server usually listens on for this mode.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::StartTls => 587,
            TlsMode::Tls => 465,
            TlsMode::None => 25,
        }
    }
}

/// Where and how Spotlight sends email.
#[derive(Debug, Clone)]
pub struct EmailSettings {
    /// The mail server's host name (or IP address).
    pub server: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// The sender mailbox, e.g. `Spotlight <spotlight@acme.com>`.
    pub from: String,
    /// An extra root certificate (PEM) for a relay whose certificate a private CA signed.
    pub ca_file: Option<PathBuf>,
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl EmailSettings {
    /// Reads `SPOTLIGHT_SMTP_HOST`, `SPOTLIGHT_SMTP_PORT`, `SPOTLIGHT_SMTP_TLS`
    /// (`starttls`, `tls` or `none`), `SPOTLIGHT_SMTP_USER`, `SPOTLIGHT_SMTP_PASSWORD`,
    /// `SPOTLIGHT_EMAIL_FROM` and `SPOTLIGHT_SMTP_CA_FILE` through `get`. `None` when no
    /// SMTP host is set (email is off); an error naming the setting when one is wrong.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Option<EmailSettings>> {
        let get = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let Some(server) = get("SPOTLIGHT_SMTP_HOST") else {
            return Ok(None);
        };
        let tls = match get("SPOTLIGHT_SMTP_TLS").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("starttls") => TlsMode::StartTls,
            Some("tls") => TlsMode::Tls,
            Some("none") => TlsMode::None,
            Some(other) => anyhow::bail!(
                "SPOTLIGHT_SMTP_TLS is \"{other}\": use starttls (usually port 587), tls (usually port 465) or none (a relay on this machine only)"
            ),
        };
        if tls == TlsMode::None && !is_loopback(&server) {
            anyhow::bail!(
                "SPOTLIGHT_SMTP_TLS=none would send mail and the password to {server} unencrypted, so it is only allowed for a relay on this machine (localhost): use starttls or tls"
            );
        }
        let port = match get("SPOTLIGHT_SMTP_PORT") {
            None => tls.default_port(),
            Some(p) => match p.parse::<u16>() {
                Ok(port) if port > 0 => port,
                _ => anyhow::bail!(
                    "SPOTLIGHT_SMTP_PORT is \"{p}\", not a port number: use the mail server's port, such as 587 (starttls) or 465 (tls)"
                ),
            },
        };
        let username = get("SPOTLIGHT_SMTP_USER");
        let password = get("SPOTLIGHT_SMTP_PASSWORD").map(Secret::new);
        match (&username, &password) {
            (Some(_), None) => anyhow::bail!(
                "SPOTLIGHT_SMTP_USER is set but SPOTLIGHT_SMTP_PASSWORD isn't: set both to sign in to the mail server, or neither for a relay that needs no sign-in"
            ),
            (None, Some(_)) => anyhow::bail!(
                "SPOTLIGHT_SMTP_PASSWORD is set but SPOTLIGHT_SMTP_USER isn't: set both to sign in to the mail server, or neither for a relay that needs no sign-in"
            ),
            _ => {}
        }
        let from = get("SPOTLIGHT_EMAIL_FROM").context(
            "SPOTLIGHT_EMAIL_FROM isn't set: give the sender of Spotlight's email, e.g. \"Spotlight <spotlight@acme.com>\"",
        )?;
        if let Err(e) = from.parse::<Mailbox>() {
            anyhow::bail!(
                "SPOTLIGHT_EMAIL_FROM is \"{from}\", not a mailbox ({e}): give an address, optionally with a name, e.g. \"Spotlight <spotlight@acme.com>\""
            );
        }
        let ca_file = get("SPOTLIGHT_SMTP_CA_FILE").map(PathBuf::from);
        if let Some(path) = &ca_file {
            read_ca_file(path)?;
        }
        Ok(Some(EmailSettings {
            server,
            port,
            tls,
            username,
            password,
            from,
            ca_file,
        }))
    }
}

/// The CA file's certificates, with an error that says what to do.
fn read_ca_file(path: &std::path::Path) -> anyhow::Result<Certificate> {
    let pem = std::fs::read(path).with_context(|| {
        format!(
            "SPOTLIGHT_SMTP_CA_FILE: can't read {}: give the path of a readable PEM file with the mail relay's CA certificate",
            path.display()
        )
    })?;
    let has_cert = String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----");
    match Certificate::from_pem(&pem) {
        Ok(cert) if has_cert => Ok(cert),
        _ => anyhow::bail!(
            "SPOTLIGHT_SMTP_CA_FILE: {} holds no PEM certificate: give the mail relay's CA certificate (\"-----BEGIN CERTIFICATE-----\" …)",
            path.display()
        ),
    }
}

/// The Message-ID of one outbox row's email: the same on every attempt, so a receiving
/// system drops a resend the first attempt had already delivered.
pub fn message_id(outbox_id: i64, story_id: i64, from_domain: &str) -> String {
    format!("<spotlight-{outbox_id}-{story_id}@{from_domain}>")
}

/// Sends stories over SMTP. Cheap to clone.
#[derive(Clone)]
pub struct EmailSender {
    inner: Arc<Inner>,
    timeout: Duration,
    /// The texts of Spotlight's few words in an email (the workspace's language, its
    /// readers'); the shipped English until `with_texts`.
    texts: Option<Arc<Texts>>,
}

struct Inner {
    server: String,
    port: u16,
    tls: TlsMode,
    tls_parameters: Option<TlsParameters>,
    credentials: Option<Credentials>,
    from: Mailbox,
    hello: ClientId,
}

impl std::fmt::Debug for EmailSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailSender")
            .field("server", &self.inner.server)
            .field("port", &self.inner.port)
            .field("tls", &self.inner.tls)
            .field("from", &self.inner.from.to_string())
            .finish_non_exhaustive()
    }
}

/// Where in the conversation a step failed: what it means for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// TCP, implicit TLS, the greeting and EHLO.
    Connect,
    Starttls,
    Auth,
    MailFrom,
    RcptTo,
    /// The DATA command, before any of the content is sent.
    Data,
    /// The content and the server's verdict on it: the only stage after which the
    /// message may have been accepted.
    Content,
}

/// A refusal: `why` is what an admin can do about it (a `Fix`, for one they can), or
/// what happened.
fn rejected(
    code: impl Into<String>,
    fixable: bool,
    why: impl std::fmt::Display + std::fmt::Debug + Send + Sync + 'static,
) -> anyhow::Error {
    anyhow::Error::new(SendError::Rejected {
        code: code.into(),
        fixable,
    })
    .context(why)
}

/// Whether rustls (a certificate, a handshake) is behind an error.
fn is_tls_failure(e: &SmtpError) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<rustls::Error>() {
            return true;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.is::<rustls::Error>())
            {
                return true;
            }
        }
        source = err.source();
    }
    false
}

impl EmailSender {
    /// Prepares a sender: parses the From mailbox, loads the CA file and sets up TLS.
    /// Connects to nothing (see `check`).
    pub fn new(settings: EmailSettings) -> anyhow::Result<Self> {
        let from: Mailbox = settings.from.parse().map_err(|e| {
            anyhow::anyhow!(
                "SPOTLIGHT_EMAIL_FROM is \"{}\", not a mailbox ({e}): give an address, e.g. \"Spotlight <spotlight@acme.com>\"",
                settings.from
            )
        })?;
        let tls_parameters = match settings.tls {
            TlsMode::None => None,
            TlsMode::StartTls | TlsMode::Tls => {
                let mut builder = TlsParameters::builder(settings.server.clone())
                    .certificate_store(CertificateStore::Default);
                if let Some(path) = &settings.ca_file {
                    builder = builder.add_root_certificate(read_ca_file(path)?);
                }
                Some(builder.build_rustls().with_context(|| {
                    format!(
                        "failed to set up TLS for the mail server {}: check SPOTLIGHT_SMTP_HOST and SPOTLIGHT_SMTP_CA_FILE",
                        settings.server
                    )
                })?)
            }
        };
        let credentials = match (settings.username, settings.password) {
            (Some(user), Some(password)) => {
                Some(Credentials::new(user, password.expose().to_string()))
            }
            (None, None) => None,
            _ => anyhow::bail!(
                "set both SPOTLIGHT_SMTP_USER and SPOTLIGHT_SMTP_PASSWORD, or neither"
            ),
        };
        Ok(EmailSender {
            inner: Arc::new(Inner {
                server: settings.server,
                port: settings.port,
                tls: settings.tls,
                tls_parameters,
                credentials,
                from,
                hello: ClientId::default(),
            }),
            timeout: DEFAULT_TIMEOUT,
            texts: None,
        })
    }

    /// The same sender with another limit on each step (the default is 10 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The same sender writing its own words (a subject for a story without a headline)
    /// in the default language of `texts`: its readers are the whole workspace.
    pub fn with_texts(mut self, texts: Arc<Texts>) -> Self {
        self.texts = Some(texts);
        self
    }

    fn address(&self) -> String {
        format!("{}:{}", self.inner.server, self.inner.port)
    }

    /// Sends one story to `d.target` as a multipart/alternative email (plain text and
    /// HTML) and returns its Message-ID, `<spotlight-{outbox_id}-{story_id}@{from domain}>`.
    /// Errors carry a `SendError`: `Rejected` when the server certainly did not accept
    /// the message, `Uncertain` when it may have.
    #[tracing::instrument(skip_all, fields(outbox_id = d.outbox_id, story_id = d.story_id, server = %self.address()))]
    pub async fn deliver(&self, d: &Delivery) -> anyhow::Result<String> {
        let (message, id) = self.message(d)?;
        let raw = message.formatted();
        let envelope = message.envelope();
        let mut conn = self.open().await?;

        let mut options = Vec::new();
        let ascii = |a: &lettre::Address| AsRef::<str>::as_ref(a).is_ascii();
        let ascii_addresses = envelope.from().is_none_or(ascii) && envelope.to().iter().all(ascii);
        if !ascii_addresses {
            if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                return Err(rejected(
                    "smtputf8_unsupported",
                    true,
                    Fix::EmailNoSmtpUtf8 {
                        server: self.address(),
                        address: d.target.clone(),
                    },
                ));
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !raw.is_ascii() {
            if !conn.server_info().supports_feature(Extension::EightBitMime) {
                return Err(rejected(
                    "8bitmime_unsupported",
                    true,
                    Fix::EmailNo8BitMime {
                        server: self.address(),
                    },
                ));
            }
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }

        let mail = Mail::new(envelope.from().cloned(), options);
        let target = d.target.as_str();
        self.step(Stage::MailFrom, target, conn.command(mail))
            .await?;
        for to in envelope.to() {
            let rcpt = Rcpt::new(to.clone(), Vec::new());
            self.step(Stage::RcptTo, target, conn.command(rcpt)).await?;
        }
        self.step(Stage::Data, target, conn.command(Data)).await?;
        let reply = self
            .step(Stage::Content, target, conn.message(&raw))
            .await?;
        tracing::info!(
            message_id = %id,
            reply = %reply.code(),
            "email accepted by the mail server"
        );
        // The story is accepted; a failed goodbye changes nothing.
        let _ = tokio::time::timeout(QUIT_TIMEOUT, conn.quit()).await;
        Ok(id)
    }

    /// SMTP gives no way to look for a message once sent, so this always answers `None`:
    /// the engine then sends again, and the resend carries the same Message-ID
    /// (`<spotlight-{outbox_id}-{story_id}@…>`), which receiving systems use to drop the
    /// duplicate when the first attempt had arrived after all.
    pub async fn find(
        &self,
        _d: &Delivery,
        _since: DateTime<Utc>,
    ) -> anyhow::Result<Option<String>> {
        Ok(None)
    }

    /// Whether a story could be emailed to `to` with these settings, for when an admin
    /// adds an email destination: connects, encrypts, signs in, asks for a NOOP, then
    /// names the sender (MAIL FROM) and `to` (RCPT TO) and takes them back (RSET), so
    /// nothing is sent. A server that refuses the sender or the address says so now,
    /// not at the first post. One that asks to try later (greylisting) passes: posting
    /// retries.
    pub async fn check(&self, to: &str) -> anyhow::Result<()> {
        let address: lettre::Address =
            to.trim()
                .parse()
                .map_err(|e: lettre::address::AddressError| {
                    anyhow::Error::msg(Fix::EmailBadAddress {
                        address: to.to_string(),
                        error: e.to_string(),
                    })
                })?;
        let mut conn = self.open().await?;
        let alive = tokio::time::timeout(self.timeout, conn.test_connected()).await;
        if !matches!(alive, Ok(true)) {
            let _ = tokio::time::timeout(QUIT_TIMEOUT, conn.quit()).await;
            return Err(anyhow::Error::msg(Fix::EmailNoNoop {
                server: self.address(),
            }));
        }
        let mail = Mail::new(Some(self.inner.from.email.clone()), Vec::new());
        let mut asked = self.step(Stage::MailFrom, to, conn.command(mail)).await;
        if asked.is_ok() {
            let rcpt = Rcpt::new(address, Vec::new());
            asked = self.step(Stage::RcptTo, to, conn.command(rcpt)).await;
        }
        let _ = tokio::time::timeout(QUIT_TIMEOUT, conn.command(Rset)).await;
        let _ = tokio::time::timeout(QUIT_TIMEOUT, conn.quit()).await;
        match asked {
            Ok(_) => Ok(()),
            Err(e) => match e.downcast_ref::<SendError>() {
                Some(SendError::Rejected { fixable: false, .. }) => {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        to,
                        "the mail server asked to try later; posting will"
                    );
                    Ok(())
                }
                _ => Err(e),
            },
        }
    }

    /// The email for one delivery, and its Message-ID.
    fn message(&self, d: &Delivery) -> anyhow::Result<(Message, String)> {
        let to: Mailbox = d
            .target
            .trim()
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                rejected(
                    "bad_address",
                    true,
                    Fix::EmailBadDestination {
                        address: d.target.clone(),
                        error: e.to_string(),
                    },
                )
            })?;
        let domain = self.inner.from.email.domain();
        // Pictures go inline (multipart/related), named by Content-ID in the HTML.
        let cids: Vec<(String, String)> = (1..=d.attached.len())
            .zip(&d.attached)
            .map(|(n, p)| {
                (
                    format!("picture-{n}.{}@{domain}", d.story_id),
                    p.alt.clone(),
                )
            })
            .collect();
        let texts = self
            .texts
            .as_deref()
            .unwrap_or_else(|| crate::domain::texts::english());
        let readers = publication::Readers {
            texts,
            lang: texts.default_language(),
        };
        let email = publication::story_email_with_pictures(
            &d.text,
            &d.names,
            &d.hero_name,
            &cids,
            &readers,
        );
        let id = message_id(d.outbox_id, d.story_id, domain);
        let body = if d.attached.is_empty() {
            MultiPart::alternative_plain_html(email.plain, email.html)
        } else {
            let mut related = MultiPart::related().singlepart(SinglePart::html(email.html));
            for ((cid, _), p) in cids.iter().zip(&d.attached) {
                let kind = ContentType::parse(&p.mimetype).map_err(|e| {
                    rejected(
                        "bad_message",
                        false,
                        format!(
                            "a picture's type {:?} is not one email takes ({e})",
                            p.mimetype
                        ),
                    )
                })?;
                related = related
                    .singlepart(Attachment::new_inline(cid.clone()).body(p.bytes.clone(), kind));
            }
            MultiPart::alternative()
                .singlepart(SinglePart::plain(email.plain))
                .multipart(related)
        };
        let message = Message::builder()
            .from(self.inner.from.clone())
            .to(to)
            .subject(email.subject)
            .message_id(Some(id.clone()))
            .date_now()
            .multipart(body)
            .map_err(|e| {
                rejected(
                    "bad_message",
                    true,
                    Fix::EmailUnbuildable {
                        address: d.target.clone(),
                        error: e.to_string(),
                    },
                )
            })?;
        Ok((message, id))
    }

    /// A connection ready for MAIL FROM: connected, encrypted as configured, signed in.
    /// Every failure here is a `Rejected`: nothing of the message has been sent.
    async fn open(&self) -> anyhow::Result<AsyncSmtpConnection> {
        let inner = &*self.inner;
        let implicit = match inner.tls {
            TlsMode::Tls => inner.tls_parameters.clone(),
            TlsMode::StartTls | TlsMode::None => None,
        };
        let connect = AsyncSmtpConnection::connect_tokio1(
            (inner.server.as_str(), inner.port),
            Some(self.timeout),
            &inner.hello,
            implicit,
            None,
        );
        let mut conn = self.setup_step(Stage::Connect, connect).await?;
        if inner.tls == TlsMode::StartTls {
            if !conn.server_info().supports_feature(Extension::StartTls) {
                return Err(rejected(
                    "starttls_unavailable",
                    true,
                    Fix::EmailNoStartTls {
                        server: self.address(),
                    },
                ));
            }
            let params = inner
                .tls_parameters
                .clone()
                .context("STARTTLS without TLS parameters")?;
            self.setup_step(Stage::Starttls, conn.starttls(params, &inner.hello))
                .await?;
        }
        if let Some(credentials) = &inner.credentials {
            let mechanisms = [Mechanism::Plain, Mechanism::Login];
            self.setup_step(Stage::Auth, conn.auth(&mechanisms, credentials))
                .await?;
        }
        Ok(conn)
    }

    async fn setup_step<T>(
        &self,
        stage: Stage,
        step: impl std::future::Future<Output = Result<T, SmtpError>>,
    ) -> anyhow::Result<T> {
        match tokio::time::timeout(self.timeout, step).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(self.classify(stage, &e, None)),
            Err(_) => Err(self.timed_out(stage, None)),
        }
    }

    /// One step of the conversation about a message to `target`, under the time limit.
    async fn step<T>(
        &self,
        stage: Stage,
        target: &str,
        step: impl std::future::Future<Output = Result<T, SmtpError>>,
    ) -> anyhow::Result<T> {
        match tokio::time::timeout(self.timeout, step).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(self.classify(stage, &e, Some(target))),
            Err(_) => Err(self.timed_out(stage, Some(target))),
        }
    }

    fn timed_out(&self, stage: Stage, target: Option<&str>) -> anyhow::Error {
        let secs = self.timeout.as_secs_f64();
        match stage {
            Stage::Content => anyhow::Error::new(SendError::Uncertain(format!(
                "the mail server {} gave no answer within {secs} s after the email to {} was sent",
                self.address(),
                target.unwrap_or("?")
            ))),
            Stage::Connect => rejected(
                "timeout",
                false,
                format!(
                    "the mail server {} didn't answer within {secs} s; Spotlight will try again later (if this lasts, check SPOTLIGHT_SMTP_HOST, SPOTLIGHT_SMTP_PORT and SPOTLIGHT_SMTP_TLS: starttls for port 587, tls for port 465)",
                    self.address()
                ),
            ),
            _ => rejected(
                "timeout",
                false,
                format!(
                    "the mail server {} stopped answering within {secs} s, before the email was sent; Spotlight will try again later",
                    self.address()
                ),
            ),
        }
    }

    /// What a lettre error means for the message, given where it happened.
    fn classify(&self, stage: Stage, e: &SmtpError, to: Option<&str>) -> anyhow::Error {
        let server = self.address();
        let target = to.unwrap_or("?");
        if let Some(code) = e.status() {
            let n = u16::from(code);
            let code = n.to_string();
            if (400..500).contains(&n) {
                return rejected(
                    code,
                    false,
                    format!(
                        "the mail server {server} asked Spotlight to try again later ({e}); it will"
                    ),
                );
            }
            let (error, address, sender) = (
                e.to_string(),
                target.to_string(),
                self.inner.from.to_string(),
            );
            let why = match (stage, n) {
                (Stage::Auth, _) | (_, 535) | (_, 534) => Fix::EmailSignInRefused { server, error },
                (_, 530) if self.inner.credentials.is_none() => {
                    Fix::EmailSignInRequired { server, error }
                }
                (_, 530) | (_, 538) => Fix::EmailEncryptionRequired { server, error },
                (Stage::MailFrom, _) => Fix::EmailSenderRefused {
                    server,
                    sender,
                    error,
                },
                (Stage::RcptTo, _) => Fix::EmailRecipientRefused {
                    server,
                    address,
                    sender,
                    error,
                },
                (Stage::Content, 552) => Fix::EmailTooLarge {
                    server,
                    address,
                    error,
                },
                (Stage::Content, _) => Fix::EmailContentRefused {
                    server,
                    address,
                    error,
                },
                _ => Fix::EmailRefused { server, error },
            };
            return rejected(code, true, why);
        }
        if stage == Stage::Content {
            return anyhow::Error::new(SendError::Uncertain(format!(
                "the connection to the mail server {server} failed after the email to {target} was sent ({e})"
            )));
        }
        if e.is_timeout() {
            return self.timed_out(stage, to);
        }
        match stage {
            Stage::Connect | Stage::Starttls if is_tls_failure(e) || stage == Stage::Starttls => {
                rejected(
                    "tls_failed",
                    true,
                    Fix::EmailTls {
                        server,
                        error: e.to_string(),
                    },
                )
            }
            Stage::Connect => rejected(
                "connection_failed",
                true,
                Fix::EmailConnect {
                    server,
                    error: e.to_string(),
                },
            ),
            Stage::Auth if e.is_client() => rejected(
                "auth_unavailable",
                true,
                Fix::EmailNoSignInMechanism {
                    server,
                    error: e.to_string(),
                },
            ),
            _ => rejected(
                "connection_lost",
                false,
                format!(
                    "the connection to the mail server {server} failed before the email was sent ({e}); Spotlight will try again later"
                ),
            ),
        }
    }
}

/// An email list as one kind of destination behind the delivery port.
impl Publish for EmailSender {
    async fn check(&self, to: &DestinationRef) -> anyhow::Result<Option<String>> {
        EmailSender::check(self, &to.target).await.map(|()| None)
    }

    async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
        self.deliver(story).await
    }

    async fn find(&self, story: &Delivery, since: DateTime<Utc>) -> anyhow::Result<Option<String>> {
        EmailSender::find(self, story, since).await
    }

    /// A refusal's own message says what to do (the sender's messages name the setting
    /// or the address at fault).
    fn fix_for(&self, _to: &DestinationRef, _code: &str, explanation: &str) -> Option<String> {
        Some(explanation.to_string())
    }

    /// An email, once sent, is in its readers' mailboxes: there is nothing to delete.
    async fn retract(&self, to: &DestinationRef, _message_ref: &str) -> anyhow::Result<()> {
        Err(crate::delivery::not_recallable(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::destinations::test_env as env;

    fn error(pairs: &[(&str, &str)]) -> String {
        format!("{:#}", EmailSettings::from_env(env(pairs)).unwrap_err())
    }

    const BASE: [(&str, &str); 2] = [
        ("SPOTLIGHT_SMTP_HOST", "smtp.acme.com"),
        ("SPOTLIGHT_EMAIL_FROM", "Spotlight <spotlight@acme.com>"),
    ];

    fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        BASE.iter().chain(extra).copied().collect()
    }

    #[test]
    fn no_host_means_no_email() {
        assert!(
            EmailSettings::from_env(env(&[("SPOTLIGHT_EMAIL_FROM", "a@b.c")]))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn defaults_are_starttls_on_587() {
        let s = EmailSettings::from_env(env(&BASE)).unwrap().unwrap();
        assert_eq!((s.tls, s.port), (TlsMode::StartTls, 587));
        let s = EmailSettings::from_env(env(&with(&[("SPOTLIGHT_SMTP_TLS", "TLS")])))
            .unwrap()
            .unwrap();
        assert_eq!((s.tls, s.port), (TlsMode::Tls, 465));
    }

    #[test]
    fn a_full_setting_is_read() {
        let s = EmailSettings::from_env(env(&with(&[
            ("SPOTLIGHT_SMTP_PORT", "2525"),
            ("SPOTLIGHT_SMTP_USER", "bot"),
            ("SPOTLIGHT_SMTP_PASSWORD", "hunter2"),
        ])))
        .unwrap()
        .unwrap();
        assert_eq!(s.port, 2525);
        assert_eq!(s.username.as_deref(), Some("bot"));
        assert_eq!(s.password.as_ref().map(Secret::expose), Some("hunter2"));
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn wrong_settings_are_named_with_the_fix() {
        let e = error(&with(&[("SPOTLIGHT_SMTP_PORT", "smtp")]));
        assert!(
            e.contains("SPOTLIGHT_SMTP_PORT is \"smtp\"") && e.contains("587"),
            "{e}"
        );
        let e = error(&with(&[("SPOTLIGHT_SMTP_TLS", "ssl")]));
        assert!(
            e.contains("SPOTLIGHT_SMTP_TLS is \"ssl\"") && e.contains("starttls"),
            "{e}"
        );
        let e = error(&with(&[("SPOTLIGHT_SMTP_USER", "bot")]));
        assert!(e.contains("SPOTLIGHT_SMTP_PASSWORD isn't"), "{e}");
        let e = error(&[
            ("SPOTLIGHT_SMTP_HOST", "smtp.acme.com"),
            ("SPOTLIGHT_EMAIL_FROM", "Spotlight"),
        ]);
        assert!(
            e.contains("SPOTLIGHT_EMAIL_FROM is \"Spotlight\", not a mailbox"),
            "{e}"
        );
        let e = error(&[("SPOTLIGHT_SMTP_HOST", "smtp.acme.com")]);
        assert!(e.contains("SPOTLIGHT_EMAIL_FROM isn't set"), "{e}");
        let e = error(&with(&[("SPOTLIGHT_SMTP_CA_FILE", "/nonexistent/ca.pem")]));
        assert!(
            e.contains("SPOTLIGHT_SMTP_CA_FILE: can't read /nonexistent/ca.pem"),
            "{e}"
        );
        let e = error(&with(&[("SPOTLIGHT_SMTP_TLS", "none")]));
        assert!(
            e.contains("only allowed for a relay on this machine"),
            "{e}"
        );
    }

    #[test]
    fn a_file_without_a_certificate_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate").unwrap();
        let path = path.display().to_string();
        let mut pairs: Vec<(&str, &str)> = BASE.to_vec();
        pairs.push(("SPOTLIGHT_SMTP_CA_FILE", &path));
        let e = error(&pairs);
        assert!(e.contains("holds no PEM certificate"), "{e}");
    }

    #[test]
    fn unencrypted_smtp_is_allowed_on_loopback_only() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]"] {
            let s = EmailSettings::from_env(env(&[
                ("SPOTLIGHT_SMTP_HOST", host),
                ("SPOTLIGHT_SMTP_TLS", "none"),
                ("SPOTLIGHT_EMAIL_FROM", "a@b.c"),
            ]))
            .unwrap()
            .unwrap();
            assert_eq!((s.tls, s.port), (TlsMode::None, 25));
        }
    }

    #[test]
    fn the_message_id_depends_only_on_the_outbox_row() {
        assert_eq!(message_id(7, 3, "acme.com"), "<spotlight-7-3@acme.com>");
    }
}
