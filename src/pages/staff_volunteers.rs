//! `/staff/volunteers`: find a volunteer by name, phone ending or volunteer number;
//! issue their numbered service certificate for a period, give them a new personal
//! link when they lost theirs, or erase them at their request.

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::personal_link_notice::PersonalLinkNotice;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{WriteOutcome, problem_text};
use crate::components::volunteer_record::VolunteerRecord;
use crate::i18n::{t, t_string, use_i18n};
use crate::latest_answer::{LatestAnswer, answered};
use crate::personal_link;
use chrono::{Datelike, Utc};
use huli_contract::{
    AccessKey, CertificateRequest, StaffSession, VolunteerListing, VolunteerNumber,
    china_standard_time,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn StaffVolunteersPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, volunteers_title).to_owned());
    view! {
        <h1>{t!(i18n, volunteers_title)}</h1>
        <StaffGate page=|session| view! { <Search session /> } />
    }
}

#[component]
fn Search(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let asked = RwSignal::new(None::<String>);
    let found = LatestAnswer::new(move || {
        let asked = asked.get();
        async move {
            match asked {
                Some(q) => api::find_volunteers(&q, i18n.get_locale_untracked())
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked();
        if !q.trim().is_empty() {
            asked.set(Some(q));
        }
    };
    let csrf = StoredValue::new(session.csrf_token);
    view! {
        <form class="volunteer-search" role="search" on:submit=submit>
            <label for="volunteer-query">{t!(i18n, volunteers_search_label)}</label>
            <input id="volunteer-query" type="search" required prop:value=query
                on:input=move |ev| query.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{t!(i18n, volunteers_search)}</button>
        </form>
        {answered(found, move |list: Option<Vec<VolunteerListing>>| match list {
            None => ().into_any(),
            Some(list) if list.is_empty() => view! {
                <p role="status">{t!(i18n, volunteers_none)}</p>
            }.into_any(),
            Some(list) => view! {
                <ul class="volunteer-list" data-testid="volunteer-list">
                    {list.into_iter().map(|volunteer| view! {
                        <VolunteerItem volunteer csrf=csrf.get_value() />
                    }).collect_view()}
                </ul>
            }.into_any(),
        })}
    }
}

#[component]
fn VolunteerItem(volunteer: VolunteerListing, csrf: String) -> impl IntoView {
    let i18n = use_i18n();
    let number = volunteer.number;
    let today = Utc::now()
        .with_timezone(&china_standard_time())
        .date_naive();
    let from = RwSignal::new(today.with_ordinal(1).unwrap_or(today).to_string());
    let to = RwSignal::new(today.to_string());
    let problem = RwSignal::new(None::<String>);
    let new_link = RwSignal::new(None::<AccessKey>);
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let navigate = use_navigate();
    let csrf = StoredValue::new(csrf);
    let fail = move |error: ApiError| {
        busy.set(false);
        problem.set(Some(problem_text(i18n, error)));
    };
    let issue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let period = CertificateRequest {
            from: from.get_untracked(),
            to: to.get_untracked(),
        };
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::issue_certificate(number, &period, &csrf.get_value(), locale).await {
                Ok(certificate) => navigate(
                    &format!("/staff/certificates/{}", certificate.number),
                    Default::default(),
                ),
                Err(error) => fail(error),
            }
        });
    };
    let replace_link = move |_| {
        // A second tap would draw a second key, and the link shown might not be the one
        // the server kept.
        if busy.get_untracked() {
            return;
        }
        let Some(key) = personal_link::new_key() else {
            problem.set(Some(t_string!(i18n, error_server).to_owned()));
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::replace_personal_link(number, &key, &csrf.get_value(), locale).await {
                Ok(()) => {
                    busy.set(false);
                    confirming.set(false);
                    new_link.set(Some(key));
                }
                Err(error) => fail(error),
            }
        });
    };
    let id = number.to_string();
    view! {
        <li class="volunteer-item" data-testid="volunteer-item">
            <h2 class="volunteer-name">{volunteer.name}" "<span class="note">{id.clone()}</span></h2>
            <p>{volunteer.phone_masked}" · "{move || volunteer.team.get(api::lang_of(i18n.get_locale())).to_owned()}</p>
            <form class="certificate-form" on:submit=issue>
                <label for=format!("from-{id}")>{t!(i18n, period_from)}</label>
                <input id=format!("from-{id}") type="date" required prop:value=from
                    on:input=move |ev| from.set(event_target_value(&ev)) />
                <label for=format!("to-{id}")>{t!(i18n, period_to)}</label>
                <input id=format!("to-{id}") type="date" required prop:value=to
                    on:input=move |ev| to.set(event_target_value(&ev)) />
                <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                    {t!(i18n, certificate_issue)}
                </button>
            </form>
            // The old link stops working at once, so the first tap only asks.
            <Show when=move || !confirming.get() && new_link.with(Option::is_none)>
                <button type="button" class="secondary" on:click=move |_| confirming.set(true)>
                    {t!(i18n, volunteers_new_link)}
                </button>
            </Show>
            <Show when=move || confirming.get()>
                <p role="status">{t!(i18n, volunteers_new_link_warning)}</p>
                <button type="button" class="primary" on:click=replace_link
                    aria-disabled=move || busy.get().to_string()>
                    {t!(i18n, volunteers_new_link_confirm)}
                </button>
                " "
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                    {t!(i18n, volunteers_cancel)}
                </button>
            </Show>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            {move || new_link.get().map(|key| view! { <PersonalLinkNotice key /> })}
            <VolunteerRecord number csrf />
            <EraseAtRequest number csrf=csrf.get_value() />
        </li>
    }
}

/// Erasure at the volunteer's own request, made in person at a point: asked, then
/// confirmed, as it cannot be undone.
#[component]
fn EraseAtRequest(number: VolunteerNumber, csrf: String) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let csrf = StoredValue::new(csrf);
    let erase = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let result = api::erase_volunteer(number, &csrf.get_value(), locale).await;
            busy.set(false);
            asking.set(false);
            outcome.set(Some(
                result
                    .map(|_| ())
                    .map_err(|error| problem_text(i18n, error)),
            ));
        });
    };
    view! {
        <Show when=move || !asking.get() && outcome.with(Option::is_none)>
            <button type="button" class="secondary" on:click=move |_| asking.set(true)>
                {t!(i18n, volunteers_erase)}
            </button>
        </Show>
        <Show when=move || asking.get()>
            <p role="status">{t!(i18n, volunteers_erase_warning)}</p>
            <button type="button" class="danger" on:click=erase aria-disabled=move || busy.get().to_string()>
                {t!(i18n, volunteers_erase_confirm)}
            </button>
            " "
            <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                {t!(i18n, volunteers_cancel)}
            </button>
        </Show>
        <WriteOutcome outcome>{t!(i18n, volunteers_erased)}</WriteOutcome>
    }
}
