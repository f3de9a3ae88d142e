//! Which points the map and the list show, and in what order. The filter lives in the
//! URL's query string, so back, forward and a shared link restore it.

use crate::i18n::Locale;
use crate::labels;
use chrono::NaiveTime;
use huli_contract::{Coordinate, PointCategory, PointId, PointSummary, Service, SubDistrict};
use leptos_router::params::ParamsMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointFilter {
    /// Words that must all appear in the name or address, in either language.
    pub text: String,
    pub category: Option<PointCategory>,
    pub sub_district: Option<SubDistrict>,
    /// Services a point must all offer ("drinking water" and "charging").
    pub services: Vec<Service>,
    pub open_now: bool,
    pub needs_volunteers: bool,
    /// Sort by distance from the visitor (when the browser tells us where they are).
    pub near_me: bool,
    /// The point whose summary is open.
    pub selected: Option<PointId>,
}

/// A point as shown, with its distance from the visitor when known.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownPoint {
    pub point: PointSummary,
    pub distance_m: Option<f64>,
}

impl PointFilter {
    /// Reads the filter from query parameters; `get` looks one up by name.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let flag = |key: &str| get(key).is_some_and(|v| v == "1");
        PointFilter {
            text: get("q").unwrap_or_default(),
            category: get("category").and_then(|v| enum_value(&v)),
            sub_district: get("sub_district").and_then(|v| enum_value(&v)),
            services: (get("services").unwrap_or_default().split(','))
                .filter_map(enum_value)
                .collect(),
            open_now: flag("open"),
            needs_volunteers: flag("needs"),
            near_me: flag("near"),
            selected: get("point").and_then(|v| v.parse().ok()).map(PointId),
        }
    }

    /// Every parameter a filter may set.
    const KEYS: [&'static str; 8] = [
        "q",
        "category",
        "sub_district",
        "services",
        "open",
        "needs",
        "near",
        "point",
    ];

    /// The query parameters that say this filter; nothing for what is not filtered.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let flag = |on: bool| on.then(|| "1".to_owned());
        [
            ("q", Some(self.text.clone()).filter(|t| !t.is_empty())),
            ("category", self.category.map(|c| enum_name(&c))),
            ("sub_district", self.sub_district.map(|d| enum_name(&d))),
            (
                "services",
                Some(
                    self.services
                        .iter()
                        .map(enum_name)
                        .collect::<Vec<_>>()
                        .join(","),
                )
                .filter(|list| !list.is_empty()),
            ),
            ("open", flag(self.open_now)),
            ("needs", flag(self.needs_volunteers)),
            ("near", flag(self.near_me)),
            ("point", self.selected.map(|id| id.0.to_string())),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value?)))
        .collect()
    }

    pub fn from_query(query: &ParamsMap) -> Self {
        Self::from_params(|key| query.get(key))
    }

    /// Puts this filter's parameters in place of the filter `query` had, keeping its
    /// other parameters.
    pub fn write_into(&self, query: &mut ParamsMap) {
        for key in Self::KEYS {
            query.remove(key);
        }
        for (key, value) in self.to_params() {
            query.insert(key, value);
        }
    }

    /// Search finds a point by its name, its address or what it offers ("饮用水",
    /// "charging"), in either language, whichever the page is in.
    fn matches(&self, point: &PointSummary, now: NaiveTime) -> bool {
        let services = (point.services.iter()).flat_map(|service| {
            [Locale::zh, Locale::zh_Hant, Locale::en].map(|l| labels::service(l, *service))
        });
        let haystack = [
            point.name.zh.as_str(),
            &point.name.en,
            &point.address.zh,
            &point.address.en,
        ]
        .into_iter()
        .chain(services)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("\n");
        self.text
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
            && self.category.is_none_or(|c| c == point.category)
            && self.sub_district.is_none_or(|d| d == point.sub_district)
            && self.services.iter().all(|s| point.services.contains(s))
            && (!self.open_now || point.opening_hours.is_open_at(now))
            && (!self.needs_volunteers || point.open_places_this_week > 0)
    }

    /// The points that pass, by distance when `near_me` and the position are known,
    /// otherwise in the programme's order.
    pub fn apply(
        &self,
        points: &[PointSummary],
        now: NaiveTime,
        position: Option<Coordinate>,
    ) -> Vec<ShownPoint> {
        let mut shown: Vec<ShownPoint> = points
            .iter()
            .filter(|point| self.matches(point, now))
            .map(|point| ShownPoint {
                point: point.clone(),
                distance_m: position.map(|here| here.distance_m(point.location)),
            })
            .collect();
        if self.near_me && position.is_some() {
            let distance = |shown: &ShownPoint| shown.distance_m.unwrap_or(f64::MAX);
            shown.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
        }
        shown
    }
}

