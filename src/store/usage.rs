//! Storage of imported usage figures.

use anyhow::Context;
use chrono::{DateTime, Utc};

use sqlx::Connection;

use super::Store;
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
        let mut conn = self.writer.lock().await?;
        let mut tx = conn
            .begin()
            .await
            .context("failed to start a transaction")?;
        for r in records {
            sqlx::query(
                "INSERT INTO usage (user_key, user_id, grp, period, metric, value, imported_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT(user_key, period, metric) DO UPDATE SET
                   user_id = excluded.user_id, grp = excluded.grp, value = excluded.value,
                   imported_at = excluded.imported_at",
            )
            .bind(&r.user)
            .bind(matched.get(&r.user))
            .bind(&r.group)
            .bind(&r.period)
            .bind(&r.metric)
            .bind(r.value)
            .bind(now)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("failed to save line {}", r.line))?;
        }
        tx.commit().await.context("failed to save the import")?;
        Ok(())
    }

    /// Every stored figure, with the person as their Slack user ID when matched.
    pub async fn usage_records(&self) -> anyhow::Result<Vec<(UsageRecord, Option<String>)>> {
        let rows: Vec<(String, Option<String>, String, String, String, f64)> = sqlx::query_as(
            "SELECT user_key, user_id, grp, period, metric, value FROM usage ORDER BY id",
        )
        .fetch_all(&mut *self.read().await?)
        .await
        .context("failed to read usage")?;
        Ok(rows
            .into_iter()
            .map(|(user, id, group, period, metric, value)| {
                (
                    UsageRecord {
                        line: 0,
                        user,
                        group,
                        period,
                        metric,
                        value,
                    },
                    id,
                )
            })
            .collect())
    }

    /// People who have a story (open or published): they are not candidates again.
    pub async fn featured_users(&self) -> anyhow::Result<Vec<String>> {
        sqlx::query_scalar("SELECT DISTINCT hero_id FROM stories WHERE stage != 'opted_out'")
            .fetch_all(&mut *self.read().await?)
            .await
            .context("failed to read featured people")
    }
}
