//! The staff's second factor: RFC 6238 codes checked against an account's secret, each
//! step accepted once, and one-time recovery codes kept only as hashes.

use huli_contract::StaffAccount;
use huli_contract::second_factor::{RECOVERY_ALPHABET, RECOVERY_CODE_CHARS, RECOVERY_CODES};
use rand::TryRngCore;
use rand::seq::IndexedRandom;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

/// The name authenticator apps show beside the account's login.
const ISSUER: &str = "湖里学雷锋";
/// RFC 6238's recommended step.
const STEP_SECONDS: u64 = 30;
/// 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

fn totp(secret: &[u8], login: &str) -> TOTP {
    // One step either side: a phone's clock a little off, a code typed at the turn.
    TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        login.to_owned(),
    )
}

/// A fresh secret from the system's random source.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::rngs::OsRng
        .try_fill_bytes(&mut secret)
        .expect("the system's random source");
    secret
}

/// What the account's owner types into their app: the secret in base32, in groups of
/// four, and the `otpauth://` address for the QR code to scan.
pub struct ForTheApp {
    pub secret: String,
    pub otpauth_uri: String,
}

pub fn for_the_app(secret: &[u8], account: &StaffAccount) -> ForTheApp {
    let totp = totp(secret, &account.login);
    let base32 = totp.get_secret_base32();
    let grouped = (base32.as_bytes().chunks(4))
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    ForTheApp {
        secret: grouped,
        otpauth_uri: totp.get_url(),
    }
}

/// The step (30-second period since the epoch) whose code `digits` is, at `unix_seconds`
/// give or take one step; `None` when it is none of them. The caller accepts a step
/// only once.
pub fn matching_step(secret: &[u8], digits: &str, unix_seconds: i64) -> Option<i64> {
    let totp = totp(secret, "");
    let now = u64::try_from(unix_seconds).ok()? / STEP_SECONDS;
    [now.saturating_sub(1), now, now + 1]
        .into_iter()
        .find(|step| {
            let expected = totp.generate(step * STEP_SECONDS);
            // Digests compared, so the time taken does not tell how many digits were right.
            Sha256::digest(expected.as_bytes()) == Sha256::digest(digits.as_bytes())
        })
        .and_then(|step| i64::try_from(step).ok())
}

/// Ten new recovery codes, as the owner writes them down.
pub fn new_recovery_codes() -> Vec<String> {
    let mut random = rand::rngs::OsRng.unwrap_err();
    (0..RECOVERY_CODES)
        .map(|_| {
            (0..RECOVERY_CODE_CHARS)
                .map(|_| char::from(*RECOVERY_ALPHABET.choose(&mut random).expect("letters")))
                .collect()
        })
        .collect()
}

/// What the database keeps of a recovery code: it carries about 50 random bits, so a
/// plain hash is enough (a password needs argon2 because people choose it).
pub fn recovery_code_hash(code: &str) -> [u8; 32] {
    let mut digest = Sha256::new();
    digest.update(b"huli recovery code\0");
    digest.update(code.as_bytes());
    digest.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use huli_contract::SecondFactorCode;

    /// RFC 6238, appendix B: the SHA-1 test vectors (eight digits there; the last six
    /// are what a six-digit app shows).
    #[test]
    fn codes_follow_rfc_6238() {
        let secret = b"12345678901234567890";
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            let six = &eight[2..];
            assert_eq!(
                matching_step(secret, six, time),
                Some(time / 30),
                "at {time}"
            );
            assert_eq!(matching_step(secret, six, time + 30), Some(time / 30));
            assert_eq!(matching_step(secret, six, time + 60), None, "two steps on");
        }
    }

    #[test]
    fn recovery_codes_are_ten_distinct_codes_that_parse() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(
                SecondFactorCode::parse(code),
                Ok(SecondFactorCode::Recovery(code.clone()))
            );
        }
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert_ne!(recovery_code_hash(&codes[0]), recovery_code_hash(&codes[1]));
    }
}
