//! `/staff/units`: the partner units and the point each staffs (administrators pair
//! them and add new units), and new volunteer teams.

use crate::api;
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{loaded, problem_text};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use huli_contract::{
    PointId, PointSummary, StaffRole, StaffSession, TeamForm, TeamKind, UnitForm, UnitKind,
    UnitView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

const UNIT_KINDS: [UnitKind; 4] = [
    UnitKind::GovernmentOffice,
    UnitKind::PublicInstitution,
    UnitKind::School,
    UnitKind::Company,
];

#[component]
pub fn StaffUnitsPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, units_title).to_owned());
    view! {
        <h1>{t!(i18n, units_title)}</h1>
        <StaffGate page=|session| view! { <Units session /> } />
    }
}

#[component]
fn Units(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let units = LocalResource::new(move || api::managed_units(i18n.get_locale_untracked()));
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    let administrator = session.account.role == StaffRole::Administrator;
    let csrf = StoredValue::new(session.csrf_token);
    let changed = Callback::new(move |()| units.refetch());
    view! {
        {loaded(points, move |points: Vec<PointSummary>| {
            let points = StoredValue::new(points);
            view! {
                {loaded(units, move |list: Vec<UnitView>| view! {
                    <ul class="review-list" data-testid="units">
                        {list.iter().cloned().map(|unit| view! {
                            <UnitItem unit points=points.get_value() administrator csrf=csrf.get_value() on_changed=changed />
                        }).collect_view()}
                    </ul>
                    <NewTeam units=list csrf=csrf.get_value() />
                })}
                {administrator.then(|| view! { <NewUnit csrf=csrf.get_value() on_created=changed /> })}
            }
        })}
    }
}

#[component]
fn UnitItem(
    unit: UnitView,
    points: Vec<PointSummary>,
    administrator: bool,
    csrf: String,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let id = unit.unit.id;
    let problem = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let pair = move |ev: leptos::ev::Event| {
        let Ok(point) = event_target_value(&ev).parse::<i64>() else {
            return;
        };
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::pair_unit(id, PointId(point), &csrf.get_value(), locale).await {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_changed.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let name = unit.unit.name.clone();
    let paired = unit.point_id;
    let select_id = format!("pair-{id}");
    let points = StoredValue::new(points);
    view! {
        <li class="review-item">
            <p><strong>{move || name.get(lang()).to_owned()}</strong></p>
            <label for=select_id.clone()>{t!(i18n, units_point)}</label>
            <select id=select_id disabled=!administrator on:change=pair>
                <option value="" selected=paired.is_none()>{t!(i18n, units_unpaired)}</option>
                {move || points.with_value(|points| points.iter().map(|p| {
                    let here = Some(p.id) == paired;
                    view! { <option value=p.id.0.to_string() selected=here>{p.name.get(lang()).to_owned()}</option> }
                }).collect_view())}
            </select>
            {paired.map(|p| view! { " "<a href=format!("/staff/points/{}", p.0)>{t!(i18n, point_edit_title)}</a> })}
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </li>
    }
}

/// Names in both languages, as every unit and team has them.
fn name_fields(prefix: &'static str, zh: RwSignal<String>, en: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=format!("{prefix}-zh")>{t!(i18n, units_name_zh)}</label>
        <input id=format!("{prefix}-zh") type="text" required prop:value=zh
            on:input=move |ev| zh.set(event_target_value(&ev)) />
        <label for=format!("{prefix}-en")>{t!(i18n, units_name_en)}</label>
        <input id=format!("{prefix}-en") type="text" required prop:value=en
            on:input=move |ev| en.set(event_target_value(&ev)) />
    }
}

#[component]
fn NewUnit(csrf: String, #[prop(into)] on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (zh, en) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let kind = RwSignal::new(enum_name(&UnitKind::Company));
    let problem = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = UnitForm {
            name_zh: zh.get_untracked(),
            name_en: en.get_untracked(),
            kind: kind.get_untracked(),
        };
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::create_unit(&form, &csrf.get_value(), locale).await {
                Ok(_) => {
                    zh.set(String::new());
                    en.set(String::new());
                    let _ = on_created.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    view! {
        <form class="staff-exports" on:submit=submit data-testid="new-unit">
            <h2>{t!(i18n, units_new)}</h2>
            {name_fields("unit-name", zh, en)}
            <label for="unit-kind">{t!(i18n, units_kind)}</label>
            <select id="unit-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                {UNIT_KINDS.map(|k| view! {
                    <option value=enum_name(&k) selected=move || kind.get() == enum_name(&k)>
                        {move || labels::unit_kind(i18n.get_locale(), k)}
                    </option>
                }).to_vec()}
            </select>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <button type="submit" class="primary">{t!(i18n, units_create)}</button>
        </form>
    }
}

#[component]
fn NewTeam(units: Vec<UnitView>, csrf: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let (zh, en) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let unit = RwSignal::new(units.first().map(|u| u.unit.id));
    let problem = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let units = StoredValue::new(units);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = TeamForm {
            name_zh: zh.get_untracked(),
            name_en: en.get_untracked(),
            kind: enum_name(&TeamKind::Unit),
            unit_id: unit.get_untracked(),
        };
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::create_team(&form, &csrf.get_value(), locale).await {
                Ok(team) => {
                    created.set(Some(team.name.get(api::lang_of(locale)).to_owned()));
                    zh.set(String::new());
                    en.set(String::new());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    view! {
        <form class="staff-exports" on:submit=submit data-testid="new-team">
            <h2>{t!(i18n, units_new_team)}</h2>
            {name_fields("team-name", zh, en)}
            <label for="team-unit">{t!(i18n, plan_unit)}</label>
            <select id="team-unit" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok())>
                {move || units.with_value(|units| units.iter().map(|u| {
                    let id = u.unit.id;
                    view! { <option value=id.to_string() selected=move || unit.get() == Some(id)>{u.unit.name.get(lang()).to_owned()}</option> }
                }).collect_view())}
            </select>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <p role="status">{move || created.get().map(|name| format!("✓ {name}"))}</p>
            <button type="submit" class="primary">{t!(i18n, units_create)}</button>
        </form>
    }
}
