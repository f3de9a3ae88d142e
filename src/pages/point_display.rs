//! `/staff/display/:id`: the screen of the device at a service point. This minute's
//! check-in code as a QR code (which opens the volunteer's check-in page with it) and
//! as digits for those who type it, today's shifts, and who has checked in. It fetches
//! a new code when the current one ends. `/staff/display` picks the point (and offers
//! its roster).

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{LoadError, Loading, loaded};
use crate::format;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use chrono::Utc;
use huli_contract::{PointDisplay, PointId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

#[component]
pub fn DisplayChooserPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, display_title).to_owned());
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    view! {
        <h1>{t!(i18n, display_title)}</h1>
        <StaffGate page=move |session| {
            let manages = session.account.role.may_manage();
            view! {
            <p>{t!(i18n, display_choose)}</p>
            {loaded(points, move |points| view! {
                <ul class="display-points">
                    {points.into_iter().map(|point| {
                        let name = point.name.clone();
                        view! {
                            <li>
                                <strong>{move || name.get(api::lang_of(i18n.get_locale())).to_owned()}</strong>
                                " "<a href=format!("/staff/display/{}", point.id.0)>{t!(i18n, staff_nav_display)}</a>
                                " "<a href=format!("/staff/roster/{}", point.id.0)>{t!(i18n, roster_title)}</a>
                                {manages.then(|| view! {
                                    " "<a href=format!("/staff/points/{}", point.id.0)>{t!(i18n, point_edit_title)}</a>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            }
        } />
    }
}

#[component]
pub fn PointDisplayPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, display_title).to_owned());
    view! { <StaffGate page=|_| view! { <Screen /> } /> }
}

#[component]
fn Screen() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let point = move || {
        let raw = params.read().get("id");
        raw.and_then(|raw| raw.parse::<i64>().ok()).map(PointId)
    };
    let display = RwSignal::new(None::<Result<PointDisplay, ApiError>>);
    let fetch = move || {
        let locale = i18n.get_locale_untracked();
        let point = point();
        leptos::task::spawn_local(async move {
            let answer = match point {
                Some(point) => api::point_display(point, locale).await,
                None => Err(ApiError::NotFound),
            };
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
