//! The JSON contract between the Huli volunteer app and its server.
//!
//! Both sides compile this crate (the browser to wasm, the server natively), so they can
//! never disagree about what a valid coordinate, phone number or shift window is. Types
//! here parse on construction: a value that exists is valid.

pub mod geo;
pub mod hours;
pub mod lang;
pub mod map;
pub mod navigation;
pub mod phone;
pub mod points;
pub mod problem;
pub mod stats;

pub use geo::{Coordinate, DistrictBoundary, GcjCoordinate};
pub use hours::{Minutes, ReviewStatus, ShiftWindow};
pub use lang::{Lang, LocalizedText};
pub use map::{MapConfig, TileLayer};
pub use navigation::{NavigationLinks, navigation_links};
pub use phone::PhoneNumber;
pub use points::{
    DutyKind, OpeningHours, PartnerUnitRef, PointCategory, PointDetail, PointId, PointSummary,
    Service, SubDistrict, UnitKind, UpcomingShift,
};
pub use problem::{ApiErrorBody, ErrorCode, FieldError, Problem};
pub use stats::Stats;

/// Huli keeps China Standard Time all year (UTC+8, no daylight saving). Times travel as
/// UTC in the API and are shown in this offset.
pub fn china_standard_time() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}
