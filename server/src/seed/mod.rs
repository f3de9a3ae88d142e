//! Deterministic sample data for a new database: the same date always gives the same
//! programme, so a bug seen once can be seen again.

mod history;
mod people;
mod places;

use crate::storage::{NewPoint, NewUnit, SeedData};
use chrono::{DateTime, NaiveDate, Utc};
use huli_contract::{Coordinate, LocalizedText};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Any fixed number: changing it changes every generated name, number and shift.
const SEED: u64 = 0x4875_6c69_2035_0305;

/// The programme as of `now`, whose China Standard Time date is `today`.
pub fn programme(today: NaiveDate, now: DateTime<Utc>) -> SeedData {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let units = places::UNITS
        .iter()
        .map(|u| NewUnit {
            name: LocalizedText {
                zh: u.zh.into(),
                en: u.en.into(),
            },
            kind: u.kind,
        })
        .collect();
    let points = places::POINTS
        .iter()
        .map(|p| {
            let mut services = places::category_services(p.category).to_vec();
            services.extend_from_slice(p.extra_services);
            services.sort();
            services.dedup();
            NewPoint {
                name: LocalizedText {
                    zh: p.zh.into(),
                    en: p.en.into(),
                },
                category: p.category,
                location: Coordinate::new(p.lat, p.lon).expect("seed coordinates are in range"),
                address: LocalizedText {
                    zh: p.address_zh.into(),
                    en: p.address_en.into(),
                },
                sub_district: p.sub_district,
                opening_hours: p.hours.opening_hours(),
                services,
                partner_units: p.units.to_vec(),
            }
        })
        .collect();
    let teams = people::teams();
    let volunteers = people::volunteers(&mut rng, now);
    let history::Shifts {
        shifts,
        signups,
        attendance,
    } = history::shifts(&mut rng, today, now, &volunteers);
    let trainings = people::trainings(&mut rng, &volunteers, &shifts, &signups);
    SeedData {
        units,
        points,
        teams,
        volunteers,
        shifts,
        signups,
        attendance,
        trainings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use huli_contract::{DistrictBoundary, Minutes, ReviewStatus};
    use std::collections::HashSet;

    fn sample() -> SeedData {
        let now = DateTime::parse_from_rfc3339("2026-11-29T02:00:00Z")
            .unwrap()
            .to_utc();
        programme(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(), now)
    }

    #[test]
    fn counts_match_the_report() {
        let data = sample();
        assert_eq!(data.points.len(), 30);
        assert_eq!(data.units.len(), 46);
        assert_eq!(data.teams.len(), 163);
        assert!((8_500..8_600).contains(&data.volunteers.len()));
        let verified: Minutes = data
            .attendance
            .iter()
            .filter(|a| a.status == ReviewStatus::Approved)
            .map(|a| a.minutes)
            .sum();
        let hours = verified.whole_hours();
        assert!(
            (190_000..=205_000).contains(&hours),
            "a year of verified hours: {hours}"
        );
    }

    #[test]
    fn every_point_lies_in_the_district() {
        let huli = DistrictBoundary::from_geojson(include_str!(
            "../../../public/data/huli-boundary.wgs84.geojson"
        ))
        .unwrap();
        for point in sample().points {
            assert!(
                huli.contains(point.location),
                "{} at {:?}",
                point.name.zh,
                point.location
            );
        }
    }

    #[test]
    fn each_unit_staffs_exactly_one_point_and_each_point_has_a_unit() {
        let data = sample();
        let mut seen = HashSet::new();
        for point in &data.points {
            assert!(!point.partner_units.is_empty(), "{}", point.name.zh);
            for unit in &point.partner_units {
                assert!(seen.insert(*unit), "unit {unit} paired twice");
            }
        }
        assert_eq!(seen.len(), data.units.len());
    }

    #[test]
    fn no_volunteer_holds_overlapping_shifts_and_no_shift_is_overbooked() {
        let data = sample();
        let mut per_shift = vec![0u32; data.shifts.len()];
        let mut windows_by_volunteer: std::collections::HashMap<i64, Vec<_>> = Default::default();
        for signup in &data.signups {
            let shift = &data.shifts[(signup.shift_id - 1) as usize];
            per_shift[(signup.shift_id - 1) as usize] += 1;
            let held = windows_by_volunteer.entry(signup.volunteer_id).or_default();
            assert!(
                held.iter()
                    .all(|w: &huli_contract::ShiftWindow| !w.overlaps(shift.window))
            );
            held.push(shift.window);
            assert!(
                shift.insured || !shift.duty.is_high_risk(),
                "sign-up on an uninsured high-risk shift"
            );
        }
        for (shift, taken) in data.shifts.iter().zip(per_shift) {
            assert!(taken <= shift.capacity);
        }
    }

    #[test]
    fn whoever_served_a_duty_that_needs_training_has_it_on_record() {
        let data = sample();
        let trained: HashSet<_> = data
            .trainings
            .iter()
            .map(|t| (t.volunteer_id, t.training))
            .collect();
        let mut checked = 0;
        for signup in &data.signups {
            if let Some(training) = data.shifts[(signup.shift_id - 1) as usize].required_training {
                assert!(trained.contains(&(signup.volunteer_id, training)));
                checked += 1;
            }
        }
        assert!(checked > 1_000, "traffic duty is served all year");
        let first_aid = trained
            .iter()
            .filter(|(_, t)| *t == huli_contract::Training::FirstAid)
            .count();
        assert!(first_aid > 4_000, "the report counts 4,000+ trained");
    }

    #[test]
    fn the_same_date_gives_the_same_programme() {
        let (a, b) = (sample(), sample());
        assert_eq!(a.volunteers.len(), b.volunteers.len());
        assert_eq!(a.volunteers[4321].phone, b.volunteers[4321].phone);
        assert_eq!(a.attendance.len(), b.attendance.len());
    }
}
