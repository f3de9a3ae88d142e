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
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi_schemas::latitude))]
    lat: f64,
    /// Longitude in degrees, −180 to 180.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi_schemas::longitude))]
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
    /// The largest latitude either side of the equator, in degrees.
    pub const MAX_LAT: f64 = 90.0;
    /// The largest longitude either side of Greenwich, in degrees.
    pub const MAX_LON: f64 = 180.0;

    pub fn new(lat: f64, lon: f64) -> Result<Self, &'static str> {
        if !(lat.is_finite() && (-Self::MAX_LAT..=Self::MAX_LAT).contains(&lat)) {
            return Err("latitude must be a number from -90 to 90");
        }
        if !(lon.is_finite() && (-Self::MAX_LON..=Self::MAX_LON).contains(&lon)) {
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

    /// Great-circle distance in metres (haversine on a spherical Earth: well within a
    /// metre over the few kilometres of a district).
    pub fn distance_m(self, other: Coordinate) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_008.8;
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * h.sqrt().asin()
    }

    /// The GCJ-02 position that Chinese map providers (AMap, Tencent, WeChat) expect.
    /// The only place in the product that converts: store WGS-84, convert at the edge.
    pub fn to_gcj02(self) -> GcjCoordinate {
        let (dlat, dlon) = gcj02_offset(self.lat, self.lon);
        GcjCoordinate {
            lat: self.lat + dlat,
            lon: self.lon + dlon,
        }
    }
}

/// A position in GCJ-02, China's obfuscated datum: only for handing to a provider that
/// requires it, never stored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GcjCoordinate {
    pub lat: f64,
    pub lon: f64,
}

/// The published GCJ-02 offset formula (Krasovsky 1940 ellipsoid), in degrees.
fn gcj02_offset(lat: f64, lon: f64) -> (f64, f64) {
    use std::f64::consts::PI;
    const A: f64 = 6_378_245.0;
    const EE: f64 = 0.006_693_421_622_965_943;
    let (x, y) = (lon - 105.0, lat - 35.0);
    let waves = |t: f64| (20.0 * (6.0 * t * PI).sin() + 20.0 * (2.0 * t * PI).sin()) * 2.0 / 3.0;
    let mut dlat = -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + waves(x)
        + (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0
        + (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    let mut dlon = 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + waves(x)
        + (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0
        + (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    let rad_lat = lat.to_radians();
    let magic = 1.0 - EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    dlat = dlat * 180.0 / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    dlon = dlon * 180.0 / (A / sqrt_magic * rad_lat.cos() * PI);
    (dlat, dlon)
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
    fn gcj02_matches_the_published_outline_in_both_datums() {
        // The district outline exists in GCJ-02 (the public DataV copy) and in WGS-84
        // (converted from it by exact inversion): converting every WGS-84 vertex back
        // must land on the GCJ-02 vertex, to the files' six decimals.
        let wgs = DistrictBoundary::from_geojson(include_str!(
            "../../public/data/huli-boundary.wgs84.geojson"
        ))
        .unwrap();
        let gcj =
            DistrictBoundary::from_geojson(include_str!("../testdata/huli-boundary.gcj02.geojson"))
                .unwrap();
        let vertices = |b: &DistrictBoundary| {
            b.polygons
                .iter()
                .flatten()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
        };
        let (wgs, gcj) = (vertices(&wgs), vertices(&gcj));
        assert_eq!(wgs.len(), gcj.len());
        assert!(wgs.len() > 100);
        for ([lon, lat], [gcj_lon, gcj_lat]) in wgs.into_iter().zip(gcj) {
            let converted = Coordinate::new(lat, lon).unwrap().to_gcj02();
            assert!(
                (converted.lat - gcj_lat).abs() < 2e-6,
                "lat {lat} → {} ≠ {gcj_lat}",
                converted.lat
            );
            assert!(
                (converted.lon - gcj_lon).abs() < 2e-6,
                "lon {lon} → {} ≠ {gcj_lon}",
                converted.lon
            );
        }
    }

    #[test]
    fn distances_are_in_metres() {
        let at = |lat, lon| Coordinate::new(lat, lon).unwrap();
        // One minute of latitude is one nautical mile, 1,852 m.
        let mile = at(24.5, 118.1).distance_m(at(24.5 + 1.0 / 60.0, 118.1));
        assert!((mile - 1_853.0).abs() < 5.0, "{mile}");
        assert_eq!(at(24.5, 118.1).distance_m(at(24.5, 118.1)), 0.0);
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
