//! Running staff accounts safely (OWASP ASVS 5.0 level 2): administrators create,
//! disable, re-enable and reset them in the console; everyone changes their own
//! password and can end their other sessions. New passwords are also judged by the
//! server against lists of common and breached passwords, which this crate (shared
//! with the browser) does not carry.

use crate::{NewPassword, Problem, StaffAccount, StaffRole};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A staff account as administrators manage it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub account: StaffAccount,
    /// A disabled account signs in no more; its sessions ended when it was disabled.
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    /// When a session of the account was last used, if any is open.
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// `POST /api/staff/accounts`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
pub struct AccountForm {
    /// 3 to 40 characters, no spaces.
    pub login: String,
    /// As the console and the audit log show it: 1 to 40 characters.
    pub display_name: String,
    pub role: StaffRole,
    /// The first password, which the administrator hands over in person.
    pub password: String,
}

/// An account to create, as far as the form alone can tell.
#[derive(Clone, PartialEq)]
pub struct NewAccount {
    pub login: String,
    pub display_name: String,
    pub role: StaffRole,
    pub password: NewPassword,
}

/// The fewest characters in a login; the most is [`crate::LoginForm::MAX_LOGIN_CHARS`].
pub const MIN_LOGIN_CHARS: usize = 3;
/// The most characters in a short name (an account's, a display device's).
pub const SHORT_NAME_MAX_CHARS: usize = 40;

/// A login name: 3 to 40 characters, no white space or control characters (around it,
/// white space is trimmed).
pub fn parse_login(input: &str) -> Result<String, Problem> {
    let login = input.trim();
    let max = crate::LoginForm::MAX_LOGIN_CHARS;
    match login.chars().count() {
        0 => Err(Problem::Required),
        n if n < MIN_LOGIN_CHARS => Err(Problem::TooShort {
            min: MIN_LOGIN_CHARS as u32,
        }),
        n if n > max => Err(Problem::TooLong { max: max as u32 }),
        _ if login.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Err(Problem::NotPlainText)
        }
        _ => Ok(login.to_owned()),
    }
}

/// A short name as people see it (an account's, a display device's): 1 to 40
/// characters of plain text, runs of white space made one space. The limit counts the
/// characters as sent, white space included, as the API's schema says (`maxLength`).
pub fn parse_short_name(input: &str) -> Result<String, Problem> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        _ if input.chars().any(char::is_control) => Err(Problem::NotPlainText),
        0 => Err(Problem::Required),
        _ if input.chars().count() > SHORT_NAME_MAX_CHARS => Err(Problem::TooLong {
            max: SHORT_NAME_MAX_CHARS as u32,
        }),
        _ => Ok(name),
    }
}

impl AccountForm {
    /// Every field's problem at once.
    pub fn parse(&self) -> Result<NewAccount, Vec<(String, Problem)>> {
        let mut problems = Vec::new();
        let login = parse_login(&self.login);
        let display_name = parse_short_name(&self.display_name);
        let password = NewPassword::parse(&self.password);
        for (name, problem) in [
            ("login", login.as_ref().err()),
            ("display_name", display_name.as_ref().err()),
            ("password", password.as_ref().err()),
        ] {
            if let Some(problem) = problem {
                problems.push((name.to_owned(), problem.clone()));
            }
        }
        match (login, display_name, password) {
            (Ok(login), Ok(display_name), Ok(password)) => Ok(NewAccount {
                login,
                display_name,
                role: self.role,
                password,
            }),
            _ => Err(problems),
        }
    }
}

/// `POST /api/staff/accounts/{id}/password`: a new password an administrator sets for
/// an account whose owner forgot theirs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct PasswordReset {
    pub password: String,
}

/// `PUT /api/staff/session/password`: changing one's own password.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// How many sessions a request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionsEnded {
    pub ended: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_form_names_every_bad_field() {
        let form = AccountForm {
            login: "a b".into(),
            display_name: " ".into(),
            role: StaffRole::Administrator,
            password: "short".into(),
        };
        let fields: Vec<_> = (form.parse().err().unwrap().into_iter())
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["login", "display_name", "password"]);
        let good = AccountForm {
            login: " coord-3 ".into(),
            display_name: "林  老师".into(),
            password: "lantern ferry orchid 47".into(),
            ..form
        };
        let account = good.parse().unwrap();
        assert_eq!(
            (account.login.as_str(), account.display_name.as_str()),
            ("coord-3", "林 老师")
        );
        assert_eq!(parse_login("ab"), Err(Problem::TooShort { min: 3 }));
        let padded = format!(" {} ", "x".repeat(SHORT_NAME_MAX_CHARS - 1));
        assert_eq!(parse_short_name(&padded), Err(Problem::TooLong { max: 40 }));
        assert_eq!(
            parse_login(&"x".repeat(41)),
            Err(Problem::TooLong { max: 40 })
        );
    }
}
