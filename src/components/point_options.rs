//! Every service point as an `<option>`, named in the reader's language: the point
//! filters of `/shifts`, the review queue and the staff shift list.

use crate::api;
use crate::i18n::use_i18n;
use huli_contract::PointId;
use leptos::prelude::*;

#[component]
pub fn PointOptions(#[prop(into)] selected: Signal<Option<PointId>>) -> impl IntoView {
    let i18n = use_i18n();
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    move || {
        let lang = api::lang_of(i18n.get_locale());
        (points
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter())
        .map(|point| {
            let id = point.id;
            view! {
                <option value=id.0.to_string() selected=move || selected.get() == Some(id)>
                    {point.name.get(lang).to_owned()}
                </option>
            }
        })
        .collect_view()
    }
}
