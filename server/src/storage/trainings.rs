//! [`TrainingsTx`]: the rows that `crate::services::trainings` reads and writes, inside
//! a [`super::WriteTx`].

use super::StorageResult;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{TrainingEntry, TrainingRecord, VolunteerNumber};

#[async_trait]
pub trait TrainingsTx: Send {
    /// Puts the training on the volunteer's record, unless a later completion of the
    /// same training is there already: a renewal replaces the one it renews, an old
    /// certificate found in a drawer does not.
    async fn record_training(
        &mut self,
        volunteer: VolunteerNumber,
        entry: &TrainingEntry,
        completed_at: DateTime<Utc>,
        recorded_by: i64,
    ) -> StorageResult<()>;

    /// Every training on the volunteer's record, valid or not.
    async fn training_records(
        &mut self,
        volunteer: VolunteerNumber,
    ) -> StorageResult<Vec<TrainingRecord>>;
}
