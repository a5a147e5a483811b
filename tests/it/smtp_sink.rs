//! A real SMTP server on loopback for the email tests: `tests/data/smtp_sink.py`
//! (Python's aiosmtpd) run as a child process, killed when the `SmtpSink` is dropped, and
//! what it received read back from the JSON lines it writes. Also makes a private CA and a
//! server certificate for STARTTLS.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde::Deserialize;

/// One message as the sink received it, headers and parts read by Python's email module.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    /// `accepted`, `failed` (answered 451) or `dropped` (connection closed, no answer).
    pub outcome: String,
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    /// Whether the session was encrypted (STARTTLS or TLS) when the message came.
    pub tls: bool,
    /// Who signed in, if anyone.
    pub login: Option<String>,
    /// The top-level content type, e.g. `multipart/alternative`.
    pub content_type: String,
    /// Every header in order, values decoded (RFC 2047).
    pub headers: Vec<(String, String)>,
    /// The leaf parts, decoded (transfer encoding and charset).
    pub parts: Vec<Part>,
    /// The message as it came over the wire.
    pub raw: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Part {
    pub content_type: String,
    pub charset: Option<String>,
    pub transfer_encoding: Option<String>,
    /// The part's `Content-ID` (an inline picture's), if any.
    #[serde(default)]
    pub content_id: Option<String>,
    /// `inline` or `attachment`, if the part says.
    #[serde(default)]
    pub disposition: Option<String>,
    /// Text as decoded; a binary part (a picture) in base64.
    pub content: String,
}

impl Received {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The decoded content of the first part of this type, with `\n` line ends.
    pub fn part(&self, content_type: &str) -> Option<String> {
        self.parts
            .iter()
            .find(|p| p.content_type == content_type)
            .map(|p| p.content.replace("\r\n", "\n"))
    }
}

/// How the sink behaves; `start` runs it.
#[derive(Debug, Default, Clone)]
pub struct SinkOptions {
    starttls: Option<(PathBuf, PathBuf)>,
    implicit_tls: Option<(PathBuf, PathBuf)>,
    auth: Option<(String, String)>,
    fail: u32,
    drop: u32,
    reject_rcpt: Vec<String>,
    reject_sender_domain: Option<String>,
    greylist: u32,
}

impl SinkOptions {
    /// Offer (and require) STARTTLS with this certificate.
    pub fn starttls(mut self, certs: &Certificates) -> Self {
        self.starttls = Some((certs.server_cert.clone(), certs.server_key.clone()));
        self
    }

    /// Speak TLS from the first byte ("SMTPS") with this certificate.
    pub fn implicit_tls(mut self, certs: &Certificates) -> Self {
        self.implicit_tls = Some((certs.server_cert.clone(), certs.server_key.clone()));
        self
    }

    /// Require AUTH PLAIN or LOGIN with this user and password.
    pub fn auth(mut self, user: &str, password: &str) -> Self {
        self.auth = Some((user.into(), password.into()));
        self
    }

    /// Answer the next `n` messages with 451.
    pub fn fail(mut self, n: u32) -> Self {
        self.fail = n;
        self
    }

    /// Close the connection after receiving the next `n` messages, without an answer.
    pub fn drop_after_data(mut self, n: u32) -> Self {
        self.drop = n;
        self
    }

    /// Answer RCPT TO this address with 550.
    pub fn reject_rcpt(mut self, address: &str) -> Self {
        self.reject_rcpt.push(address.into());
        self
    }

    /// Answer MAIL FROM an address at this domain with 553 (sender not allowed).
    pub fn reject_sender_domain(mut self, domain: &str) -> Self {
        self.reject_sender_domain = Some(domain.into());
        self
    }

    /// Answer the next `n` RCPT TO commands with 450 (greylisting: try again later).
    pub fn greylist(mut self, n: u32) -> Self {
        self.greylist = n;
        self
    }

    /// Starts the sink and waits until it accepts connections.
    pub fn start(self) -> SmtpSink {
        SmtpSink::start(self)
    }
}

/// A running sink; the process is killed on drop.
pub struct SmtpSink {
    child: Child,
    port: u16,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpSink {
    pub fn options() -> SinkOptions {
        SinkOptions::default()
    }

    fn start(options: SinkOptions) -> SmtpSink {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("received.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/smtp_sink.py");
        let mut cmd = Command::new("python3");
        cmd.arg(&script).arg("--out").arg(&out);
        if let Some((cert, key)) = &options.starttls {
            cmd.arg("--starttls").arg(cert).arg(key);
        }
        if let Some((cert, key)) = &options.implicit_tls {
            cmd.arg("--tls").arg(cert).arg(key);
        }
        if let Some((user, password)) = &options.auth {
            cmd.arg("--auth").arg(user).arg(password);
        }
        cmd.arg("--fail").arg(options.fail.to_string());
        cmd.arg("--drop").arg(options.drop.to_string());
        for address in &options.reject_rcpt {
            cmd.arg("--reject-rcpt").arg(address);
        }
        if let Some(domain) = &options.reject_sender_domain {
            cmd.arg("--reject-sender-domain").arg(domain);
        }
        cmd.arg("--greylist").arg(options.greylist.to_string());
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 runs (the email tests need python3 with aiosmtpd)");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
        #[derive(Deserialize)]
        struct Ready {
            port: u16,
        }
        let port = match serde_json::from_str::<Ready>(&line) {
            Ok(ready) => ready.port,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!(
                    "the SMTP sink didn't start (it needs python3 with aiosmtpd: python3 -m pip install aiosmtpd); it said:\n{line}{err}"
                );
            }
        };
        SmtpSink {
            child,
            port,
            out,
            _dir: dir,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every message received so far, in order (each is written before the sink answers
    /// the message's final dot, so one the client saw answered is here).
    pub fn messages(&self) -> Vec<Received> {
        let text = std::fs::read_to_string(&self.out).unwrap_or_default();
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("a JSON line from the sink"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private CA and a server certificate it signed for `localhost` and `127.0.0.1`, as
/// PEM files.
pub struct Certificates {
    pub ca_cert: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
}

/// Makes a CA and a server certificate in `dir`.
pub fn certificates(dir: &Path) -> Certificates {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Spotlight test CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca_params, ca_key);

    let server_key = KeyPair::generate().expect("server key");
    let mut server_params =
        CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .expect("server params");
    server_params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    let server_cert = server_params
        .signed_by(&server_key, &issuer)
        .expect("server certificate");

    let certs = Certificates {
        ca_cert: dir.join("ca.pem"),
        server_cert: dir.join("server.pem"),
        server_key: dir.join("server.key"),
    };
    std::fs::write(&certs.ca_cert, ca_cert.pem()).expect("write CA");
    std::fs::write(&certs.server_cert, server_cert.pem()).expect("write certificate");
    std::fs::write(&certs.server_key, server_key.serialize_pem()).expect("write key");
    certs
}
