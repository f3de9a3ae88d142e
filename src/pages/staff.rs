//! `/staff`: the staff console's first page. Sign in; then the counters the account
//! answers for, moving live, and the attendance waiting for its review.

use crate::components::hours_summary::HoursSummary;
use crate::components::layout::set_title;
use crate::components::review_queue::ReviewQueue;
use crate::components::staff_gate::StaffGate;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{Scope, StaffRole, StaffSession};
use leptos::prelude::*;

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, staff_title).to_owned());
    view! {
        <h1>{t!(i18n, staff_title)}</h1>
        <StaffGate page=|session| view! { <Overview session /> } />
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
fn Overview(session: StaffSession) -> impl IntoView {
    let scope = scope_of(session.account.role);
    view! {
        <HoursSummary scope />
        <ReviewQueue session />
    }
}
