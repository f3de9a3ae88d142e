//! Registration, sign-up and cancellation: each runs inside one `BEGIN IMMEDIATE`
//! transaction that reads the facts, applies the contract's rules and writes, so two
//! requests can never both take the last place. The capacity triggers in the schema
//! stand behind this.

use super::rows::{SHIFT_VIEW_COLUMNS, ShiftViewRow, from_text, timestamp, to_text};
use crate::storage::{
    IdempotentRequest, KeyHash, Outcome, Refusal, StorageError, StorageResult, VolunteerId,
};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    ErrorCode, Problem, Registration, ShiftFacts, ShiftId, ShiftView, SignerFacts, SignupId,
    SignupStatus, SignupView, Training, cancel_deadline, decide_signup,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;

/// How long a first answer is kept for retries: far longer than any client retries.
const IDEMPOTENCY_RETENTION_HOURS: i64 = 24;

/// The first answer to this request, if it was made before; a refusal if its key came
/// with another request.
pub(super) async fn replay<T: DeserializeOwned>(
    conn: &mut SqliteConnection,
    request: &IdempotentRequest,
) -> StorageResult<Option<Outcome<T>>> {
    let stored: Option<(Vec<u8>, String)> = sqlx::query_as(
        "SELECT fingerprint, outcome FROM idempotency_keys WHERE scope = ? AND key = ?",
    )
    .bind(&request.scope)
    .bind(request.key.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    match stored {
        None => Ok(None),
        Some((fingerprint, _)) if fingerprint != request.fingerprint => {
            Ok(Some(Err(Refusal::Rule(ErrorCode::IdempotencyKeyReused))))
        }
        Some((_, outcome)) => serde_json::from_str(&outcome)
            .map(Some)
            .map_err(|e| StorageError::Corrupt(format!("idempotency_keys.outcome: {e}"))),
    }
}

/// Keeps the answer for retries, in the transaction that made it.
pub(super) async fn remember<T: Serialize>(
    conn: &mut SqliteConnection,
    request: &IdempotentRequest,
    outcome: &Outcome<T>,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let outcome = serde_json::to_string(outcome).expect("outcomes serialise");
    sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, outcome, created_at) \
         VALUES (?, ?, ?, ?, ?)",
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
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let expired = now - Duration::hours(IDEMPOTENCY_RETENTION_HOURS);
    let forgotten = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?")
        .bind(expired.timestamp())
        .execute(&mut *conn)
        .await?;
    Ok(forgotten.rows_affected())
}

