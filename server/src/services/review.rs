//! Staff at work on attendance: approving, adjusting or rejecting the minutes served,
//! undoing an approval, and marking a check-in or check-out on a volunteer's behalf.
//! Each checks the account's role, and writes its audit entry in the transaction that
//! makes the change.

use crate::storage::{
    AuditChange, Outcome, Refusal, ReviewMark, StorageError, StorageResult, Store, WriteTx,
};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    AuditAction, CheckInMethod, ErrorCode, Problem, Review, ReviewItem, ReviewStatus, SignupId,
    SignupStatus, StaffAccount, check_in_window,
};
use serde_json::json;

/// How long an approval can be undone.
const UNDO_MINUTES: i64 = 10;

/// Approves, adjusts or rejects the minutes of attendance records, in one transaction:
/// all of them, or none if one is refused.
pub async fn review(
    store: &dyn Store,
    by: &StaffAccount,
    attendance: &[i64],
    review: &Review,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Vec<ReviewItem>>> {
    let mut tx = store.begin_write().await?;
    let mut reviewed = Vec::with_capacity(attendance.len());
    for &id in attendance {
        match review_one(&mut *tx, by, id, review, now).await? {
            Ok(item) => reviewed.push(item),
            // Dropping the transaction rolls back the ones before.
            Err(refusal) => return Ok(Err(refusal)),
        }
    }
    tx.commit().await?;
    Ok(Ok(reviewed))
}

/// Applies `review` to one record, if `by` may review it and the volunteer has checked
/// out. Reviewing again replaces the earlier decision; both are in the audit log.
async fn review_one(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: i64,
    review: &Review,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let Some(before) = tx.review_item(id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if !by.role.may_review(before.unit_id) {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    }
    if before.checked_out_at.is_none() {
        return Ok(Err(Refusal::Rule(ErrorCode::StillOnDuty)));
    }
    let (status, minutes, reason, action) = match review {
        Review::Approve => (
            ReviewStatus::Approved,
            before.minutes,
            None,
            AuditAction::AttendanceApprove,
        ),
        Review::Adjust { minutes, reason } => {
            let shift = before.shift;
            let longest = shift.served_minutes(shift.starts_at(), shift.ends_at());
            if *minutes > longest {
                let max_minutes = i64::try_from(longest.0).unwrap_or(i64::MAX);
                let problem = Problem::LongerThanTheShift { max_minutes };
                return Ok(Err(Refusal::Field("minutes".into(), problem)));
            }
            let reason = Some(reason.as_str());
            (
                ReviewStatus::Approved,
                *minutes,
                reason,
                AuditAction::AttendanceAdjust,
            )
        }
        Review::Reject { reason } => (
            ReviewStatus::Rejected,
            before.minutes,
            Some(reason.as_str()),
            AuditAction::AttendanceReject,
        ),
    };
    let mark = ReviewMark {
        status,
        minutes,
        reason,
        by: by.id,
        at: now,
    };
    tx.set_review(id, &mark).await?;
    let after = reviewed_again(tx, id).await?;
    let change = review_change(action, &before, &after);
    tx.record_audit(by, change, now).await?;
    Ok(Ok(after))
}

/// Puts attendance records that `by` approved as measured back in the queue, in one
/// transaction: all of them, or none if one is refused.
pub async fn undo_approvals(
    store: &dyn Store,
    by: &StaffAccount,
    attendance: &[i64],
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Vec<ReviewItem>>> {
    let mut tx = store.begin_write().await?;
    let mut undone = Vec::with_capacity(attendance.len());
    for &id in attendance {
        match undo_one(&mut *tx, by, id, now).await? {
            Ok(item) => undone.push(item),
            Err(refusal) => return Ok(Err(refusal)),
        }
    }
    tx.commit().await?;
    Ok(Ok(undone))
}

/// Only within [`UNDO_MINUTES`] of `by`'s own plain approval, and while nobody has
/// reviewed the record since.
async fn undo_one(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: i64,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let Some(state) = tx.review_state(id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    // The newest entry about the record must be this account's plain approval.
    let last_entry = tx.last_audit_entry(id).await?;
    let since = now - Duration::minutes(UNDO_MINUTES);
    let undoable = state.status == ReviewStatus::Approved
        && state.reviewed_by == Some(by.id)
        && state.reviewed_at.is_some_and(|at| at >= since)
        && last_entry == Some((AuditAction::AttendanceApprove, by.id));
    if !undoable {
        return Ok(Err(Refusal::Rule(ErrorCode::UndoExpired)));
    }
    let before = reviewed_again(tx, id).await?;
    tx.clear_review(id).await?;
    let after = reviewed_again(tx, id).await?;
    let change = review_change(AuditAction::AttendanceUndo, &before, &after);
    tx.record_audit(by, change, now).await?;
    Ok(Ok(after))
}

/// Checks a volunteer in (`check_in`) or out on their behalf, for a point leader or a
/// coordinator whose role covers the shift. Marking what is already marked changes
/// nothing. Answers with the attendance as it stands.
pub async fn mark_attendance(
    store: &dyn Store,
    by: &StaffAccount,
    signup: SignupId,
    check_in: bool,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let mut tx = store.begin_write().await?;
    let outcome = mark_in(&mut *tx, by, signup, check_in, now).await?;
    if outcome.is_ok() {
        tx.commit().await?;
    }
    Ok(outcome)
}

async fn mark_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    signup: SignupId,
    check_in: bool,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let Some(facts) = tx.signup_facts(signup).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if !by.role.may_mark_attendance(facts.point_id, facts.unit) {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    }
    let (id, change) = match (check_in, tx.attendance(signup).await?) {
        (true, Some(record)) => (record.id, None),
        (false, Some(record)) if record.view.checked_out_at.is_some() => (record.id, None),
        (true, None) => {
            if facts.status != SignupStatus::Confirmed {
                return Ok(Err(Refusal::Rule(ErrorCode::NotConfirmed)));
            }
            if let Err(code) = check_in_window(facts.window, now) {
                return Ok(Err(Refusal::Rule(code)));
            }
            let id = tx
                .insert_check_in(signup, CheckInMethod::Leader, now)
                .await?;
            let after = json!({ "checked_in_at": now, "method": CheckInMethod::Leader });
            (id, Some((AuditAction::AttendanceCheckIn, after)))
        }
        (false, None) => return Ok(Err(Refusal::Rule(ErrorCode::NotCheckedIn))),
        (false, Some(record)) => {
            let served = facts.window.served_minutes(record.view.checked_in_at, now);
            tx.set_check_out(signup, now, served).await?;
            let after = json!({ "checked_out_at": now, "minutes": served });
            (record.id, Some((AuditAction::AttendanceCheckOut, after)))
        }
    };
    if let Some((action, after)) = change {
        let change = attendance_change(action, id, None, after);
        tx.record_audit(by, change, now).await?;
    }
    Ok(Ok(reviewed_again(tx, id).await?))
}

/// A record read back inside the transaction that changed it.
async fn reviewed_again(tx: &mut dyn WriteTx, id: i64) -> StorageResult<ReviewItem> {
    (tx.review_item(id).await?)
        .ok_or_else(|| StorageError::Corrupt(format!("attendance {id} vanished")))
}

/// The audit entry of a review: the decision before and after.
fn review_change(action: AuditAction, before: &ReviewItem, after: &ReviewItem) -> AuditChange {
    let state = |item: &ReviewItem| {
        json!({
            "status": item.status,
            "minutes": item.minutes,
            "review_reason": item.review_reason,
        })
    };
    attendance_change(action, after.id, Some(state(before)), state(after))
}

fn attendance_change(
    action: AuditAction,
    attendance: i64,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
) -> AuditChange {
    AuditChange {
        action,
        subject: format!("attendance/{attendance}"),
        attendance: Some(attendance),
        unit: None,
        before,
        after: Some(after),
    }
}
