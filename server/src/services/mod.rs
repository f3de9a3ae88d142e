//! The programme's rules for writes, written once above every storage
//! backend: each service opens a write transaction, reads the facts through
//! [`WriteTx`], decides with the contract's rules, and writes. Storage only reads and
//! writes rows.

pub mod accounts;
pub mod attendance;
pub mod calendar_feeds;
pub mod display_links;
pub mod manage;
pub mod records;
pub mod review;
pub mod rights;
pub mod scope;
pub mod second_factor;
pub mod signups;
pub mod stories;
pub mod training_sessions;
pub mod trainings;

use crate::storage::{
    AuditChange, IdempotentRequest, Outcome, Refusal, SignupFacts, StorageError, StorageResult,
    Store, VolunteerId, WriteTx,
};
use chrono::{DateTime, Utc};
use huli_contract::{ErrorCode, ShiftId, ShiftWindow, SignupId, TrainingSessionId};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// One idempotent write's work inside its transaction.
type Write<'t, T> = Pin<Box<dyn Future<Output = StorageResult<Outcome<T>>> + Send + 't>>;

/// Runs `write` in one write transaction under an idempotency key: a key seen before
/// gets its first answer back and nothing runs (a key that came with another request is
/// refused); otherwise the answer is stored with the write, so both are kept or neither
/// is.
async fn idempotent<T>(
    store: &dyn Store,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
    write: impl for<'t> FnOnce(&'t mut dyn WriteTx) -> Write<'t, T>,
) -> StorageResult<Outcome<T>>
where
    T: Serialize + DeserializeOwned,
{
    let mut tx = store.begin_write().await?;
    if let Some(first) = tx.stored_answer(request).await? {
        if first.fingerprint != request.fingerprint {
            return Ok(Err(Refusal::Rule(ErrorCode::IdempotencyKeyReused)));
        }
        return serde_json::from_str(&first.outcome)
            .map_err(|e| StorageError::Corrupt(format!("idempotency_keys.outcome: {e}")));
    }
    let outcome = write(&mut *tx).await?;
    let answer = serde_json::to_string(&outcome).expect("outcomes serialise");
    tx.store_answer(request, &answer, now).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// One of the volunteer's own sign-ups; `None` for another's, as for one that does not
/// exist, so ids cannot be probed.
async fn own_signup(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    signup: SignupId,
) -> StorageResult<Option<SignupFacts>> {
    let facts = tx.signup_facts(signup).await?;
    Ok(facts.filter(|facts| facts.volunteer == volunteer))
}

/// What the volunteer already holds that every sign-up's rules count, shifts and
/// training sessions alike: whether any of them (other than the one signed up for)
/// meets `window`, and how many have not started.
struct Held {
    overlapping: bool,
    upcoming: u32,
}

async fn held(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    window: ShiftWindow,
    other_than: (Option<ShiftId>, Option<TrainingSessionId>),
    now: DateTime<Utc>,
) -> StorageResult<Held> {
    let (shift, session) = other_than;
    // Ids start at 1: 0 excludes nothing.
    let shift = shift.unwrap_or(ShiftId(0));
    let overlapping = tx.holds_overlapping_shift(volunteer, shift, window).await?
        || tx
            .holds_overlapping_session(volunteer, session, window)
            .await?;
    let upcoming = tx.upcoming_signups(volunteer, now).await?
        + tx.upcoming_training_signups(volunteer, now).await?;
    Ok(Held {
        overlapping,
        upcoming,
    })
}

/// An audit entry about something other than attendance; `unit` is the unit whose
/// coordinator may read it.
fn entry(
    action: huli_contract::AuditAction,
    subject: String,
    unit: Option<i64>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> AuditChange {
    AuditChange {
        action,
        subject,
        attendance: None,
        unit,
        before,
        after,
    }
}
