//! What went wrong with a request, said in the user's language.
//!
//! These messages live here, not in the app's translation files, because the server
//! writes them into 4xx responses and the browser shows the same text when it checks a
//! form before sending it.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// The kind of failure, stable for programs to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request could not be read: malformed JSON, a path or query that does not parse.
    BadRequest,
    /// The request was read, but one or more fields are not acceptable.
    ValidationFailed,
    NotFound,
    /// Something failed on our side; details are in the server log, never in the response.
    Internal,
}

impl ErrorCode {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ErrorCode::BadRequest, Lang::Zh) => "请求格式有误。",
            (ErrorCode::BadRequest, Lang::En) => "The request could not be read.",
            (ErrorCode::ValidationFailed, Lang::Zh) => "部分内容需要修改。",
            (ErrorCode::ValidationFailed, Lang::En) => "Some fields need to be corrected.",
            (ErrorCode::NotFound, Lang::Zh) => "没有找到所请求的内容。",
            (ErrorCode::NotFound, Lang::En) => "Nothing was found here.",
            (ErrorCode::Internal, Lang::Zh) => "服务暂时出现问题,请稍后再试。",
            (ErrorCode::Internal, Lang::En) => {
                "Something went wrong on our side. Please try again later."
            }
        }
    }
}

/// Why one field was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    NotAnInteger,
    OutOfRange { min: i64, max: i64 },
    OneOf { allowed: Vec<String> },
    InvalidPhone,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Required, Lang::Zh) => "此项为必填项。".into(),
            (Problem::Required, Lang::En) => "This field is required.".into(),
            (Problem::NotAnInteger, Lang::Zh) => "请?zhí)顚懻麛?shù)。".into(),
            (Problem::NotAnInteger, Lang::En) => "Enter a whole number.".into(),
            (Problem::OutOfRange { min, max }, Lang::Zh) => {
                format!("请?zhí)顚?{min} 到 {max} 之间的数。")
            }
            (Problem::OutOfRange { min, max }, Lang::En) => {
                format!("Enter a number from {min} to {max}.")
            }
            (Problem::OneOf { allowed }, Lang::Zh) => {
                format!("请从以下选项中选择:{}。", allowed.join("、"))
            }
            (Problem::OneOf { allowed }, Lang::En) => {
                format!("Choose one of: {}.", allowed.join(", "))
            }
            (Problem::InvalidPhone, Lang::Zh) => {
                "请?zhí)顚?11 位中国大陆手机号码,如 138 1234 5678。".into()
            }
            (Problem::InvalidPhone, Lang::En) => {
                "Enter an 11-digit mainland China mobile number, such as 138 1234 5678.".into()
            }
        }
    }
}

/// One refused field and the reason, ready to show next to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as the request spelled it (a JSON key, a path or query parameter).
    pub field: String,
    pub problem: Problem,
    pub message: String,
}

/// The body of every 4xx and 5xx JSON response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_speaks_both_languages() {
        let problems = [
            Problem::Required,
            Problem::NotAnInteger,
            Problem::OutOfRange { min: 1, max: 30 },
            Problem::OneOf {
                allowed: vec!["park".into(), "square".into()],
            },
            Problem::InvalidPhone,
        ];
        for problem in problems {
            let zh = problem.message(Lang::Zh);
            let en = problem.message(Lang::En);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii() && !en.is_empty(), "{en}");
        }
        assert_eq!(
            Problem::OutOfRange {
                min: 2000,
                max: 2100
            }
            .message(Lang::En),
            "Enter a number from 2000 to 2100."
        );
    }
}
