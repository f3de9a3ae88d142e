//! `/shifts`: the shifts that need people across every point, a day at a time, by point
//! and by duty; and, for a volunteer whose link is saved here, only those that fit them
//! (no overlap with their own shifts, the training held). The filters live in the URL.

use crate::api;
use crate::browser;
use crate::components::layout::set_title;
use crate::components::shift_item::ShiftItem;
use crate::components::status::{LoadError, Loading};
use crate::format::{day_label, huli_today};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::personal_link;
use crate::point_filter::{enum_name, enum_value};
use chrono::{Days, NaiveDate};
use huli_contract::{DutyKind, MyRecord, PointId, ShiftView, SignupStatus};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// How far ahead the day list reaches.
const DAYS_AHEAD: u64 = 14;

#[component]
pub fn ShiftsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    set_title(move || t_string!(i18n, open_shifts_title).to_owned());
    let query = use_query_map();
    let navigate = use_navigate();
    let set = Callback::new(move |(key, value): (&'static str, Option<String>)| {
        let mut next = query.get_untracked();
        match value {
            Some(value) => next.insert(key, value),
            None => {
                next.remove(key);
            }
        }
        let options = NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("/shifts{}", next.to_query_string()), options);
    });
    let today = huli_today();
    let day = Memo::new(move |_| {
        (query.with(|q| q.get("day")))
            .and_then(|day| day.parse::<NaiveDate>().ok())
            .unwrap_or(today)
    });
    let point = Memo::new(move |_| {
        (query.with(|q| q.get("point")))
            .and_then(|id| id.parse().ok())
            .map(PointId)
    });
    let duty = Memo::new(move |_| query.with(|q| q.get("duty")).and_then(|d| enum_value(&d)));
    let fits_only = Memo::new(move |_| query.with(|q| q.get("fits")).is_some_and(|v| v == "1"));

    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    let shifts = LocalResource::new(move || {
        api::open_shifts(day.get(), point.get(), duty.get(), i18n.get_locale())
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
    let point_options = move || {
        let lang = api::lang_of(locale());
        points.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
            let id = p.id;
            view! { <option value=id.0.to_string() selected=move || point.get() == Some(id)>{p.name.get(lang).to_owned()}</option> }
        }).collect_view()
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
                <select id="shift-day" on:change=move |ev| set.run(("day", chosen(&ev)))>{day_options}</select>
            </div>
            <div class="field">
                <label for="shift-point">{t!(i18n, open_shifts_point)}</label>
                <select id="shift-point" on:change=move |ev| set.run(("point", chosen(&ev)))>
                    <option value="" selected=move || point.get().is_none()>{t!(i18n, filter_all)}</option>
                    {point_options}
                </select>
            </div>
            <div class="field">
                <label for="shift-duty">{t!(i18n, open_shifts_duty)}</label>
                <select id="shift-duty" on:change=move |ev| set.run(("duty", chosen(&ev)))>
                    <option value="" selected=move || duty.get().is_none()>{t!(i18n, filter_all)}</option>
                    {duty_options}
                </select>
            </div>
            {move || key.with(Option::is_some).then(|| view! {
                <div class="field field-checks">
                    <label class="check">
                        <input type="checkbox" prop:checked=fits_only
                            on:change=move |ev| set.run(("fits", event_target_checked(&ev).then(|| "1".to_owned()))) />
                        {t!(i18n, open_shifts_fits_me)}
                    </label>
                </div>
            })}
        </form>
        <section aria-labelledby="shift-results-heading">
            <h2 id="shift-results-heading">{move || day_label(locale(), day.get())}</h2>
            // Drawn by the browser only: the server cannot draw what waits (server_render.rs).
            {move || if !in_browser.get() {
                view! { <Loading /> }.into_any()
            } else {
                view! {
                    <Transition fallback=Loading>
                        {move || Suspend::new(async move {
                            let mine = if fits_only.get() { mine.await } else { None };
                            match shifts.await {
                                Ok(shifts) => view! { <ShiftList shifts mine /> }.into_any(),
                                Err(error) => view! { <LoadError error retry=move || shifts.refetch() /> }.into_any(),
                            }
                        })}
                    </Transition>
                }.into_any()
            }}
        </section>
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
        .any(|signup| {
            signup.shift.id == shift.id
                || (signup.shift.window.starts_at() < shift.window.ends_at()
                    && shift.window.starts_at() < signup.shift.window.ends_at())
        });
    trained && !overlaps
}
