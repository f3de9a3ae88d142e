//! Filters that live in the URL's query string, so back, forward and a shared link
//! restore them. The router takes a new URL a moment after it is asked to; the page
//! shows the change at once, and a second change made in that moment builds on the
//! first rather than on the URL as it was.
//!
//! What the page shows is a signal set by each change, not a memo of the URL: while the
//! router catches up, a memo would show the older URL for a moment between two changes.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

/// How to write a change into the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A step of its own, which Back undoes.
    Add,
    /// In place of the current entry: for typing, letter by letter.
    Replace,
}

/// The router's way to a new URL.
type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

#[derive(Clone, Copy)]
pub struct UrlQuery {
    shown: RwSignal<ParamsMap>,
    /// The queries asked for that the URL has not reached yet, oldest first.
    on_their_way: StoredValue<Vec<ParamsMap>>,
    navigate: StoredValue<Navigate, LocalStorage>,
    path: Memo<String>,
}

impl UrlQuery {
    /// The current page's query; call it in a component.
    pub fn new() -> Self {
        let url = use_query_map();
        let shown = RwSignal::new(url.get_untracked());
        let on_their_way = StoredValue::new(Vec::<ParamsMap>::new());
        Effect::new(move || {
            let now = url.get();
            let ours = on_their_way.with_value(|asked| asked.iter().position(|q| *q == now));
            match ours {
                // One of our own changes arriving: the page shows it, or a later one, already.
                Some(at) => on_their_way.update_value(|asked| drop(asked.drain(..=at))),
                // Back, forward or a link: the URL leads.
                None => {
                    on_their_way.update_value(Vec::clear);
                    if shown.with_untracked(|shown| *shown != now) {
                        shown.set(now);
                    }
                }
            }
        });
        let navigate: Navigate = Box::new(use_navigate());
        Self {
            shown,
            on_their_way,
            navigate: StoredValue::new_local(navigate),
            path: use_location().pathname,
        }
    }

    /// The query as the page should show it: with the latest change asked for in place.
    pub fn params(&self) -> ReadSignal<ParamsMap> {
        self.shown.read_only()
    }

    /// Changes the query of the page, which stays the same page, scrolled where it was.
    pub fn update(&self, step: Step, change: impl FnOnce(&mut ParamsMap)) {
        let mut next = self.shown.get_untracked();
        change(&mut next);
        if self.shown.with_untracked(|shown| *shown == next) {
            return;
        }
        let query = next.to_query_string();
        self.on_their_way
            .update_value(|asked| asked.push(next.clone()));
        self.shown.set(next);
        let options = NavigateOptions {
            replace: step == Step::Replace,
            scroll: false,
            ..Default::default()
        };
        let path = self.path.get_untracked();
        self.navigate
            .with_value(|navigate| navigate(&format!("{path}{query}"), options));
    }
}
