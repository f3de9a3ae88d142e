//! Trainings on volunteers' records: what staff record, and what the record opens.

use super::records::staff_change;
use crate::storage::{Outcome, Refusal, StorageResult, Store, TrainingOnRecord};
use chrono::{DateTime, Utc};
use huli_contract::{
    AuditAction, ErrorCode, Problem, StaffAccount, TrainingEntry, TrainingRecord, VolunteerNumber,
    huli_date, huli_day_bounds,
};
use serde_json::json;

/// Puts a training the volunteer did elsewhere on their record, for an administrator,
/// or a coordinator for a volunteer it sees; answers the volunteer's trainings after
/// it. Recording the same entry again changes nothing.
pub async fn record_training(
    store: &dyn Store,
    by: &StaffAccount,
    volunteer: VolunteerNumber,
    entry: &TrainingEntry,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Vec<TrainingRecord>>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    if entry.completed_on > huli_date(now) {
        let field = "completed_on".to_owned();
        return Ok(Err(Refusal::Field(field, Problem::InTheFuture)));
    }
    let mut tx = store.begin_write().await?;
    if !tx.volunteer_visible(only_unit, volunteer).await? {
        return Ok(Err(Refusal::NotFound));
    }
    let (completed_at, _) = huli_day_bounds(entry.completed_on);
    let on_record = TrainingOnRecord {
        training: entry.training,
        completed_at,
        expires_on: entry.expires_on,
        evidence: Some(&entry.evidence),
        recorded_by: by.id,
    };
    tx.record_training(volunteer, &on_record).await?;
    // The evidence stays out of the append-only log: it may name the person, and the
    // log outlives an erasure.
    let after = json!({
        "training": entry.training,
        "completed_on": entry.completed_on,
        "expires_on": entry.expires_on,
    });
    let subject = format!("volunteer/{volunteer}");
    let change = staff_change(by, AuditAction::TrainingRecord, subject, Some(after));
    tx.record_audit(by, change, now).await?;
    let trainings = tx.training_records(volunteer).await?;
    tx.commit().await?;
    Ok(Ok(trainings))
}
