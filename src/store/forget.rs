//! Forgetting a person: what the database holds of them (`footprint`), its removal in one
//! transaction (`forget`), and the deletions of their published posts that follow
//! (`retractions`, carried out by the scheduler outside the engine's lock).

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::{Connection, FromRow};

use super::Db;
use super::Store;
use crate::domain::destination::{label, DestinationKind, DestinationRef};
use crate::domain::forget::{Footprint, PostTrace};
use crate::domain::pipeline::Stage;
use crate::domain::UserId;

/// Who stands in for a forgotten person where a row must name someone (a story they
/// nominated, a line they wrote in another story's log): a user row with no one's name.
pub const FORGOTTEN: &str = "(forgotten)";

/// The ids of the person's stories, as a subquery on `$1` (their id).
const STORIES: &str = "SELECT id FROM stories WHERE hero_id = $1";

/// Outbox rows to, or naming, the person (`$1`): the recipient, a mention, a button.
const OUTBOX_OF: &str = "recipient = $1 OR instr(body, '<@' || $1 || '>') > 0
     OR instr(body, '<@' || $1 || '|') > 0 OR instr(body, '\"value\":\"' || $1 || '\"') > 0";

/// Recorded Slack requests that hold the person's id anywhere (theirs, or naming them):
/// Slack ids (`U0…`) are distinctive; the console records none.
const INBOX_OF: &str = "instr(body, $1) > 0";

/// `sql` in Postgres' words where SQLite's differ: `strpos` for `instr` (same arguments).
fn dialect(sql: &str, pg: bool) -> String {
    if pg {
        sql.replace("instr(", "strpos(")
    } else {
        sql.to_string()
    }
}

/// Usage figures of the person (`$1`), by their id or, where the export named them by
/// email, by their address (`$2`).
const USAGE_OF: &str =
    "user_id = $1 OR user_key = $1 OR (CAST($2 AS TEXT) IS NOT NULL AND lower(user_key) = lower($2))";

/// One deletion of a published post, as the scheduler carries it out.
#[derive(Debug, Clone, FromRow)]
pub struct RetractionRow {
    pub id: i64,
    pub batch: String,
    pub kind: String,
    pub target: String,
    pub label: String,
    pub message_ref: String,
    pub notify: String,
    pub status: String,
    pub attempts: i64,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl RetractionRow {
    pub fn reference(&self) -> DestinationRef {
        DestinationRef::from_stored(&self.kind, &self.target)
    }

    /// The people to tell once the batch is settled.
    pub fn notify(&self) -> Vec<UserId> {
        serde_json::from_str::<Vec<String>>(&self.notify)
            .unwrap_or_default()
            .iter()
            .filter_map(|u| UserId::parse(u).ok())
            .collect()
    }
}

#[derive(FromRow)]
struct PostLine {
    kind: String,
    target: String,
    name: Option<String>,
    status: String,
    message_ref: Option<String>,
    posted_at: Option<DateTime<Utc>>,
}

/// Counts what the database holds of `user`, on `conn` (a reader, or the forgetting's
/// own transaction). Also the person's posts' references, for the deletions.
macro_rules! footprint_on {
    ($conn:expr, $user:expr, $pg:expr) => {{
    let conn = $conn;
    let user: &str = $user;
    let pg: bool = $pg;
    let counted: sqlx::Result<(Footprint, Vec<(PostTrace, String, String, Option<String>)>)> = async {
    let email: Option<Option<String>> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(&mut *conn)
        .await?;
    let known = email.is_some();
    let email = email.flatten();
    let stories: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, stage FROM stories WHERE hero_id = $1 ORDER BY id")
            .bind(user)
            .fetch_all(&mut *conn)
            .await?;
    let (answers, revisions): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(DISTINCT story_id || ':' || question_key), COUNT(*) FROM answer_revisions
         WHERE story_id IN ({STORIES})"
    ))
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    let drafts: i64 = sqlx::query_scalar(&format!(
        "SELECT (SELECT COUNT(pending_text) + COUNT(approved_text) + COUNT(change_request)
                 FROM stories WHERE hero_id = $1)
              + (SELECT COUNT(*) FROM reviewed_texts WHERE story_id IN ({STORIES}))"
    ))
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    let usage_figures: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM usage WHERE {USAGE_OF}"))
            .bind(user)
            .bind(&email)
            .fetch_one(&mut *conn)
            .await?;
    let messages: i64 = sqlx::query_scalar(&dialect(&format!(
        "SELECT (SELECT COUNT(*) FROM outbox WHERE {OUTBOX_OF})
              + (SELECT COUNT(*) FROM inbox WHERE {INBOX_OF})
              + (SELECT COUNT(*) FROM conversations WHERE user_id = $1)"
    ), pg))
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    let other: i64 = sqlx::query_scalar(&format!(
        "SELECT (SELECT COUNT(*) FROM engagement WHERE user_id = $1
                 OR post_id IN (SELECT id FROM posts WHERE story_id IN ({STORIES})))
              + (SELECT COUNT(*) FROM reply_notices WHERE user_id = $1 OR story_id IN ({STORIES}))
              + (SELECT COUNT(*) FROM thank_yous WHERE story_id IN ({STORIES}))"
    ))
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    let lines: Vec<PostLine> = sqlx::query_as(&format!(
        "SELECT d.kind, d.target, d.name, p.status, p.message_ref, p.posted_at
         FROM posts p JOIN destinations d ON d.id = p.destination_id
         WHERE p.story_id IN ({STORIES}) ORDER BY p.id"
    ))
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    let mut posts = Vec::new();
    let mut refs = Vec::new();
    for l in lines {
        let kind = DestinationKind::from_stored(&l.kind).unwrap_or(DestinationKind::SlackChannel);
        let trace = PostTrace {
            kind,
            label: label(&l.kind, &l.target, l.name.as_deref()),
            status: l.status,
            posted_at: l.posted_at,
        };
        posts.push(trace.clone());
        refs.push((trace, kind.as_str().to_string(), l.target, l.message_ref));
    }
    let footprint = Footprint {
        stories: stories
            .into_iter()
            .filter_map(|(id, stage)| Some((id, Stage::parse(&stage)?)))
            .collect(),
        answers,
        revisions,
        drafts,
        usage_figures,
        posts,
        messages,
        other,
        known,
    };
    Ok((footprint, refs))
}.await;
    counted
    }};
}

