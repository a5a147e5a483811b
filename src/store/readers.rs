//! The connections reads go through: each held by one read at a time, without a pool.
//!
//! sqlx's pool tests every connection that comes back to it with a ping, which is one
//! more hand-off to the connection's thread and back per read; at a thousand heroes
//! answering at once those pings were a tenth of the workers' time. A read here takes a
//! free connection (or queues for one), uses it, and lets it go: nothing else happens.

use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{Mutex, MutexGuard};

/// A connection held until dropped (a read's, or the writer's).
pub(super) struct Held<'a>(pub(super) MutexGuard<'a, Option<SqliteConnection>>);

impl Held<'_> {
    /// The connection, or the "closed" error if the store has been closed.
    pub(super) fn checked(
        guard: MutexGuard<'_, Option<SqliteConnection>>,
    ) -> Result<Held<'_>, sqlx::Error> {
        match *guard {
            Some(_) => Ok(Held(guard)),
            None => Err(sqlx::Error::PoolClosed),
        }
    }
}

impl std::ops::Deref for Held<'_> {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        self.0.as_ref().expect("checked when taken")
    }
}

impl std::ops::DerefMut for Held<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.0.as_mut().expect("checked when taken")
    }
}

/// A few read connections; WAL lets them read while the writer writes.
#[derive(Debug)]
pub(super) struct Readers {
    conns: Vec<Mutex<Option<SqliteConnection>>>,
    /// Whose turn it is to be waited for when none is free.
    next: AtomicUsize,
}

impl Readers {
    pub(super) async fn open(
        options: &SqliteConnectOptions,
        count: usize,
    ) -> Result<Readers, sqlx::Error> {
        let mut conns = Vec::with_capacity(count);
        for _ in 0..count.max(1) {
            conns.push(Mutex::new(Some(
                SqliteConnection::connect_with(options).await?,
            )));
        }
        Ok(Readers {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// A free connection, or, if all are busy, the next one in turn once it is free.
    /// Fails once the store is closed.
    pub(super) async fn get(&self) -> Result<Held<'_>, sqlx::Error> {
        for conn in &self.conns {
            if let Ok(guard) = conn.try_lock() {
                return Held::checked(guard);
            }
        }
        let turn = self.next.fetch_add(1, Ordering::Relaxed) % self.conns.len();
        Held::checked(self.conns[turn].lock().await)
    }

    /// Closes every connection once its current read is done; later reads fail.
    pub(super) async fn close(&self) {
        for conn in &self.conns {
            close(conn.lock().await.take()).await;
        }
    }
}

/// Closes `conn` (if not closed already), warning if SQLite did not close it cleanly.
pub(super) async fn close(conn: Option<SqliteConnection>) {
    if let Some(conn) = conn {
        if let Err(e) = conn.close().await {
            tracing::warn!(error = %e, "failed to close the database cleanly");
        }
    }
}
