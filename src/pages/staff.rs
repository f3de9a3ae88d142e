//! `/staff`: the staff console. Sign in; then the counters the account answers for,
//! moving live, and the attendance waiting for its review.

use crate::api::{self, ApiError};
use crate::components::hours_summary::HoursSummary;
use crate::components::layout::set_title;
use crate::components::review_queue::ReviewQueue;
use crate::components::staff_sign_in::StaffSignIn;
use crate::components::status::{LoadError, Loading};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::live::live_stats;
use huli_contract::{Scope, StaffRole, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the page stands.
#[derive(Clone)]
enum Console {
    Checking,
    SignedOut,
    SignedIn(StaffSession),
    Failed(ApiError),
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, staff_title).to_owned());
    let console = RwSignal::new(Console::Checking);
    let check = move || {
        console.set(Console::Checking);
        spawn_local(async move {
            console.set(
                match api::staff_session(i18n.get_locale_untracked()).await {
                    Ok(session) => Console::SignedIn(session),
                    Err(ApiError::Unauthorized) => Console::SignedOut,
                    Err(error) => Console::Failed(error),
                },
            );
        });
    };
    check();
    view! {
        <h1>{t!(i18n, staff_title)}</h1>
        {move || match console.get() {
            Console::Checking => view! { <Loading /> }.into_any(),
            Console::SignedOut => view! {
                <StaffSignIn on_signed_in=move |session| console.set(Console::SignedIn(session)) />
            }.into_any(),
            Console::Failed(error) => view! { <LoadError error retry=move || check() /> }.into_any(),
            Console::SignedIn(session) => view! {
                <SignedIn session on_signed_out=move || console.set(Console::SignedOut) />
            }.into_any(),
        }}
    }
}

/// The scope whose counters an account answers for.
fn scope_of(role: StaffRole) -> Scope {
    match role {
        StaffRole::Administrator => Scope::District,
        StaffRole::Coordinator { unit_id } => Scope::Unit(unit_id),
        StaffRole::PointLeader { point_id } => Scope::Point(point_id),
    }
}

#[component]
fn SignedIn(session: StaffSession, #[prop(into)] on_signed_out: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let role = session.account.role;
    let scope = scope_of(role);
    let stats = LocalResource::new(move || api::stats(scope, i18n.get_locale_untracked()));
    let live = live_stats(scope);
    let csrf = session.csrf_token.clone();
    let sign_out = move |_| {
        let csrf = csrf.clone();
        spawn_local(async move {
            // Signed out here either way; the server forgets the session when it hears.
            let _ = api::staff_sign_out(&csrf, i18n.get_locale_untracked()).await;
            on_signed_out.run(());
        });
    };
    view! {
        <p class="staff-who" data-testid="staff-who">
            {t!(i18n, staff_signed_in_as, name = session.account.display_name.clone())}
            " · "{move || labels::staff_role(i18n.get_locale(), role)}
            " "<button type="button" class="secondary" on:click=sign_out>{t!(i18n, staff_sign_out)}</button>
        </p>
        <HoursSummary stats live />
        <ReviewQueue session />
    }
}
