//! One training session as a volunteer weighs it: when, where, who teaches it, who
//! organises it, the places left or the waitlist, and how long the training then holds.
//! Its training is named by whoever shows it.

use crate::api;
use crate::format::shift_window;
use crate::i18n::{t, use_i18n};
use huli_contract::TrainingSessionView;
use leptos::prelude::*;

#[component]
pub fn TrainingSessionSummary(
    /// Replaced after a sign-up, so that its places are those after it.
    #[prop(into)]
    session: Signal<TrainingSessionView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (current, session) = (session, session.get_untracked());
    let locale = move || i18n.get_locale();
    let window = session.window;
    let (place, trainer, organiser) = (session.place, session.trainer, session.organiser);
    let places = move || {
        let (places_left, waiting) = current.with(|s| (s.places_left(), s.waitlisted));
        if places_left > 0 {
            t!(i18n, places_left, count = places_left).into_any()
        } else {
            t!(i18n, shift_full_waiting, count = waiting).into_any()
        }
    };
    let validity = match session.valid_years {
        Some(years) => t!(i18n, sessions.valid_years, years = years).into_any(),
        None => t!(i18n, sessions.no_expiry).into_any(),
    };
    view! {
        <div class="shift-summary" data-testid="session-summary">
            <p class="shift-when">{move || shift_window(locale(), window)}</p>
            <p>{t!(i18n, sessions.place, place = place)}</p>
            <p>{t!(i18n, sessions.trainer, trainer = trainer)}</p>
            <p>{t!(i18n, organised_by, unit = move || organiser.get(api::lang_of(locale())).to_owned())}</p>
            <p class="shift-places">{places}</p>
            <p class="note">{validity}</p>
        </div>
    }
}
