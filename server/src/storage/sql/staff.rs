//! Staff accounts, their sessions and failed sign-ins.

use super::rows::from_text;
use crate::storage::{NewStaffAccount, SignInFailures, StorageError, StorageResult, StoredSession};
use chrono::{DateTime, Utc};
use huli_contract::{PointId, StaffAccount, StaffRole};
use sqlx::AnyConnection;

type AccountRow = (i64, String, String, String, Option<i64>, Option<i64>);
/// An account's row and its password hash.
type CredentialsRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
);

/// An account's row, when its session began and when it was last seen.
type SessionRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    i64,
);

const ACCOUNT_COLUMNS: &str = "a.id, a.login, a.display_name, a.role, a.unit_id, a.point_id";

fn account(
    (id, login, display_name, role, unit, point): AccountRow,
) -> StorageResult<StaffAccount> {
    let corrupt = || {
        StorageError::Corrupt(format!(
            "staff_accounts {id}: role {role} without its scope"
        ))
    };
    let role = match from_text::<RoleName>("staff_accounts.role", &role)? {
        RoleName::Administrator => StaffRole::Administrator,
        RoleName::Coordinator => StaffRole::Coordinator {
            unit_id: unit.ok_or_else(corrupt)?,
        },
        RoleName::PointLeader => StaffRole::PointLeader {
            point_id: PointId(point.ok_or_else(corrupt)?),
        },
    };
    Ok(StaffAccount {
        id,
        login,
        display_name,
        role,
    })
}

/// A role's name as stored, apart from the point or unit it covers.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum RoleName {
    Administrator,
    Coordinator,
    PointLeader,
}

/// Creates the account; `None` when the login is taken.
pub(super) async fn create_account(
    conn: &mut AnyConnection,
    new: &NewStaffAccount,
    now: DateTime<Utc>,
) -> StorageResult<Option<i64>> {
    let (role, unit, point) = match new.role {
        StaffRole::Administrator => ("administrator", None, None),
        StaffRole::Coordinator { unit_id } => ("coordinator", Some(unit_id), None),
        StaffRole::PointLeader { point_id } => ("point_leader", None, Some(point_id.0)),
    };
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO staff_accounts (login, display_name, role, unit_id, point_id, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (login) DO NOTHING RETURNING id",
    )
    .bind(&new.login)
    .bind(&new.display_name)
    .bind(role)
    .bind(unit)
    .bind(point)
    .bind(&new.password_hash)
    .bind(now.timestamp())
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// The account with this login and its password hash.
pub(super) async fn credentials(
    conn: &mut AnyConnection,
    login: &str,
) -> StorageResult<Option<(StaffAccount, String)>> {
    let row: Option<CredentialsRow> = sqlx::query_as(&format!(
        "SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM staff_accounts a WHERE a.login = $1"
    ))
    .bind(login)
    .fetch_optional(conn)
    .await?;
    row.map(|(id, login, name, role, unit, point, hash)| {
        Ok((account((id, login, name, role, unit, point))?, hash))
    })
    .transpose()
}

pub(super) async fn sign_in_failures(
    conn: &mut AnyConnection,
    login: &str,
    client: &str,
    since: DateTime<Utc>,
) -> StorageResult<SignInFailures> {
    let (count, last): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(at) FROM failed_sign_ins WHERE login = $1 AND client = $2 AND at > $3",
    )
    .bind(login)
    .bind(client)
    .bind(since.timestamp())
    .fetch_one(conn)
    .await?;
    Ok(SignInFailures {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        last: last.map(super::rows::timestamp).transpose()?,
    })
}

pub(super) async fn record_failed_sign_in(
    conn: &mut AnyConnection,
    login: &str,
    client: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("INSERT INTO failed_sign_ins (login, client, at) VALUES ($1, $2, $3)")
        .bind(login)
        .bind(client)
        .bind(now.timestamp())
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn forget_failures(
    conn: &mut AnyConnection,
    before: DateTime<Utc>,
) -> StorageResult<u64> {
    let mut forgotten = 0;
    for table in ["failed_sign_ins", "wrong_check_in_codes"] {
        let done = sqlx::query(&format!("DELETE FROM {table} WHERE at < $1"))
            .bind(before.timestamp())
            .execute(&mut *conn)
            .await?;
        forgotten += done.rows_affected();
    }
    Ok(forgotten)
}

pub(super) async fn open_session(
    conn: &mut AnyConnection,
    token_hash: &[u8; 32],
    account: i64,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, account_id, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(&token_hash[..])
    .bind(account)
    .bind(now.timestamp())
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

/// The session with this token hash, whether or not it has expired.
pub(super) async fn session(
    conn: &mut AnyConnection,
    token_hash: &[u8; 32],
) -> StorageResult<Option<StoredSession>> {
    let row: Option<SessionRow> = sqlx::query_as(&format!(
        "SELECT {ACCOUNT_COLUMNS}, s.created_at, s.last_seen_at FROM staff_sessions s \
             JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_hash = $1"
    ))
    .bind(&token_hash[..])
    .fetch_optional(conn)
    .await?;
    let Some((id, login, name, role, unit, point, created, seen)) = row else {
        return Ok(None);
    };
    Ok(Some(StoredSession {
        account: account((id, login, name, role, unit, point))?,
        created_at: super::rows::timestamp(created)?,
        last_seen_at: super::rows::timestamp(seen)?,
    }))
}

pub(super) async fn session_seen(
    conn: &mut AnyConnection,
    token_hash: &[u8; 32],
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now.timestamp())
        .bind(&token_hash[..])
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn close_session(
    conn: &mut AnyConnection,
    token_hash: &[u8; 32],
) -> StorageResult<()> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(&token_hash[..])
        .execute(conn)
        .await?;
    Ok(())
}
