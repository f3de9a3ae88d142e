//! The staff's second factor: checking a code at sign-in (each one-time code's step
//! and each recovery code accepted once, even with several servers, because the
//! acceptance is a conditional write), enrolling, and switching it off.

use super::accounts::record;
use crate::second_factor::{self, matching_step, recovery_code_hash};
use crate::storage::{Outcome, Refusal, StorageResult, Store};
use chrono::{DateTime, Utc};
use huli_contract::second_factor::grouped_recovery_code;
use huli_contract::{
    AuditAction, ErrorCode, Problem, RecoveryCodes, SecondFactorCode, StaffAccount,
};
use serde_json::json;

/// Whether `code` passes for the account whose secret in force is `secret`; a code
/// that passes is used up.
pub async fn check_at_sign_in(
    store: &dyn Store,
    account: i64,
    secret: &[u8],
    code: &SecondFactorCode,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let mut tx = store.begin_write().await?;
    let accepted = match code {
        SecondFactorCode::OneTime(digits) => match matching_step(secret, digits, now.timestamp()) {
            Some(step) => tx.use_step(account, step).await?,
            None => false,
        },
        SecondFactorCode::Recovery(code) => {
            let hash = recovery_code_hash(code);
            tx.use_recovery_code(account, &hash, now).await?
        }
    };
    tx.commit().await?;
    Ok(accepted)
}

/// A new secret for the account to enrol; the one in force (if any) stays in force
/// until a code from the new one is confirmed.
pub async fn begin_enrolment(store: &dyn Store, who: &StaffAccount) -> StorageResult<Vec<u8>> {
    let secret = second_factor::new_secret();
    let mut tx = store.begin_write().await?;
    tx.set_pending_second_factor(who.id, &secret).await?;
    tx.commit().await?;
    Ok(secret)
}

/// Puts the secret being enrolled in force once `digits` is a code made from it, with
/// ten new recovery codes (the old ones no longer work); the account's other sessions
/// end, the one in use (`keep`) goes on.
pub async fn confirm_enrolment(
    store: &dyn Store,
    who: &StaffAccount,
    digits: &str,
    keep: &[u8; 32],
    now: DateTime<Utc>,
) -> StorageResult<Outcome<RecoveryCodes>> {
    let mut tx = store.begin_write().await?;
    let pending = tx.second_factor(who.id).await?.pending;
    let step = pending.and_then(|secret| matching_step(&secret, digits, now.timestamp()));
    let Some(step) = step else {
        return Ok(Err(Refusal::Field(
            "code".into(),
            Problem::SecondFactorMismatch,
        )));
    };
    tx.set_second_factor(who.id, Some(step)).await?;
    let codes = second_factor::new_recovery_codes();
    let hashes: Vec<_> = codes.iter().map(|code| recovery_code_hash(code)).collect();
    tx.replace_recovery_codes(who.id, &hashes).await?;
    let ended = tx.end_sessions(who.id, Some(keep)).await?;
    let after = json!({ "sessions_ended": ended });
    let action = AuditAction::AccountSecondFactorOn;
    record(&mut *tx, who, action, who.id, Some(after), now).await?;
    tx.commit().await?;
    let codes = codes.iter().map(|code| grouped_recovery_code(code));
    Ok(Ok(RecoveryCodes {
        codes: codes.collect(),
    }))
}

/// Switches the second factor off (the password was checked again); administrators
/// must keep theirs.
pub async fn switch_off(
    store: &dyn Store,
    who: &StaffAccount,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    if who.role.is_administrator() {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    }
    let mut tx = store.begin_write().await?;
    if tx.second_factor(who.id).await?.in_force.is_none() {
        return Ok(Ok(()));
    }
    tx.set_second_factor(who.id, None).await?;
    tx.replace_recovery_codes(who.id, &[]).await?;
    let action = AuditAction::AccountSecondFactorOff;
    record(&mut *tx, who, action, who.id, None, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
