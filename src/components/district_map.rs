//! The Leaflet map of the district that the points' map and the staff's place picker
//! both draw: made once its element exists and the tile configuration has answered (a
//! failed answer means no tiles, not no map), the district outline added when it
//! arrives, and destroyed with the component.

use crate::api;
use crate::browser::PointMap;
use crate::i18n::{t_string, use_i18n};
use leptos::html::Div;
use leptos::prelude::*;

/// The map, and what its caller attached to it (callbacks that must live as long).
pub struct DistrictMap<Attached> {
    pub map: PointMap,
    pub attached: Attached,
}

/// The map in `container`, once made; `attach` is called once with the new map.
pub fn use_district_map<Attached: 'static>(
    container: NodeRef<Div>,
    attach: impl Fn(&PointMap) -> Attached + 'static,
) -> RwSignal<Option<DistrictMap<Attached>>, LocalStorage> {
    let i18n = use_i18n();
    let config = LocalResource::new(move || api::map_config(i18n.get_locale_untracked()));
    let outline = LocalResource::new(api::district_outline);
    let live: RwSignal<Option<DistrictMap<Attached>>, LocalStorage> = RwSignal::new_local(None);
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
        let attached = attach(&map);
        live.set(Some(DistrictMap { map, attached }));
    });
    Effect::new(move || {
        if let Some(Ok(geojson)) = outline.get() {
            live.with(|live| live.as_ref().map(|live| live.map.set_outline(&geojson)));
        }
    });
    on_cleanup(move || {
        if let Some(live) = live.try_update_untracked(Option::take).flatten() {
            live.map.destroy();
        }
    });
    live
}