impl Store {
    /// What the database holds of `user`.
    pub async fn footprint(&self, user: &UserId) -> anyhow::Result<Footprint> {
        on_db!(self, read, |db| {
            let conn = db;
            let (footprint, _) = footprint_on!(&mut *conn, user.as_str(), self.db.is_postgres())
                .context("failed to read what Spotlight holds of a person")?;
            Ok(footprint)
        })
    }

    /// Removes everything the database holds of `user`, in one transaction, and queues
    /// the deletion of their published posts where that can be done (told, once settled,
    /// to `notify`). Their stories go entirely (answers, texts, posts, log, engagement);
    /// where a row of someone else's must name a person they did something in (a story
    /// they nominated, a line of another story's log), `FORGOTTEN` stands in. Refused
    /// (`Err(post)`), with nothing changed, while one of their posts is in flight.
    /// Returns what was removed.
    pub async fn forget(
        &self,
        user: &UserId,
        notify: &[UserId],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Result<Footprint, PostTrace>> {
        on_db!(self, write, |db| {
            let notify = serde_json::to_string(
                &notify
                    .iter()
                    .map(|u| u.as_str().to_string())
                    .collect::<Vec<_>>(),
            )?;
            let write = async {
                let conn = db;
                let mut tx = conn.begin().await?;
                let u = user.as_str();
                let (footprint, refs) = footprint_on!(&mut *tx, u, self.db.is_postgres())?;
                if let Some(p) = footprint.in_flight() {
                    return Ok(Err(p.clone()));
                }
                let email: Option<String> =
                    sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                        .bind(u)
                        .fetch_optional(&mut *tx)
                        .await?
                        .flatten();
                // The deletions to make, decided with the removal.
                // Named after the id its first row takes (AUTOINCREMENT ids are never used
                // twice), so two forgettings never share a batch, even at the same instant.
                // On Postgres, a number of the ids' own sequence, taken for this batch alone.
                let batch = if self.db.is_postgres() {
                    let next: i64 = sqlx::query_scalar(
                        "SELECT nextval(pg_get_serial_sequence('retractions', 'id'))",
                    )
                    .fetch_one(&mut *tx)
                    .await?;
                    format!("f{next}")
                } else {
                    let last: Option<i64> = sqlx::query_scalar(
                        "SELECT seq FROM sqlite_sequence WHERE name = 'retractions'",
                    )
                    .fetch_optional(&mut *tx)
                    .await?;
                    format!("f{}", last.unwrap_or(0) + 1)
                };
                for (trace, kind, target, message_ref) in &refs {
                    let (true, true, Some(message_ref)) = (
                        trace.status == "sent",
                        trace.kind.can_be_recalled(),
                        message_ref,
                    ) else {
                        continue;
                    };
                    sqlx::query(
                    "INSERT INTO retractions (batch, kind, target, label, message_ref, notify, next_at, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&batch)
                .bind(kind)
                .bind(target)
                .bind(&trace.label)
                .bind(message_ref)
                .bind(&notify)
                .bind(now)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                }
                let statements = [
                    format!(
                        "DELETE FROM engagement WHERE user_id = $1
                     OR post_id IN (SELECT id FROM posts WHERE story_id IN ({STORIES}))"
                    ),
                    format!(
                        "DELETE FROM reply_notices WHERE user_id = $1 OR story_id IN ({STORIES})"
                    ),
                    format!("DELETE FROM posts WHERE story_id IN ({STORIES})"),
                    format!("DELETE FROM story_targets WHERE story_id IN ({STORIES})"),
                    format!("DELETE FROM story_events WHERE story_id IN ({STORIES})"),
                    // The pictures sent with their answers (found by the answers' messages).
                    format!(
                        "DELETE FROM answer_pictures WHERE message_ref IN
                     (SELECT message_ref FROM answer_revisions
                      WHERE story_id IN ({STORIES}) AND message_ref IS NOT NULL)"
                    ),
                    format!("DELETE FROM answer_revisions WHERE story_id IN ({STORIES})"),
                    format!("DELETE FROM reviewed_texts WHERE story_id IN ({STORIES})"),
                    format!("DELETE FROM thank_yous WHERE story_id IN ({STORIES})"),
                    format!("DELETE FROM story_question_sets WHERE story_id IN ({STORIES})"),
                    "DELETE FROM stories WHERE hero_id = $1".to_string(),
                    "DELETE FROM conversations WHERE user_id = $1".to_string(),
                    dialect(
                        &format!("DELETE FROM outbox WHERE {OUTBOX_OF}"),
                        self.db.is_postgres(),
                    ),
                    dialect(
                        &format!("DELETE FROM inbox WHERE {INBOX_OF}"),
                        self.db.is_postgres(),
                    ),
                    "DELETE FROM home_chart WHERE drawn_for = $1".to_string(),
                ];
                for sql in &statements {
                    sqlx::query(sql).bind(u).execute(&mut *tx).await?;
                }
                sqlx::query(&format!("DELETE FROM usage WHERE {USAGE_OF}"))
                    .bind(u)
                    .bind(&email)
                    .execute(&mut *tx)
                    .await?;
                // Rows of others' that name them keep a stand-in.
                let named: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM stories WHERE nominated_by = $1)
                      + (SELECT COUNT(*) FROM story_events WHERE actor = $1)",
                )
                .bind(u)
                .fetch_one(&mut *tx)
                .await?;
                if named > 0 {
                    sqlx::query(
                    "INSERT INTO users (id, display_name, created_at) VALUES ($1, 'someone forgotten', $2)
                     ON CONFLICT(id) DO NOTHING",
                )
                .bind(FORGOTTEN)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                    for sql in [
                        "UPDATE stories SET nominated_by = $2 WHERE nominated_by = $1",
                        "UPDATE story_events SET actor = $2 WHERE actor = $1",
                    ] {
                        sqlx::query(sql)
                            .bind(u)
                            .bind(FORGOTTEN)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                sqlx::query("DELETE FROM users WHERE id = $1")
                    .bind(u)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok::<_, sqlx::Error>(Ok(footprint))
            };
            let result = self
                .changing_contexts(write)
                .await
                .context("failed to forget a person")?;
            if result.is_ok() {
                super::unpoisoned(&self.names).remove(user.as_str());
            }
            Ok(result)
        })
    }

    /// Deletions due at `now`, claimed (a claimed one is not handed out again until it is
    /// recorded).
    pub async fn claim_retractions(
        &self,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<RetractionRow>> {
        on_db!(self, write, |db| {
            let conn = db;
            let rows: Vec<RetractionRow> = sqlx::query_as(
            "UPDATE retractions SET status = 'claimed', attempts = attempts + 1
             WHERE status = 'pending' AND next_at <= $1
             RETURNING id, batch, kind, target, label, message_ref, notify, status, attempts, error, created_at",
        )
        .bind(now)
        .fetch_all(&mut *conn)
        .await
        .context("failed to claim the deletions due")?;
            Ok(rows)
        })
    }

    /// Deletions claimed by an earlier run that stopped before recording them: tried
    /// again (a deletion twice is harmless).
    pub async fn release_claimed_retractions(&self) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query("UPDATE retractions SET status = 'pending' WHERE status = 'claimed'")
                .execute(&mut *db)
                .await
                .context("failed to release claimed deletions")?;
            Ok(())
        })
    }

