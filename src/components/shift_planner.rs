//! Planning shifts: the same shift every week for some weeks (the usual case: "every
//! Saturday 09:00–11:00, 6 people"), or one shift on one day. Times are Huli's.

use crate::api;
use crate::components::radio_choice::RadioChoice;
use crate::components::status::problem_text;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use chrono::Weekday;
use huli_contract::{DutyKind, ShiftForm, TemplateForm, Training, UnitView};
use leptos::prelude::*;
use leptos::task::spawn_local;

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "monday"),
    (Weekday::Tue, "tuesday"),
    (Weekday::Wed, "wednesday"),
    (Weekday::Thu, "thursday"),
    (Weekday::Fri, "friday"),
    (Weekday::Sat, "saturday"),
    (Weekday::Sun, "sunday"),
];

/// How often the planned shift runs.
#[derive(Clone, Copy, PartialEq)]
enum Repeat {
    Weekly,
    Once,
}

/// `units`: the units the account plans for, each at the point it staffs.
#[component]
pub fn ShiftPlanner(
    units: Vec<UnitView>,
    csrf: String,
    #[prop(into)] on_planned: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let units = StoredValue::new(units);
    let unit = RwSignal::new(units.with_value(|u| u.first().map(|u| u.unit.id)));
    let repeat = RwSignal::new(Repeat::Weekly);
    let duty = RwSignal::new(enum_name(&DutyKind::PointService));
    let training = RwSignal::new(String::new());
    let capacity = RwSignal::new("6".to_owned());
    let weekday = RwSignal::new("saturday".to_owned());
    let day = RwSignal::new(String::new());
    let starts = RwSignal::new("09:00".to_owned());
    let ends = RwSignal::new("11:00".to_owned());
    let weeks = RwSignal::new("4".to_owned());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let csrf = StoredValue::new(csrf);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let unit_id = unit.get_untracked();
        let point_id = units.with_value(|units| {
            let chosen = units.iter().find(|u| Some(u.unit.id) == unit_id);
            chosen.and_then(|u| u.point_id).map(|p| p.0)
        });
        let required_training = Some(training.get_untracked()).filter(|t| !t.is_empty());
        let capacity = capacity.get_untracked().trim().parse().ok();
        busy.set(true);
        problem.set(None);
        done.set(None);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let csrf = csrf.get_value();
            let answer = match repeat.get_untracked() {
                Repeat::Weekly => {
                    let form = TemplateForm {
                        point_id,
                        organiser_unit_id: unit_id,
                        duty: duty.get_untracked(),
                        capacity,
                        required_training,
                        weekday: weekday.get_untracked(),
                        starts: starts.get_untracked(),
                        ends: ends.get_untracked(),
                        weeks: weeks.get_untracked().trim().parse().ok(),
                        first_date: None,
                    };
                    api::plan_weekly(&form, &csrf, locale)
                        .await
                        .map(|planned| (planned.created.len(), planned.already_there.len()))
                }
                Repeat::Once => {
                    // A day and two times in Huli, as RFC 3339 with Huli's offset.
                    let at = |time: String| format!("{}T{time}:00+08:00", day.get_untracked());
                    let form = ShiftForm {
                        point_id,
                        organiser_unit_id: unit_id,
                        duty: duty.get_untracked(),
                        starts_at: at(starts.get_untracked()),
                        ends_at: at(ends.get_untracked()),
                        capacity,
                        required_training,
                    };
                    api::create_shift(&form, &csrf, locale)
                        .await
                        .map(|_| (1, 0))
                }
            };
            busy.set(false);
            match answer {
                Ok((created, already)) => {
                    done.set(Some(match locale {
                        crate::i18n::Locale::zh | crate::i18n::Locale::zh_Hant => {
                            crate::language::written(
                                locale,
                                format!("已新建 {created} 个班次，{already} 个已存在。"),
                            )
                        }
                        crate::i18n::Locale::en => {
                            format!("{created} shifts created, {already} already there.")
                        }
                    }));
                    let _ = on_planned.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };

    view! {
        <form class="shift-planner staff-exports" on:submit=submit data-testid="shift-planner">
            <h2>{t!(i18n, plan_heading)}</h2>
            <fieldset>
                <legend>{t!(i18n, plan_repeat)}</legend>
                {move || view! { <RadioChoice name="plan-repeat" selected=repeat value=Repeat::Weekly label=t_string!(i18n, plan_weekly) /> }}
                {move || view! { <RadioChoice name="plan-repeat" selected=repeat value=Repeat::Once label=t_string!(i18n, plan_once) /> }}
            </fieldset>
            <label for="plan-unit">{t!(i18n, plan_unit)}</label>
            <select id="plan-unit" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok())>
                {move || units.with_value(|units| units.iter().map(|u| {
                    let id = u.unit.id;
                    view! {
                        <option value=id.to_string() selected=move || unit.get() == Some(id)>
                            {u.unit.name.get(lang()).to_owned()}
                        </option>
                    }
                }).collect_view())}
            </select>
            <label for="plan-duty">{t!(i18n, plan_duty)}</label>
            <select id="plan-duty" on:change=move |ev| duty.set(event_target_value(&ev))>
                {DutyKind::ALL.map(|d| view! {
                    <option value=enum_name(&d) selected=move || duty.get() == enum_name(&d)>
                        {move || labels::duty(i18n.get_locale(), d)}
                    </option>
                }).to_vec()}
            </select>
            <Show when=move || repeat.get() == Repeat::Weekly
                fallback=move || view! {
                    <label for="plan-day">{t!(i18n, plan_day)}</label>
                    <input id="plan-day" type="date" required prop:value=day
                        on:input=move |ev| day.set(event_target_value(&ev)) />
                }>
                <label for="plan-weekday">{t!(i18n, plan_weekday)}</label>
                <select id="plan-weekday" on:change=move |ev| weekday.set(event_target_value(&ev))>
                    {WEEKDAYS.map(|(day, name)| view! {
                        <option value=name selected=move || weekday.get() == name>
                            {move || crate::format::weekday(i18n.get_locale(), day)}
                        </option>
                    }).to_vec()}
                </select>
                <label for="plan-weeks">{t!(i18n, plan_weeks)}</label>
                <input id="plan-weeks" type="number" min="1" max="12" required prop:value=weeks
                    on:input=move |ev| weeks.set(event_target_value(&ev)) />
            </Show>
            <label for="plan-starts">{t!(i18n, plan_starts)}</label>
            <input id="plan-starts" type="time" required prop:value=starts
                on:input=move |ev| starts.set(event_target_value(&ev)) />
            <label for="plan-ends">{t!(i18n, plan_ends)}</label>
            <input id="plan-ends" type="time" required prop:value=ends
                on:input=move |ev| ends.set(event_target_value(&ev)) />
            <label for="plan-capacity">{t!(i18n, plan_capacity)}</label>
            <input id="plan-capacity" type="number" min="1" max="200" required prop:value=capacity
                on:input=move |ev| capacity.set(event_target_value(&ev)) />
            <label for="plan-training">{t!(i18n, plan_training)}</label>
            <select id="plan-training" on:change=move |ev| training.set(event_target_value(&ev))>
                <option value="">{t!(i18n, plan_no_training)}</option>
                {Training::ALL.map(|tr| view! {
                    <option value=enum_name(&tr)>{move || labels::training(i18n.get_locale(), tr)}</option>
                }).to_vec()}
            </select>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <p role="status">{move || done.get()}</p>
            <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                {t!(i18n, plan_submit)}
            </button>
        </form>
    }
}
