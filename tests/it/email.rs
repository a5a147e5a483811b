//! The email sender against a real SMTP server on loopback (`smtp_sink`): what arrives,
//! STARTTLS with a private CA and sign-in, and how each failure is classified.

use std::time::Duration;

use spotlight::app::SendError;
use spotlight::config::Secret;
use spotlight::destinations::email::{EmailSender, EmailSettings, TlsMode};
use spotlight::destinations::Delivery;
use spotlight::domain::destination::DestinationKind;
use spotlight::domain::publication::Names;

use crate::smtp_sink::{certificates, SmtpSink};

const FROM: &str = "Spotlight <spotlight@acme.test>";
const HABIT: &str = "I close dead deals <b>every</b> Friday & never miss one 🎉";
const PAYOFF: &str = "Two hours back.\n  And my forecast is right.  ";

/// The built-in template's shape, with what people type escaped as Slack stores it.
fn story() -> String {
    format!(
        "*Two hours back &amp; a clean pipeline*\n\n*The habit:* “{}”\n\n*The payoff:* “{}”\n\n*Try this tomorrow:* “Sort by close date.”\n\n— Maria. Questions for <@U1>? Ask in the thread.",
        escape(HABIT),
        escape(PAYOFF)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn delivery(outbox_id: i64, target: &str) -> Delivery {
    Delivery {
        outbox_id,
        story_id: 7,
        kind: DestinationKind::Email,
        target: target.into(),
        text: story(),
        names: Names::new([("U1".to_string(), "Maria Rossi".to_string())]),
        hero_name: "Maria Rossi".into(),
        hero_email: Some("maria@acme.test".into()),
        pictures: vec![],
        attached: vec![],
    }
}

fn settings(port: u16) -> EmailSettings {
    EmailSettings {
        server: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        username: None,
        password: None,
        from: FROM.into(),
        ca_file: None,
    }
}

fn sender(settings: EmailSettings) -> EmailSender {
    EmailSender::new(settings).expect("a sender")
}

/// The `SendError` in an error's chain.
fn send_error(e: &anyhow::Error) -> &SendError {
    e.downcast_ref::<SendError>()
        .unwrap_or_else(|| panic!("no SendError in {e:#}"))
}

fn assert_rejected(e: &anyhow::Error, code: &str, fixable: bool) {
    match send_error(e) {
        SendError::Rejected {
            code: c,
            fixable: f,
        } => {
            assert_eq!((c.as_str(), *f), (code, fixable), "{e:#}")
        }
        other => panic!("expected Rejected {code}, got {other:?}: {e:#}"),
    }
}

#[tokio::test]
async fn a_story_arrives_as_plain_text_and_html_with_its_headers() {
    let sink = SmtpSink::options().start();
    let id = sender(settings(sink.port()))
        .deliver(&delivery(41, "team@acme.test"))
        .await
        .expect("delivered");
    assert_eq!(id, "<spotlight-41-7@acme.test>");

    let got = sink.messages();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.outcome, "accepted");
    assert_eq!(m.mail_from, "spotlight@acme.test");
    assert_eq!(m.rcpt_tos, ["team@acme.test"]);
    assert!(!m.tls);
    assert_eq!(m.header("From"), Some(FROM));
    assert_eq!(m.header("To"), Some("team@acme.test"));
    assert_eq!(
        m.header("Subject"),
        Some("Two hours back & a clean pipeline")
    );
    assert_eq!(m.header("Message-ID"), Some(id.as_str()));
    assert!(m.header("Date").is_some());
    assert_eq!(m.header("MIME-Version"), Some("1.0"));
    assert_eq!(m.header("List-Unsubscribe"), None);
    assert_eq!(m.content_type, "multipart/alternative");
    let types: Vec<_> = m.parts.iter().map(|p| p.content_type.as_str()).collect();
    assert_eq!(types, ["text/plain", "text/html"]);
    for p in &m.parts {
        assert_eq!(p.charset.as_deref(), Some("utf-8"), "{p:?}");
        assert!(p.transfer_encoding.is_some(), "{p:?}");
    }
    assert!(m.raw.is_ascii(), "the wire form is 7-bit clean");

    let plain = m.part("text/plain").unwrap();
    assert!(
        plain.starts_with("Two hours back & a clean pipeline\n\n"),
        "{plain}"
    );
    assert!(plain.contains(&format!("The habit: “{HABIT}”")), "{plain}");
    assert!(
        plain.contains(&format!("The payoff: “{PAYOFF}”")),
        "{plain}"
    );
    assert!(plain.contains("Questions for Maria Rossi?"), "{plain}");
    assert!(
        !plain.contains("&amp;") && !plain.contains("<@U1>"),
        "{plain}"
    );

    let html = m.part("text/html").unwrap();
    assert!(
        html.contains("<h1>Two hours back &amp; a clean pipeline</h1>"),
        "{html}"
    );
    assert!(
        html.contains("I close dead deals &lt;b&gt;every&lt;/b&gt; Friday &amp; never miss one 🎉"),
        "{html}"
    );
    assert!(html.contains(&format!(">{PAYOFF}</span>")), "{html}");
    assert!(html.contains("Questions for Maria Rossi?"), "{html}");
    assert!(!html.contains("<b>") && !html.contains("<@U1>"), "{html}");
}

#[tokio::test]
async fn the_same_delivery_sent_twice_carries_the_same_message_id() {
    let sink = SmtpSink::options().start();
    let sender = sender(settings(sink.port()));
    let first = sender.deliver(&delivery(5, "a@acme.test")).await.unwrap();
    let again = sender.deliver(&delivery(5, "a@acme.test")).await.unwrap();
    let other = sender.deliver(&delivery(6, "a@acme.test")).await.unwrap();
    assert_eq!(first, again);
    assert_ne!(first, other);
    let ids: Vec<_> = sink
        .messages()
        .iter()
        .map(|m| m.header("Message-ID").unwrap().to_string())
        .collect();
    assert_eq!(ids, [first.clone(), first, other]);
}

#[tokio::test]
async fn starttls_and_sign_in_work_with_the_relays_ca_file() {
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "s3cret pass")
        .start();
    let secure = EmailSettings {
        server: "localhost".into(),
        tls: TlsMode::StartTls,
        username: Some("spotlight-bot".into()),
        password: Some(Secret::new("s3cret pass")),
        ca_file: Some(certs.ca_cert.clone()),
        ..settings(sink.port())
    };
    let sender = sender(secure.clone());
    sender
        .check("team@acme.test")
        .await
        .expect("the relay accepts us");
    sender
        .deliver(&delivery(1, "team@acme.test"))
        .await
        .expect("delivered over STARTTLS");
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert!(got[0].tls, "the message came over TLS");
    assert_eq!(got[0].login.as_deref(), Some("spotlight-bot"));

    // Without the private CA the server's certificate can't be trusted.
    let untrusted = EmailSender::new(EmailSettings {
        ca_file: None,
        ..secure
    })
    .unwrap();
    let e = untrusted
        .deliver(&delivery(2, "team@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "tls_failed", true);
    assert!(format!("{e}").contains("SPOTLIGHT_SMTP_CA_FILE"), "{e}");
    assert!(untrusted.check("team@acme.test").await.is_err());
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn a_wrong_password_is_rejected_and_fixable() {
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .starttls(&certs)
        .auth("spotlight-bot", "right")
        .start();
    let sender = sender(EmailSettings {
        server: "127.0.0.1".into(),
        tls: TlsMode::StartTls,
        username: Some("spotlight-bot".into()),
        password: Some(Secret::new("wrong-password-123")),
        ca_file: Some(certs.ca_cert.clone()),
        ..settings(sink.port())
    });
    let e = sender
        .deliver(&delivery(1, "team@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "535", true);
    let shown = format!("{e:#}");
    assert!(shown.contains("SPOTLIGHT_SMTP_PASSWORD"), "{shown}");
    assert!(!shown.contains("wrong-password-123"), "{shown}");
    let checked = format!("{:#}", sender.check("team@acme.test").await.unwrap_err());
    assert!(checked.contains("refused Spotlight's sign-in"), "{checked}");
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn a_451_is_rejected_not_fixable_and_the_retry_goes_through() {
    let sink = SmtpSink::options().fail(1).start();
    let sender = sender(settings(sink.port()));
    let e = sender
        .deliver(&delivery(3, "team@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "451", false);
    let id = sender
        .deliver(&delivery(3, "team@acme.test"))
        .await
        .unwrap();
    let outcomes: Vec<_> = sink
        .messages()
        .iter()
        .map(|m| {
            (
                m.outcome.clone(),
                m.header("Message-ID").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("failed".to_string(), id.clone()),
            ("accepted".to_string(), id)
        ]
    );
}

#[tokio::test]
async fn a_refused_recipient_is_rejected_and_fixable() {
    let sink = SmtpSink::options().reject_rcpt("gone@acme.test").start();
    let e = sender(settings(sink.port()))
        .deliver(&delivery(3, "gone@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "550", true);
    assert!(format!("{e}").contains("gone@acme.test"), "{e}");
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn check_names_the_sender_or_address_a_server_refuses_and_sends_nothing() {
    // The address is refused when checked, as it would be when posting.
    let sink = SmtpSink::options().reject_rcpt("gone@acme.test").start();
    let relay = sender(settings(sink.port()));
    relay.check("team@acme.test").await.expect("a good address");
    let e = format!("{:#}", relay.check("gone@acme.test").await.unwrap_err());
    assert!(e.contains("refused to deliver to gone@acme.test"), "{e}");
    assert!(e.contains("550"), "{e}");
    let e = format!("{:#}", relay.check("not an address").await.unwrap_err());
    assert!(e.contains("isn't an email address"), "{e}");
    assert!(sink.messages().is_empty(), "a check sends nothing");

    // A server that won't take mail from Spotlight's From domain says so at once.
    let sink = SmtpSink::options()
        .reject_sender_domain(FROM.rsplit('@').next().unwrap().trim_end_matches('>'))
        .start();
    let strict = sender(settings(sink.port()));
    let e = format!("{:#}", strict.check("team@acme.test").await.unwrap_err());
    assert!(e.contains("refused the sender"), "{e}");
    assert!(e.contains("SPOTLIGHT_EMAIL_FROM"), "{e}");
    let e = strict
        .deliver(&delivery(4, "team@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "553", true);

    // Greylisting (450: try later) is no reason to refuse the address: posting retries.
    let sink = SmtpSink::options().greylist(1).start();
    sender(settings(sink.port()))
        .check("team@acme.test")
        .await
        .expect("greylisting passes the check");
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn a_connection_dropped_after_the_message_is_uncertain() {
    let sink = SmtpSink::options().drop_after_data(1).start();
    let sender = sender(settings(sink.port()));
    let e = sender
        .deliver(&delivery(9, "team@acme.test"))
        .await
        .unwrap_err();
    assert!(matches!(send_error(&e), SendError::Uncertain(_)), "{e:#}");
    assert_eq!(
        sender
            .find(&delivery(9, "team@acme.test"), chrono::Utc::now())
            .await
            .unwrap(),
        None
    );
    // It did arrive; the resend carries the same Message-ID for the receiver to drop.
    let id = sender
        .deliver(&delivery(9, "team@acme.test"))
        .await
        .unwrap();
    let got = sink.messages();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].outcome, "dropped");
    assert_eq!(got[0].header("Message-ID"), Some(id.as_str()));
    assert_eq!(got[1].header("Message-ID"), Some(id.as_str()));
}

#[tokio::test]
async fn a_server_without_starttls_is_refused_when_starttls_is_required() {
    let sink = SmtpSink::options().start();
    let e = sender(EmailSettings {
        tls: TlsMode::StartTls,
        ..settings(sink.port())
    })
    .deliver(&delivery(1, "team@acme.test"))
    .await
    .unwrap_err();
    assert_rejected(&e, "starttls_unavailable", true);
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn check_against_a_dead_port_says_what_to_fix() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let sender = sender(settings(port));
    let e = format!("{:#}", sender.check("team@acme.test").await.unwrap_err());
    assert!(
        e.contains(&format!(
            "couldn't connect to the mail server 127.0.0.1:{port}"
        )),
        "{e}"
    );
    assert!(
        e.contains("SPOTLIGHT_SMTP_HOST and SPOTLIGHT_SMTP_PORT"),
        "{e}"
    );
    let e = sender
        .deliver(&delivery(1, "team@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "connection_failed", true);
}

#[tokio::test]
async fn a_server_that_never_greets_times_out_before_anything_was_sent() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let e = sender(settings(port))
        .with_timeout(Duration::from_millis(300))
        .deliver(&delivery(1, "team@acme.test"))
        .await
        .unwrap_err();
    assert_rejected(&e, "timeout", false);
    silent.abort();
}

#[tokio::test]
async fn a_target_that_is_not_an_address_is_rejected_and_fixable() {
    let sink = SmtpSink::options().start();
    let e = sender(settings(sink.port()))
        .deliver(&delivery(1, "not an address"))
        .await
        .unwrap_err();
    assert_rejected(&e, "bad_address", true);
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn implicit_tls_works_with_the_relays_ca_file() {
    let dir = tempfile::tempdir().unwrap();
    let certs = certificates(dir.path());
    let sink = SmtpSink::options()
        .implicit_tls(&certs)
        .auth("spotlight-bot", "pw")
        .start();
    let smtps = EmailSettings {
        server: "127.0.0.1".into(),
        tls: TlsMode::Tls,
        username: Some("spotlight-bot".into()),
        password: Some(Secret::new("pw")),
        ca_file: Some(certs.ca_cert.clone()),
        ..settings(sink.port())
    };
    let sender = sender(smtps.clone());
    sender
        .check("team@acme.test")
        .await
        .expect("the relay accepts us");
    sender
        .deliver(&delivery(1, "team@acme.test"))
        .await
        .unwrap();
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert!(got[0].tls);
    assert_eq!(got[0].login.as_deref(), Some("spotlight-bot"));

    // Speaking plain SMTP to a TLS port: the server waits for a handshake, we for a greeting.
    let e = EmailSender::new(EmailSettings {
        tls: TlsMode::StartTls,
        ..smtps
    })
    .unwrap()
    .with_timeout(Duration::from_millis(500))
    .deliver(&delivery(2, "team@acme.test"))
    .await
    .unwrap_err();
    assert_rejected(&e, "timeout", false);
    assert_eq!(sink.messages().len(), 1);
}
