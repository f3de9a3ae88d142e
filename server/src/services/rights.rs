//! A volunteer's rights over their personal information: correcting it, and erasure,
//! at their own request, at a request made to staff at a point, or by the retention
//! limit. Erasure anonymises: upcoming sign-ups are given up (their places go to the
//! waitlist), the name, number, personal link, consent, skills and trainings are
//! erased, and the minutes served stay in the figures without an identity.

use super::signups::promote_from_waitlist;
use crate::storage::{Outcome, Refusal, StorageResult, Store, VolunteerId, WriteTx};
use chrono::{DateTime, Utc};
use huli_contract::traditional::to_traditional;
use huli_contract::{
    AuditAction, Erased, ErasureRequest, ErrorCode, Problem, Profile, SignupStatus, StaffAccount,
    VolunteerName, VolunteerNumber,
};
use serde_json::json;

/// Replaces the volunteer's name, team and skills with their corrections.
pub async fn correct_profile(
    store: &dyn Store,
    volunteer: VolunteerId,
    profile: &Profile,
) -> StorageResult<Outcome<()>> {
    let mut tx = store.begin_write().await?;
    if tx.volunteer_phone(volunteer).await?.is_none() {
        return Ok(Err(Refusal::NotFound));
    }
    if let Some(team) = profile.team_id
        && !tx.team_exists(team).await?
    {
        return Ok(Err(Refusal::Field("team_id".into(), Problem::NotOnTheList)));
    }
    // A volunteer reading Traditional characters was shown their name converted, and the
    // form sends it back with whatever they did correct: it is the same name, kept as it
    // was written. (A name typed anew in other characters is a correction.)
    let mut profile = profile.clone();
    if let Some(stored) = tx.volunteer_name(volunteer).await?
        && stored != profile.name.as_str()
        && to_traditional(&stored) == profile.name.as_str()
        && let Ok(as_written) = VolunteerName::parse(&stored)
    {
        profile.name = as_written;
    }
    tx.set_profile(volunteer, &profile).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Withdraws the volunteer's consent and erases them, once they typed the last four
/// digits of their number to confirm.
pub async fn erase_own(
    store: &dyn Store,
    volunteer: VolunteerId,
    confirmation: &ErasureRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Erased>> {
    let mut tx = store.begin_write().await?;
    let Some(phone) = tx.volunteer_phone(volunteer).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if let Err(problem) = confirmation.confirms(&phone) {
        return Ok(Err(Refusal::Field("phone_last_digits".into(), problem)));
    }
    let erased = erase_in(&mut *tx, volunteer, now).await?;
    tx.commit().await?;
    Ok(Ok(erased))
}

/// Erases a volunteer who asked staff at a point: an administrator, or a coordinator
/// for a volunteer it sees. The audit log says who did it, never whom by name.
pub async fn erase_at_request(
    store: &dyn Store,
    by: &StaffAccount,
    volunteer: VolunteerNumber,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<Erased>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    let mut tx = store.begin_write().await?;
    if !tx.volunteer_visible(only_unit, volunteer).await? {
        return Ok(Err(Refusal::NotFound));
    }
    let erased = erase_in(&mut *tx, volunteer.into(), now).await?;
    let change = super::entry(
        AuditAction::VolunteerErase,
        format!("volunteer/{volunteer}"),
        only_unit,
        None,
        Some(json!({ "cancelled_signups": erased.cancelled_signups })),
    );
    tx.record_audit(by, change, now).await?;
    tx.commit().await?;
    Ok(Ok(erased))
}

/// How many volunteers one statement erases: few enough for any database's limit on
/// parameters, so that a backlog never holds the write lock for long.
const RETENTION_BATCH: u32 = 500;

/// Erases every volunteer whose last shift (or, without one, registration) ended
/// before `cutoff`; returns how many. By that rule none holds an upcoming sign-up.
pub async fn erase_past_retention(
    store: &dyn Store,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StorageResult<u32> {
    let mut erased = 0;
    loop {
        let mut tx = store.begin_write().await?;
        let due = tx.volunteers_unseen_since(cutoff, RETENTION_BATCH).await?;
        tx.erase_volunteers(&due, now).await?;
        tx.commit().await?;
        erased += due.len() as u32;
        if due.len() < RETENTION_BATCH as usize {
            return Ok(erased);
        }
    }
}

/// Gives up the volunteer's upcoming sign-ups for shifts and training sessions, their
/// places going to the waitlist, and erases them.
async fn erase_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    now: DateTime<Utc>,
) -> StorageResult<Erased> {
    let held = tx.held_signups(volunteer, now).await?;
    for signup in &held {
        tx.set_signup_status(signup.id, SignupStatus::Cancelled)
            .await?;
        if signup.status == SignupStatus::Confirmed {
            promote_from_waitlist(tx, signup.shift).await?;
        }
    }
    let trainings = super::training_sessions::give_up_all(tx, volunteer, now).await?;
    tx.erase_volunteers(&[volunteer], now).await?;
    Ok(Erased {
        erased_at: now,
        cancelled_signups: held.len() as u32 + trainings,
    })
}
