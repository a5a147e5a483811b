//! Bounds on what the HTTP listener takes in, so no request (or flood of them) can
//! exhaust the bot: a body over `MAX_BODY` is refused with 413 before it is read (by its
//! `Content-Length`) or as soon as it passes the limit (when streamed); a body must
//! arrive within `BODY_TIMEOUT`; at most `MAX_IN_FLIGHT` requests are read at once
//! (more wait up to `SLOT_WAIT`, then get 503 with `Retry-After`, and Slack retries) and at most `MAX_CONNECTIONS`
//! connections are open (more wait in the kernel's queue).

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The largest body taken. Slack's own payloads are small: the largest, a modal's
/// submission carrying the whole view (up to 100 blocks) or a click on a long message
/// carrying the message, stays under a few hundred KiB even URL-encoded.
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a body may take to arrive.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// How many requests are read and recorded at once (in memory: at most this many
/// bodies of at most `MAX_BODY`).
pub const MAX_IN_FLIGHT: usize = 512;
/// How long a request waits for one of those slots before it is refused with 503.
pub const SLOT_WAIT: Duration = Duration::from_secs(2);
/// How many connections are open at once. Clients keep idle connections open for reuse
/// (a thousand heroes answering at once over loopback opened over a thousand), and a
/// connection past the bound waits until one closes, so it sits well above what a busy
/// workspace opens and well below the process's file limit.
pub const MAX_CONNECTIONS: usize = 8192;

/// The request slots shared by every route.
#[derive(Clone)]
pub struct Limits {
    in_flight: Arc<Semaphore>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            in_flight: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
        }
    }
}

fn refuse(status: StatusCode, why: &str) -> Response {
    tracing::warn!(%status, why, "refused a request");
    (status, why.to_string()).into_response()
}

/// The middleware: reads the body within the bounds above, then hands the request on
/// with the body in memory.
pub async fn bounded(State(limits): State<Limits>, req: Request, next: Next) -> Response {
    // A request waits a little for a slot (its body not read yet), then is refused.
    let slot = tokio::time::timeout(SLOT_WAIT, limits.in_flight.clone().acquire_owned()).await;
    let Ok(Ok(_slot)) = slot else {
        let mut busy = refuse(StatusCode::SERVICE_UNAVAILABLE, "busy: try again shortly");
        busy.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return busy;
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, "the body is too large");
    }
    let (parts, body) = req.into_parts();
    let bytes = match tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, MAX_BODY)).await
    {
        Err(_) => return refuse(StatusCode::REQUEST_TIMEOUT, "the body took too long"),
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                || e.to_string().contains("length limit");
            return if too_large {
                refuse(StatusCode::PAYLOAD_TOO_LARGE, "the body is too large")
            } else {
                refuse(StatusCode::BAD_REQUEST, "the body could not be read")
            };
        }
        Ok(Ok(bytes)) => bytes,
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// A TCP listener that keeps at most `MAX_CONNECTIONS` connections open.
pub struct BoundedListener {
    inner: TcpListener,
    slots: Arc<Semaphore>,
}

impl BoundedListener {
    pub fn new(inner: TcpListener, max: usize) -> BoundedListener {
        BoundedListener {
            inner,
            slots: Arc::new(Semaphore::new(max)),
        }
    }
}

/// A connection holding its slot until it is dropped.
pub struct Counted {
    io: TcpStream,
    _slot: OwnedSemaphorePermit,
}

impl axum::serve::Listener for BoundedListener {
    type Io = Counted;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Counted, std::net::SocketAddr) {
        let slot = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .expect("the connection slots are never closed");
        loop {
            match self.inner.accept().await {
                Ok((io, addr)) => {
                    let _ = io.set_nodelay(true);
                    return (Counted { io, _slot: slot }, addr);
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait, as axum's own does.
                    tracing::error!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.inner.local_addr()
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}
