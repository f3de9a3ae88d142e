//! Says when what the page shows is a copy saved on this device, opened without a
//! connection: since when, and that changes need a connection (nothing is queued).

use crate::format;
use crate::i18n::{t, use_i18n};
use crate::offline;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub fn OfflineNotice() -> impl IntoView {
    let i18n = use_i18n();
    // The oldest saved copy shown: the page, or any answer on it.
    let saved_at = RwSignal::new(None::<DateTime<Utc>>);
    let seen = move |at: DateTime<Utc>| {
        saved_at.update(|oldest| *oldest = Some(oldest.map_or(at, |oldest| oldest.min(at))));
    };
    // In the browser, after the takeover: the server's own page is never a saved copy.
    Effect::new(move || {
        if let Some(at) = offline::page_saved_at() {
            seen(at);
        }
        let listening = window_event_listener_untyped(offline::SAVED_COPY_EVENT, move |event| {
            if let Some(at) = offline::saved_at_of(&event) {
                seen(at);
            }
        });
        on_cleanup(move || listening.remove());
    });
    view! {
        // Always in the page, so that screen readers announce the notice when it appears.
        <div class="offline-notice" role="status">
            {move || saved_at.get().map(|at| {
                let time = format::saved_time(i18n.get_locale(), at);
                view! { <p data-testid="offline-notice">{t!(i18n, offline_notice, time = time)}</p> }
            })}
        </div>
    }
}
