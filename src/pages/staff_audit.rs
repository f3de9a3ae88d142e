//! `/staff/audit`: the newest changes staff made, each as a sentence in China Standard
//! Time (who did what to which record), with the record before and after behind a
//! disclosure. Read-only: nobody can edit the log.

use crate::api;
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::loaded;
use crate::format::huli_time;
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::labels;
use chrono::{DateTime, Utc};
use huli_contract::{AuditAction, AuditEntry};
use leptos::prelude::*;
use serde_json::Value;

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
            <ol class="audit-log" data-testid="audit-log">
                {entries.into_iter().map(|entry| view! { <AuditLine entry /> }).collect_view()}
            </ol>
        })}
    }
}

#[component]
fn AuditLine(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let at = huli_time(entry.at);
    let (before, after) = (shown_json(entry.before), shown_json(entry.after));
    let (who, action, subject) = (entry.display_name, entry.action, entry.subject);
    let said = move || sentence(locale(), &who, action, &subject);
    view! {
        <li class="audit-entry">
            <p><time datetime=entry.at.to_rfc3339()>{at}</time></p>
            <p class="audit-sentence">{said}</p>
            <details>
                <summary>{t!(i18n, audit_details)}</summary>
                <dl>
                    <dt>{t!(i18n, audit_account)}</dt><dd><code>{entry.login}</code></dd>
                    <dt>{t!(i18n, audit_before)}</dt><dd><code>{before}</code></dd>
                    <dt>{t!(i18n, audit_after)}</dt><dd><code>{after}</code></dd>
                </dl>
            </details>
        </li>
    }
}

/// "王协调员通过了服务时长：服务记录 #42" or "Wang approved served minutes: attendance record #42".
fn sentence(locale: Locale, who: &str, action: AuditAction, subject: &str) -> String {
    let done = labels::audit_action(locale, action);
    // A record is `kind/id`; an export names its file.
    let what = match subject.split_once('/') {
        Some((kind, id)) => format!(
            "{} #{id}",
            labels::audit_subject(locale, kind).unwrap_or(kind)
        ),
        None => subject.to_owned(),
    };
    match locale {
        Locale::zh | Locale::zh_Hant => format!("{who}{done}：{what}"),
        Locale::en => format!("{who} {done}: {what}"),
    }
}

/// The record as the log keeps it, with each moment in Huli's time rather than UTC.
fn shown_json(value: Option<Value>) -> String {
    fn in_huli_time(value: Value) -> Value {
        match value {
            Value::String(text) => match text.parse::<DateTime<Utc>>() {
                Ok(at) => Value::String(huli_time(at)),
                Err(_) => Value::String(text),
            },
            Value::Array(items) => Value::Array(items.into_iter().map(in_huli_time).collect()),
            Value::Object(fields) => Value::Object(
                fields
                    .into_iter()
                    .map(|(k, v)| (k, in_huli_time(v)))
                    .collect(),
            ),
            other => other,
        }
    }
    value.map_or_else(|| "—".to_owned(), |v| in_huli_time(v).to_string())
}
