//! The OpenAPI schemas of the request bodies, built from the very limits their parses
//! check, so that the document says exactly what the server takes: a body valid by
//! its schema is never refused for its shape, and one that is not valid is refused.
//!
//! Patterns are written for both ECMA-262 and Python's `re` (the fuzzer's): character
//! classes are spelled out with `\uXXXX` escapes (never `\s`, `\d` or `.`, which the two
//! read differently), and built from Rust's own `char::is_whitespace` and
//! `char::is_control`, which the parses use.

// Without the `openapi` feature only the tests use the patterns.
#![cfg_attr(not(feature = "openapi"), allow(dead_code))]

/// The characters of a class, as the inside of a regular expression's `[...]`.
fn class_of(chars: impl Iterator<Item = char>, belongs: impl Fn(char) -> bool) -> String {
    let mut ranges: Vec<(char, char)> = Vec::new();
    for c in chars.filter(|c| belongs(*c)) {
        match ranges.last_mut() {
            Some((_, last)) if (*last as u32) + 1 == c as u32 => *last = c,
            _ => ranges.push((c, c)),
        }
    }
    let escape = |c: char| format!("\\u{:04X}", c as u32);
    (ranges.into_iter())
        .map(|(first, last)| match first == last {
            true => escape(first),
            false => format!("{}-{}", escape(first), escape(last)),
        })
        .collect()
}

/// Every white-space and control character lies at or below this one (tested below).
const HIGHEST_SPACE_OR_CONTROL: char = '\u{3000}';

fn below_spaces() -> impl Iterator<Item = char> {
    '\0'..=HIGHEST_SPACE_OR_CONTROL
}

/// What `str::trim`, `split_whitespace` and `char::is_whitespace` take for white space.
fn space() -> String {
    class_of(below_spaces(), char::is_whitespace)
}

/// What `char::is_control` refuses in plain text.
fn control() -> String {
    class_of(below_spaces(), char::is_control)
}

/// White space that plain text may hold (around and inside it).
fn plain_space() -> String {
    class_of(below_spaces(), |c| c.is_whitespace() && !c.is_control())
}

/// `text` with `between` allowed after each of its characters.
fn spaced(text: &str, between: &str) -> String {
    let escape = |c: char| class_of(std::iter::once(c), |_| true);
    (text.chars())
        .map(|c| format!("[{}]{between}", escape(c)))
        .collect()
}

/// Plain text (no control character) holding at least `min` characters that are not
/// white space: what a trimmed length of at least `min` comes to.
pub(crate) fn plain_text_pattern(min: usize) -> String {
    let (c, w) = (control(), space());
    format!("^[^{c}]*(?:[^{c}{w}][^{c}]*){{{min}}}$")
}

/// Text with line breaks (`\n`) and no other control character, holding a character
/// that is not white space: what `crate::stories::paragraphs` takes.
pub(crate) fn paragraphs_pattern() -> String {
    let c = class_of(below_spaces(), |c| c.is_control() && c != '\n');
    let w = space();
    format!("^[^{c}]*[^{c}{w}][^{c}]*$")
}

/// A mainland mobile number as [`crate::PhoneNumber::parse`] takes it, after the
/// form's trim: separators anywhere, a `+`, a country prefix.
pub(crate) fn phone_pattern() -> String {
    let w = space();
    let s = format!(
        "[{}]*",
        class_of(crate::PhoneNumber::SEPARATORS.into_iter(), |_| true)
    );
    let prefixes: Vec<String> = (crate::PhoneNumber::COUNTRY_PREFIXES.iter())
        .map(|(prefix, _)| spaced(prefix, &s))
        .collect();
    format!(
        "^[{w}]*{s}(?:\\u002B{s})?(?:{})?[1]{s}[3-9](?:{s}[0-9]){{9}}{s}[{w}]*$",
        prefixes.join("|")
    )
}

/// A second factor's code as [`crate::SecondFactorCode::parse`] takes it: white space
/// and hyphens anywhere, letters in either case.
pub(crate) fn second_factor_pattern(recovery_too: bool) -> String {
    use crate::second_factor::{ONE_TIME_DIGITS, RECOVERY_ALPHABET, RECOVERY_CODE_CHARS};
    let between = format!("[{}\\u002D]*", space());
    let one_time = format!("(?:[0-9]{between}){{{ONE_TIME_DIGITS}}}");
    if !recovery_too {
        return format!("^{between}{one_time}$");
    }
    let letter = class_of('\0'..='\u{ffff}', |c| {
        let mut lower = c.to_lowercase();
        matches!((lower.next(), lower.next()), (Some(l), None) if l.is_ascii() && RECOVERY_ALPHABET.contains(&(l as u8)))
    });
    let recovery = format!("(?:[{letter}]{between}){{{RECOVERY_CODE_CHARS}}}");
    format!("^{between}(?:{one_time}|{recovery})$")
}

