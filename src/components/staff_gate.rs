//! Every staff page stands behind this: it asks who is signed in, offers the sign-in
//! form to nobody, has an administrator without two-step verification set it up first,
//! and shows the page to the account, with the console's navigation.

use crate::api::{self, ApiError};
use crate::components::second_factor_setup::SecondFactorSetup;
use crate::components::status::{LoadError, Loading};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{SecondFactorStatus, StaffRole, StaffSession};
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

/// `page` is the page for the signed-in account.
#[component]
pub fn StaffGate<F, V>(page: F) -> impl IntoView
where
    F: Fn(StaffSession) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
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
    move || {
        match console.get() {
        Console::Checking => view! { <Loading /> }.into_any(),
        Console::SignedOut => view! {
            <crate::components::staff_sign_in::StaffSignIn
                on_signed_in=move |session| console.set(Console::SignedIn(session)) />
        }
        .into_any(),
        Console::Failed(error) => view! { <LoadError error retry=move || check() /> }.into_any(),
        Console::SignedIn(session) if session.second_factor == SecondFactorStatus::Required => {
            let enrolled = StaffSession {
                second_factor: SecondFactorStatus::On,
                ..session.clone()
            };
            view! {
                <StaffBar session=session.clone() on_signed_out=move || console.set(Console::SignedOut) />
                <section class="staff-exports" data-testid="second-factor-required">
                    <h2>{t!(i18n, second_factor_heading)}</h2>
                    <p>{t!(i18n, second_factor_required)}</p>
                    <SecondFactorSetup csrf=session.csrf_token.clone()
                        on_done=move || console.set(Console::SignedIn(enrolled.clone())) />
                </section>
            }
            .into_any()
        }
        Console::SignedIn(session) => view! {
            <StaffBar session=session.clone() on_signed_out=move || console.set(Console::SignedOut) />
            {page.clone()(session)}
        }
        .into_any(),
    }
    }
}

/// Who is signed in, the way out, and the console's sections the role has.
#[component]
fn StaffBar(session: StaffSession, #[prop(into)] on_signed_out: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let role = session.account.role;
    let csrf = session.csrf_token.clone();
    let sign_out = move |_| {
        let csrf = csrf.clone();
        spawn_local(async move {
            // Signed out here either way; the server forgets the session when it hears.
            let _ = api::staff_sign_out(&csrf, i18n.get_locale_untracked()).await;
            let _ = on_signed_out.try_run(());
        });
    };
    let holds_records = role.unit_scope().is_some();
    // A leader goes straight to its point; others choose one.
    let own_point = match role {
        StaffRole::PointLeader { point_id } => Some(point_id.0),
        _ => None,
    };
    let display = own_point.map_or("/staff/display".to_owned(), |p| {
        format!("/staff/display/{p}")
    });
    view! {
        <p class="staff-who" data-testid="staff-who">
            {t!(i18n, staff_signed_in_as, name = session.account.display_name.clone())}
            " · "{move || labels::staff_role(i18n.get_locale(), role)}
            " "<button type="button" class="secondary" on:click=sign_out>{t!(i18n, staff_sign_out)}</button>
        </p>
        <nav class="staff-nav" aria-label=move || t_string!(i18n, staff_nav_label)>
            <a href="/staff">{t!(i18n, staff_nav_review)}</a>
            <Show when=move || holds_records>
                <a href="/staff/shifts">{t!(i18n, staff_nav_shifts)}</a>
                <a href="/staff/trainings">{t!(i18n, staff_nav_trainings)}</a>
                <a href="/staff/stories">{t!(i18n, staff_nav_stories)}</a>
                <a href="/staff/units">{t!(i18n, staff_nav_units)}</a>
                <a href="/staff/volunteers">{t!(i18n, staff_nav_volunteers)}</a>
                <a href="/staff/exports">{t!(i18n, staff_nav_exports)}</a>
            </Show>
            <a href=display.clone()>{t!(i18n, staff_nav_display)}</a>
            {own_point.map(|p| view! { <a href=format!("/staff/roster/{p}")>{t!(i18n, roster_title)}</a> })}
            <a href="/staff/audit">{t!(i18n, staff_nav_audit)}</a>
            <a href="/staff/embed">{t!(i18n, staff_nav_embed)}</a>
            {role.is_administrator().then(|| view! { <a href="/staff/accounts">{t!(i18n, staff_nav_accounts)}</a> })}
            <a href="/staff/account">{t!(i18n, staff_nav_account)}</a>
        </nav>
    }
}
