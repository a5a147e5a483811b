//! The adoption chart admins see on their App Home: the Slack file of the latest chart
//! `/spotlight report` shared, shown by its id.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::Db;
use super::Store;

/// The chart on the admins' App Home.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct HomeChart {
    /// The Slack file (`F…`) holding the PNG.
    pub file_id: String,
    pub drawn_at: DateTime<Utc>,
    /// The admin whose `/spotlight report` drew it.
    pub drawn_for: String,
}

impl Store {
    /// The chart the admins' App Home shows, if any.
    pub async fn home_chart(&self) -> anyhow::Result<Option<HomeChart>> {
        on_db!(self, read, |db| {
            sqlx::query_as("SELECT file_id, drawn_at, drawn_for FROM home_chart WHERE id = 1")
                .fetch_optional(&mut *db)
                .await
                .context("failed to read the App Home's chart")
        })
    }

    /// Makes `file_id` the chart the admins' App Home shows, in place of the one before.
    pub async fn set_home_chart(
        &self,
        file_id: &str,
        drawn_for: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "INSERT INTO home_chart (id, file_id, drawn_at, drawn_for) VALUES (1, $1, $2, $3)
             ON CONFLICT(id) DO UPDATE SET file_id = excluded.file_id,
               drawn_at = excluded.drawn_at, drawn_for = excluded.drawn_for",
            )
            .bind(file_id)
            .bind(now)
            .bind(drawn_for)
            .execute(&mut *db)
            .await
            .context("failed to record the App Home's chart")?;
            Ok(())
        })
    }

    /// Forgets the chart `file_id` (Slack no longer shows it), unless a newer one
    /// replaced it meanwhile.
    pub async fn forget_home_chart(&self, file_id: &str) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("DELETE FROM home_chart WHERE id = 1 AND file_id = $1")
                .bind(file_id)
                .execute(&mut *db)
                .await
                .context("failed to forget the App Home's chart")?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn the_latest_chart_replaces_the_one_before_and_a_forgotten_one_only_if_still_shown() {
        let (_dir, store) = crate::store::tests::fresh().await;
        assert_eq!(store.home_chart().await.unwrap(), None);
        let t1 = "2026-10-05T09:00:00Z".parse().unwrap();
        let t2 = "2026-10-12T09:00:00Z".parse().unwrap();
        store.set_home_chart("F1", "UADMIN", t1).await.unwrap();
        store.set_home_chart("F2", "UOTHER", t2).await.unwrap();
        let shown = store.home_chart().await.unwrap().unwrap();
        assert_eq!(
            (
                shown.file_id.as_str(),
                shown.drawn_for.as_str(),
                shown.drawn_at
            ),
            ("F2", "UOTHER", t2)
        );
        // An old chart's failure does not remove the new one.
        store.forget_home_chart("F1").await.unwrap();
        assert!(store.home_chart().await.unwrap().is_some());
        store.forget_home_chart("F2").await.unwrap();
        assert_eq!(store.home_chart().await.unwrap(), None);
    }
}
