//! One upcoming training session on `/trainings`: its training, the session itself, and
//! the button that signs the volunteer up once their link is saved here. Its id
//! (`session-ID`) is where a link to the one session leads.

use crate::api;
use crate::components::signup_action::SignupAction;
use crate::components::site_link::SiteLink;
use crate::components::training_session_summary::TrainingSessionSummary;
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::{
    AccessKey, SignerFacts, TrainingSessionView, TrainingSignupView, decide_place,
};
use leptos::prelude::*;

/// The element a link to session `id` focuses.
pub fn heading_id(id: i64) -> String {
    format!("session-{id}-heading")
}

#[component]
pub fn TrainingSessionItem(
    session: TrainingSessionView,
    key: RwSignal<Option<AccessKey>>,
    /// Called when the server no longer knows the key (replaced by staff, say).
    #[prop(into)]
    on_key_rejected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (session_id, training) = (session.id, session.training);
    let id = session_id.0;
    // What anyone would get: the volunteer's own overlaps and count are the server's to weigh.
    let anyone = SignerFacts {
        trainings: &[],
        holds_overlapping_shift: false,
        upcoming_signups: 0,
    };
    let availability = decide_place(&session.facts(), &anyone, chrono::Utc::now());
    let current = RwSignal::new(session);
    let action = move |key: AccessKey| {
        let send = move |request_key: String| {
            let (key, locale) = (key.clone(), i18n.get_locale_untracked());
            async move { api::sign_up_for_training(&key, session_id, &request_key, locale).await }
        };
        view! {
            <SignupAction
                availability
                send
                confirm=move || t!(i18n, sessions.sign_up)
                waitlist=move || t!(i18n, sessions.join_waitlist)
                show=move |signup: TrainingSignupView| view! { <SignedUp signup /> }
                outcome_id=format!("session-{id}-outcome")
                on_key_rejected
                on_signed_up=move |signup: TrainingSignupView| current.set(signup.session)
            />
        }
    };
    view! {
        <li class="signup-item" id=format!("session-{id}") data-testid="training-session">
            <h3 id=heading_id(id) tabindex="-1">{move || labels::training(i18n.get_locale(), training)}</h3>
            <TrainingSessionSummary session=current />
            {move || key.get().map(action)}
        </li>
    }
}

/// What a sign-up for a session came to.
#[component]
fn SignedUp(signup: TrainingSignupView) -> impl IntoView {
    let i18n = use_i18n();
    let message = match signup.waitlist_position {
        Some(position) => t!(i18n, sessions.waitlisted, position = position).into_any(),
        None => t!(i18n, sessions.confirmed).into_any(),
    };
    view! {
        <p class="success" id=format!("session-{}-outcome", signup.session.id.0) tabindex="-1">{message}</p>
        <p class="actions"><SiteLink href="/me">{t!(i18n, see_my_signups)}</SiteLink></p>
    }
}
