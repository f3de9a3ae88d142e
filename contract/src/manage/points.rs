//! Changes to a service point: names, address, opening hours, services and its marker.

use super::{ADDRESS_MAX_CHARS, Checks, NAME_MAX_CHARS, Refused, one_of, plain_text, time_of_day};
use crate::{Coordinate, OpeningHours, Problem, Service};
use serde::{Deserialize, Serialize};

/// Changes to a service point; a field left out stays as it is.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct PointForm {
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub address_zh: Option<String>,
    pub address_en: Option<String>,
    pub opening_hours: Option<OpeningHoursForm>,
    /// Replaces the point's services, e.g. `["directions", "umbrella"]`.
    pub services: Option<Vec<String>>,
    /// Moves the marker (WGS-84); the point must stay inside the district.
    pub location: Option<LocationForm>,
}

/// `{"kind": "all_day"}`, or `{"kind": "daily", "opens": "08:00", "closes": "18:00"}`
/// (China Standard Time; closing before opening means after midnight).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct OpeningHoursForm {
    pub kind: String,
    pub opens: Option<String>,
    pub closes: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct LocationForm {
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A change to a point that can be applied. Whether the new location lies inside the
/// district is the server's to check, as it holds the outline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointChange {
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub address_zh: Option<String>,
    pub address_en: Option<String>,
    pub opening_hours: Option<OpeningHours>,
    pub services: Option<Vec<Service>>,
    pub location: Option<Coordinate>,
}

impl PointChange {
    pub fn is_empty(&self) -> bool {
        *self == PointChange::default()
    }
}

/// The kinds of opening hours, as the form spells them.
pub const OPENING_HOURS_KINDS: [&str; 2] = ["all_day", "daily"];

impl OpeningHoursForm {
    fn parse(&self, checks: &mut Checks) -> Option<OpeningHours> {
        match self.kind.as_str() {
            "all_day" => Some(OpeningHours::AllDay),
            "daily" => {
                let time = |raw: &Option<String>| time_of_day(raw.as_deref().unwrap_or_default());
                let opens = checks.field("opening_hours.opens", time(&self.opens));
                let closes = checks.field("opening_hours.closes", time(&self.closes));
                let (opens, closes) = (opens?, closes?);
                let closes = checks.field(
                    "opening_hours.closes",
                    (opens != closes)
                        .then_some(closes)
                        .ok_or(Problem::EndsBeforeStart),
                )?;
                Some(OpeningHours::Daily { opens, closes })
            }
            _ => {
                let allowed = OPENING_HOURS_KINDS.map(str::to_owned).to_vec();
                checks.field("opening_hours.kind", Err(Problem::OneOf { allowed }))
            }
        }
    }
}

impl LocationForm {
    fn parse(&self, checks: &mut Checks) -> Option<Coordinate> {
        let lat = checks.field("location.lat", self.lat.ok_or(Problem::Required))?;
        let lon = checks.field("location.lon", self.lon.ok_or(Problem::Required))?;
        let in_range = Coordinate::new(lat, lon).map_err(|_| Problem::OutsideDistrict);
        checks.field("location", in_range)
    }
}

impl PointForm {
    pub fn parse(&self) -> Result<PointChange, Refused> {
        let mut checks = Checks::default();
        let mut text = |field: &str, raw: &Option<String>, max: usize| {
            let raw = raw.as_deref()?;
            checks.field(field, plain_text(raw, max))
        };
        let name_zh = text("name_zh", &self.name_zh, NAME_MAX_CHARS);
        let name_en = text("name_en", &self.name_en, NAME_MAX_CHARS);
        let address_zh = text("address_zh", &self.address_zh, ADDRESS_MAX_CHARS);
        let address_en = text("address_en", &self.address_en, ADDRESS_MAX_CHARS);
        let opening_hours = (self.opening_hours.as_ref()).and_then(|form| form.parse(&mut checks));
        let services = self.services.as_ref().and_then(|names| {
            let offered: Vec<String> = (Service::ALL.iter())
                .filter_map(|service| serde_json::to_value(service).ok())
                .filter_map(|name| name.as_str().map(str::to_owned))
                .collect();
            let offered: Vec<&str> = offered.iter().map(String::as_str).collect();
            let parsed: Result<Vec<Service>, Problem> =
                (names.iter()).map(|name| one_of(name, &offered)).collect();
            let mut services = checks.field("services", parsed)?;
            services.sort();
            services.dedup();
            Some(services)
        });
        let location = (self.location.as_ref()).and_then(|form| form.parse(&mut checks));
        let change = PointChange {
            name_zh,
            name_en,
            address_zh,
            address_en,
            opening_hours,
            services,
            location,
        };
        checks.finish(Some(change))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(refused: Refused) -> Vec<String> {
        refused.into_iter().map(|(field, _)| field).collect()
    }

    #[test]
    fn a_point_change_names_every_bad_field() {
        let form = PointForm {
            name_zh: Some("  ".into()),
            opening_hours: Some(OpeningHoursForm {
                kind: "daily".into(),
                opens: Some("8am".into()),
                closes: Some("18:00".into()),
            }),
            services: Some(vec!["umbrella".into(), "teleport".into()]),
            location: Some(LocationForm {
                lat: Some(24.5),
                lon: None,
            }),
            ..Default::default()
        };
        assert_eq!(
            fields(form.parse().unwrap_err()),
            ["name_zh", "opening_hours.opens", "services", "location.lon"]
        );
    }

    #[test]
    fn a_point_change_keeps_what_it_leaves_out() {
        assert!(PointForm::default().parse().unwrap().is_empty());
        let form = PointForm {
            name_en: Some(" Huli Park ".into()),
            services: Some(vec![
                "umbrella".into(),
                "directions".into(),
                "umbrella".into(),
            ]),
            opening_hours: Some(OpeningHoursForm {
                kind: "daily".into(),
                opens: Some("20:00".into()),
                closes: Some("02:00".into()),
            }),
            ..Default::default()
        };
        let change = form.parse().unwrap();
        assert_eq!(change.name_en.as_deref(), Some("Huli Park"));
        assert_eq!(
            change.services,
            Some(vec![Service::Directions, Service::Umbrella])
        );
        assert!(matches!(
            change.opening_hours,
            Some(OpeningHours::Daily { .. })
        ));
        assert_eq!(change.name_zh, None);
    }
}
