//! `/staff/points/:id`: a point's names and address in both languages, and its place on
//! the map. Sample coordinates are estimates; staff standing at the point correct them
//! with the phone's location (or type them). The server keeps them inside the district.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::layout::set_title;
use crate::components::place_picker::{PlacePicker, coordinate_text};
use crate::components::staff_gate::StaffGate;
use crate::components::status::{loaded, problem_text};
use crate::format::clock_time;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use huli_contract::{
    LocationForm, OpeningHours, OpeningHoursForm, PointDetail, PointForm, PointId, Service,
    StaffSession,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffPointEditPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, point_edit_title).to_owned());
    view! {
        <h1>{t!(i18n, point_edit_title)}</h1>
        <StaffGate page=|session| view! { <Loaded session /> } />
    }
}

#[component]
fn Loaded(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let id = params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<i64>().ok());
        let locale = i18n.get_locale_untracked();
        async move {
            match id {
                Some(id) => api::point(PointId(id), locale).await,
                None => Err(ApiError::NotFound),
            }
        }
    });
    let csrf = StoredValue::new(session.csrf_token);
    loaded(detail, move |detail: PointDetail| {
        view! { <PointEditor detail csrf=csrf.get_value() /> }
    })
}

#[component]
fn PointEditor(detail: PointDetail, csrf: String) -> impl IntoView {
    let i18n = use_i18n();
    let point = detail.point;
    let id = point.id;
    let text = |value: &str| RwSignal::new(value.to_owned());
    let (name_zh, name_en) = (text(&point.name.zh), text(&point.name.en));
    let (address_zh, address_en) = (text(&point.address.zh), text(&point.address.en));
    let lat = RwSignal::new(coordinate_text(point.location.lat()));
    let lon = RwSignal::new(coordinate_text(point.location.lon()));
    let approximate = RwSignal::new(point.location_approximate);
    let (all_day, opens, closes) = match point.opening_hours {
        OpeningHours::AllDay => (true, "08:00".to_owned(), "18:00".to_owned()),
        OpeningHours::Daily { opens, closes } => (false, clock_time(opens), clock_time(closes)),
    };
    let (all_day, opens, closes) = (
        RwSignal::new(all_day),
        RwSignal::new(opens),
        RwSignal::new(closes),
    );
    let services = RwSignal::new(point.services.clone());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let csrf = StoredValue::new(csrf);
    let here = move |_| {
        problem.set(None);
        spawn_local(async move {
            match browser::locate().await {
                Ok(position) => {
                    lat.set(coordinate_text(position.lat()));
                    lon.set(coordinate_text(position.lon()));
                }
                Err(_) => problem.set(Some(t_string!(i18n, point_edit_no_location).to_owned())),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let number = |value: RwSignal<String>| value.get_untracked().trim().parse().ok();
        let form = PointForm {
            name_zh: Some(name_zh.get_untracked()),
            name_en: Some(name_en.get_untracked()),
            address_zh: Some(address_zh.get_untracked()),
            address_en: Some(address_en.get_untracked()),
            location: Some(LocationForm {
                lat: number(lat),
                lon: number(lon),
            }),
            opening_hours: Some(OpeningHoursForm {
                kind: if all_day.get_untracked() {
                    "all_day"
                } else {
                    "daily"
                }
                .to_owned(),
                opens: Some(opens.get_untracked()),
                closes: Some(closes.get_untracked()),
            }),
            services: Some(services.with_untracked(|s| s.iter().map(enum_name).collect())),
        };
        busy.set(true);
        saved.set(false);
        problem.set(None);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let answer = api::change_point(id, &form, &csrf.get_value(), locale).await;
            busy.set(false);
            match answer {
                Ok(detail) => {
                    approximate.set(detail.point.location_approximate);
                    saved.set(true);
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let input = move |id: &'static str, value: RwSignal<String>| {
        view! {
            <input id=id type="text" required prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="staff-exports" on:submit=submit data-testid="point-editor">
            <label for="point-name-zh">{t!(i18n, point_edit_name_zh)}</label>
            {input("point-name-zh", name_zh)}
            <label for="point-name-en">{t!(i18n, point_edit_name_en)}</label>
            {input("point-name-en", name_en)}
            <label for="point-address-zh">{t!(i18n, point_edit_address_zh)}</label>
            {input("point-address-zh", address_zh)}
            <label for="point-address-en">{t!(i18n, point_edit_address_en)}</label>
            {input("point-address-en", address_en)}
            <fieldset>
                <legend>{t!(i18n, point_edit_hours)}</legend>
                <label class="choice">
                    <input type="checkbox" prop:checked=all_day
                        on:change=move |ev| all_day.set(event_target_checked(&ev)) />
                    {t!(i18n, point_edit_all_day)}
                </label>
                <Show when=move || !all_day.get()>
                    <label for="point-opens">{t!(i18n, point_edit_opens)}</label>
                    <input id="point-opens" type="time" required prop:value=opens
                        on:input=move |ev| opens.set(event_target_value(&ev)) />
                    <label for="point-closes">{t!(i18n, point_edit_closes)}</label>
                    <input id="point-closes" type="time" required prop:value=closes
                        on:input=move |ev| closes.set(event_target_value(&ev)) />
                </Show>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, point_edit_services)}</legend>
                {Service::ALL.map(|service| view! {
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || services.with(|s| s.contains(&service))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                services.update(|s| {
                                    s.retain(|other| *other != service);
                                    if on {
                                        s.push(service);
                                    }
                                });
                            } />
                        {move || labels::service(i18n.get_locale(), service)}
                    </label>
                }).to_vec()}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, point_edit_location)}</legend>
                <p class="note">
                    {move || if approximate.get() {
                        t!(i18n, point_edit_approximate).into_any()
                    } else {
                        t!(i18n, point_edit_checked).into_any()
                    }}
                </p>
                <label for="point-lat">{t!(i18n, point_edit_lat)}</label>
                <input id="point-lat" type="text" inputmode="decimal" required prop:value=lat
                    on:input=move |ev| lat.set(event_target_value(&ev)) />
                <label for="point-lon">{t!(i18n, point_edit_lon)}</label>
                <input id="point-lon" type="text" inputmode="decimal" required prop:value=lon
                    on:input=move |ev| lon.set(event_target_value(&ev)) />
                <button type="button" class="secondary" on:click=here>{t!(i18n, point_edit_here)}</button>
                <p class="note">{t!(i18n, point_edit_drag)}</p>
                <PlacePicker lat lon />
            </fieldset>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <p role="status">{move || saved.get().then_some(t!(i18n, point_edit_saved))}</p>
            <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                {t!(i18n, shifts_save)}
            </button>
        </form>
        <p><a href=format!("/points/{}", id.0)>{t!(i18n, point_edit_public)}</a></p>
    }
}
