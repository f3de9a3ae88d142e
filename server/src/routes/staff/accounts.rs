//! `/api/staff/accounts` and `/api/staff/session/…`: administrators create, disable,
//! re-enable and reset staff accounts; everyone changes their own password and ends
//! their other sessions. New passwords pass [`ChosenPassword`]'s checks and are hashed
//! off the request threads.

use super::extract::{JsonForm, Staff, StaffWriter, administrator};
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, parse_id};
use crate::routes::private_json;
use crate::services::accounts;
use crate::staff_auth::{self, ChosenPassword};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{
    AccountForm, AccountView, ApiErrorBody, PasswordChange, PasswordReset, Problem, SessionsEnded,
    StaffAccount,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(disable))
        .routes(routes!(enable))
        .routes(routes!(reset_password))
        .routes(routes!(change_password))
        .routes(routes!(end_other_sessions))
}

/// `input` as a new password for the account named `login` and `display_name`: the
/// hash to store, or the problem of the field `field`.
async fn new_password_hash(
    field: &str,
    input: &str,
    login: &str,
    display_name: &str,
) -> Result<String, AppError> {
    let chosen = ChosenPassword::parse(input, &[login, display_name])
        .map_err(|problem| AppError::Unprocessable(vec![(field.to_owned(), problem)]))?;
    // argon2id at 19 MiB takes tens of milliseconds: not on a request thread.
    tokio::task::spawn_blocking(move || staff_auth::hash_password(&chosen))
        .await
        .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
}

/// Refuses, as a problem of the field `field`, a password typed to confirm a change
/// that is not the signed-in account's own.
pub(super) async fn confirm_password(
    state: &AppState,
    me: &StaffAccount,
    field: &str,
    typed: &str,
) -> Result<(), AppError> {
    let stored = state.store.staff_credentials(&me.login).await?;
    let stored = stored.map(|found| found.password_hash);
    if !state
        .password_checks
        .verify(stored, typed.to_owned())
        .await?
    {
        tracing::warn!(target: "security", event = "password_confirmation_refused", login = %me.login, "a wrong current password");
        let wrong = vec![(field.to_owned(), Problem::NotCurrentPassword)];
        return Err(AppError::Unprocessable(wrong));
    }
    Ok(())
}

async fn account_view(state: &AppState, id: i64) -> Result<AccountView, AppError> {
    state
        .store
        .staff_account(id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every staff account, by login, with whether it is disabled and when it was last used.
#[utoipa::path(
    get,
    path = "/api/staff/accounts",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The accounts", body = [AccountView]),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    )
)]
async fn list(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    administrator(&staff)?;
    Ok(private_json(
        StatusCode::OK,
        &state.store.staff_accounts().await?,
    ))
}

/// Creates an account with a first password, which the administrator hands over in
/// person. The command line stays only for the very first administrator.
#[utoipa::path(
    post,
    path = "/api/staff/accounts",
    tag = "staff",
    request_body = AccountForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Created", body = AccountView),
        (status = 403, description = "Not an administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "A field is refused: a login in use, a common password, no such unit or point", body = ApiErrorBody),
    )
)]
async fn create(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<AccountForm>,
) -> Result<Response, AppError> {
    administrator(&staff)?;
    let new = form.parse().map_err(AppError::Unprocessable)?;
    let hash = new_password_hash(
        "password",
        new.password.as_str(),
        &new.login,
        &new.display_name,
    )
    .await?;
    let now = state.clock.now();
    let id = accounts::create(&*state.store, &staff.account, &new, hash, now).await??;
    tracing::info!(target: "security", event = "account_created", by = %staff.account.login, login = %new.login, "a staff account was created");
    Ok(private_json(
        StatusCode::CREATED,
        &account_view(&state, id).await?,
    ))
}

async fn set_enabled(
    state: &AppState,
    staff: &Staff,
    id: &str,
    enabled: bool,
) -> Result<Response, AppError> {
    administrator(staff)?;
    let id = parse_id("id", id)?;
    let now = state.clock.now();
    accounts::set_enabled(&*state.store, &staff.account, id, enabled, now).await??;
    tracing::info!(target: "security", event = "account_enabled", by = %staff.account.login, account = id, enabled, "a staff account was disabled or enabled");
    Ok(private_json(
        StatusCode::OK,
        &account_view(state, id).await?,
    ))
}

