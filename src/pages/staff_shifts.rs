//! `/staff/shifts`: the planner for new shifts, and the shifts the account manages in
//! the 60 days from a chosen day, at one point or all, a page at a time, with what each
//! needs (more places, insurance for high-risk duty, removal while nobody holds it).

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::pager::{PageMove, Pager};
use crate::components::point_options::PointOptions;
use crate::components::shift_move::ShiftMove;
use crate::components::shift_planner::ShiftPlanner;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{loaded, problem_text};
use crate::format::{day_label, huli_today, shift_window};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::latest_answer::{LatestAnswer, answered};
use chrono::NaiveDate;
use huli_contract::{
    InsuranceForm, PointId, ShiftChangeForm, ShiftPage, ShiftView, StaffSession, UnitView,
    china_standard_time,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StaffShiftsPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, shifts_title).to_owned());
    view! {
        <h1>{t!(i18n, shifts_title)}</h1>
        <StaffGate page=|session| view! { <Shifts session /> } />
    }
}

#[component]
fn Shifts(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let point = RwSignal::new(None::<PointId>);
    let from = RwSignal::new(huli_today());
    let offset = RwSignal::new(0);
    let shifts = LatestAnswer::new(move || {
        let (point, from, offset) = (point.get(), from.get(), offset.get());
        api::managed_shifts(point, from, offset, i18n.get_locale_untracked())
    });
    let units = LocalResource::new(move || api::managed_units(i18n.get_locale_untracked()));
    let csrf = StoredValue::new(session.csrf_token);
    let changed = Callback::new(move |()| shifts.ask_again());
    let moves = PageMove::new(move |to| offset.set(to));
    view! {
        {loaded(units, move |units: Vec<UnitView>| {
            // Only a unit paired with a point can organise shifts there.
            let units: Vec<UnitView> = units.into_iter().filter(|u| u.point_id.is_some()).collect();
            view! { <ShiftPlanner units csrf=csrf.get_value() on_planned=changed /> }
        })}
        <section aria-labelledby="shift-list-heading">
            <h2 id="shift-list-heading">{t!(i18n, shifts_upcoming_from, day = move || day_label(locale(), from.get()))}</h2>
            <form class="review-filters" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="shift-list-point">{t!(i18n, review_filter_point)}</label>
                    <select id="shift-list-point" on:change=move |ev| {
                        point.set(event_target_value(&ev).parse().ok().map(PointId));
                        offset.set(0);
                    }>
                        <option value="">{t!(i18n, review_all_points)}</option>
                        <PointOptions selected=point />
                    </select>
                </div>
                <div class="field">
                    <label for="shift-list-from">{t!(i18n, shifts_from)}</label>
                    <input id="shift-list-from" type="date" prop:value=move || from.get().to_string()
                        on:change=move |ev| {
                            from.set(event_target_value(&ev).parse().unwrap_or_else(|_| huli_today()));
                            offset.set(0);
                        } />
                </div>
            </form>
            {answered(shifts, move |page| view! {
                <ShiftList page csrf=csrf.get_value() on_changed=changed moves />
            })}
        </section>
    }
}

