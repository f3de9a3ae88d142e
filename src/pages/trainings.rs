//! `/trainings`: the training sessions that have not started, of every training or of
//! one (`?training=traffic_rules`, in the URL like the other filters), each with its
//! sign-up once the volunteer's link is saved here. A link to one session
//! (`#session-ID`, as from a duty refused for want of its training) takes the reader to it.

use crate::api;
use crate::browser;
use crate::components::layout::set_title;
use crate::components::site_link::SiteLink;
use crate::components::status::{LoadError, Loading};
use crate::components::training_session_item::{TrainingSessionItem, heading_id};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::latest_answer::LatestAnswer;
use crate::personal_link;
use crate::point_filter::{enum_name, enum_value};
use crate::url_query::{Step, UrlQuery};
use huli_contract::{AccessKey, Training, TrainingSessionView};
use leptos::prelude::*;

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    set_title(move || t_string!(i18n, sessions.title).to_owned());
    let url = UrlQuery::new();
    let query = url.params();
    let training = Memo::new(move |_| {
        query.with(|q| {
            q.get("training")
                .and_then(|name| enum_value::<Training>(&name))
        })
    });
    let sessions = LatestAnswer::new(move || {
        api::training_sessions(training.get(), i18n.get_locale_untracked())
    });
    let key = RwSignal::new(None);
    let in_browser = browser::read_browser_state(move || key.set(personal_link::saved()));
    let forget_key = Callback::new(move |()| {
        personal_link::forget();
        key.set(None);
    });
    let choose = move |ev: leptos::ev::Event| {
        let chosen = Some(event_target_value(&ev)).filter(|name| !name.is_empty());
        url.update(Step::Add, |params| match chosen {
            Some(name) => params.insert("training", name),
            None => {
                params.remove("training");
            }
        });
    };
    let options = move || {
        Training::ALL.map(|option| view! {
            <option value=enum_name(&option) selected=move || training.get() == Some(option)>
                {labels::training(locale(), option)}
            </option>
        }).to_vec()
    };
    view! {
        <h1>{t!(i18n, sessions.title)}</h1>
        <p class="intro">{t!(i18n, sessions.intro)}</p>
        <form class="point-filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="training-filter">{t!(i18n, sessions.training)}</label>
                <select id="training-filter" on:change=choose>
                    <option value="" selected=move || training.get().is_none()>{t!(i18n, filter_all)}</option>
                    {options}
                </select>
            </div>
        </form>
        {move || (in_browser.get() && key.with(Option::is_none)).then(|| view! {
            <div class="notice" data-testid="trainings-no-link">
                <p>{t!(i18n, sessions.no_link)}</p>
                <p class="actions">
                    <SiteLink href="/signup">{t!(i18n, me_register)}</SiteLink>
                    <SiteLink href="/me">{t!(i18n, me_paste_button)}</SiteLink>
                </p>
            </div>
        })}
        <section aria-labelledby="session-results-heading">
            <h2 id="session-results-heading">{t!(i18n, sessions.upcoming)}</h2>
            // Drawn by the browser only: the server cannot draw what waits (server_render.rs).
            {move || match (in_browser.get(), sessions.get()) {
                (false, _) | (true, None) => view! { <Loading /> }.into_any(),
                (true, Some(Err(error))) => {
                    view! { <LoadError error retry=move || sessions.ask_again() /> }.into_any()
                }
                (true, Some(Ok(list))) => {
                    view! { <SessionList sessions=list key on_key_rejected=forget_key /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SessionList(
    sessions: Vec<TrainingSessionView>,
    key: RwSignal<Option<AccessKey>>,
    on_key_rejected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    if sessions.is_empty() {
        return view! { <p class="no-match">{t!(i18n, sessions.none)}</p> }.into_any();
    }
    let linked = (window().location().hash().ok())
        .and_then(|hash| hash.strip_prefix("#session-")?.parse::<i64>().ok())
        .filter(|id| sessions.iter().any(|session| session.id.0 == *id));
    if let Some(id) = linked {
        browser::focus_soon(heading_id(id));
    }
    let count = sessions.len();
    view! {
        <p class="filter-status" role="status">{t!(i18n, sessions.count, count = count)}</p>
        <ul class="signup-list" data-testid="training-sessions">
            {sessions.into_iter().map(|session| view! {
                <TrainingSessionItem session key on_key_rejected />
            }).collect_view()}
        </ul>
    }
    .into_any()
}
