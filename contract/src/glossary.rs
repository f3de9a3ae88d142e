//! The programme's words, one per idea, in every language: the site, the console, the
//! widgets, exports and certificates all say the same thing the same way.
//!
//! Texts written here in Rust use [`Term::word`]; the app's catalogues (`locales/*.json`)
//! are checked against this list by this module's tests, which fail on a synonym the
//! glossary rules out.

use crate::{Lang, LocalizedText};

/// One idea of the programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    ServicePoint,
    Shift,
    Waitlist,
    /// A unit (office, school, company) paired with points to staff them.
    PartnerUnit,
    /// The unit that runs a shift and verifies its hours.
    OrganisingUnit,
    Team,
    /// A resident who serves on their own, in no team.
    IndividualVolunteer,
    PersonalLink,
    /// Hours the organising unit has confirmed: the only ones that count.
    Verified,
    /// Volunteers checked in at a point right now.
    VolunteersOnDuty,
}

impl Term {
    pub const ALL: [Term; 10] = [
        Term::ServicePoint,
        Term::Shift,
        Term::Waitlist,
        Term::PartnerUnit,
        Term::OrganisingUnit,
        Term::Team,
        Term::IndividualVolunteer,
        Term::PersonalLink,
        Term::Verified,
        Term::VolunteersOnDuty,
    ];

    /// The word to use.
    pub fn word(self, lang: Lang) -> &'static str {
        self.entry(lang).0
    }

    /// Words that mean the same and must not be used instead.
    pub fn ruled_out(self, lang: Lang) -> &'static [&'static str] {
        self.entry(lang).1
    }

    /// The word standing alone, as a value or a heading: English starts it upper case.
    pub fn label(self, lang: Lang) -> String {
        let word = self.word(lang);
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// [`Term::label`] in every language, where a text is stored for all of them.
    pub fn localized(self) -> LocalizedText {
        LocalizedText {
            zh: self.label(Lang::Zh),
            en: self.label(Lang::En),
        }
    }

    fn entry(self, lang: Lang) -> (&'static str, &'static [&'static str]) {
        match (self, lang) {
            (Term::ServicePoint, Lang::Zh) => ("服务点", &["服务站点", "志愿站"]),
            (Term::ServicePoint, Lang::En) => ("service point", &["service station"]),
            (Term::Shift, Lang::Zh) => ("班次", &["时段"]),
            (Term::Shift, Lang::En) => ("shift", &["time slot"]),
            (Term::Waitlist, Lang::Zh) => ("候补", &["排队名单", "等候名单"]),
            (Term::Waitlist, Lang::En) => ("waitlist", &["waiting list"]),
            (Term::PartnerUnit, Lang::Zh) => ("共建单位", &["结对单位", "合作单位"]),
            (Term::PartnerUnit, Lang::En) => ("partner unit", &["paired unit"]),
            (Term::OrganisingUnit, Lang::Zh) => ("组织单位", &["主办单位"]),
            (Term::OrganisingUnit, Lang::En) => ("organising unit", &["organizing unit"]),
            (Term::Team, Lang::Zh) => ("队伍", &["团队"]),
            (Term::Team, Lang::En) => ("team", &["squad"]),
            (Term::IndividualVolunteer, Lang::Zh) => ("个人志愿者", &["散客", "个体志愿者"]),
            (Term::IndividualVolunteer, Lang::En) => {
                ("individual volunteer", &["independent volunteer"])
            }
            (Term::PersonalLink, Lang::Zh) => ("个人链接", &["专属链接", "私人链接"]),
            (Term::PersonalLink, Lang::En) => ("personal link", &["private link", "magic link"]),
            (Term::Verified, Lang::Zh) => ("核实", &["认证", "确认时长", "经审核"]),
            (Term::Verified, Lang::En) => ("verified", &["certified hours", "confirmed hours"]),
            (Term::VolunteersOnDuty, Lang::Zh) => ("在岗志愿者", &["正在服务的志愿者"]),
            (Term::VolunteersOnDuty, Lang::En) => ("on duty", &["serving now", "on shift now"]),
        }
    }
}

/// The check every text the product shows must pass: none of the words the glossary
/// rules out, in its own language. Answers the first offending word.
pub fn ruled_out_word(text: &str, lang: Lang) -> Option<&'static str> {
    let lower = text.to_lowercase();
    Term::ALL
        .into_iter()
        .flat_map(|term| term.ruled_out(lang))
        .copied()
        .find(|word| lower.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::Counter;
    use crate::problem;

    /// Every string of a catalogue, with its key path.
    fn strings(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::String(text) => out.push((prefix.to_owned(), text.clone())),
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    strings(&format!("{prefix}.{key}"), inner, out);
                }
            }
            _ => {}
        }
    }

    fn catalogue(lang: Lang) -> Vec<(String, String)> {
        let raw = match lang {
            Lang::Zh => include_str!("../../locales/zh.json"),
            Lang::En => include_str!("../../locales/en.json"),
        };
        let mut out = Vec::new();
        strings("", &serde_json::from_str(raw).unwrap(), &mut out);
        out
    }

    #[test]
    fn the_apps_texts_use_the_glossary_words_only() {
        for lang in [Lang::Zh, Lang::En] {
            let texts = catalogue(lang);
            for (key, text) in &texts {
                assert_eq!(ruled_out_word(text, lang), None, "{key}: {text}");
            }
            for term in Term::ALL {
                let word = term.word(lang);
                assert!(
                    texts.iter().any(|(_, t)| t.to_lowercase().contains(word)),
                    "the glossary's {term:?} ({word}) is used nowhere in the {lang:?} texts"
                );
            }
        }
    }

    #[test]
    fn the_widgets_and_error_messages_use_the_glossary_words_only() {
        for lang in [Lang::Zh, Lang::En] {
            for counter in Counter::ALL {
                let label = counter.label(lang);
                assert_eq!(ruled_out_word(label, lang), None, "{label}");
            }
            for problem in problem::examples() {
                let message = problem.message(lang);
                assert_eq!(ruled_out_word(&message, lang), None, "{message}");
            }
            for code in problem::ERROR_CODES {
                let message = code.message(lang);
                assert_eq!(ruled_out_word(message, lang), None, "{message}");
            }
        }
    }

    #[test]
    fn a_label_stands_alone() {
        assert_eq!(
            Term::IndividualVolunteer.label(Lang::En),
            "Individual volunteer"
        );
        assert_eq!(Term::IndividualVolunteer.label(Lang::Zh), "个人志愿者");
    }

    #[test]
    fn the_check_finds_a_synonym_in_any_case() {
        assert_eq!(
            ruled_out_word("今年已认证志愿服务时长", Lang::Zh),
            Some("认证")
        );
        assert_eq!(
            ruled_out_word("Join the Waiting List", Lang::En),
            Some("waiting list")
        );
        assert_eq!(ruled_out_word("今年已核实志愿服务时长", Lang::Zh), None);
    }
}
