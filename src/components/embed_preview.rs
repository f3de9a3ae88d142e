//! The generator's live preview and its two snippets. The preview is framed the way a
//! district site frames it, and this page plays the loader's part: it says hello to the
//! frame and takes the heights the widget sends back, from our origin and that frame only.

use crate::i18n::{t, t_string, use_i18n};
use crate::language;
use huli_contract::embed::{Embed, HELLO_MESSAGE, READY_MESSAGE, SIZE_MESSAGE};
use js_sys::Reflect;
use leptos::html::Iframe;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::MessageEvent;

#[component]
pub fn EmbedPreview(embed: Embed) -> impl IntoView {
    let i18n = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let frame = NodeRef::<Iframe>::new();
    let height = RwSignal::new(embed.initial_height());
    let say_hello = {
        let origin = origin.clone();
        move || {
            if let Some(window) = frame.get_untracked().and_then(|f| f.content_window()) {
                let _ = window.post_message(&HELLO_MESSAGE.into(), &origin);
            }
        }
    };
    let own_origin = origin.clone();
    let answer = say_hello.clone();
    let handle = window_event_listener(leptos::ev::message, move |event: MessageEvent| {
        let from_frame = (frame.get_untracked())
            .and_then(|frame| frame.content_window())
            .zip(event.source())
            .is_some_and(|(frame, source)| js_sys::Object::is(&frame, &source));
        if event.origin() != own_origin || !from_frame {
            return;
        }
        let data = event.data();
        if data.as_string().as_deref() == Some(READY_MESSAGE) {
            answer();
            return;
        }
        let field = |name: &str| Reflect::get(&data, &name.into()).ok();
        let is_size = field("type").and_then(|t| t.as_string()).as_deref() == Some(SIZE_MESSAGE);
        let px = field("height")
            .and_then(|h| h.as_f64())
            .filter(|h| *h > 0.0);
        if let (true, Some(px)) = (is_size, px) {
            height.set(px.ceil() as u32);
        }
    });
    on_cleanup(move || handle.remove());
    // Without a reading of its own, the frame is named in the staff's.
    let locale = (embed.lang.map(language::locale_of)).unwrap_or(i18n.get_locale_untracked());
    let title = language::written(locale, embed.title(language::lang_of(locale)));
    let src = embed.path_and_query();
    let iframe_code = embed.iframe_snippet(&origin, &title);
    let loader_code = embed.loader_snippet(&origin, &title);
    view! {
        <section aria-labelledby="embed-preview-heading">
            <h2 id="embed-preview-heading">{t!(i18n, embed_preview)}</h2>
            <iframe
                class="embed-preview"
                src=src
                title=title
                height=move || height.get().to_string()
                node_ref=frame
                on:load=move |_| say_hello()
                data-testid="embed-preview"
            ></iframe>
        </section>
        <Snippet id="embed-loader-code" label=t_string!(i18n, embed_loader_code) code=loader_code />
        <Snippet id="embed-iframe-code" label=t_string!(i18n, embed_iframe_code) code=iframe_code />
    }
}

/// A snippet to copy, with a button that copies it and says so.
#[component]
fn Snippet(id: &'static str, label: &'static str, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(None::<bool>);
    let to_copy = code.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            status.set(Some(copied));
        });
    };
    view! {
        <div class="snippet">
            <label for=id>{label}</label>
            <textarea id=id readonly rows="4" data-testid=id>{code}</textarea>
            <button type="button" class="secondary" on:click=copy>{t!(i18n, embed_copy)}</button>
            <span role="status" class="note">
                {move || status.get().map(|copied| if copied {
                    t_string!(i18n, embed_copied)
                } else {
                    t_string!(i18n, embed_copy_failed)
                })}
            </span>
        </div>
    }
}
