//! Storage of imported usage figures. A period is kept as its canonical label
//! (`2026-10-05`, `2026-W40`, `2026-10`, `2026-Q3`), which reads back as the same range.

use anyhow::Context;
use chrono::{DateTime, Utc};

use sqlx::Connection;

use super::Db;
use super::Store;
use crate::domain::period::Period;
use crate::domain::usage::UsageRecord;

impl Store {
    /// Saves figures in one transaction (all or none); a figure imported again replaces the
    /// earlier value. `matched` gives the Slack user ID for each user key that has one.
    pub async fn import_usage(
        &self,
        records: &[UsageRecord],
        matched: &std::collections::HashMap<String, String>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn
                .begin()
                .await
                .context("failed to start a transaction")?;
            for r in records {
                sqlx::query(
                    "INSERT INTO usage (user_key, user_id, grp, period, metric, value, imported_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT(user_key, period, metric) DO UPDATE SET
                   user_id = excluded.user_id, grp = excluded.grp, value = excluded.value,
                   imported_at = excluded.imported_at",
                )
                .bind(&r.user)
                .bind(matched.get(&r.user))
                .bind(&r.group)
                .bind(r.period.label())
                .bind(&r.metric)
                .bind(r.value)
                .bind(now)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("failed to save line {}", r.line))?;
            }
            tx.commit().await.context("failed to save the import")?;
            Ok(())
        })
    }

    /// Every stored figure, with the person as their Slack user ID when matched. A period
    /// stored before periods were kept as ranges, and not readable as one, is left out.
    pub async fn usage_records(&self) -> anyhow::Result<Vec<(UsageRecord, Option<String>)>> {
        on_db!(self, read, |db| {
            let rows: Vec<(String, Option<String>, String, String, String, f64)> = sqlx::query_as(
                "SELECT user_key, user_id, grp, period, metric, value FROM usage ORDER BY id",
            )
            .fetch_all(&mut *db)
            .await
            .context("failed to read usage")?;
            Ok(rows
            .into_iter()
            .filter_map(|(user, id, group, period, metric, value)| {
                let Some(period) = Period::from_label(&period) else {
                    tracing::warn!(%period, "a stored usage period is not a range; import the file again");
                    return None;
                };
                Some((
                    UsageRecord {
                        line: 0,
                        user,
                        group,
                        period,
                        metric,
                        value,
                    },
                    id,
                ))
            })
            .collect())
        })
    }

    /// People who have a story (open or published): they are not candidates again.
    pub async fn featured_users(&self) -> anyhow::Result<Vec<String>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar("SELECT DISTINCT hero_id FROM stories WHERE stage != 'opted_out'")
                .fetch_all(&mut *db)
                .await
                .context("failed to read featured people")
        })
    }
}
