//! Mainland China mobile numbers: personal information under PIPL, so the type also
//! knows how to mask itself for staff views.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An 11-digit mainland mobile number (`1[3-9]` then nine digits), stored without
/// separators or country code.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// What people type between digits, and the parse leaves out.
    pub const SEPARATORS: [char; 6] = [' ', '-', '.', '(', ')', '\u{3000}'];
    /// The country code's prefixes the parse takes off, with the length of the digits
    /// (the `+` left out) it takes them off.
    pub const COUNTRY_PREFIXES: [(&'static str, usize); 2] = [("0086", 15), ("86", 13)];

    /// Accepts what people type: spaces, dashes, dots and brackets, and a `+86`, `0086`
    /// or `86` prefix.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let mut digits: String = input
            .chars()
            .filter(|c| !Self::SEPARATORS.contains(c))
            .collect();
        if let Some(rest) = digits.strip_prefix('+') {
            digits = rest.to_owned();
        }
        if let Some((prefix, _)) = (Self::COUNTRY_PREFIXES.iter())
            .find(|(prefix, length)| digits.len() == *length && digits.starts_with(prefix))
        {
            digits.drain(..prefix.len());
        }
        let bytes = digits.as_bytes();
        let well_formed = bytes.len() == 11
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'1'
            && (b'3'..=b'9').contains(&bytes[1]);
        if well_formed {
            Ok(PhoneNumber(digits))
        } else {
            Err("a mainland mobile number has 11 digits and starts with 13 to 19")
        }
    }

    /// The form staff views show: `138****1234`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

/// Debug output masks too, so a phone number never lands whole in a log line.
impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_people_type() {
        for input in [
            "13812341234",
            "138 1234 1234",
            "138-1234-1234",
            "+86 138 1234 1234",
            "0086 13812341234",
            "8613812341234",
        ] {
            assert_eq!(
                PhoneNumber::parse(input).unwrap().as_str(),
                "13812341234",
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_mobile_number() {
        for input in [
            "",
            "1381234123",
            "138123412345",
            "12812341234",
            "23812341234",
            "1381234abcd",
            "0592-1234567",
        ] {
            assert!(PhoneNumber::parse(input).is_err(), "{input}");
        }
    }

    #[test]
    fn masks_the_middle_four_digits_even_in_debug_output() {
        let phone = PhoneNumber::parse("13812341234").unwrap();
        assert_eq!(phone.masked(), "138****1234");
        assert_eq!(format!("{phone:?}"), "PhoneNumber(138****1234)");
    }
}
