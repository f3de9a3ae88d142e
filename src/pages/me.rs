//! `/me`: the volunteer's own record, sign-ups and trainings, and the stories about
//! them, opened by their personal link.

use crate::api::{self, ApiError};
use crate::components::account_erasure::AccountErasure;
use crate::components::attendance_controls::scanned_code;
use crate::components::calendar_subscription::CalendarSubscription;
use crate::components::layout::set_title;
use crate::components::my_data_download::MyDataDownload;
use crate::components::my_stories::MyStories;
use crate::components::my_trainings::MyTrainings;
use crate::components::open_link_form::OpenLinkForm;
use crate::components::personal_link_notice::PersonalLinkNotice;
use crate::components::profile_correction::ProfileCorrection;
use crate::components::service_record::ServiceRecordView;
use crate::components::signup_item::SignupItem;
use crate::components::site_link::SiteLink;
use crate::components::status::{LoadError, Loading, loaded};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::labels;
use crate::{browser, personal_link};
use huli_contract::glossary::Term;
use huli_contract::{AccessKey, MyRecord};
use leptos::prelude::*;

/// Why no record is shown.
#[derive(Clone, Copy, PartialEq)]
enum NoRecord {
    NoLink,
    LinkRejected,
    Forgotten,
    /// The volunteer deleted their account.
    Erased,
}

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, me_title).to_owned());
    let key = RwSignal::new(None);
    let reason = RwSignal::new(NoRecord::NoLink);
    // Only the browser has the link (its address, its storage).
    let link_read = browser::read_browser_state(move || {
        let (found, why) = match personal_link::take_from_url() {
            Ok(Some(key)) => (Some(key), NoRecord::NoLink),
            Ok(None) => (personal_link::saved(), NoRecord::NoLink),
            Err(_) => (None, NoRecord::LinkRejected),
        };
        key.set(found);
        reason.set(why);
    });
    let forget = move |_| {
        personal_link::forget();
        key.set(None);
        reason.set(NoRecord::Forgotten);
    };
    // A link pasted here: the record's list takes the focus the form held.
    let pasted = RwSignal::new(false);
    let on_pasted = move |access: AccessKey| {
        pasted.set(true);
        key.set(Some(access));
        reason.set(NoRecord::NoLink);
    };
    let scanned = scanned_code();
    let rejected = move |rejected: AccessKey| {
        personal_link::forget_if_saved(&rejected);
        key.set(None);
        reason.set(NoRecord::LinkRejected);
    };
    let erased = move |()| {
        key.set(None);
        reason.set(NoRecord::Erased);
        browser::focus_soon("erased");
    };
    view! {
        <h1>{t!(i18n, me_title)}</h1>
        <p class="intro">{t!(i18n, me_intro)}</p>
        {move || match key.get() {
            None if !link_read.get() => view! { <Loading /> }.into_any(),
            Some(access) => view! {
                <Record access=access.clone() focus_signups=pasted.get_untracked() on_key_rejected=rejected on_erased=erased />
                <details class="show-link">
                    <summary>{t!(i18n, me_link_show)}</summary>
                    <PersonalLinkNotice key=access again=true />
                </details>
                <button type="button" class="secondary" on:click=forget>{t!(i18n, me_forget_device)}</button>
            }.into_any(),
            None => view! {
                {move || match reason.get() {
                    NoRecord::Forgotten => Some(view! { <p class="success" role="status">{t!(i18n, me_forgotten)}</p> }.into_any()),
                    NoRecord::Erased => Some(view! { <p class="success" role="status" id="erased" tabindex="-1">{t!(i18n, rights_erased)}</p> }.into_any()),
                    NoRecord::LinkRejected => Some(view! { <p class="refusal" role="alert">{t!(i18n, error_personal_link)}</p> }.into_any()),
                    NoRecord::NoLink => None,
                }}
                {scanned.clone().map(|code| view! { <p class="notice">{t!(i18n, me_code_kept, code = code)}</p> })}
                <p>{t!(i18n, me_no_link)}</p>
                <OpenLinkForm on_key=on_pasted />
                <p>{t!(i18n, me_lost_link)}</p>
                <p><SiteLink href="/signup">{t!(i18n, me_register)}</SiteLink></p>
            }.into_any(),
        }}
    }
}