/// The contract's own snake_case name for an enum value (`ferry_terminal`).
pub fn enum_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn enum_value<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use huli_contract::{LocalizedText, OpeningHours};

    fn point(
        id: i64,
        name: &str,
        category: PointCategory,
        open: (u32, u32),
        places: u32,
        lat: f64,
    ) -> PointSummary {
        PointSummary {
            id: PointId(id),
            name: LocalizedText {
                zh: name.into(),
                en: format!("{name} Point"),
            },
            category,
            location: Coordinate::new(lat, 118.1).unwrap(),
            location_approximate: true,
            address: LocalizedText {
                zh: "华荣路".into(),
                en: "Huarong Road".into(),
            },
            sub_district: if id % 2 == 0 {
                SubDistrict::Huli
            } else {
                SubDistrict::Jinshan
            },
            opening_hours: OpeningHours::Daily {
                opens: NaiveTime::from_hms_opt(open.0, 0, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(open.1, 0, 0).unwrap(),
            },
            services: vec![],
            partner_units: vec![],
            open_places_this_week: places,
        }
    }

    fn sample() -> Vec<PointSummary> {
        vec![
            point(1, "湖里公园", PointCategory::Park, (8, 18), 0, 24.50),
            point(
                2,
                "五通码头",
                PointCategory::FerryTerminal,
                (7, 21),
                5,
                24.52,
            ),
            point(3, "忠仑公园", PointCategory::Park, (19, 22), 3, 24.49),
        ]
    }

    fn ids(shown: &[ShownPoint]) -> Vec<i64> {
        shown.iter().map(|s| s.point.id.0).collect()
    }

    const NOON: NaiveTime = NaiveTime::from_hms_opt(12, 0, 0).unwrap();

    #[test]
    fn search_finds_what_a_point_offers_in_either_language() {
        let mut points = sample();
        points[1].services = vec![Service::DrinkingWater, Service::PhoneCharging];
        points[2].services = vec![Service::DrinkingWater];
        for (text, expected) in [
            ("饮用水", vec![2, 3]),
            ("充电", vec![2]),
            ("water", vec![2, 3]),
            ("Phone CHARGING", vec![2]),
            ("饮用水 码头", vec![2]),
            ("雨伞", vec![]),
        ] {
            let filter = PointFilter {
                text: text.into(),
                ..PointFilter::default()
            };
            assert_eq!(ids(&filter.apply(&points, NOON, None)), expected, "{text}");
        }
    }

    #[test]
    fn chosen_services_must_all_be_offered() {
        let mut points = sample();
        points[1].services = vec![Service::DrinkingWater, Service::PhoneCharging];
        points[2].services = vec![Service::DrinkingWater];
        for (services, expected) in [
            (vec![Service::DrinkingWater], vec![2, 3]),
            (
                vec![Service::DrinkingWater, Service::PhoneCharging],
                vec![2],
            ),
            (vec![Service::Umbrella], vec![]),
        ] {
            let filter = PointFilter {
                services: services.clone(),
                ..PointFilter::default()
            };
            assert_eq!(
                ids(&filter.apply(&points, NOON, None)),
                expected,
                "{services:?}"
            );
        }
    }

    #[test]
    fn each_criterion_narrows_the_points() {
        let points = sample();
        let all = PointFilter::default();
        assert_eq!(ids(&all.apply(&points, NOON, None)), [1, 2, 3]);
        let by_text = PointFilter {
            text: "公园".into(),
            ..all.clone()
        };
        assert_eq!(ids(&by_text.apply(&points, NOON, None)), [1, 3]);
        let by_english = PointFilter {
            text: "wutong POINT".into(),
            ..all.clone()
        };
        assert_eq!(
            ids(&by_english.apply(&points, NOON, None)),
            [] as [i64; 0],
            "every word must match"
        );
        let by_address = PointFilter {
            text: "huarong".into(),
            ..all.clone()
        };
        assert_eq!(ids(&by_address.apply(&points, NOON, None)).len(), 3);
        let by_category = PointFilter {
            category: Some(PointCategory::FerryTerminal),
            ..all.clone()
        };
        assert_eq!(ids(&by_category.apply(&points, NOON, None)), [2]);
        let by_sub_district = PointFilter {
            sub_district: Some(SubDistrict::Huli),
            ..all.clone()
        };
        assert_eq!(ids(&by_sub_district.apply(&points, NOON, None)), [2]);
        let open = PointFilter {
            open_now: true,
            ..all.clone()
        };
        assert_eq!(ids(&open.apply(&points, NOON, None)), [1, 2]);
        let needs = PointFilter {
            needs_volunteers: true,
            ..all.clone()
        };
        assert_eq!(ids(&needs.apply(&points, NOON, None)), [2, 3]);
    }

    #[test]
    fn near_me_sorts_by_distance_once_the_position_is_known() {
        let points = sample();
        let near = PointFilter {
            near_me: true,
            ..Default::default()
        };
        let here = Coordinate::new(24.488, 118.1).unwrap();
        let shown = near.apply(&points, NOON, Some(here));
        assert_eq!(ids(&shown), [3, 1, 2]);
        assert!(shown[0].distance_m.unwrap() < 300.0);
        assert_eq!(
            ids(&near.apply(&points, NOON, None)),
            [1, 2, 3],
            "no position: programme order"
        );
    }

    #[test]
    fn the_query_parameters_round_trip() {
        let filter = PointFilter {
            text: "湖里 公园".into(),
            category: Some(PointCategory::MetroStation),
            sub_district: Some(SubDistrict::Dianqian),
            services: vec![Service::DrinkingWater, Service::FirstAidKit],
            open_now: true,
            needs_volunteers: false,
            near_me: true,
            selected: Some(PointId(7)),
        };
        let params: std::collections::HashMap<_, _> = filter.to_params().into_iter().collect();
        assert_eq!(
            params.get("category").map(String::as_str),
            Some("metro_station")
        );
        assert_eq!(
            params.get("services").map(String::as_str),
            Some("drinking_water,first_aid_kit")
        );
        assert_eq!(params.get("needs"), None);
        assert_eq!(
            PointFilter::from_params(|key| params.get(key).cloned()),
            filter
        );
        assert!(
            PointFilter::default().to_params().is_empty(),
            "no filter, no query"
        );
    }
}
