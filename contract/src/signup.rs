//! Shifts and sign-ups: the rules that decide whether a volunteer gets a place, a place
//! on the waitlist, or a clear "no". The server applies them inside its write
//! transaction; the browser applies the same rules to say in advance what will happen.

use crate::{AttendanceView, DutyKind, ErrorCode, LocalizedText, PointId, ShiftWindow, Training};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct ShiftId(pub i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct SignupId(pub i64);

/// Until this long before a shift starts, a volunteer may cancel, and the first on the
/// waitlist takes the freed place. After it, a change goes through the organiser, and the
/// waitlist closes: nobody is promoted too late to get there.
pub const CANCEL_NOTICE_HOURS: i64 = 2;

/// The moment cancelling online and joining the waitlist end.
pub fn cancel_deadline(window: ShiftWindow) -> DateTime<Utc> {
    window.starts_at() - Duration::hours(CANCEL_NOTICE_HOURS)
}

/// A shift as anyone may see it: no names, no numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftView {
    pub id: ShiftId,
    pub point_id: PointId,
    pub point_name: LocalizedText,
    pub organiser: LocalizedText,
    pub duty: DutyKind,
    pub window: ShiftWindow,
    pub capacity: u32,
    pub confirmed: u32,
    pub waitlisted: u32,
    /// The organiser's accident insurance for everyone on this shift is on record.
    pub insured: bool,
    /// A training the volunteer must have on record to sign up.
    pub required_training: Option<Training>,
}

impl ShiftView {
    pub fn places_left(&self) -> u32 {
        self.capacity.saturating_sub(self.confirmed)
    }

    /// What a sign-up at `now` would get, before anything about the volunteer is known:
    /// a required training is shown beside the shift rather than counted against it.
    pub fn availability(&self, now: DateTime<Utc>) -> Result<SignupStatus, ErrorCode> {
        let trainings: Vec<Training> = self.required_training.into_iter().collect();
        let anyone = SignerFacts {
            trainings: &trainings,
            holds_overlapping_shift: false,
            upcoming_signups: 0,
        };
        decide_signup(&self.facts(), &anyone, now)
    }

    pub fn facts(&self) -> ShiftFacts {
        ShiftFacts {
            duty: self.duty,
            window: self.window,
            capacity: self.capacity,
            confirmed: self.confirmed,
            insured: self.insured,
            required_training: self.required_training,
        }
    }
}

/// What the rules need to know about a shift, read inside the transaction that writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftFacts {
    pub duty: DutyKind,
    pub window: ShiftWindow,
    pub capacity: u32,
    pub confirmed: u32,
    pub insured: bool,
    pub required_training: Option<Training>,
}

/// What the rules need to know about the volunteer signing up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignerFacts<'a> {
    pub trainings: &'a [Training],
    /// They already hold (or wait for) another shift or training session whose time
    /// overlaps this one.
    pub holds_overlapping_shift: bool,
    /// Sign-ups they hold or wait for on shifts and sessions that have not started.
    pub upcoming_signups: u32,
}

/// The most upcoming sign-ups (confirmed or waitlisted) one volunteer may hold: enough
/// for two weeks of regular duty, too few for one person (or a script registering
/// made-up volunteers) to block the programme's shifts.
pub const MAX_UPCOMING_SIGNUPS: u32 = 8;

/// The sign-up rules, in the order a volunteer would want to hear them.
pub fn decide_signup(
    shift: &ShiftFacts,
    signer: &SignerFacts<'_>,
    now: DateTime<Utc>,
) -> Result<SignupStatus, ErrorCode> {
    if now >= shift.window.starts_at() {
        return Err(ErrorCode::ShiftStarted);
    }
    if !shift.duty.open_for_signup(shift.insured) {
        return Err(ErrorCode::ShiftNotInsured);
    }
    if let Some(training) = shift.required_training
        && !signer.trainings.contains(&training)
    {
        return Err(ErrorCode::TrainingRequired);
    }
    let place = PlaceFacts {
        window: shift.window,
        capacity: shift.capacity,
        confirmed: shift.confirmed,
    };
    decide_place(&place, signer, now)
}

/// What every sign-up's rules need to know of what is signed up for: a shift or a
/// training session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceFacts {
    pub window: ShiftWindow,
    pub capacity: u32,
    pub confirmed: u32,
}

