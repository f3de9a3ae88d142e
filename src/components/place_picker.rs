//! A point's place on the map of the district, dragged to where the point really is.
//! The typed coordinates beside it are the keyboard's and screen reader's way to do the
//! same; both stay in step.

use crate::components::district_map::use_district_map;
use crate::i18n::{t_string, use_i18n};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Six decimals: about 10 cm, finer than any phone's position.
pub fn coordinate_text(value: f64) -> String {
    format!("{value:.6}")
}

#[component]
pub fn PlacePicker(lat: RwSignal<String>, lon: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let container = NodeRef::<Div>::new();
    let typed = move || {
        let number = |text: RwSignal<String>| text.get().trim().parse::<f64>().ok();
        number(lat).zip(number(lon))
    };
    let live = use_district_map(container, move |map| {
        let on_move = Closure::<dyn Fn(f64, f64)>::new(move |new_lat: f64, new_lon: f64| {
            lat.set(coordinate_text(new_lat));
            lon.set(coordinate_text(new_lon));
        });
        if let Some((at_lat, at_lon)) = typed() {
            map.set_place(at_lat, at_lon, on_move.as_ref().unchecked_ref());
        }
        on_move
    });
    Effect::new(move || {
        if let Some((at_lat, at_lon)) = typed() {
            live.with(|live| {
                live.as_ref()
                    .map(|live| live.map.move_place(at_lat, at_lon))
            });
        }
    });
    view! {
        <div class="point-map place-picker" node_ref=container data-testid="place-picker"
            aria-label=move || t_string!(i18n, point_edit_map_label) role="region"></div>
    }
}