#[component]
fn Record(
    access: AccessKey,
    /// Whether the list of shifts takes the focus once drawn.
    focus_signups: bool,
    #[prop(into)] on_key_rejected: Callback<AccessKey>,
    #[prop(into)] on_erased: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fetch_key = access.clone();
    let record = LocalResource::new(move || {
        let key = fetch_key.clone();
        let locale = i18n.get_locale_untracked();
        async move {
            let record = api::my_record(&key, locale).await;
            if record.is_ok() {
                // A link opened here works: remember it on this device.
                personal_link::save(&key);
            }
            record
        }
    });
    // After a cancellation the list is drawn anew; focus goes to its heading so
    // keyboard and screen reader users keep their place.
    let refocus = RwSignal::new(focus_signups);
    let changed = move || {
        refocus.set(true);
        record.refetch();
    };
    view! {
        <Transition fallback=Loading>
            {move || {
                let access = access.clone();
                Suspend::new(async move {
                    match record.await {
                        Ok(mine) => view! {
                            <RecordView mine=mine.clone() access=access.clone() refocus on_changed=changed />
                            <MyTrainings access=access.clone() />
                            <CalendarSubscription access=access.clone() />
                            <MyStories access=access.clone() />
                            <MyServiceRecord access=access.clone() />
                            <RightsView mine access on_corrected=move |_| record.refetch() on_erased />
                        }.into_any(),
                        Err(ApiError::Unauthorized) => {
                            let _ = on_key_rejected.try_run(access);
                            ().into_any()
                        }
                        Err(error) => view! { <LoadError error retry=move || record.refetch() /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

fn joined(locale: Locale, names: Vec<&'static str>) -> String {
    let separator = match locale {
        Locale::zh | Locale::zh_Hant => "、",
        Locale::en => ", ",
    };
    names.join(separator)
}

#[component]
fn RecordView(
    mine: MyRecord,
    access: AccessKey,
    refocus: RwSignal<bool>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let team = (mine.team.as_ref())
        .map(|team| team.name.clone())
        .unwrap_or_else(|| Term::IndividualVolunteer.localized());
    let list_or_none = move |names: Vec<&'static str>| {
        if names.is_empty() {
            t_string!(i18n, me_none).to_owned()
        } else {
            joined(locale(), names)
        }
    };
    let skills = mine.skills.clone();
    let trainings = mine.trainings.clone();
    let signups = mine.signups;
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move || {
        if let Some(heading) = heading.get()
            && refocus.get_untracked()
        {
            refocus.set(false);
            let _ = heading.focus();
        }
    });
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t!(i18n, me_profile)}</h2>
            <dl class="facts" data-testid="my-profile">
                <dt>{t!(i18n, field_name)}</dt>
                <dd>{mine.name}</dd>
                <dt>{t!(i18n, me_phone)}</dt>
                <dd>{mine.phone_masked}</dd>
                <dt>{t!(i18n, me_team)}</dt>
                <dd>{move || crate::language::written(locale(), team.get(api::lang_of(locale())).to_owned())}</dd>
                <dt>{t!(i18n, me_skills)}</dt>
                <dd>{move || list_or_none(skills.iter().map(|s| labels::skill(locale(), *s)).collect())}</dd>
                <dt>{t!(i18n, me_trainings)}</dt>
                <dd>{move || list_or_none(trainings.iter().map(|t| labels::training(locale(), *t)).collect())}</dd>
            </dl>
        </section>
        <section aria-labelledby="signups-heading">
            <h2 id="signups-heading" tabindex="-1" node_ref=heading>{t!(i18n, me_signups_heading)}</h2>
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

/// Past shifts, verified totals, star level, trainings and certificates.
#[component]
fn MyServiceRecord(access: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let record = LocalResource::new(move || {
        let key = access.clone();
        async move { api::my_service_record(&key, i18n.get_locale_untracked()).await }
    });
    loaded(record, |record| view! { <ServiceRecordView record /> })
}

/// What the volunteer may do with their data: download it, correct it, delete it.
#[component]
fn RightsView(
    mine: MyRecord,
    access: AccessKey,
    #[prop(into)] on_corrected: Callback<MyRecord>,
    #[prop(into)] on_erased: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="rights-heading" data-testid="my-rights">
            <h2 id="rights-heading">{t!(i18n, rights_heading)}</h2>
            <p>{t!(i18n, rights_intro)}</p>
            <MyDataDownload access=access.clone() />
            <details class="show-link">
                <summary>{t!(i18n, rights_correct_heading)}</summary>
                <ProfileCorrection access=access.clone() mine on_corrected />
            </details>
            <details class="show-link">
                <summary>{t!(i18n, rights_erase_heading)}</summary>
                <AccountErasure access on_erased />
            </details>
        </section>
    }
}
