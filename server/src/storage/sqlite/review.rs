//! Staff at work on attendance: the review queue, approving, adjusting or rejecting the
//! minutes served, marking a check-in or check-out for a volunteer, and the audit log
//! every such change is written to in the same transaction.

use super::rows::{from_text, minutes, timestamp, to_text};
use crate::storage::{Outcome, QueueFilter, Refusal, StorageError, StorageResult, UNDO_MINUTES};
use chrono::{DateTime, Duration, Utc};
use huli_contract::AuditAction;
use huli_contract::{
    CheckInMethod, ErrorCode, LocalizedText, PhoneNumber, PointId, Problem, Review, ReviewItem,
    ReviewPage, ReviewStatus, ShiftWindow, SignupId, SignupStatus, StaffAccount, StaffRole, TeamId,
    check_in_window,
};
use serde_json::json;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Arguments, SqliteConnection};

const ITEM_COLUMNS: &str = "a.id, v.name, v.phone, v.team_id, sh.point_id, \
     p.name_zh AS point_zh, p.name_en AS point_en, sh.organiser_unit_id, u.name_zh AS unit_zh, \
     u.name_en AS unit_en, sh.duty, sh.starts_at, sh.ends_at, a.checked_in_at, a.checked_out_at, \
     a.check_in_method, a.minutes, a.status, a.auto_closed, a.review_reason";

const ITEM_FROM: &str = "FROM attendance a JOIN signups s ON s.id = a.signup_id \
     JOIN shifts sh ON sh.id = s.shift_id JOIN volunteers v ON v.id = s.volunteer_id \
     JOIN service_points p ON p.id = sh.point_id JOIN partner_units u ON u.id = sh.organiser_unit_id";

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    name: String,
    phone: String,
    team_id: Option<i64>,
    point_id: i64,
    point_zh: String,
    point_en: String,
    organiser_unit_id: i64,
    unit_zh: String,
    unit_en: String,
    duty: String,
    starts_at: i64,
    ends_at: i64,
    checked_in_at: i64,
    checked_out_at: Option<i64>,
    check_in_method: String,
    minutes: i64,
    status: String,
    auto_closed: bool,
    review_reason: Option<String>,
}

fn item(row: ItemRow) -> StorageResult<ReviewItem> {
    let id = row.id;
    let corrupt = |what: &str| StorageError::Corrupt(format!("attendance {id}: {what}"));
    let phone = PhoneNumber::parse(&row.phone).map_err(|_| corrupt("phone"))?;
    let reason = (row.review_reason.as_deref())
        .map(huli_contract::ReviewReason::parse)
        .transpose()
        .map_err(|_| corrupt("review reason"))?;
    let shift = ShiftWindow::new(timestamp(row.starts_at)?, timestamp(row.ends_at)?);
    Ok(ReviewItem {
        id,
        volunteer_name: row.name,
        // Staff views never show the whole number.
        phone_masked: phone.masked(),
        team_id: row.team_id.map(TeamId),
        point_id: PointId(row.point_id),
        point_name: LocalizedText {
            zh: row.point_zh,
            en: row.point_en,
        },
        unit_id: row.organiser_unit_id,
        unit_name: LocalizedText {
            zh: row.unit_zh,
            en: row.unit_en,
        },
        duty: from_text("shifts.duty", &row.duty)?,
        shift: shift.map_err(corrupt)?,
        checked_in_at: timestamp(row.checked_in_at)?,
        checked_out_at: row.checked_out_at.map(timestamp).transpose()?,
        method: from_text("attendance.check_in_method", &row.check_in_method)?,
        minutes: minutes(row.minutes),
        status: from_text("attendance.status", &row.status)?,
        auto_closed: row.auto_closed,
        review_reason: reason,
    })
}

/// The unit (for a coordinator) or point (for a point leader) whose shifts a role sees.
pub(super) fn role_filter(viewer: StaffRole) -> (Option<i64>, Option<i64>) {
    match viewer {
        StaffRole::Administrator => (None, None),
        StaffRole::Coordinator { unit_id } => (Some(unit_id), None),
        StaffRole::PointLeader { point_id } => (None, Some(point_id.0)),
    }
}

/// The records of the queue that `viewer` may see under a filter: its parameters are
/// bound in the order of `queue_parameters`.
const QUEUE_WHERE: &str = "WHERE a.status = ?1 \
       AND (?2 IS NULL OR sh.organiser_unit_id = ?2) AND (?3 IS NULL OR sh.point_id = ?3) \
       AND (?4 IS NULL OR sh.point_id = ?4) AND (?5 IS NULL OR sh.organiser_unit_id = ?5) \
       AND (?6 IS NULL OR a.check_in_method = ?6) \
       AND (?7 IS NULL OR (sh.starts_at >= ?7 AND sh.starts_at < ?8))";

