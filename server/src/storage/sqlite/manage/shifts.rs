//! Shifts as staff plan and change them, and the insurance that opens high-risk duty.

use super::{Entry, audit, exists, not_allowed, paired_point, refused_field};
use crate::storage::sqlite::rows::{SHIFT_VIEW_COLUMNS, ShiftViewRow, to_text};
use crate::storage::sqlite::signups::shift_view;
use crate::storage::{Outcome, Refusal, ShiftFilter, StorageError, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};
use huli_contract::AuditAction;
use huli_contract::{
    ErrorCode, InsurancePolicy, InsuranceRecord, Problem, ShiftChange, ShiftId, ShiftPage,
    ShiftShape, ShiftView, ShiftWindow, StaffAccount, StaffRole, WeeklyShifts, china_standard_time,
};
use serde_json::json;
use sqlx::SqliteConnection;

pub(super) async fn managed(
    conn: &mut SqliteConnection,
    viewer: StaffRole,
    filter: ShiftFilter,
) -> StorageResult<ShiftPage> {
    let empty = ShiftPage {
        total: 0,
        offset: filter.offset,
        items: Vec::new(),
    };
    let Some(unit) = viewer.unit_scope() else {
        return Ok(empty);
    };
    const MANAGED: &str = "WHERE (?1 IS NULL OR sh.organiser_unit_id = ?1) \
           AND (?2 IS NULL OR sh.point_id = ?2) AND sh.starts_at >= ?3 AND sh.starts_at < ?4";
    let (point, from, until) = (
        filter.point.map(|p| p.0),
        filter.from.timestamp(),
        filter.until.timestamp(),
    );
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM shifts sh {MANAGED}"))
        .bind(unit)
        .bind(point)
        .bind(from)
        .bind(until)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<ShiftViewRow> = sqlx::query_as(&format!(
        "SELECT {SHIFT_VIEW_COLUMNS} {MANAGED} ORDER BY sh.starts_at, sh.id LIMIT ?5 OFFSET ?6"
    ))
    .bind(unit)
    .bind(point)
    .bind(from)
    .bind(until)
    .bind(i64::from(filter.limit))
    .bind(i64::from(filter.offset))
    .fetch_all(conn)
    .await?;
    Ok(ShiftPage {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        items: (rows.into_iter().map(ShiftViewRow::into_view)).collect::<StorageResult<_>>()?,
        ..empty
    })
}

async fn view(conn: &mut SqliteConnection, id: i64) -> StorageResult<ShiftView> {
    shift_view(conn, ShiftId(id))
        .await?
        .ok_or_else(|| StorageError::Corrupt(format!("shifts {id} vanished")))
}

/// Creates `shape` at each of `windows`, skipping those an identical shift (same point,
/// unit, duty and times) already holds. The organising unit must staff the point.
pub(super) async fn create(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    shape: &ShiftShape,
    windows: &[ShiftWindow],
    now: DateTime<Utc>,
) -> StorageResult<Outcome<WeeklyShifts>> {
    let unit = shape.organiser_unit_id;
    if !by.role.may_manage_unit(unit) {
        return not_allowed();
    }
    if !exists(conn, "SELECT id FROM partner_units WHERE id = ?", unit).await? {
        return refused_field("organiser_unit_id", Problem::NotOnTheList);
    }
    let point = shape.point_id.0;
    if !exists(conn, "SELECT id FROM service_points WHERE id = ?", point).await? {
        return refused_field("point_id", Problem::NotOnTheList);
    }
    if paired_point(conn, unit).await? != Some(point) {
        return refused_field("organiser_unit_id", Problem::NotPairedWithPoint);
    }
    let duty = to_text(&shape.duty);
    let mut done = WeeklyShifts {
        created: Vec::new(),
        already_there: Vec::new(),
    };
    for window in windows {
        let (starts, ends) = (window.starts_at().timestamp(), window.ends_at().timestamp());
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM shifts WHERE organiser_unit_id = ? AND starts_at = ? \
               AND point_id = ? AND duty = ? AND ends_at = ?",
        )
        .bind(unit)
        .bind(starts)
        .bind(point)
        .bind(&duty)
        .bind(ends)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = existing {
            done.already_there.push(view(conn, id).await?);
            continue;
        }
        // New shifts start uninsured: high-risk duty opens once a policy is recorded.
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO shifts (point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, \
                                 insured, required_training) \
             VALUES (?, ?, ?, ?, ?, ?, 0, ?) RETURNING id",
        )
        .bind(point)
        .bind(unit)
        .bind(&duty)
        .bind(starts)
        .bind(ends)
        .bind(i64::from(shape.capacity))
        .bind(shape.required_training.as_ref().map(to_text))
        .fetch_one(&mut *conn)
        .await?;
        let created = view(conn, id).await?;
        let entry = Entry {
            attendance: None,
            action: AuditAction::ShiftCreate,
            subject: format!("shift/{id}"),
            unit: Some(unit),
            before: None,
            after: Some(json!(created)),
        };
        audit(conn, by, entry, now).await?;
        done.created.push(created);
    }
    Ok(Ok(done))
}

