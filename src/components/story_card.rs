//! A published story in a list: its photo small, its title linking to its page, whom it
//! is about and when it was published, and its first lines.

use crate::components::site_link::SiteLink;
use crate::components::story_photo::StoryPhoto;
use crate::format::{huli_day, long_day};
use crate::i18n::use_i18n;
use huli_contract::StoryView;
use leptos::prelude::*;

/// How long a teaser is, in characters: two or three lines on a phone.
const TEASER_CHARS: usize = 60;

#[component]
pub fn StoryCard(
    story: StoryView,
    /// Whether the title is a third-level heading (in a section of its own), not a second.
    #[prop(optional)]
    in_section: bool,
) -> impl IntoView {
    let href = format!("/stories/{}", story.id.0);
    let teaser = story.summary(TEASER_CHARS);
    let text = story.title.clone();
    let link = view! { <SiteLink href>{text}</SiteLink> };
    let title = match in_section {
        true => view! { <h3 class="story-title">{link}</h3> }.into_any(),
        false => view! { <h2 class="story-title">{link}</h2> }.into_any(),
    };
    let name = story.volunteer_name.clone();
    let photo = (story.photo.clone())
        .map(|src| view! { <StoryPhoto src name=name.clone() thumbnail=true /> });
    view! {
        <article class="story-card" data-testid="story-card">
            <div>
                {title}
                <StoryByline story=story.clone() />
                <p class="story-teaser">{teaser}</p>
            </div>
            {photo}
        </article>
    }
}

/// Whom the story is about, and the day it was published.
#[component]
pub fn StoryByline(story: StoryView) -> impl IntoView {
    let i18n = use_i18n();
    let day = huli_day(story.published_at);
    view! {
        <p class="story-byline">
            {story.volunteer_name}" · "
            <time datetime=day.to_string()>{move || long_day(i18n.get_locale(), day)}</time>
        </p>
    }
}
