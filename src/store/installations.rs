//! The OAuth install: the installation (its sealed tokens and their rotation), the
//! install's single-use `state`s, and erasing a workspace's data when it uninstalls.
//!
//! The store never sees a token readable: `slack::tokens` seals them before they come
//! here and opens them after. A refresh is claimed for one generation of the tokens
//! (`claim_refresh`) before the refresh token is used, and its result is kept only if
//! the generation is still the one claimed (`finish_refresh`): two refreshers, in this
//! process or another, never both use one refresh token.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::{Connection, FromRow};

use super::Db;
use super::{unpoisoned, Store};

/// Where a stored install's data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Installed {
    /// In a partition of its own (`store::workspace`), not in the database itself.
    pub data_apart: bool,
    /// The workspace installed for the first time (not a reinstall).
    pub first_time: bool,
}

/// An installation as stored (its tokens sealed).
#[derive(Debug, Clone, FromRow)]
pub struct InstallationRow {
    /// '' outside Enterprise Grid.
    pub enterprise_id: String,
    pub team_id: String,
    pub team_name: String,
    pub app_id: String,
    pub bot_user_id: String,
    /// The bot token's scopes, comma separated, as Slack granted them.
    pub scopes: String,
    /// The Slack user who installed the app.
    pub installed_by: Option<String>,
    /// Sealed; None once uninstalled or revoked.
    pub bot_token: Option<Vec<u8>>,
    /// Sealed; None without token rotation.
    pub refresh_token: Option<Vec<u8>>,
    /// When the bot token expires (token rotation), else None.
    pub expires_at: Option<DateTime<Utc>>,
    /// How many times the tokens were replaced (install, reinstall, rotation).
    pub generation: i64,
    pub refreshing_since: Option<DateTime<Utc>>,
    pub installed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub uninstalled_at: Option<DateTime<Utc>>,
    /// Whether the workspace's data is in a partition of its own beside the database
    /// (`store::workspace`), rather than in the database itself (the first workspace's).
    pub data_apart: bool,
}

impl InstallationRow {
    /// Whether `other` names this installation's workspace.
    pub fn is(&self, enterprise_id: &str, team_id: &str) -> bool {
        self.enterprise_id == enterprise_id && self.team_id == team_id
    }
}

/// A new installation, or a reinstall, as the code exchange gave it (tokens sealed).
#[derive(Debug, Clone)]
pub struct NewInstallation {
    pub enterprise_id: String,
    pub team_id: String,
    pub team_name: String,
    pub app_id: String,
    pub bot_user_id: String,
    pub scopes: String,
    pub installed_by: Option<String>,
    pub bot_token: Vec<u8>,
    pub refresh_token: Option<Vec<u8>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// What became of an install's `state` when its browser came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateCheck {
    /// Issued here, within its 10 minutes, not used before: now used.
    Good,
    /// Never issued here (forged, or from another Spotlight).
    Unknown,
    Expired,
    /// Used once already (a reload, or a replay).
    Used,
}

/// The outcome of claiming a refresh of the tokens of one generation.
#[derive(Debug, Clone)]
pub enum RefreshClaim {
    /// Claimed: use this (sealed) refresh token, then `finish_refresh` or `release_refresh`.
    Claimed(Vec<u8>),
    /// The tokens are no longer of that generation (refreshed or reinstalled meanwhile):
    /// the current row, to use as it is.
    Moved(Box<InstallationRow>),
    /// Someone else claimed it moments ago and is refreshing.
    Busy,
    /// Not installed any more, or nothing to refresh with.
    Gone,
}

