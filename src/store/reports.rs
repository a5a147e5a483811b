//! Read-only queries for publications outside Slack: the stories published in a period,
//! where each was posted (and the Slack thread a poster links to), and people's display
//! names and photos; and story posts counted by destination kind and status, for
//! `/metrics`.

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::Db;
use super::{Store, StoryRow};
use crate::domain::UserId;

impl Store {
    /// Story posts by destination kind (`slack`, `chatter`, `email`) and status.
    pub async fn post_counts(&self) -> anyhow::Result<Vec<(String, String, i64)>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
                "SELECT d.kind, p.status, COUNT(*) FROM posts p
             JOIN destinations d ON d.id = p.destination_id
             GROUP BY d.kind, p.status ORDER BY d.kind, p.status",
            )
            .fetch_all(&mut *db)
            .await
            .context("failed to count the story posts")
        })
    }

    /// Stories in stage `published` whose `published_at` is in `[from, to)`, oldest first.
    pub async fn published_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> anyhow::Result<Vec<StoryRow>> {
        on_db!(self, read, |db| {
            let rows: Vec<StoryRow> = sqlx::query_as(
                "SELECT * FROM stories WHERE stage = 'published' AND published_at IS NOT NULL
             ORDER BY published_at, id",
            )
            .fetch_all(&mut *db)
            .await
            .context("failed to read the published stories")?;
            // Timestamps are compared as values, not as stored text, so every stored format
            // of the same instant falls on the same side of the bounds.
            Ok(rows
                .into_iter()
                .filter(|s| s.published_at.is_some_and(|at| from <= at && at < to))
                .collect())
        })
    }

    /// Where a story was posted, in posting order, named in plain text for documents
    /// read outside Slack (`destination::plain_label`).
    pub async fn posted_to(&self, story: i64) -> anyhow::Result<Vec<String>> {
        Ok(self
            .posted_places(story)
            .await?
            .iter()
            .map(|(kind, target, name)| {
                crate::domain::destination::plain_label(kind, target, name.as_deref())
            })
            .collect())
    }

    /// Where a story was posted, in order: each destination's stored kind, target and
    /// name (for documents to name in their readers' language).
    pub async fn posted_places(
        &self,
        story: i64,
    ) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
            "SELECT d.kind, d.target, d.name FROM posts p JOIN destinations d ON d.id = p.destination_id
             WHERE p.story_id = $1 AND p.status = 'sent'
             ORDER BY p.posted_at, p.id",
        )
        .bind(story)
        .fetch_all(&mut *db)
        .await
        .context("failed to read where a story was posted")
        })
    }

    /// The story's first post in a Slack channel (the thread a poster links to), if it
    /// is out: its message reference and its web address once known (`""` when Slack
    /// refused to give one).
    pub async fn slack_thread_of(
        &self,
        story: i64,
    ) -> anyhow::Result<Option<(String, Option<String>)>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
            "SELECT p.message_ref, p.permalink FROM posts p JOIN destinations d ON d.id = p.destination_id
             WHERE p.story_id = $1 AND p.status = 'sent' AND p.message_ref IS NOT NULL
               AND d.kind = 'slack_channel'
             ORDER BY p.posted_at, p.id LIMIT 1",
        )
        .bind(story)
        .fetch_optional(&mut *db)
        .await
        .context("failed to read a story's Slack post")
        })
    }

    /// The address of a person's Slack profile photo, if their profile was read.
    pub async fn user_photo(&self, id: &UserId) -> anyhow::Result<Option<String>> {
        on_db!(self, read, |db| {
            let url: Option<Option<String>> =
                sqlx::query_scalar("SELECT photo_url FROM users WHERE id = $1")
                    .bind(id.as_str())
                    .fetch_optional(&mut *db)
                    .await
                    .context("failed to read a photo address")?;
            Ok(url.flatten().filter(|u| !u.is_empty()))
        })
    }

    /// How many interview answers (revisions) the heroes whose ids are `like` (a SQL
    /// `LIKE` pattern) have stored: for the load benchmark's check that none was lost.
    pub async fn interview_answers_of_heroes(&self, like: &str) -> anyhow::Result<i64> {
        on_db!(self, read, |db| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM answer_revisions a JOIN stories s ON s.id = a.story_id
                 WHERE s.hero_id LIKE $1 AND a.source = 'interview'",
            )
            .bind(like)
            .fetch_one(&mut *db)
            .await
            .context("failed to count answers")
        })
    }

    /// The display names of these people (those Spotlight knows), by user ID.
    pub async fn display_names_of(&self, ids: &[String]) -> anyhow::Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        on_db!(self, read, |db| {
            sqlx::query_as(if self.db.is_postgres() {
                "SELECT id, display_name FROM users
             WHERE id IN (SELECT json_array_elements_text(CAST($1 AS JSON)))"
            } else {
                "SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each($1))"
            })
            .bind(serde_json::to_string(ids)?)
            .fetch_all(&mut *db)
            .await
            .context("failed to read people's names")
        })
    }

    /// Every known person's display name, by user ID.
    pub async fn display_names(&self) -> anyhow::Result<Vec<(String, String)>> {
        on_db!(self, read, |db| {
            sqlx::query_as("SELECT id, display_name FROM users ORDER BY id")
                .fetch_all(&mut *db)
                .await
                .context("failed to read people's names")
        })
    }

    /// The hero's most recent story that has approved text, if any.
    pub async fn latest_approved_story_of(
        &self,
        hero: &UserId,
    ) -> anyhow::Result<Option<StoryRow>> {
        on_db!(self, read, |db| {
            sqlx::query_as(
                "SELECT * FROM stories WHERE hero_id = $1 AND approved_text IS NOT NULL
               AND stage IN ('approved', 'queued', 'published')
             ORDER BY id DESC LIMIT 1",
            )
            .bind(hero.as_str())
            .fetch_optional(&mut *db)
            .await
            .context("failed to read a hero's story")
        })
    }
}
