//! A whole programme as the seed builds it, before anything is stored.

use chrono::{DateTime, Utc};
use huli_contract::{
    Coordinate, DutyKind, LocalizedText, Minutes, OpeningHours, PointCategory, ReviewStatus,
    Service, ShiftWindow, SubDistrict, Training, UnitKind,
};

/// A whole programme to load into an empty database. Ids are 1-based positions in
/// these lists, so rows can refer to each other before anything is stored.
#[derive(Clone, Debug, Default)]
pub struct SeedData {
    pub units: Vec<NewUnit>,
    pub points: Vec<NewPoint>,
    pub teams: Vec<NewTeam>,
    pub volunteers: Vec<NewVolunteer>,
    pub shifts: Vec<NewShift>,
    pub signups: Vec<NewSignup>,
    pub attendance: Vec<NewAttendance>,
    pub trainings: Vec<NewTraining>,
}

#[derive(Clone, Copy, Debug)]
pub struct NewTraining {
    pub volunteer_id: i64,
    pub training: Training,
    pub completed_at: DateTime<Utc>,
    /// The last day it is valid; `None` for a training that holds.
    pub expires_on: Option<chrono::NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct NewUnit {
    pub name: LocalizedText,
    pub kind: UnitKind,
}

#[derive(Clone, Debug)]
pub struct NewPoint {
    pub name: LocalizedText,
    pub category: PointCategory,
    pub location: Coordinate,
    pub address: LocalizedText,
    pub sub_district: SubDistrict,
    pub opening_hours: OpeningHours,
    pub services: Vec<Service>,
    /// 1-based ids into `SeedData::units`.
    pub partner_units: Vec<i64>,
}

#[derive(Clone, Debug)]
pub struct NewTeam {
    pub name: LocalizedText,
    pub kind: &'static str,
    pub unit_id: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct NewVolunteer {
    pub name: String,
    pub phone: huli_contract::PhoneNumber,
    pub team_id: i64,
    pub registered_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewShift {
    pub point_id: i64,
    pub organiser_unit_id: i64,
    pub duty: DutyKind,
    pub window: ShiftWindow,
    pub capacity: u32,
    pub insured: bool,
    pub required_training: Option<Training>,
}

#[derive(Clone, Copy, Debug)]
pub struct NewSignup {
    pub shift_id: i64,
    pub volunteer_id: i64,
    pub created_at: DateTime<Utc>,
}

/// Seeded history is checked out; recent records may still wait for review.
#[derive(Clone, Copy, Debug)]
pub struct NewAttendance {
    pub signup_id: i64,
    pub checked_in_at: DateTime<Utc>,
    pub checked_out_at: DateTime<Utc>,
    pub minutes: Minutes,
    pub status: ReviewStatus,
}