/// The rules a shift and a training session share: not after the start, no overlap, a
/// bounded number held, a place or the waitlist.
pub fn decide_place(
    place: &PlaceFacts,
    signer: &SignerFacts<'_>,
    now: DateTime<Utc>,
) -> Result<SignupStatus, ErrorCode> {
    if now >= place.window.starts_at() {
        return Err(ErrorCode::ShiftStarted);
    }
    if signer.holds_overlapping_shift {
        return Err(ErrorCode::OverlappingShift);
    }
    if signer.upcoming_signups >= MAX_UPCOMING_SIGNUPS {
        return Err(ErrorCode::TooManyOpenSignups);
    }
    if place.confirmed < place.capacity {
        Ok(SignupStatus::Confirmed)
    } else if now < cancel_deadline(place.window) {
        Ok(SignupStatus::Waitlisted)
    } else {
        Err(ErrorCode::ShiftFull)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// `POST /api/signups`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
pub struct SignupRequest {
    pub shift_id: ShiftId,
}

/// One of the volunteer's own sign-ups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupView {
    pub id: SignupId,
    pub status: SignupStatus,
    /// 1 for the first in line; only while waitlisted.
    pub waitlist_position: Option<u32>,
    pub shift: ShiftView,
    /// Once checked in.
    #[serde(default)]
    pub attendance: Option<AttendanceView>,
}

impl SignupView {
    /// Cancel is offered while the sign-up is active and the deadline has not passed.
    pub fn can_cancel(&self, now: DateTime<Utc>) -> bool {
        self.status != SignupStatus::Cancelled && now < cancel_deadline(self.shift.window)
    }
}

/// The `Idempotency-Key` a client sends with every state-changing request: it picks one
/// at random per action and sends the same one when it retries that action.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const HEADER: &'static str = "Idempotency-Key";
    /// The shortest and the longest key, in characters.
    pub const LENGTH: (usize, usize) = (16, 64);

    /// 16 to 64 characters of `A-Z a-z 0-9 - _`: a UUID fits, and so does 128 bits in hex.
    pub fn parse(input: &str) -> Result<Self, crate::Problem> {
        let (shortest, longest) = Self::LENGTH;
        let well_formed = (shortest..=longest).contains(&input.len())
            && input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if well_formed {
            Ok(IdempotencyKey(input.to_owned()))
        } else {
            Err(crate::Problem::InvalidIdempotencyKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 5, hour, 0, 0).unwrap()
    }

    fn shift(duty: DutyKind, confirmed: u32) -> ShiftFacts {
        ShiftFacts {
            duty,
            window: ShiftWindow::new(at(8), at(10)).unwrap(),
            capacity: 2,
            confirmed,
            insured: false,
            required_training: None,
        }
    }

    const NOBODY_SPECIAL: SignerFacts<'static> = SignerFacts {
        trainings: &[Training::Etiquette],
        holds_overlapping_shift: false,
        upcoming_signups: 0,
    };

    #[test]
    fn free_places_confirm_then_the_waitlist_opens_until_the_deadline() {
        let free = shift(DutyKind::PointService, 1);
        let full = shift(DutyKind::PointService, 2);
        assert_eq!(
            decide_signup(&free, &NOBODY_SPECIAL, at(1)),
            Ok(SignupStatus::Confirmed)
        );
        assert_eq!(
            decide_signup(&full, &NOBODY_SPECIAL, at(1)),
            Ok(SignupStatus::Waitlisted)
        );
        assert_eq!(
            decide_signup(&full, &NOBODY_SPECIAL, at(6)),
            Err(ErrorCode::ShiftFull)
        );
        assert_eq!(
            decide_signup(&free, &NOBODY_SPECIAL, at(8)),
            Err(ErrorCode::ShiftStarted)
        );
    }

    #[test]
    fn high_risk_duty_needs_insurance_and_a_duty_may_need_training() {
        let mut traffic = shift(DutyKind::TrafficDuty, 0);
        assert_eq!(
            decide_signup(&traffic, &NOBODY_SPECIAL, at(1)),
            Err(ErrorCode::ShiftNotInsured)
        );
        traffic.insured = true;
        traffic.required_training = Some(Training::TrafficRules);
        assert_eq!(
            decide_signup(&traffic, &NOBODY_SPECIAL, at(1)),
            Err(ErrorCode::TrainingRequired)
        );
        let trained = SignerFacts {
            trainings: &[Training::TrafficRules],
            holds_overlapping_shift: false,
            upcoming_signups: 0,
        };
        assert_eq!(
            decide_signup(&traffic, &trained, at(1)),
            Ok(SignupStatus::Confirmed)
        );
        let busy = SignerFacts {
            holds_overlapping_shift: true,
            ..trained
        };
        assert_eq!(
            decide_signup(&traffic, &busy, at(1)),
            Err(ErrorCode::OverlappingShift)
        );
    }

    #[test]
    fn a_volunteer_holds_at_most_eight_upcoming_sign_ups() {
        let free = shift(DutyKind::PointService, 0);
        let holding = |upcoming_signups| SignerFacts {
            upcoming_signups,
            ..NOBODY_SPECIAL
        };
        assert_eq!(
            decide_signup(&free, &holding(7), at(1)),
            Ok(SignupStatus::Confirmed)
        );
        assert_eq!(
            decide_signup(&free, &holding(8), at(1)),
            Err(ErrorCode::TooManyOpenSignups)
        );
    }

    #[test]
    fn idempotency_keys_are_bounded_tokens() {
        assert!(IdempotencyKey::parse("3f2c1a9e-6b7d-4e21-9a0b-5c4d3e2f1a0b").is_ok());
        assert!(IdempotencyKey::parse("short").is_err());
        assert!(IdempotencyKey::parse("has spaces in it, sixteen+").is_err());
        assert!(IdempotencyKey::parse(&"a".repeat(65)).is_err());
    }
}
