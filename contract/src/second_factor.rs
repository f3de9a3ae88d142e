//! The staff's second factor (OWASP ASVS 5.0, chapter 6): a time-based one-time code
//! (RFC 6238: six digits, 30-second steps, HMAC-SHA-1, as every authenticator app
//! makes), enrolled by scanning a QR code, with ten one-time recovery codes for a lost
//! phone. Required for administrators, who may do nothing else until they enrol; any
//! other account may switch it on.

use crate::Problem;
use serde::{Deserialize, Serialize};

/// Where an account stands with its second factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SecondFactorStatus {
    /// Not switched on; the account's role does not require it.
    Off,
    /// Switched on: signing in takes a code as well as the password.
    On,
    /// The role requires it and it is not switched on yet: until it is, the session
    /// may only enrol (or sign out).
    Required,
}

/// Recovery codes are written in this alphabet: lower-case letters and digits without
/// the easily confused 0/o, 1/l/i.
pub const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters in a recovery code (about 50 bits: ten of them will not be guessed).
pub const RECOVERY_CODE_CHARS: usize = 10;
/// Digits in the authenticator app's code.
pub const ONE_TIME_DIGITS: usize = 6;
/// How many recovery codes enrolment hands out.
pub const RECOVERY_CODES: usize = 10;

/// A code typed at sign-in or enrolment: six digits from the authenticator app, or
/// a recovery code. Spaces and hyphens are ignored, and case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondFactorCode {
    OneTime(String),
    Recovery(String),
}

impl SecondFactorCode {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let plain: String = (input.chars())
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        let recovery_letters = plain.bytes().all(|b| RECOVERY_ALPHABET.contains(&b));
        match plain.len() {
            0 => Err(Problem::Required),
            ONE_TIME_DIGITS if plain.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Self::OneTime(plain))
            }
            RECOVERY_CODE_CHARS if recovery_letters => Ok(Self::Recovery(plain)),
            _ => Err(Problem::NotASecondFactorCode),
        }
    }

    /// Only the authenticator's six digits: enrolment proves the app has the secret.
    pub fn parse_one_time(input: &str) -> Result<String, Problem> {
        match Self::parse(input)? {
            Self::OneTime(digits) => Ok(digits),
            Self::Recovery(_) => Err(Problem::NotASecondFactorCode),
        }
    }
}

/// The answer to `POST /api/staff/session/second-factor`: a new secret to scan, not in
/// force until a code made from it is confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorEnrolment {
    /// The secret in base32, in groups of four, for typing into an app by hand.
    pub secret: String,
    /// The `otpauth://totp/…` address the QR code holds.
    pub otpauth_uri: String,
    /// The QR code of `otpauth_uri` as an SVG document.
    pub qr_svg: String,
}

/// `PUT /api/staff/session/second-factor`: the app's current code, which switches the
/// new secret on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct SecondFactorConfirmation {
    pub code: String,
}

/// The recovery codes, shown once: each signs in once in place of the app's code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// The account's password typed again, to begin enrolling a second factor or to switch
/// it off (`POST`, `DELETE /api/staff/session/second-factor`): a session left open, or
/// stolen, can neither put a phone of its own in force nor weaken the account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct PasswordConfirmation {
    pub password: String,
}

/// A recovery code as shown: two groups of five.
pub fn grouped_recovery_code(code: &str) -> String {
    let (first, second) = code.split_at(code.len() / 2);
    format!("{first}-{second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_told_apart_by_their_shape() {
        assert_eq!(
            SecondFactorCode::parse(" 123 456 "),
            Ok(SecondFactorCode::OneTime("123456".into()))
        );
        assert_eq!(
            SecondFactorCode::parse("ABCDE-fghjk"),
            Ok(SecondFactorCode::Recovery("abcdefghjk".into()))
        );
        assert_eq!(SecondFactorCode::parse(""), Err(Problem::Required));
        for wrong in ["12345", "1234567", "abcde-fghj0", "12345a"] {
            assert_eq!(
                SecondFactorCode::parse(wrong),
                Err(Problem::NotASecondFactorCode),
                "{wrong}"
            );
        }
        assert_eq!(
            SecondFactorCode::parse_one_time("abcde-fghjk"),
            Err(Problem::NotASecondFactorCode)
        );
        assert_eq!(grouped_recovery_code("abcdefghjk"), "abcde-fghjk");
    }
}
