//! Staff accounts, their sessions and failed sign-ins.

use super::rows::from_text;
use super::write::SqlWrite;
use crate::storage::{
    AccountsTx, NewStaffAccount, SecondFactorSecrets, SignInFailures, StorageError, StorageResult,
    StoredCredentials, StoredSession,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{AccountView, PointId, StaffAccount, StaffRole};
use sqlx::AnyConnection;

type AccountRow = (i64, String, String, String, Option<i64>, Option<i64>);
/// An account's row, its password hash and second factor's secret.
type CredentialsRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    Option<Vec<u8>>,
);

/// An account's row, whether it has a second factor, when its session began and when
/// it was last seen.
type SessionRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    i64,
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

/// The account with this login, its password hash and second factor; none for a
/// disabled account.
pub(super) async fn credentials(
    conn: &mut AnyConnection,
    login: &str,
) -> StorageResult<Option<StoredCredentials>> {
    let row: Option<CredentialsRow> = sqlx::query_as(&format!(
        "SELECT {ACCOUNT_COLUMNS}, a.password_hash, a.totp_secret FROM staff_accounts a \
         WHERE a.login = $1 AND a.disabled_at IS NULL"
    ))
    .bind(login)
    .fetch_optional(conn)
    .await?;
    row.map(
        |(id, login, name, role, unit, point, password_hash, totp_secret)| {
            Ok(StoredCredentials {
                account: account((id, login, name, role, unit, point))?,
                password_hash,
                totp_secret,
            })
        },
    )
    .transpose()
}

