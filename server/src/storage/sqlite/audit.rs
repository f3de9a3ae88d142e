//! Writing the audit log: every change staff make, in the transaction that makes it.

use crate::storage::StorageResult;
use chrono::{DateTime, Utc};
use huli_contract::StaffAccount;
use sqlx::SqliteConnection;

/// One change, as the audit log keeps it.
pub(super) struct Change<'a> {
    pub action: &'a str,
    /// What changed, as `kind/id`.
    pub subject: String,
    /// Set for changes to attendance, so each coordinator reads its own unit's entries.
    pub attendance: Option<i64>,
    /// The unit whose coordinator may read an entry about anything else.
    pub unit: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(super) async fn record(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    change: Change<'_>,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, action, subject, attendance_id, unit_id, \
                                before, after) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now.timestamp())
    .bind(by.id)
    .bind(change.action)
    .bind(change.subject)
    .bind(change.attendance)
    .bind(change.unit)
    .bind(change.before.map(|b| b.to_string()))
    .bind(change.after.map(|a| a.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}
