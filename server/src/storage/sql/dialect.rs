//! The few places where SQLite and PostgreSQL spell the same thing differently. Every
//! other statement of this backend is written once, in the SQL both understand, and
//! reaches either database through sqlx's `Any` driver.

use sqlx::AnyConnection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    pub(super) fn of(connection: &AnyConnection) -> Self {
        if connection.backend_name() == "PostgreSQL" {
            Dialect::Postgres
        } else {
            Dialect::Sqlite
        }
    }

    /// The larger of two values (SQLite's two-argument `MAX`).
    pub(super) fn greatest(self) -> &'static str {
        match self {
            Dialect::Sqlite => "MAX",
            Dialect::Postgres => "GREATEST",
        }
    }

    /// The smaller of two values.
    pub(super) fn least(self) -> &'static str {
        match self {
            Dialect::Sqlite => "MIN",
            Dialect::Postgres => "LEAST",
        }
    }

    /// The calendar month (1 to 12, in UTC) of `seconds`, Unix seconds.
    pub(super) fn month_of(self, seconds: &str) -> String {
        match self {
            Dialect::Sqlite => format!("CAST(strftime('%m', {seconds}, 'unixepoch') AS BIGINT)"),
            Dialect::Postgres => format!(
                "CAST(EXTRACT(MONTH FROM to_timestamp({seconds}) AT TIME ZONE 'UTC') AS BIGINT)"
            ),
        }
    }

    /// Whether `needle` occurs in `haystack`, taken literally (no `LIKE` wildcards).
    pub(super) fn contains(self, haystack: &str, needle: &str) -> String {
        match self {
            Dialect::Sqlite => format!("instr({haystack}, {needle}) > 0"),
            Dialect::Postgres => format!("strpos({haystack}, {needle}) > 0"),
        }
    }
}
