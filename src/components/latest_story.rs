//! The home page's latest volunteer story, with the way to all of them; nothing while
//! none is published.

use crate::api;
use crate::components::site_link::SiteLink;
use crate::components::status::loaded_or_first;
use crate::components::story_card::StoryCard;
use crate::i18n::{t, use_i18n};
use crate::preloaded;
use leptos::prelude::*;

#[component]
pub fn LatestStory() -> impl IntoView {
    let i18n = use_i18n();
    let load = move || api::stories(i18n.get_locale_untracked());
    loaded_or_first(preloaded::stories(), load, move |stories| {
        let story = stories.into_iter().next()?;
        Some(view! {
            <section class="latest-story" aria-labelledby="latest-story-heading" data-testid="latest-story">
                <h2 id="latest-story-heading">{t!(i18n, stories.latest)}</h2>
                <StoryCard story in_section=true />
                <p class="actions"><SiteLink href="/stories">{t!(i18n, stories.all)}</SiteLink></p>
            </section>
        })
    })
}