/// A shift that `by` may change now (it has not started), with its organising unit.
async fn changeable(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<(ShiftView, i64)>> {
    let Some(shift) = shift_view(conn, id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let unit: i64 = sqlx::query_scalar("SELECT organiser_unit_id FROM shifts WHERE id = ?")
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await?;
    if !by.role.may_manage_unit(unit) {
        return not_allowed();
    }
    if now >= shift.window.starts_at() {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftStarted)));
    }
    Ok(Ok((shift, unit)))
}

/// Sign-ups on the shift: only those still holding or waiting for a place if `active`,
/// or all of them, cancelled ones too.
async fn signups(conn: &mut SqliteConnection, id: ShiftId, active: bool) -> StorageResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM signups WHERE shift_id = ? AND (? = 0 OR status <> 'cancelled')",
    )
    .bind(id.0)
    .bind(active)
    .fetch_one(conn)
    .await?)
}

pub(super) async fn change(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    id: ShiftId,
    change: &ShiftChange,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ShiftView>> {
    let (before, unit) = match changeable(conn, by, id, now).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Volunteers who signed up planned around the shift's time: it stays, and their
    // places (confirmed or waiting) can only grow.
    let lowered = change
        .capacity
        .is_some_and(|places| places < before.capacity);
    if (change.window.is_some() || lowered) && signups(conn, id, true).await? > 0 {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftHasSignups)));
    }
    let window = change.window.unwrap_or(before.window);
    sqlx::query(
        "UPDATE shifts SET starts_at = ?, ends_at = ?, capacity = COALESCE(?, capacity) \
         WHERE id = ?",
    )
    .bind(window.starts_at().timestamp())
    .bind(window.ends_at().timestamp())
    .bind(change.capacity.map(i64::from))
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    if change.window.is_some() && before.duty.is_high_risk() {
        // Moved high-risk duty stays open only if a recorded policy covers its new dates.
        sqlx::query(
            "UPDATE shifts SET insured = EXISTS (SELECT 1 FROM shift_insurance si \
                 JOIN insurance_policies p ON p.id = si.policy_id \
                 WHERE si.shift_id = shifts.id \
                   AND p.covers_from <= date(shifts.starts_at + 8 * 3600, 'unixepoch') \
                   AND p.covers_until >= date(shifts.ends_at + 8 * 3600, 'unixepoch')) \
             WHERE id = ?",
        )
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    }
    // New places go to those waiting, in the order they joined the waitlist.
    let promoted: Vec<i64> = sqlx::query_scalar(
        "UPDATE signups SET status = 'confirmed' WHERE id IN \
             (SELECT id FROM signups WHERE shift_id = ?1 AND status = 'waitlisted' \
              ORDER BY created_at, id \
              LIMIT max(0, (SELECT capacity FROM shifts WHERE id = ?1) \
                  - (SELECT COUNT(*) FROM signups WHERE shift_id = ?1 AND status = 'confirmed'))) \
         RETURNING id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let after = view(conn, id.0).await?;
    // The log names whose waiting places became confirmed, not only the new counts.
    let mut logged = json!(after);
    logged["promoted_signups"] = json!(promoted);
    let entry = Entry {
        attendance: None,
        action: AuditAction::ShiftChange,
        subject: format!("shift/{}", id.0),
        unit: Some(unit),
        before: Some(json!(before)),
        after: Some(logged),
    };
    audit(conn, by, entry, now).await?;
    Ok(Ok(after))
}

