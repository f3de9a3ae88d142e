//! Check-in, check-out and closing forgotten check-outs. Minutes are the part of the
//! attendance inside the shift's window and stay pending until the organiser reviews them.

use super::rows::{from_text, timestamp, to_text};
use super::signups::signup_view;
use crate::rotating_code;
use crate::storage::{Outcome, Refusal, StorageError, StorageResult, VolunteerId};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    AttendanceView, CHECK_OUT_GRACE_MINUTES, CheckIn, CheckInMethod, Coordinate, ErrorCode,
    ShiftWindow, SignupId, SignupStatus, SignupView, check_in_window,
};
use sqlx::SqliteConnection;

/// What checking in and out needs to know about one of the volunteer's sign-ups.
struct Facts {
    status: SignupStatus,
    window: ShiftWindow,
    point: Coordinate,
    code_secret: Vec<u8>,
}

async fn facts(
    conn: &mut SqliteConnection,
    volunteer: VolunteerId,
    signup: SignupId,
) -> StorageResult<Option<Facts>> {
    type Row = (String, i64, i64, f64, f64, Option<Vec<u8>>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT s.status, sh.starts_at, sh.ends_at, p.lat, p.lon, p.code_secret \
         FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         JOIN service_points p ON p.id = sh.point_id \
         WHERE s.id = ? AND s.volunteer_id = ?",
    )
    .bind(signup.0)
    .bind(volunteer.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, starts_at, ends_at, lat, lon, secret)) = row else {
        return Ok(None);
    };
    let corrupt = |what: String| StorageError::Corrupt(format!("signups {}: {what}", signup.0));
    Ok(Some(Facts {
        status: from_text("signups.status", &status)?,
        window: ShiftWindow::new(timestamp(starts_at)?, timestamp(ends_at)?)
            .map_err(|e| corrupt(e.to_owned()))?,
        point: Coordinate::new(lat, lon).map_err(|e| corrupt(e.to_owned()))?,
        code_secret: secret.ok_or_else(|| corrupt("point without a code secret".into()))?,
    }))
}

pub(super) async fn attendance_of(
    conn: &mut SqliteConnection,
    signup: SignupId,
) -> StorageResult<Option<AttendanceView>> {
    type Row = (i64, Option<i64>, String, i64, String, bool);
    let row: Option<Row> = sqlx::query_as(
        "SELECT checked_in_at, checked_out_at, check_in_method, minutes, status, auto_closed \
         FROM attendance WHERE signup_id = ?",
    )
    .bind(signup.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((checked_in, checked_out, method, minutes, status, auto_closed)) = row else {
        return Ok(None);
    };
    Ok(Some(AttendanceView {
        checked_in_at: timestamp(checked_in)?,
        checked_out_at: checked_out.map(timestamp).transpose()?,
        method: from_text("attendance.check_in_method", &method)?,
        minutes: super::rows::minutes(minutes),
        status: from_text("attendance.status", &status)?,
        auto_closed,
    }))
}

/// Wrong codes allowed per sign-up in [`WRONG_CODE_WINDOW_MINUTES`]: six digits can
/// otherwise be guessed by brute force within one shift.
const MAX_WRONG_CODES: i64 = 5;
const WRONG_CODE_WINDOW_MINUTES: i64 = 10;

async fn recent_wrong_codes(
    conn: &mut SqliteConnection,
    signup: SignupId,
    now: DateTime<Utc>,
) -> StorageResult<i64> {
    let since = now - Duration::minutes(WRONG_CODE_WINDOW_MINUTES);
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM wrong_check_in_codes WHERE signup_id = ? AND at > ?")
            .bind(signup.0)
            .bind(since.timestamp())
            .fetch_one(&mut *conn)
            .await?;
    Ok(count)
}

pub(super) async fn check_in(
    conn: &mut SqliteConnection,
    volunteer: VolunteerId,
    signup: SignupId,
    proof: &CheckIn,
    radius_m: f64,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(facts) = facts(conn, volunteer, signup).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if attendance_of(conn, signup).await?.is_some() {
        return Ok(Ok(signup_view(conn, signup).await?));
    }
    if facts.status != SignupStatus::Confirmed {
        return Ok(Err(Refusal::Rule(ErrorCode::NotConfirmed)));
    }
    if let Err(code) = check_in_window(facts.window, now) {
        return Ok(Err(Refusal::Rule(code)));
    }
    let method = match proof {
        CheckIn::RotatingCode { .. }
            if recent_wrong_codes(conn, signup, now).await? >= MAX_WRONG_CODES =>
        {
            return Ok(Err(Refusal::Rule(ErrorCode::TooManyWrongCodes)));
        }
        CheckIn::RotatingCode { code } if rotating_code::accepts(&facts.code_secret, code, now) => {
            CheckInMethod::RotatingCode
        }
        CheckIn::RotatingCode { .. } => {
            sqlx::query("INSERT INTO wrong_check_in_codes (signup_id, at) VALUES (?, ?)")
                .bind(signup.0)
                .bind(now.timestamp())
                .execute(&mut *conn)
                .await?;
            return Ok(Err(Refusal::Rule(ErrorCode::WrongCode)));
        }
        CheckIn::Location { location } if location.distance_m(facts.point) <= radius_m => {
            CheckInMethod::Location
        }
        CheckIn::Location { .. } => return Ok(Err(Refusal::Rule(ErrorCode::TooFarFromPoint))),
    };
    sqlx::query(
        "INSERT INTO attendance (signup_id, checked_in_at, check_in_method, minutes, status) \
         VALUES (?, ?, ?, 0, 'pending')",
    )
    .bind(signup.0)
    .bind(now.timestamp())
    .bind(to_text(&method))
    .execute(&mut *conn)
    .await?;
    Ok(Ok(signup_view(conn, signup).await?))
}

pub(super) async fn check_out(
    conn: &mut SqliteConnection,
    volunteer: VolunteerId,
    signup: SignupId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(facts) = facts(conn, volunteer, signup).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let Some(attendance) = attendance_of(conn, signup).await? else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotCheckedIn)));
    };
    if attendance.checked_out_at.is_none() {
        let served = facts.window.served_minutes(attendance.checked_in_at, now);
        sqlx::query("UPDATE attendance SET checked_out_at = ?, minutes = ? WHERE signup_id = ?")
            .bind(now.timestamp())
            .bind(i64::try_from(served.0).unwrap_or(i64::MAX))
            .bind(signup.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(Ok(signup_view(conn, signup).await?))
}

pub(super) async fn close_forgotten(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let ended_before = now - Duration::minutes(CHECK_OUT_GRACE_MINUTES);
    // Served time runs from the later of check-in and start to the shift's end.
    let closed = sqlx::query(
        "UPDATE attendance SET auto_closed = 1, \
             checked_out_at = (SELECT MAX(sh.ends_at, attendance.checked_in_at) \
                               FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
                               WHERE s.id = attendance.signup_id), \
             minutes = (SELECT MAX(0, (sh.ends_at - MAX(attendance.checked_in_at, sh.starts_at)) / 60) \
                        FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
                        WHERE s.id = attendance.signup_id) \
         WHERE checked_out_at IS NULL AND signup_id IN \
             (SELECT s.id FROM signups s JOIN shifts sh ON sh.id = s.shift_id WHERE sh.ends_at < ?)",
    )
    .bind(ended_before.timestamp())
    .execute(&mut *conn)
    .await?;
    Ok(closed.rows_affected())
}