/// `HH:MM`.
pub(crate) const TIME_PATTERN: &str = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$";

/// `YYYY-MM-DD` with years in `years` (all four-digit years without).
pub(crate) fn date_pattern(years: Option<std::ops::RangeInclusive<i32>>) -> String {
    let year = match years {
        None => "[0-9]{4}".to_owned(),
        Some(years) => {
            let mut parts = Vec::new();
            let mut year = *years.start();
            while year <= *years.end() {
                if year % 10 == 0 && year + 9 <= *years.end() {
                    parts.push(format!("{}[0-9]", year / 10));
                    year += 10;
                } else {
                    parts.push(format!("{year:04}"));
                    year += 1;
                }
            }
            format!("(?:{})", parts.join("|"))
        }
    };
    format!("^{year}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$")
}

/// A first or last day of a [`crate::Period`], as query parameters take them too.
pub fn period_day_pattern() -> String {
    date_pattern(Some(crate::Period::YEARS))
}

/// A page's offset in a query: any `u32`, which the query reads.
#[cfg(feature = "openapi")]
pub fn page_offset() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::Integer)
        .minimum(Some(0))
        .maximum(Some(u32::MAX))
        .build()
}

/// RFC 3339 with its offset, as chrono's `parse_from_rfc3339` takes it after the
/// contract's check for a `T` between date and time.
pub(crate) const DATE_TIME_PATTERN: &str = "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\u002E[0-9]+)?(?:[Zz]|[+\\u002D](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

/// A name from `names`, in either case, with white space around it; or only white
/// space when `blank_too`.
pub(crate) fn trimmed_name_pattern(names: &[&str], any_case: bool, blank_too: bool) -> String {
    let w = space();
    let spell = |name: &str| -> String {
        (name.chars())
            .map(|c| match c.is_ascii_alphabetic() && any_case {
                true => format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()),
                false => c.to_string(),
            })
            .collect()
    };
    let names: Vec<String> = names.iter().map(|name| spell(name)).collect();
    let optional = if blank_too { "?" } else { "" };
    format!("^[{w}]*(?:{}){optional}[{w}]*$", names.join("|"))
}

/// A policy number: ASCII letters, digits and its punctuation, white space around.
pub(crate) fn policy_number_pattern() -> String {
    use crate::manage::POLICY_NUMBER_PUNCTUATION;
    let w = plain_space();
    let punctuation = class_of(POLICY_NUMBER_PUNCTUATION.chars(), |_| true);
    format!("^[{w}]*[A-Za-z0-9{punctuation}]+[{w}]*$")
}

/// The last digits of a phone number, typed with white space anywhere.
pub(crate) fn last_digits_pattern() -> String {
    let w = space();
    let digits = crate::ErasureRequest::DIGITS;
    format!("^[{w}]*(?:[0-9][{w}]*){{{digits}}}$")
}

#[cfg(feature = "openapi")]
pub use bodies::*;

#[cfg(feature = "openapi")]
mod bodies;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classes_are_rusts_own() {
        for c in '\0'..=char::MAX {
            if c.is_whitespace() || c.is_control() {
                assert!(c <= HIGHEST_SPACE_OR_CONTROL, "{c:?}");
            }
        }
        assert_eq!(
            space(),
            "\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028-\\u2029\\u202F\\u205F\\u3000"
        );
        assert_eq!(control(), "\\u0000-\\u001F\\u007F-\\u009F");
    }

    #[test]
    fn patterns_come_from_the_limits() {
        assert!(plain_text_pattern(2).contains("{2}$"));
        assert!(date_pattern(Some(2000..=2100)).starts_with("^(?:200[0-9]|201[0-9]|"));
        assert!(date_pattern(Some(2000..=2100)).contains("|209[0-9]|2100)-"));
        let code = second_factor_pattern(true);
        assert!(code.contains("{6}") && code.contains("{10}") && code.contains("\\u212A"));
        assert!(trimmed_name_pattern(&["monday"], true, false).contains("[mM][oO]"));
    }
}
