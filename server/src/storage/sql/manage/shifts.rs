//! The rows of shifts as staff plan and change them, and of the insurance that opens
//! high-risk duty.

use crate::storage::sql::rows::{SHIFT_VIEW_COLUMNS, ShiftViewRow, to_text};
use crate::storage::{InsurancePolicyDates, ShiftFilter, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::{InsurancePolicy, ShiftId, ShiftPage, ShiftShape, ShiftWindow, SignupId};
use sqlx::AnyConnection;

pub(super) async fn managed(
    conn: &mut AnyConnection,
    unit: Option<i64>,
    filter: ShiftFilter,
) -> StorageResult<ShiftPage> {
    const MANAGED: &str = "WHERE ($1 IS NULL OR sh.organiser_unit_id = $1) \
           AND ($2 IS NULL OR sh.point_id = $2) AND sh.starts_at >= $3 AND sh.starts_at < $4";
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
        "SELECT {SHIFT_VIEW_COLUMNS} {MANAGED} ORDER BY sh.starts_at, sh.id LIMIT $5 OFFSET $6"
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
        offset: filter.offset,
        items: (rows.into_iter().map(ShiftViewRow::into_view)).collect::<StorageResult<_>>()?,
    })
}

pub(super) async fn identical(
    conn: &mut AnyConnection,
    shape: &ShiftShape,
    window: ShiftWindow,
) -> StorageResult<Option<ShiftId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM shifts WHERE organiser_unit_id = $1 AND starts_at = $2 \
           AND point_id = $3 AND duty = $4 AND ends_at = $5",
    )
    .bind(shape.organiser_unit_id)
    .bind(window.starts_at().timestamp())
    .bind(shape.point_id.0)
    .bind(to_text(&shape.duty))
    .bind(window.ends_at().timestamp())
    .fetch_optional(conn)
    .await?;
    Ok(id.map(ShiftId))
}

pub(super) async fn insert(
    conn: &mut AnyConnection,
    shape: &ShiftShape,
    window: ShiftWindow,
) -> StorageResult<ShiftId> {
    let id = sqlx::query_scalar(
        "INSERT INTO shifts (point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, \
                             insured, required_training) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id",
    )
    .bind(shape.point_id.0)
    .bind(shape.organiser_unit_id)
    .bind(to_text(&shape.duty))
    .bind(window.starts_at().timestamp())
    .bind(window.ends_at().timestamp())
    .bind(i64::from(shape.capacity))
    .bind(shape.required_training.as_ref().map(to_text))
    .fetch_one(conn)
    .await?;
    Ok(ShiftId(id))
}

pub(super) async fn unit_of(conn: &mut AnyConnection, id: ShiftId) -> StorageResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT organiser_unit_id FROM shifts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(conn)
            .await?,
    )
}

pub(super) async fn signup_count(
    conn: &mut AnyConnection,
    id: ShiftId,
    active_only: bool,
) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM signups WHERE shift_id = $1 AND ($2 = 0 OR status <> 'cancelled')",
    )
    .bind(id.0)
    .bind(i64::from(active_only))
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

pub(super) async fn holders_busy_at(
    conn: &mut AnyConnection,
    id: ShiftId,
    window: ShiftWindow,
) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT s.volunteer_id) FROM signups s \
         WHERE s.shift_id = $1 AND s.status IN ('confirmed', 'waitlisted') AND ( \
           EXISTS (SELECT 1 FROM signups o JOIN shifts sh ON sh.id = o.shift_id \
             WHERE o.volunteer_id = s.volunteer_id AND o.status IN ('confirmed', 'waitlisted') \
               AND sh.id <> $2 AND sh.starts_at < $3 AND sh.ends_at > $4) \
           OR EXISTS (SELECT 1 FROM training_signups t \
             JOIN training_sessions ts ON ts.id = t.session_id \
             WHERE t.volunteer_id = s.volunteer_id AND t.status IN ('confirmed', 'waitlisted') \
               AND ts.starts_at < $5 AND ts.ends_at > $6))",
    )
    .bind(id.0)
    .bind(id.0)
    .bind(window.ends_at().timestamp())
    .bind(window.starts_at().timestamp())
    .bind(window.ends_at().timestamp())
    .bind(window.starts_at().timestamp())
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

pub(super) async fn update(
    conn: &mut AnyConnection,
    id: ShiftId,
    window: ShiftWindow,
    capacity: Option<u32>,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE shifts SET starts_at = $1, ends_at = $2, capacity = COALESCE($3, capacity) \
         WHERE id = $4",
    )
    .bind(window.starts_at().timestamp())
    .bind(window.ends_at().timestamp())
    .bind(capacity.map(i64::from))
    .bind(id.0)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn set_insured(
    conn: &mut AnyConnection,
    id: ShiftId,
    insured: bool,
) -> StorageResult<()> {
    sqlx::query("UPDATE shifts SET insured = $1 WHERE id = $2")
        .bind(i64::from(insured))
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn policies_of(
    conn: &mut AnyConnection,
    id: ShiftId,
) -> StorageResult<Vec<InsurancePolicyDates>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.covers_from, p.covers_until FROM shift_insurance si \
         JOIN insurance_policies p ON p.id = si.policy_id WHERE si.shift_id = $1",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?;
    let date = |text: &str| {
        text.parse()
            .map_err(|e| StorageError::Corrupt(format!("insurance_policies: {text}: {e}")))
    };
    rows.iter()
        .map(|(from, until)| {
            Ok(InsurancePolicyDates {
                covers_from: date(from)?,
                covers_until: date(until)?,
            })
        })
        .collect()
}

pub(super) async fn waitlist(
    conn: &mut AnyConnection,
    id: ShiftId,
) -> StorageResult<Vec<SignupId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM signups WHERE shift_id = $1 AND status = 'waitlisted' \
         ORDER BY created_at, id",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(SignupId).collect())
}

pub(super) async fn delete(conn: &mut AnyConnection, id: ShiftId) -> StorageResult<()> {
    sqlx::query("DELETE FROM shifts WHERE id = $1")
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn recorded_policy(
    conn: &mut AnyConnection,
    policy: &InsurancePolicy,
) -> StorageResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM insurance_policies \
         WHERE insurer = $1 AND policy_number = $2 AND covers_from = $3 AND covers_until = $4",
    )
    .bind(&policy.insurer)
    .bind(&policy.policy_number)
    .bind(policy.covers_from.to_string())
    .bind(policy.covers_until.to_string())
    .fetch_optional(conn)
    .await?)
}

pub(super) async fn insert_policy(
    conn: &mut AnyConnection,
    policy: &InsurancePolicy,
    by: i64,
    now: DateTime<Utc>,
) -> StorageResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO insurance_policies \
             (insurer, policy_number, covers_from, covers_until, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&policy.insurer)
    .bind(&policy.policy_number)
    .bind(policy.covers_from.to_string())
    .bind(policy.covers_until.to_string())
    .bind(by)
    .bind(now.timestamp())
    .fetch_one(conn)
    .await?)
}

pub(super) async fn link_policy(
    conn: &mut AnyConnection,
    shift: ShiftId,
    policy: i64,
) -> StorageResult<bool> {
    let linked = sqlx::query(
        "INSERT INTO shift_insurance (shift_id, policy_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
    )
    .bind(shift.0)
    .bind(policy)
    .execute(conn)
    .await?;
    Ok(linked.rows_affected() > 0)
}
