//! `/api/staff/session/second-factor`: enrolling a second factor (a new secret to
//! scan, then a code from it to confirm), and switching it off. Administrators must
//! have one: until they enrol, these and signing out are all their session may do.

use super::accounts::confirm_password;
use super::extract::{EnrollingWriter, JsonForm, StaffWriter};
use crate::AppState;
use crate::error::AppError;
use crate::routes::{private_json, qr_code};
use crate::services::second_factor;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use huli_contract::{
    ApiErrorBody, PasswordConfirmation, RecoveryCodes, SecondFactorCode, SecondFactorConfirmation,
    SecondFactorEnrolment,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(begin, confirm, switch_off))
}

/// Makes a new secret for the signed-in account, to scan as a QR code (or type) into
/// an authenticator app, once the account's password is typed again. It is not in
/// force, and any secret in force stays so, until a code from it is confirmed.
#[utoipa::path(
    post,
    path = "/api/staff/session/second-factor",
    tag = "staff",
    request_body = PasswordConfirmation,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The secret to enrol", body = SecondFactorEnrolment),
        (status = 401, description = "Not signed in", body = ApiErrorBody),
        (status = 403, description = "No anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "Not the account's password", body = ApiErrorBody),
    )
)]
async fn begin(
    State(state): State<AppState>,
    EnrollingWriter(staff): EnrollingWriter,
    JsonForm(form): JsonForm<PasswordConfirmation>,
) -> Result<Response, AppError> {
    confirm_password(&state, &staff.account, "password", &form.password).await?;
    let secret = second_factor::begin_enrolment(&*state.store, &staff.account).await?;
    let app = crate::second_factor::for_the_app(&secret, &staff.account);
    let enrolment = SecondFactorEnrolment {
        qr_svg: qr_code::svg(&app.otpauth_uri)?,
        secret: app.secret,
        otpauth_uri: app.otpauth_uri,
    };
    Ok(private_json(StatusCode::OK, &enrolment))
}

/// Puts the new secret in force with the app's current code, and answers the ten
/// recovery codes, shown this once. The account's other sessions end.
#[utoipa::path(
    put,
    path = "/api/staff/session/second-factor",
    tag = "staff",
    request_body = SecondFactorConfirmation,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "In force; the recovery codes", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = ApiErrorBody),
        (status = 403, description = "No anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "The code is not six digits, or not made from the new secret", body = ApiErrorBody),
    )
)]
async fn confirm(
    State(state): State<AppState>,
    EnrollingWriter(staff): EnrollingWriter,
    JsonForm(form): JsonForm<SecondFactorConfirmation>,
) -> Result<Response, AppError> {
    let digits = SecondFactorCode::parse_one_time(&form.code)
        .map_err(|problem| AppError::Unprocessable(vec![("code".to_owned(), problem)]))?;
    let now = state.clock.now();
    let keep = staff.token_hash();
    let codes =
        second_factor::confirm_enrolment(&*state.store, &staff.account, &digits, &keep, now)
            .await??;
    tracing::info!(target: "security", event = "second_factor_on", login = %staff.account.login, "a staff member switched on their second factor");
    Ok(private_json(StatusCode::OK, &codes))
}

/// Switches the second factor off, with the account's password typed again.
/// Administrators keep theirs.
#[utoipa::path(
    delete,
    path = "/api/staff/session/second-factor",
    tag = "staff",
    request_body = PasswordConfirmation,
    security(("staff_session" = [])),
    responses(
        (status = 204, description = "Off"),
        (status = 403, description = "An administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "Not the account's password", body = ApiErrorBody),
    )
)]
async fn switch_off(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<PasswordConfirmation>,
) -> Result<Response, AppError> {
    confirm_password(&state, &staff.account, "password", &form.password).await?;
    let now = state.clock.now();
    second_factor::switch_off(&*state.store, &staff.account, now).await??;
    tracing::info!(target: "security", event = "second_factor_off", login = %staff.account.login, "a staff member switched off their second factor");
    Ok(StatusCode::NO_CONTENT.into_response())
}
