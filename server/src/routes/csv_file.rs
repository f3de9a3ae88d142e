//! CSV files that Excel and WPS open correctly: UTF-8 with a byte order mark, CRLF line
//! ends, every cell safe from being run as a formula.

use crate::error::AppError;
use crate::traditional::reading_of;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_contract::{Lang, Minutes};

/// Excel reads a CSV file as the system's legacy code page unless it starts with this.
const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// The language of the headers: `?lang=`, else `Accept-Language`, else Chinese.
pub fn export_lang(asked: Option<Lang>, headers: &HeaderMap) -> Lang {
    asked.unwrap_or_else(|| reading_of(headers).lang())
}

/// A CSV file being written. Rows may differ in length, so that one file can hold
/// several tables one after another, each under its own header.
pub struct CsvFile(csv::Writer<Vec<u8>>);

fn failed(error: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("writing CSV: {error}"))
}

impl CsvFile {
    pub fn new() -> Self {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(BYTE_ORDER_MARK.to_vec());
        CsvFile(writer)
    }

    /// A header row, written as it is.
    pub fn header(&mut self, names: &[&str]) -> Result<(), AppError> {
        self.0.write_record(names).map_err(failed)
    }

    pub fn row(&mut self, cells: Vec<String>) -> Result<(), AppError> {
        (self.0)
            .write_record(cells.into_iter().map(spreadsheet_safe))
            .map_err(failed)
    }

    /// An empty line between two tables.
    pub fn gap(&mut self) -> Result<(), AppError> {
        self.0.write_record([""]).map_err(failed)
    }

    pub fn into_bytes(self) -> Result<Vec<u8>, AppError> {
        self.0.into_inner().map_err(failed)
    }
}

/// One table: `header`, then `rows`.
pub fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut file = CsvFile::new();
    file.header(header)?;
    for row in rows {
        file.row(row)?;
    }
    file.into_bytes()
}

/// A cell a spreadsheet shows as text, never runs: a name such as `=HYPERLINK(…)`
/// would otherwise become a formula in the exporting administrator's Excel.
fn spreadsheet_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The file, to be saved rather than shown, and never cached: it holds personal data.
pub fn csv_response(file_name: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Hours with two decimals, as a spreadsheet sums them.
pub fn decimal_hours(minutes: Minutes) -> String {
    format!("{:.2}", minutes.0 as f64 / 60.0)
}
