//! Records staff read: export periods and kinds, volunteer service records with their
//! numbered certificates, and what a point display shows.

use crate::{DutyKind, LocalizedText, Minutes, PointId, Problem, ShiftWindow, SignupId, TeamId};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Days in China Standard Time from `first` to `last`, both included: the period an
/// export or a certificate covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

impl Period {
    /// Five years and a day: long enough for a volunteer's whole record.
    pub const MAX_DAYS: u32 = 1827;

    /// Reads `from` and `to` (YYYY-MM-DD); problems name those two fields.
    pub fn parse(from: &str, to: &str) -> Result<Self, Vec<(String, Problem)>> {
        let day = |field: &str, text: &str| {
            crate::manage::date(text).map_err(|problem| (field.to_owned(), problem))
        };
        let (first, last) = match (day("from", from), day("to", to)) {
            (Ok(first), Ok(last)) => (first, last),
            (first, last) => return Err([first.err(), last.err()].into_iter().flatten().collect()),
        };
        let field = if Self::YEARS.contains(&first.year()) {
            "to"
        } else {
            "from"
        };
        Self::new(first, last).map_err(|problem| vec![(field.to_owned(), problem)])
    }

    /// The programme's records lie well within these years; dates outside are typos.
    pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Self, Problem> {
        if !Self::YEARS.contains(&first.year()) || !Self::YEARS.contains(&last.year()) {
            return Err(Problem::NotADate);
        }
        let days = (last - first).num_days() + 1;
        if days < 1 || days > i64::from(Self::MAX_DAYS) {
            return Err(Problem::PeriodOutOfOrder {
                max_days: Self::MAX_DAYS,
            });
        }
        Ok(Period { first, last })
    }

    /// One day.
    pub fn day(day: NaiveDate) -> Self {
        Period {
            first: day,
            last: day,
        }
    }

    pub fn first(self) -> NaiveDate {
        self.first
    }

    pub fn last(self) -> NaiveDate {
        self.last
    }

    /// The first moment of the first day, in Huli.
    pub fn starts_at(self) -> DateTime<Utc> {
        local_midnight(self.first)
    }

    /// The first moment after the last day, in Huli.
    pub fn ends_before(self) -> DateTime<Utc> {
        local_midnight(
            self.last
                .checked_add_days(Days::new(1))
                .unwrap_or(self.last),
        )
    }
}

fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    crate::china_standard_time()
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .single()
        .expect("UTC+8 has no gaps")
        .with_timezone(&Utc)
}

/// How the hours export adds minutes up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HoursGrouping {
    Volunteer,
    Team,
    Unit,
}

/// The number a volunteer is known by on records and certificates: `HL` and seven
/// digits, stable for as long as the volunteer is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VolunteerNumber(u32);

impl VolunteerNumber {
    const PREFIX: &'static str = "HL";
    /// Every number `try_from` takes, as a regular expression: HL and seven digits, not
    /// all zero.
    pub const PATTERN: &'static str = "^HL(?!0{7})[0-9]{7}$";

    pub fn from_id(id: i64) -> Option<Self> {
        u32::try_from(id)
            .ok()
            .filter(|n| (1..10_000_000).contains(n))
            .map(VolunteerNumber)
    }

    pub fn id(self) -> i64 {
        i64::from(self.0)
    }
}

impl fmt::Display for VolunteerNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:07}", Self::PREFIX, self.0)
    }
}

impl TryFrom<String> for VolunteerNumber {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let digits = text.strip_prefix(Self::PREFIX).unwrap_or_default();
        let number = (digits.len() == 7 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<i64>().ok())
            .flatten()
            .and_then(Self::from_id);
        number.ok_or_else(|| format!("not a volunteer number: {text:?}"))
    }
}

impl From<VolunteerNumber> for String {
    fn from(number: VolunteerNumber) -> String {
        number.to_string()
    }
}

/// A volunteer as staff find them to issue a record or replace a lost link; the phone
/// is masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolunteerListing {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HL0004217"))]
    pub number: VolunteerNumber,
    pub name: String,
    pub phone_masked: String,
    /// `None` for an individual volunteer.
    pub team_id: Option<TeamId>,
    /// The team's name, or the glossary's "individual volunteer".
    pub team: LocalizedText,
}

/// The period a certificate is asked for.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct CertificateRequest {
    /// First day, YYYY-MM-DD.
    pub from: String,
    /// Last day, YYYY-MM-DD.
    pub to: String,
}

/// The number printed on a certificate: `HLZY`, the year of issue and its place in
/// that year's sequence, e.g. `HLZY-2026-000042`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CertificateNumber {
    year: i32,
    sequence: u32,
}

impl CertificateNumber {
    /// Every number `try_from` takes, as a regular expression.
    pub const PATTERN: &'static str = "^HLZY-[0-9]{4}-[0-9]{6}$";

    pub fn new(year: i32, sequence: u32) -> Self {
        CertificateNumber { year, sequence }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for CertificateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HLZY-{}-{:06}", self.year, self.sequence)
    }
}

impl TryFrom<String> for CertificateNumber {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let parsed = text.strip_prefix("HLZY-").and_then(|rest| {
            let (year, sequence) = rest.split_once('-')?;
            let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
            (digits(year, 4) && digits(sequence, 6))
                .then(|| {
                    Some(CertificateNumber::new(
                        year.parse().ok()?,
                        sequence.parse().ok()?,
                    ))
                })
                .flatten()
        });
        parsed.ok_or_else(|| format!("not a certificate number: {text:?}"))
    }
}

