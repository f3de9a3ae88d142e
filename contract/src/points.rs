//! The 30 Lei Feng service points: what the public map and point pages show.

use crate::{Coordinate, LocalizedText, Minutes, ShiftView};
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// A service point's id, as it appears in `/points/{id}` URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct PointId(pub i64);

/// Where a point stands. The report lists parks, squares, stations, the ferry terminals,
/// the long-distance bus station and main traffic intersections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointCategory {
    Park,
    Square,
    MetroStation,
    Airport,
    FerryTerminal,
    BusStation,
    Intersection,
}

impl PointCategory {
    pub const ALL: [PointCategory; 7] = [
        PointCategory::Park,
        PointCategory::Square,
        PointCategory::MetroStation,
        PointCategory::Airport,
        PointCategory::FerryTerminal,
        PointCategory::BusStation,
        PointCategory::Intersection,
    ];
}

/// Huli's five sub-districts (街道).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubDistrict {
    Huli,
    Dianqian,
    Heshan,
    Jiangtou,
    Jinshan,
}

impl SubDistrict {
    pub const ALL: [SubDistrict; 5] = [
        SubDistrict::Huli,
        SubDistrict::Dianqian,
        SubDistrict::Heshan,
        SubDistrict::Jiangtou,
        SubDistrict::Jinshan,
    ];
}

/// What a point offers the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Directions,
    Umbrella,
    FirstAidKit,
    DrinkingWater,
    PhoneCharging,
    LostAndFound,
    LegalAdvice,
    TrafficGuidance,
    ElderlyAssistance,
    TouristInformation,
    AccessibilityHelp,
    RepairKit,
}

/// When a point is staffed. Times are China Standard Time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpeningHours {
    /// Staffed around the clock (the airport terminals, for instance).
    AllDay,
    /// The same hours every day; `closes` before `opens` means the point closes after midnight.
    Daily { opens: NaiveTime, closes: NaiveTime },
}

impl Service {
    pub const ALL: [Service; 12] = [
        Service::Directions,
        Service::Umbrella,
        Service::FirstAidKit,
        Service::DrinkingWater,
        Service::PhoneCharging,
        Service::LostAndFound,
        Service::LegalAdvice,
        Service::TrafficGuidance,
        Service::ElderlyAssistance,
        Service::TouristInformation,
        Service::AccessibilityHelp,
        Service::RepairKit,
    ];
}

impl OpeningHours {
    pub fn is_open_at(self, time: NaiveTime) -> bool {
        match self {
            OpeningHours::AllDay => true,
            OpeningHours::Daily { opens, closes } if opens <= closes => {
                opens <= time && time < closes
            }
            OpeningHours::Daily { opens, closes } => time >= opens || time < closes,
        }
    }
}

/// The kind of organisation that staffs points and forms teams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    GovernmentOffice,
    PublicInstitution,
    School,
    Company,
}

/// A "civilised unit" paired with a point: one point has one or more of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerUnitRef {
    pub id: i64,
    pub name: LocalizedText,
    pub kind: UnitKind,
}

/// A point as the map and the list need it; all 30 come in one response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointSummary {
    pub id: PointId,
    pub name: LocalizedText,
    pub category: PointCategory,
    pub location: Coordinate,
    /// True while the coordinate is an estimate that staff have not yet corrected.
    pub location_approximate: bool,
    pub address: LocalizedText,
    pub sub_district: SubDistrict,
    pub opening_hours: OpeningHours,
    pub services: Vec<Service>,
    pub partner_units: Vec<PartnerUnitRef>,
    /// Free places on shifts open for sign-up in the next seven days: above zero, the
    /// point needs volunteers.
    pub open_places_this_week: u32,
}

/// Duty kinds. Traffic duty and emergency relief are high-risk: they open for sign-up
/// only once the organiser's accident insurance is on record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    PointService,
    TrafficDuty,
    EmergencyRelief,
    CommunityEvent,
}

impl DutyKind {
    pub const ALL: [DutyKind; 4] = [
        DutyKind::PointService,
        DutyKind::CommunityEvent,
        DutyKind::TrafficDuty,
        DutyKind::EmergencyRelief,
    ];

    pub fn is_high_risk(self) -> bool {
        matches!(self, DutyKind::TrafficDuty | DutyKind::EmergencyRelief)
    }

    /// Whether a shift of this duty may take sign-ups: high-risk duty only once the
    /// organiser's accident insurance is on record.
    pub fn open_for_signup(self, insured: bool) -> bool {
        insured || !self.is_high_risk()
    }
}

/// One point with what its own page shows beyond the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointDetail {
    pub point: PointSummary,
    /// Approved (verified) minutes served at this point in the current calendar year.
    pub verified_minutes_this_year: Minutes,
    /// Volunteers checked in here and not yet checked out.
    pub on_duty_now: u32,
    /// The next shifts that take sign-ups now, with a free place or on the waitlist,
    /// soonest first.
    pub upcoming_shifts: Vec<ShiftView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn opening_hours_handle_day_and_overnight_ranges() {
        let day = OpeningHours::Daily {
            opens: time(8, 0),
            closes: time(18, 0),
        };
        assert!(day.is_open_at(time(8, 0)));
        assert!(!day.is_open_at(time(18, 0)));
        assert!(!day.is_open_at(time(7, 59)));
        let night = OpeningHours::Daily {
            opens: time(20, 0),
            closes: time(2, 0),
        };
        assert!(night.is_open_at(time(23, 0)));
        assert!(night.is_open_at(time(1, 0)));
        assert!(!night.is_open_at(time(12, 0)));
        assert!(OpeningHours::AllDay.is_open_at(time(3, 0)));
    }

    #[test]
    fn categories_serialise_as_snake_case() {
        let json = serde_json::to_string(&PointCategory::FerryTerminal).unwrap();
        assert_eq!(json, r#""ferry_terminal""#);
        let hours = serde_json::to_value(OpeningHours::AllDay).unwrap();
        assert_eq!(hours, serde_json::json!({"kind": "all_day"}));
    }

    #[test]
    fn high_risk_duty_opens_only_with_insurance() {
        assert!(DutyKind::TrafficDuty.is_high_risk());
        assert!(DutyKind::EmergencyRelief.is_high_risk());
        assert!(!DutyKind::PointService.is_high_risk());
        assert!(!DutyKind::CommunityEvent.is_high_risk());
        assert!(!DutyKind::TrafficDuty.open_for_signup(false));
        assert!(DutyKind::TrafficDuty.open_for_signup(true));
        assert!(DutyKind::PointService.open_for_signup(false));
    }
}
