//! The rows of registration, sign-up and cancellation, and the stored answers of
//! idempotent writes. The rules are in `crate::services::signups`; the capacity
//! triggers in the schema stand behind them.

use super::rows::{SHIFT_VIEW_COLUMNS, ShiftViewRow, from_text, to_text};
use crate::storage::{
    IdempotentRequest, KeyHash, StorageError, StorageResult, StoredAnswer, VolunteerId,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use huli_contract::{
    PhoneNumber, Registration, ShiftId, ShiftView, ShiftWindow, SignupId, SignupStatus, SignupView,
    Skill, TeamId, Training,
};
use sqlx::AnyConnection;

/// How long a first answer is kept for retries: far longer than any client retries.
const IDEMPOTENCY_RETENTION_HOURS: i64 = 24;

pub(super) async fn stored_answer(
    conn: &mut AnyConnection,
    request: &IdempotentRequest,
) -> StorageResult<Option<StoredAnswer>> {
    let stored: Option<(Vec<u8>, String)> = sqlx::query_as(
        "SELECT fingerprint, outcome FROM idempotency_keys WHERE scope = $1 AND key = $2",
    )
    .bind(&request.scope)
    .bind(request.key.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(stored.map(|(fingerprint, outcome)| StoredAnswer {
        fingerprint,
        outcome,
    }))
}

pub(super) async fn store_answer(
    conn: &mut AnyConnection,
    request: &IdempotentRequest,
    outcome: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, outcome, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&request.scope)
    .bind(request.key.as_str())
    .bind(&request.fingerprint[..])
    .bind(outcome)
    .bind(now.timestamp())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Forgets first answers older than the retention, off the write path.
pub(super) async fn forget_expired_answers(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let expired = now - Duration::hours(IDEMPOTENCY_RETENTION_HOURS);
    let forgotten = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(expired.timestamp())
        .execute(&mut *conn)
        .await?;
    Ok(forgotten.rows_affected())
}

pub(super) async fn team_exists(conn: &mut AnyConnection, team: TeamId) -> StorageResult<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM teams WHERE id = $1")
        .bind(team.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

pub(super) async fn volunteer_with_phone(
    conn: &mut AnyConnection,
    phone: &PhoneNumber,
) -> StorageResult<Option<VolunteerId>> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM volunteers WHERE phone = $1")
        .bind(phone.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.map(|(id,)| VolunteerId(id)))
}

pub(super) async fn insert_volunteer(
    conn: &mut AnyConnection,
    registration: &Registration,
    key_hash: &KeyHash,
    now: DateTime<Utc>,
) -> StorageResult<VolunteerId> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO volunteers (name, phone, team_id, registered_at, access_key_hash, \
                                 consent_version, consented_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(registration.name.as_str())
    .bind(registration.phone.as_str())
    .bind(registration.team_id.map(|team| team.0))
    .bind(now.timestamp())
    .bind(&key_hash[..])
    .bind(registration.consent_version)
    .bind(now.timestamp())
    .fetch_one(&mut *conn)
    .await?;
    insert_skills(conn, VolunteerId(id), &registration.skills).await?;
    Ok(VolunteerId(id))
}

pub(super) async fn insert_skills(
    conn: &mut AnyConnection,
    volunteer: VolunteerId,
    skills: &[Skill],
) -> StorageResult<()> {
    for skill in skills {
        sqlx::query("INSERT INTO volunteer_skills (volunteer_id, skill) VALUES ($1, $2)")
            .bind(volunteer.0)
            .bind(to_text(skill))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(super) async fn shift_view(
    conn: &mut AnyConnection,
    id: ShiftId,
) -> StorageResult<Option<ShiftView>> {
    let row: Option<ShiftViewRow> =
        sqlx::query_as(&format!("SELECT {SHIFT_VIEW_COLUMNS} WHERE sh.id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(ShiftViewRow::into_view).transpose()
}

/// The trainings on the volunteer's record that are valid on `day`.
pub(super) async fn trainings_valid_on(
    conn: &mut AnyConnection,
    volunteer: VolunteerId,
    day: NaiveDate,
) -> StorageResult<Vec<Training>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT training FROM volunteer_trainings WHERE volunteer_id = $1 \
         AND (expires_on IS NULL OR expires_on >= $2) ORDER BY training",
    )
    .bind(volunteer.0)
    .bind(day.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|(t,)| from_text("volunteer_trainings.training", t))
        .collect()
}

/// One sign-up as its volunteer sees it, with its place on the waitlist.
pub(super) async fn signup_view(
    conn: &mut AnyConnection,
    id: SignupId,
) -> StorageResult<SignupView> {
    let (shift_id, status, created_at): (i64, String, i64) =
        sqlx::query_as("SELECT shift_id, status, created_at FROM signups WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await?;
    let status: SignupStatus = from_text("signups.status", &status)?;
    let waitlist_position = if status == SignupStatus::Waitlisted {
        let (ahead,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM signups WHERE shift_id = $1 AND status = 'waitlisted' \
             AND (created_at < $2 OR (created_at = $2 AND id <= $3))",
        )
        .bind(shift_id)
        .bind(created_at)
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await?;
        Some(u32::try_from(ahead).unwrap_or(u32::MAX))
    } else {
        None
    };
    let shift = shift_view(conn, ShiftId(shift_id))
        .await?
        .ok_or_else(|| StorageError::Corrupt(format!("signups {}: no shift", id.0)))?;
    Ok(SignupView {
        id,
        status,
        waitlist_position,
        shift,
        attendance: super::attendance::attendance_of(conn, id).await?,
    })
}

pub(super) async fn holds_overlapping_shift(
    conn: &mut AnyConnection,
    volunteer: VolunteerId,
    other_than: ShiftId,
    window: ShiftWindow,
) -> StorageResult<bool> {
    let overlapping: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         WHERE s.volunteer_id = $1 AND s.status IN ('confirmed', 'waitlisted') AND sh.id <> $2 \
           AND sh.starts_at < $3 AND sh.ends_at > $4 LIMIT 1",
    )
    .bind(volunteer.0)
    .bind(other_than.0)
    .bind(window.ends_at().timestamp())
    .bind(window.starts_at().timestamp())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(overlapping.is_some())
}

pub(super) async fn upcoming_signups(
    conn: &mut AnyConnection,
    volunteer: VolunteerId,
    now: DateTime<Utc>,
) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         WHERE s.volunteer_id = $1 AND s.status IN ('confirmed', 'waitlisted') AND sh.starts_at > $2",
    )
    .bind(volunteer.0)
    .bind(now.timestamp())
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

pub(super) async fn signup_for_shift(
    conn: &mut AnyConnection,
    volunteer: VolunteerId,
    shift: ShiftId,
) -> StorageResult<Option<(SignupId, SignupStatus)>> {
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM signups WHERE shift_id = $1 AND volunteer_id = $2")
            .bind(shift.0)
            .bind(volunteer.0)
            .fetch_optional(&mut *conn)
            .await?;
    found
        .map(|(id, status)| Ok((SignupId(id), from_text("signups.status", &status)?)))
        .transpose()
}

pub(super) async fn insert_signup(
    conn: &mut AnyConnection,
    volunteer: VolunteerId,
    shift: ShiftId,
    status: SignupStatus,
    now: DateTime<Utc>,
) -> StorageResult<SignupId> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO signups (shift_id, volunteer_id, status, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(shift.0)
    .bind(volunteer.0)
    .bind(to_text(&status))
    .bind(now.timestamp())
    .fetch_one(&mut *conn)
    .await?;
    Ok(SignupId(id))
}

pub(super) async fn delete_signup(conn: &mut AnyConnection, id: SignupId) -> StorageResult<()> {
    sqlx::query("DELETE FROM signups WHERE id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn set_signup_status(
    conn: &mut AnyConnection,
    id: SignupId,
    status: SignupStatus,
) -> StorageResult<()> {
    sqlx::query("UPDATE signups SET status = $1 WHERE id = $2")
        .bind(to_text(&status))
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn first_waitlisted(
    conn: &mut AnyConnection,
    shift: ShiftId,
) -> StorageResult<Option<SignupId>> {
    let first: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM signups WHERE shift_id = $1 AND status = 'waitlisted' \
         ORDER BY created_at, id LIMIT 1",
    )
    .bind(shift.0)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(first.map(|(id,)| SignupId(id)))
}
