//! Postgres storage: so far, the part several replicas of `serve` share (`shared`'s
//! interface): the inbox deduplicated across replicas (`inbox.rs`), the outbox of
//! messages claimed with `FOR UPDATE SKIP LOCKED` under a lease (`outbox.rs`), and the
//! scheduler's leadership, a session advisory lock on a connection of its own
//! (`leader.rs`). The schema is `migrations/postgres/`, applied when a replica opens.
//!
//! `Store` runs on a `Replica` when `DATABASE_URL` names a Postgres database
//! (`Store::on_postgres`).

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection, PgConnection};

mod inbox;
mod leader;
mod outbox;

pub use leader::PgLead;

/// How long a replica waits for the server to answer when it connects.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections each replica keeps to the database.
const CONNECTIONS: u32 = 8;

/// How long a claimed outbox row stays its replica's unless renewed. The sender renews
/// its claims every third of it while it delivers (an upload may take a minute), so a
/// row is claimed again only when its replica died or hung: then within this long.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(30);

/// Whether `url` names a Postgres database.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// `url` as it may be shown: its password, if any, as `***`.
pub fn shown(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.to_string()
        }
        Err(_) => "a postgres:// address".to_string(),
    }
}

/// This replica's name, unless `SPOTLIGHT_REPLICA` gives one: the host's name and the
/// process id, which tell replicas apart in the outbox's claims and in
/// `pg_stat_activity`.
pub fn replica_name() -> String {
    if let Ok(name) = std::env::var("SPOTLIGHT_REPLICA") {
        if !name.trim().is_empty() {
            return name.trim().to_string();
        }
    }
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    let host = if host.is_empty() {
        "spotlight".to_string()
    } else {
        host
    };
    format!("{host}-{}", std::process::id())
}

/// Creates `schema` (a workspace's: `ws_` and lower-case letters and digits) if it is
/// new; two replicas creating it at once both succeed.
async fn create_schema(conn: &mut PgConnection, schema: &str) -> anyhow::Result<()> {
    debug_assert!(schema
        .chars()
        .all(|c| c == '_' || c.is_ascii_lowercase() || c.is_ascii_digit()));
    let created = sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\""))
        .execute(&mut *conn)
        .await;
    if let Err(e) = created {
        // Created by another replica in the same instant (Postgres then reports a
        // duplicate rather than waiting).
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)")
                .bind(schema)
                .fetch_one(&mut *conn)
                .await?;
        if !exists {
            return Err(anyhow::Error::new(e)
                .context(format!("failed to create the workspace's schema {schema}")));
        }
    }
    Ok(())
}

/// One replica's handle on the shared Postgres database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Replica {
    pool: PgPool,
    /// Who claims: written into the outbox rows this replica holds, and shown as the
    /// connections' `application_name`.
    name: Arc<str>,
    lease: Duration,
    /// The advisory lock's key for the lead: one per workspace schema.
    lead_key: i64,
}

impl Replica {
    /// Connects to the database at `url` as replica `name` and applies the migrations
    /// (replicas starting together apply them once: sqlx takes a lock for it).
    ///
    /// An address naming a workspace (`store::workspace_url`) opens that workspace's
    /// schema, created if it is new: every connection works in it alone.
    pub async fn open(url: &str, name: &str) -> anyhow::Result<Replica> {
        let (url, team) = super::workspace::split_pg(url)?;
        let url = url.as_str();
        let schema = team.as_deref().map(super::workspace::schema_of);
        let mut options = PgConnectOptions::from_str(url)
            .with_context(|| format!("failed to read the Postgres address {}", shown(url)))?
            .application_name(&format!("spotlight {name}"));
        if let Some(schema) = &schema {
            options = options.options([("search_path", schema.as_str())]);
        }
        // One connection first: a server that refuses or is unknown is said at once,
        // rather than after the pool's wait for a connection.
        let unreachable = || {
            format!(
                "failed to connect to the Postgres database {} (is the server running, \
                 and does DATABASE_URL name it?)",
                shown(url)
            )
        };
        let first = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options))
            .await
            .map_err(|_| anyhow::anyhow!("no answer within {CONNECT_TIMEOUT:?}"))
            .with_context(unreachable)?
            .with_context(unreachable)?;
        let mut first = first;
        if let Some(schema) = &schema {
            create_schema(&mut first, schema).await?;
        }
        let _ = first.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(CONNECTIONS)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options)
            .await
            .with_context(unreachable)?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .context("failed to apply the Postgres migrations")?;
        Ok(Replica {
            pool,
            name: name.into(),
            lease: DEFAULT_LEASE,
            lead_key: leader::key(schema.as_deref()),
        })
    }

    /// This replica, claiming outbox rows for `lease` at a time.
    pub fn with_lease(self, lease: Duration) -> Replica {
        Replica { lease, ..self }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// One of the pool's connections, for as long as it is held.
    pub(crate) async fn connection(
        &self,
    ) -> Result<sqlx::pool::PoolConnection<sqlx::Postgres>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// A connection listening on `channel` (reconnecting by itself; notifications sent
    /// while it was cut off are lost, so listeners also look from time to time).
    pub async fn listen(&self, channel: &str) -> anyhow::Result<sqlx::postgres::PgListener> {
        let mut listener = sqlx::postgres::PgListener::connect_with(&self.pool)
            .await
            .context("failed to connect to Postgres to listen")?;
        listener
            .listen(channel)
            .await
            .context("failed to listen on Postgres")?;
        Ok(listener)
    }

    /// Closes the replica's connections (a lead it holds has its own).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
