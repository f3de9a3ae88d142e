//! Volunteer stories' rows: [`Stories`] reads outside a transaction, [`StoriesTx`]
//! reads and writes inside a [`super::WriteTx`] for `crate::services::stories`, where
//! the rules (consent, scope) are.

use super::{StorageResult, VolunteerId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{NewStory, StoryId, StoryRecord, StoryStatus, StoryView};

/// A photo as the server re-encoded it.
pub struct EncodedPhoto {
    /// The SHA-256 of `jpeg`, in hex: its name and address.
    pub id: String,
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

#[async_trait]
pub trait Stories: Send + Sync {
    /// The newest published stories, newest first.
    async fn published_stories(&self, limit: u32) -> StorageResult<Vec<StoryView>>;

    async fn published_story(&self, id: StoryId) -> StorageResult<Option<StoryView>>;

    /// A photo's JPEG, while a story that shows it waits for consent or is published.
    async fn story_photo(&self, id: &str) -> StorageResult<Option<Vec<u8>>>;

    /// Every story about the volunteer, newest first.
    async fn stories_about(&self, volunteer: VolunteerId) -> StorageResult<Vec<StoryRecord>>;

    /// The stories one unit's staff wrote (every story for `None`), newest first.
    async fn stories_written(&self, only_unit: Option<i64>) -> StorageResult<Vec<StoryRecord>>;
}

/// A story with who may act on it.
pub struct StoryFacts {
    pub record: StoryRecord,
    pub volunteer: VolunteerId,
    /// The unit whose coordinator wrote it; `None` for the district's.
    pub unit: Option<i64>,
}

#[async_trait]
pub trait StoriesTx: Send {
    async fn insert_story(
        &mut self,
        story: &NewStory,
        unit: Option<i64>,
        written_by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<StoryId>;

    async fn story_facts(&mut self, id: StoryId) -> StorageResult<Option<StoryFacts>>;

    /// Sets the status; the consent or the withdrawal is dated `at`.
    async fn set_story_status(
        &mut self,
        id: StoryId,
        status: StoryStatus,
        at: DateTime<Utc>,
    ) -> StorageResult<()>;

    /// Keeps the photo (once, however many stories show it) and shows it on the story.
    async fn set_story_photo(&mut self, id: StoryId, photo: &EncodedPhoto) -> StorageResult<()>;
}
