//! The Leaflet map: the district outline, one marker per shown point (shape and glyph
//! by category, named for screen readers; points too close together share a cluster),
//! and a legend. Selecting a marker (click, or
//! Tab then Enter) opens the point's summary.

use crate::api;
use crate::components::district_map::use_district_map;
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::labels;
use crate::point_filter::{ShownPoint, enum_name};
use huli_contract::{Coordinate, PointCategory, PointId};
use leptos::html::Div;
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;

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
    /// Where the visitor is, once "nearest to me" has found it.
    #[prop(optional, into)]
    position: Signal<Option<Coordinate>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let container = NodeRef::<Div>::new();
    let live = use_district_map(container, move |_| {
        Closure::<dyn Fn(f64)>::new(move |id: f64| on_select.run(PointId(id as i64)))
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
        // The map puts each cluster's number of points in place of `{n}`.
        let cluster_label = t_string!(i18n, map_cluster_label);
        live.with(|live| {
            if let Some(live) = live {
                // The map keeps the selection across new markers itself.
                let on_select = live.attached.as_ref().unchecked_ref();
                live.map.set_markers(&json, cluster_label, on_select);
            }
        });
    });
    Effect::new(move || {
        let id = selected.get().map(|id| id.0 as f64);
        live.with(|live| live.as_ref().map(|live| live.map.select(id)));
    });

    Effect::new(move || {
        let here = position.get();
        // The list is by distance then: its first point is the nearest.
        let nearest = shown.with(|shown| shown.first().map(|s| s.point.id.0 as f64));
        let label = t_string!(i18n, map_your_position);
        live.with(|live| {
            if let Some(live) = live {
                let (lat, lon) = (here.map(Coordinate::lat), here.map(Coordinate::lon));
                live.map.show_position(lat, lon, label, nearest);
            }
        });
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
        Locale::zh | Locale::zh_Hant => format!("{name}（{category}）"),
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
