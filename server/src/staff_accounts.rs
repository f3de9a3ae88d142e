//! Creating staff accounts from code: the `create-staff` command makes the first
//! administrator this way, and tests arrange their accounts with [`create`].

use crate::clock::Clock;
use crate::staff_auth::{ChosenPassword, hash_password};
use crate::storage::{self, NewStaffAccount, StorageError};
use huli_contract::{Lang, Problem, StaffRole};

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
    #[error("an administrator exists already: they create further accounts in the console")]
    AdministratorExists,
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
    let store = storage::open(database_url).await?;
    create_in(&*store, login, display_name, role, password).await
}

/// The first administrator, from `create-staff`: refused once an enabled one exists.
pub async fn create_first_administrator(
    database_url: &str,
    login: &str,
    display_name: &str,
    password: &str,
) -> Result<i64, CreateError> {
    let store = storage::open(database_url).await?;
    if store.administrator_exists().await? {
        return Err(CreateError::AdministratorExists);
    }
    let role = StaffRole::Administrator;
    create_in(&*store, login, display_name, role, password).await
}

async fn create_in(
    store: &dyn storage::Store,
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
