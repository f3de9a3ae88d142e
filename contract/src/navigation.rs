//! Links that open a point in the navigation apps residents use. Each provider gets the
//! datum it understands: AMap GCJ-02 (converted here), Baidu WGS-84 with `coord_type`,
//! Apple Maps and `geo:` WGS-84.

use crate::Coordinate;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavigationLinks {
    pub amap: String,
    pub baidu: String,
    pub apple: String,
    pub geo: String,
}

/// Links to `at`, labelled with `name` (and `address` where the provider shows one).
pub fn navigation_links(at: Coordinate, name: &str, address: &str) -> NavigationLinks {
    let encoded = |text: &str| utf8_percent_encode(text, NON_ALPHANUMERIC).to_string();
    let (name_q, address_q) = (encoded(name), encoded(address));
    let (lat, lon) = (at.lat(), at.lon());
    let gcj = at.to_gcj02();
    NavigationLinks {
        amap: format!(
            "https://uri.amap.com/marker?position={:.6},{:.6}&name={name_q}&coordinate=gaode&callnative=1",
            gcj.lon, gcj.lat
        ),
        baidu: format!(
            "https://api.map.baidu.com/marker?location={lat:.6},{lon:.6}&title={name_q}&content={address_q}\
             &output=html&coord_type=wgs84&src=huli.volunteer.webapp"
        ),
        apple: format!("https://maps.apple.com/?ll={lat:.6},{lon:.6}&q={name_q}"),
        geo: format!("geo:{lat:.6},{lon:.6}?q={lat:.6},{lon:.6}({name_q})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_provider_gets_its_datum_and_an_encoded_label() {
        let at = Coordinate::new(24.5145, 118.091).unwrap();
        let links = navigation_links(at, "湖里公园 & 东门", "华荣路");
        let gcj = at.to_gcj02();
        assert!(
            links
                .amap
                .contains(&format!("position={:.6},{:.6}", gcj.lon, gcj.lat))
        );
        assert!(links.amap.contains("coordinate=gaode"));
        assert!(
            links.baidu.contains("location=24.514500,118.091000")
                && links.baidu.contains("coord_type=wgs84")
        );
        assert!(
            links
                .apple
                .starts_with("https://maps.apple.com/?ll=24.514500,118.091000&q=")
        );
        assert!(links.geo.starts_with("geo:24.514500,118.091000?q="));
        assert!(
            links
                .amap
                .contains("name=%E6%B9%96%E9%87%8C%E5%85%AC%E5%9B%AD%20%26%20"),
            "{}",
            links.amap
        );
        // GCJ-02 lies about 500 m east and 300 m south of WGS-84 here.
        assert!(
            (0.004..0.006).contains(&(gcj.lon - at.lon()))
                && (-0.004..-0.002).contains(&(gcj.lat - at.lat()))
        );
    }
}