/// Tables that hold no workspace's data: the migrations' record and the install's own.
/// Begins a transaction that reads the installation and then writes it: on SQLite,
/// IMMEDIATE takes the write lock first; on Postgres a plain one then locks the table
/// (readers go on; another such transaction waits for this one).
macro_rules! begin_locked {
    ($conn:expr, $pg:expr) => {{
        let pg: bool = $pg;
        let mut tx = $conn
            .begin_with(if pg { "BEGIN" } else { "BEGIN IMMEDIATE" })
            .await?;
        if pg {
            sqlx::query("LOCK TABLE installations IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        tx
    }};
}

const NOT_WORKSPACE_DATA: [&str; 3] = ["_sqlx_migrations", "installations", "oauth_states"];

const COLUMNS: &str =
    "enterprise_id, team_id, team_name, app_id, bot_user_id, scopes, installed_by,
   bot_token, refresh_token, expires_at, generation, refreshing_since, installed_at, updated_at,
   uninstalled_at, data_apart";

impl Store {
    /// The installation of the workspace whose data the database itself holds, if any
    /// (installed or not).
    pub async fn installation(&self) -> anyhow::Result<Option<InstallationRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM installations WHERE data_apart = FALSE
                 ORDER BY installed_at LIMIT 1"
            ))
            .fetch_optional(&mut *db)
            .await
            .context("failed to read the installation")
        })
    }

    /// The installation of workspace `team`, if any (installed or not).
    pub async fn installation_of(&self, team: &str) -> anyhow::Result<Option<InstallationRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM installations WHERE team_id = $1
                 ORDER BY installed_at LIMIT 1"
            ))
            .bind(team)
            .fetch_optional(&mut *db)
            .await
            .context("failed to read an installation")
        })
    }

    /// Every installation, the first installed first.
    pub async fn installations(&self) -> anyhow::Result<Vec<InstallationRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM installations ORDER BY installed_at, team_id"
            ))
            .fetch_all(&mut *db)
            .await
            .context("failed to read the installations")
        })
    }

    /// Stores an install: a new one, or the same workspace's again (new tokens and scopes,
    /// after an uninstall too). A new workspace's data goes in the database itself if no
    /// workspace holds it (the first, or after its data was erased), else in a partition
    /// of its own (`data_apart`).
    pub async fn install(
        &self,
        new: &NewInstallation,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Installed> {
        on_db!(self, write, |db| {
            let write = async {
                let conn = db;
                // The rows are read under the write lock, so another process's install
                // can't slip in between (nor, on SQLite, fail this one's upgrade to a writer).
                let mut tx = begin_locked!(conn, self.db.is_postgres());
                let same: Option<bool> = sqlx::query_scalar(
                    "SELECT data_apart FROM installations WHERE enterprise_id = $1 AND team_id = $2",
                )
                .bind(&new.enterprise_id)
                .bind(&new.team_id)
                .fetch_optional(&mut *tx)
                .await?;
                let data_apart = match same {
                    Some(apart) => apart,
                    None => {
                        sqlx::query_scalar::<_, i64>(
                            "SELECT COUNT(*) FROM installations WHERE data_apart = FALSE",
                        )
                        .fetch_one(&mut *tx)
                        .await?
                            > 0
                    }
                };
                sqlx::query(
                "INSERT INTO installations (enterprise_id, team_id, team_name, app_id, bot_user_id,
                   scopes, installed_by, bot_token, refresh_token, expires_at, generation,
                   installed_at, updated_at, data_apart)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13)
                 ON CONFLICT(enterprise_id, team_id) DO UPDATE SET
                   team_name = excluded.team_name, app_id = excluded.app_id,
                   bot_user_id = excluded.bot_user_id, scopes = excluded.scopes,
                   installed_by = excluded.installed_by, bot_token = excluded.bot_token,
                   refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
                   generation = installations.generation + 1, refreshing_since = NULL,
                   updated_at = excluded.updated_at, uninstalled_at = NULL",
            )
            .bind(&new.enterprise_id)
            .bind(&new.team_id)
            .bind(&new.team_name)
            .bind(&new.app_id)
            .bind(&new.bot_user_id)
            .bind(&new.scopes)
            .bind(&new.installed_by)
            .bind(&new.bot_token)
            .bind(&new.refresh_token)
            .bind(new.expires_at)
            .bind(now)
            .bind(now)
            .bind(data_apart)
            .execute(&mut *tx)
            .await?;
                tx.commit().await?;
                Ok::<_, sqlx::Error>(Installed {
                    data_apart,
                    first_time: same.is_none(),
                })
            };
            write.await.context("failed to store the installation")
        })
    }

    /// Deletes the installation of a workspace whose data was kept apart, once its
    /// partition is dropped (`workspace::drop_partition`).
    pub async fn forget_installation(
        &self,
        enterprise_id: &str,
        team_id: &str,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "DELETE FROM installations WHERE enterprise_id = $1 AND team_id = $2 AND data_apart = TRUE",
            )
            .bind(enterprise_id)
            .bind(team_id)
            .execute(&mut *db)
            .await
            .context("failed to delete an installation")?;
            Ok(())
        })
    }

    /// Drops the Postgres schema that holds workspace `team`'s data
    /// (`workspace::schema_of`), with everything in it. False on SQLite, whose
    /// partitions are files.
    pub async fn drop_workspace_schema(&self, team: &str) -> anyhow::Result<bool> {
        if !self.db.is_postgres() {
            return Ok(false);
        }
        let schema = super::workspace::schema_of(super::workspace::check_team(team)?);
        on_db!(self, write, |db| {
            // The name is made of a checked workspace ID: lower-case letters and digits.
            sqlx::query(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
                .execute(&mut *db)
                .await
                .with_context(|| format!("failed to drop schema {schema}"))?;
            Ok(true)
        })
    }

    /// Keeps a new install's `state`, good until `expires_at`; states expired a day ago
    /// are dropped on the way.
    pub async fn add_oauth_state(
        &self,
        state: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let conn = db;
            sqlx::query("DELETE FROM oauth_states WHERE expires_at < $1")
                .bind(now - chrono::Duration::days(1))
                .execute(&mut *conn)
                .await
                .context("failed to drop old install states")?;
            sqlx::query(
                "INSERT INTO oauth_states (state, created_at, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(state)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *conn)
            .await
            .context("failed to keep an install's state")?;
            Ok(())
        })
    }

    /// Checks an install's `state` as its browser brings it back, and uses it up if good.
    pub async fn take_oauth_state(
        &self,
        state: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<StateCheck> {
        on_db!(self, write, |db| {
            let check = async {
                let conn = db;
                // The row is read under the write lock, so another process's write can't
                // slip in between (nor, on SQLite, fail this one's upgrade to a writer).
                let mut tx = begin_locked!(conn, self.db.is_postgres());
                let row: Option<(DateTime<Utc>, Option<DateTime<Utc>>)> =
                    sqlx::query_as("SELECT expires_at, used_at FROM oauth_states WHERE state = $1")
                        .bind(state)
                        .fetch_optional(&mut *tx)
                        .await?;
                let check = match row {
                    None => StateCheck::Unknown,
                    Some((_, Some(_))) => StateCheck::Used,
                    Some((expires_at, None)) if expires_at <= now => StateCheck::Expired,
                    Some(_) => StateCheck::Good,
                };
                if check == StateCheck::Good {
                    sqlx::query("UPDATE oauth_states SET used_at = $1 WHERE state = $2")
                        .bind(now)
                        .bind(state)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok::<_, sqlx::Error>(check)
            };
            check.await.context("failed to check an install's state")
        })
    }

    /// Claims the refresh of the tokens of `generation` (re-reading the row in the same
    /// transaction): granted only if they are still of that generation and nobody claimed
    /// them in the last `lease`.
    pub async fn claim_refresh(
        &self,
        enterprise_id: &str,
        team_id: &str,
        generation: i64,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> anyhow::Result<RefreshClaim> {
        on_db!(self, write, |db| {
            let claim = async {
                let conn = db;
                // The row is read under the write lock, so another process's write can't
                // slip in between (nor, on SQLite, fail this one's upgrade to a writer).
                let mut tx = begin_locked!(conn, self.db.is_postgres());
                let row: Option<InstallationRow> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM installations WHERE enterprise_id = $1 AND team_id = $2"
                ))
                .bind(enterprise_id)
                .bind(team_id)
                .fetch_optional(&mut *tx)
                .await?;
                let claim = match row {
                    None => RefreshClaim::Gone,
                    Some(row) if row.bot_token.is_none() => RefreshClaim::Gone,
                    Some(row) if row.generation != generation => RefreshClaim::Moved(Box::new(row)),
                    Some(row) if row.refreshing_since.is_some_and(|t| t > now - lease) => {
                        RefreshClaim::Busy
                    }
                    Some(row) => match row.refresh_token {
                        None => RefreshClaim::Gone,
                        Some(refresh) => {
                            sqlx::query(
                                "UPDATE installations SET refreshing_since = $1
                             WHERE enterprise_id = $2 AND team_id = $3 AND generation = $4",
                            )
                            .bind(now)
                            .bind(enterprise_id)
                            .bind(team_id)
                            .bind(generation)
                            .execute(&mut *tx)
                            .await?;
                            RefreshClaim::Claimed(refresh)
                        }
                    },
                };
                tx.commit().await?;
                Ok::<_, sqlx::Error>(claim)
            };
            claim.await.context("failed to claim a token refresh")
        })
    }

    /// Keeps the tokens a claimed refresh got (sealed), as the next generation; false (and
    /// nothing changed) if the tokens moved on meanwhile (a reinstall, an uninstall).
    #[allow(clippy::too_many_arguments)]
    pub async fn finish_refresh(
        &self,
        enterprise_id: &str,
        team_id: &str,
        generation: i64,
        bot_token: &[u8],
        refresh_token: &[u8],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query(
            "UPDATE installations SET bot_token = $1, refresh_token = $2, expires_at = $3,
               generation = generation + 1, refreshing_since = NULL, updated_at = $4
             WHERE enterprise_id = $5 AND team_id = $6 AND generation = $7 AND bot_token IS NOT NULL",
        )
        .bind(bot_token)
        .bind(refresh_token)
        .bind(expires_at)
        .bind(now)
        .bind(enterprise_id)
        .bind(team_id)
        .bind(generation)
        .execute(&mut *db)
        .await
        .context("failed to keep the refreshed tokens")?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Gives up a claimed refresh that did not happen, so it can be tried again.
    pub async fn release_refresh(
        &self,
        enterprise_id: &str,
        team_id: &str,
        generation: i64,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "UPDATE installations SET refreshing_since = NULL
             WHERE enterprise_id = $1 AND team_id = $2 AND generation = $3",
            )
            .bind(enterprise_id)
            .bind(team_id)
            .bind(generation)
            .execute(&mut *db)
            .await
            .context("failed to release a token refresh")?;
            Ok(())
        })
    }

    /// Deletes the workspace's tokens (the app was uninstalled, or its tokens revoked):
    /// the row stays, saying whose data the database holds. False if there were none.
    pub async fn drop_tokens(
        &self,
        enterprise_id: &str,
        team_id: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query(
            "UPDATE installations SET bot_token = NULL, refresh_token = NULL, expires_at = NULL,
               refreshing_since = NULL, generation = generation + 1, uninstalled_at = $1,
               updated_at = $2
             WHERE enterprise_id = $3 AND team_id = $4 AND bot_token IS NOT NULL",
        )
        .bind(now)
        .bind(now)
        .bind(enterprise_id)
        .bind(team_id)
        .execute(&mut *db)
        .await
        .context("failed to delete the workspace's tokens")?;
            Ok(done.rows_affected() > 0)
        })
    }

    /// Erases every row of the workspace's data, in one transaction: every table but the
    /// migrations' record and the install's states (tables a later migration adds
    /// included), and the installation itself, so the database is as new and any
    /// workspace may install. Returns how many rows went.
    pub async fn erase_workspace(&self, enterprise_id: &str, team_id: &str) -> anyhow::Result<u64> {
        on_db!(self, write, |db| {
            let erase = async {
                let conn = db;
                // The row is read under the write lock, so another process's write can't
                // slip in between (nor, on SQLite, fail this one's upgrade to a writer).
                let mut tx = begin_locked!(conn, self.db.is_postgres());
                let pg = self.db.is_postgres();
                if !pg {
                    // Rows that name each other go together: their keys are checked at the commit.
                    sqlx::query("PRAGMA defer_foreign_keys = ON")
                        .execute(&mut *tx)
                        .await?;
                }
                let tables: Vec<String> = sqlx::query_scalar(if pg {
                "SELECT CAST(tablename AS TEXT) FROM pg_tables
                 WHERE schemaname = current_schema() ORDER BY tablename"
            } else {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 ORDER BY name"
            })
            .fetch_all(&mut *tx)
            .await?;
                let mut rows = 0;
                let data: Vec<String> = tables
                    .iter()
                    .filter(|t| !NOT_WORKSPACE_DATA.contains(&t.as_str()))
                    // The name comes from the database's own catalogue, quoted as an identifier.
                    .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                    .collect();
                if pg {
                    // Counted, then emptied together in one statement (Postgres checks keys
                    // statement by statement, and the tables name each other).
                    for table in &data {
                        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                            .fetch_one(&mut *tx)
                            .await?;
                        rows += n as u64;
                    }
                    if !data.is_empty() {
                        sqlx::query(&format!("TRUNCATE {}", data.join(", ")))
                            .execute(&mut *tx)
                            .await?;
                    }
                } else {
                    for table in &data {
                        let sql = format!("DELETE FROM {table}");
                        rows += sqlx::query(&sql).execute(&mut *tx).await?.rows_affected();
                    }
                }
                rows += sqlx::query(
                    "DELETE FROM installations WHERE enterprise_id = $1 AND team_id = $2",
                )
                .bind(enterprise_id)
                .bind(team_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok::<_, sqlx::Error>(rows)
            };
            let rows = self
                .changing_contexts(erase)
                .await
                .context("failed to erase the workspace's data")?;
            unpoisoned(&self.names).clear();
            unpoisoned(&self.locales).clear();
            Ok(rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap()
    }

    fn new(team: &str) -> NewInstallation {
        NewInstallation {
            enterprise_id: String::new(),
            team_id: team.into(),
            team_name: "Acme".into(),
            app_id: "A1".into(),
            bot_user_id: "UBOT".into(),
            scopes: "chat:write".into(),
            installed_by: Some("U1".into()),
            bot_token: b"sealed-bot".to_vec(),
            refresh_token: Some(b"sealed-refresh".to_vec()),
            expires_at: Some(now() + chrono::Duration::hours(12)),
        }
    }

    #[tokio::test]
    async fn a_state_is_good_once_within_its_ten_minutes() {
        let (_dir, store) = super::super::tests::fresh().await;
        let later = now() + chrono::Duration::minutes(10);
        store.add_oauth_state("s1", now(), later).await.unwrap();
        store.add_oauth_state("s2", now(), later).await.unwrap();
        let check = |s: &'static str, at| {
            let store = store.clone();
            async move { store.take_oauth_state(s, at).await.unwrap() }
        };
        assert_eq!(check("forged", now()).await, StateCheck::Unknown);
        assert_eq!(check("s1", now()).await, StateCheck::Good);
        assert_eq!(check("s1", now()).await, StateCheck::Used);
        assert_eq!(check("s2", later).await, StateCheck::Expired);
    }

    #[tokio::test]
    async fn one_refresh_per_generation_is_claimed_and_a_stale_one_keeps_nothing() {
        let (_dir, store) = super::super::tests::fresh().await;
        store.install(&new("T1"), now()).await.unwrap();
        let lease = chrono::Duration::seconds(30);
        let first = store
            .claim_refresh("", "T1", 1, now(), lease)
            .await
            .unwrap();
        assert!(matches!(first, RefreshClaim::Claimed(ref r) if r == b"sealed-refresh"));
        // A second refresher (another process) finds it claimed.
        let second = store
            .claim_refresh("", "T1", 1, now(), lease)
            .await
            .unwrap();
        assert!(matches!(second, RefreshClaim::Busy));
        assert!(store
            .finish_refresh("", "T1", 1, b"bot2", b"refresh2", None, now())
            .await
            .unwrap());
        // The old generation's refresh is never granted again: the new row is handed back.
        let stale = store
            .claim_refresh("", "T1", 1, now(), lease)
            .await
            .unwrap();
        assert!(matches!(stale, RefreshClaim::Moved(ref row)
            if row.generation == 2 && row.refresh_token.as_deref() == Some(&b"refresh2"[..])));
        assert!(!store
            .finish_refresh("", "T1", 1, b"bot3", b"refresh3", None, now())
            .await
            .unwrap());
        // A claim left by a refresher that died is taken over after the lease.
        let claimed = store
            .claim_refresh("", "T1", 2, now(), lease)
            .await
            .unwrap();
        assert!(matches!(claimed, RefreshClaim::Claimed(_)));
        let later = now() + chrono::Duration::seconds(31);
        let again = store
            .claim_refresh("", "T1", 2, later, lease)
            .await
            .unwrap();
        assert!(matches!(again, RefreshClaim::Claimed(_)));
    }

    #[tokio::test]
    async fn a_second_workspace_keeps_its_data_apart_until_the_database_itself_is_free() {
        let (_dir, store) = super::super::tests::fresh().await;
        let first = store.install(&new("T1"), now()).await.unwrap();
        assert_eq!(
            first,
            Installed {
                data_apart: false,
                first_time: true
            }
        );
        // The same workspace again: new tokens, next generation.
        let again = store.install(&new("T1"), now()).await.unwrap();
        assert!(!again.data_apart && !again.first_time);
        assert_eq!(store.installation().await.unwrap().unwrap().generation, 2);
        // Another workspace: its data in a partition of its own.
        let second = store.install(&new("T2"), now()).await.unwrap();
        assert!(second.data_apart && second.first_time);
        assert_eq!(store.installation().await.unwrap().unwrap().team_id, "T1");
        let t2 = store.installation_of("T2").await.unwrap().unwrap();
        assert!(t2.data_apart);
        // Uninstalled, its data kept: still the database's own workspace.
        assert!(store.drop_tokens("", "T1", now()).await.unwrap());
        assert!(!store.drop_tokens("", "T1", now()).await.unwrap());
        let row = store.installation().await.unwrap().unwrap();
        assert!(row.bot_token.is_none() && row.refresh_token.is_none());
        assert!(store.install(&new("T3"), now()).await.unwrap().data_apart);
        // Erased: the next new workspace's data goes in the database itself, and the
        // others' installations stay as they were.
        let admin = crate::domain::UserId::parse("U1").unwrap();
        store.ensure_user(&admin, "Ann", now()).await.unwrap();
        assert!(store.erase_workspace("", "T1").await.unwrap() >= 2);
        assert!(store.installation().await.unwrap().is_none());
        assert_eq!(store.user_name(&admin).await.unwrap(), None);
        assert!(!store.install(&new("T4"), now()).await.unwrap().data_apart);
        let teams: Vec<String> = store
            .installations()
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.team_id)
            .collect();
        assert_eq!(teams, ["T2", "T3", "T4"]);
        // A workspace kept apart is forgotten once its partition is dropped.
        store.forget_installation("", "T2").await.unwrap();
        store.forget_installation("", "T4").await.unwrap();
        assert!(store.installation_of("T2").await.unwrap().is_none());
        assert!(
            store.installation_of("T4").await.unwrap().is_some(),
            "not kept apart"
        );
    }
}
