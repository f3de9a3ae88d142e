//! Shifts as staff plan and change them, and the insurance that opens high-risk duty.

use super::{commit_if_accepted, not_allowed, refused_field};
use crate::services::entry;
use crate::storage::{
    InsurancePolicyDates, Outcome, Refusal, StorageError, StorageResult, Store, WriteTx,
};
use chrono::{DateTime, NaiveDate, Utc};
use huli_contract::{
    AuditAction, CANCEL_NOTICE_HOURS, ErrorCode, InsurancePolicy, InsuranceRecord, NewShift,
    Problem, ShiftChange, ShiftId, ShiftShape, ShiftView, ShiftWindow, SignupStatus, StaffAccount,
    WeeklyShifts, cancel_deadline, china_standard_time,
};
use serde_json::json;

/// A shift as it was created, or as it already stood when an identical one was asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Created {
    New(ShiftView),
    AlreadyThere(ShiftView),
}

/// Creates a shift, unless one with the same point, unit, duty and times exists: then
/// that one is the answer, so a retry creates nothing twice.
pub async fn create_shift(
    store: &dyn Store,
    by: &StaffAccount,
    shift: &NewShift,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Created>> {
    let mut tx = store.begin_write().await?;
    let outcome = create_in(&mut *tx, by, &shift.shape, &[shift.window], now).await?;
    let outcome = outcome.and_then(|mut shifts| match shifts.created.pop() {
        Some(created) => Ok(Created::New(created)),
        None => (shifts.already_there.pop())
            .map(Created::AlreadyThere)
            .ok_or(Refusal::NotFound),
    });
    commit_if_accepted(tx, outcome).await
}

/// Creates `shape` at every one of `windows`, all or none, skipping those already there.
pub async fn create_weekly_shifts(
    store: &dyn Store,
    by: &StaffAccount,
    shape: &ShiftShape,
    windows: &[ShiftWindow],
    now: DateTime<Utc>,
) -> StorageResult<Outcome<WeeklyShifts>> {
    let mut tx = store.begin_write().await?;
    let outcome = create_in(&mut *tx, by, shape, windows, now).await?;
    commit_if_accepted(tx, outcome).await
}

/// The organising unit must staff the point.
async fn create_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    shape: &ShiftShape,
    windows: &[ShiftWindow],
    now: DateTime<Utc>,
) -> StorageResult<Outcome<WeeklyShifts>> {
    let unit = shape.organiser_unit_id;
    if !by.role.may_manage_unit(unit) {
        return not_allowed();
    }
    if !tx.unit_exists(unit).await? {
        return refused_field("organiser_unit_id", Problem::NotOnTheList);
    }
    if !tx.point_exists(shape.point_id).await? {
        return refused_field("point_id", Problem::NotOnTheList);
    }
    if tx.paired_point(unit).await? != Some(shape.point_id) {
        return refused_field("organiser_unit_id", Problem::NotPairedWithPoint);
    }
    let mut done = WeeklyShifts {
        created: Vec::new(),
        already_there: Vec::new(),
    };
    for &window in windows {
        if let Some(id) = tx.identical_shift(shape, window).await? {
            done.already_there.push(view(tx, id).await?);
            continue;
        }
        // New shifts start uninsured: high-risk duty opens once a policy is recorded.
        let id = tx.insert_shift(shape, window).await?;
        let created = view(tx, id).await?;
        let change = entry(
            AuditAction::ShiftCreate,
            format!("shift/{}", id.0),
            Some(unit),
            None,
            Some(json!(created)),
        );
        tx.record_audit(by, change, now).await?;
        done.created.push(created);
    }
    Ok(Ok(done))
}

async fn view(tx: &mut dyn WriteTx, id: ShiftId) -> StorageResult<ShiftView> {
    (tx.shift(id).await?).ok_or_else(|| StorageError::Corrupt(format!("shifts {} vanished", id.0)))
}

