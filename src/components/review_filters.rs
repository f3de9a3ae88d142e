//! The review queue's filters: status, point, shift date, check-in method and, for an
//! administrator, the organising unit. A change starts again from the first page.

use crate::api;
use crate::components::point_options::PointOptions;
use crate::i18n::{t, use_i18n};
use crate::labels;
use crate::point_filter::{enum_name, enum_value};
use huli_contract::{CheckInMethod, PointId, ReviewQuery, ReviewStatus, StaffRole};
use leptos::prelude::*;

#[component]
pub fn ReviewFilters(query: RwSignal<ReviewQuery>, role: StaffRole) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let set = move |change: &dyn Fn(&mut ReviewQuery)| {
        query.update(|query| {
            change(query);
            query.offset = None;
        });
    };
    let chosen = |ev: &leptos::ev::Event| Some(event_target_value(ev)).filter(|v| !v.is_empty());
    let method_options = move || {
        CheckInMethod::ALL
            .map(|m| view! { <option value=enum_name(&m)>{labels::check_in_method(locale(), m)}</option> })
            .to_vec()
    };
    // Only an administrator sees more than one unit's shifts.
    let unit_filter = matches!(role, StaffRole::Administrator).then(|| {
        let units = LocalResource::new(move || api::managed_units(i18n.get_locale_untracked()));
        let unit_options = move || {
            let lang = api::lang_of(locale());
            (units.get().and_then(Result::ok).unwrap_or_default().into_iter())
                .map(|u| view! { <option value=u.unit.id.to_string()>{u.unit.name.get(lang).to_owned()}</option> })
                .collect_view()
        };
        view! {
            <div class="field">
                <label for="queue-unit">{t!(i18n, review_filter_unit)}</label>
                <select id="queue-unit" on:change=move |ev| {
                    let unit = chosen(&ev).and_then(|v| v.parse().ok());
                    set(&|q| q.unit = unit);
                }>
                    <option value="">{t!(i18n, review_all_units)}</option>
                    {unit_options}
                </select>
            </div>
        }
    });
    view! {
        <form class="review-filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="queue-status">{t!(i18n, review_filter_status)}</label>
                <select id="queue-status" on:change=move |ev| {
                    let status = chosen(&ev).and_then(|v| enum_value::<ReviewStatus>(&v));
                    set(&|q| q.status = status);
                }>
                    <option value="pending">{t!(i18n, review_status_pending)}</option>
                    <option value="approved">{t!(i18n, review_status_approved)}</option>
                    <option value="rejected">{t!(i18n, review_status_rejected)}</option>
                </select>
            </div>
            <div class="field">
                <label for="queue-point">{t!(i18n, review_filter_point)}</label>
                <select id="queue-point" on:change=move |ev| {
                    let point = chosen(&ev).and_then(|v| v.parse().ok());
                    set(&|q| q.point = point);
                }>
                    <option value="">{t!(i18n, review_all_points)}</option>
                    <PointOptions selected=Signal::derive(move || query.with(|q| q.point.map(PointId))) />
                </select>
            </div>
            <div class="field">
                <label for="queue-day">{t!(i18n, review_filter_day)}</label>
                <input id="queue-day" type="date" on:change=move |ev| {
                    let day = chosen(&ev).and_then(|v| v.parse().ok());
                    set(&|q| q.day = day);
                } />
            </div>
            <div class="field">
                <label for="queue-method">{t!(i18n, review_filter_method)}</label>
                <select id="queue-method" on:change=move |ev| {
                    let method = chosen(&ev).and_then(|v| enum_value::<CheckInMethod>(&v));
                    set(&|q| q.method = method);
                }>
                    <option value="">{t!(i18n, review_all_methods)}</option>
                    {method_options}
                </select>
            </div>
            {unit_filter}
        </form>
    }
}
