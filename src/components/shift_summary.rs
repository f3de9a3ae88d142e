//! One shift as a volunteer weighs it: when, where, which duty, who organises it, how
//! many places are left or waiting, the insurance and any training it needs.

use crate::api;
use crate::components::site_link::SiteLink;
use crate::format::shift_window;
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::ShiftView;
use leptos::prelude::*;

#[component]
pub fn ShiftSummary(
    /// Replaced after an action on it, so that its places are those after the action.
    #[prop(into)]
    shift: Signal<ShiftView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (current, shift) = (shift, shift.get_untracked());
    let locale = move || i18n.get_locale();
    let lang = move || api::lang_of(locale());
    let window = shift.window;
    let point_href = format!("/points/{}", shift.point_id.0);
    let (point, organiser) = (shift.point_name.clone(), shift.organiser.clone());
    let places = move || {
        let (places_left, waiting) = current.with(|shift| (shift.places_left(), shift.waitlisted));
        if places_left > 0 {
            t!(i18n, places_left, count = places_left).into_any()
        } else {
            t!(i18n, shift_full_waiting, count = waiting).into_any()
        }
    };
    let insured = (shift.duty.is_high_risk() && shift.insured)
        .then(|| view! { <p class="note insured">{t!(i18n, insured_note)}</p> });
    let training = shift.required_training.map(|training| {
        let name = move || labels::training(locale(), training);
        view! { <p class="note training">{t!(i18n, training_required, training = name)}</p> }
    });
    view! {
        <div class="shift-summary" data-testid="shift-summary">
            <p class="shift-when">{move || shift_window(locale(), window)}</p>
            <p>
                <SiteLink href=point_href>{move || point.get(lang()).to_owned()}</SiteLink>
                " · "{move || labels::duty(locale(), shift.duty)}
            </p>
            <p>{t!(i18n, organised_by, unit = move || organiser.get(lang()).to_owned())}</p>
            <p class="shift-places">{places}</p>
            {insured}
            {training}
        </div>
    }
}