/// A shift that `by` may change now (it has not started), with its organising unit.
async fn changeable(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<(ShiftView, i64)>> {
    let (Some(shift), Some(unit)) = (tx.shift(id).await?, tx.shift_unit(id).await?) else {
        return Ok(Err(Refusal::NotFound));
    };
    if !by.role.may_manage_unit(unit) {
        return not_allowed();
    }
    if now >= shift.window.starts_at() {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftStarted)));
    }
    Ok(Ok((shift, unit)))
}

/// Changes a shift that has not started. With volunteers signed up (confirmed or
/// waiting) its capacity may only grow, and the waitlist then moves up into the new
/// places; see [`movable_while_held`] for its time.
pub async fn change_shift(
    store: &dyn Store,
    by: &StaffAccount,
    id: ShiftId,
    change: &ShiftChange,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ShiftView>> {
    let mut tx = store.begin_write().await?;
    let outcome = change_in(&mut *tx, by, id, change, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn change_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: ShiftId,
    change: &ShiftChange,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ShiftView>> {
    let (before, unit) = match changeable(tx, by, id, now).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let held = tx.signup_count(id, true).await? > 0;
    // Volunteers' places (confirmed or waiting) can only grow.
    let lowered = (change.capacity).is_some_and(|places| places < before.capacity);
    if held && lowered {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftHasSignups)));
    }
    let window = change.window.unwrap_or(before.window);
    let covered = match change.window {
        Some(window) if before.duty.is_high_risk() => {
            // Moved high-risk duty stays open only if a recorded policy covers its new dates.
            let policies = tx.shift_policies(id).await?;
            Some(policies.iter().any(|p| uncovered(p, window).is_none()))
        }
        _ => None,
    };
    if let (true, Some(moved)) = (held, change.window) {
        if let Err(refusal) = movable_while_held(tx, id, before.window, moved, now).await? {
            return Ok(Err(refusal));
        }
        if covered == Some(false) {
            // Those already on it would be left on uninsured high-risk duty.
            return refused_field("starts_at", Problem::NotCovered);
        }
    }
    tx.update_shift(id, window, change.capacity).await?;
    if let Some(covered) = covered {
        tx.set_insured(id, covered).await?;
    }
    // New places go to those waiting, in the order they joined the waitlist.
    let places = view(tx, id).await?.places_left() as usize;
    let promoted: Vec<_> = tx.waitlist(id).await?.into_iter().take(places).collect();
    for &signup in &promoted {
        tx.set_signup_status(signup, SignupStatus::Confirmed)
            .await?;
    }
    let after = view(tx, id).await?;
    // The log names whose waiting places became confirmed, not only the new counts.
    let mut logged = json!(after);
    logged["promoted_signups"] = json!(promoted);
    let change = entry(
        AuditAction::ShiftChange,
        format!("shift/{}", id.0),
        Some(unit),
        Some(json!(before)),
        Some(logged),
    );
    tx.record_audit(by, change, now).await?;
    Ok(Ok(after))
}

/// A shift volunteers hold moves only while they can still cancel, both at its time and
/// at the new one (which also means before anyone could check in), and only to a time
/// none of them holds anything else at: each of them then finds the new time in their
/// sign-ups and their calendar feed.
async fn movable_while_held(
    tx: &mut dyn WriteTx,
    id: ShiftId,
    from: ShiftWindow,
    to: ShiftWindow,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    if now >= cancel_deadline(from) || now >= cancel_deadline(to) {
        let hours = u32::try_from(CANCEL_NOTICE_HOURS).unwrap_or(u32::MAX);
        return refused_field("starts_at", Problem::TooLateToMove { hours });
    }
    match tx.holders_busy_at(id, to).await? {
        0 => Ok(Ok(())),
        volunteers => refused_field("starts_at", Problem::HoldersBusy { volunteers }),
    }
}

