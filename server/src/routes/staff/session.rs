//! `/api/staff/session`: signing in, who is signed in, signing out.

use super::extract::{Staff, StaffWriter, session_token};
use crate::AppState;
use crate::error::AppError;
use crate::routes::private_json;
use crate::staff_auth::{self, ABSOLUTE_TIMEOUT, COOKIE, MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_contract::{ErrorCode, LoginForm, StaffSession};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in, current, sign_out))
}

/// The session cookie: never readable by scripts, not sent with other sites' requests
/// that change state, and only over HTTPS where the proxy says we are behind it.
fn cookie(headers: &HeaderMap, value: &str, max_age: i64) -> HeaderValue {
    let https = headers
        .get("x-forwarded-proto")
        .is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"));
    let secure = if https { "; Secure" } else { "" };
    let cookie =
        format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).expect("a cookie of ASCII")
}

/// Signs in with a login and password and sets a new session cookie (a session the
/// browser already had is closed: the session is renewed at each sign-in). After
/// five failures within 15 minutes a login waits.
#[utoipa::path(
    post,
    path = "/api/staff/session",
    tag = "staff",
    request_body = LoginForm,
    responses(
        (status = 200, description = "Signed in; the cookie is set", body = StaffSession),
        (status = 401, description = "The login or password is wrong", body = huli_contract::ApiErrorBody),
        (status = 429, description = "Too many failed sign-ins", body = huli_contract::ApiErrorBody),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(form): Json<LoginForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let login = form.login.trim();
    let failures = state
        .store
        .failed_sign_ins_since(login, now - SIGN_IN_WINDOW)
        .await?;
    if failures >= MAX_FAILED_SIGN_INS {
        return Err(AppError::Refused(ErrorCode::TooManySignIns));
    }
    let found = state.store.staff_credentials(login).await?;
    let password = form.password;
    let stored = found.as_ref().map(|(_, hash)| hash.clone());
    // Hashing takes a moment of CPU; it must not hold up the other requests.
    let verified = tokio::task::spawn_blocking(move || {
        staff_auth::verify_password(stored.as_deref(), &password)
    })
    .await
    .map_err(|error| AppError::Internal(error.to_string()))?;
    let Some((account, _)) = found.filter(|_| verified) else {
        state.store.record_failed_sign_in(login, now).await?;
        return Err(AppError::Refused(ErrorCode::SignInFailed));
    };
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
    let session = StaffSession {
        account,
        csrf_token: staff_auth::csrf_token(&token),
    };
    let mut response = private_json(StatusCode::OK, &session);
    let max_age = ABSOLUTE_TIMEOUT.num_seconds();
    (response.headers_mut()).insert(header::SET_COOKIE, cookie(&headers, &token, max_age));
    Ok(response)
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
async fn current(staff: Staff) -> Response {
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
    StaffWriter(staff): StaffWriter,
) -> Result<Response, AppError> {
    let hash = staff_auth::token_hash(&staff.token);
    state.store.close_staff_session(&hash).await?;
    let clear = cookie(&headers, "", 0);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}
