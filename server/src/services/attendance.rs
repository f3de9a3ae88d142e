//! Checking in and out. Minutes are the part of the attendance inside the shift's
//! window, and stay pending until the organiser reviews them.

use super::{idempotent, own_signup};
use crate::rotating_code;
use crate::storage::{
    IdempotentRequest, Outcome, Refusal, StorageResult, Store, VolunteerId, WriteTx,
};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    CheckIn, CheckInMethod, ErrorCode, SignupId, SignupStatus, SignupView, check_in_window,
};

/// Wrong codes allowed per sign-up in [`WRONG_CODE_WINDOW_MINUTES`]: six digits can
/// otherwise be guessed by brute force within one shift.
const MAX_WRONG_CODES: u32 = 5;
const WRONG_CODE_WINDOW_MINUTES: i64 = 10;

/// Checks a volunteer in on a confirmed sign-up, by the point's rotating code or by the
/// phone's location within `radius_m` of the point. Checking in twice is the first
/// check-in.
pub async fn check_in(
    store: &dyn Store,
    volunteer: VolunteerId,
    signup: SignupId,
    proof: &CheckIn,
    radius_m: f64,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    // The write outlives any borrow the handler holds.
    let proof = proof.clone();
    idempotent(store, request, now, move |tx| {
        Box::pin(async move { check_in_in(tx, volunteer, signup, &proof, radius_m, now).await })
    })
    .await
}

async fn check_in_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    signup: SignupId,
    proof: &CheckIn,
    radius_m: f64,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(facts) = own_signup(tx, volunteer, signup).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if tx.attendance(signup).await?.is_some() {
        return Ok(Ok(tx.signup_view(signup).await?));
    }
    if facts.status != SignupStatus::Confirmed {
        return Ok(Err(Refusal::Rule(ErrorCode::NotConfirmed)));
    }
    if let Err(code) = check_in_window(facts.window, now) {
        return Ok(Err(Refusal::Rule(code)));
    }
    let method = match proof {
        CheckIn::RotatingCode { code } => {
            let since = now - Duration::minutes(WRONG_CODE_WINDOW_MINUTES);
            if tx.wrong_codes_since(signup, since).await? >= MAX_WRONG_CODES {
                return Ok(Err(Refusal::Rule(ErrorCode::TooManyWrongCodes)));
            }
            if !rotating_code::accepts(&facts.code_secret, code, now) {
                tx.record_wrong_code(signup, now).await?;
                return Ok(Err(Refusal::Rule(ErrorCode::WrongCode)));
            }
            CheckInMethod::RotatingCode
        }
        CheckIn::Location { location } if location.distance_m(facts.point) <= radius_m => {
            CheckInMethod::Location
        }
        CheckIn::Location { .. } => return Ok(Err(Refusal::Rule(ErrorCode::TooFarFromPoint))),
    };
    tx.insert_check_in(signup, method, now).await?;
    Ok(Ok(tx.signup_view(signup).await?))
}

/// Checks out: the minutes served inside the shift's window wait for review. Checking
/// out again changes nothing.
pub async fn check_out(
    store: &dyn Store,
    volunteer: VolunteerId,
    signup: SignupId,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    idempotent(store, request, now, move |tx| {
        Box::pin(check_out_in(tx, volunteer, signup, now))
    })
    .await
}

async fn check_out_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    signup: SignupId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(facts) = own_signup(tx, volunteer, signup).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let Some(attendance) = tx.attendance(signup).await?.map(|record| record.view) else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotCheckedIn)));
    };
    if attendance.checked_out_at.is_none() {
        let served = facts.window.served_minutes(attendance.checked_in_at, now);
        tx.set_check_out(signup, now, served).await?;
    }
    Ok(Ok(tx.signup_view(signup).await?))
}
