//! The staff console's requests about staff accounts: administrators run them, everyone
//! changes their own password, ends their other sessions and runs their second factor.

use super::ApiError;
use super::staff::{staff_get, staff_send};
use crate::i18n::Locale;
use gloo_net::http::Request;
use huli_contract::{
    AccountForm, AccountView, PasswordChange, PasswordConfirmation, PasswordReset, RecoveryCodes,
    SecondFactorConfirmation, SecondFactorEnrolment, SessionsEnded,
};

pub async fn staff_accounts(locale: Locale) -> Result<Vec<AccountView>, ApiError> {
    staff_get("/api/staff/accounts", locale).await
}

pub async fn create_account(
    form: &AccountForm,
    csrf: &str,
    locale: Locale,
) -> Result<AccountView, ApiError> {
    staff_send(Request::post("/api/staff/accounts"), locale, csrf, form).await
}

/// Disables the account (its sessions end at once), or re-enables it.
pub async fn set_account_enabled(
    id: i64,
    enabled: bool,
    csrf: &str,
    locale: Locale,
) -> Result<AccountView, ApiError> {
    let action = if enabled { "enable" } else { "disable" };
    let path = format!("/api/staff/accounts/{id}/{action}");
    staff_send(Request::post(&path), locale, csrf, &()).await
}

pub async fn reset_account_password(
    id: i64,
    password: &str,
    csrf: &str,
    locale: Locale,
) -> Result<SessionsEnded, ApiError> {
    let path = format!("/api/staff/accounts/{id}/password");
    let body = PasswordReset {
        password: password.to_owned(),
    };
    staff_send(Request::post(&path), locale, csrf, &body).await
}

pub async fn change_own_password(
    change: &PasswordChange,
    csrf: &str,
    locale: Locale,
) -> Result<SessionsEnded, ApiError> {
    staff_send(
        Request::put("/api/staff/session/password"),
        locale,
        csrf,
        change,
    )
    .await
}

pub async fn end_other_sessions(csrf: &str, locale: Locale) -> Result<SessionsEnded, ApiError> {
    staff_send(
        Request::delete("/api/staff/session/others"),
        locale,
        csrf,
        &(),
    )
    .await
}

/// A new secret to scan, given the account's password; not in force until
/// [`confirm_second_factor`].
pub async fn begin_second_factor(
    password: &str,
    csrf: &str,
    locale: Locale,
) -> Result<SecondFactorEnrolment, ApiError> {
    let body = PasswordConfirmation {
        password: password.to_owned(),
    };
    staff_send(Request::post(SECOND_FACTOR), locale, csrf, &body).await
}

/// Puts the new secret in force with the app's code; the recovery codes, shown once.
pub async fn confirm_second_factor(
    code: &str,
    csrf: &str,
    locale: Locale,
) -> Result<RecoveryCodes, ApiError> {
    let body = SecondFactorConfirmation {
        code: code.to_owned(),
    };
    staff_send(Request::put(SECOND_FACTOR), locale, csrf, &body).await
}

/// Switches the second factor off, with the password typed again.
pub async fn switch_off_second_factor(
    password: &str,
    csrf: &str,
    locale: Locale,
) -> Result<(), ApiError> {
    let body = PasswordConfirmation {
        password: password.to_owned(),
    };
    staff_send(Request::delete(SECOND_FACTOR), locale, csrf, &body).await
}

const SECOND_FACTOR: &str = "/api/staff/session/second-factor";
