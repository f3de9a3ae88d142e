//! The rows of check-in and check-out (the rules are in `crate::services::attendance`),
//! and closing forgotten check-outs.

use super::dialect::Dialect;
use super::rows::{from_text, timestamp, to_text};
use crate::storage::{AttendanceRecord, SignupFacts, StorageError, StorageResult, VolunteerId};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    AttendanceView, CHECK_OUT_GRACE_MINUTES, CheckInMethod, Coordinate, Minutes, PointId, ShiftId,
    ShiftWindow, SignupId,
};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct FactsRow {
    volunteer_id: i64,
    shift_id: i64,
    point_id: i64,
    organiser_unit_id: i64,
    status: String,
    starts_at: i64,
    ends_at: i64,
    lat: f64,
    lon: f64,
    code_secret: Option<Vec<u8>>,
}

pub(super) async fn signup_facts(
    conn: &mut AnyConnection,
    signup: SignupId,
) -> StorageResult<Option<SignupFacts>> {
    let row: Option<FactsRow> = sqlx::query_as(
        "SELECT s.volunteer_id, s.shift_id, sh.point_id, sh.organiser_unit_id, s.status, \
                sh.starts_at, sh.ends_at, p.lat, p.lon, p.code_secret \
         FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         JOIN service_points p ON p.id = sh.point_id WHERE s.id = $1",
    )
    .bind(signup.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let corrupt = |what: String| StorageError::Corrupt(format!("signups {}: {what}", signup.0));
    Ok(Some(SignupFacts {
        volunteer: VolunteerId(row.volunteer_id),
        shift: ShiftId(row.shift_id),
        point_id: PointId(row.point_id),
        unit: row.organiser_unit_id,
        status: from_text("signups.status", &row.status)?,
        window: ShiftWindow::new(timestamp(row.starts_at)?, timestamp(row.ends_at)?)
            .map_err(|e| corrupt(e.to_owned()))?,
        point: Coordinate::new(row.lat, row.lon).map_err(|e| corrupt(e.to_owned()))?,
        code_secret: (row.code_secret)
            .ok_or_else(|| corrupt("point without a code secret".into()))?,
    }))
}

pub(super) async fn attendance_of(
    conn: &mut AnyConnection,
    signup: SignupId,
) -> StorageResult<Option<AttendanceView>> {
    Ok(record_of(conn, signup).await?.map(|record| record.view))
}

pub(super) async fn record_of(
    conn: &mut AnyConnection,
    signup: SignupId,
) -> StorageResult<Option<AttendanceRecord>> {
    type Row = (i64, i64, Option<i64>, String, i64, String, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, checked_in_at, checked_out_at, check_in_method, minutes, status, auto_closed \
         FROM attendance WHERE signup_id = $1",
    )
    .bind(signup.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, checked_in, checked_out, method, minutes, status, auto_closed)) = row else {
        return Ok(None);
    };
    let view = AttendanceView {
        checked_in_at: timestamp(checked_in)?,
        checked_out_at: checked_out.map(timestamp).transpose()?,
        method: from_text("attendance.check_in_method", &method)?,
        minutes: super::rows::minutes(minutes),
        status: from_text("attendance.status", &status)?,
        auto_closed: auto_closed != 0,
    };
    Ok(Some(AttendanceRecord { id, view }))
}

pub(super) async fn wrong_codes_since(
    conn: &mut AnyConnection,
    signup: SignupId,
    since: DateTime<Utc>,
) -> StorageResult<u32> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM wrong_check_in_codes WHERE signup_id = $1 AND at > $2",
    )
    .bind(signup.0)
    .bind(since.timestamp())
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

pub(super) async fn record_wrong_code(
    conn: &mut AnyConnection,
    signup: SignupId,
    at: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("INSERT INTO wrong_check_in_codes (signup_id, at) VALUES ($1, $2)")
        .bind(signup.0)
        .bind(at.timestamp())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn insert_check_in(
    conn: &mut AnyConnection,
    signup: SignupId,
    method: CheckInMethod,
    at: DateTime<Utc>,
) -> StorageResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO attendance (signup_id, checked_in_at, check_in_method, minutes, status) \
         VALUES ($1, $2, $3, 0, 'pending') RETURNING id",
    )
    .bind(signup.0)
    .bind(at.timestamp())
    .bind(to_text(&method))
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub(super) async fn set_check_out(
    conn: &mut AnyConnection,
    signup: SignupId,
    at: DateTime<Utc>,
    served: Minutes,
) -> StorageResult<()> {
    sqlx::query("UPDATE attendance SET checked_out_at = $1, minutes = $2 WHERE signup_id = $3")
        .bind(at.timestamp())
        .bind(i64::try_from(served.0).unwrap_or(i64::MAX))
        .bind(signup.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn close_forgotten(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let ended_before = now - Duration::minutes(CHECK_OUT_GRACE_MINUTES);
    // Served time runs from the later of check-in and start to the shift's end.
    let greatest = Dialect::of(conn).greatest();
    let closed = sqlx::query(&format!(
        "UPDATE attendance SET auto_closed = 1, \
             checked_out_at = (SELECT {greatest}(sh.ends_at, attendance.checked_in_at) \
                               FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
                               WHERE s.id = attendance.signup_id), \
             minutes = (SELECT {greatest}(0, (sh.ends_at - {greatest}(attendance.checked_in_at, sh.starts_at)) / 60) \
                        FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
                        WHERE s.id = attendance.signup_id) \
         WHERE checked_out_at IS NULL AND signup_id IN \
             (SELECT s.id FROM signups s JOIN shifts sh ON sh.id = s.shift_id WHERE sh.ends_at < $1)"
    ))
    .bind(ended_before.timestamp())
    .execute(&mut *conn)
    .await?;
    Ok(closed.rows_affected())
}
