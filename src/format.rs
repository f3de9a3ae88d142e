//! Numbers and times as people in each language read them. Times are shown in China
//! Standard Time whatever the phone's own time zone, because the shifts are in Huli.

use crate::i18n::Locale;
use crate::language::written;
use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use huli_contract::{ShiftWindow, china_standard_time};

pub use huli_contract::numbers::grouped;

/// A headline figure, in 万 for Chinese readers (see [`huli_contract::numbers::headline`]).
pub fn headline(locale: Locale, n: u64) -> String {
    written(
        locale,
        huli_contract::numbers::headline(crate::api::lang_of(locale), n),
    )
}

/// A day of the week, short: "周六" or "Sat".
pub fn weekday(locale: Locale, day: Weekday) -> String {
    let (zh, en) = match day {
        Weekday::Mon => ("周一", "Mon"),
        Weekday::Tue => ("周二", "Tue"),
        Weekday::Wed => ("周三", "Wed"),
        Weekday::Thu => ("周四", "Thu"),
        Weekday::Fri => ("周五", "Fri"),
        Weekday::Sat => ("周六", "Sat"),
        Weekday::Sun => ("周日", "Sun"),
    };
    match locale {
        Locale::zh | Locale::zh_Hant => written(locale, zh.to_owned()),
        Locale::en => en.to_owned(),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "08:05". Written by hand: chrono's `format` machinery costs the wasm several KB.
pub fn clock_time(time: impl Timelike) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

#[cfg(feature = "staff-console")]
/// "2026-12-02 09:15", in Huli's time.
pub fn huli_time(at: chrono::DateTime<chrono::Utc>) -> String {
    let at = at.with_timezone(&china_standard_time());
    format!("{} {}", at.date_naive(), clock_time(at))
}

/// "11月30日 周一 15:00–18:00" or "Mon 30 Nov, 15:00–18:00".
pub fn shift_window(locale: Locale, window: ShiftWindow) -> String {
    let start = window.starts_at().with_timezone(&china_standard_time());
    let end = window.ends_at().with_timezone(&china_standard_time());
    let times = format!("{}–{}", clock_time(start), clock_time(end));
    let day = weekday(locale, start.weekday());
    match locale {
        Locale::zh | Locale::zh_Hant => written(
            locale,
            format!("{}月{}日 {day} {times}", start.month(), start.day()),
        ),
        Locale::en => format!(
            "{day} {} {}, {times}",
            start.day(),
            MONTHS[start.month0() as usize]
        ),
    }
}

/// A day as a list of days offers it: "12月2日 周三" or "Wed 2 Dec".
pub fn day_label(locale: Locale, day: chrono::NaiveDate) -> String {
    let weekday = weekday(locale, day.weekday());
    match locale {
        Locale::zh | Locale::zh_Hant => written(
            locale,
            format!("{}月{}日 {weekday}", day.month(), day.day()),
        ),
        Locale::en => format!("{weekday} {} {}", day.day(), MONTHS[day.month0() as usize]),
    }
}

/// When a copy was saved on this device: "12月4日 周五 20:15" or "Fri 4 Dec 20:15".
pub fn saved_time(locale: Locale, at: DateTime<Utc>) -> String {
    let at = at.with_timezone(&china_standard_time());
    format!("{} {}", day_label(locale, at.date_naive()), clock_time(at))
}

/// A month's short name, from its index (0 for January): "1月" or "Jan".
pub fn month_name(locale: Locale, month0: usize) -> String {
    match locale {
        Locale::zh | Locale::zh_Hant => written(locale, format!("{}月", month0 + 1)),
        Locale::en => MONTHS.get(month0).copied().unwrap_or_default().to_owned(),
    }
}

/// Hours per month in words, for a chart's text alternative: "2026 年每月已核实时长：1月
/// 18,200 小时；2月 …" or "Verified hours per month, 2026: Jan 18,200 hours; Feb …".
pub fn month_hours_label(locale: Locale, year: i32, hours: &[u64]) -> String {
    let months = hours.iter().enumerate();
    match locale {
        Locale::zh | Locale::zh_Hant => {
            let parts: Vec<String> = months
                .map(|(m, h)| format!("{} {} 小时", month_name(locale, m), grouped(*h)))
                .collect();
            written(
                locale,
                format!("{year} 年每月已核实时长：{}", parts.join("；")),
            )
        }
        Locale::en => {
            let parts: Vec<String> = months
                .map(|(m, h)| format!("{} {} hours", month_name(locale, m), grouped(*h)))
                .collect();
            format!("Verified hours per month, {year}: {}", parts.join("; "))
        }
    }
}

/// A story photo's text alternative: "志愿者陈某的照片" or "Photo of volunteer Chen".
pub fn story_photo_alt(locale: Locale, name: &str) -> String {
    match locale {
        Locale::zh | Locale::zh_Hant => written(locale, format!("志愿者{name}的照片")),
        Locale::en => format!("Photo of volunteer {name}"),
    }
}

/// A running time to the second: "3 小时 05 分 09 秒" or "3 h 05 min 09 s".
pub fn duration(locale: Locale, seconds: u64) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match locale {
        Locale::zh | Locale::zh_Hant => written(
            locale,
            format!("{hours} 小时 {minutes:02} 分 {seconds:02} 秒"),
        ),
        Locale::en => format!("{hours} h {minutes:02} min {seconds:02} s"),
    }
}

/// A distance as people say it: metres to the nearest ten below a kilometre, then
/// kilometres with one decimal. Returns the number and whether it is in kilometres.
pub fn distance(metres: f64) -> (String, bool) {
    if metres < 1_000.0 {
        (
            format!("{}", ((metres / 10.0).round() * 10.0) as u64),
            false,
        )
    } else {
        (format!("{:.1}", metres / 1_000.0), true)
    }
}

/// The day it was in Huli at `at`.
pub fn huli_day(at: DateTime<Utc>) -> chrono::NaiveDate {
    at.with_timezone(&china_standard_time()).date_naive()
}

/// Today in Huli.
pub fn huli_today() -> chrono::NaiveDate {
    huli_day(Utc::now())
}

/// The time of day in Huli now, for "open now".
pub fn huli_time_now() -> chrono::NaiveTime {
    let now: DateTime<Utc> = Utc::now();
    now.with_timezone(&china_standard_time()).time()
}

/// A day as a certificate writes it: "2026年3月5日" or "5 March 2026".
pub fn long_day(locale: Locale, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match locale {
        Locale::zh | Locale::zh_Hant => written(
            locale,
            format!("{}年{}月{}日", day.year(), day.month(), day.day()),
        ),
        Locale::en => format!(
            "{} {} {}",
            day.day(),
            month_name(locale, day.month0() as usize),
            day.year()
        ),
    }
}

/// Minutes as hours with up to two decimals: "12.5 小时" or "12.5 h".
pub fn decimal_hours(locale: Locale, minutes: huli_contract::Minutes) -> String {
    let hours = format!("{:.2}", minutes.0 as f64 / 60.0);
    let hours = hours.trim_end_matches('0').trim_end_matches('.');
    match locale {
        Locale::zh | Locale::zh_Hant => written(locale, format!("{hours} 小时")),
        Locale::en => format!("{hours} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "staff-console")]
    fn certificate_days_and_hours_read_naturally() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(long_day(Locale::zh, day), "2026年3月5日");
        assert_eq!(long_day(Locale::en, day), "5 Mar 2026");
        assert_eq!(
            decimal_hours(Locale::zh, huli_contract::Minutes(90)),
            "1.5 小时"
        );
        assert_eq!(
            decimal_hours(Locale::en, huli_contract::Minutes(120)),
            "2 h"
        );
        assert_eq!(
            decimal_hours(Locale::en, huli_contract::Minutes(100)),
            "1.67 h"
        );
    }
    use chrono::TimeZone;

    #[test]
    fn chinese_headlines_count_in_wan() {
        assert_eq!(headline(Locale::zh, 195_600), "19.6万");
        assert_eq!(headline(Locale::en, 195_600), "195,600");
    }

    #[test]
    fn running_times_and_months_read_in_each_language() {
        assert_eq!(
            duration(Locale::zh, 3 * 3600 + 5 * 60 + 9),
            "3 小时 05 分 09 秒"
        );
        assert_eq!(duration(Locale::en, 59), "0 h 00 min 59 s");
        assert_eq!(month_name(Locale::zh, 10), "11月");
        assert_eq!(month_name(Locale::en, 0), "Jan");
        assert_eq!(story_photo_alt(Locale::zh, "陈某"), "志愿者陈某的照片");
        assert_eq!(
            month_hours_label(Locale::zh, 2026, &[18_200, 0]),
            "2026 年每月已核实时长：1月 18,200 小时；2月 0 小时"
        );
        assert_eq!(
            month_hours_label(Locale::en, 2026, &[5]),
            "Verified hours per month, 2026: Jan 5 hours"
        );
    }

    #[test]
    fn distances_switch_to_kilometres() {
        assert_eq!(distance(84.0), ("80".to_owned(), false));
        assert_eq!(distance(995.0), ("1000".to_owned(), false));
        assert_eq!(distance(1_234.0), ("1.2".to_owned(), true));
    }

    #[test]
    fn shift_windows_read_in_huli_time() {
        let window = ShiftWindow::new(
            Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(
            shift_window(Locale::zh, window),
            "11月30日 周一 15:00–18:00"
        );
        assert_eq!(shift_window(Locale::en, window), "Mon 30 Nov, 15:00–18:00");
    }
}
