//! `/api/staff/session`: signing in, who is signed in, signing out.

use super::extract::{Enrolling, EnrollingWriter, JsonForm, second_factor_status, session_token};
use crate::AppState;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::routes::extract::{Client, over_https};
use crate::routes::private_json;
use crate::services::second_factor;
use crate::staff_auth::{self, ABSOLUTE_TIMEOUT, FAILURE_MEMORY};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use huli_contract::{ErrorCode, LoginForm, StaffSession};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in, current, sign_out))
}

/// The session cookie: never readable by scripts, not sent with other sites' requests
/// that change state, and behind HTTPS only over HTTPS and `__Host-` prefixed.
fn cookie(headers: &HeaderMap, value: &str, max_age: i64) -> HeaderValue {
    let https = over_https(headers);
    let name = staff_auth::cookie_name(https);
    let secure = if https { "; Secure" } else { "" };
    let cookie =
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).expect("a cookie of ASCII")
}

/// Signs in with a login and password, and for an account with a second factor, its
/// code (without one the answer is `second_factor_needed`), and sets a new session
/// cookie (a session the browser already had is closed: the session is renewed at each
/// sign-in). After five failures for one login from one client, that client waits: 30
/// seconds, doubling with each further failure up to an hour. The owner, from another
/// client, is not held up by a stranger's failures. Wrong codes are also counted for
/// the account from every client together, with the same waits: whoever has the
/// password cannot try the million codes from many addresses.
#[utoipa::path(
    post,
    path = "/api/staff/session",
    tag = "staff",
    request_body = LoginForm,
    responses(
        (status = 200, description = "Signed in; the cookie is set", body = StaffSession),
        (status = 401, description = "The login or password is wrong (`sign_in_failed`); the second factor's code is needed (`second_factor_needed`) or wrong, expired or used (`second_factor_failed`)", body = huli_contract::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KiB", body = huli_contract::ApiErrorBody),
        (status = 422, description = "The login or password is empty or longer than any account's, or the code is neither six digits nor a recovery code", body = huli_contract::ApiErrorBody),
        (status = 429, description = "Too many failed sign-ins, or too many requests, from this client; see Retry-After", body = huli_contract::ApiErrorBody),
        (status = 503, description = "Too many sign-ins in progress; see Retry-After", body = huli_contract::ApiErrorBody),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    JsonForm(form): JsonForm<LoginForm>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::SignIn, client.0)?;
    let credentials = form.parse().map_err(AppError::Unprocessable)?;
    let login = credentials.login;
    let now = state.clock.now();
    let client_text = client.0.to_string();
    refuse_while_waiting(&state, login, &client_text, now).await?;
    let found = state.store.staff_credentials(login).await?;
    let stored = found.as_ref().map(|found| found.password_hash.clone());
    let verified = (state.password_checks)
        .verify(stored, credentials.password.to_owned())
        .await?;
    let Some(found) = found.filter(|_| verified) else {
        state
            .store
            .record_failed_sign_in(login, &client_text, now)
            .await?;
        tracing::warn!(target: "security", event = "sign_in_failed", login, client = %client.0, "a wrong login or password");
        return Err(AppError::Refused(ErrorCode::SignInFailed));
    };
    if let Some(secret) = &found.totp_secret {
        let code = credentials.code.as_ref();
        let code = code.ok_or(AppError::Refused(ErrorCode::SecondFactorNeeded))?;
        let any_client = staff_auth::CODES_FROM_ANY_CLIENT;
        refuse_while_waiting(&state, login, any_client, now).await?;
        let id = found.account.id;
        if !second_factor::check_at_sign_in(&*state.store, id, secret, code, now).await? {
            for counted_as in [client_text.as_str(), any_client] {
                (state.store)
                    .record_failed_sign_in(login, counted_as, now)
                    .await?;
            }
            tracing::warn!(target: "security", event = "second_factor_failed", login, client = %client.0, "a wrong, expired or replayed second-factor code");
            return Err(AppError::Refused(ErrorCode::SecondFactorFailed));
        }
    }
    let account = found.account;
    if let Some(old) = session_token(&headers) {
        state
            .store
            .close_staff_session(&staff_auth::token_hash(&old))
            .await?;
    }
    let token = staff_auth::new_token();
    (state.store)
        .open_staff_session(&staff_auth::token_hash(&token), account.id, now)
        .await?;
    tracing::info!(target: "security", event = "signed_in", login, account = account.id, client = %client.0, "signed in");
    let session = StaffSession {
        second_factor: second_factor_status(&account, found.totp_secret.is_some()),
        account,
        csrf_token: staff_auth::csrf_token(&token),
    };
    let mut response = private_json(StatusCode::OK, &session);
    let max_age = ABSOLUTE_TIMEOUT.num_seconds();
    (response.headers_mut()).insert(header::SET_COOKIE, cookie(&headers, &token, max_age));
    Ok(response)
}

/// Refuses a sign-in for `login` while the failures counted as `counted_as` (a
/// client's address, or [`staff_auth::CODES_FROM_ANY_CLIENT`]) make it wait.
async fn refuse_while_waiting(
    state: &AppState,
    login: &str,
    counted_as: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let failures = (state.store)
        .sign_in_failures(login, counted_as, now - FAILURE_MEMORY)
        .await?;
    let Some(wait) = staff_auth::sign_in_wait(failures, now) else {
        return Ok(());
    };
    tracing::warn!(target: "security", event = "sign_in_locked", login, counted_as, failures = failures.count, "a sign-in refused until the wait is over");
    Err(AppError::Limited {
        code: ErrorCode::TooManySignIns,
        retry_after: wait.to_std().unwrap_or_default(),
    })
}

/// Who is signed in, with the anti-forgery token for this session.
#[utoipa::path(
    get,
    path = "/api/staff/session",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The session", body = StaffSession),
        (status = 401, description = "Not signed in, or the session timed out", body = huli_contract::ApiErrorBody),
    )
)]
async fn current(Enrolling(staff): Enrolling) -> Response {
    private_json(StatusCode::OK, &staff.session())
}

/// Signs out: the session ends and the cookie is cleared.
#[utoipa::path(
    delete,
    path = "/api/staff/session",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 403, description = "Without the anti-forgery token", body = huli_contract::ApiErrorBody),
    )
)]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    EnrollingWriter(staff): EnrollingWriter,
) -> Result<Response, AppError> {
    state.store.close_staff_session(&staff.token_hash()).await?;
    let clear = cookie(&headers, "", 0);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}
