//! A point's place on the map of the district, dragged to where the point really is.
//! The typed coordinates beside it are the keyboard's and screen reader's way to do the
//! same; both stay in step.

use crate::api;
use crate::browser::PointMap;
use crate::i18n::{t_string, use_i18n};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The map and the drag callback, which must live as long as the map.
struct LiveMap {
    map: PointMap,
    _on_move: Closure<dyn Fn(f64, f64)>,
}

/// Six decimals: about 10 cm, finer than any phone's position.
pub fn coordinate_text(value: f64) -> String {
    format!("{value:.6}")
}

#[component]
pub fn PlacePicker(lat: RwSignal<String>, lon: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let config = LocalResource::new(move || api::map_config(i18n.get_locale_untracked()));
    let outline = LocalResource::new(api::district_outline);
    let container = NodeRef::<Div>::new();
    let live: RwSignal<Option<LiveMap>, LocalStorage> = RwSignal::new_local(None);
    let typed = move || {
        let number = |text: RwSignal<String>| text.get().trim().parse::<f64>().ok();
        number(lat).zip(number(lon))
    };
    Effect::new(move || {
        let (Some(element), Some(config)) = (container.get(), config.get()) else {
            return;
        };
        if live.with_untracked(Option::is_some) {
            return;
        }
        let tiles = config.map(|c| c.tile_layers).unwrap_or_default();
        let tiles = serde_json::to_string(&tiles).unwrap_or_else(|_| "[]".into());
        let map = PointMap::new(
            &element,
            &tiles,
            t_string!(i18n, zoom_in),
            t_string!(i18n, zoom_out),
        );
        let on_move = Closure::<dyn Fn(f64, f64)>::new(move |new_lat: f64, new_lon: f64| {
            lat.set(coordinate_text(new_lat));
            lon.set(coordinate_text(new_lon));
        });
        if let Some((at_lat, at_lon)) = typed() {
            map.set_place(at_lat, at_lon, on_move.as_ref().unchecked_ref());
        }
        live.set(Some(LiveMap {
            map,
            _on_move: on_move,
        }));
    });
    Effect::new(move || {
        if let Some(Ok(geojson)) = outline.get() {
            live.with(|live| live.as_ref().map(|live| live.map.set_outline(&geojson)));
        }
    });
    Effect::new(move || {
        if let Some((at_lat, at_lon)) = typed() {
            live.with(|live| {
                live.as_ref()
                    .map(|live| live.map.move_place(at_lat, at_lon))
            });
        }
    });
    on_cleanup(move || {
        if let Some(live) = live.try_update_untracked(Option::take).flatten() {
            live.map.destroy();
        }
    });
    view! {
        <div class="point-map place-picker" node_ref=container data-testid="place-picker"
            aria-label=move || t_string!(i18n, point_edit_map_label) role="region"></div>
    }
}
