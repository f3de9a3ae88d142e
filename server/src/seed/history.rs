//! Shifts at the points: a year of past ones with their sign-ups and attendance (about
//! 200,000 hours, as the district counts a year), and the next four weeks open for sign-up.

use super::places::POINTS;
use crate::storage::{NewAttendance, NewShift, NewSignup, NewVolunteer};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use huli_contract::{
    DutyKind, PointCategory, ReviewStatus, ShiftWindow, Training, china_standard_time,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::{HashMap, HashSet};

pub const PAST_DAYS: i64 = 365;
pub const FUTURE_DAYS: i64 = 28;
/// Every so many points are fully staffed for the coming week, so "needs volunteers"
/// means something in the sample data.
const WELL_STAFFED_EVERY: i64 = 4;
/// Attendance younger than this may still wait for its unit's review.
const REVIEW_LAG_DAYS: i64 = 7;

pub struct Shifts {
    pub shifts: Vec<NewShift>,
    pub signups: Vec<NewSignup>,
    pub attendance: Vec<NewAttendance>,
}

/// A shift pattern: start and end hour, and the duty done.
type Slot = (u32, u32, DutyKind);

fn slots(category: PointCategory, weekday: Weekday) -> &'static [Slot] {
    use DutyKind::*;
    let weekend = matches!(weekday, Weekday::Sat | Weekday::Sun);
    match (category, weekend) {
        (PointCategory::Intersection, false) => &[(7, 9, TrafficDuty), (17, 19, TrafficDuty)],
        (PointCategory::Intersection, true) => &[(9, 11, TrafficDuty)],
        (PointCategory::Airport, _) => &[
            (8, 12, PointService),
            (12, 16, PointService),
            (16, 20, PointService),
        ],
        (PointCategory::Park | PointCategory::Square, true) => {
            &[(9, 12, PointService), (14, 17, PointService)]
        }
        (PointCategory::Park | PointCategory::Square, false) => &[(15, 18, PointService)],
        _ => &[(8, 11, PointService), (16, 19, PointService)],
    }
}

/// How busy a day is: 3·5 Learn-from-Lei-Feng Day most of all, then the Spring
/// Festival campaign weeks and weekends.
fn day_factor(date: NaiveDate) -> f64 {
    match (date.month(), date.day(), date.weekday()) {
        (3, 5, _) => 1.0,
        (3, 1..=10, _) | (1, 20..=31, _) | (2, 1..=15, _) => 0.9,
        (_, _, Weekday::Sat | Weekday::Sun) => 0.75,
        _ => 0.6,
    }
}

fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let local = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour of the day"));
    china_standard_time()
        .from_local_datetime(&local)
        .single()
        .expect("UTC+8 has no gaps")
        .with_timezone(&Utc)
}

pub fn shifts(
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    volunteers: &[NewVolunteer],
) -> Shifts {
    let mut by_team: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, volunteer) in (1i64..).zip(volunteers) {
        by_team.entry(volunteer.team_id).or_default().push(id);
    }
    let everyone = volunteers.len() as i64;
    let mut out = Shifts {
        shifts: Vec::new(),
        signups: Vec::new(),
        attendance: Vec::new(),
    };

    for offset in -PAST_DAYS..FUTURE_DAYS {
        let date = today + Duration::days(offset);
        let past = offset < 0;
        // A volunteer holds at most one shift a day here, so seeded shifts never overlap.
        let mut busy: HashSet<i64> = HashSet::new();
        for (point_id, point) in (1i64..).zip(POINTS.iter()) {
            for (n, &(start, end, duty)) in slots(point.category, date.weekday()).iter().enumerate()
            {
                let window =
                    ShiftWindow::new(at(date, start), at(date, end)).expect("slots run forward");
                let capacity: u32 = rng.random_range(5..=11);
                // Insurance for the last week of the horizon is not on record yet, so
                // those traffic shifts stay closed for sign-up until staff add it.
                let insured = !duty.is_high_risk() || offset < FUTURE_DAYS - 7;
                out.shifts.push(NewShift {
                    point_id,
                    organiser_unit_id: point.units[n % point.units.len()],
                    duty,
                    window,
                    capacity,
                    insured,
                    // Traffic duty needs the district's traffic-rules training on record.
                    required_training: (duty == DutyKind::TrafficDuty)
                        .then_some(Training::TrafficRules),
                });
                let shift_id = out.shifts.len() as i64;
                if !insured {
                    continue;
                }
                let fill = if past {
                    day_factor(date) * rng.random_range(0.55..=1.0)
                } else if point_id % WELL_STAFFED_EVERY == 0 && offset <= 7 {
                    1.0
                } else {
                    // Sign-ups thin out further ahead; a few near shifts are already full.
                    (1.0 - offset as f64 / FUTURE_DAYS as f64) * rng.random_range(0.3..=1.2)
                };
                let wanted = ((f64::from(capacity) * fill).round() as u32).min(capacity);
                let partners: Vec<i64> = point
                    .units
                    .iter()
                    .flat_map(|u| by_team[u].iter().copied())
                    .collect();
                for _ in 0..wanted {
                    let volunteer_id = loop {
                        let candidate = if rng.random_bool(0.6) {
                            partners[rng.random_range(0..partners.len())]
                        } else {
                            rng.random_range(1..=everyone)
                        };
                        if busy.insert(candidate) {
                            break candidate;
                        }
                    };
                    let created_at =
                        window.starts_at() - Duration::hours(rng.random_range(6..24 * 14));
                    out.signups.push(NewSignup {
                        shift_id,
                        volunteer_id,
                        created_at: created_at.min(now),
                    });
                    if past {
                        out.attendance.push(attendance(
                            rng,
                            out.signups.len() as i64,
                            window,
                            offset,
                        ));
                    }
                }
            }
        }
    }
    out
}

/// What a volunteer really served: arriving a little early or late, leaving around the
/// end; only the part inside the window counts.
fn attendance(
    rng: &mut ChaCha8Rng,
    signup_id: i64,
    window: ShiftWindow,
    day_offset: i64,
) -> NewAttendance {
    let checked_in_at = window.starts_at() + Duration::minutes(rng.random_range(-15..=20));
    let checked_out_at = window.ends_at() + Duration::minutes(rng.random_range(-25..=15));
    let status = if day_offset >= -REVIEW_LAG_DAYS && rng.random_bool(0.6) {
        ReviewStatus::Pending
    } else if rng.random_bool(0.01) {
        ReviewStatus::Rejected
    } else {
        ReviewStatus::Approved
    };
    NewAttendance {
        signup_id,
        checked_in_at,
        checked_out_at,
        minutes: window.served_minutes(checked_in_at, checked_out_at),
        status,
    }
}
