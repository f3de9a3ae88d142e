//! The two languages every page and every error message is written in, and the three
//! ways a visitor reads them.

use serde::{Deserialize, Serialize};

/// A user-facing language. Simplified Chinese is the default: the product is for
/// Huli's residents first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Also read from `zh-Hans` and `zh-Hant`, as a `?lang=` parameter of a link may
    /// give it: the server writes Chinese, and converts it for a Traditional reader.
    #[default]
    #[serde(alias = "zh-Hans", alias = "zh-Hant")]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::En => "en",
        }
    }
}

/// How a visitor reads the site: [`Lang`] is the language text is written in, and
/// Chinese is written once, in Simplified characters; a visitor from Taiwan, Hong Kong
/// or Macao reads it in Traditional ones, converted where text leaves the server and,
/// for the app's own words, when the app is built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Reading {
    #[default]
    #[serde(rename = "zh-Hans")]
    Simplified,
    #[serde(rename = "zh-Hant")]
    Traditional,
    #[serde(rename = "en")]
    English,
}

impl Reading {
    pub const ALL: [Reading; 3] = [Reading::Simplified, Reading::Traditional, Reading::English];

    /// The language its text is written in.
    pub fn lang(self) -> Lang {
        match self {
            Reading::Simplified | Reading::Traditional => Lang::Zh,
            Reading::English => Lang::En,
        }
    }

    /// The BCP 47 tag for `lang` attributes and `Content-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Reading::Simplified => "zh-Hans",
            Reading::Traditional => "zh-Hant",
            Reading::English => "en",
        }
    }

    /// The reading [`Reading::tag`] names, as a remembered choice holds it.
    pub fn from_tag(tag: &str) -> Option<Reading> {
        match tag {
            "zh-Hans" | "zh" => Some(Reading::Simplified),
            "zh-Hant" => Some(Reading::Traditional),
            "en" => Some(Reading::English),
            _ => None,
        }
    }

    /// The reading of one language tag of `Accept-Language`, if we have its language:
    /// Chinese in Traditional characters when the tag says so (`zh-Hant…`) or names a
    /// region that writes them (`zh-TW`, `zh-HK`, `zh-MO`). `tag` is in lower case.
    fn of_tag(tag: &str) -> Option<Reading> {
        let mut parts = tag.split('-');
        match parts.next()? {
            "zh" => {
                let subtags: Vec<&str> = parts.collect();
                // A script subtag decides; without one, the region does.
                let traditional = if subtags.contains(&"hant") {
                    true
                } else if subtags.contains(&"hans") {
                    false
                } else {
                    (subtags.iter()).any(|region| matches!(*region, "tw" | "hk" | "mo"))
                };
                Some(if traditional {
                    Reading::Traditional
                } else {
                    Reading::Simplified
                })
            }
            "en" => Some(Reading::English),
            _ => None,
        }
    }

    /// Picks the first supported reading of an HTTP `Accept-Language` header, honouring
    /// q-values; anything unsupported or absent falls back to Simplified Chinese.
    pub fn from_accept_language(header: &str) -> Reading {
        let mut best: Option<(f32, Reading)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let Some(reading) = Reading::of_tag(&tag) else {
                continue;
            };
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, reading));
            }
        }
        best.map(|(_, reading)| reading).unwrap_or_default()
    }
}

impl From<Lang> for Reading {
    /// Chinese in the characters it is written in.
    fn from(lang: Lang) -> Reading {
        match lang {
            Lang::Zh => Reading::Simplified,
            Lang::En => Reading::English,
        }
    }
}

/// `text`, which our code wrote in Simplified Chinese, in Traditional characters: the
/// longest of `words` at each place, a character at a time. `words` is the table a build
/// script made with `traditional::word_table` from that very code, so a browser build
/// converts its own words without carrying the dictionaries.
pub fn written_with(words: &[(&str, &str)], text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        // The longest of the words that starts here, if any.
        let found = (rest.char_indices().map(|(at, c)| at + c.len_utf8()))
            .take_while(|&end| rest[..end].chars().all(|c| c > '\u{2FFF}'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .find_map(|end| {
                let at = words.binary_search_by_key(&&rest[..end], |(word, _)| word);
                at.ok().map(|at| (end, words[at].1))
            });
        match found {
            Some((end, traditional)) => {
                out.push_str(traditional);
                rest = &rest[end..];
            }
            None => {
                out.push(first);
                rest = &rest[first.len_utf8()..];
            }
        }
    }
    out
}

/// Text that staff enter in both languages (a point's name, its address).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalizedText {
    pub zh: String,
    pub en: String,
}

impl LocalizedText {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_highest_supported_quality() {
        let reading = Reading::from_accept_language;
        assert_eq!(reading("en-US,en;q=0.9"), Reading::English);
        assert_eq!(reading("zh-CN,zh;q=0.9,en;q=0.8"), Reading::Simplified);
        assert_eq!(reading("fr-FR, en;q=0.5, zh;q=0.7"), Reading::Simplified);
        assert_eq!(reading("de-DE"), Reading::Simplified);
        assert_eq!(reading(""), Reading::Simplified);
        assert_eq!(reading("en;q=0, zh-TW"), Reading::Traditional);
    }

    #[test]
    fn taiwan_hong_kong_macao_and_hant_read_traditional() {
        for header in [
            "zh-TW",
            "zh-HK",
            "zh-MO",
            "zh-Hant",
            "zh-Hant-TW",
            "zh-tw,en;q=0.5",
        ] {
            assert_eq!(
                Reading::from_accept_language(header),
                Reading::Traditional,
                "{header}"
            );
        }
        for header in ["zh-CN", "zh", "zh-Hans-HK", "zh-SG", "", "fr"] {
            assert_eq!(
                Reading::from_accept_language(header),
                Reading::Simplified,
                "{header}"
            );
        }
        assert_eq!(
            Reading::from_accept_language("en-GB,zh-TW;q=0.8"),
            Reading::English
        );
        for reading in Reading::ALL {
            assert_eq!(Reading::from_tag(reading.tag()), Some(reading));
        }
        assert_eq!(Reading::Traditional.lang(), Lang::Zh);
    }

    #[test]
    fn written_with_takes_the_longest_word_then_single_characters() {
        // Sorted, as the build script writes them.
        let words = [
            ("万", "萬"),
            ("实", "實"),
            ("时", "時"),
            ("时长", "時長"),
            ("核实", "核實"),
        ];
        assert_eq!(written_with(&words, "已核实时长 1.2万"), "已核實時長 1.2萬");
        assert_eq!(written_with(&words, "Hours 时"), "Hours 時");
        assert_eq!(written_with(&words, ""), "");
    }
}
