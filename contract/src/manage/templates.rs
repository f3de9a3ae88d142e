//! Weekly templates: the same shift every week, laid out on the calendar in China
//! Standard Time.

use super::shifts::{ShiftShape, shape};
use super::{Checks, Refused, date, time_of_day};
use crate::{Problem, ShiftView, ShiftWindow, china_standard_time};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// How far ahead one template plans, in weeks.
pub const MAX_TEMPLATE_WEEKS: u32 = 12;

pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn weekday(raw: &str) -> Result<Weekday, Problem> {
    let day = raw.trim().to_ascii_lowercase();
    if day.is_empty() {
        return Err(Problem::Required);
    }
    let known = WEEKDAYS.contains(&day.as_str());
    known
        .then(|| day.parse().ok())
        .flatten()
        .ok_or_else(|| Problem::OneOf {
            allowed: WEEKDAYS.iter().map(|day| (*day).to_owned()).collect(),
        })
}

/// The same shift every week, e.g. every Saturday 09:00–11:00 (China Standard Time),
/// for the next `weeks` weeks.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct TemplateForm {
    pub point_id: Option<i64>,
    pub organiser_unit_id: Option<i64>,
    pub duty: String,
    pub capacity: Option<i64>,
    pub required_training: Option<String>,
    /// `monday` … `sunday`.
    pub weekday: String,
    /// `HH:MM`, China Standard Time.
    pub starts: String,
    /// `HH:MM` on the same day, after `starts`.
    pub ends: String,
    /// 1 to 12.
    pub weeks: Option<i64>,
    /// `YYYY-MM-DD`: the first week to plan; without it, the coming one.
    pub first_date: Option<String>,
}

/// A template that can be laid out on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeeklyTemplate {
    pub shape: ShiftShape,
    pub weekday: Weekday,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub weeks: u32,
    pub first_date: Option<NaiveDate>,
}

impl TemplateForm {
    pub fn parse(&self) -> Result<WeeklyTemplate, Refused> {
        let mut checks = Checks::default();
        let shape = shape(
            &mut checks,
            self.point_id,
            self.organiser_unit_id,
            &self.duty,
            self.capacity,
            &self.required_training,
        );
        let weekday = checks.field("weekday", weekday(&self.weekday));
        let starts = checks.field("starts", time_of_day(&self.starts));
        let ends = checks.field("ends", time_of_day(&self.ends));
        let ends = starts.zip(ends).and_then(|(starts, ends)| {
            let later = (ends > starts).then_some(ends);
            checks.field("ends", later.ok_or(Problem::EndsBeforeStart))
        });
        let max_weeks = i64::from(MAX_TEMPLATE_WEEKS);
        let weeks = checks.field(
            "weeks",
            match self.weeks {
                None => Err(Problem::Required),
                Some(n) if (1..=max_weeks).contains(&n) => Ok(n as u32),
                Some(_) => Err(Problem::OutOfRange {
                    min: 1,
                    max: max_weeks,
                }),
            },
        );
        let first_date = match self.first_date.as_deref() {
            None => Some(None),
            Some(raw) => checks.field("first_date", date(raw)).map(Some),
        };
        let template = (|| {
            Some(WeeklyTemplate {
                shape: shape?,
                weekday: weekday?,
                starts: starts?,
                ends: ends?,
                weeks: weeks?,
                first_date: first_date?,
            })
        })();
        checks.finish(template)
    }
}

impl WeeklyTemplate {
    /// The template's shifts: `weeks` of them, a week apart, from the first chosen
    /// weekday on or after `first_date` (or today) whose shift starts after `now`.
    pub fn windows(&self, now: DateTime<Utc>) -> Vec<ShiftWindow> {
        let cst = china_standard_time();
        let today = now.with_timezone(&cst).date_naive();
        let from = self.first_date.map_or(today, |first| first.max(today));
        let ahead =
            (7 + self.weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
        let at = |day: NaiveDate, time: NaiveTime| {
            day.and_time(time)
                .and_local_timezone(cst)
                .single()
                .map(|at| at.with_timezone(&Utc))
        };
        (0..u64::from(self.weeks) + 1)
            .filter_map(|week| from.checked_add_days(Days::new(u64::from(ahead) + 7 * week)))
            .filter_map(|day| ShiftWindow::new(at(day, self.starts)?, at(day, self.ends)?).ok())
            .filter(|window| window.starts_at() > now)
            .take(self.weeks as usize)
            .collect()
    }
}

/// What a template did: the shifts it created, and those that were there already from
/// an earlier run (the same point, unit, duty and times), which it left as they were.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyShifts {
    pub created: Vec<ShiftView>,
    pub already_there: Vec<ShiftView>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn template(first_date: Option<&str>) -> TemplateForm {
        TemplateForm {
            point_id: Some(1),
            organiser_unit_id: Some(2),
            duty: "point_service".into(),
            capacity: Some(6),
            weekday: "Saturday".into(),
            starts: "09:00".into(),
            ends: "11:00".into(),
            weeks: Some(3),
            first_date: first_date.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn a_template_lays_out_weekly_shifts_in_china_standard_time() {
        // Saturday 7 March 2026, 10:00 in Huli: this week's 09:00 shift has started.
        let now = Utc.with_ymd_and_hms(2026, 3, 7, 2, 0, 0).unwrap();
        let windows = template(None).parse().unwrap().windows(now);
        let starts: Vec<String> = (windows.iter())
            .map(|w| {
                w.starts_at()
                    .with_timezone(&china_standard_time())
                    .to_rfc3339()
            })
            .collect();
        assert_eq!(
            starts,
            [
                "2026-03-14T09:00:00+08:00",
                "2026-03-21T09:00:00+08:00",
                "2026-03-28T09:00:00+08:00"
            ]
        );
        assert!(
            windows
                .iter()
                .all(|w| w.ends_at() - w.starts_at() == chrono::Duration::hours(2))
        );
        let later = template(Some("2026-04-01")).parse().unwrap().windows(now);
        assert_eq!(
            later[0].starts_at(),
            Utc.with_ymd_and_hms(2026, 4, 4, 1, 0, 0).unwrap()
        );
    }

    #[test]
    fn a_template_names_every_bad_field() {
        let form = TemplateForm {
            weekday: "someday".into(),
            starts: "11:00".into(),
            ends: "09:00".into(),
            weeks: Some(13),
            capacity: Some(0),
            ..template(None)
        };
        let fields: Vec<String> = form.parse().unwrap_err().into_iter().map(|f| f.0).collect();
        assert_eq!(fields, ["capacity", "weekday", "ends", "weeks"]);
    }
}
