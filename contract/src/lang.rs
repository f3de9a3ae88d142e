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
    /// The language of the reading an HTTP `Accept-Language` header picks.
    pub fn from_accept_language(header: &str) -> Lang {
        Reading::from_accept_language(header).lang()
    }

    /// The language [`Lang::tag`] names, as a remembered choice (the `huli_lang`
    /// cookie) holds it; `None` for anything else.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-Hans" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

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
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_accept_language("fr-FR, en;q=0.5, zh;q=0.7"),
            Lang::Zh
        );
        assert_eq!(Lang::from_accept_language("de-DE"), Lang::Zh);
        assert_eq!(Lang::from_accept_language(""), Lang::Zh);
        assert_eq!(Lang::from_accept_language("en;q=0, zh-TW"), Lang::Zh);
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
}
