//! The scheduler's leadership on Postgres: a session advisory lock
//! (`pg_try_advisory_lock`) taken on a connection of its own, outside the pool, and held
//! as long as that connection lives. When the replica dies its connection ends and the
//! server releases the lock; another replica's next `try_lead` takes it.
//!
//! The holder learns it lost the lock only when it next checks (`Lead::check`, or
//! `lost`'s period): until then two replicas may both believe they lead, so what the
//! scheduler does must stay safe twice (posts are claimed in the database).
//!
//! A replica whose host dies or is cut off sends no FIN: the server notices only through
//! TCP. The lead's connection asks the server to probe it after 10 s of silence and give
//! up after 3 unanswered probes 5 s apart, or after 15 s of unacknowledged data
//! (`KEEPALIVE`), so the lock is free about half a minute after a host dies, not after
//! the system's two hours; the holder itself gives up sooner, its check timing out
//! (`CHECK_TIMEOUT`). The lock needs a session of its own on the server: not through a
//! pooler in transaction mode.

use std::time::Duration;

use anyhow::Context;
use sqlx::{Connection, PgConnection};

use super::Replica;
use crate::store::shared::{Lead, Leadership};

/// The advisory lock's key ("SpotSchd"); advisory locks are per database, so replicas
/// of different databases on one server never meet. A workspace's schema has a key of
/// its own (`key`).
const SCHEDULER: i64 = 0x5370_6f74_5363_6864;

/// The lead's key for the workspace in `schema` (None: the database's own tables): the
/// schema's name hashed (FNV-1a) into the scheduler's key.
pub(super) fn key(schema: Option<&str>) -> i64 {
    let Some(schema) = schema else {
        return SCHEDULER;
    };
    let hash = schema.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    // Kept positive: `check` finds the lock by the key's halves as unsigned numbers.
    (SCHEDULER ^ hash as i64) & i64::MAX
}

/// How long a check may take before the lead is taken as lost.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// The server's TCP settings for the lead's connection (see above; `tcp_user_timeout`
/// needs Postgres 12 or later).
const KEEPALIVE: [(&str, &str); 4] = [
    ("tcp_keepalives_idle", "10"),
    ("tcp_keepalives_interval", "5"),
    ("tcp_keepalives_count", "3"),
    ("tcp_user_timeout", "15000"),
];

/// The scheduler's lead, held by this replica on its own connection.
#[derive(Debug)]
pub struct PgLead {
    conn: PgConnection,
    /// The server process of the connection holding the lock (`pg_stat_activity.pid`).
    pid: i32,
    /// The lock's key.
    key: i64,
}

impl PgLead {
    /// The server process holding the lock, as `pg_stat_activity` and `pg_locks` show it.
    pub fn backend_pid(&self) -> i32 {
        self.pid
    }
}

impl Leadership for Replica {
    type Lead = PgLead;

    async fn try_lead(&self) -> anyhow::Result<Option<PgLead>> {
        let options = self
            .pool
            .connect_options()
            .as_ref()
            .clone()
            .options(KEEPALIVE);
        let mut conn = PgConnection::connect_with(&options)
            .await
            .context("failed to connect to Postgres to lead the scheduler")?;
        let (taken, pid): (bool, i32) =
            sqlx::query_as("SELECT pg_try_advisory_lock($1), pg_backend_pid()")
                .bind(self.lead_key)
                .fetch_one(&mut conn)
                .await
                .context("failed to ask for the scheduler's lock")?;
        if !taken {
            let _ = conn.close().await;
            return Ok(None);
        }
        Ok(Some(PgLead {
            conn,
            pid,
            key: self.lead_key,
        }))
    }
}

impl Lead for PgLead {
    async fn check(&mut self) -> anyhow::Result<()> {
        // The lock as the server sees it: held by this very session (a bigint key is
        // classid, its high half, and objid, its low half, with objsubid 1).
        let held = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_locks
                             WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                               AND objsubid = 1 AND classid::bigint = ($1 >> 32)
                               AND objid::bigint = ($1 & 4294967295)
                               AND database = (SELECT oid FROM pg_database
                                                WHERE datname = current_database()))",
        )
        .bind(self.key)
        .fetch_one(&mut self.conn);
        match tokio::time::timeout(CHECK_TIMEOUT, held).await {
            Ok(Ok(true)) => Ok(()),
            Ok(Ok(false)) => anyhow::bail!("the scheduler's lock is no longer held"),
            Ok(Err(e)) => {
                Err(anyhow::Error::new(e).context("the connection holding the scheduler's lock failed"))
            }
            Err(_) => anyhow::bail!(
                "the connection holding the scheduler's lock did not answer within {CHECK_TIMEOUT:?}"
            ),
        }
    }

    async fn lost(&mut self, every: Duration) -> anyhow::Error {
        loop {
            tokio::time::sleep(every).await;
            if let Err(e) = self.check().await {
                return e;
            }
        }
    }

    async fn step_down(mut self) {
        let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(self.key)
            .execute(&mut self.conn)
            .await;
        let _ = self.conn.close().await;
    }
}
