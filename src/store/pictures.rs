//! Pictures heroes sent with their answers: references to Slack files, linked to the
//! answer by the DM's `message_ref`, and whether the hero left each out of their story.

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::Db;
use super::Store;
use crate::domain::picture::Picture;
use crate::domain::StoryId;

/// A picture as it arrives with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPicture {
    pub file_id: String,
    pub name: String,
    pub title: String,
    pub mimetype: String,
}

impl Store {
    /// Keeps the pictures that came with the message `message_ref` (once each).
    pub async fn add_pictures(
        &self,
        message_ref: &str,
        pictures: &[NewPicture],
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            let conn = db;
            for p in pictures {
                sqlx::query(
                "INSERT INTO answer_pictures (message_ref, file_id, name, title, mimetype, added_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_ref, file_id) DO NOTHING",
            )
            .bind(message_ref)
            .bind(&p.file_id)
            .bind(&p.name)
            .bind(&p.title)
            .bind(&p.mimetype)
            .bind(now)
            .execute(&mut *conn)
            .await
            .context("failed to keep a picture")?;
            }
            Ok(())
        })
    }

    /// The pictures sent with the story's answers (any revision's message), oldest first.
    pub async fn story_pictures(&self, story: StoryId) -> anyhow::Result<Vec<Picture>> {
        on_db!(self, read, |db| {
            let rows: Vec<(i64, String, String, String, String, bool)> = sqlx::query_as(
                "SELECT id, file_id, name, title, mimetype, left_out FROM answer_pictures
             WHERE message_ref IN (SELECT message_ref FROM answer_revisions
                                   WHERE story_id = $1 AND message_ref IS NOT NULL)
             ORDER BY id",
            )
            .bind(story.0)
            .fetch_all(&mut *db)
            .await
            .context("failed to read a story's pictures")?;
            Ok(rows
                .into_iter()
                .map(|(id, file_id, name, title, mimetype, left_out)| Picture {
                    id,
                    file_id,
                    name,
                    title,
                    mimetype,
                    left_out,
                })
                .collect())
        })
    }

    /// Leaves a picture of the story out of it, or puts it back; false if the story has
    /// no such picture.
    pub async fn set_picture_left_out(
        &self,
        story: StoryId,
        picture: i64,
        left_out: bool,
    ) -> anyhow::Result<bool> {
        on_db!(self, write, |db| {
            let done = sqlx::query(
                "UPDATE answer_pictures SET left_out = $1
             WHERE id = $2 AND message_ref IN (SELECT message_ref FROM answer_revisions
                                              WHERE story_id = $3 AND message_ref IS NOT NULL)",
            )
            .bind(left_out)
            .bind(picture)
            .bind(story.0)
            .execute(&mut *db)
            .await
            .context("failed to leave a picture out")?;
            Ok(done.rows_affected() == 1)
        })
    }
}
