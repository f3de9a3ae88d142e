//! The SQL side of [`TrainingsTx`].

use super::rights;
use super::rows::to_text;
use super::write::SqlWrite;
use crate::storage::{StorageResult, TrainingOnRecord, TrainingsTx, VolunteerId};
use async_trait::async_trait;
use huli_contract::{TrainingRecord, VolunteerNumber};

#[async_trait]
impl TrainingsTx for SqlWrite {
    async fn record_training(
        &mut self,
        volunteer: VolunteerNumber,
        entry: &TrainingOnRecord<'_>,
    ) -> StorageResult<()> {
        sqlx::query(
            "INSERT INTO volunteer_trainings \
                 (volunteer_id, training, completed_at, expires_on, evidence, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (volunteer_id, training) DO UPDATE SET \
                 completed_at = excluded.completed_at, expires_on = excluded.expires_on, \
                 evidence = excluded.evidence, recorded_by = excluded.recorded_by \
             WHERE volunteer_trainings.completed_at <= excluded.completed_at",
        )
        .bind(volunteer.id())
        .bind(to_text(&entry.training))
        .bind(entry.completed_at.timestamp())
        .bind(entry.expires_on.map(|day| day.to_string()))
        .bind(entry.evidence)
        .bind(entry.recorded_by)
        .execute(&mut *self.0)
        .await?;
        Ok(())
    }

    async fn training_records(
        &mut self,
        volunteer: VolunteerNumber,
    ) -> StorageResult<Vec<TrainingRecord>> {
        rights::trainings(&mut self.0, VolunteerId(volunteer.id())).await
    }
}
