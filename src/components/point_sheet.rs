//! The summary of the point selected on the map: a bottom sheet on phones, a side
//! panel on wide screens. Focus moves to its heading when it opens and back to what
//! opened it (the marker) when it closes; Escape closes it.

use crate::components::point_badges::{PointBadges, PointServices};
use crate::i18n::{t, use_i18n};
use huli_contract::PointSummary;
use leptos::html::H2;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PointSheet(point: PointSummary, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::api::lang_of(i18n.get_locale());
    let heading = NodeRef::<H2>::new();
    let opener = crate::browser::focused_element();
    heading.on_load(|heading| {
        let _ = heading.focus();
    });
    let close = move || {
        on_close.run(());
        if let Some(opener) = &opener {
            let _ = opener.focus();
        }
    };
    let close = StoredValue::new_local(close);
    let href = format!("/points/{}", point.id.0);
    let (name, address) = (point.name.clone(), point.address.clone());
    view! {
        <section
            class="point-sheet"
            aria-labelledby="point-sheet-title"
            data-testid="point-sheet"
            on:keydown=move |event| {
                if event.key() == "Escape" {
                    close.with_value(|close| close());
                }
            }
        >
            <div class="sheet-head">
                <h2 id="point-sheet-title" tabindex="-1" node_ref=heading>{move || name.get(lang()).to_owned()}</h2>
                <button type="button" class="sheet-close" on:click=move |_| close.with_value(|close| close())>
                    {t!(i18n, summary_close)}
                </button>
            </div>
            <PointBadges point=point.clone() />
            <p>{move || address.get(lang()).to_owned()}</p>
            <PointServices services=point.services />
            <p><A href=href attr:class="button-link">{t!(i18n, summary_open_page)}</A></p>
        </section>
    }
}
