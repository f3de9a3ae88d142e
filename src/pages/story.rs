//! `/stories/{id}`: one published story, shareable by URL: its title, whom it is about,
//! the day it was published, its photo and its text. Once withdrawn, it is gone.

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::site_link::SiteLink;
use crate::components::status::{LoadError, Loading};
use crate::components::story_card::StoryByline;
use crate::components::story_photo::StoryPhoto;
use crate::components::story_text::StoryText;
use crate::i18n::{t, t_string, use_i18n};
use crate::preloaded;
use huli_contract::{StoryId, StoryView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        (params.read().get("id"))
            .and_then(|raw| raw.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .map(StoryId)
    };
    // The story the server drew the page with, shown at once while the route names it.
    let first = StoredValue::new(untrack(id).and_then(preloaded::story));
    let first_for = move |id: Option<StoryId>| {
        first.with_value(|first| first.clone().filter(|story| Some(story.id) == id))
    };
    let story = LocalResource::new(move || {
        let (id, locale) = (id(), i18n.get_locale_untracked());
        let first = first_for(id);
        async move {
            match (first, id) {
                (Some(story), _) => Ok(story),
                (None, Some(id)) => api::story(id, locale).await,
                (None, None) => Err(ApiError::NotFound),
            }
        }
    });
    let shown = move || {
        match first_for(id()) {
        Some(story) => view! { <Story story /> }.into_any(),
        None => view! {
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match story.await {
                        Ok(story) => view! { <Story story /> }.into_any(),
                        Err(ApiError::NotFound) => {
                            set_title(move || t_string!(i18n, stories.not_found).to_owned());
                            view! { <h1>{t!(i18n, stories.not_found)}</h1> }.into_any()
                        }
                        Err(error) => view! { <LoadError error retry=move || story.refetch() /> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any(),
    }
    };
    view! {
        <p class="back-link"><SiteLink href="/stories" exact=true>{t!(i18n, stories.back)}</SiteLink></p>
        {shown}
    }
}

#[component]
fn Story(story: StoryView) -> impl IntoView {
    let title = story.title.clone();
    set_title(move || title.clone());
    let name = story.volunteer_name.clone();
    let photo = (story.photo.clone()).map(|src| view! { <StoryPhoto src name /> });
    view! {
        <article class="story" data-testid="story">
            <h1>{story.title.clone()}</h1>
            <StoryByline story=story.clone() />
            {photo}
            <StoryText body=story.body />
        </article>
    }
}
