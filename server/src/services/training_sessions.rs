//! Training sessions: staff schedule them; volunteers sign up and cancel under the
//! rules every place keeps (`huli_contract::decide_place`), counted together with their
//! shifts; attendance the organiser marks puts the training on the volunteer's record.

use super::records::staff_change;
use super::{held, idempotent};
use crate::storage::{
    IdempotentRequest, Outcome, Refusal, StorageResult, Store, TrainingOnRecord,
    TrainingSignupFacts, VolunteerId, WriteTx,
};
use chrono::{DateTime, Utc};
use huli_contract::{
    AuditAction, ErrorCode, NewTrainingSession, Problem, SignerFacts, SignupStatus, StaffAccount,
    Training, TrainingRoster, TrainingSessionId, TrainingSessionView, TrainingSignupId,
    TrainingSignupView, VolunteerNumber, cancel_deadline, decide_place, huli_date,
};
use serde_json::json;

/// Schedules a session, for an administrator or the coordinator of its organiser unit.
pub async fn schedule(
    store: &dyn Store,
    by: &StaffAccount,
    session: &NewTrainingSession,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TrainingSessionView>> {
    if !by.role.may_manage_unit(session.organiser_unit_id) {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    }
    let mut tx = store.begin_write().await?;
    if !tx.unit_exists(session.organiser_unit_id).await? {
        let field = "organiser_unit_id".to_owned();
        return Ok(Err(Refusal::Field(field, Problem::NotOnTheList)));
    }
    let id = tx.insert_training_session(session, by.id, now).await?;
    let view = tx
        .training_session(id)
        .await?
        .expect("the session was just written");
    let after = json!({
        "training": view.training,
        "window": view.window,
        "place": view.place,
        "trainer": view.trainer,
        "capacity": view.capacity,
        "valid_years": view.valid_years,
    });
    let mut change = staff_change(
        by,
        AuditAction::TrainingSessionSchedule,
        format!("training_session/{}", id.0),
        Some(after),
    );
    change.unit = Some(session.organiser_unit_id);
    tx.record_audit(by, change, now).await?;
    tx.commit().await?;
    Ok(Ok(view))
}

/// Signs the volunteer up for a session: a place, a place on the waitlist, or the rule
/// that refuses. Signing up again for the same session is the same sign-up.
pub async fn sign_up(
    store: &dyn Store,
    volunteer: VolunteerId,
    session: TrainingSessionId,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TrainingSignupView>> {
    idempotent(store, request, now, move |tx| {
        Box::pin(sign_up_in(tx, volunteer, session, now))
    })
    .await
}

async fn sign_up_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    session_id: TrainingSessionId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TrainingSignupView>> {
    let Some(session) = tx.training_session(session_id).await? else {
        let field = "session_id".to_owned();
        return Ok(Err(Refusal::Field(field, Problem::NotOnTheList)));
    };
    let existing = tx.training_signup_for(volunteer, session_id).await?;
    if let Some((id, status)) = existing
        && status != SignupStatus::Cancelled
    {
        return Ok(Ok(tx.training_signup_view(id).await?));
    }
    let window = session.window;
    let held = held(tx, volunteer, window, (None, Some(session_id)), now).await?;
    let signer = SignerFacts {
        trainings: &[],
        holds_overlapping_shift: held.overlapping,
        upcoming_signups: held.upcoming,
    };
    let status = match decide_place(&session.facts(), &signer, now) {
        Ok(status) => status,
        Err(code) => return Ok(Err(Refusal::Rule(code))),
    };
    if let Some((cancelled, _)) = existing {
        // Taken up again after a cancellation: a new sign-up joins the back of the queue.
        tx.delete_training_signup(cancelled).await?;
    }
    let id = tx
        .insert_training_signup(volunteer, session_id, status, now)
        .await?;
    Ok(Ok(tx.training_signup_view(id).await?))
}

/// Cancels one of the volunteer's training sign-ups up to the deadline before the
/// session; a freed place goes to the first on the waitlist.
pub async fn cancel(
    store: &dyn Store,
    volunteer: VolunteerId,
    signup: TrainingSignupId,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TrainingSignupView>> {
    idempotent(store, request, now, move |tx| {
        Box::pin(cancel_in(tx, volunteer, signup, now))
    })
    .await
}

async fn cancel_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    signup: TrainingSignupId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TrainingSignupView>> {
    let facts = tx.training_signup_facts(signup).await?;
    // Another's sign-up reads as one that does not exist, so ids cannot be probed.
    let Some(facts) = facts.filter(|facts| facts.volunteer == volunteer) else {
        return Ok(Err(Refusal::NotFound));
    };
    if facts.status == SignupStatus::Cancelled {
        return Ok(Ok(tx.training_signup_view(signup).await?));
    }
    if now >= facts.window.starts_at() {
        return Ok(Err(Refusal::Rule(ErrorCode::ShiftStarted)));
    }
    if now >= cancel_deadline(facts.window) {
        return Ok(Err(Refusal::Rule(ErrorCode::CancelDeadlinePassed)));
    }
    give_up(tx, signup, &facts).await?;
    Ok(Ok(tx.training_signup_view(signup).await?))
}

/// Cancels the sign-up; a confirmed place it frees goes to the first on the waitlist.
async fn give_up(
    tx: &mut dyn WriteTx,
    signup: TrainingSignupId,
    facts: &TrainingSignupFacts,
) -> StorageResult<()> {
    tx.set_training_signup_status(signup, SignupStatus::Cancelled)
        .await?;
    if facts.status == SignupStatus::Confirmed
        && let Some(first) = tx.first_waitlisted_for_session(facts.session).await?
    {
        tx.set_training_signup_status(first, SignupStatus::Confirmed)
            .await?;
    }
    Ok(())
}

/// Gives up the volunteer's sign-ups for sessions that have not started, as erasing
/// them does with their shifts; answers how many.
pub(super) async fn give_up_all(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    now: DateTime<Utc>,
) -> StorageResult<u32> {
    let held = tx.held_training_signups(volunteer, now).await?;
    for &signup in &held {
        if let Some(facts) = tx.training_signup_facts(signup).await? {
            give_up(tx, signup, &facts).await?;
        }
    }
    Ok(held.len() as u32)
}

/// The session with everyone who signed up, for an administrator or the coordinator of
/// its unit; another unit's session reads as one that does not exist.
pub async fn roster(
    store: &dyn Store,
    by: &StaffAccount,
    session: TrainingSessionId,
) -> StorageResult<Outcome<TrainingRoster>> {
    let mut tx = store.begin_write().await?;
    roster_in(&mut *tx, by, session).await
}

async fn roster_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: TrainingSessionId,
) -> StorageResult<Outcome<TrainingRoster>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    let session = tx.training_session(id).await?;
    let Some(session) = session.filter(|s| only_unit.is_none_or(|u| u == s.organiser_unit_id))
    else {
        return Ok(Err(Refusal::NotFound));
    };
    let signups = tx.training_roster(id).await?;
    Ok(Ok(TrainingRoster { session, signups }))
}

/// Marks a volunteer who signed up present, from shortly before the session starts,
/// and puts the training on their record: completed on the session's day, valid for the
/// session's years. Marking them again changes nothing.
pub async fn mark_attended(
    store: &dyn Store,
    by: &StaffAccount,
    session: TrainingSessionId,
    volunteer: VolunteerNumber,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TrainingRoster>> {
    let mut tx = store.begin_write().await?;
    let roster = match roster_in(&mut *tx, by, session).await? {
        Ok(roster) => roster,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if !roster.session.attendance_open(now) {
        return Ok(Err(Refusal::Rule(ErrorCode::AttendanceNotOpen)));
    }
    let signup = tx
        .training_signup_for(VolunteerId(volunteer.id()), session)
        .await?;
    let Some((signup, _)) = signup.filter(|(_, status)| *status != SignupStatus::Cancelled) else {
        let field = "volunteer_number".to_owned();
        return Ok(Err(Refusal::Field(field, Problem::NotSignedUp)));
    };
    if tx.attended(signup).await? {
        return Ok(Ok(roster));
    }
    tx.mark_attended(signup, now).await?;
    let on_record = on_record(&roster.session, by.id);
    tx.record_training(volunteer, &on_record).await?;
    let after = json!({
        "training": on_record.training,
        "session": session.0,
        "expires_on": on_record.expires_on,
    });
    let subject = format!("volunteer/{volunteer}");
    let mut change = staff_change(by, AuditAction::TrainingAttend, subject, Some(after));
    change.unit = Some(roster.session.organiser_unit_id);
    tx.record_audit(by, change, now).await?;
    let signups = tx.training_roster(session).await?;
    tx.commit().await?;
    Ok(Ok(TrainingRoster {
        session: roster.session,
        signups,
    }))
}

/// The training a session puts on the record of who attended it.
fn on_record(session: &TrainingSessionView, recorded_by: i64) -> TrainingOnRecord<'static> {
    let completed_at = session.window.starts_at();
    TrainingOnRecord {
        training: session.training,
        completed_at,
        expires_on: Training::expiry(huli_date(completed_at), session.valid_years),
        evidence: None,
        recorded_by,
    }
}