impl From<CertificateNumber> for String {
    fn from(number: CertificateNumber) -> String {
        number.to_string()
    }
}

/// Verified service of one kind, at one point, organised by one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceEntry {
    pub organiser: LocalizedText,
    pub point: LocalizedText,
    pub duty: DutyKind,
    pub shifts: u32,
    pub minutes: Minutes,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// A volunteer's service record for a period, as China's rules on volunteer service
/// records ask for it (name, volunteer number, service content, hours, organiser),
/// issued as a numbered certificate. Only verified minutes are on it. It is stored as
/// issued, so a reprint shows exactly what was certified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceCertificate {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HLZY-2026-000042"))]
    pub number: CertificateNumber,
    pub issued_at: DateTime<Utc>,
    /// The staff member who issued it, and for a coordinator, the unit it speaks for.
    pub issued_by: String,
    pub issuing_unit: Option<LocalizedText>,
    /// `None` once the holder had their personal information erased at their request:
    /// the certificate can still be checked by its number, without a name.
    pub volunteer_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HL0004217"))]
    pub volunteer_number: VolunteerNumber,
    pub team: LocalizedText,
    pub period: Period,
    pub entries: Vec<ServiceEntry>,
    pub total_minutes: Minutes,
    /// The star level all the holder's verified service had earned when it was issued,
    /// whoever organised it; `None` on certificates issued before star levels.
    #[serde(default)]
    pub star_level: Option<u8>,
}

/// A new personal link for a volunteer who lost theirs: the browser draws the key,
/// shows the link once, and the server keeps only its hash; the old link stops working.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct NewPersonalLink {
    pub access_key: String,
}

/// What the device at a service point shows: the code of this minute (as digits and as
/// a QR code that opens the check-in page with it), today's shifts and who is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointDisplay {
    pub point_id: PointId,
    pub point: LocalizedText,
    pub code: String,
    /// When the next code takes over; the display fetches again then.
    pub next_code_at: DateTime<Utc>,
    /// The check-in link the QR code holds.
    pub check_in_url: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
    pub shifts: Vec<DisplayShift>,
}

/// One of today's shifts on the point display. Names are shortened to the family name
/// and a mask, as the screen is in a public place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayShift {
    pub window: ShiftWindow,
    pub duty: DutyKind,
    pub confirmed: u32,
    pub checked_in: Vec<String>,
}

/// One of today's shifts at a point as its leader marks attendance: everyone confirmed,
/// with the phone masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterShift {
    pub window: ShiftWindow,
    pub duty: DutyKind,
    pub people: Vec<RosterEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterEntry {
    pub signup_id: SignupId,
    /// `None` once the volunteer was erased.
    pub name: Option<String>,
    pub phone_masked: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub checked_out_at: Option<DateTime<Utc>>,
}

/// A name as a public screen may show it: its first character, the rest masked.
pub fn shortened_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => {
            let rest = chars.filter(|c| !c.is_whitespace()).count().max(1);
            std::iter::once(first)
                .chain("*".repeat(rest).chars())
                .collect()
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_read_in_huli_time_and_refuses_nonsense() {
        let period = Period::parse("2026-03-05", "2026-03-05").unwrap();
        assert_eq!(period.starts_at().to_rfc3339(), "2026-03-04T16:00:00+00:00");
        assert_eq!(
            period.ends_before().to_rfc3339(),
            "2026-03-05T16:00:00+00:00"
        );
        assert_eq!(
            Period::parse("2026-02-30", "x").unwrap_err(),
            vec![
                ("from".to_owned(), Problem::NotADate),
                ("to".to_owned(), Problem::NotADate)
            ]
        );
        let reversed = Period::parse("2026-03-05", "2026-03-04").unwrap_err();
        assert_eq!(reversed[0].0, "to");
        assert!(
            Period::parse("2020-01-01", "2026-01-01").is_err(),
            "too long"
        );
        let far = Period::parse("-262144-01-01", "2026-01-01").unwrap_err();
        assert_eq!(far, vec![("from".to_owned(), Problem::NotADate)]);
        assert!(Period::parse("2026-01-01", "9999-12-31").is_err());
    }

    #[test]
    fn numbers_print_and_parse_back() {
        let volunteer = VolunteerNumber::from_id(4217).unwrap();
        assert_eq!(volunteer.to_string(), "HL0004217");
        assert_eq!(
            VolunteerNumber::try_from("HL0004217".to_owned()),
            Ok(volunteer)
        );
        for bad in ["HL4217", "HL000421x", "XX0004217", "HL0000000"] {
            assert!(VolunteerNumber::try_from(bad.to_owned()).is_err(), "{bad}");
        }
        let certificate = CertificateNumber::new(2026, 42);
        assert_eq!(certificate.to_string(), "HLZY-2026-000042");
        let back = CertificateNumber::try_from("HLZY-2026-000042".to_owned());
        assert_eq!(back, Ok(certificate));
        assert!(CertificateNumber::try_from("HLZY-26-42".to_owned()).is_err());
    }

    #[test]
    fn a_public_screen_shows_only_the_first_character() {
        assert_eq!(shortened_name("王小明"), "王**");
        assert_eq!(shortened_name("李"), "李*");
        assert_eq!(shortened_name("Li Lei"), "L****");
    }
}
