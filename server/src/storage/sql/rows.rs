//! Rows as the database returns them, and their conversion into contract types. Enumerations
//! are stored as the contract's snake_case names.

use crate::storage::{StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::{
    Coordinate, LocalizedText, Minutes, PartnerUnitRef, PhoneNumber, PointId, PointSummary,
    ShiftId, ShiftView, ShiftWindow,
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
    /// 0 or 1: flags are integers in both backends, so one query reads both.
    location_approximate: i64,
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
            location_approximate: self.location_approximate != 0,
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

/// The columns of [`ShiftViewRow`], from `shifts sh` joined to its point and organiser.
pub(super) const SHIFT_VIEW_COLUMNS: &str = "\
    sh.id, sh.point_id, p.name_zh AS point_zh, p.name_en AS point_en, \
    u.name_zh AS organiser_zh, u.name_en AS organiser_en, sh.duty, sh.starts_at, sh.ends_at, \
    sh.capacity, sh.insured, sh.required_training, \
    (SELECT COUNT(*) FROM signups s WHERE s.shift_id = sh.id AND s.status = 'confirmed') AS confirmed, \
    (SELECT COUNT(*) FROM signups s WHERE s.shift_id = sh.id AND s.status = 'waitlisted') AS waitlisted \
    FROM shifts sh JOIN service_points p ON p.id = sh.point_id \
    JOIN partner_units u ON u.id = sh.organiser_unit_id";

#[derive(sqlx::FromRow)]
pub(super) struct ShiftViewRow {
    id: i64,
    point_id: i64,
    point_zh: String,
    point_en: String,
    organiser_zh: String,
    organiser_en: String,
    duty: String,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    insured: i64,
    required_training: Option<String>,
    confirmed: i64,
    waitlisted: i64,
}

impl ShiftViewRow {
    pub(super) fn into_view(self) -> StorageResult<ShiftView> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("shifts {}: {what}", self.id));
        let count = |n: i64, what: &str| u32::try_from(n).map_err(|_| corrupt(what));
        Ok(ShiftView {
            id: ShiftId(self.id),
            point_id: PointId(self.point_id),
            point_name: LocalizedText {
                zh: self.point_zh,
                en: self.point_en,
            },
            organiser: LocalizedText {
                zh: self.organiser_zh,
                en: self.organiser_en,
            },
            duty: from_text("shifts.duty", &self.duty)?,
            window: ShiftWindow::new(timestamp(self.starts_at)?, timestamp(self.ends_at)?)
                .map_err(corrupt)?,
            capacity: count(self.capacity, "capacity")?,
            confirmed: count(self.confirmed, "confirmed")?,
            waitlisted: count(self.waitlisted, "waitlisted")?,
            insured: self.insured != 0,
            required_training: self
                .required_training
                .map(|t| from_text("shifts.required_training", &t))
                .transpose()?,
        })
    }
}

pub(super) fn timestamp(seconds: i64) -> StorageResult<DateTime<Utc>> {
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

/// A stored phone number as staff views show it, masked; `None` for an erased volunteer.
pub(super) fn masked_phone(stored: Option<&str>, whose: &str) -> StorageResult<Option<String>> {
    stored
        .map(|phone| {
            PhoneNumber::parse(phone)
                .map(|phone| phone.masked())
                .map_err(|_| StorageError::Corrupt(format!("{whose}: phone")))
        })
        .transpose()
}
