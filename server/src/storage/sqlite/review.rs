//! Staff at work on attendance: the review queue, approving, adjusting or rejecting the
//! minutes served, marking a check-in or check-out for a volunteer, and the audit log
//! every such change is written to in the same transaction.

use super::rows::{from_text, minutes, timestamp, to_text};
use crate::storage::{Outcome, QueueFilter, Refusal, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::{
    AuditEntry, CheckInMethod, ErrorCode, PhoneNumber, PointId, Problem, Review, ReviewItem,
    ReviewStatus, ShiftWindow, SignupId, SignupStatus, StaffAccount, StaffRole, TeamId,
    check_in_window,
};
use serde_json::json;
use sqlx::SqliteConnection;

const ITEM_COLUMNS: &str = "a.id, v.name, v.phone, v.team_id, sh.point_id, sh.organiser_unit_id, \
     sh.starts_at, sh.ends_at, a.checked_in_at, a.checked_out_at, a.check_in_method, a.minutes, \
     a.status, a.auto_closed, a.review_reason";

const ITEM_FROM: &str = "FROM attendance a JOIN signups s ON s.id = a.signup_id \
     JOIN shifts sh ON sh.id = s.shift_id JOIN volunteers v ON v.id = s.volunteer_id";

type ItemRow = (
    i64,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    Option<i64>,
    String,
    i64,
    String,
    bool,
    Option<String>,
);

fn item(row: ItemRow) -> StorageResult<ReviewItem> {
    let (id, name, phone, team, point, unit, starts, ends, checked_in, checked_out, method) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10,
    );
    let corrupt = |what: &str| StorageError::Corrupt(format!("attendance {id}: {what}"));
    let phone = PhoneNumber::parse(&phone).map_err(|_| corrupt("phone"))?;
    let reason = (row.14.as_deref())
        .map(huli_contract::ReviewReason::parse)
        .transpose()
        .map_err(|_| corrupt("review reason"))?;
    Ok(ReviewItem {
        id,
        volunteer_name: name,
        // Staff views never show the whole number.
        phone_masked: phone.masked(),
        team_id: TeamId(team),
        point_id: PointId(point),
        unit_id: unit,
        shift: ShiftWindow::new(timestamp(starts)?, timestamp(ends)?).map_err(corrupt)?,
        checked_in_at: timestamp(checked_in)?,
        checked_out_at: checked_out.map(timestamp).transpose()?,
        method: from_text("attendance.check_in_method", &method)?,
        minutes: minutes(row.11),
        status: from_text("attendance.status", &row.12)?,
        auto_closed: row.13,
        review_reason: reason,
    })
}

/// The unit (for a coordinator) or point (for a point leader) whose shifts a role sees.
fn role_filter(viewer: StaffRole) -> (Option<i64>, Option<i64>) {
    match viewer {
        StaffRole::Administrator => (None, None),
        StaffRole::Coordinator { unit_id } => (Some(unit_id), None),
        StaffRole::PointLeader { point_id } => (None, Some(point_id.0)),
    }
}

/// The part of the queue `viewer` may see, at most `filter.limit`: flagged auto-closed
/// records first, then the oldest pending, or the latest reviewed.
pub(super) async fn queue(
    conn: &mut SqliteConnection,
    viewer: StaffRole,
    filter: &QueueFilter,
) -> StorageResult<Vec<ReviewItem>> {
    let (unit, point) = role_filter(viewer);
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} {ITEM_FROM} \
         WHERE a.status = ?1 AND (?2 IS NULL OR sh.organiser_unit_id = ?2) \
           AND (?3 IS NULL OR sh.point_id = ?3) AND (?4 IS NULL OR sh.point_id = ?4) \
         ORDER BY a.auto_closed DESC, \
                  CASE WHEN ?1 = 'pending' THEN a.checked_in_at ELSE -a.reviewed_at END, a.id \
         LIMIT ?5"
    ))
    .bind(to_text(&filter.status))
    .bind(unit)
    .bind(point)
    .bind(filter.point.map(|p| p.0))
    .bind(i64::from(filter.limit))
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(item).collect()
}

