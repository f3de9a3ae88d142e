//! `/staff/screen#key`: the screen of the device at a service point, opened through the
//! point's display link (no staff session stays open on a screen in public). This
//! minute's check-in code as a QR code (which opens the volunteer's check-in page with
//! it) and as digits for those who type it, today's shifts, and who has checked in. It
//! fetches a new code when the current one ends.

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::status::{LoadError, Loading};
use crate::format;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use chrono::Utc;
use huli_contract::PointDisplay;
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn DeviceScreenPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, display_title).to_owned());
    view! { <Screen /> }
}

#[component]
fn Screen() -> impl IntoView {
    let i18n = use_i18n();
    // The key comes after `#`, which the browser never sends to a server.
    let key = window().location().hash().unwrap_or_default();
    let key = StoredValue::new(key.trim_start_matches('#').to_owned());
    let display = RwSignal::new(None::<Result<PointDisplay, ApiError>>);
    let fetch = move || {
        let locale = i18n.get_locale_untracked();
        leptos::task::spawn_local(async move {
            let answer = api::device_display(&key.get_value(), locale).await;
            display.set(Some(answer));
        });
    };
    fetch();
    // A new code at the turn of each minute; after a failure, another try soon.
    Effect::new(move |_| {
        let wait = match display.get() {
            Some(Ok(shown)) => (shown.next_code_at - Utc::now())
                .num_milliseconds()
                .max(500),
            Some(Err(_)) => 15_000,
            None => return,
        };
        let timer = set_timeout_with_handle(fetch, Duration::from_millis(wait as u64 + 300));
        on_cleanup(move || {
            if let Ok(timer) = timer {
                timer.clear();
            }
        });
    });
    move || match display.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry=fetch /> }.into_any(),
        Some(Ok(shown)) => view! { <Shown shown /> }.into_any(),
    }
}

#[component]
fn Shown(shown: PointDisplay) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let name = shown.point.clone();
    // "123 456": two groups are easier to read off a screen and type.
    let digits: String = shown
        .code
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i == 3).then_some(' ').into_iter().chain([c]))
        .collect();
    // An image, not markup: nothing in the SVG can run in the page.
    let qr_src = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&shown.qr_svg)
    );
    let shifts = shown.shifts.clone();
    view! {
        <section class="point-display" data-testid="point-display">
            <h1>{move || name.get(lang()).to_owned()}</h1>
            <div class="display-code">
                <img class="display-qr" src=qr_src alt=move || t_string!(i18n, display_qr_label) />
                <p>
                    {t!(i18n, display_code_label)}
                    <strong class="display-digits" data-testid="display-code">{digits}</strong>
                </p>
                <p class="note">{t!(i18n, display_how)}</p>
            </div>
            <h2>{t!(i18n, display_today)}</h2>
            {shifts.is_empty().then(|| view! { <p>{t!(i18n, display_no_shifts)}</p> })}
            <ul class="display-shifts">
                {shifts.into_iter().map(|shift| {
                    let names = shift.checked_in.join("、");
                    let count = shift.checked_in.len();
                    view! {
                        <li>
                            <strong>{move || format::shift_window(i18n.get_locale(), shift.window)}</strong>
                            " · "{move || labels::duty(i18n.get_locale(), shift.duty)}
                            <p>{t!(i18n, display_checked_in, count = count, confirmed = shift.confirmed)}</p>
                            <p class="display-names">{names}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