    /// Records one deletion's outcome: `done`, `failed` (given up, with why) or
    /// `pending` again at `next_at` (with why it failed this time).
    pub async fn record_retraction(
        &self,
        id: i64,
        status: &str,
        error: Option<&str>,
        next_at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_db!(self, write, |db| {
            sqlx::query(
                "UPDATE retractions SET status = $1, error = $2, next_at = $3 WHERE id = $4",
            )
            .bind(status)
            .bind(error)
            .bind(next_at)
            .bind(id)
            .execute(&mut *db)
            .await
            .context("failed to record a deletion")?;
            Ok(())
        })
    }

    /// The deletions of `batch` if every one is settled (done or given up), removing
    /// them: the caller tells the result. None while some are still to do.
    pub async fn take_settled_batch(
        &self,
        batch: &str,
    ) -> anyhow::Result<Option<Vec<RetractionRow>>> {
        on_db!(self, write, |db| {
            let conn = db;
            let mut tx = conn.begin().await?;
            let rows: Vec<RetractionRow> = sqlx::query_as(
            "SELECT id, batch, kind, target, label, message_ref, notify, status, attempts, error, created_at
             FROM retractions WHERE batch = $1 ORDER BY id",
        )
        .bind(batch)
        .fetch_all(&mut *tx)
        .await?;
            if rows.is_empty()
                || rows
                    .iter()
                    .any(|r| r.status != "done" && r.status != "failed")
            {
                return Ok(None);
            }
            sqlx::query("DELETE FROM retractions WHERE batch = $1")
                .bind(batch)
                .execute(&mut *tx)
                .await?;
            tx.commit().await.context("failed to settle deletions")?;
            Ok(Some(rows))
        })
    }

