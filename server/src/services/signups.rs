//! Registration, sign-up and cancellation. Each reads the facts and writes in one
//! transaction, so two requests can never both take the last place; the database's
//! capacity guards stand behind this.

use super::{held, idempotent, own_signup};
use crate::storage::{
    IdempotentRequest, KeyHash, Outcome, Refusal, StorageResult, Store, VolunteerId, WriteTx,
};
use chrono::{DateTime, Utc};
use huli_contract::{
    ErrorCode, Problem, Registration, ShiftId, SignerFacts, SignupId, SignupStatus, SignupView,
    cancel_deadline, decide_signup, huli_date,
};

/// What registering did. The caller answers both alike, so that registration cannot
/// be used to learn whether a mobile number is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Enrolment {
    New(VolunteerId),
    /// The number was registered already: nothing was written, and the new personal
    /// link opens nothing (its owner asks staff at a point for their link).
    NumberKnown,
}

/// Registers a volunteer whose personal link key has `key_hash`. A retry with the same
/// idempotency key answers as the first time did.
pub async fn register(
    store: &dyn Store,
    registration: &Registration,
    key_hash: &KeyHash,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Enrolment>> {
    // The write outlives any borrow the handler holds.
    let (registration, key_hash) = (registration.clone(), *key_hash);
    idempotent(store, request, now, move |tx| {
        Box::pin(async move { register_in(tx, &registration, &key_hash, now).await })
    })
    .await
}

async fn register_in(
    tx: &mut dyn WriteTx,
    registration: &Registration,
    key_hash: &KeyHash,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Enrolment>> {
    if let Some(team) = registration.team_id
        && !tx.team_exists(team).await?
    {
        return Ok(Err(Refusal::Field("team_id".into(), Problem::NotOnTheList)));
    }
    if tx
        .volunteer_with_phone(&registration.phone)
        .await?
        .is_some()
    {
        return Ok(Ok(Enrolment::NumberKnown));
    }
    let id = tx.insert_volunteer(registration, key_hash, now).await?;
    Ok(Ok(Enrolment::New(id)))
}

/// Signs a volunteer up for a shift under the rules of `huli_contract::decide_signup`.
/// Signing up again for the same shift is the same sign-up.
pub async fn sign_up(
    store: &dyn Store,
    volunteer: VolunteerId,
    shift: ShiftId,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    idempotent(store, request, now, move |tx| {
        Box::pin(sign_up_in(tx, volunteer, shift, now))
    })
    .await
}

async fn sign_up_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    shift_id: ShiftId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(shift) = tx.shift(shift_id).await? else {
        return Ok(Err(Refusal::Field(
            "shift_id".into(),
            Problem::NotOnTheList,
        )));
    };
    let existing = tx.signup_for_shift(volunteer, shift_id).await?;
    if let Some((id, status)) = existing
        && status != SignupStatus::Cancelled
    {
        return Ok(Ok(tx.signup_view(id).await?));
    }
    let shift_day = huli_date(shift.window.starts_at());
    let trainings = tx.trainings_valid_on(volunteer, shift_day).await?;
    let held = held(tx, volunteer, shift.window, (Some(shift_id), None), now).await?;
    let signer = SignerFacts {
        trainings: &trainings,
        holds_overlapping_shift: held.overlapping,
        upcoming_signups: held.upcoming,
    };
    let status = match decide_signup(&shift.facts(), &signer, now) {
        Ok(status) => status,
        Err(code) => return Ok(Err(Refusal::Rule(code))),
    };
    if let Some((cancelled, _)) = existing {
        // Taken up again after a cancellation: a new sign-up joins the back of the queue.
        tx.delete_signup(cancelled).await?;
    }
    let id = tx.insert_signup(volunteer, shift_id, status, now).await?;
    Ok(Ok(tx.signup_view(id).await?))
}

/// Cancels one of the volunteer's sign-ups, up to the deadline before its shift. A freed
/// place goes to the first on the waitlist in the same transaction. Cancelling a
/// cancelled sign-up changes nothing.
pub async fn cancel(
    store: &dyn Store,
    volunteer: VolunteerId,
    signup: SignupId,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    idempotent(store, request, now, move |tx| {
        Box::pin(cancel_in(tx, volunteer, signup, now))
    })
    .await
}

async fn cancel_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    signup: SignupId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SignupView>> {
    let Some(facts) = own_signup(tx, volunteer, signup).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if facts.status == SignupStatus::Cancelled {
        return Ok(Ok(tx.signup_view(signup).await?));
    }
    if now >= facts.window.starts_at() {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftStarted)));
    }
    if now >= cancel_deadline(facts.window) {
        return Ok(Err(Refusal::Rule(ErrorCode::CancelDeadlinePassed)));
    }
    tx.set_signup_status(signup, SignupStatus::Cancelled)
        .await?;
    if facts.status == SignupStatus::Confirmed {
        promote_from_waitlist(tx, facts.shift).await?;
    }
    Ok(Ok(tx.signup_view(signup).await?))
}

/// The first in line takes a freed place, if the shift (its capacity perhaps lowered
/// since) really has one.
pub(super) async fn promote_from_waitlist(
    tx: &mut dyn WriteTx,
    shift: ShiftId,
) -> StorageResult<()> {
    let has_place = tx.shift(shift).await?.is_some_and(|s| s.places_left() > 0);
    if has_place && let Some(first) = tx.first_waitlisted(shift).await? {
        tx.set_signup_status(first, SignupStatus::Confirmed).await?;
    }
    Ok(())
}
