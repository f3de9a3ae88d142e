//! Registering once, then signing up for the chosen shift: the body of `/signup`, and of
//! an embedded point's sign-up once a shift is chosen there.

use crate::api::{self, ApiError};
use crate::components::calendar_link::CalendarLink;
use crate::components::next_training_session::NextTrainingSession;
use crate::components::personal_link_notice::PersonalLinkNotice;
use crate::components::registration_form::RegistrationFormView;
use crate::components::shift_summary::ShiftSummary;
use crate::components::signup_action::SignupAction;
use crate::components::site_link::SiteLink;
use crate::components::status::{LoadError, Loading};
use crate::i18n::{t, use_i18n};
use crate::{browser, personal_link};
use huli_contract::{
    AccessKey, ErrorCode, Registered, ShiftId, ShiftView, SignupStatus, SignupView, Training,
};
use leptos::prelude::*;

#[component]
pub fn SignupFlow(#[prop(into)] shift: Signal<Option<ShiftId>>) -> impl IntoView {
    let i18n = use_i18n();
    // The server drew the page without the key this browser saved, nor the shift it
    // fetches with it.
    let key = RwSignal::new(None);
    let in_browser = browser::read_browser_state(move || key.set(personal_link::saved()));
    let welcome = RwSignal::new(None::<(Registered, AccessKey)>);
    let on_registered = move |(registered, access): (Registered, AccessKey)| {
        personal_link::save(&access);
        key.set(Some(access.clone()));
        welcome.set(Some((registered, access)));
        // The form is gone; the welcome takes the focus it held.
        browser::focus_soon("welcome");
    };
    let forget_key = move |()| {
        personal_link::forget();
        key.set(None);
    };
    let welcome_view = move || {
        welcome.get().map(|(registered, access)| {
            let name = registered.volunteer_name;
            view! {
                <p class="success" id="welcome" tabindex="-1" role="status">
                    {t!(i18n, registered_welcome, name = name)}
                </p>
                <PersonalLinkNotice key=access />
            }
        })
    };
    view! {
        {welcome_view}
        {move || match shift.get() {
            _ if !in_browser.get() => ().into_any(),
            Some(id) => view! { <ChosenShift id key on_key_rejected=forget_key /> }.into_any(),
            None if key.with(Option::is_some) => view! {
                <p>{t!(i18n, signup_registered_intro)}</p>
                <p class="actions">
                    <SiteLink href="/shifts">{t!(i18n, signup_choose_shift)}</SiteLink>
                    <SiteLink href="/me">{t!(i18n, see_my_signups)}</SiteLink>
                </p>
            }.into_any(),
            None => ().into_any(),
        }}
        {move || (in_browser.get() && key.with(Option::is_none)).then(|| view! { <RegistrationFormView on_registered /> })}
    }
}

/// The shift from the link, with the sign-up button once the volunteer is registered.
#[component]
fn ChosenShift(
    id: ShiftId,
    key: RwSignal<Option<AccessKey>>,
    #[prop(into)] on_key_rejected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shift = LocalResource::new(move || api::shift(id, i18n.get_locale_untracked()));
    view! {
        <section class="chosen-shift" aria-labelledby="chosen-shift-heading">
            <h2 id="chosen-shift-heading" tabindex="-1">{t!(i18n, signup_shift_heading)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match shift.await {
                        Ok(shift) => view! { <ShiftToSignUp shift key on_key_rejected /> }.into_any(),
                        Err(ApiError::NotFound) => view! { <p class="notice">{t!(i18n, signup_not_available)}</p> }.into_any(),
                        Err(error) => view! { <LoadError error retry=move || shift.refetch() /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The shift, and the button to sign up for it once the volunteer has a key. The shift's
/// places are those after the sign-up, once made. When the duty needs a training the
/// volunteer's record lacks (or the sign-up is refused for it), it names that training's
/// next session.
#[component]
fn ShiftToSignUp(
    shift: ShiftView,
    key: RwSignal<Option<AccessKey>>,
    on_key_rejected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(shift.clone());
    let refused_untrained = RwSignal::new(false);
    let training = shift.required_training;
    // The trainings valid today on the volunteer's record, for a duty that needs one.
    let record = LocalResource::new(move || {
        let (key, locale) = (key.get(), i18n.get_locale_untracked());
        async move {
            match (training, key) {
                (Some(_), Some(key)) => api::my_record(&key, locale).await.ok(),
                _ => None,
            }
        }
    });
    let lacking = Memo::new(move |_| {
        let lacks = |needed: &Training| {
            let on_record = record.get().flatten().map(|mine| mine.trainings);
            refused_untrained.get() || on_record.is_some_and(|held| !held.contains(needed))
        };
        training.filter(lacks)
    });
    let action = move |key: AccessKey| {
        let shift_id = shift.id;
        let send = move |request_key: String| {
            let (key, locale) = (key.clone(), i18n.get_locale_untracked());
            async move { api::sign_up(&key, shift_id, &request_key, locale).await }
        };
        view! {
            <SignupAction
                availability=shift.availability(chrono::Utc::now())
                send
                confirm=move || t!(i18n, signup_confirm_button)
                waitlist=move || t!(i18n, signup_waitlist_button)
                show=move |signup: SignupView| view! { <SignedUp signup /> }
                outcome_id="signup-outcome"
                on_key_rejected
                on_signed_up=move |signup: SignupView| current.set(signup.shift)
                on_refused=move |code| {
                    if code == ErrorCode::TrainingRequired {
                        refused_untrained.set(true);
                    }
                }
            />
        }
    };
    view! {
        <ShiftSummary shift=current />
        {move || match key.get() {
            Some(key) => action(key).into_any(),
            None => view! { <p class="notice">{t!(i18n, signup_register_first)}</p> }.into_any(),
        }}
        {move || lacking.get().map(|training| view! { <NextTrainingSession training /> })}
    }
}

/// What a sign-up for a shift came to, with the shift for the calendar when confirmed.
#[component]
fn SignedUp(signup: SignupView) -> impl IntoView {
    let i18n = use_i18n();
    let calendar = (signup.status == SignupStatus::Confirmed)
        .then(|| view! { <CalendarLink shift=signup.shift.id /> });
    let message = match signup.waitlist_position {
        Some(position) => t!(i18n, signup_waitlisted, position = position).into_any(),
        None => t!(i18n, signup_confirmed).into_any(),
    };
    view! {
        <p class="success" id="signup-outcome" tabindex="-1">{message}</p>
        <p class="actions">
            {calendar}
            <SiteLink href="/me">{t!(i18n, see_my_signups)}</SiteLink>
        </p>
    }
}
