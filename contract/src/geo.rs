//! WGS-84 coordinates and the district outline they must fall inside.
//!
//! Everything is stored and exchanged in WGS-84; conversion to GCJ-02 for Chinese map
//! providers happens only at the edge that needs it.

use serde::{Deserialize, Serialize};

/// A WGS-84 position. Construct it with [`Coordinate::new`]; deserialising goes through
/// the same check, so an out-of-range or non-finite value cannot exist.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawCoordinate")]
pub struct Coordinate {
    /// Latitude in degrees, −90 to 90.
    lat: f64,
    /// Longitude in degrees, −180 to 180.
    lon: f64,
}

#[derive(Deserialize)]
struct RawCoordinate {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawCoordinate> for Coordinate {
    type Error = &'static str;
    fn try_from(raw: RawCoordinate) -> Result<Self, Self::Error> {
        Coordinate::new(raw.lat, raw.lon)
    }
}

impl Coordinate {
    pub fn new(lat: f64, lon: f64) -> Result<Self, &'static str> {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return Err("latitude must be a number from -90 to 90");
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            return Err("longitude must be a number from -180 to 180");
        }
        Ok(Coordinate { lat, lon })
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub fn lon(self) -> f64 {
        self.lon
    }
}

/// The district outline as GeoJSON gives it: polygons of rings of `[lon, lat]` pairs,
/// the first ring of each polygon its outer edge, the rest holes.
#[derive(Clone, Debug)]
pub struct DistrictBoundary {
    polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    geometry: MultiPolygon,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum MultiPolygon {
    MultiPolygon {
        coordinates: Vec<Vec<Vec<[f64; 2]>>>,
    },
}

impl DistrictBoundary {
    /// Reads a GeoJSON FeatureCollection whose first feature is a MultiPolygon.
    pub fn from_geojson(text: &str) -> Result<Self, String> {
        let collection: FeatureCollection =
            serde_json::from_str(text).map_err(|e| format!("district outline: {e}"))?;
        let feature = collection
            .features
            .into_iter()
            .next()
            .ok_or("district outline: no feature")?;
        let MultiPolygon::MultiPolygon { coordinates } = feature.geometry;
        Ok(DistrictBoundary {
            polygons: coordinates,
        })
    }

    /// Whether `point` lies inside the outline (inside an outer ring and in none of its holes).
    pub fn contains(&self, point: Coordinate) -> bool {
        self.polygons.iter().any(|rings| {
            let mut rings = rings.iter();
            rings
                .next()
                .is_some_and(|outer| ring_contains(outer, point))
                && !rings.any(|hole| ring_contains(hole, point))
        })
    }
}

/// Even-odd ray casting; the outline is small enough that a flat plane is exact enough.
fn ring_contains(ring: &[[f64; 2]], point: Coordinate) -> bool {
    let (x, y) = (point.lon, point.lat);
    let mut inside = false;
    let mut previous = match ring.last() {
        Some(p) => p,
        None => return false,
    };
    for current in ring {
        let ([x1, y1], [x2, y2]) = (*previous, *current);
        if (y1 > y) != (y2 > y) && x < (x2 - x1) * (y - y1) / (y2 - y1) + x1 {
            inside = !inside;
        }
        previous = current;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "geometry":{"type":"MultiPolygon","coordinates":[[
            [[0,0],[10,0],[10,10],[0,10],[0,0]],
            [[4,4],[6,4],[6,6],[4,6],[4,4]]
        ]]}}]}"#;

    #[test]
    fn coordinate_rejects_out_of_range_and_non_finite() {
        assert!(Coordinate::new(24.5, 118.1).is_ok());
        assert!(Coordinate::new(91.0, 118.1).is_err());
        assert!(Coordinate::new(24.5, -180.5).is_err());
        assert!(Coordinate::new(f64::NAN, 118.1).is_err());
        let parsed: Result<Coordinate, _> = serde_json::from_str(r#"{"lat":100,"lon":1}"#);
        assert!(parsed.is_err());
    }

    #[test]
    fn boundary_honours_outer_ring_and_holes() {
        let boundary = DistrictBoundary::from_geojson(SQUARE).unwrap();
        let at = |lat, lon| Coordinate::new(lat, lon).unwrap();
        assert!(boundary.contains(at(2.0, 2.0)));
        assert!(!boundary.contains(at(5.0, 5.0)), "inside the hole");
        assert!(!boundary.contains(at(11.0, 5.0)));
    }

    #[test]
    fn huli_outline_contains_the_district_and_not_its_neighbours() {
        let text = include_str!("../../public/data/huli-boundary.wgs84.geojson");
        let huli = DistrictBoundary::from_geojson(text).unwrap();
        let at = |lat, lon| Coordinate::new(lat, lon).unwrap();
        assert!(
            huli.contains(at(24.5195, 118.1392)),
            "the outline's own centroid"
        );
        assert!(!huli.contains(at(24.4460, 118.0820)), "Gulangyu, in Siming");
        assert!(
            !huli.contains(at(24.6130, 118.0950)),
            "Jimei, across the water"
        );
    }
}