async fn item_by_id(conn: &mut SqliteConnection, id: i64) -> StorageResult<Option<ReviewItem>> {
    let row: Option<ItemRow> =
        sqlx::query_as(&format!("SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE a.id = ?"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
    row.map(item).transpose()
}

/// Writes one entry about attendance record `attendance`.
async fn audit(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    action: &str,
    attendance: i64,
    before: Option<serde_json::Value>,
    after: &serde_json::Value,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let change = super::audit::Change {
        action,
        subject: format!("attendance/{attendance}"),
        attendance: Some(attendance),
        unit: None,
        before,
        after: Some(after.clone()),
    };
    super::audit::record(conn, by, change, now).await
}

/// What the audit log keeps of a record under review.
fn reviewed_state(item: &ReviewItem) -> serde_json::Value {
    json!({
        "status": item.status,
        "minutes": item.minutes,
        "review_reason": item.review_reason,
    })
}

/// Applies `review` to attendance `id`, if `by` may review it and the volunteer has
/// checked out. Reviewing again replaces the earlier decision; both are in the audit log.
pub(super) async fn review(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    id: i64,
    review: &Review,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let Some(before) = item_by_id(conn, id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if !by.role.may_review(before.unit_id) {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    }
    if before.checked_out_at.is_none() {
        return Ok(Err(Refusal::Rule(ErrorCode::StillOnDuty)));
    }
    let (status, minutes, reason) = match review {
        Review::Approve => (ReviewStatus::Approved, before.minutes, None),
        Review::Adjust { minutes, reason } => {
            let shift = before.shift;
            let longest = shift.served_minutes(shift.starts_at(), shift.ends_at());
            if *minutes > longest {
                let max = i64::try_from(longest.0).unwrap_or(i64::MAX);
                let problem = Problem::OutOfRange { min: 0, max };
                return Ok(Err(Refusal::Field("minutes".into(), problem)));
            }
            (ReviewStatus::Approved, *minutes, Some(reason.as_str()))
        }
        Review::Reject { reason } => (
            ReviewStatus::Rejected,
            before.minutes,
            Some(reason.as_str()),
        ),
    };
    sqlx::query(
        "UPDATE attendance SET status = ?, minutes = ?, review_reason = ?, reviewed_by = ?, \
             reviewed_at = ? WHERE id = ?",
    )
    .bind(to_text(&status))
    .bind(i64::try_from(minutes.0).unwrap_or(i64::MAX))
    .bind(reason)
    .bind(by.id)
    .bind(now.timestamp())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let after = item_by_id(conn, id)
        .await?
        .ok_or(StorageError::Corrupt(format!(
            "attendance {id} vanished while reviewed"
        )))?;
    let action = match review {
        Review::Approve => "attendance.approve",
        Review::Adjust { .. } => "attendance.adjust",
        Review::Reject { .. } => "attendance.reject",
    };

    let (before_state, after_state) = (reviewed_state(&before), reviewed_state(&after));
    audit(conn, by, action, id, Some(before_state), &after_state, now).await?;
    Ok(Ok(after))
}

/// Checks a volunteer in (`check_in`) or out on their behalf, for a point leader or a
/// coordinator whose role covers the shift. Marking what is already marked changes
/// nothing. Answers with the attendance as it stands.
pub(super) async fn mark_attendance(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    signup: SignupId,
    check_in: bool,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let row: Option<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.status, sh.point_id, sh.organiser_unit_id, sh.starts_at, sh.ends_at \
         FROM signups s JOIN shifts sh ON sh.id = s.shift_id WHERE s.id = ?",
    )
    .bind(signup.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, point, unit, starts, ends)) = row else {
        return Ok(Err(Refusal::NotFound));
    };
    if !by.role.may_mark_attendance(PointId(point), unit) {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    }
    let window = ShiftWindow::new(timestamp(starts)?, timestamp(ends)?)
        .map_err(|e| StorageError::Corrupt(format!("signups {}: {e}", signup.0)))?;
    let existing: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, checked_in_at, checked_out_at FROM attendance WHERE signup_id = ?",
    )
    .bind(signup.0)
    .fetch_optional(&mut *conn)
    .await?;
    let id = match (check_in, existing) {
        (true, Some((id, _, _))) | (false, Some((id, _, Some(_)))) => id,
        (true, None) => {
            if from_text::<SignupStatus>("signups.status", &status)? != SignupStatus::Confirmed {
                return Ok(Err(Refusal::Rule(ErrorCode::NotConfirmed)));
            }
            if let Err(code) = check_in_window(window, now) {
                return Ok(Err(Refusal::Rule(code)));
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO attendance (signup_id, checked_in_at, check_in_method, minutes, status) \
                 VALUES (?, ?, ?, 0, 'pending') RETURNING id",
            )
            .bind(signup.0)
            .bind(now.timestamp())
            .bind(to_text(&CheckInMethod::Leader))
            .fetch_one(&mut *conn)
            .await?;
            let after = json!({ "checked_in_at": now, "method": CheckInMethod::Leader });
            audit(conn, by, "attendance.check_in", id, None, &after, now).await?;
            id
        }
        (false, None) => return Ok(Err(Refusal::Rule(ErrorCode::NotCheckedIn))),
        (false, Some((id, checked_in, None))) => {
            let served = window.served_minutes(timestamp(checked_in)?, now);
            sqlx::query("UPDATE attendance SET checked_out_at = ?, minutes = ? WHERE id = ?")
                .bind(now.timestamp())
                .bind(i64::try_from(served.0).unwrap_or(i64::MAX))
                .bind(id)
                .execute(&mut *conn)
                .await?;
            let after = json!({ "checked_out_at": now, "minutes": served });
            audit(conn, by, "attendance.check_out", id, None, &after, now).await?;
            id
        }
    };
    let item = item_by_id(conn, id).await?;
    Ok(Ok(item.ok_or(StorageError::Corrupt(format!(
        "attendance {id} vanished"
    )))?))
}

