//! Shown once, right after registering: the personal link to save, since it is the
//! only way back to one's sign-ups.

use crate::api::AccessKey;
use crate::i18n::{t, use_i18n};
use crate::personal_link;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn PersonalLinkNotice(key: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let link = personal_link::link(&key);
    let copied = RwSignal::new(false);
    let to_copy = link.clone();
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let text = to_copy.clone();
        spawn_local(async move {
            copied.set(JsFuture::from(clipboard.write_text(&text)).await.is_ok());
        });
    };
    view! {
        <section class="personal-link" aria-labelledby="link-heading" data-testid="personal-link">
            <h2 id="link-heading">{t!(i18n, link_heading)}</h2>
            <p>{t!(i18n, link_intro)}</p>
            <label for="personal-link-url">{t!(i18n, link_label)}</label>
            <input
                id="personal-link-url"
                type="url"
                readonly
                prop:value=link
                on:focus=|ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }
            />
            <button type="button" on:click=copy>{t!(i18n, link_copy)}</button>
            <span role="status">{move || copied.get().then_some(t!(i18n, link_copied))}</span>
            <p class="note">{t!(i18n, link_lost)}</p>
        </section>
    }
}
