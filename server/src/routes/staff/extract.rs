//! Who is behind a staff request: the session cookie, and for anything that changes
//! state, the session's anti-forgery token and our own origin.

use crate::AppState;
use crate::error::AppError;
pub use crate::routes::extract::JsonForm;
use crate::routes::extract::over_https;
use crate::staff_auth;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use huli_contract::{ErrorCode, SecondFactorStatus, StaffAccount, StaffSession, is_secret_shaped};
use sha2::{Digest, Sha256};

/// The session token the request's cookie carries: behind HTTPS only the `__Host-`
/// cookie counts.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    let prefix = format!("{}=", staff_auth::cookie_name(over_https(headers)));
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(&prefix).map(str::to_owned))
        .filter(|token| is_secret_shaped(token))
}

/// A signed-in staff member, for requests that only read. An administrator who has
/// not enrolled a second factor yet is refused here: see [`Enrolling`].
pub struct Staff {
    pub account: StaffAccount,
    pub token: String,
    pub second_factor: SecondFactorStatus,
}

impl Staff {
    pub fn session(&self) -> StaffSession {
        StaffSession {
            account: self.account.clone(),
            csrf_token: staff_auth::csrf_token(&self.token),
            second_factor: self.second_factor,
        }
    }

    pub fn token_hash(&self) -> [u8; 32] {
        staff_auth::token_hash(&self.token)
    }
}

/// Where an account stands with its second factor, from whether it has one.
pub fn second_factor_status(account: &StaffAccount, on: bool) -> SecondFactorStatus {
    match (on, account.role.is_administrator()) {
        (true, _) => SecondFactorStatus::On,
        (false, true) => SecondFactorStatus::Required,
        (false, false) => SecondFactorStatus::Off,
    }
}

/// Any signed-in staff member, even one who must enrol a second factor before doing
/// anything else: for who is signed in, signing out, and enrolling.
pub struct Enrolling(pub Staff);

impl FromRequestParts<AppState> for Enrolling {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let signed_out = AppError::Refused(ErrorCode::StaffSignInRequired);
        let token = session_token(&parts.headers).ok_or(signed_out.clone())?;
        let hash = staff_auth::token_hash(&token);
        let session = staff_auth::signed_in(&*state.store, &hash, state.clock.now()).await?;
        let session = session.ok_or(signed_out)?;
        Ok(Enrolling(Staff {
            second_factor: second_factor_status(&session.account, session.second_factor_on),
            account: session.account,
            token,
        }))
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Enrolling(staff) = Enrolling::from_request_parts(parts, state).await?;
        if staff.second_factor == SecondFactorStatus::Required {
            return Err(AppError::Refused(ErrorCode::SecondFactorEnrolmentRequired));
        }
        Ok(staff)
    }
}

/// A signed-in staff member whose request may change state: it carries the session's
/// anti-forgery token, and if the browser says where it comes from, it is our origin.
pub struct StaffWriter(pub Staff);

/// [`Enrolling`], for a request that changes state: enrolling, signing out.
pub struct EnrollingWriter(pub Staff);

fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        // Browsers send Origin with every cross-site write; a request without one is
        // not a browser's forged form, and the token check still applies.
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    host.is_some() && origin_host == host
}

/// Compares digests, so the time taken does not tell how much of a guess was right.
fn same_secret(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

/// The request's anti-forgery token and origin, checked for `staff`'s session.
fn forgery_check(parts: &Parts, staff: &Staff) -> Result<(), AppError> {
    let sent = parts
        .headers
        .get(StaffSession::CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let expected = staff_auth::csrf_token(&staff.token);
    if !same_origin(&parts.headers) || !same_secret(sent, &expected) {
        tracing::warn!(target: "security", event = "forgery_refused", account = staff.account.id, "a staff write without the session's anti-forgery token or from another site");
        return Err(AppError::Refused(ErrorCode::ForgeryCheckFailed));
    }
    Ok(())
}

impl FromRequestParts<AppState> for StaffWriter {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let staff = Staff::from_request_parts(parts, state).await?;
        forgery_check(parts, &staff)?;
        Ok(StaffWriter(staff))
    }
}

impl FromRequestParts<AppState> for EnrollingWriter {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Enrolling(staff) = Enrolling::from_request_parts(parts, state).await?;
        forgery_check(parts, &staff)?;
        Ok(EnrollingWriter(staff))
    }
}

/// Only administrators go on.
pub fn administrator(staff: &Staff) -> Result<(), AppError> {
    match staff.account.role.is_administrator() {
        true => Ok(()),
        false => Err(AppError::Refused(ErrorCode::NotAllowed)),
    }
}
