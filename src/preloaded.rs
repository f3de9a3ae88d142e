//! The data a public page's first screen was rendered with. The server renders the page
//! with it and sends it inside the page (a JSON script element); the browser's first
//! render reads the same, so it draws what the server drew without asking the API again.
//! Each value is taken once: a page visited later in the app asks the API.

use huli_contract::{
    PointDetail, PointId, PointSummary, Reading, Scope, Stats, StoryId, StoryView,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The id of the script element that carries it.
pub const ELEMENT_ID: &str = "huli-first-screen";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Preloaded {
    /// The reading the server rendered in.
    pub reading: Option<Reading>,
    /// The path the page was drawn for. Offline, the service worker may open a saved
    /// page in place of one never saved (`public/sw.js`): its data is another page's.
    pub path: Option<String>,
    pub points: Option<Vec<PointSummary>>,
    pub point: Option<PointDetail>,
    /// The figures of the page's scope: the district on `/`, the point on its page.
    pub stats: Option<Stats>,
    /// The published stories, newest first: all of them on `/stories`, the latest alone
    /// on `/` (none if nothing is published).
    pub stories: Option<Vec<StoryView>>,
    /// The story of `/stories/{id}`.
    pub story: Option<StoryView>,
}

#[derive(Clone, Copy)]
struct FirstScreen(StoredValue<Preloaded>);

/// Makes `preloaded` available to the pages below; called once, at the root.
pub fn provide(preloaded: Preloaded) {
    provide_context(FirstScreen(StoredValue::new(preloaded)));
}

fn take<T>(pick: impl FnOnce(&mut Preloaded) -> Option<T>) -> Option<T> {
    let FirstScreen(stored) = use_context::<FirstScreen>()?;
    stored.try_update_value(pick).flatten()
}

pub fn points() -> Option<Vec<PointSummary>> {
    take(|p| p.points.take())
}

pub fn point(id: PointId) -> Option<PointDetail> {
    take(|p| p.point.take_if(|detail| detail.point.id == id))
}

pub fn stats(scope: Scope) -> Option<Stats> {
    take(|p| p.stats.take_if(|stats| stats.scope == scope))
}

pub fn stories() -> Option<Vec<StoryView>> {
    take(|p| p.stories.take())
}

pub fn story(id: StoryId) -> Option<StoryView> {
    take(|p| p.story.take_if(|story| story.id == id))
}

/// The reading the first screen was rendered in.
pub fn reading() -> Option<Reading> {
    use_context::<FirstScreen>()?.0.with_value(|p| p.reading)
}

/// For the i18n context on the server, which has no browser to ask: the language to
/// render in, given as the `Accept-Language` it reads there. The browser ignores it.
pub fn language_request() -> leptos_i18n::context::UseLocalesOptions {
    let tag = crate::language::code(reading().unwrap_or_default());
    leptos_i18n::context::UseLocalesOptions::default()
        .ssr_lang_header_getter(move || Some(tag.to_owned()))
}

/// Reads and removes what the server put in the page; nothing if it put nothing there
/// (a page of the staff console, or an old cached page), and only its reading if it was
/// drawn for another path.
pub fn take_from_page() -> Preloaded {
    let Some(element) = document().get_element_by_id(ELEMENT_ID) else {
        return Preloaded::default();
    };
    element.remove();
    let preloaded: Preloaded = (element.text_content())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let here = window().location().pathname().ok();
    match preloaded.path.is_some() && preloaded.path == here {
        true => preloaded,
        false => Preloaded {
            reading: preloaded.reading,
            ..Preloaded::default()
        },
    }
}

/// True if the server drew the page, for this path, for the app to take it over.
#[cfg(feature = "hydrate")]
pub fn server_drew_page(preloaded: &Preloaded) -> bool {
    preloaded.path.is_some() && document().get_element_by_id("main").is_some()
}

/// Removes what the server drew, so the app draws the page itself: everything in the
/// body but the scripts. Needed where the app cannot take the page over: a build
/// without hydration (the staff console's, the widgets'), or a page the server sent
/// without its frame.
pub fn clear_server_screen() {
    let Some(body) = document().body() else {
        return;
    };
    let nodes = body.child_nodes();
    let server_rendered: Vec<_> = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter(|node| node.node_name() != "SCRIPT")
        .collect();
    for node in server_rendered {
        let _ = body.remove_child(&node);
    }
}
