//! The pure core: the interview, the story, the pipeline and the schedule as values and
//! functions. Nothing here performs I/O or reads the clock; time comes in as `now`.
//! Adapters (console, Slack) and the store convert to and from these types at the edge.

pub mod command;
pub mod conversation;
pub mod destination;
pub mod diff;
pub mod feed;
pub mod forget;
pub mod history;
pub mod ids;
pub mod interview;
pub mod mrkdwn;
pub mod nudge;
pub mod period;
pub mod picture;
pub mod pipeline;
pub mod publication;
pub mod report;
pub mod schedule;
pub mod story;
pub mod texts;
pub mod usage;

pub use ids::{ChannelId, StoryId, UserId};