#[component]
fn ShiftList(
    page: ShiftPage,
    csrf: String,
    on_changed: Callback<()>,
    moves: PageMove,
) -> impl IntoView {
    let i18n = use_i18n();
    let (offset, total, shown) = (page.offset, page.total, page.items.len() as u32);
    if shown == 0 {
        return view! { <p>{t!(i18n, shifts_none)}</p> }.into_any();
    }
    view! {
        <Pager range_id="shift-list-range" offset shown total moves />
        <ul class="review-list" data-testid="managed-shifts">
            {page.items.into_iter().map(|shift| view! {
                <ShiftRow shift csrf=csrf.clone() on_changed />
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ShiftRow(
    shift: ShiftView,
    csrf: String,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let id = shift.id;
    let capacity = RwSignal::new(shift.capacity.to_string());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let csrf = StoredValue::new(csrf);
    let report = move |answer: Result<(), ApiError>| {
        busy.set(false);
        match answer {
            Ok(()) => {
                // The page may have been left while the request was out.
                let _ = on_changed.try_run(());
            }
            Err(error) => problem.set(Some(problem_text(i18n, error))),
        }
    };
    let start = move || {
        if busy.get_untracked() {
            return false;
        }
        busy.set(true);
        problem.set(None);
        true
    };
    let save_capacity = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !start() {
            return;
        }
        let form = ShiftChangeForm {
            capacity: capacity.get_untracked().trim().parse().ok(),
            ..Default::default()
        };
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let answer = api::change_shift(id, &form, &csrf.get_value(), locale).await;
            report(answer.map(|_| ()));
        });
    };
    let remove = move |_| {
        if !start() {
            return;
        }
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            report(api::delete_shift(id, &csrf.get_value(), locale).await);
        });
    };
    let held = shift.confirmed + shift.waitlisted > 0;
    let needs_insurance = shift.duty.is_high_risk() && !shift.insured;
    let day = shift
        .window
        .starts_at()
        .with_timezone(&china_standard_time())
        .date_naive();
    let capacity_id = format!("capacity-{}", id.0);
    view! {
        <li class="review-item" data-testid="managed-shift">
            <p><strong>{move || shift_window(i18n.get_locale(), shift.window)}</strong></p>
            <p>
                {move || shift.point_name.get(lang()).to_owned()}" · "
                {move || labels::duty(i18n.get_locale(), shift.duty)}" · "
                {move || shift.organiser.get(lang()).to_owned()}
            </p>
            <p>
                {t!(i18n, shifts_places, confirmed = shift.confirmed, capacity = shift.capacity, waitlisted = shift.waitlisted)}
                {shift.insured.then(|| view! { " "<span class="badge insured">{t!(i18n, shifts_insured)}</span> })}
            </p>
            <form class="review-form" on:submit=save_capacity>
                <label for=capacity_id.clone()>{t!(i18n, plan_capacity)}</label>
                <input id=capacity_id type="number" min="1" max="200" prop:value=capacity
                    on:input=move |ev| capacity.set(event_target_value(&ev)) />
                <button type="submit" class="secondary">{t!(i18n, shifts_save)}</button>
            </form>
            <ShiftMove id window=shift.window held csrf on_moved=on_changed />
            {needs_insurance.then(|| view! {
                <InsuranceEntry shift=id.0 day csrf=csrf.get_value() on_recorded=on_changed />
            })}
            {(!held).then(|| view! {
                <button type="button" class="secondary" on:click=remove>{t!(i18n, shifts_delete)}</button>
            })}
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </li>
    }
}

/// Records the organiser's accident insurance for a high-risk shift, which opens it for
/// sign-up.
#[component]
fn InsuranceEntry(
    shift: i64,
    day: NaiveDate,
    csrf: String,
    #[prop(into)] on_recorded: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let insurer = RwSignal::new(String::new());
    let policy = RwSignal::new(String::new());
    let from = RwSignal::new(day.to_string());
    let until = RwSignal::new(day.to_string());
    let problem = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = InsuranceForm {
            shift_ids: vec![shift],
            insurer: insurer.get_untracked(),
            policy_number: policy.get_untracked(),
            covers_from: from.get_untracked(),
            covers_until: until.get_untracked(),
        };
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::record_insurance(&form, &csrf.get_value(), locale).await {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_recorded.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let field = |name: &str| format!("insurance-{name}-{shift}");
    view! {
        <form class="review-form" on:submit=submit data-testid="insurance-form">
            <p>{t!(i18n, insurance_needed)}</p>
            <label for=field("insurer")>{t!(i18n, insurance_insurer)}</label>
            <input id=field("insurer") type="text" required prop:value=insurer
                on:input=move |ev| insurer.set(event_target_value(&ev)) />
            <label for=field("policy")>{t!(i18n, insurance_policy)}</label>
            <input id=field("policy") type="text" required prop:value=policy
                on:input=move |ev| policy.set(event_target_value(&ev)) />
            <label for=field("from")>{t!(i18n, insurance_from)}</label>
            <input id=field("from") type="date" required prop:value=from
                on:input=move |ev| from.set(event_target_value(&ev)) />
            <label for=field("until")>{t!(i18n, insurance_until)}</label>
            <input id=field("until") type="date" required prop:value=until
                on:input=move |ev| until.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{t!(i18n, insurance_record)}</button>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </form>
    }
}