pub(super) async fn register(
    conn: &mut SqliteConnection,
    registration: &Registration,
    key_hash: &KeyHash,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<VolunteerId>> {
    if let Some(team_id) = registration.team_id {
        let team: Option<(i64,)> = sqlx::query_as("SELECT id FROM teams WHERE id = ?")
            .bind(team_id.0)
            .fetch_optional(&mut *conn)
            .await?;
        if team.is_none() {
            return Ok(Err(Refusal::Field("team_id".into(), Problem::NotOnTheList)));
        }
    }
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM volunteers WHERE phone = ?")
        .bind(registration.phone.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Ok(Err(Refusal::Field(
            "phone".into(),
            Problem::AlreadyRegistered,
        )));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO volunteers (name, phone, team_id, registered_at, access_key_hash, \
                                 consent_version, consented_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
    for skill in &registration.skills {
        sqlx::query("INSERT INTO volunteer_skills (volunteer_id, skill) VALUES (?, ?)")
            .bind(id)
            .bind(to_text(skill))
            .execute(&mut *conn)
            .await?;
    }
    Ok(Ok(VolunteerId(id)))
}

pub(super) async fn shift_view(
    conn: &mut SqliteConnection,
    id: ShiftId,
) -> StorageResult<Option<ShiftView>> {
    let row: Option<ShiftViewRow> =
        sqlx::query_as(&format!("SELECT {SHIFT_VIEW_COLUMNS} WHERE sh.id = ?"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(ShiftViewRow::into_view).transpose()
}

pub(super) async fn trainings(
    conn: &mut SqliteConnection,
    volunteer: VolunteerId,
) -> StorageResult<Vec<Training>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT training FROM volunteer_trainings WHERE volunteer_id = ? ORDER BY training",
    )
    .bind(volunteer.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|(t,)| from_text("volunteer_trainings.training", t))
        .collect()
}

/// One sign-up as its volunteer sees it, with its place on the waitlist.
pub(super) async fn signup_view(
    conn: &mut SqliteConnection,
    id: SignupId,
) -> StorageResult<SignupView> {
    let (shift_id, status, created_at): (i64, String, i64) =
        sqlx::query_as("SELECT shift_id, status, created_at FROM signups WHERE id = ?")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await?;
    let status: SignupStatus = from_text("signups.status", &status)?;
    let waitlist_position = if status == SignupStatus::Waitlisted {
        let (ahead,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM signups WHERE shift_id = ?1 AND status = 'waitlisted' \
             AND (created_at < ?2 OR (created_at = ?2 AND id <= ?3))",
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

pub(super) async fn sign_up(
    conn: &mut SqliteConnection,
    volunteer: VolunteerId,
    shift_id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(shift) = shift_view(conn, shift_id).await? else {
        return Ok(Err(Refusal::Field(
            "shift_id".into(),
            Problem::NotOnTheList,
        )));
    };
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM signups WHERE shift_id = ? AND volunteer_id = ?")
            .bind(shift_id.0)
            .bind(volunteer.0)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((id, status)) = &existing
        && status != "cancelled"
    {
        // Signing up twice for the same shift is the same sign-up.
        return Ok(Ok(signup_view(conn, SignupId(*id)).await?));
    }
    let trainings = trainings(conn, volunteer).await?;
    let (overlapping,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         WHERE s.volunteer_id = ? AND s.status IN ('confirmed', 'waitlisted') AND sh.id <> ? \
           AND sh.starts_at < ? AND sh.ends_at > ?)",
    )
    .bind(volunteer.0)
    .bind(shift_id.0)
    .bind(shift.window.ends_at().timestamp())
    .bind(shift.window.starts_at().timestamp())
    .fetch_one(&mut *conn)
    .await?;
    let signer = SignerFacts {
        trainings: &trainings,
        holds_overlapping_shift: overlapping,
    };
    let facts: ShiftFacts = shift.facts();
    let status = match decide_signup(&facts, &signer, now) {
        Ok(status) => to_text(&status),
        Err(code) => return Ok(Err(Refusal::Rule(code))),
    };
    if let Some((cancelled, _)) = existing {
        // Taken up again after a cancellation: a new row joins the back of the queue.
        sqlx::query("DELETE FROM signups WHERE id = ?")
            .bind(cancelled)
            .execute(&mut *conn)
            .await?;
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO signups (shift_id, volunteer_id, status, created_at) \
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(shift_id.0)
    .bind(volunteer.0)
    .bind(&status)
    .bind(now.timestamp())
    .fetch_one(&mut *conn)
    .await?;
    Ok(Ok(signup_view(conn, SignupId(id)).await?))
}

pub(super) async fn cancel(
    conn: &mut SqliteConnection,
    volunteer: VolunteerId,
    signup: SignupId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let found: Option<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.status, s.shift_id, sh.starts_at, sh.ends_at \
         FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         WHERE s.id = ? AND s.volunteer_id = ?",
    )
    .bind(signup.0)
    .bind(volunteer.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, shift_id, starts_at, ends_at)) = found else {
        return Ok(Err(Refusal::NotFound));
    };
    let status: SignupStatus = from_text("signups.status", &status)?;
    if status == SignupStatus::Cancelled {
        return Ok(Ok(signup_view(conn, signup).await?));
    }
    let window = huli_contract::ShiftWindow::new(timestamp(starts_at)?, timestamp(ends_at)?)
        .map_err(|e| StorageError::Corrupt(format!("shifts {shift_id}: {e}")))?;
    if now >= window.starts_at() {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftStarted)));
    }
    if now >= cancel_deadline(window) {
        return Ok(Err(Refusal::Rule(ErrorCode::CancelDeadlinePassed)));
    }
    sqlx::query("UPDATE signups SET status = 'cancelled' WHERE id = ?")
        .bind(signup.0)
        .execute(&mut *conn)
        .await?;
    if status == SignupStatus::Confirmed {
        // The first in line takes the freed place, if the shift (its capacity perhaps
        // lowered since) really has one.
        sqlx::query(
            "UPDATE signups SET status = 'confirmed' WHERE id = \
             (SELECT id FROM signups WHERE shift_id = ?1 AND status = 'waitlisted' \
              ORDER BY created_at, id LIMIT 1) \
             AND (SELECT COUNT(*) FROM signups WHERE shift_id = ?1 AND status = 'confirmed') \
                 < (SELECT capacity FROM shifts WHERE id = ?1)",
        )
        .bind(shift_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Ok(signup_view(conn, signup).await?))
}