/// Disables an account (a coordinator who left): it signs in no more, and its open
/// sessions fail on their next request. Nobody disables their own account.
#[utoipa::path(
    post,
    path = "/api/staff/accounts/{id}/disable",
    tag = "staff",
    params(("id" = i64, Path, description = "The account's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Disabled", body = AccountView),
        (status = 403, description = "Not an administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No such account", body = ApiErrorBody),
        (status = 409, description = "The administrator's own account", body = ApiErrorBody),
    )
)]
async fn disable(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    set_enabled(&state, &staff, &id, false).await
}

/// Re-enables a disabled account.
#[utoipa::path(
    post,
    path = "/api/staff/accounts/{id}/enable",
    tag = "staff",
    params(("id" = i64, Path, description = "The account's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Enabled", body = AccountView),
        (status = 403, description = "Not an administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No such account", body = ApiErrorBody),
    )
)]
async fn enable(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    set_enabled(&state, &staff, &id, true).await
}

/// Sets a new password for an account whose owner forgot theirs; all its sessions end.
#[utoipa::path(
    post,
    path = "/api/staff/accounts/{id}/password",
    tag = "staff",
    params(("id" = i64, Path, description = "The account's id")),
    request_body = PasswordReset,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Reset", body = SessionsEnded),
        (status = 403, description = "Not an administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No such account", body = ApiErrorBody),
        (status = 422, description = "The password is refused", body = ApiErrorBody),
    )
)]
async fn reset_password(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<PasswordReset>,
) -> Result<Response, AppError> {
    administrator(&staff)?;
    let target = account_view(&state, parse_id("id", &id)?).await?.account;
    let hash = new_password_hash(
        "password",
        &form.password,
        &target.login,
        &target.display_name,
    )
    .await?;
    let now = state.clock.now();
    let ended =
        accounts::reset_password(&*state.store, &staff.account, target.id, &hash, now).await??;
    tracing::info!(target: "security", event = "password_reset", by = %staff.account.login, account = target.id, "a staff password was reset");
    Ok(private_json(StatusCode::OK, &ended))
}

/// Changes one's own password, given the current one; every other session of the
/// account ends, this one goes on.
#[utoipa::path(
    put,
    path = "/api/staff/session/password",
    tag = "staff",
    request_body = PasswordChange,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Changed", body = SessionsEnded),
        (status = 403, description = "No anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "The current password is wrong, or the new one is refused", body = ApiErrorBody),
    )
)]
async fn change_password(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<PasswordChange>,
) -> Result<Response, AppError> {
    let me = &staff.account;
    confirm_password(&state, me, "current_password", &form.current_password).await?;
    let hash = new_password_hash(
        "new_password",
        &form.new_password,
        &me.login,
        &me.display_name,
    )
    .await?;
    let keep = staff.token_hash();
    let now = state.clock.now();
    let ended = accounts::change_own_password(&*state.store, me, &hash, &keep, now).await?;
    tracing::info!(target: "security", event = "password_changed", login = %me.login, "a staff member changed their password");
    Ok(private_json(StatusCode::OK, &ended))
}

/// Ends every other session of the signed-in account (a phone left signed in, say).
#[utoipa::path(
    delete,
    path = "/api/staff/session/others",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Ended", body = SessionsEnded),
        (status = 403, description = "No anti-forgery token", body = ApiErrorBody),
    )
)]
async fn end_other_sessions(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
) -> Result<Response, AppError> {
    let keep = staff.token_hash();
    let ended = accounts::end_other_sessions(&*state.store, &staff.account, &keep).await?;
    tracing::info!(target: "security", event = "other_sessions_ended", login = %staff.account.login, ended = ended.ended, "a staff member ended their other sessions");
    Ok(private_json(StatusCode::OK, &ended))
}
