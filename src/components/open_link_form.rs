//! Opening one's sign-ups by pasting the personal link: for a browser that has not saved
//! it (WeChat's in-app browser keeps its storage apart from the phone's browser), and
//! for a volunteer who scanned a point's code there, so the code is not lost on the way.

use crate::i18n::{t, use_i18n};
use crate::personal_link;
use huli_contract::AccessKey;
use leptos::prelude::*;

#[component]
pub fn OpenLinkForm(#[prop(into)] on_key: Callback<AccessKey>) -> impl IntoView {
    let i18n = use_i18n();
    let pasted = RwSignal::new(String::new());
    let malformed = RwSignal::new(false);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match personal_link::from_pasted(&pasted.get_untracked()) {
            Ok(key) => on_key.run(key),
            Err(_) => malformed.set(true),
        }
    };
    view! {
        <form class="open-link" on:submit=open>
            <label for="open-link-url">{t!(i18n, me_paste_label)}</label>
            <input
                id="open-link-url"
                type="text"
                inputmode="url"
                autocomplete="off"
                spellcheck="false"
                aria-describedby="open-link-error"
                aria-invalid=move || malformed.get().to_string()
                prop:value=pasted
                on:input=move |ev| {
                    malformed.set(false);
                    pasted.set(event_target_value(&ev));
                }
            />
            <div role="alert">
                <p class="field-error" id="open-link-error">
                    {move || malformed.get().then_some(t!(i18n, me_paste_malformed))}
                </p>
            </div>
            <button type="submit" class="primary">{t!(i18n, me_paste_button)}</button>
        </form>
    }
}
