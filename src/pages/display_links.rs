//! `/staff/display`: the points whose displays the account runs; `/staff/display/:id`:
//! one point's display links. A device at the point (a tablet at the desk) opens the
//! display through a link of its own, made here and shown once; revoking it stops the
//! device at its next request.

use crate::api;
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{WriteOutcome, loaded, problem_text};
use crate::format;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{DisplayLinkView, NewDisplayLink, PointId, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DisplayChooserPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, display_title).to_owned());
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    view! {
        <h1>{t!(i18n, display_title)}</h1>
        <StaffGate page=move |session| {
            let manages = session.account.role.may_manage();
            view! {
            <p>{t!(i18n, display_choose)}</p>
            {loaded(points, move |points| view! {
                <ul class="display-points">
                    {points.into_iter().map(|point| {
                        let name = point.name.clone();
                        view! {
                            <li>
                                <strong>{move || name.get(api::lang_of(i18n.get_locale())).to_owned()}</strong>
                                " "<a href=format!("/staff/display/{}", point.id.0)>{t!(i18n, display_links_nav)}</a>
                                " "<a href=format!("/staff/roster/{}", point.id.0)>{t!(i18n, roster_title)}</a>
                                {manages.then(|| view! {
                                    " "<a href=format!("/staff/points/{}", point.id.0)>{t!(i18n, point_edit_title)}</a>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            }
        } />
    }
}

#[component]
pub fn DisplayLinksPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, display_links_title).to_owned());
    view! {
        <h1>{t!(i18n, display_links_title)}</h1>
        <StaffGate page=|session| view! { <Links session /> } />
    }
}

#[component]
fn Links(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let point = params.read_untracked().get("id");
    let point = PointId(point.and_then(|id| id.parse().ok()).unwrap_or_default());
    let csrf = StoredValue::new(session.csrf_token);
    let links = LocalResource::new(move || api::display_links(point, i18n.get_locale_untracked()));
    let name = LocalResource::new(move || api::point(point, i18n.get_locale_untracked()));
    let label = RwSignal::new(String::new());
    let made = RwSignal::new(None::<NewDisplayLink>);
    let address = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let revoked = RwSignal::new(None::<Result<(), String>>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let typed = label.get_untracked();
            match api::create_display_link(point, &typed, &csrf.get_value(), locale).await {
                Ok(new) => {
                    problem.set(None);
                    label.set(String::new());
                    made.set(Some(new));
                    links.refetch();
                    // Shown once: focused and selected, ready to copy.
                    request_animation_frame(move || {
                        if let Some(field) = address.get_untracked() {
                            let _ = field.focus();
                            field.select();
                        }
                    });
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let revoke = Callback::new(move |link: i64| {
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let answer = api::revoke_display_link(point, link, &csrf.get_value(), locale).await;
            if answer.is_ok() {
                links.refetch();
            }
            revoked.set(Some(answer.map_err(|error| problem_text(i18n, error))));
        });
    });
    view! {
        {loaded(name, move |point| {
            view! { <h2>{move || point.point.name.get(api::lang_of(i18n.get_locale())).to_owned()}</h2> }
        })}
        <p>{t!(i18n, display_links_intro)}</p>
        <form class="staff-exports" on:submit=create data-testid="new-display-link">
            <label for="display-label">{t!(i18n, display_links_label)}</label>
            <input id="display-label" type="text" required maxlength="40"
                prop:value=label on:input=move |ev| label.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{t!(i18n, display_links_create)}</button>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </form>
        {move || made.get().map(|new| {
            let url = new.url.clone();
            view! {
                <section class="staff-exports" data-testid="display-link-made">
                    <label for="display-url">{t!(i18n, display_links_made)}</label>
                    <input id="display-url" type="text" readonly node_ref=address prop:value=new.url.clone() />
                    <a href=url target="_blank" rel="noopener">{t!(i18n, display_links_open)}</a>
                </section>
            }
        })}
        <h2>{t!(i18n, display_links_in_force)}</h2>
        {loaded(links, move |links| view! { <LinkList links revoke /> })}
        <WriteOutcome outcome=revoked>{t!(i18n, display_links_revoked)}</WriteOutcome>
    }
}

#[component]
fn LinkList(links: Vec<DisplayLinkView>, revoke: Callback<i64>) -> impl IntoView {
    let i18n = use_i18n();
    if links.is_empty() {
        return view! { <p>{t!(i18n, display_links_none)}</p> }.into_any();
    }
    view! {
        <ul class="display-links">
            {links.into_iter().map(|link| {
                let seen = link.last_seen_at.map(format::huli_time);
                view! {
                    <li data-testid="display-link" data-label=link.label.clone()>
                        <strong>{link.label.clone()}</strong>
                        <p>{t!(i18n, display_links_by, name = link.created_by.clone(), at = format::huli_time(link.created_at))}</p>
                        <p>{match seen {
                            Some(at) => t!(i18n, display_links_seen, at = at).into_any(),
                            None => t!(i18n, display_links_never_seen).into_any(),
                        }}</p>
                        <button type="button" class="secondary" on:click=move |_| revoke.run(link.id)>
                            {t!(i18n, display_links_revoke)}
                            <span class="visually-hidden">" "{link.label.clone()}</span>
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
