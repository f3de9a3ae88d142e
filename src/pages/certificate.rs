//! `/staff/certificates/:number`: a volunteer-service certificate as issued, laid out
//! to print on one A4 page: who served, their volunteer number, what service, where,
//! for whom and how many verified hours, under its number.

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::service_record::StarLevel;
use crate::components::staff_gate::StaffGate;
use crate::components::status::loaded;
use crate::format;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::ServiceCertificate;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CertificatePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, certificate_title).to_owned());
    view! { <StaffGate page=|_| view! { <Certificate /> } /> }
}

#[component]
fn Certificate() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let certificate = LocalResource::new(move || {
        let number = params.read().get("number");
        let locale = i18n.get_locale_untracked();
        async move {
            match number {
                Some(number) => api::certificate(&number, locale).await,
                None => Err(ApiError::NotFound),
            }
        }
    });
    loaded(certificate, |certificate| view! { <Sheet certificate /> })
}

#[component]
fn Sheet(certificate: ServiceCertificate) -> impl IntoView {
    let i18n = use_i18n();
    let print = |_| {
        let _ = window().print();
    };
    let c = StoredValue::new(certificate);
    let text = move |pick: fn(&ServiceCertificate) -> &huli_contract::LocalizedText| {
        c.with_value(|c| pick(c).get(api::lang_of(i18n.get_locale())).to_owned())
    };
    let day = move |d| format::long_day(i18n.get_locale(), d);
    let days = move |first, last| {
        if first == last {
            day(first)
        } else {
            format!("{} – {}", day(first), day(last))
        }
    };
    let rows = move || {
        c.with_value(|c| c.entries.clone())
            .into_iter()
            .map(|entry| {
                let lang = api::lang_of(i18n.get_locale());
                view! {
                    <tr>
                        <td>{days(entry.first_day, entry.last_day)}</td>
                        <td>{labels::duty(i18n.get_locale(), entry.duty)}" · "{entry.point.get(lang).to_owned()}</td>
                        <td>{entry.organiser.get(lang).to_owned()}</td>
                        <td class="number">{entry.shifts}</td>
                        <td class="number">{format::decimal_hours(i18n.get_locale(), entry.minutes)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let issuer = move || {
        c.with_value(|c| c.issuing_unit.clone())
            .map(|unit| unit.get(api::lang_of(i18n.get_locale())).to_owned())
            .unwrap_or_else(|| t_string!(i18n, certificate_district).to_owned())
    };
    view! {
        <p class="no-print">
            <button type="button" class="primary" on:click=print>{t!(i18n, certificate_print)}</button>
        </p>
        <article class="certificate" data-testid="certificate">
            <h1>{t!(i18n, certificate_heading)}</h1>
            <p class="certificate-number">{t!(i18n, certificate_number)}" "{c.with_value(|c| c.number.to_string())}</p>
            <dl>
                <dt>{t!(i18n, certificate_name)}</dt><dd>{move || match c.with_value(|c| c.volunteer_name.clone()) {
                    Some(name) => name.into_any(),
                    None => t!(i18n, certificate_holder_erased).into_any(),
                }}</dd>
                <dt>{t!(i18n, certificate_volunteer_number)}</dt><dd>{c.with_value(|c| c.volunteer_number.to_string())}</dd>
                <dt>{t!(i18n, certificate_team)}</dt><dd>{move || text(|c| &c.team)}</dd>
                <dt>{t!(i18n, certificate_period)}</dt>
                <dd>{move || c.with_value(|c| days(c.period.first(), c.period.last()))}</dd>
                {c.with_value(|c| c.star_level).map(|stars| view! {
                    <dt>{t!(i18n, certificate_star_level)}</dt>
                    <dd data-testid="certificate-stars"><StarLevel stars /></dd>
                })}
            </dl>
            <table>
                <caption>{t!(i18n, certificate_service)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, certificate_dates)}</th>
                    <th scope="col">{t!(i18n, certificate_content)}</th>
                    <th scope="col">{t!(i18n, certificate_organiser)}</th>
                    <th scope="col">{t!(i18n, certificate_shifts)}</th>
                    <th scope="col">{t!(i18n, certificate_hours)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr>
                    <th scope="row" colspan="4">{t!(i18n, certificate_total)}</th>
                    <td class="number" data-testid="certificate-total">
                        {move || format::decimal_hours(i18n.get_locale(), c.with_value(|c| c.total_minutes))}
                    </td>
                </tr></tfoot>
            </table>
            <p>{t!(i18n, certificate_statement)}</p>
            <p class="certificate-issuer">{issuer}</p>
            <p>{t!(i18n, certificate_issued_by)}" "{c.with_value(|c| c.issued_by.clone())}" · "
                {move || day(c.with_value(|c| c.issued_at.with_timezone(&huli_contract::china_standard_time()).date_naive()))}</p>
        </article>
    }
}
