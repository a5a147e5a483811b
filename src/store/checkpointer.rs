//! Copying the write-ahead log back into the database file, beside the writer rather than
//! in its commits.
//!
//! SQLite's own way is for the writing connection to checkpoint after a commit once the
//! log has grown past a threshold: the copy and its two `fsync`s then run in the commit
//! of whichever write came last, and every request waiting to be recorded waits for them
//! (25-50 ms on this class of machine at a thousand heroes answering, every second or so,
//! measured with `perf trace`; see bench/README.md). Here a task of its own, on a
//! connection of its own, copies the log while the writer goes on writing.
//!
//! A passive checkpoint running beside the writer never quite catches up, though: whatever
//! was committed while it copied is left for the next, and SQLite starts the log over
//! from its beginning only when a write finds it copied to the end. Under steady writes
//! the log would only grow. So once it is long, the checkpointer copies again until little
//! is left, then holds the writer still (its turn on the writing connection, as any
//! other write takes it) for a last, short copy; the next write starts the log over.

use std::sync::Arc;
use std::time::Duration;

use sqlx::SqliteConnection;
use tokio::sync::Mutex;

use super::writer::Writer;

/// When and how the log is copied back (`Store::open` uses `Checkpoints::default()`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checkpoints {
    /// How often the log is copied back into the database file.
    pub every: Duration,
    /// From this many frames (pages) in the log on, the log is started over: copied to
    /// its end while the writer holds still.
    pub restart_at: i64,
    /// The writer holds still only once at most this many frames are left to copy.
    pub short: i64,
    /// The writing connection checkpoints by itself only from this many frames on
    /// (SQLite's `wal_autocheckpoint`): in case this task falls behind.
    pub backstop: i64,
}

impl Default for Checkpoints {
    fn default() -> Checkpoints {
        Checkpoints {
            every: Duration::from_millis(500),
            // Pages are 4 KiB: the log stays under about 64 MiB.
            restart_at: 16_384,
            short: 512,
            backstop: 65_536,
        }
    }
}

/// The connection checkpoints run on; `None` once the store is closed.
pub(super) type Conn = Arc<Mutex<Option<SqliteConnection>>>;

/// Copies passes of the log before the writer is held still.
const PASSES_BESIDE: usize = 3;

/// Checkpoints every `policy.every` until the store is closed.
pub(super) async fn run(conn: Conn, writer: Arc<Writer>, policy: Checkpoints) {
    let mut tick = tokio::time::interval(policy.every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let mut guard = conn.lock().await;
        let Some(conn) = guard.as_mut() else {
            return;
        };
        if let Err(e) = checkpoint(conn, &writer, &policy).await {
            if matches!(e, sqlx::Error::PoolClosed) {
                return;
            }
            tracing::warn!(
                error = format!("{e:#}"),
                "a checkpoint of the database failed"
            );
        }
    }
}

/// One round: a copy beside the writer, and if the log is long, more until little is
/// left, then the rest with the writer held still, so the next write starts the log over.
async fn checkpoint(
    conn: &mut SqliteConnection,
    writer: &Writer,
    policy: &Checkpoints,
) -> Result<(), sqlx::Error> {
    let (mut log, mut copied) = pass(conn).await?;
    if log < policy.restart_at {
        return Ok(());
    }
    // Even copied to its end, the log starts over only if no commit comes first.
    for _ in 1..PASSES_BESIDE {
        if log - copied <= policy.short {
            break;
        }
        (log, copied) = pass(conn).await?;
    }
    // No commit can happen while this is held: the copy reaches the log's end.
    let _still = writer.lock().await?;
    pass(conn).await?;
    Ok(())
}

/// A passive checkpoint: the frames in the log, and how many of them are now copied
/// into the database file.
async fn pass(conn: &mut SqliteConnection) -> Result<(i64, i64), sqlx::Error> {
    let (_busy, log, copied): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(conn)
        .await?;
    Ok((log, copied))
}
