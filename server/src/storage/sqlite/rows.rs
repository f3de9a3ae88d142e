//! Rows as SQLite returns them, and their conversion into contract types. Enumerations
//! are stored as the contract's snake_case names.

use crate::storage::{StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::{
    Coordinate, DutyKind, LocalizedText, Minutes, PartnerUnitRef, PointId, PointSummary,
    ShiftWindow, UpcomingShift,
};
use serde::Serialize;
use serde::de::{DeserializeOwned, IntoDeserializer, value::StrDeserializer};

#[derive(sqlx::FromRow)]
pub(super) struct PointRow {
    pub(super) id: i64,
    name_zh: String,
    name_en: String,
    category: String,
    lat: f64,
    lon: f64,
    location_approximate: bool,
    address_zh: String,
    address_en: String,
    sub_district: String,
    opening_hours: String,
}

impl PointRow {
    pub(super) fn into_summary(
        self,
        services: Vec<huli_contract::Service>,
        partner_units: Vec<PartnerUnitRef>,
        open_places_this_week: u32,
    ) -> StorageResult<PointSummary> {
        Ok(PointSummary {
            id: PointId(self.id),
            name: LocalizedText {
                zh: self.name_zh,
                en: self.name_en,
            },
            category: from_text("service_points.category", &self.category)?,
            location: Coordinate::new(self.lat, self.lon)
                .map_err(|e| StorageError::Corrupt(format!("service_points {}: {e}", self.id)))?,
            location_approximate: self.location_approximate,
            address: LocalizedText {
                zh: self.address_zh,
                en: self.address_en,
            },
            sub_district: from_text("service_points.sub_district", &self.sub_district)?,
            opening_hours: serde_json::from_str(&self.opening_hours)
                .map_err(|e| StorageError::Corrupt(format!("service_points.opening_hours: {e}")))?,
            services,
            partner_units,
            open_places_this_week,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PartnerRow {
    pub(super) point_id: i64,
    pub(super) id: i64,
    pub(super) name_zh: String,
    pub(super) name_en: String,
    pub(super) kind: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct ShiftRow {
    id: i64,
    pub(super) point_id: i64,
    duty: String,
    insured: bool,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    confirmed: i64,
}

impl ShiftRow {
    pub(super) fn starts_by(&self, moment: DateTime<Utc>) -> bool {
        self.starts_at <= moment.timestamp()
    }

    /// Places still free, counting only a shift open for sign-up.
    pub(super) fn bookable_places(&self) -> StorageResult<u32> {
        let duty: DutyKind = from_text("shifts.duty", &self.duty)?;
        if !duty.open_for_signup(self.insured) {
            return Ok(0);
        }
        Ok(u32::try_from((self.capacity - self.confirmed).max(0)).unwrap_or(0))
    }

    pub(super) fn into_upcoming(self) -> StorageResult<UpcomingShift> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("shifts {}: {what}", self.id));
        let window = ShiftWindow::new(timestamp(self.starts_at)?, timestamp(self.ends_at)?)
            .map_err(corrupt)?;
        Ok(UpcomingShift {
            id: self.id,
            duty: from_text("shifts.duty", &self.duty)?,
            window,
            capacity: u32::try_from(self.capacity).map_err(|_| corrupt("capacity"))?,
            confirmed: u32::try_from(self.confirmed).map_err(|_| corrupt("confirmed"))?,
        })
    }
}

fn timestamp(seconds: i64) -> StorageResult<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| StorageError::Corrupt(format!("timestamp {seconds} out of range")))
}

pub(super) fn minutes(sum: i64) -> Minutes {
    Minutes(u64::try_from(sum).unwrap_or(0))
}

/// The snake_case name a contract enum serialises to, as stored in the database.
pub(super) fn to_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => unreachable!("a unit enum serialises to a string, got {other:?}"),
    }
}

pub(super) fn from_text<T: DeserializeOwned>(column: &str, text: &str) -> StorageResult<T> {
    let deserializer: StrDeserializer<'_, serde::de::value::Error> = text.into_deserializer();
    T::deserialize(deserializer).map_err(|e| StorageError::Corrupt(format!("{column}: {e}")))
}
