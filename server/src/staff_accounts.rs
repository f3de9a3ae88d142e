//! Creating staff accounts: from the `create-staff` command (the first administrator
//! comes this way) and, for tests, from code.

use crate::clock::Clock;
use crate::config::RoleArg;
use crate::staff_auth::{ChosenPassword, hash_password};
use crate::storage::{self, NewStaffAccount, StorageError};
use huli_contract::{Lang, PointId, Problem, StaffRole};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the password: {0}")]
    Password(String),
    #[error("the login must have 3 to 40 characters, without spaces")]
    Login,
    #[error("the login {0:?} is taken")]
    LoginTaken(String),
    #[error("a {0:?} needs --unit or --point")]
    Scope(RoleArg),
}

/// The role `create-staff` was asked for.
pub fn role(
    role: RoleArg,
    unit: Option<i64>,
    point: Option<i64>,
) -> Result<StaffRole, CreateError> {
    match (role, unit, point) {
        (RoleArg::Administrator, _, _) => Ok(StaffRole::Administrator),
        (RoleArg::Coordinator, Some(unit_id), _) => Ok(StaffRole::Coordinator { unit_id }),
        (RoleArg::PointLeader, _, Some(point)) => Ok(StaffRole::PointLeader {
            point_id: PointId(point),
        }),
        (role, _, _) => Err(CreateError::Scope(role)),
    }
}

/// Creates an account in the database at `database_url` (migrating it first if new);
/// returns its id.
pub async fn create(
    database_url: &str,
    login: &str,
    display_name: &str,
    role: StaffRole,
    password: &str,
) -> Result<i64, CreateError> {
    let login = login.trim();
    if !(3..=40).contains(&login.chars().count()) || login.contains(char::is_whitespace) {
        return Err(CreateError::Login);
    }
    let password = ChosenPassword::parse(password, &[login, display_name])
        .map_err(|problem: Problem| CreateError::Password(problem.message(Lang::En)))?;
    let store = storage::open(database_url).await?;
    let account = NewStaffAccount {
        login: login.to_owned(),
        display_name: display_name.trim().to_owned(),
        role,
        password_hash: hash_password(&password),
    };
    store
        .create_staff_account(&account, Clock::default().now())
        .await?
        .ok_or_else(|| CreateError::LoginTaken(login.to_owned()))
}
