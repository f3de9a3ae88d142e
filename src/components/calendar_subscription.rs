//! "My calendar" on `/me`: a subscription the phone's calendar keeps, so a shift
//! cancelled or a waitlist place confirmed shows there without any SMS, with reminders
//! the day before and two hours before. The address is shown once, when it is made
//! (only its hash is kept); the volunteer may make a new one, which stops the old, or
//! end the subscription.

use crate::api;
use crate::components::confirm_request::{ConfirmRequest, OnceRequest};
use crate::components::status::loaded;
use crate::format::{huli_day, long_day};
use crate::i18n::{t, use_i18n};
use chrono::{DateTime, Utc};
use huli_contract::{AccessKey, CalendarFeedStatus, NewCalendarFeed};
use leptos::prelude::*;

#[component]
pub fn CalendarSubscription(access: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let access = StoredValue::new(access);
    let status = LocalResource::new(move || {
        let key = access.get_value();
        async move { api::calendar_feed(&key, i18n.get_locale_untracked()).await }
    });
    view! {
        <section aria-labelledby="my-calendar-heading" data-testid="my-calendar">
            <h2 id="my-calendar-heading">{t!(i18n, calendar_feed.heading)}</h2>
            <p>{t!(i18n, calendar_feed.explain)}</p>
            {loaded(status, move |status: CalendarFeedStatus| view! {
                <Subscription access=access.get_value() since=status.since />
            })}
        </section>
    }
}

#[component]
fn Subscription(access: AccessKey, since: Option<DateTime<Utc>>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let since = RwSignal::new(since);
    let made = RwSignal::new(None::<NewCalendarFeed>);
    let key = StoredValue::new(access);
    let subscribe = OnceRequest::new(
        move |request_key: String| {
            let (key, locale) = (key.get_value(), i18n.get_locale_untracked());
            async move { api::subscribe_calendar(&key, &request_key, locale).await }
        },
        Callback::new(move |feed: NewCalendarFeed| {
            since.set(Some(feed.since));
            made.set(Some(feed));
            crate::browser::focus_soon("calendar-feed-made".to_owned());
        }),
    );
    let end = move |request_key: String| {
        let (key, locale) = (key.get_value(), i18n.get_locale_untracked());
        async move { api::end_calendar_feed(&key, &request_key, locale).await }
    };
    let ended = Callback::new(move |()| {
        since.set(None);
        made.set(None);
    });
    let in_wechat = window()
        .navigator()
        .user_agent()
        .is_ok_and(|agent| agent.contains("MicroMessenger"));
    let address = move || {
        made.get().map(|feed| view! {
            <div class="calendar-feed" id="calendar-feed-made" tabindex="-1" role="status">
                <p class="success">{t!(i18n, calendar_feed.made)}</p>
                <p class="actions"><a class="button primary" href=feed.webcal_url>{t!(i18n, calendar_feed.open_in_calendar)}</a></p>
                {in_wechat.then(|| view! { <p class="note">{t!(i18n, calendar_feed.in_wechat)}</p> })}
                <label for="calendar-feed-address">{t!(i18n, calendar_feed.address_label)}</label>
                <input id="calendar-feed-address" type="url" readonly value=feed.https_url
                    on:focus=|event| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    } />
                <p class="note">{t!(i18n, calendar_feed.keep_private)}</p>
            </div>
        })
    };
    let state = move || {
        match since.get() {
        None => view! {
            <p class="actions">
                <button type="button" class="primary" aria-disabled=move || subscribe.busy()
                    on:click=move |_| subscribe.send()>{t!(i18n, calendar_feed.subscribe)}</button>
            </p>
        }
        .into_any(),
        Some(at) => view! {
            <p data-testid="calendar-feed-since">{t!(i18n, calendar_feed.since, day = long_day(locale(), huli_day(at)))}</p>
            <p class="actions">
                <button type="button" class="secondary" aria-disabled=move || subscribe.busy()
                    on:click=move |_| subscribe.send()>{t!(i18n, calendar_feed.new_address)}</button>
            </p>
            <ConfirmRequest id="end-calendar-feed" label=move || t!(i18n, calendar_feed.end)
                question=move || t!(i18n, calendar_feed.end_question) yes=move || t!(i18n, calendar_feed.end_yes)
                no=move || t!(i18n, calendar_feed.keep) send=end on_done=ended />
        }
        .into_any(),
    }
    };
    view! {
        {address}
        {state}
        <div role="alert">{move || subscribe.problem(i18n)}</div>
    }
}