pub(super) async fn delete(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let (before, unit) = match changeable(conn, by, id, now).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Even a cancelled sign-up is part of a volunteer's record, so its shift stays.
    if signups(conn, id, false).await? > 0 {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftHasSignups)));
    }
    sqlx::query("DELETE FROM shifts WHERE id = ?")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    let entry = Entry {
        attendance: None,
        action: AuditAction::ShiftDelete,
        subject: format!("shift/{}", id.0),
        unit: Some(unit),
        before: Some(json!(before)),
        after: None,
    };
    audit(conn, by, entry, now).await?;
    Ok(Ok(()))
}

/// The field a cover that misses `window` is refused under, if it does.
fn uncovered(policy: &InsurancePolicy, window: ShiftWindow) -> Option<&'static str> {
    let day =
        |at: DateTime<Utc>| -> NaiveDate { at.with_timezone(&china_standard_time()).date_naive() };
    if day(window.starts_at()) < policy.covers_from {
        Some("covers_from")
    } else if day(window.ends_at()) > policy.covers_until {
        Some("covers_until")
    } else {
        None
    }
}

pub(super) async fn insure(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    policy: &InsurancePolicy,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<InsuranceRecord>> {
    let mut shifts = Vec::with_capacity(policy.shift_ids.len());
    for &id in &policy.shift_ids {
        let unit: Option<i64> =
            sqlx::query_scalar("SELECT organiser_unit_id FROM shifts WHERE id = ?")
                .bind(id.0)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(unit) = unit else {
            return refused_field("shift_ids", Problem::NotOnTheList);
        };
        if !by.role.may_manage_unit(unit) {
            return not_allowed();
        }
        let shift = view(conn, id.0).await?;
        if !shift.duty.is_high_risk() {
            return refused_field("shift_ids", Problem::NotHighRiskDuty);
        }
        if let Some(field) = uncovered(policy, shift.window) {
            return refused_field(field, Problem::NotCovered);
        }
        shifts.push((shift, unit));
    }
    // The same policy recorded again (a retry, a second click) is the one on record.
    let recorded: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM insurance_policies \
         WHERE insurer = ? AND policy_number = ? AND covers_from = ? AND covers_until = ?",
    )
    .bind(&policy.insurer)
    .bind(&policy.policy_number)
    .bind(policy.covers_from.to_string())
    .bind(policy.covers_until.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let policy_id: i64 = match recorded {
        Some(id) => id,
        None => {
            sqlx::query_scalar(
                "INSERT INTO insurance_policies \
                     (insurer, policy_number, covers_from, covers_until, recorded_by, recorded_at) \
                 VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&policy.insurer)
            .bind(&policy.policy_number)
            .bind(policy.covers_from.to_string())
            .bind(policy.covers_until.to_string())
            .bind(by.id)
            .bind(now.timestamp())
            .fetch_one(&mut *conn)
            .await?
        }
    };
    let mut insured = Vec::with_capacity(shifts.len());
    for (before, unit) in shifts {
        let id = before.id.0;
        let linked = sqlx::query(
            "INSERT OR IGNORE INTO shift_insurance (shift_id, policy_id) VALUES (?, ?)",
        )
        .bind(id)
        .bind(policy_id)
        .execute(&mut *conn)
        .await?;
        if linked.rows_affected() == 0 {
            // Already on record under this policy: nothing changes, nothing to log.
            insured.push(before);
            continue;
        }
        sqlx::query("UPDATE shifts SET insured = 1 WHERE id = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let entry = Entry {
            attendance: None,
            action: AuditAction::ShiftInsure,
            subject: format!("shift/{id}"),
            unit: Some(unit),
            before: Some(json!({ "insured": before.insured })),
            after: Some(json!({
                "insured": true,
                "policy_id": policy_id,
                "insurer": policy.insurer,
                "policy_number": policy.policy_number,
                "covers_from": policy.covers_from,
                "covers_until": policy.covers_until,
            })),
        };
        audit(conn, by, entry, now).await?;
        insured.push(view(conn, id).await?);
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
