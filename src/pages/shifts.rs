//! `/shifts`: the shifts that need people across every point, a day at a time, by point
//! and by duty; and, for a volunteer whose link is saved here, only those that fit them
//! (no overlap with their own shifts, the training held). The filters live in the URL.

use crate::api;
use crate::browser;
use crate::components::layout::set_title;
use crate::components::point_options::PointOptions;
use crate::components::shift_item::ShiftItem;
use crate::components::status::{LoadError, Loading};
use crate::format::{day_label, huli_today};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::latest_answer::LatestAnswer;
use crate::personal_link;
use crate::point_filter::{enum_name, enum_value};
use crate::url_query::{Step, UrlQuery};
use chrono::{Days, NaiveDate};
use huli_contract::{DutyKind, MyRecord, PointId, ShiftView, SignupStatus};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// How far ahead the day list reaches.
const DAYS_AHEAD: u64 = 14;

#[component]
pub fn ShiftsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    set_title(move || t_string!(i18n, open_shifts_title).to_owned());
    let url = UrlQuery::new();
    let query = url.params();
    let set = move |key: &'static str, value: Option<String>| {
        url.update(Step::Add, |params| match value {
            Some(value) => params.insert(key, value),
            None => {
                params.remove(key);
            }
        });
    };
    let today = huli_today();
    let choice = Memo::new(move |_| query.with(|q| Choice::from_query(q, today)));
    let day = Memo::new(move |_| choice.with(|c| c.day));
    let point = Memo::new(move |_| choice.with(|c| c.point));
    let duty = Memo::new(move |_| choice.with(|c| c.duty));
    let fits_only = Memo::new(move |_| choice.with(|c| c.fits_only));

    let shifts = LatestAnswer::new(move || {
        let Choice {
            day, point, duty, ..
        } = choice.get();
        api::open_shifts(day, point, duty, i18n.get_locale())
    });
    // The volunteer's own record, for "fits me": only where their link is saved.
    let key = RwSignal::new(None);
    let in_browser = browser::read_browser_state(move || key.set(personal_link::saved()));
    let mine = LocalResource::new(move || {
        let (key, locale) = (key.get(), i18n.get_locale_untracked());
        async move {
            match key {
                Some(key) => api::my_record(&key, locale).await.ok(),
                None => None,
            }
        }
    });

    let day_options = move || {
        (0..DAYS_AHEAD)
            .filter_map(|n| today.checked_add_days(Days::new(n)))
            .map(|option| {
                let label = day_label(locale(), option);
                view! { <option value=option.to_string() selected=move || day.get() == option>{label}</option> }
            })
            .collect_view()
    };
    let duty_options = move || {
        DutyKind::ALL.map(|d| view! {
            <option value=enum_name(&d) selected=move || duty.get() == Some(d)>{labels::duty(locale(), d)}</option>
        }).to_vec()
    };
    let chosen = |ev: &leptos::ev::Event| Some(event_target_value(ev)).filter(|v| !v.is_empty());

    view! {
        <h1>{t!(i18n, open_shifts_title)}</h1>
        <p class="intro">{t!(i18n, open_shifts_intro)}</p>
        <form class="point-filters shift-filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="shift-day">{t!(i18n, open_shifts_day)}</label>
                <select id="shift-day" on:change=move |ev| set("day", chosen(&ev))>{day_options}</select>
            </div>
            <div class="field">
                <label for="shift-point">{t!(i18n, open_shifts_point)}</label>
                <select id="shift-point" on:change=move |ev| set("point", chosen(&ev))>
                    <option value="" selected=move || point.get().is_none()>{t!(i18n, filter_all)}</option>
                    <PointOptions selected=point />
                </select>
            </div>
            <div class="field">
                <label for="shift-duty">{t!(i18n, open_shifts_duty)}</label>
                <select id="shift-duty" on:change=move |ev| set("duty", chosen(&ev))>
                    <option value="" selected=move || duty.get().is_none()>{t!(i18n, filter_all)}</option>
                    {duty_options}
                </select>
            </div>
            {move || key.with(Option::is_some).then(|| view! {
                <div class="field field-checks">
                    <label class="check">
                        <input type="checkbox" prop:checked=fits_only
                            on:change=move |ev| set("fits", event_target_checked(&ev).then(|| "1".to_owned())) />
                        {t!(i18n, open_shifts_fits_me)}
                    </label>
                </div>
            })}
        </form>
        <section aria-labelledby="shift-results-heading">
            <h2 id="shift-results-heading">{move || day_label(locale(), day.get())}</h2>
            // Drawn by the browser only: the server cannot draw what waits (server_render.rs).
            {move || match (in_browser.get(), shifts.get()) {
                (false, _) | (true, None) => view! { <Loading /> }.into_any(),
                (true, Some(Err(error))) => {
                    view! { <LoadError error retry=move || shifts.ask_again() /> }.into_any()
                }
                (true, Some(Ok(list))) => view! {
                    <Transition fallback=Loading>
                        {move || {
                            let list = list.clone();
                            Suspend::new(async move {
                                let mine = if fits_only.get() { mine.await } else { None };
                                view! { <ShiftList shifts=list mine /> }
                            })
                        }}
                    </Transition>
                }.into_any(),
            }}
        </section>
    }
}

/// What the visitor chose to see, as the URL says it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Choice {
    day: NaiveDate,
    point: Option<PointId>,
    duty: Option<DutyKind>,
    fits_only: bool,
}

impl Choice {
    fn from_query(query: &ParamsMap, today: NaiveDate) -> Self {
        Choice {
            day: (query.get("day").and_then(|day| day.parse().ok())).unwrap_or(today),
            point: (query.get("point").and_then(|id| id.parse().ok())).map(PointId),
            duty: query.get("duty").and_then(|duty| enum_value(&duty)),
            fits_only: query.get("fits").is_some_and(|v| v == "1"),
        }
    }
}

#[component]
fn ShiftList(shifts: Vec<ShiftView>, mine: Option<MyRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let shown: Vec<ShiftView> = match &mine {
        Some(mine) => shifts
            .into_iter()
            .filter(|shift| fits(shift, mine))
            .collect(),
        None => shifts,
    };
    if shown.is_empty() {
        return view! { <p class="no-match">{t!(i18n, open_shifts_none)}</p> }.into_any();
    }
    view! {
        <p class="filter-status" role="status">{t!(i18n, open_shifts_count, count = shown.len())}</p>
        <ul class="shift-list" data-testid="open-shifts">
            {shown.into_iter().map(|shift| view! { <ShiftItem shift with_point=true /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Whether the volunteer could take `shift`: it overlaps none of their active shifts,
/// and they hold the training it needs.
fn fits(shift: &ShiftView, mine: &MyRecord) -> bool {
    let trained =
        (shift.required_training).is_none_or(|training| mine.trainings.contains(&training));
    let overlaps = (mine.signups.iter())
        .filter(|signup| signup.status != SignupStatus::Cancelled)
        .any(|signup| signup.shift.id == shift.id || signup.shift.window.overlaps(shift.window));
    trained && !overlaps
}
