//! The personal link to save, since it is the only way back to one's sign-ups: right
//! after registering, and again on `/me` whenever the volunteer asks for it.

use crate::i18n::{t, use_i18n};
use crate::personal_link;
use huli_contract::AccessKey;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn PersonalLinkNotice(
    key: AccessKey,
    /// Shown again on `/me`, where the volunteer is told how to carry it to another browser.
    #[prop(optional)]
    again: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = personal_link::link(&key);
    let copied = RwSignal::new(false);
    let to_copy = link.clone();
    let copy = move |_| {
        let navigator = window().navigator();
        // Older in-app browsers and plain-HTTP pages have no clipboard API: the link
        // stays selected in its field for the phone's own copy menu.
        let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .is_ok_and(|clipboard| !clipboard.is_undefined());
        if !has_clipboard {
            select_link();
            return;
        }
        let clipboard = navigator.clipboard();
        let text = to_copy.clone();
        spawn_local(async move {
            copied.set(JsFuture::from(clipboard.write_text(&text)).await.is_ok());
        });
    };
    view! {
        <section class="personal-link" aria-labelledby="link-heading" data-testid="personal-link">
            <h2 id="link-heading">{t!(i18n, link_heading)}</h2>
            <p>{t!(i18n, link_intro)}</p>
            {again.then(|| view! { <p>{t!(i18n, link_other_browser)}</p> })}
            <label for="personal-link-url">{t!(i18n, link_label)}</label>
            <input
                id="personal-link-url"
                type="url"
                readonly
                prop:value=link
                on:focus=|_| select_link()
            />
            <button type="button" on:click=copy>{t!(i18n, link_copy)}</button>
            <span role="status">{move || copied.get().then_some(t!(i18n, link_copied))}</span>
            <p class="note">{t!(i18n, link_lost)}</p>
        </section>
    }
}

fn select_link() {
    use wasm_bindgen::JsCast;
    let input = document().get_element_by_id("personal-link-url");
    if let Some(input) = input.and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let _ = input.focus();
        input.select();
    }
}
