//! [`TrainingsTx`]: the rows that `crate::services::trainings` reads and writes, inside
//! a [`super::WriteTx`].

use super::StorageResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use huli_contract::{Training, TrainingRecord, VolunteerNumber};

/// A training to put on a volunteer's record.
pub struct TrainingOnRecord<'a> {
    pub training: Training,
    pub completed_at: DateTime<Utc>,
    /// The last day it is valid; `None` for one that holds.
    pub expires_on: Option<NaiveDate>,
    /// What showed staff a training done elsewhere; `None` for a session the programme
    /// ran.
    pub evidence: Option<&'a str>,
    /// The staff account that recorded it, or marked the attendance.
    pub recorded_by: i64,
}

#[async_trait]
pub trait TrainingsTx: Send {
    /// Puts the training on the volunteer's record, unless a later completion of the
    /// same training is there already: a renewal replaces the one it renews, an old
    /// certificate found in a drawer does not.
    async fn record_training(
        &mut self,
        volunteer: VolunteerNumber,
        training: &TrainingOnRecord<'_>,
    ) -> StorageResult<()>;

    /// Every training on the volunteer's record, valid or not.
    async fn training_records(
        &mut self,
        volunteer: VolunteerNumber,
    ) -> StorageResult<Vec<TrainingRecord>>;
}