pub(super) async fn administrator_exists(conn: &mut AnyConnection) -> StorageResult<bool> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM staff_accounts WHERE role = 'administrator' AND disabled_at IS NULL LIMIT 1",
    )
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
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
        "SELECT {ACCOUNT_COLUMNS}, CAST(CASE WHEN a.totp_secret IS NULL THEN 0 ELSE 1 END AS BIGINT), \
                s.created_at, s.last_seen_at \
         FROM staff_sessions s \
             JOIN staff_accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND a.disabled_at IS NULL"
    ))
    .bind(&token_hash[..])
    .fetch_optional(conn)
    .await?;
    let Some((id, login, name, role, unit, point, second_factor_on, created, seen)) = row else {
        return Ok(None);
    };
    Ok(Some(StoredSession {
        account: account((id, login, name, role, unit, point))?,
        second_factor_on: second_factor_on == 1,
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

const VIEW_COLUMNS: &str = "a.id, a.login, a.display_name, a.role, a.unit_id, a.point_id, \
     a.disabled_at, a.created_at, (SELECT MAX(s.last_seen_at) FROM staff_sessions s WHERE s.account_id = a.id)";

type ViewRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
);

fn view(row: ViewRow) -> StorageResult<AccountView> {
    let (id, login, name, role, unit, point, disabled, created, seen) = row;
    Ok(AccountView {
        account: account((id, login, name, role, unit, point))?,
        disabled: disabled.is_some(),
        created_at: super::rows::timestamp(created)?,
        last_seen_at: seen.map(super::rows::timestamp).transpose()?,
    })
}

/// Every account, by login; or the one with `id`.
pub(super) async fn accounts(
    conn: &mut AnyConnection,
    only: Option<i64>,
) -> StorageResult<Vec<AccountView>> {
    let rows: Vec<ViewRow> = sqlx::query_as(&format!(
        "SELECT {VIEW_COLUMNS} FROM staff_accounts a WHERE ($1 IS NULL OR a.id = $1) ORDER BY a.login"
    ))
    .bind(only)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(view).collect()
}

#[async_trait]
impl AccountsTx for SqlWrite {
    async fn login_taken(&mut self, login: &str) -> StorageResult<bool> {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM staff_accounts WHERE login = $1")
                .bind(login)
                .fetch_optional(&mut *self.0)
                .await?;
        Ok(found.is_some())
    }

    async fn insert_account(
        &mut self,
        account: &NewStaffAccount,
        now: DateTime<Utc>,
    ) -> StorageResult<i64> {
        let id = create_account(&mut self.0, account, now).await?;
        id.ok_or_else(|| StorageError::Corrupt(format!("login {} taken meanwhile", account.login)))
    }

    async fn account(&mut self, id: i64) -> StorageResult<Option<(StaffAccount, bool)>> {
        let found = accounts(&mut self.0, Some(id)).await?.pop();
        Ok(found.map(|view| (view.account, view.disabled)))
    }

    async fn set_disabled(&mut self, id: i64, at: Option<DateTime<Utc>>) -> StorageResult<()> {
        sqlx::query("UPDATE staff_accounts SET disabled_at = $2 WHERE id = $1")
            .bind(id)
            .bind(at.map(|at| at.timestamp()))
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn set_password_hash(&mut self, id: i64, hash: &str) -> StorageResult<()> {
        sqlx::query("UPDATE staff_accounts SET password_hash = $2 WHERE id = $1")
            .bind(id)
            .bind(hash)
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn second_factor(&mut self, id: i64) -> StorageResult<SecondFactorSecrets> {
        let row: Option<(Option<Vec<u8>>, Option<Vec<u8>>)> =
            sqlx::query_as("SELECT totp_secret, totp_pending FROM staff_accounts WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *self.0)
                .await?;
        let (in_force, pending) = row.unwrap_or_default();
        Ok(SecondFactorSecrets { in_force, pending })
    }

    async fn set_pending_second_factor(&mut self, id: i64, secret: &[u8]) -> StorageResult<()> {
        sqlx::query("UPDATE staff_accounts SET totp_pending = $2 WHERE id = $1")
            .bind(id)
            .bind(secret)
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn set_second_factor(
        &mut self,
        id: i64,
        confirmed_step: Option<i64>,
    ) -> StorageResult<()> {
        let sql = match confirmed_step {
            Some(_) => {
                "UPDATE staff_accounts SET totp_secret = totp_pending, totp_pending = NULL, \
                 totp_last_step = $2 WHERE id = $1 AND totp_pending IS NOT NULL"
            }
            None => {
                "UPDATE staff_accounts SET totp_secret = NULL, totp_pending = NULL, \
                 totp_last_step = $2 WHERE id = $1"
            }
        };
        sqlx::query(sql)
            .bind(id)
            .bind(confirmed_step)
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn use_step(&mut self, id: i64, step: i64) -> StorageResult<bool> {
        let done = sqlx::query(
            "UPDATE staff_accounts SET totp_last_step = $2 \
             WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(id)
        .bind(step)
        .execute(&mut *self.0)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn replace_recovery_codes(&mut self, id: i64, hashes: &[[u8; 32]]) -> StorageResult<()> {
        sqlx::query("DELETE FROM staff_recovery_codes WHERE account_id = $1")
            .bind(id)
            .execute(&mut *self.0)
            .await?;
        for hash in hashes {
            sqlx::query("INSERT INTO staff_recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                .bind(id)
                .bind(&hash[..])
                .execute(&mut *self.0)
                .await?;
        }
        Ok(())
    }

    async fn use_recovery_code(
        &mut self,
        id: i64,
        hash: &[u8; 32],
        now: DateTime<Utc>,
    ) -> StorageResult<bool> {
        let done = sqlx::query(
            "UPDATE staff_recovery_codes SET used_at = $3 \
             WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL",
        )
        .bind(id)
        .bind(&hash[..])
        .bind(now.timestamp())
        .execute(&mut *self.0)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn end_sessions(&mut self, id: i64, keep: Option<&[u8; 32]>) -> StorageResult<u32> {
        let ended = sqlx::query(
            "DELETE FROM staff_sessions WHERE account_id = $1 AND ($2 IS NULL OR token_hash <> $2)",
        )
        .bind(id)
        .bind(keep.map(|hash| &hash[..]))
        .execute(&mut *self.0)
        .await?;
        Ok(u32::try_from(ended.rows_affected()).unwrap_or(u32::MAX))
    }
}
