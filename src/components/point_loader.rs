//! Loads the point the route's `:id` names and shows it with `render`; says so if there
//! is no such point, and offers a retry if loading failed. The point page and an
//! embedded sign-up start this way.

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::status::{LoadError, Loading};
use crate::i18n::{t, t_string, use_i18n};
use crate::preloaded;
use huli_contract::{PointDetail, PointId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PointLoader(render: fn(PointDetail) -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        (params.read().get("id"))
            .and_then(|raw| raw.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .map(PointId)
    };
    // The point the server drew the page with, shown at once while the route names it.
    let first = StoredValue::new(untrack(id).and_then(preloaded::point));
    let first_for = move |id: Option<PointId>| {
        first.with_value(|first| first.clone().filter(|detail| Some(detail.point.id) == id))
    };
    let detail = LocalResource::new(move || {
        let (id, locale) = (id(), i18n.get_locale_untracked());
        let first = first_for(id);
        async move {
            match (first, id) {
                (Some(detail), _) => Ok(detail),
                (None, Some(id)) => api::point(id, locale).await,
                (None, None) => Err(ApiError::NotFound),
            }
        }
    });
    move || {
        match first_for(id()) {
        Some(detail) => render(detail),
        None => view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => render(detail),
                    Err(ApiError::NotFound) => {
                        set_title(move || t_string!(i18n, point_not_found).to_owned());
                        view! { <h1>{t!(i18n, point_not_found)}</h1> }.into_any()
                    }
                    Err(error) => view! { <LoadError error retry=move || detail.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
        }
        .into_any(),
    }
    }
}
