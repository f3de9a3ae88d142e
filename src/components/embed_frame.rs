//! The frame of a widget another site embeds (`/embed/…`): no site header, menu or
//! footer; the reading (Simplified, Traditional or English), compactness and accent
//! colour from the URL; links that leave the widget open our full site in a new tab, so
//! the visitor keeps the page they were on; and the size protocol with our loader script
//! (`huli_embed::frame`).

use crate::i18n::{t, use_i18n};
use huli_contract::embed::Embed;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, MouseEvent, UrlSearchParams};

#[component]
pub fn EmbedFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let embed = current_embed();
    // The URL's reading, else the browser's languages. An effect, as in the site's
    // frame: the i18n context applies its own guess in an effect when it starts.
    let reading = (embed.as_ref().and_then(|e| e.lang)).unwrap_or_else(huli_embed::browser_reading);
    let locale = crate::language::locale_of(reading);
    Effect::new(move || i18n.set_locale(locale));
    style_root(embed.as_ref());
    if let Some(embed) = embed {
        provide_context(embed);
    }
    open_links_in_new_tabs();
    huli_embed::frame::answer_the_loader();
    view! {
        <main id="main" class="embed-main">{children()}</main>
        <footer class="embed-credit">
            <a href="/">{t!(i18n, embed_open_site)}</a>
        </footer>
    }
}

/// The widget and options this document's URL names (the server refused any other).
fn current_embed() -> Option<Embed> {
    let location = window().location();
    let params = UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    Embed::parse(&location.pathname().ok()?, |name| params.get(name)).ok()
}

/// Classes for the widget's layout, and the site's accent colour in place of ours.
fn style_root(embed: Option<&Embed>) {
    let Some(root) = document().document_element() else {
        return;
    };
    let classes = root.class_list();
    let _ = classes.add_1("embed");
    if embed.is_some_and(|e| e.compact) {
        let _ = classes.add_1("compact");
    }
    let accent = embed.and_then(|e| e.accent);
    if let (Some(accent), Some(root)) = (accent, root.dyn_ref::<web_sys::HtmlElement>()) {
        // Through the CSSOM, which the page's style-src 'self' allows.
        for property in ["--red", "--red-dark"] {
            let _ = root.style().set_property(property, &accent.css());
        }
    }
}

/// Marks every link that leaves the widget to open in a new tab, just before the click
/// is handled (the router leaves links with a target alone).
fn open_links_in_new_tabs() {
    let on_click = Closure::<dyn FnMut(MouseEvent)>::new(|event: MouseEvent| {
        let link = (event.target())
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten());
        let Some(link) = link else {
            return;
        };
        let href = link.get_attribute("href").unwrap_or_default();
        if !href.starts_with('#') && !href.starts_with("/embed/") {
            let _ = link.set_attribute("target", "_blank");
            let _ = link.set_attribute("rel", "noopener");
        }
    });
    // In the capture phase, so it runs before the router's own click handler.
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}
