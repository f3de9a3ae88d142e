//! `/api/staff/exports/*.csv`: volunteers, and verified hours by volunteer, team or
//! unit for a period, as CSV that Excel and WPS open correctly (see `csv_file`), with
//! headers in the requested language. Every export is noted in
//! the audit log, as it carries personal information out of the system.

use super::extract::Staff;
use super::records::unit_scope_or_refuse;
use crate::AppState;
use crate::error::AppError;
use crate::routes::csv_file::{csv_bytes, csv_response, decimal_hours, export_lang};
use crate::routes::extract::ApiQuery;
use crate::services::records;
use crate::storage::HoursSubject;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use huli_contract::{HoursGrouping, Lang, Period, Problem, StaffRole};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(volunteers))
        .routes(routes!(hours_export))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct VolunteersQuery {
    /// The headers' language: `zh` or `en`; without it, `Accept-Language` decides.
    lang: Option<Lang>,
}

/// Every volunteer the account sees, with their verified hours (a coordinator: its
/// unit's). Phone numbers are whole for administrators, who contact volunteers for
/// the district, and masked for everyone else.
#[utoipa::path(
    get,
    path = "/api/staff/exports/volunteers.csv",
    tag = "staff",
    params(VolunteersQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "UTF-8 CSV with a byte order mark", content_type = "text/csv", body = String),
        (status = 403, description = "A point leader's account", body = huli_contract::ApiErrorBody),
    )
)]
async fn volunteers(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<VolunteersQuery>,
) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let lang = export_lang(query.lang, &headers);
    let whole_phone = staff.account.role == StaffRole::Administrator;
    let header = volunteers_header(lang);
    let rows = (state.store.volunteers_for_export(scope).await?)
        .into_iter()
        .map(|v| {
            let phone = if whole_phone {
                v.phone.as_str().to_owned()
            } else {
                v.phone.masked()
            };
            let registered = v
                .registered_at
                .with_timezone(&huli_contract::china_standard_time());
            vec![
                v.number.to_string(),
                v.name,
                phone,
                v.team.get(lang).to_owned(),
                registered.format("%Y-%m-%d").to_string(),
                decimal_hours(v.verified_minutes),
            ]
        })
        .collect();
    let bytes = csv_bytes(header, rows)?;
    records::log_export(
        &*state.store,
        &staff.account,
        "volunteers.csv",
        state.clock.now(),
    )
    .await?;
    Ok(csv_response("huli-volunteers.csv", bytes))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct HoursQuery {
    /// `volunteer`, `team` or `unit`.
    #[param(required = true)]
    by: Option<HoursGrouping>,
    /// First day, YYYY-MM-DD (China Standard Time).
    #[param(value_type = NaiveDate, required = true)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD, included.
    #[param(value_type = NaiveDate, required = true)]
    to: Option<String>,
    /// The headers' language: `zh` or `en`.
    lang: Option<Lang>,
}

/// Verified hours of the shifts that started in the period, added up by volunteer,
/// team or organising unit. A coordinator's export covers its unit's shifts.
#[utoipa::path(
    get,
    path = "/api/staff/exports/hours.csv",
    tag = "staff",
    params(HoursQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "UTF-8 CSV with a byte order mark", content_type = "text/csv", body = String),
        (status = 400, description = "A missing or unreadable period or grouping", body = huli_contract::ApiErrorBody),
        (status = 422, description = "`to` is before `from`, or more than five years after", body = huli_contract::ApiErrorBody),
        (status = 403, description = "A point leader's account", body = huli_contract::ApiErrorBody),
    )
)]
async fn hours_export(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<HoursQuery>,
) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let lang = export_lang(query.lang, &headers);
    let by = (query.by).ok_or_else(|| AppError::bad_field("by", Problem::Required))?;
    let period = Period::parse(
        query.from.as_deref().unwrap_or_default(),
        query.to.as_deref().unwrap_or_default(),
    )
    .map_err(AppError::query)?;
    let lines = state.store.verified_hours(scope, by, period).await?;
    let header = hours_header(by, lang);
    let rows = lines
        .into_iter()
        .map(|line| {
            let mut row = match line.subject {
                HoursSubject::Volunteer { number, name, team } => {
                    let name = name.unwrap_or_else(|| erased(lang).to_owned());
                    vec![number.to_string(), name, team.get(lang).to_owned()]
                }
                HoursSubject::Team(name) | HoursSubject::Unit(name) => {
                    vec![name.get(lang).to_owned(), line.volunteers.to_string()]
                }
            };
            row.push(line.shifts.to_string());
            row.push(decimal_hours(line.minutes));
            row
        })
        .collect();
    let bytes = csv_bytes(header, rows)?;
    let what = format!(
        "hours.csv?by={by:?}&from={}&to={}",
        period.first(),
        period.last()
    );
    records::log_export(&*state.store, &staff.account, &what, state.clock.now()).await?;
    let file_name = format!("huli-hours-{}-{}.csv", period.first(), period.last());
    Ok(csv_response(&file_name, bytes))
}

/// In place of the name of a volunteer erased at their request.
fn erased(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（应本人要求已删除）",
        Lang::En => "(erased at their request)",
    }
}

/// The volunteers export's column names.
fn volunteers_header(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Zh => &[
            "志愿者编号",
            "姓名",
            "手机号码",
            "所属队伍",
            "注册日期",
            "已核实时长（小时）",
        ],
        Lang::En => &[
            "Volunteer number",
            "Name",
            "Mobile",
            "Team",
            "Registered on",
            "Verified hours",
        ],
    }
}

/// The hours export's column names, by what a line is about.
fn hours_header(by: HoursGrouping, lang: Lang) -> &'static [&'static str] {
    match (by, lang) {
        (HoursGrouping::Volunteer, Lang::Zh) => &[
            "志愿者编号",
            "姓名",
            "所属队伍",
            "服务次数",
            "已核实时长（小时）",
        ],
        (HoursGrouping::Volunteer, Lang::En) => &[
            "Volunteer number",
            "Name",
            "Team",
            "Shifts",
            "Verified hours",
        ],
        (HoursGrouping::Team, Lang::Zh) => {
            &["队伍", "志愿者人数", "服务次数", "已核实时长（小时）"]
        }
        (HoursGrouping::Team, Lang::En) => &["Team", "Volunteers", "Shifts", "Verified hours"],
        (HoursGrouping::Unit, Lang::Zh) => {
            &["组织单位", "志愿者人数", "服务次数", "已核实时长（小时）"]
        }
        (HoursGrouping::Unit, Lang::En) => {
            &["Organising unit", "Volunteers", "Shifts", "Verified hours"]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_name_uses_the_glossary_words() {
        use huli_contract::glossary::ruled_out_word;
        let groupings = [
            HoursGrouping::Volunteer,
            HoursGrouping::Team,
            HoursGrouping::Unit,
        ];
        for lang in [Lang::Zh, Lang::En] {
            let names = (groupings.iter().flat_map(|by| hours_header(*by, lang)))
                .chain(volunteers_header(lang));
            for name in names {
                assert_eq!(ruled_out_word(name, lang), None, "{name}");
            }
        }
    }
}