/// Deletes a shift that has not started and that nobody ever signed up for.
pub async fn delete_shift(
    store: &dyn Store,
    by: &StaffAccount,
    id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let mut tx = store.begin_write().await?;
    let outcome = delete_in(&mut *tx, by, id, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn delete_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let (before, unit) = match changeable(tx, by, id, now).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Even a cancelled sign-up is part of a volunteer's record, so its shift stays.
    if tx.signup_count(id, false).await? > 0 {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftHasSignups)));
    }
    tx.delete_shift(id).await?;
    let subject = format!("shift/{}", id.0);
    let change = entry(
        AuditAction::ShiftDelete,
        subject,
        Some(unit),
        Some(json!(before)),
        None,
    );
    tx.record_audit(by, change, now).await?;
    Ok(Ok(()))
}

/// The field a cover that misses `window` is refused under, if it does.
fn uncovered(cover: &InsurancePolicyDates, window: ShiftWindow) -> Option<&'static str> {
    let day =
        |at: DateTime<Utc>| -> NaiveDate { at.with_timezone(&china_standard_time()).date_naive() };
    if day(window.starts_at()) < cover.covers_from {
        Some("covers_from")
    } else if day(window.ends_at()) > cover.covers_until {
        Some("covers_until")
    } else {
        None
    }
}

/// Records an insurance policy for high-risk shifts whose dates it covers; they open
/// for sign-up in the same transaction. The same policy recorded again (a retry, a
/// second click) is the one on record.
pub async fn record_insurance(
    store: &dyn Store,
    by: &StaffAccount,
    policy: &InsurancePolicy,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<InsuranceRecord>> {
    let mut tx = store.begin_write().await?;
    let outcome = insure_in(&mut *tx, by, policy, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn insure_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    policy: &InsurancePolicy,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<InsuranceRecord>> {
    let cover = InsurancePolicyDates {
        covers_from: policy.covers_from,
        covers_until: policy.covers_until,
    };
    let mut shifts = Vec::with_capacity(policy.shift_ids.len());
    for &id in &policy.shift_ids {
        let Some(unit) = tx.shift_unit(id).await? else {
            return refused_field("shift_ids", Problem::NotOnTheList);
        };
        if !by.role.may_manage_unit(unit) {
            return not_allowed();
        }
        let shift = view(tx, id).await?;
        if !shift.duty.is_high_risk() {
            return refused_field("shift_ids", Problem::NotHighRiskDuty);
        }
        if let Some(field) = uncovered(&cover, shift.window) {
            return refused_field(field, Problem::NotCovered);
        }
        shifts.push((shift, unit));
    }
    let policy_id = match tx.recorded_policy(policy).await? {
        Some(id) => id,
        None => tx.insert_policy(policy, by.id, now).await?,
    };
    let mut insured = Vec::with_capacity(shifts.len());
    for (before, unit) in shifts {
        if !tx.link_policy(before.id, policy_id).await? {
            // Already on record under this policy: nothing changes, nothing to log.
            insured.push(before);
            continue;
        }
        tx.set_insured(before.id, true).await?;
        let change = entry(
            AuditAction::ShiftInsure,
            format!("shift/{}", before.id.0),
            Some(unit),
            Some(json!({ "insured": before.insured })),
            Some(json!({
                "insured": true,
                "policy_id": policy_id,
                "insurer": policy.insurer,
                "policy_number": policy.policy_number,
                "covers_from": policy.covers_from,
                "covers_until": policy.covers_until,
            })),
        );
        tx.record_audit(by, change, now).await?;
        insured.push(view(tx, before.id).await?);
    }
    Ok(Ok(InsuranceRecord {
        id: policy_id,
        insurer: policy.insurer.clone(),
        policy_number: policy.policy_number.clone(),
        covers_from: policy.covers_from,
        covers_until: policy.covers_until,
        shifts: insured,
    }))
}
