//! The SQL side of [`Stories`] and [`StoriesTx`].

use super::SqlStore;
use super::rows::{from_text, timestamp, to_text};
use super::write::SqlWrite;
use crate::storage::{
    EncodedPhoto, StorageError, StorageResult, Stories, StoriesTx, StoryFacts, VolunteerId,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{NewStory, StoryId, StoryRecord, StoryStatus, StoryView, VolunteerNumber};
use sqlx::AnyConnection;

const STORY_COLUMNS: &str = "\
    s.id, s.title, s.body, v.name, s.photo_id, s.status, s.volunteer_id, s.unit_id, \
    s.written_at, s.consented_at, s.withdrawn_at \
    FROM stories s JOIN volunteers v ON v.id = s.volunteer_id";

#[derive(sqlx::FromRow)]
struct StoryRow {
    id: i64,
    title: String,
    body: String,
    name: Option<String>,
    photo_id: Option<String>,
    status: String,
    volunteer_id: i64,
    unit_id: Option<i64>,
    written_at: i64,
    consented_at: Option<i64>,
    withdrawn_at: Option<i64>,
}

/// Where a photo is served.
fn photo_address(id: &str) -> String {
    format!("/api/stories/photos/{id}")
}

impl StoryRow {
    fn into_facts(self) -> StorageResult<StoryFacts> {
        let when = |at: Option<i64>| at.map(timestamp).transpose();
        let written_at = timestamp(self.written_at)?;
        let consented_at = when(self.consented_at)?;
        let volunteer_number = VolunteerNumber::from_id(self.volunteer_id).ok_or_else(|| {
            StorageError::Corrupt(format!("stories {}: volunteer number", self.id))
        })?;
        let story = StoryView {
            id: StoryId(self.id),
            title: self.title,
            body: self.body,
            volunteer_name: self.name.unwrap_or_default(),
            photo: self.photo_id.as_deref().map(photo_address),
            published_at: consented_at.unwrap_or(written_at),
        };
        Ok(StoryFacts {
            record: StoryRecord {
                story,
                status: from_text("stories.status", &self.status)?,
                volunteer_number,
                written_at,
                consented_at,
                withdrawn_at: when(self.withdrawn_at)?,
            },
            volunteer: VolunteerId(self.volunteer_id),
            unit: self.unit_id,
        })
    }
}

async fn records_where(
    conn: &mut AnyConnection,
    condition: &str,
    bind: i64,
) -> StorageResult<Vec<StoryRecord>> {
    let rows: Vec<StoryRow> = sqlx::query_as(&format!(
        "SELECT {STORY_COLUMNS} WHERE {condition} ORDER BY s.written_at DESC, s.id DESC LIMIT 200"
    ))
    .bind(bind)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|row| Ok(row.into_facts()?.record))
        .collect()
}

#[async_trait]
impl Stories for SqlStore {
    async fn published_stories(&self, limit: u32) -> StorageResult<Vec<StoryView>> {
        let mut conn = self.readers.acquire().await?;
        let rows: Vec<StoryRow> = sqlx::query_as(&format!(
            "SELECT {STORY_COLUMNS} WHERE s.status = 'published' \
             ORDER BY s.consented_at DESC, s.id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| Ok(row.into_facts()?.record.story))
            .collect()
    }

    async fn published_story(&self, id: StoryId) -> StorageResult<Option<StoryView>> {
        let mut conn = self.readers.acquire().await?;
        let row: Option<StoryRow> = sqlx::query_as(&format!(
            "SELECT {STORY_COLUMNS} WHERE s.id = $1 AND s.status = 'published'"
        ))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
        row.map(|row| Ok(row.into_facts()?.record.story))
            .transpose()
    }

    async fn story_photo(&self, id: &str) -> StorageResult<Option<Vec<u8>>> {
        let mut conn = self.readers.acquire().await?;
        let jpeg: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT p.jpeg FROM story_photos p WHERE p.id = $1 AND EXISTS \
             (SELECT 1 FROM stories s WHERE s.photo_id = p.id \
              AND s.status IN ('awaiting_consent', 'published'))",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(jpeg)
    }

    async fn stories_about(&self, volunteer: VolunteerId) -> StorageResult<Vec<StoryRecord>> {
        let mut conn = self.readers.acquire().await?;
        records_where(&mut conn, "s.volunteer_id = $1", volunteer.0).await
    }

    async fn stories_written(&self, only_unit: Option<i64>) -> StorageResult<Vec<StoryRecord>> {
        let mut conn = self.readers.acquire().await?;
        let condition = "($1 = 0 OR s.unit_id = $1)";
        records_where(&mut conn, condition, only_unit.unwrap_or(0)).await
    }
}

#[async_trait]
impl StoriesTx for SqlWrite {
    async fn insert_story(
        &mut self,
        story: &NewStory,
        unit: Option<i64>,
        written_by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<StoryId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stories (volunteer_id, title, body, written_by, unit_id, written_at, \
                                  status) \
             VALUES ($1, $2, $3, $4, $5, $6, 'awaiting_consent') RETURNING id",
        )
        .bind(story.volunteer.id())
        .bind(&story.title)
        .bind(&story.body)
        .bind(written_by)
        .bind(unit)
        .bind(now.timestamp())
        .fetch_one(&mut *self.0)
        .await?;
        Ok(StoryId(id))
    }

    async fn story_facts(&mut self, id: StoryId) -> StorageResult<Option<StoryFacts>> {
        let row: Option<StoryRow> =
            sqlx::query_as(&format!("SELECT {STORY_COLUMNS} WHERE s.id = $1"))
                .bind(id.0)
                .fetch_optional(&mut *self.0)
                .await?;
        row.map(StoryRow::into_facts).transpose()
    }

    async fn set_story_status(
        &mut self,
        id: StoryId,
        status: StoryStatus,
        at: DateTime<Utc>,
    ) -> StorageResult<()> {
        let dated = match status {
            StoryStatus::AwaitingConsent => "",
            StoryStatus::Published => ", consented_at = $3",
            StoryStatus::Withdrawn => ", withdrawn_at = $3",
        };
        let statement = format!("UPDATE stories SET status = $2{dated} WHERE id = $1");
        let query = sqlx::query(&statement).bind(id.0).bind(to_text(&status));
        let query = match status {
            StoryStatus::AwaitingConsent => query,
            StoryStatus::Published | StoryStatus::Withdrawn => query.bind(at.timestamp()),
        };
        query.execute(&mut *self.0).await?;
        Ok(())
    }

    async fn set_story_photo(&mut self, id: StoryId, photo: &EncodedPhoto) -> StorageResult<()> {
        sqlx::query(
            "INSERT INTO story_photos (id, jpeg, width, height) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&photo.id)
        .bind(&photo.jpeg[..])
        .bind(i64::from(photo.width))
        .bind(i64::from(photo.height))
        .execute(&mut *self.0)
        .await?;
        sqlx::query("UPDATE stories SET photo_id = $2 WHERE id = $1")
            .bind(id.0)
            .bind(&photo.id)
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }
}
