//! The first screen of a public page, rendered on the server by the same components the
//! browser runs, from the same data it will read ([`Preloaded`]). No effect runs here,
//! so nothing reaches for a browser API or the network: the live counters connect, the
//! map draws and the clock ticks once the page is in the browser.
//!
//! The page is rendered whole, at once (no streaming), so what waits for data in a
//! `Suspense` cannot be taken over from it: a page draws such parts once it runs in the
//! browser (as `SignupFlow` does), or draws them from the data it was given.

use crate::app::Build;
use crate::i18n::{Locale, td_string};
use crate::labels;
pub use crate::language::code as language_code;
use crate::language::locale_of;
use crate::preloaded::{self, Preloaded};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_router::location::RequestUrl;

/// The body of the page at `url` (its path and query), drawn from `preloaded` in its
/// language by the build that serves it (the residents' or the volunteers').
pub fn body(url: &str, preloaded: Preloaded) -> String {
    static TASKS_ON_TOKIO: std::sync::Once = std::sync::Once::new();
    // Leptos starts a few tasks of its own while rendering (the i18n context does).
    TASKS_ON_TOKIO.call_once(|| {
        // Already set (by an earlier server in the same process): it is tokio then too.
        let _ = any_spawner::Executor::init_tokio();
    });
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(url));
        preloaded::provide(preloaded);
        let path = url.split(['?', '#']).next().unwrap_or_default();
        match Build::of_path(path) {
            Build::Volunteer => crate::VolunteerApp().to_html(),
            _ => crate::PublicApp().to_html(),
        }
    })
}

/// What a page says of itself in `<head>`: its title, and the description and picture
/// that search engines and a shared link's preview show.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// The preview's picture (a path on this site); the site's own if none.
    pub image: Option<String>,
    /// Whether the page is an article (a story) rather than a page of the site.
    pub article: bool,
}

/// How long a story's preview description is, in characters.
const STORY_DESCRIPTION_CHARS: usize = 100;

/// The head of the page at `path` (with its query, if any) drawn from `preloaded`: a
/// point's page names the point, a story's page the story.
pub fn head(path: &str, preloaded: &Preloaded) -> Head {
    let reading = preloaded.reading.unwrap_or_default();
    let (lang, locale) = (reading.lang(), locale_of(reading));
    let site = td_string!(locale, site_name);
    let page = |title: &str, description: &str| Head {
        title: format!("{title} · {site}"),
        description: description.to_owned(),
        image: None,
        article: false,
    };
    if let Some(story) = &preloaded.story {
        return Head {
            title: format!("{} · {site}", story.title),
            description: story.summary(STORY_DESCRIPTION_CHARS),
            image: story.photo.clone(),
            article: true,
        };
    }
    match &preloaded.point {
        Some(detail) => {
            let point = &detail.point;
            let services: Vec<&str> = (point.services.iter())
                .map(|service| labels::service(locale, *service))
                .collect();
            page(
                point.name.get(lang),
                &format!(
                    "{}{}{}",
                    point.address.get(lang),
                    separator(locale),
                    services.join(list_separator(locale)),
                ),
            )
        }
        None => match path.split(['?', '#']).next().unwrap_or_default() {
            "/signup" => page(
                td_string!(locale, signup_title),
                td_string!(locale, signup_intro),
            ),
            "/me" => page(td_string!(locale, me_title), td_string!(locale, me_intro)),
            "/shifts" => page(
                td_string!(locale, open_shifts_title),
                td_string!(locale, open_shifts_intro),
            ),
            "/trainings" => page(
                td_string!(locale, sessions.title),
                td_string!(locale, sessions.intro),
            ),
            "/stories" => page(
                td_string!(locale, stories.title),
                td_string!(locale, stories.intro),
            ),
            _ => page(
                td_string!(locale, home_title),
                td_string!(locale, home_intro),
            ),
        },
    }
}

fn separator(locale: Locale) -> &'static str {
    match locale {
        Locale::zh | Locale::zh_Hant => "。",
        Locale::en => ". ",
    }
}

fn list_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::zh | Locale::zh_Hant => "、",
        Locale::en => ", ",
    }
}
