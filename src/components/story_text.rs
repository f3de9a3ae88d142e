//! A story's text: each line of its body a paragraph (the blank lines between them
//! only space them out in the text staff typed).

use leptos::prelude::*;

#[component]
pub fn StoryText(body: String) -> impl IntoView {
    let paragraphs: Vec<String> = (body.lines())
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    view! {
        <div class="story-text">
            {paragraphs.into_iter().map(|paragraph| view! { <p>{paragraph}</p> }).collect_view()}
        </div>
    }
}
