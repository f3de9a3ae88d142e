//! The year's verified hours, month by month, as bars. The picture is labelled with
//! every figure in words, so a screen reader hears what a sighted reader sees.

use crate::format::{month_hours_label, month_name};
use crate::i18n::{t, use_i18n};
use huli_contract::Stats;
use leptos::prelude::*;

const BAR_PITCH: f64 = 30.0;
const BAR_WIDTH: f64 = 20.0;
const PLOT_HEIGHT: f64 = 120.0;
const BASELINE: f64 = 130.0;

#[component]
pub fn MonthChart(stats: Memo<Stats>) -> impl IntoView {
    let i18n = use_i18n();
    let hours = Memo::new(move |_| {
        stats.with(|s| {
            (s.figures.verified_minutes_by_month.iter())
                .map(|minutes| minutes.whole_hours())
                .collect::<Vec<_>>()
        })
    });
    let label = move || {
        hours.with(|hours| month_hours_label(i18n.get_locale(), stats.with(|s| s.year), hours))
    };
    let bars = move || {
        let locale = i18n.get_locale();
        let hours = hours.get();
        let highest = hours.iter().copied().max().unwrap_or(0).max(1) as f64;
        hours
            .into_iter()
            .enumerate()
            .map(|(month, value)| {
                let height = (value as f64 / highest * PLOT_HEIGHT).max(1.0);
                let x = month as f64 * BAR_PITCH + (BAR_PITCH - BAR_WIDTH) / 2.0;
                view! {
                    <rect class="month-bar" x=x y=BASELINE - height width=BAR_WIDTH height=height />
                    <text class="month-label" x=x + BAR_WIDTH / 2.0 y=BASELINE + 14.0 text-anchor="middle">
                        {month_name(locale, month)}
                    </text>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="month-chart" data-testid="month-chart">
            <figcaption>{t!(i18n, month_chart_title, year = move || stats.with(|s| s.year))}</figcaption>
            <svg viewBox="0 0 360 150" role="img" aria-label=label>
                {bars}
            </svg>
        </figure>
    }
}
