//! Volunteers' calendar feeds: read by the calendar apps' requests ([`CalendarFeeds`]) and
//! made and revoked by `crate::services::calendar_feeds` inside a [`super::WriteTx`]
//! ([`CalendarFeedsTx`]).

use super::StorageResult;
use super::VolunteerId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::Reading;

#[async_trait]
pub trait CalendarFeeds: Send + Sync {
    /// When the volunteer's feed in force was made, if they have one.
    async fn calendar_feed_since(
        &self,
        volunteer: VolunteerId,
    ) -> StorageResult<Option<DateTime<Utc>>>;

    /// The feed whose token hashes to `token_hash`, if it is in force.
    async fn calendar_feed(&self, token_hash: &[u8; 32]) -> StorageResult<Option<FeedInForce>>;
}

/// Whose feed a calendar app is reading, and in which reading it was asked for.
#[derive(Clone, Copy, Debug)]
pub struct FeedInForce {
    pub volunteer: VolunteerId,
    pub reading: Reading,
    pub since: DateTime<Utc>,
}

#[async_trait]
pub trait CalendarFeedsTx: Send {
    /// Gives the volunteer the feed whose token hashes to `token_hash`, in place of any
    /// they had.
    async fn replace_calendar_feed(
        &mut self,
        volunteer: VolunteerId,
        token_hash: &[u8; 32],
        reading: Reading,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;

    /// Ends the volunteer's feed; false when they had none.
    async fn remove_calendar_feed(&mut self, volunteer: VolunteerId) -> StorageResult<bool>;
}