fn queue_parameters(viewer: StaffRole, filter: &QueueFilter) -> SqliteArguments<'static> {
    let (unit, point) = role_filter(viewer);
    let mut arguments = SqliteArguments::default();
    let starts = filter
        .starts
        .map(|(from, until)| (from.timestamp(), until.timestamp()));
    // Adding a plain value to SQLite's arguments cannot fail.
    let _ = arguments.add(to_text(&filter.status));
    let _ = arguments.add(unit);
    let _ = arguments.add(point);
    let _ = arguments.add(filter.point.map(|p| p.0));
    let _ = arguments.add(filter.unit);
    let _ = arguments.add(filter.method.map(|m| to_text(&m)));
    let _ = arguments.add(starts.map(|s| s.0));
    let _ = arguments.add(starts.map(|s| s.1));
    arguments
}

/// One page of the queue `viewer` may see, and its total: flagged auto-closed records
/// first, then the oldest pending, or the latest reviewed.
pub(super) async fn queue(
    conn: &mut SqliteConnection,
    viewer: StaffRole,
    filter: &QueueFilter,
) -> StorageResult<ReviewPage> {
    let total: i64 = sqlx::query_scalar_with(
        &format!("SELECT COUNT(*) {ITEM_FROM} {QUEUE_WHERE}"),
        queue_parameters(viewer, filter),
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut arguments = queue_parameters(viewer, filter);
    let _ = arguments.add(i64::from(filter.limit));
    let _ = arguments.add(i64::from(filter.offset));
    let rows: Vec<ItemRow> = sqlx::query_as_with(
        &format!(
            "SELECT {ITEM_COLUMNS} {ITEM_FROM} {QUEUE_WHERE} \
             ORDER BY a.auto_closed DESC, \
                      CASE WHEN ?1 = 'pending' THEN a.checked_in_at ELSE -a.reviewed_at END, a.id \
             LIMIT ?9 OFFSET ?10"
        ),
        arguments,
    )
    .fetch_all(conn)
    .await?;
    Ok(ReviewPage {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        offset: filter.offset,
        items: rows.into_iter().map(item).collect::<StorageResult<_>>()?,
    })
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
    action: AuditAction,
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
        Review::Approve => AuditAction::AttendanceApprove,
        Review::Adjust { .. } => AuditAction::AttendanceAdjust,
        Review::Reject { .. } => AuditAction::AttendanceReject,
    };

    let (before_state, after_state) = (reviewed_state(&before), reviewed_state(&after));
    audit(conn, by, action, id, Some(before_state), &after_state, now).await?;
    Ok(Ok(after))
}

/// Puts attendance `id` back in the queue, if `by` approved it as measured within the
/// last `UNDO_MINUTES` and nobody has reviewed it since.
pub(super) async fn undo_approval(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    id: i64,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ReviewItem>> {
    let review: Option<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT status, reviewed_by, reviewed_at FROM attendance WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((status, reviewed_by, reviewed_at)) = review else {
        return Ok(Err(Refusal::NotFound));
    };
    // The newest entry about the record must be this account's plain approval.
    let last_action: Option<(String, i64)> = sqlx::query_as(
        "SELECT action, account_id FROM audit_log WHERE attendance_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let since = (now - Duration::minutes(UNDO_MINUTES)).timestamp();
    let undoable = status == to_text(&ReviewStatus::Approved)
        && reviewed_by == Some(by.id)
        && reviewed_at.is_some_and(|at| at >= since)
        && last_action == Some((AuditAction::AttendanceApprove.code().to_owned(), by.id));
    if !undoable {
        return Ok(Err(Refusal::Rule(ErrorCode::UndoExpired)));
    }
    let before = item_by_id(conn, id)
        .await?
        .ok_or(StorageError::Corrupt(format!("attendance {id} vanished")))?;
    sqlx::query(
        "UPDATE attendance SET status = 'pending', review_reason = NULL, reviewed_by = NULL, \
             reviewed_at = NULL WHERE id = ?",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let after = item_by_id(conn, id)
        .await?
        .ok_or(StorageError::Corrupt(format!("attendance {id} vanished")))?;
    let (before_state, after_state) = (reviewed_state(&before), reviewed_state(&after));
    audit(
        conn,
        by,
        AuditAction::AttendanceUndo,
        id,
        Some(before_state),
        &after_state,
        now,
    )
    .await?;
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
            audit(
                conn,
                by,
                AuditAction::AttendanceCheckIn,
                id,
                None,
                &after,
                now,
            )
            .await?;
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
            audit(
                conn,
                by,
                AuditAction::AttendanceCheckOut,
                id,
                None,
                &after,
                now,
            )
            .await?;
            id
        }
    };
    let item = item_by_id(conn, id).await?;
    Ok(Ok(item.ok_or(StorageError::Corrupt(format!(
        "attendance {id} vanished"
    )))?))
}
