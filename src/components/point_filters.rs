//! Search, filters and "nearest to me" above the map and the list. Every control
//! writes the URL; the explorer reads the filter back from it.

use crate::browser::LocateError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::point_filter::{PointFilter, enum_name, enum_value};
use crate::url_query::Step;
use huli_contract::{PointCategory, Service, SubDistrict};
use leptos::prelude::*;

/// Where finding the visitor's position stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locating {
    Idle,
    Busy,
    Found,
    Failed(LocateError),
}

/// What residents most often come looking for; any other service is found by search.
const SERVICE_CHIPS: [Service; 4] = [
    Service::DrinkingWater,
    Service::PhoneCharging,
    Service::FirstAidKit,
    Service::Umbrella,
];

#[component]
pub fn PointFilters(
    filter: Memo<PointFilter>,
    /// Writes a new filter into the URL.
    set_filter: Callback<(PointFilter, Step)>,
    locating: ReadSignal<Locating>,
    on_near_me: Callback<()>,
    shown: Signal<usize>,
    total: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let update = move |change: &dyn Fn(&mut PointFilter), step: Step| {
        let mut next = filter.get_untracked();
        change(&mut next);
        next.selected = None;
        set_filter.run((next, step));
    };
    let category_options = move || {
        PointCategory::ALL
            .map(|c| view! { <option value=enum_name(&c) selected=move || filter.with(|f| f.category == Some(c))>{labels::category(locale(), c)}</option> })
            .to_vec()
    };
    let sub_district_options = move || {
        SubDistrict::ALL
            .map(|d| view! { <option value=enum_name(&d) selected=move || filter.with(|f| f.sub_district == Some(d))>{labels::sub_district(locale(), d)}</option> })
            .to_vec()
    };
    let locate_message = move || match locating.get() {
        Locating::Idle => None,
        Locating::Busy => Some(t_string!(i18n, near_me_locating)),
        Locating::Found => Some(t_string!(i18n, near_me_found)),
        Locating::Failed(LocateError::Denied) => Some(t_string!(i18n, near_me_denied)),
        Locating::Failed(LocateError::Unavailable) => Some(t_string!(i18n, near_me_unavailable)),
    };
    view! {
        <form class="point-filters" role="search" on:submit=|event| event.prevent_default()>
            <div class="field field-search">
                <label for="point-search">{t!(i18n, search_label)}</label>
                <input
                    id="point-search"
                    type="search"
                    enterkeyhint="search"
                    autocomplete="off"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        update(&|f| f.text = text.clone(), Step::Replace);
                    }
                />
            </div>
            <fieldset class="field service-chips">
                <legend>{t!(i18n, filter_services)}</legend>
                {SERVICE_CHIPS.map(|service| view! {
                    <label class="chip">
                        <input
                            type="checkbox"
                            prop:checked=move || filter.with(|f| f.services.contains(&service))
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                update(&|f| {
                                    f.services.retain(|s| *s != service);
                                    if on {
                                        f.services.push(service);
                                    }
                                }, Step::Add);
                            }
                        />
                        {move || labels::service(locale(), service)}
                    </label>
                }).to_vec()}
            </fieldset>
            <div class="field">
                <label for="point-category">{t!(i18n, filter_category)}</label>
                <select
                    id="point-category"
                    prop:value=move || filter.with(|f| f.category.map(|c| enum_name(&c)).unwrap_or_default())
                    on:change=move |event| {
                        let value = enum_value(&event_target_value(&event));
                        update(&|f| f.category = value, Step::Add);
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.category.is_none())>{t!(i18n, filter_all)}</option>
                    {category_options}
                </select>
            </div>
            <div class="field">
                <label for="point-sub-district">{t!(i18n, filter_sub_district)}</label>
                <select
                    id="point-sub-district"
                    prop:value=move || filter.with(|f| f.sub_district.map(|d| enum_name(&d)).unwrap_or_default())
                    on:change=move |event| {
                        let value = enum_value(&event_target_value(&event));
                        update(&|f| f.sub_district = value, Step::Add);
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.sub_district.is_none())>{t!(i18n, filter_all)}</option>
                    {sub_district_options}
                </select>
            </div>
            <div class="field field-checks">
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || filter.with(|f| f.open_now)
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            update(&|f| f.open_now = on, Step::Add);
                        }
                    />
                    {t!(i18n, filter_open_now)}
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || filter.with(|f| f.needs_volunteers)
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            update(&|f| f.needs_volunteers = on, Step::Add);
                        }
                    />
                    {t!(i18n, filter_needs_volunteers)}
                </label>
            </div>
            <div class="field field-actions">
                <button
                    type="button"
                    aria-pressed=move || filter.with(|f| f.near_me).to_string()
                    on:click=move |_| on_near_me.run(())
                >
                    {t!(i18n, near_me)}
                </button>
                <button type="button" class="secondary" on:click=move |_| set_filter.run((PointFilter::default(), Step::Add))>
                    {t!(i18n, clear_filters)}
                </button>
            </div>
            <p class="filter-status" role="status" aria-live="polite">
                <span data-testid="shown-count">{move || t!(i18n, shown_count, shown = shown.get(), total)}</span>
                {move || locate_message().map(|message| view! { " " <span>{message}</span> })}
            </p>
        </form>
    }
}
