//! The audit log: every change staff make, written in the transaction that makes it,
//! and read by whoever's role covers it.

use super::rows::timestamp;
use crate::storage::{ShiftScope, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::{AuditAction, AuditEntry, StaffAccount};
use sqlx::AnyConnection;

pub(super) use crate::storage::AuditChange as Change;

pub(super) async fn record(
    conn: &mut AnyConnection,
    by: &StaffAccount,
    change: Change,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, action, subject, attendance_id, unit_id, \
                                before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now.timestamp())
    .bind(by.id)
    .bind(change.action.code())
    .bind(change.subject)
    .bind(change.attendance)
    .bind(change.unit)
    .bind(change.before.map(|b| b.to_string()))
    .bind(change.after.map(|a| a.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest entry about an attendance record: its action and its author.
pub(super) async fn last_about_attendance(
    conn: &mut AnyConnection,
    attendance: i64,
) -> StorageResult<Option<(AuditAction, i64)>> {
    let last: Option<(String, i64)> = sqlx::query_as(
        "SELECT action, account_id FROM audit_log WHERE attendance_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(attendance)
    .fetch_optional(conn)
    .await?;
    last.map(|(action, account)| {
        let action = AuditAction::from_code(&action)
            .ok_or_else(|| StorageError::Corrupt(format!("audit_log: action {action}")))?;
        Ok((action, account))
    })
    .transpose()
}

/// The newest entries of the audit log that `viewer` may read: an administrator all of
/// them, a coordinator those on its unit's shifts, a point leader those at its point.
pub(super) async fn read(
    conn: &mut AnyConnection,
    scope: ShiftScope,
    limit: u32,
) -> StorageResult<Vec<AuditEntry>> {
    let (unit, point) = (scope.unit, scope.point.map(|p| p.0));
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
         WHERE ($1 IS NULL OR sh.organiser_unit_id = $1 OR l.unit_id = $1) AND ($2 IS NULL OR sh.point_id = $2) \
         ORDER BY l.id DESC LIMIT $3",
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
                    action: AuditAction::from_code(&action).ok_or_else(|| {
                        StorageError::Corrupt(format!("audit_log {id}: action {action}"))
                    })?,
                    subject,
                    before: json(before)?,
                    after: json(after)?,
                })
            },
        )
        .collect()
}
