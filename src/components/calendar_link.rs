//! "Add to calendar": the shift's `.ics` file. WeChat's in-app browser downloads no
//! files, so there the link comes with how to open the page in the phone's browser.

use crate::api;
use crate::i18n::{t, use_i18n};
use huli_contract::ShiftId;
use leptos::prelude::*;

#[component]
pub fn CalendarLink(shift: ShiftId) -> impl IntoView {
    let i18n = use_i18n();
    let in_wechat = window()
        .navigator()
        .user_agent()
        .is_ok_and(|agent| agent.contains("MicroMessenger"));
    view! {
        <a href=move || api::shift_calendar_url(shift, i18n.get_locale()) download>{t!(i18n, add_to_calendar)}</a>
        {in_wechat.then(|| view! { <span class="note">{t!(i18n, calendar_in_wechat)}</span> })}
    }
}
