//! "Stories about me" on `/me`: what staff wrote about the volunteer, and their answer.
//! A story waiting for consent says what publishing means and asks; a published one may
//! have its consent withdrawn (asked once more); a withdrawn one says so. Nothing is
//! shown while no story is about them, as for most volunteers.

use crate::api::{self, StoryAnswer};
use crate::browser;
use crate::components::confirm_request::{ConfirmRequest, OnceRequest};
use crate::components::site_link::SiteLink;
use crate::components::status::loaded;
use crate::components::story_photo::StoryPhoto;
use crate::components::story_text::StoryText;
use crate::format::{huli_day, long_day};
use crate::i18n::{t, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use huli_contract::{AccessKey, StoryRecord, StoryStatus};
use leptos::prelude::*;

#[component]
pub fn MyStories(access: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let access = StoredValue::new(access);
    let stories = LocalResource::new(move || {
        let key = access.get_value();
        async move { api::my_stories(&key, i18n.get_locale_untracked()).await }
    });
    loaded(stories, move |list: Vec<StoryRecord>| {
        (!list.is_empty()).then(|| view! {
            <section aria-labelledby="my-stories-heading" data-testid="my-stories">
                <h2 id="my-stories-heading">{t!(i18n, stories.mine_heading)}</h2>
                <ul class="signup-list">
                    {list.into_iter().map(|record| view! { <MyStory record key=access.get_value() /> }).collect_view()}
                </ul>
            </section>
        })
    })
}

#[component]
fn MyStory(record: StoryRecord, key: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let story = record.story.clone();
    let id = story.id;
    let record = RwSignal::new(record);
    let status = Memo::new(move |_| record.with(|r| r.status));
    // The answer redraws the story where it is; its status line takes the focus the
    // button held.
    let status_id = format!("my-story-{}-status", id.0);
    let focus_status = status_id.clone();
    let answered = Callback::new(move |now: StoryRecord| {
        record.set(now);
        browser::focus_soon(focus_status.clone());
    });
    let send = move |answer: StoryAnswer| {
        let key = key.clone();
        move |request_key: String| {
            let (key, locale) = (key.clone(), i18n.get_locale_untracked());
            async move { api::answer_story(&key, id, answer, &request_key, locale).await }
        }
    };
    let (consent, withdraw) = (send(StoryAnswer::Consent), send(StoryAnswer::Withdraw));
    let consent = OnceRequest::new(consent, answered);
    let day = move || {
        record
            .with(|r| match r.status {
                StoryStatus::AwaitingConsent => None,
                StoryStatus::Published => r.consented_at,
                StoryStatus::Withdrawn => r.withdrawn_at,
            })
            .map(|at| format!(" · {}", long_day(locale(), huli_day(at))))
    };
    let (name, photo) = (story.volunteer_name.clone(), story.photo.clone());
    // A withdrawn story's photo is no longer served.
    let photo = move || {
        let src = photo
            .clone()
            .filter(|_| status.get() != StoryStatus::Withdrawn)?;
        Some(view! { <StoryPhoto src name=name.clone() /> })
    };
    let answers = move || {
        match status.get() {
        StoryStatus::AwaitingConsent => view! {
            <p>{t!(i18n, stories.consent_explain)}</p>
            <button type="button" class="primary" aria-disabled=move || consent.busy()
                on:click=move |_| consent.send()>{t!(i18n, stories.consent)}</button>
            <ConfirmRequest id=format!("decline-story-{}", id.0) label=move || t!(i18n, stories.decline)
                question=move || t!(i18n, stories.decline_question) yes=move || t!(i18n, stories.decline_yes)
                no=move || t!(i18n, stories.keep_thinking) send=withdraw.clone() on_done=answered />
            <div role="alert">{move || consent.problem(i18n)}</div>
        }
        .into_any(),
        StoryStatus::Published => view! {
            <p>{t!(i18n, stories.published_explain)}</p>
            <p class="actions"><SiteLink href=format!("/stories/{}", id.0)>{t!(i18n, stories.see_public)}</SiteLink></p>
            <ConfirmRequest id=format!("withdraw-story-{}", id.0) label=move || t!(i18n, stories.withdraw)
                question=move || t!(i18n, stories.withdraw_question) yes=move || t!(i18n, stories.withdraw_yes)
                no=move || t!(i18n, stories.keep_published) send=withdraw.clone() on_done=answered />
        }
        .into_any(),
        StoryStatus::Withdrawn => view! { <p>{t!(i18n, stories.withdrawn_explain)}</p> }.into_any(),
    }
    };
    view! {
        <li class="signup-item" data-testid="my-story" data-status=move || enum_name(&status.get())>
            <p class="signup-status" id=status_id tabindex="-1">
                <strong>{move || labels::story_status(locale(), status.get())}</strong>{day}
            </p>
            <h3>{story.title}</h3>
            {photo}
            <StoryText body=story.body />
            {answers}
        </li>
    }
}
