//! `/staff/audit`: the newest changes staff made, as the audit log keeps them: who,
//! when, what, and the record before and after. Read-only: nobody can edit the log.

use crate::api;
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::loaded;
use crate::format::clock_time;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{AuditEntry, china_standard_time};
use leptos::prelude::*;

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, audit_title).to_owned());
    view! {
        <h1>{t!(i18n, audit_title)}</h1>
        <StaffGate page=|_| view! { <AuditLog /> } />
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let i18n = use_i18n();
    let entries = LocalResource::new(move || api::audit_log(i18n.get_locale_untracked()));
    view! {
        <p>{t!(i18n, audit_intro)}</p>
        {loaded(entries, move |entries: Vec<AuditEntry>| view! {
            <div class="table-scroll">
                <table class="audit-log" data-testid="audit-log">
                    <thead><tr>
                        <th scope="col">{t!(i18n, audit_when)}</th>
                        <th scope="col">{t!(i18n, audit_who)}</th>
                        <th scope="col">{t!(i18n, audit_what)}</th>
                        <th scope="col">{t!(i18n, audit_change)}</th>
                    </tr></thead>
                    <tbody>
                        {entries.into_iter().map(|entry| {
                            let at = entry.at.with_timezone(&china_standard_time());
                            let change = |value: Option<serde_json::Value>| {
                                value.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
                            };
                            view! {
                                <tr>
                                    <td>{at.format("%Y-%m-%d ").to_string()}{clock_time(at)}</td>
                                    <td>{entry.display_name}" ("{entry.login}")"</td>
                                    <td><code>{entry.action}</code>" "<code>{entry.subject}</code></td>
                                    <td><code>{change(entry.before)}</code>" → "<code>{change(entry.after)}</code></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
