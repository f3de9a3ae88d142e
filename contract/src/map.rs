//! How the map is drawn. By default it needs no tile server: the district outline and
//! the points are enough to find one's way. A deployment that can reach a tile server
//! switches one on in the server's configuration, not in a rebuild.

use serde::{Deserialize, Serialize};

/// What `GET /api/map` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapConfig {
    /// Raster layers drawn under the outline, bottom first; empty for none.
    pub tile_layers: Vec<TileLayer>,
}

/// A raster tile layer in Leaflet's terms. Its tiles must be in WGS-84 / Web Mercator
/// (Tianditu's `_w` layers and OpenStreetMap are), as are our coordinates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TileLayer {
    /// Leaflet URL template with `{s}`, `{z}`, `{x}`, `{y}`.
    pub url_template: String,
    pub subdomains: Vec<String>,
    /// HTML the provider requires to be shown on the map.
    pub attribution: String,
    pub max_zoom: u8,
}