    /// When the next deletion waiting is due.
    pub async fn next_retraction_at(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        on_db!(self, read, |db| {
            sqlx::query_scalar("SELECT MIN(next_at) FROM retractions WHERE status = 'pending'")
                .fetch_one(&mut *db)
                .await
                .context("failed to read the deletions waiting")
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    /// A hero with a story posted to `#wins` (its reference `ref_`).
    async fn posted(store: &Store, hero: &str, wins: i64, ref_: &str) -> UserId {
        let hero = UserId::parse(hero).unwrap();
        store
            .ensure_user(&hero, hero.as_str(), now())
            .await
            .unwrap();
        let s = store.insert_story(&hero, &hero, "", now()).await.unwrap();
        store.enqueue(s.story_id(), wins, now()).await.unwrap();
        let post = store.posts_of(s.story_id()).await.unwrap()[0].id;
        store.mark_sent(post, ref_, now()).await.unwrap();
        hero
    }

    #[tokio::test]
    async fn two_people_forgotten_at_the_same_instant_get_deletions_of_their_own() {
        let (_dir, store) = super::super::tests::fresh().await;
        store
            .add_destination("slack_channel", "wins", "UTC", now())
            .await
            .unwrap();
        let wins = store.destinations().await.unwrap()[0].id;
        let admin = [UserId::parse("admin").unwrap()];
        let ann = posted(&store, "ann", wins, "wins:1").await;
        let bo = posted(&store, "bo", wins, "wins:2").await;
        for person in [&ann, &bo] {
            let removed = store.forget(person, &admin, now()).await.unwrap().unwrap();
            assert_eq!(removed.deletable().count(), 1);
        }
        let due = store.claim_retractions(now()).await.unwrap();
        assert_eq!(due.len(), 2);
        assert_ne!(due[0].batch, due[1].batch);
        // Each settles on its own.
        store
            .record_retraction(due[0].id, "done", None, now())
            .await
            .unwrap();
        let first = store.take_settled_batch(&due[0].batch).await.unwrap();
        assert_eq!(first.map(|rows| rows.len()), Some(1));
        assert!(store
            .take_settled_batch(&due[1].batch)
            .await
            .unwrap()
            .is_none());
        // Nothing claimed is handed out twice.
        assert!(store.claim_retractions(now()).await.unwrap().is_empty());
    }
}
