//! The Leaflet map: the district outline, one marker per shown point (shape and glyph
//! by category, named for screen readers), and a legend. Selecting a marker (click, or
//! Tab then Enter) opens the point's summary.

use crate::api;
use crate::browser;
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::labels;
use crate::point_filter::{ShownPoint, enum_name};
use huli_contract::{PointCategory, PointId};
use leptos::html::Div;
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The Leaflet map and the callback it calls, which must live as long as the map.
struct LiveMap {
    map: browser::PointMap,
    on_select: Closure<dyn Fn(f64)>,
}

#[derive(Serialize)]
struct Marker {
    id: i64,
    lat: f64,
    lon: f64,
    label: String,
    category: String,
    glyph: String,
}

#[component]
pub fn PointMap(
    shown: Memo<Vec<ShownPoint>>,
    selected: Memo<Option<PointId>>,
    on_select: Callback<PointId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = LocalResource::new(move || api::map_config(i18n.get_locale_untracked()));
    let outline = LocalResource::new(api::district_outline);
    let container = NodeRef::<Div>::new();
    let live: RwSignal<Option<LiveMap>, LocalStorage> = RwSignal::new_local(None);

    // Create the map once its element exists and the tile configuration has answered
    // (a failed answer means no tiles, not no map).
    Effect::new(move || {
        let (Some(element), Some(config)) = (container.get(), config.get()) else {
            return;
        };
        if live.with_untracked(Option::is_some) {
            return;
        }
        let tiles = config.map(|c| c.tile_layers).unwrap_or_default();
        let tiles = serde_json::to_string(&tiles).unwrap_or_else(|_| "[]".into());
        let map = browser::PointMap::new(
            &element,
            &tiles,
            t_string!(i18n, zoom_in),
            t_string!(i18n, zoom_out),
        );
        let on_select =
            Closure::<dyn Fn(f64)>::new(move |id: f64| on_select.run(PointId(id as i64)));
        live.set(Some(LiveMap { map, on_select }));
    });
    Effect::new(move || {
        if let Some(Ok(geojson)) = outline.get() {
            live.with(|live| live.as_ref().map(|live| live.map.set_outline(&geojson)));
        }
    });
    Effect::new(move || {
        let locale = i18n.get_locale();
        let lang = api::lang_of(locale);
        let markers: Vec<Marker> = shown.with(|shown| {
            shown
                .iter()
                .map(|s| Marker {
                    id: s.point.id.0,
                    lat: s.point.location.lat(),
                    lon: s.point.location.lon(),
                    label: marker_label(locale, s.point.name.get(lang), s.point.category),
                    category: enum_name(&s.point.category),
                    glyph: labels::category_glyph(locale, s.point.category),
                })
                .collect()
        });
        let json = serde_json::to_string(&markers).unwrap_or_else(|_| "[]".into());
        live.with(|live| {
            if let Some(live) = live {
                // The map keeps the selection across new markers itself.
                live.map
                    .set_markers(&json, live.on_select.as_ref().unchecked_ref());
            }
        });
    });
    Effect::new(move || {
        let id = selected.get().map(|id| id.0 as f64);
        live.with(|live| live.as_ref().map(|live| live.map.select(id)));
    });
    on_cleanup(move || {
        if let Some(live) = live.try_update_untracked(Option::take).flatten() {
            live.map.destroy();
        }
    });

    view! {
        <section class="map-pane" aria-label=move || t_string!(i18n, map_region_label)>
            <div class="point-map" node_ref=container data-testid="point-map"></div>
            <MapLegend />
        </section>
    }
}

/// "湖里公园学雷锋志愿服务点（公园）", "Huli Park Service Point (Park)".
fn marker_label(locale: Locale, name: &str, category: PointCategory) -> String {
    let category = labels::category(locale, category);
    match locale {
        Locale::zh => format!("{name}（{category}）"),
        Locale::en => format!("{name} ({category})"),
    }
}

#[component]
fn MapLegend() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    view! {
        <details class="map-legend">
            <summary>{t!(i18n, legend_heading)}</summary>
            <ul>
                {PointCategory::ALL
                    .map(|category| view! {
                        <li>
                            <span class=format!("legend-marker point-marker point-marker-{}", enum_name(&category)) aria-hidden="true">
                                <span>{move || labels::category_glyph(locale(), category)}</span>
                            </span>
                            {move || labels::category(locale(), category)}
                        </li>
                    })
                    .to_vec()}
            </ul>
        </details>
    }
}
