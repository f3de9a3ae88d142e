//! A volunteer's service record as they and staff read it: every past shift, the
//! verified totals, trainings, certificates and the star level those hours earn.

use crate::records::VolunteerNumber;
use crate::{
    CertificateSummary, Minutes, MyData, ReviewStatus, ServiceLine, TeamRef, TrainingRecord,
    china_standard_time,
};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

/// The verified hours each star takes, as the national practice grades registered
/// volunteers: one star at 100 hours, up to five at 1,500.
pub const STAR_HOURS: [u64; 5] = [100, 300, 600, 1_000, 1_500];

/// How many stars verified service has earned, and how far the next one is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StarProgress {
    /// 0 to 5.
    pub stars: u8,
    pub verified: Minutes,
    /// The verified service the next star takes; `None` at five stars.
    pub next_star_at: Option<Minutes>,
}

impl StarProgress {
    pub fn for_verified(verified: Minutes) -> Self {
        let earned = (STAR_HOURS.iter())
            .take_while(|hours| verified.0 >= *hours * 60)
            .count();
        StarProgress {
            stars: earned as u8,
            verified,
            next_star_at: STAR_HOURS.get(earned).map(|hours| Minutes(hours * 60)),
        }
    }

    /// The verified minutes still to serve for the next star.
    pub fn to_next_star(self) -> Option<Minutes> {
        (self.next_star_at).map(|at| Minutes(at.0.saturating_sub(self.verified.0)))
    }

    /// How far along from this star to the next, in thousandths (1,000 at five stars).
    pub fn permille_to_next(self) -> u32 {
        let Some(next) = self.next_star_at else {
            return 1_000;
        };
        let from = match self.stars {
            0 => 0,
            stars => STAR_HOURS[usize::from(stars) - 1] * 60,
        };
        let done = self.verified.0.saturating_sub(from);
        (done * 1_000 / (next.0 - from)) as u32
    }
}

/// `GET /api/me/record` and `GET /api/staff/volunteers/{number}/record`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRecord {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HL0004217"))]
    pub volunteer_number: VolunteerNumber,
    pub name: String,
    /// `None` for an individual volunteer.
    pub team: Option<TeamRef>,
    /// Every shift that has started, newest first, cancelled sign-ups included.
    pub past_service: Vec<ServiceLine>,
    /// Verified minutes on shifts in this calendar year (China Standard Time).
    pub verified_this_year: Minutes,
    pub stars: StarProgress,
    pub trainings: Vec<TrainingRecord>,
    pub certificates: Vec<CertificateSummary>,
}

impl ServiceRecord {
    /// The record as it stands at `now`, from everything held about the volunteer.
    pub fn at(data: MyData, now: DateTime<Utc>) -> Self {
        let this_year = now.with_timezone(&china_standard_time()).year();
        let in_this_year = |line: &ServiceLine| {
            line.starts_at.with_timezone(&china_standard_time()).year() == this_year
        };
        let mut past_service: Vec<ServiceLine> = (data.service.into_iter())
            .filter(|line| line.starts_at <= now)
            .collect();
        past_service.reverse();
        let verified_this_year = (past_service.iter())
            .filter(|line| in_this_year(line))
            .map(ServiceLine::verified)
            .sum();
        ServiceRecord {
            volunteer_number: data.volunteer_number,
            name: data.name,
            team: data.team,
            past_service,
            verified_this_year,
            stars: StarProgress::for_verified(data.verified_minutes),
            trainings: data.trainings,
            certificates: data.certificates,
        }
    }
}

impl ServiceLine {
    /// The minutes that count: those a reviewer approved.
    pub fn verified(&self) -> Minutes {
        match self.review {
            Some(ReviewStatus::Approved) => self.minutes,
            _ => Minutes(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(h: u64) -> Minutes {
        Minutes(h * 60)
    }

    #[test]
    fn each_star_starts_exactly_at_its_threshold() {
        let stars = |verified| StarProgress::for_verified(verified).stars;
        assert_eq!(stars(Minutes(0)), 0);
        for (level, threshold) in STAR_HOURS.iter().enumerate() {
            assert_eq!(stars(Minutes(threshold * 60 - 1)), level as u8);
            assert_eq!(stars(hours(*threshold)), level as u8 + 1);
        }
        assert_eq!(stars(hours(100_000)), 5);
    }

    #[test]
    fn the_next_star_says_how_much_is_left() {
        let progress = StarProgress::for_verified(Minutes(250 * 60 + 30));
        assert_eq!(progress.stars, 1);
        assert_eq!(progress.next_star_at, Some(hours(300)));
        assert_eq!(progress.to_next_star(), Some(Minutes(49 * 60 + 30)));
        // 150.5 of the 200 hours between one star and two.
        assert_eq!(progress.permille_to_next(), 752);
        let five = StarProgress::for_verified(hours(1_500));
        assert_eq!((five.next_star_at, five.to_next_star()), (None, None));
        assert_eq!(five.permille_to_next(), 1_000);
    }
}
