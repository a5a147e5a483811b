//! The conversation a published story starts: its hero is told of each reply in the
//! story's thread (once per reply, never of their own; replies that come together in one
//! DM), and thanked a few days after
//! publication with the story's reach and conversation (once per story, decided by the
//! scheduler's `tick_decide`). Each Slack post's web address is asked of Slack once it is
//! out and kept, so a poster made from the database leads to the thread.

use super::*;
use crate::domain::conversation::{self, Reach};

/// Replies that come within this long of the hero's last notice about the same story are
/// told together when it has passed: a busy thread is one DM every so often, not one per
/// reply.
pub const REPLY_BATCH: Duration = Duration::minutes(10);

impl<T: Port> App<T> {
    /// Asks the destination for the web address of every Slack channel post that is out and has
    /// none kept yet, and keeps it (a refusal, such as a deleted message, is kept as none,
    /// and not asked again; after a failure with no clear answer, or while rate limited,
    /// the rest are asked next time). It writes only those addresses, so the Slack adapter
    /// runs it without the engine's lock.
    pub async fn keep_permalinks(&self) -> anyhow::Result<()> {
        for (post, to, message_ref) in self.store.posts_without_permalink().await? {
            match self.transport.permalink(&to, &message_ref).await {
                Ok(Some(link)) => self.store.set_post_permalink(post, &link).await?,
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        post,
                        "could not get a post's link"
                    );
                    match e.downcast_ref::<SendError>() {
                        Some(SendError::Rejected {
                            code,
                            fixable: false,
                        }) if code != "ratelimited" => {
                            self.store.set_post_permalink(post, "").await?
                        }
                        // The channel or the token needs an admin: asked again next time.
                        Some(SendError::Rejected { fixable: true, .. }) => {}
                        // Slack is not answering, or asks to slow down: the rest wait.
                        _ => break,
                    }
                }
            }
        }
        Ok(())
    }

    /// Someone replied in the thread of `parent_ref`: counted if it is a story post, and
    /// its hero told, with a link, unless the reply is theirs or was already recorded. A
    /// reply that comes within `REPLY_BATCH` of the hero's last notice about this story
    /// waits, and is told with the others that came meanwhile (`tell_waiting_replies`).
    pub(super) async fn thread_reply(
        &self,
        user: &UserId,
        parent_ref: &str,
        reply_ref: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let Some(post) = self.store.post_by_ref(parent_ref).await? else {
            return Ok(());
        };
        self.store
            .add_engagement(post.id, "reply", user.as_str(), reply_ref, now)
            .await?;
        let story = StoryId(post.story_id);
        let Some(row) = self.store.story(story).await? else {
            return Ok(());
        };
        if row.hero_id == user.as_str() {
            return Ok(());
        }
        if !self
            .store
            .add_reply_notice(story, parent_ref, reply_ref, user, now)
            .await?
        {
            return Ok(());
        }
        let last_told = self
            .store
            .stories_with_untold_replies()
            .await?
            .into_iter()
            .find(|(id, _)| *id == story.0)
            .and_then(|(_, last)| last);
        if last_told.is_none_or(|t| now - t >= REPLY_BATCH) {
            self.tell_replies(&row, now).await?;
        }
        Ok(())
    }

    /// Tells heroes of replies that waited for `REPLY_BATCH` after their last notice.
    pub(super) async fn tell_waiting_replies(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        for (id, last_told) in self.store.stories_with_untold_replies().await? {
            if last_told.is_some_and(|t| now - t < REPLY_BATCH) {
                continue;
            }
            if let Some(row) = self.store.story(StoryId(id)).await? {
                self.tell_replies(&row, now).await?;
            }
        }
        Ok(())
    }

    /// When replies waiting for their hero are next due to be told.
    pub(super) async fn next_reply_notice(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        Ok(self
            .store
            .stories_with_untold_replies()
            .await?
            .into_iter()
            .map(|(_, last)| last.unwrap_or(DateTime::UNIX_EPOCH) + REPLY_BATCH)
            .min())
    }

    /// One DM to the hero of `story` for every reply they have not been told of.
    async fn tell_replies(&self, story: &StoryRow, now: DateTime<Utc>) -> anyhow::Result<()> {
        let replies: Vec<conversation::Reply> = self
            .store
            .take_untold_replies(story.story_id(), now)
            .await?
            .into_iter()
            .filter_map(|(user, parent_ref, reply_ref)| {
                Some(conversation::Reply {
                    user: UserId::parse(&user).ok()?,
                    parent_ref,
                    reply_ref,
                })
            })
            .collect();
        let Some(first) = replies.first() else {
            return Ok(());
        };
        let lang = self.language_of(&story.hero()).await?;
        let place = match self.store.post_by_ref(&first.parent_ref).await? {
            Some(post) => post.label(),
            None => self.prompts.texts.get(lang, "reply-place-unknown", &[]),
        };
        self.dm(
            &story.hero(),
            conversation::replies_notice(&self.prompts.texts, lang, &place, &replies),
            vec![],
        )
        .await
    }

    /// Thanks each hero whose story was published `thank_you_after_days` ago or more,
    /// with its reach and conversation so far; each once.
    pub(super) async fn thank_heroes(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let Some(after) = self.thank_you_after() else {
            return Ok(());
        };
        for story in self.store.stories_to_thank(now - after).await? {
            let (reactions, replies, people) = self.store.engagement_of(story.story_id()).await?;
            let days = story
                .published_at
                .map_or(0, |at| (now - at).num_days().max(0));
            let reach = Reach {
                days: u32::try_from(days).unwrap_or(u32::MAX),
                reached: self.store.reach_of(story.story_id()).await?,
                reactions,
                replies,
                people,
                posts: self
                    .store
                    .posts_of(story.story_id())
                    .await?
                    .into_iter()
                    .filter_map(|p| p.message_ref)
                    .collect(),
            };
            let name = self.name_of(&story.hero()).await?;
            let lang = self.language_of(&story.hero()).await?;
            self.store.mark_thanked(story.story_id(), now).await?;
            self.dm(
                &story.hero(),
                conversation::thank_you(&self.prompts.texts, lang, &name, &reach),
                vec![],
            )
            .await?;
            self.store
                .log(story.story_id(), "spotlight", &Event::ThankedHero, now)
                .await?;
        }
        Ok(())
    }

    /// When the next thank-you is due, if any is waiting.
    pub(super) async fn next_thank_you(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        let Some(after) = self.thank_you_after() else {
            return Ok(None);
        };
        Ok(self.store.earliest_unthanked().await?.map(|at| at + after))
    }

    /// How long after publication a hero is thanked; None if never.
    fn thank_you_after(&self) -> Option<Duration> {
        match self.prompts.interview.thank_you_after_days {
            0 => None,
            days => Some(Duration::days(i64::from(days))),
        }
    }
}
