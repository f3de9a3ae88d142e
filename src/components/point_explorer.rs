//! The map and the list of the points side by side (stacked on phones), under one set
//! of filters that lives in the URL. An embedded map may show the map alone.

use crate::browser;
use crate::components::point_filters::{Locating, PointFilters};
use crate::components::point_list::PointList;
use crate::components::point_map::PointMap;
use crate::components::point_sheet::PointSheet;
use crate::format::huli_time_now;
use crate::i18n::{t, use_i18n};
use crate::point_filter::PointFilter;
use crate::url_query::{Step, UrlQuery};
use huli_contract::{Coordinate, PointId, PointSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PointExplorer(
    points: Vec<PointSummary>,
    /// The map without the filters and the list, for a compact embedded map.
    #[prop(optional)]
    map_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = points.len();
    let points = StoredValue::new(points);
    let url = UrlQuery::new();
    let filter = Memo::new(move |_| url.params().with(PointFilter::from_query));
    // Keeps the page's other parameters (an embed's language or colour).
    let set_filter = Callback::new(move |(next, step): (PointFilter, Step)| {
        url.update(step, |params| next.write_into(params));
    });

    let (position, set_position) = signal(None::<Coordinate>);
    let (locating, set_locating) = signal(Locating::Idle);
    // `then_to_results`: when the visitor asked for it here, the page moves on to the
    // results once they are in order.
    let find_position = move |then_to_results: bool| {
        set_locating.set(Locating::Busy);
        spawn_local(async move {
            match browser::locate().await {
                Ok(here) => {
                    set_position.set(Some(here));
                    set_locating.set(Locating::Found);
                    if then_to_results {
                        // The list's heading: this brings the results into view.
                        browser::focus_soon("points-heading");
                    }
                }
                Err(error) => set_locating.set(Locating::Failed(error)),
            }
        });
    };
    // A shared or restored link that asks for "nearest to me" asks for the position,
    // once the page is in the browser.
    Effect::new(move || {
        if filter.get_untracked().near_me {
            find_position(false);
        }
    });
    let on_near_me = Callback::new(move |()| {
        let mut next = filter.get_untracked();
        next.near_me = !next.near_me;
        if next.near_me {
            find_position(true);
        } else {
            set_locating.set(Locating::Idle);
        }
        set_filter.run((next, Step::Add));
    });

    let shown = Memo::new(move |_| {
        let filter = filter.get();
        points.with_value(|points| filter.apply(points, huli_time_now(), position.get()))
    });
    let selected = Memo::new(move |_| filter.with(|f| f.selected));
    let select = Callback::new(move |id: PointId| {
        let mut next = filter.get_untracked();
        next.selected = Some(id);
        set_filter.run((next, Step::Add));
    });
    let close_sheet = Callback::new(move |()| {
        let mut next = filter.get_untracked();
        next.selected = None;
        set_filter.run((next, Step::Add));
    });
    let selected_point = move || {
        let id = selected.get()?;
        points.with_value(|points| points.iter().find(|p| p.id == id).cloned())
    };
    let skip_to_list = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        // At once: the heading is there, and the next Tab must start from it.
        browser::focus_by_id("points-heading");
    };
    let marked_position =
        Signal::derive(move || filter.with(|f| f.near_me).then(|| position.get()).flatten());

    let sheet =
        move || selected_point().map(|point| view! { <PointSheet point on_close=close_sheet /> });
    if map_only {
        return view! {
            <div class="explorer map-only">
                <PointMap shown selected on_select=select />
                {sheet}
            </div>
        }
        .into_any();
    }
    view! {
        <PointFilters
            filter
            set_filter
            locating
            on_near_me
            shown=Signal::derive(move || shown.with(Vec::len))
            total
        />
        <div class="explorer">
            <a class="skip-inline" href="#points-heading" on:click=skip_to_list>{t!(i18n, skip_to_list)}</a>
            <PointMap shown selected on_select=select position=marked_position />
            {sheet}
            <section class="list-pane" aria-labelledby="points-heading">
                <h2 id="points-heading" tabindex="-1">{t!(i18n, points_heading)}</h2>
                <PointList shown />
            </section>
        </div>
    }
    .into_any()
}
