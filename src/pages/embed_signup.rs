//! `/embed/signup/{point}`: one point's upcoming shifts for another site's page. Choosing
//! one registers the volunteer (once) and signs them up right there in the frame; the
//! personal link is kept in this browser's storage for our site, which works where the
//! embedding site's cookies would not.

use crate::api;
use crate::browser;
use crate::components::layout::set_title;
use crate::components::point_loader::PointLoader;
use crate::components::shift_item::ShiftItem;
use crate::components::signup_flow::SignupFlow;
use crate::i18n::{t, use_i18n};
use huli_contract::{PointDetail, ShiftId};
use leptos::prelude::*;

#[component]
pub fn EmbedSignupPage() -> impl IntoView {
    view! { <PointLoader render=|detail| view! { <PointSignup detail /> }.into_any() /> }
}

#[component]
fn PointSignup(detail: PointDetail) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let name = detail.point.name;
    let title_name = name.clone();
    set_title(move || title_name.get(lang()).to_owned());
    let chosen = RwSignal::new(None::<ShiftId>);
    let choose = Callback::new(move |id: ShiftId| {
        chosen.set(Some(id));
        // The sign-up below is what the choice opened: take the reader there.
        browser::focus_soon("chosen-shift-heading");
    });
    let shifts = detail.upcoming_shifts;
    view! {
        <h1 class="embed-heading">{move || name.get(lang()).to_owned()}</h1>
        <p>{t!(i18n, embed_signup_intro)}</p>
        {if shifts.is_empty() {
            view! { <p>{t!(i18n, no_upcoming_shifts)}</p> }.into_any()
        } else {
            view! {
                <ul class="shift-list" data-testid="shifts">
                    {shifts.into_iter().map(|shift| {
                        let id = shift.id;
                        view! { <ShiftItem shift on_choose=choose chosen=Signal::derive(move || chosen.get() == Some(id)) /> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <SignupFlow shift=chosen />
    }
}
