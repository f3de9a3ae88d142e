//! `/me`: the volunteer's own record and sign-ups, opened by their personal link.

use crate::api::{self, AccessKey, ApiError};
use crate::components::layout::set_title;
use crate::components::signup_item::SignupItem;
use crate::components::status::{LoadError, Loading};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::personal_link;
use huli_contract::MyRecord;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, me_title).to_owned());
    let key = RwSignal::new(personal_link::take_from_url().or_else(personal_link::saved));
    let forgotten = RwSignal::new(false);
    let forget = move |_| {
        personal_link::forget();
        key.set(None);
        forgotten.set(true);
    };
    view! {
        <h1>{t!(i18n, me_title)}</h1>
        {move || match key.get() {
            Some(access) => view! {
                <Record access on_key_rejected=move || { personal_link::forget(); key.set(None); } />
                <button type="button" class="secondary" on:click=forget>{t!(i18n, me_forget_device)}</button>
            }.into_any(),
            None => view! {
                {move || forgotten.get().then(|| view! { <p class="success" role="status">{t!(i18n, me_forgotten)}</p> })}
                <p>{t!(i18n, me_no_link)}</p>
                <p>{t!(i18n, me_lost_link)}</p>
                <p><A href="/signup">{t!(i18n, me_register)}</A></p>
            }.into_any(),
        }}
    }
}

#[component]
fn Record(access: AccessKey, #[prop(into)] on_key_rejected: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let fetch_key = access.clone();
    let record = LocalResource::new(move || {
        let key = fetch_key.clone();
        let locale = i18n.get_locale_untracked();
        async move { api::my_record(&key, locale).await }
    });
    view! {
        <Suspense fallback=Loading>
            {move || {
                let access = access.clone();
                Suspend::new(async move {
                    match record.await {
                        Ok(mine) => view! { <RecordView mine access on_changed=move || record.refetch() /> }.into_any(),
                        Err(ApiError::Unauthorized) => {
                            on_key_rejected.run(());
                            view! { <p role="alert">{t!(i18n, error_personal_link)}</p> }.into_any()
                        }
                        Err(error) => view! { <LoadError error retry=move || record.refetch() /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn RecordView(
    mine: MyRecord,
    access: AccessKey,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let team = mine.team.name.clone();
    let list_or_none = move |items: Vec<&'static str>| {
        if items.is_empty() {
            t_string!(i18n, me_none).to_owned()
        } else {
            items.join("、")
        }
    };
    let skills = mine.skills.clone();
    let trainings = mine.trainings.clone();
    let signups = mine.signups;
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t!(i18n, me_profile)}</h2>
            <dl class="facts" data-testid="my-profile">
                <dt>{t!(i18n, field_name)}</dt>
                <dd>{mine.name}</dd>
                <dt>{t!(i18n, me_phone)}</dt>
                <dd>{mine.phone_masked}</dd>
                <dt>{t!(i18n, me_team)}</dt>
                <dd>{move || team.get(api::lang_of(locale())).to_owned()}</dd>
                <dt>{t!(i18n, me_skills)}</dt>
                <dd>{move || list_or_none(skills.iter().map(|s| labels::skill(locale(), *s)).collect())}</dd>
                <dt>{t!(i18n, me_trainings)}</dt>
                <dd>{move || list_or_none(trainings.iter().map(|t| labels::training(locale(), *t)).collect())}</dd>
            </dl>
        </section>
        <section aria-labelledby="signups-heading">
            <h2 id="signups-heading">{t!(i18n, me_signups_heading)}</h2>
            {if signups.is_empty() {
                view! { <p>{t!(i18n, me_no_signups)}</p> }.into_any()
            } else {
                view! {
                    <ul class="signup-list">
                        {signups.into_iter().map(|signup| view! {
                            <SignupItem signup key=access.clone() on_changed />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
