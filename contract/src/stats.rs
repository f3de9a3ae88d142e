//! The programme's headline figures.

use crate::Minutes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Verified hours and the size of the programme. Only hours that the organising unit
/// approved count as verified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    /// The calendar year the `this_year` figures cover (China Standard Time).
    pub year: i32,
    pub verified_minutes_this_year: Minutes,
    /// The twelve months up to now, for a figure that does not drop to zero each January.
    pub verified_minutes_last_12_months: Minutes,
    /// Served this year and waiting for the organising unit's review: not yet verified.
    #[serde(default)]
    pub pending_minutes_this_year: Minutes,
    /// Volunteers checked in at a point right now.
    #[serde(default)]
    pub on_duty_now: u32,
    pub service_points: u32,
    pub partner_units: u32,
    pub teams: u32,
    pub volunteers: u32,
    pub as_of: DateTime<Utc>,
}
