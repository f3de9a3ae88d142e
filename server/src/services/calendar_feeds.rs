//! A volunteer's calendar feed: made, replaced and revoked by the volunteer. Their own
//! action on their own data, so no audit entry; erasing them deletes it.

use crate::storage::{StorageResult, Store, VolunteerId};
use chrono::{DateTime, Utc};
use huli_contract::Reading;

/// Gives the volunteer a feed whose token hashes to `token_hash`; the one they had, if
/// any, stops at once.
pub async fn replace(
    store: &dyn Store,
    volunteer: VolunteerId,
    token_hash: &[u8; 32],
    reading: Reading,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let mut tx = store.begin_write().await?;
    tx.replace_calendar_feed(volunteer, token_hash, reading, now)
        .await?;
    tx.commit().await
}

/// Ends the volunteer's feed: the calendar app's next poll gets a 404. Nothing to end
/// is not an error: the outcome is the same.
pub async fn revoke(store: &dyn Store, volunteer: VolunteerId) -> StorageResult<()> {
    let mut tx = store.begin_write().await?;
    tx.remove_calendar_feed(volunteer).await?;
    tx.commit().await
}
