//! "My trainings" on `/me`: the volunteer's sign-ups for sessions that have not ended,
//! with their status, place on the waitlist and attendance, a cancel that keeps the
//! shifts' deadline, and the way to the sessions on offer.

use crate::api;
use crate::browser;
use crate::components::cancel_signup::CancelSignup;
use crate::components::signup_item::SignupState;
use crate::components::site_link::SiteLink;
use crate::components::status::loaded;
use crate::components::training_session_summary::TrainingSessionSummary;
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::{AccessKey, SignupStatus, TrainingSignupView};
use leptos::prelude::*;

#[component]
pub fn MyTrainings(access: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let access = StoredValue::new(access);
    let signups = LocalResource::new(move || {
        let key = access.get_value();
        async move { api::my_training_signups(&key, i18n.get_locale_untracked()).await }
    });
    // The list is drawn anew after a cancellation; its heading keeps the reader's place.
    let changed = Callback::new(move |()| {
        signups.refetch();
        browser::focus_soon("my-trainings-heading");
    });
    view! {
        <section aria-labelledby="my-trainings-heading" data-testid="my-trainings">
            <h2 id="my-trainings-heading" tabindex="-1">{t!(i18n, sessions.mine_heading)}</h2>
            {loaded(signups, move |list: Vec<TrainingSignupView>| {
                if list.is_empty() {
                    return view! { <p>{t!(i18n, sessions.mine_none)}</p> }.into_any();
                }
                view! {
                    <ul class="signup-list">
                        {list.into_iter().map(|signup| view! {
                            <TrainingSignupItem signup key=access.get_value() on_changed=changed />
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <p class="actions"><SiteLink href="/trainings">{t!(i18n, sessions.find)}</SiteLink></p>
        </section>
    }
}

#[component]
fn TrainingSignupItem(
    signup: TrainingSignupView,
    key: AccessKey,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = signup.id;
    let training = signup.session.training;
    let active = signup.status != SignupStatus::Cancelled;
    let waitlisted = signup.status == SignupStatus::Waitlisted;
    let window = signup.session.window;
    let send = move |request_key: String| {
        let (key, locale) = (key.clone(), i18n.get_locale_untracked());
        async move {
            let cancelled = api::cancel_training_signup(&key, id, &request_key, locale).await;
            cancelled.map(|_| ())
        }
    };
    let question = move || {
        if waitlisted {
            t!(i18n, sessions.cancel_question_waitlisted).into_any()
        } else {
            t!(i18n, sessions.cancel_question).into_any()
        }
    };
    let attended = signup
        .attended
        .then(|| view! { " · "<span class="insured">{t!(i18n, sessions.attended)}</span> });
    view! {
        <li class="signup-item" data-status=format!("{:?}", signup.status).to_lowercase() data-testid="training-signup">
            <p class="signup-status">
                <strong><SignupState status=signup.status position=signup.waitlist_position /></strong>
                {attended}
            </p>
            <h3>{move || labels::training(i18n.get_locale(), training)}</h3>
            <TrainingSessionSummary session=signup.session />
            {(active && !signup.attended).then(|| view! {
                <CancelSignup name=format!("training-{}", id.0) window question send on_cancelled=on_changed />
            })}
        </li>
    }
}
