//! One upcoming shift in a point's list: when, what duty, places left or the waitlist,
//! and the way to sign up: a link to `/signup`, or (in an embedded sign-up) a button
//! that chooses the shift right there.

use crate::components::site_link::SiteLink;
use crate::format::shift_window;
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::{ShiftId, ShiftView, SignupStatus};
use leptos::prelude::*;

#[component]
pub fn ShiftItem(
    shift: ShiftView,
    /// Chooses the shift in place instead of linking to the sign-up page.
    #[prop(optional, into)]
    on_choose: Option<Callback<ShiftId>>,
    /// Whether it is the chosen one (for `on_choose`).
    #[prop(optional, into)]
    chosen: Signal<bool>,
    /// Names the point too, in a list of every point's shifts.
    #[prop(optional)]
    with_point: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let id = shift.id;
    let places_left = shift.places_left();
    let waiting = shift.waitlisted;
    let waitlist_only = shift.availability(chrono::Utc::now()) == Ok(SignupStatus::Waitlisted);
    let when = move || shift_window(locale(), shift.window);
    let places = move || {
        if waitlist_only {
            t!(i18n, shift_full_waiting, count = waiting).into_any()
        } else {
            t!(i18n, places_left, count = places_left).into_any()
        }
    };
    let label = move || {
        view! {
            {move || if waitlist_only { t!(i18n, join_waitlist).into_any() } else { t!(i18n, sign_up).into_any() }}
            // Read out with the control, so each "sign up" names its shift.
            <span class="visually-hidden">" "{when}</span>
        }
    };
    let action = match on_choose {
        Some(choose) => view! {
            <button type="button" class="button-link" aria-pressed=move || chosen.get().to_string()
                on:click=move |_| choose.run(id)>
                {label()}
            </button>
        }
        .into_any(),
        None => view! {
            <SiteLink href=format!("/signup?shift={}", id.0) class="button-link">{label()}</SiteLink>
        }
        .into_any(),
    };
    let point = with_point.then(|| {
        let (name, href) = (
            shift.point_name.clone(),
            format!("/points/{}", shift.point_id.0),
        );
        let name = move || name.get(crate::api::lang_of(locale())).to_owned();
        view! { <SiteLink href class="shift-point">{name}</SiteLink> }
    });
    view! {
        <li class="shift-item" data-shift=id.0>
            <span class="shift-when">{when}</span>
            {point}
            <span class="shift-duty">{move || labels::duty(locale(), shift.duty)}</span>
            <span class="shift-places">{places}</span>
            {action}
        </li>
    }
}
