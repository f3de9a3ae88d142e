//! "Daily 08:00–18:00", "Around the clock".

use crate::format::clock_time;
use crate::i18n::{t, use_i18n};
use huli_contract::OpeningHours;
use leptos::prelude::*;

#[component]
pub fn OpeningHoursText(hours: OpeningHours) -> impl IntoView {
    let i18n = use_i18n();
    match hours {
        OpeningHours::AllDay => t!(i18n, open_all_day).into_any(),
        OpeningHours::Daily { opens, closes } => {
            let (opens, closes) = (clock_time(opens), clock_time(closes));
            t!(
                i18n,
                open_daily,
                opens = opens.clone(),
                closes = closes.clone()
            )
            .into_any()
        }
    }
}
