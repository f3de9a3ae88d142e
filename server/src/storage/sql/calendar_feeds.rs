//! Volunteers' calendar feeds: one row per volunteer at most, keyed by the hash of its
//! token.

use super::SqlStore;
use super::rows::timestamp;
use super::write::SqlWrite;
use crate::storage::{
    CalendarFeeds, CalendarFeedsTx, FeedInForce, StorageError, StorageResult, VolunteerId,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::Reading;

#[async_trait]
impl CalendarFeeds for SqlStore {
    async fn calendar_feed_since(
        &self,
        volunteer: VolunteerId,
    ) -> StorageResult<Option<DateTime<Utc>>> {
        let created: Option<i64> =
            sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE volunteer_id = $1")
                .bind(volunteer.0)
                .fetch_optional(&mut *self.readers.acquire().await?)
                .await?;
        created.map(timestamp).transpose()
    }

    async fn calendar_feed(&self, token_hash: &[u8; 32]) -> StorageResult<Option<FeedInForce>> {
        let row: Option<(i64, String, i64)> = sqlx::query_as(
            "SELECT volunteer_id, lang, created_at FROM calendar_feeds WHERE token_hash = $1",
        )
        .bind(&token_hash[..])
        .fetch_optional(&mut *self.readers.acquire().await?)
        .await?;
        row.map(|(volunteer, reading, created)| {
            Ok(FeedInForce {
                volunteer: VolunteerId(volunteer),
                reading: (Reading::from_tag(&reading))
                    .ok_or_else(|| StorageError::Corrupt(format!("feed reading {reading:?}")))?,
                since: timestamp(created)?,
            })
        })
        .transpose()
    }
}

#[async_trait]
impl CalendarFeedsTx for SqlWrite {
    async fn replace_calendar_feed(
        &mut self,
        volunteer: VolunteerId,
        token_hash: &[u8; 32],
        reading: Reading,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        self.remove_calendar_feed(volunteer).await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (volunteer_id, token_hash, lang, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(volunteer.0)
        .bind(&token_hash[..])
        .bind(reading.tag())
        .bind(now.timestamp())
        .execute(&mut *self.0)
        .await?;
        Ok(())
    }

    async fn remove_calendar_feed(&mut self, volunteer: VolunteerId) -> StorageResult<bool> {
        let done = sqlx::query("DELETE FROM calendar_feeds WHERE volunteer_id = $1")
            .bind(volunteer.0)
            .execute(&mut *self.0)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