/// The newest entries of the audit log that `viewer` may read: an administrator all of
/// them, a coordinator those on its unit's shifts, a point leader those at its point.
pub(super) async fn audit_log(
    conn: &mut SqliteConnection,
    viewer: StaffRole,
    limit: u32,
) -> StorageResult<Vec<AuditEntry>> {
    let (unit, point) = role_filter(viewer);
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.id, l.at, a.login, a.display_name, l.action, l.subject, l.before, l.after \
         FROM audit_log l JOIN staff_accounts a ON a.id = l.account_id \
         LEFT JOIN attendance t ON t.id = l.attendance_id \
         LEFT JOIN signups s ON s.id = t.signup_id LEFT JOIN shifts sh ON sh.id = s.shift_id \
         WHERE (?1 IS NULL OR sh.organiser_unit_id = ?1 OR l.unit_id = ?1) AND (?2 IS NULL OR sh.point_id = ?2) \
         ORDER BY l.id DESC LIMIT ?3",
    )
    .bind(unit)
    .bind(point)
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await?;
    let json = |text: Option<String>| -> StorageResult<Option<serde_json::Value>> {
        (text.as_deref())
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| StorageError::Corrupt(format!("audit_log: {e}")))
    };
    rows.into_iter()
        .map(
            |(id, at, login, display_name, action, subject, before, after)| {
                Ok(AuditEntry {
                    id,
                    at: timestamp(at)?,
                    login,
                    display_name,
                    action,
                    subject,
                    before: json(before)?,
                    after: json(after)?,
                })
            },
        )
        .collect()
}
