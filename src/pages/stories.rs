//! `/stories`: the published volunteer stories, newest first, each linking to its page.

use crate::api;
use crate::components::layout::set_title;
use crate::components::status::loaded_or_first;
use crate::components::story_card::StoryCard;
use crate::i18n::{t, t_string, use_i18n};
use crate::preloaded;
use huli_contract::StoryView;
use leptos::prelude::*;

#[component]
pub fn StoriesPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, stories.title).to_owned());
    let load = move || api::stories(i18n.get_locale_untracked());
    view! {
        <h1>{t!(i18n, stories.title)}</h1>
        <p class="intro">{t!(i18n, stories.intro)}</p>
        {loaded_or_first(preloaded::stories(), load, |stories| view! { <StoryList stories /> })}
    }
}

#[component]
fn StoryList(stories: Vec<StoryView>) -> impl IntoView {
    let i18n = use_i18n();
    if stories.is_empty() {
        return view! { <p class="no-match">{t!(i18n, stories.none)}</p> }.into_any();
    }
    view! {
        <ul class="story-list" data-testid="story-list">
            {stories.into_iter().map(|story| view! { <li><StoryCard story /></li> }).collect_view()}
        </ul>
    }
    .into_any()
}
