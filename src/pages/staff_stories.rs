//! `/staff/stories`: writing volunteers' stories, and the stories the account's unit
//! wrote (an administrator's: all), each with where the volunteer's consent stands.

use crate::api;
use crate::components::layout::set_title;
use crate::components::site_link::SiteLink;
use crate::components::staff_gate::StaffGate;
use crate::components::status::loaded;
use crate::components::story_photo::StoryPhoto;
use crate::components::story_photo_upload::StoryPhotoUpload;
use crate::components::story_writer::StoryWriter;
use crate::format::{huli_day, long_day};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{StaffSession, StoryRecord, StoryStatus};
use leptos::prelude::*;

#[component]
pub fn StaffStoriesPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, stories.staff_title).to_owned());
    view! {
        <h1>{t!(i18n, stories.staff_title)}</h1>
        <StaffGate page=|session| view! { <Stories session /> } />
    }
}

#[component]
fn Stories(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    // A point leader writes no stories and holds no unit's.
    if session.account.role.unit_scope().is_none() {
        return view! { <p class="notice">{t!(i18n, stories.staff_not_for_leaders)}</p> }
            .into_any();
    }
    let csrf = StoredValue::new(session.csrf_token);
    let stories = LocalResource::new(move || api::written_stories(i18n.get_locale_untracked()));
    let changed = Callback::new(move |_: StoryRecord| stories.refetch());
    view! {
        <StoryWriter csrf on_written=move || stories.refetch() />
        <section aria-labelledby="written-stories-heading">
            <h2 id="written-stories-heading">{t!(i18n, stories.staff_list_heading)}</h2>
            {loaded(stories, move |list: Vec<StoryRecord>| {
                if list.is_empty() {
                    return view! { <p>{t!(i18n, stories.staff_none)}</p> }.into_any();
                }
                view! {
                    <ul class="review-list" data-testid="written-stories">
                        {list.into_iter().map(|record| view! { <StoryRow record csrf on_changed=changed /> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
    .into_any()
}

#[component]
fn StoryRow(
    record: StoryRecord,
    csrf: StoredValue<String>,
    on_changed: Callback<StoryRecord>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let (story, status) = (record.story, record.status);
    let id = story.id;
    let when = match status {
        StoryStatus::AwaitingConsent => Some(record.written_at),
        StoryStatus::Published => record.consented_at,
        StoryStatus::Withdrawn => record.withdrawn_at,
    };
    let day = when.map(huli_day);
    let teaser = story.summary(80);
    // A withdrawn story's photo is no longer served.
    let photo = (story.photo.clone())
        .filter(|_| status != StoryStatus::Withdrawn)
        .map(|src| view! { <StoryPhoto src name=story.volunteer_name.clone() thumbnail=true /> });
    let after = match status {
        StoryStatus::AwaitingConsent => view! {
            <p class="note">{t!(i18n, stories.staff_awaiting_note)}</p>
            <StoryPhotoUpload story=id csrf on_uploaded=on_changed />
        }
        .into_any(),
        StoryStatus::Published => view! {
            <p class="actions"><SiteLink href=format!("/stories/{}", id.0)>{t!(i18n, stories.see_public)}</SiteLink></p>
        }
        .into_any(),
        StoryStatus::Withdrawn => ().into_any(),
    };
    view! {
        <li class="review-item story-row" data-testid="written-story">
            <p class="signup-status">
                <strong>{move || labels::story_status(locale(), status)}</strong>
                {day.map(|day| view! { " · "{move || long_day(locale(), day)} })}
            </p>
            <h3>{story.title}</h3>
            <p>{story.volunteer_name}" · "{record.volunteer_number.to_string()}</p>
            {photo}
            <p class="story-teaser">{teaser}</p>
            {after}
        </li>
    }
}
