//! Registering once, then signing up for the chosen shift: the body of `/signup`, and of
//! an embedded point's sign-up once a shift is chosen there.

use crate::api::{self, ApiError};
use crate::components::personal_link_notice::PersonalLinkNotice;
use crate::components::registration_form::RegistrationFormView;
use crate::components::shift_summary::ShiftSummary;
use crate::components::signup_action::SignupAction;
use crate::components::site_link::SiteLink;
use crate::components::status::{LoadError, Loading};
use crate::i18n::{t, use_i18n};
use crate::{browser, personal_link};
use huli_contract::{AccessKey, Registered, ShiftId, ShiftView, SignupView};
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
/// places are those after the sign-up, once made.
#[component]
fn ShiftToSignUp(
    shift: ShiftView,
    key: RwSignal<Option<AccessKey>>,
    on_key_rejected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(shift.clone());
    let on_signed_up = move |signup: SignupView| current.set(signup.shift);
    view! {
        <ShiftSummary shift=current />
        {move || match key.get() {
            Some(key) => view! { <SignupAction shift=shift.clone() key on_key_rejected on_signed_up /> }.into_any(),
            None => view! { <p class="notice">{t!(i18n, signup_register_first)}</p> }.into_any(),
        }}
    }
}
