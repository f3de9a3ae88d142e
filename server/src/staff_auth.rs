//! Staff sign-in: passwords hashed with argon2id, session tokens of which only a hash is
//! stored, and the anti-forgery token derived from the session.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::Duration;
use huli_contract::NewPassword;
use rand::TryRngCore;
use sha2::{Digest, Sha256};

/// The session cookie's name.
pub const COOKIE: &str = "huli_staff";

/// A session ends after this long without a request…
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// …and after this long in any case: staff sign in again each working day.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// Failed sign-ins for one login within [`SIGN_IN_WINDOW`] before it must wait.
pub const MAX_FAILED_SIGN_INS: u32 = 5;
pub const SIGN_IN_WINDOW: Duration = Duration::minutes(15);

/// OWASP's argon2id settings (Password Storage Cheat Sheet; ASVS 2.4): 19 MiB of memory,
/// two passes, one lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string to store for `password`, with a fresh random salt.
pub fn hash_password(password: &NewPassword) -> String {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut salt)
        .expect("the system's random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    argon2()
        .hash_password(password.as_str().as_bytes(), &salt)
        .expect("argon2id hashes any password")
        .to_string()
}

/// Whether `candidate` is the password behind `stored`. Without an account (`None`) a
/// hash is still computed, so the time taken does not tell which logins exist.
pub fn verify_password(stored: Option<&str>, candidate: &str) -> bool {
    // A hash of a password nobody has, computed once.
    static DECOY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        hash_password(&NewPassword::parse("decoy password, never valid").expect("long enough"))
    });
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DECOY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = argon2()
        .verify_password(candidate.as_bytes(), &parsed)
        .is_ok();
    real && matches
}

/// A new session's token for the cookie: 256 random bits as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the system's random source");
    hex(&bytes)
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The anti-forgery token of a session: derived from the cookie's token, so a page of
/// another site, which can neither read our cookie nor our responses, cannot know it.
pub fn csrf_token(token: &str) -> String {
    let mut digest = Sha256::new();
    digest.update(b"huli csrf\0");
    digest.update(token.as_bytes());
    hex(&digest.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_hash_is_argon2id_and_verifies_only_its_password() {
        let password = NewPassword::parse("correct horse battery").unwrap();
        let stored = hash_password(&password);
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify_password(Some(&stored), "correct horse battery"));
        assert!(!verify_password(Some(&stored), "correct horse battery!"));
        assert!(!verify_password(None, "decoy password, never valid"));
        assert_ne!(stored, hash_password(&password), "a fresh salt each time");
    }

    #[test]
    fn the_csrf_token_follows_from_the_session_token_alone() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        assert_eq!(csrf_token(&token), csrf_token(&token));
        assert_ne!(csrf_token(&token), csrf_token(&new_token()));
        assert_ne!(csrf_token(&token), token);
    }
}
