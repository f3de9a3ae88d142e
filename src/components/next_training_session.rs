//! For a volunteer refused a duty for want of its training: which training opens it, and
//! when and where its next session is, with the way to sign up for that session; or that
//! none is scheduled yet.

use crate::api;
use crate::components::site_link::SiteLink;
use crate::components::status::loaded;
use crate::format::shift_window;
use crate::i18n::{t, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use huli_contract::{Training, TrainingSessionView};
use leptos::prelude::*;

#[component]
pub fn NextTrainingSession(training: Training) -> impl IntoView {
    let i18n = use_i18n();
    let sessions = LocalResource::new(move || {
        api::training_sessions(Some(training), i18n.get_locale_untracked())
    });
    let name = move || labels::training(i18n.get_locale(), training);
    view! {
        <section class="notice" aria-labelledby="next-training-heading" data-testid="next-training">
            <h3 id="next-training-heading">{t!(i18n, sessions.next_heading, training = name)}</h3>
            {loaded(sessions, move |sessions: Vec<TrainingSessionView>| {
                // The server answers the soonest first.
                match sessions.into_iter().next() {
                    Some(session) => view! { <Next session /> }.into_any(),
                    None => view! { <p>{t!(i18n, sessions.next_none)}</p> }.into_any(),
                }
            })}
        </section>
    }
}

#[component]
fn Next(session: TrainingSessionView) -> impl IntoView {
    let i18n = use_i18n();
    let window = session.window;
    let href = format!(
        "/trainings?training={}#session-{}",
        enum_name(&session.training),
        session.id.0
    );
    view! {
        <p>
            {t!(i18n, sessions.next_when,
                when = move || shift_window(i18n.get_locale(), window),
                place = session.place)}
        </p>
        <p class="actions"><SiteLink href>{t!(i18n, sessions.sign_up)}</SiteLink></p>
    }
}
