//! The conversation a published story starts: its hero is told of each reply in the
//! story's thread (once per reply, never of their own), and thanked a few days after
//! publication with the story's reach and conversation (once per story, decided by the
//! scheduler's `tick_decide`).

use super::*;
use crate::domain::conversation::{self, Reach};

impl<T: Transport> App<T> {
    /// Someone replied in the thread of `parent_ref`: counted if it is a story post, and
    /// its hero told, with a link, unless the reply is theirs or was already counted.
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
        let new = self
            .store
            .add_engagement(post.id, "reply", user.as_str(), reply_ref, now)
            .await?;
        if !new {
            return Ok(());
        }
        let Some(story) = self.store.story(StoryId(post.story_id)).await? else {
            return Ok(());
        };
        if story.hero_id == user.as_str() {
            return Ok(());
        }
        let text = conversation::reply_notice(user, &post.label(), parent_ref, reply_ref);
        self.dm(&story.hero(), text, vec![]).await
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
            self.store.mark_thanked(story.story_id(), now).await?;
            self.dm(
                &story.hero(),
                conversation::thank_you(&name, &reach),
                vec![],
            )
            .await?;
            self.store
                .log(story.story_id(), "spotlight", "thanked the hero", now)
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
