//! The programme's figures: for the whole district, or for one point, team or unit.

use crate::{Minutes, PointId, Problem, TeamId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Whose figures: the whole district, or one service point (the shifts held there), one
/// team (its volunteers' service) or one partner unit (the shifts it organises and
/// verifies).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    District,
    Point(PointId),
    Team(TeamId),
    Unit(i64),
}

/// The URL parameters that choose a [`Scope`]: none for the district, or exactly one.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ScopeQuery {
    /// A service point's id.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub point: Option<String>,
    /// A team's id.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub team: Option<String>,
    /// A partner unit's id.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub unit: Option<String>,
}

/// A positive id, or why not.
fn parse_id(raw: &str) -> Result<i64, Problem> {
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        Ok(_) => Err(Problem::OutOfRange {
            min: 1,
            max: i64::MAX,
        }),
        Err(_) => Err(Problem::NotAnInteger),
    }
}

impl ScopeQuery {
    /// A refusal names each parameter that is not an id, or each beyond the first.
    pub fn parse(&self) -> Result<Scope, Vec<(String, Problem)>> {
        let given = [
            (
                "point",
                &self.point,
                (|id| Scope::Point(PointId(id))) as fn(i64) -> Scope,
            ),
            ("team", &self.team, |id| Scope::Team(TeamId(id))),
            ("unit", &self.unit, Scope::Unit),
        ];
        let mut chosen = Vec::new();
        let mut errors = Vec::new();
        for (field, raw, scope) in given {
            let Some(raw) = raw else { continue };
            match parse_id(raw) {
                Ok(id) if chosen.is_empty() => chosen.push(scope(id)),
                Ok(_) => errors.push((field.to_owned(), Problem::OnlyOneScope)),
                Err(problem) => errors.push((field.to_owned(), problem)),
            }
        }
        match (errors.is_empty(), chosen.first()) {
            (false, _) => Err(errors),
            (true, Some(scope)) => Ok(*scope),
            (true, None) => Ok(Scope::District),
        }
    }

    /// The parameters for `scope`, as a query string without the `?` (empty for the
    /// district).
    pub fn query_string(scope: Scope) -> String {
        match scope {
            Scope::District => String::new(),
            Scope::Point(PointId(id)) => format!("point={id}"),
            Scope::Team(TeamId(id)) => format!("team={id}"),
            Scope::Unit(id) => format!("unit={id}"),
        }
    }
}

/// Hours and attendance for one scope. Only hours that the organising unit approved
/// count as verified.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub verified_minutes_this_year: Minutes,
    /// The twelve months up to now, for a figure that does not drop to zero each January.
    pub verified_minutes_last_12_months: Minutes,
    /// Served this year and waiting for the organising unit's review: not yet verified.
    #[serde(default)]
    pub pending_minutes_this_year: Minutes,
    /// Volunteers checked in at a point right now.
    #[serde(default)]
    pub on_duty_now: u32,
    /// Seconds served so far, inside their shifts, by those on duty now, at `as_of`. It
    /// grows by `on_duty_serving` every second until the next snapshot.
    #[serde(default)]
    pub on_duty_seconds: u64,
    /// Of those on duty, the ones whose shift has started: time before the start does
    /// not count, so only theirs is running. A shift that starts shows in the next
    /// snapshot, within a minute.
    #[serde(default)]
    pub on_duty_serving: u32,
    /// Verified minutes of each month of the year so far: January first, the current
    /// month last.
    #[serde(default)]
    pub verified_minutes_by_month: Vec<Minutes>,
}

impl Figures {
    /// Whether `other` differs in more than the running time on duty, which clients
    /// advance by themselves between snapshots.
    pub fn same_but_for_running_time(&self, other: &Figures) -> bool {
        let counts = |f: &Figures| Figures {
            on_duty_seconds: 0,
            ..f.clone()
        };
        counts(self) == counts(other)
    }
}

/// The figures for one scope, with the size of the programme around them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    /// The calendar year the `this_year` figures cover (China Standard Time).
    pub year: i32,
    #[serde(default)]
    pub scope: Scope,
    #[serde(flatten)]
    pub figures: Figures,
    /// The whole programme's size, whatever the scope.
    pub service_points: u32,
    pub partner_units: u32,
    pub teams: u32,
    pub volunteers: u32,
    pub as_of: DateTime<Utc>,
}

/// One scope's figures in a [`Breakdown`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScopedFigures {
    pub scope: Scope,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The figures of every point, team and partner unit at once, for the staff and for
/// tables that compare them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    pub year: i32,
    pub points: Vec<ScopedFigures>,
    pub teams: Vec<ScopedFigures>,
    pub units: Vec<ScopedFigures>,
    pub as_of: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_parameter_is_the_district_and_one_chooses_its_scope() {
        assert_eq!(ScopeQuery::default().parse(), Ok(Scope::District));
        let team = ScopeQuery {
            team: Some("7".into()),
            ..ScopeQuery::default()
        };
        assert_eq!(team.parse(), Ok(Scope::Team(TeamId(7))));
        assert_eq!(ScopeQuery::query_string(Scope::Team(TeamId(7))), "team=7");
    }

    #[test]
    fn two_scopes_at_once_are_refused_naming_the_extra_one() {
        let both = ScopeQuery {
            point: Some("1".into()),
            unit: Some("2".into()),
            ..ScopeQuery::default()
        };
        let errors = both.parse().unwrap_err();
        assert_eq!(errors, vec![("unit".to_owned(), Problem::OnlyOneScope)]);
        let not_an_id = ScopeQuery {
            team: Some("x".into()),
            ..ScopeQuery::default()
        };
        assert_eq!(
            not_an_id.parse(),
            Err(vec![("team".to_owned(), Problem::NotAnInteger)])
        );
    }

    #[test]
    fn the_scope_and_figures_keep_their_flat_json_shape() {
        let stats = Stats {
            year: 2026,
            scope: Scope::Point(PointId(3)),
            figures: Figures {
                verified_minutes_this_year: Minutes(90),
                ..Figures::default()
            },
            service_points: 30,
            partner_units: 46,
            teams: 163,
            volunteers: 8520,
            as_of: DateTime::UNIX_EPOCH,
        };
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["scope"], serde_json::json!({"point": 3}));
        assert_eq!(json["verified_minutes_this_year"], 90);
        assert_eq!(serde_json::from_value::<Stats>(json).unwrap(), stats);
    }
}
