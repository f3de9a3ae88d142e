//! Personal links. A volunteer comes back without SMS or e-mail through a link holding a
//! 256-bit random key; the database keeps only the key's SHA-256, so a stolen database
//! opens no one's sign-ups. A phone number alone never grants access.

use crate::storage::KeyHash;
use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use std::fmt::Write;

const KEY_BYTES: usize = 32;

/// A fresh key, as the volunteer receives it (64 hex digits), and its hash.
pub fn generate() -> (String, KeyHash) {
    let mut bytes = [0u8; KEY_BYTES];
    OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source works");
    let key = bytes
        .iter()
        .fold(String::with_capacity(2 * KEY_BYTES), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
    let hash = hash(&key).expect("a generated key is well formed");
    (key, hash)
}

/// The hash to look a presented key up by; `None` for anything that is not a key.
pub fn hash(key: &str) -> Option<KeyHash> {
    let well_formed = key.len() == 2 * KEY_BYTES && key.bytes().all(|b| b.is_ascii_hexdigit());
    well_formed.then(|| Sha256::digest(key.to_ascii_lowercase().as_bytes()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_only_their_hash_matches() {
        let (first, first_hash) = generate();
        let (second, _) = generate();
        assert_ne!(first, second);
        assert_eq!(hash(&first), Some(first_hash));
        assert_eq!(hash(&first.to_ascii_uppercase()), Some(first_hash));
        assert_eq!(hash("13812341234"), None, "a phone number is not a key");
        assert_eq!(hash(&first[1..]), None);
    }
}
