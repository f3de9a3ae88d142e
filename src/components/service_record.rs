//! A volunteer's service record: star level and progress, verified totals, trainings
//! with their validity, certificates and every past shift. The volunteer sees it on
//! "my sign-ups", staff beside the volunteer in their console.

use crate::api;
use crate::format::{decimal_hours, long_day};
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::{
    CertificateSummary, ReviewStatus, STAR_HOURS, ServiceLine, ServiceRecord, SignupStatus,
    StarProgress, TrainingRecord, huli_date,
};
use leptos::prelude::*;

#[component]
pub fn ServiceRecordView(record: ServiceRecord) -> impl IntoView {
    let i18n = use_i18n();
    let all_time = record.stars.verified;
    // Staff may open several volunteers' records on one page.
    let number = record.volunteer_number.to_string();
    let heading = format!("record-heading-{number}");
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by class="service-record" data-testid="service-record">
            <h2 id=heading>{t!(i18n, record.heading)}</h2>
            <Stars progress=record.stars progress_id=format!("star-progress-{number}") />
            <dl class="facts">
                <dt>{t!(i18n, record.this_year)}</dt>
                <dd data-testid="verified-this-year">{move || decimal_hours(i18n.get_locale(), record.verified_this_year)}</dd>
                <dt>{t!(i18n, record.all_time)}</dt>
                <dd data-testid="verified-all-time">{move || decimal_hours(i18n.get_locale(), all_time)}</dd>
            </dl>
            <h3>{t!(i18n, record.trainings)}</h3>
            <Listed items=record.trainings show=|training| view! { <TrainingLine training /> } />
            <h3>{t!(i18n, record.certificates)}</h3>
            <Listed items=record.certificates show=|certificate| view! { <CertificateLine certificate /> } />
            <h3>{t!(i18n, record.history)}</h3>
            <Listed items=record.past_service show=|line| view! { <HistoryLine line /> } />
        </section>
    }
}

/// The items, or "none".
#[component]
fn Listed<T, V>(items: Vec<T>, show: fn(T) -> V) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    if items.is_empty() {
        view! { <p>{t!(i18n, me_none)}</p> }.into_any()
    } else {
        view! { <ul class="record-list">{items.into_iter().map(show).collect_view()}</ul> }
            .into_any()
    }
}

#[component]
fn Stars(progress: StarProgress, progress_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let stars = progress.stars;
    let glyphs =
        "★".repeat(usize::from(stars)) + &"☆".repeat(STAR_HOURS.len() - usize::from(stars));
    let next = stars + 1;
    let to_go = move || {
        progress
            .to_next_star()
            .map(|left| decimal_hours(i18n.get_locale(), left))
    };
    view! {
        <div class="stars" data-testid="star-level">
            <p>
                <span class="star-glyphs" aria-hidden="true">{glyphs}</span>" "
                <StarLevel stars />
            </p>
            {move || match to_go() {
                Some(hours) => view! {
                    <label for=progress_id.clone()>{t!(i18n, record.to_next, hours = hours, next = next)}</label>
                    <progress id=progress_id.clone() max="1000" value=progress.permille_to_next()></progress>
                }.into_any(),
                None => view! { <p>{t!(i18n, record.top_star)}</p> }.into_any(),
            }}
        </div>
    }
}

/// "2 of 5 stars", or "no star yet".
#[component]
pub fn StarLevel(stars: u8) -> impl IntoView {
    let i18n = use_i18n();
    match stars {
        0 => t!(i18n, record.no_star).into_any(),
        stars => t!(i18n, record.stars, stars = stars).into_any(),
    }
}

#[component]
fn TrainingLine(training: TrainingRecord) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let completed = huli_date(training.completed_at);
    let valid_today = training.valid_on(crate::format::huli_today());
    let validity = move || match training.expires_on {
        None => t!(i18n, record.no_expiry).into_any(),
        Some(last) if valid_today => {
            t!(i18n, record.valid_until, day = long_day(locale(), last)).into_any()
        }
        Some(last) => t!(i18n, record.expired_on, day = long_day(locale(), last)).into_any(),
    };
    view! {
        <li class:expired=!valid_today>
            <strong>{move || labels::training(locale(), training.training)}</strong>
            " · "{move || long_day(locale(), completed)}" · "{validity}
        </li>
    }
}

#[component]
fn CertificateLine(certificate: CertificateSummary) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let period = certificate.period;
    view! {
        <li>
            <strong>{certificate.number.to_string()}</strong>" · "
            {move || format!("{} – {}", long_day(locale(), period.first()), long_day(locale(), period.last()))}
            " · "{move || decimal_hours(locale(), certificate.total_minutes)}
        </li>
    }
}

#[component]
fn HistoryLine(line: ServiceLine) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let day = huli_date(line.starts_at);
    let (duty, status, review, verified) = (line.duty, line.status, line.review, line.verified());
    let point = line.point;
    let outcome = move || match (status, review) {
        (SignupStatus::Cancelled, _) => t!(i18n, status_cancelled).into_any(),
        (_, Some(ReviewStatus::Approved)) => t!(
            i18n,
            record.verified,
            hours = decimal_hours(locale(), verified)
        )
        .into_any(),
        (_, Some(ReviewStatus::Pending)) => t!(i18n, record.pending).into_any(),
        (_, Some(ReviewStatus::Rejected)) => t!(i18n, record.rejected).into_any(),
        (SignupStatus::Waitlisted, None) => t!(i18n, record.not_promoted).into_any(),
        (SignupStatus::Confirmed, None) => t!(i18n, record.no_check_in).into_any(),
    };
    view! {
        <li>
            {move || long_day(locale(), day)}" · "
            {move || point.get(api::lang_of(locale())).to_owned()}" · "
            {move || labels::duty(locale(), duty)}" — "
            <span class="record-outcome">{outcome}</span>
        </li>
    }
}
