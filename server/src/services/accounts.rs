//! Running staff accounts: administrators create, disable, re-enable and reset them;
//! everyone changes their own password and ends their other sessions. Each change is
//! written with its audit entry (never a password or its hash) in one transaction, and
//! ends the sessions it must at once.

use crate::storage::{NewStaffAccount, Outcome, Refusal, StorageResult, Store, WriteTx};
use chrono::{DateTime, Utc};
use huli_contract::{
    AuditAction, ErrorCode, NewAccount, Problem, SessionsEnded, StaffAccount, StaffRole,
};
use serde_json::json;

/// Creates the account with the password whose hash is `password_hash`.
pub async fn create(
    store: &dyn Store,
    by: &StaffAccount,
    new: &NewAccount,
    password_hash: String,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<i64>> {
    let mut tx = store.begin_write().await?;
    let scope_exists = match new.role {
        StaffRole::Administrator => true,
        StaffRole::Coordinator { unit_id } => tx.unit_exists(unit_id).await?,
        StaffRole::PointLeader { point_id } => tx.point_exists(point_id).await?,
    };
    if !scope_exists {
        return Ok(Err(Refusal::Field("role".into(), Problem::NotOnTheList)));
    }
    if tx.login_taken(&new.login).await? {
        return Ok(Err(Refusal::Field("login".into(), Problem::AlreadyInUse)));
    }
    let account = NewStaffAccount {
        login: new.login.clone(),
        display_name: new.display_name.clone(),
        role: new.role,
        password_hash,
    };
    let id = tx.insert_account(&account, now).await?;
    let after = json!({ "login": new.login, "display_name": new.display_name, "role": new.role });
    record(
        &mut *tx,
        by,
        AuditAction::AccountCreate,
        id,
        Some(after),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Disables the account, ending its sessions at once, or re-enables it. Nobody
/// disables their own account, so an administrator always remains.
pub async fn set_enabled(
    store: &dyn Store,
    by: &StaffAccount,
    id: i64,
    enabled: bool,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    if id == by.id && !enabled {
        return Ok(Err(Refusal::Rule(ErrorCode::OwnAccount)));
    }
    let mut tx = store.begin_write().await?;
    let Some((_, disabled)) = tx.account(id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    // Already as asked: nothing to change or log.
    if disabled != enabled {
        return Ok(Ok(()));
    }
    tx.set_disabled(id, (!enabled).then_some(now)).await?;
    let (action, ended) = if enabled {
        (AuditAction::AccountEnable, None)
    } else {
        let ended = tx.end_sessions(id, None).await?;
        (
            AuditAction::AccountDisable,
            Some(json!({ "sessions_ended": ended })),
        )
    };
    record(&mut *tx, by, action, id, ended, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Sets a new password for an account whose owner forgot theirs (or lost the phone
/// with their second factor): every session of the account ends, and its second
/// factor is switched off, to be enrolled again at the next sign-in (required for an
/// administrator, offered to the others).
pub async fn reset_password(
    store: &dyn Store,
    by: &StaffAccount,
    id: i64,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<SessionsEnded>> {
    let mut tx = store.begin_write().await?;
    if tx.account(id).await?.is_none() {
        return Ok(Err(Refusal::NotFound));
    }
    tx.set_password_hash(id, password_hash).await?;
    let had_second_factor = tx.second_factor(id).await?.in_force.is_some();
    tx.set_second_factor(id, None).await?;
    tx.replace_recovery_codes(id, &[]).await?;
    let ended = tx.end_sessions(id, None).await?;
    let after = json!({ "sessions_ended": ended, "second_factor_removed": had_second_factor });
    record(
        &mut *tx,
        by,
        AuditAction::AccountResetPassword,
        id,
        Some(after),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(SessionsEnded { ended }))
}

/// Changes the signed-in account's own password (the current one was checked); its
/// other sessions end, the one in use (`keep`) goes on.
pub async fn change_own_password(
    store: &dyn Store,
    who: &StaffAccount,
    password_hash: &str,
    keep: &[u8; 32],
    now: DateTime<Utc>,
) -> StorageResult<SessionsEnded> {
    let mut tx = store.begin_write().await?;
    tx.set_password_hash(who.id, password_hash).await?;
    let ended = tx.end_sessions(who.id, Some(keep)).await?;
    let after = json!({ "sessions_ended": ended });
    let action = AuditAction::AccountChangePassword;
    record(&mut *tx, who, action, who.id, Some(after), now).await?;
    tx.commit().await?;
    Ok(SessionsEnded { ended })
}

/// Ends every session of the account but the one in use (`keep`).
pub async fn end_other_sessions(
    store: &dyn Store,
    who: &StaffAccount,
    keep: &[u8; 32],
) -> StorageResult<SessionsEnded> {
    let mut tx = store.begin_write().await?;
    let ended = tx.end_sessions(who.id, Some(keep)).await?;
    tx.commit().await?;
    Ok(SessionsEnded { ended })
}

/// An audit entry about an account, for administrators' eyes (no unit's).
pub(super) async fn record(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    action: AuditAction,
    account: i64,
    after: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let change = super::entry(action, format!("account/{account}"), None, None, after);
    tx.record_audit(by, change, now).await
}
