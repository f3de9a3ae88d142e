//! A story's photo, named for whom the story is about. The server keeps photos of any
//! shape, so the box has a fixed shape the photo fits in (`style/main.css`): nothing
//! moves when it arrives.

use crate::format::story_photo_alt;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn StoryPhoto(
    /// The photo's address on this site.
    src: String,
    /// The volunteer the story is about.
    name: String,
    /// Small, beside a story's title in a list; else as wide as the text.
    #[prop(optional)]
    thumbnail: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let alt = move || story_photo_alt(i18n.get_locale(), &name);
    let (class, width, height) = match thumbnail {
        true => ("story-thumb", "160", "160"),
        false => ("story-photo", "1200", "900"),
    };
    view! { <img class=class src=src alt=alt width=width height=height loading="lazy" decoding="async" /> }
}
