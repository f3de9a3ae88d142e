//! The rotating check-in code a point's display shows: like TOTP (RFC 6238), six digits
//! derived from the point's secret and the current minute, so a code seen yesterday, or
//! sent from the point to a friend at home, soon stops working.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A code lives for one step, and the previous step's code is still accepted, so a
/// volunteer who read it just before it changed is not turned away.
pub const STEP_SECONDS: i64 = 60;

fn code_for_step(secret: &[u8], step: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // RFC 4226 dynamic truncation.
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

/// The code the point's display shows at `at`.
pub fn code_at(secret: &[u8], at: DateTime<Utc>) -> String {
    code_for_step(secret, at.timestamp().div_euclid(STEP_SECONDS))
}

/// Whether `typed` is the code of this minute or the last. Spaces are ignored.
pub fn accepts(secret: &[u8], typed: &str, now: DateTime<Utc>) -> bool {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let step = now.timestamp().div_euclid(STEP_SECONDS);
    [step, step - 1]
        .into_iter()
        .any(|s| code_for_step(secret, s) == typed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_code_works_for_its_minute_and_the_next_then_expires() {
        let secret = [7u8; 32];
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let code = code_at(&secret, now);
        assert_eq!(code.len(), 6);
        assert!(accepts(&secret, &code, now));
        assert!(accepts(
            &secret,
            &format!("{} {}", &code[..3], &code[3..]),
            now
        ));
        assert!(accepts(
            &secret,
            &code,
            now + Duration::seconds(STEP_SECONDS)
        ));
        assert!(!accepts(
            &secret,
            &code,
            now + Duration::seconds(2 * STEP_SECONDS)
        ));
        assert!(!accepts(&[8u8; 32], &code, now), "another point's code");
    }
}
