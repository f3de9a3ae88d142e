//! Personal links. A volunteer comes back without SMS or e-mail through a link holding a
//! 256-bit random key (`huli_contract::AccessKey`); the database keeps only the key's
//! SHA-256, so a stolen database opens no one's sign-ups. A phone number alone never
//! grants access.

use crate::storage::KeyHash;
use huli_contract::AccessKey;
use sha2::{Digest, Sha256};

/// What the database keeps of a key. The key holds 256 random bits, so a fast hash is
/// enough: there is nothing to guess that a slow one would protect.
pub fn hash(key: &AccessKey) -> KeyHash {
    Sha256::digest(key.as_str().as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_hashes_the_same_however_it_is_cased_and_a_phone_number_is_no_key() {
        let lower = AccessKey::parse(&"ab".repeat(32)).unwrap();
        let upper = AccessKey::parse(&"AB".repeat(32)).unwrap();
        assert_eq!(hash(&lower), hash(&upper));
        assert_ne!(
            hash(&lower),
            hash(&AccessKey::parse(&"ac".repeat(32)).unwrap())
        );
        assert!(AccessKey::parse("13812341234").is_err());
    }
}
