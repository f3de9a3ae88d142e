//! Adding the tally up: the figures of the district and of every point, team and
//! partner unit, computed together so that one snapshot serves every scope.

use crate::storage::{CountingPeriod, Served, Tally, TallyGroup};
use chrono::{DateTime, Datelike, Utc};
use huli_contract::{
    Breakdown, Figures, Minutes, Scope, ScopedFigures, Stats, china_standard_time,
};
use std::collections::BTreeMap;

/// Every scope's figures at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct AllFigures {
    year: i32,
    as_of: DateTime<Utc>,
    district: Figures,
    scoped: BTreeMap<Scope, Figures>,
    service_points: u32,
    partner_units: u32,
    teams: u32,
    volunteers: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl AllFigures {
    /// Adds up the approved minutes (read less often, see
    /// [`crate::storage::Store::approved_tally`]) and
    /// the current tally.
    pub fn add_up(approved: &[TallyGroup], current: &Tally, period: CountingPeriod) -> AllFigures {
        let local_now = period.now.with_timezone(&china_standard_time());
        let months_so_far = local_now.month() as usize;
        let empty = Figures {
            verified_minutes_by_month: vec![Minutes(0); months_so_far],
            ..Figures::default()
        };
        let scopes = (current.points.iter().map(|&id| Scope::Point(id)))
            .chain(current.teams.iter().map(|&id| Scope::Team(id)))
            .chain(current.units.iter().map(|&id| Scope::Unit(id)));
        let mut scoped: BTreeMap<Scope, Figures> =
            scopes.map(|scope| (scope, empty.clone())).collect();
        let mut district = empty;
        for group in approved.iter().chain(&current.groups) {
            add(&mut district, &group.served);
            // An individual volunteer's hours count for the point and the unit only.
            let its_scopes = [
                Some(Scope::Point(group.point)),
                group.team.map(Scope::Team),
                Some(Scope::Unit(group.unit)),
            ];
            for scope in its_scopes.into_iter().flatten() {
                if let Some(figures) = scoped.get_mut(&scope) {
                    add(figures, &group.served);
                }
            }
        }
        AllFigures {
            year: local_now.year(),
            as_of: period.now,
            district,
            scoped,
            service_points: count(current.points.len()),
            partner_units: count(current.units.len()),
            teams: count(current.teams.len()),
            volunteers: current.volunteers,
        }
    }

    /// One scope's figures; `None` for a point, team or unit that does not exist.
    pub fn stats(&self, scope: Scope) -> Option<Stats> {
        let figures = match scope {
            Scope::District => &self.district,
            _ => self.scoped.get(&scope)?,
        };
        Some(Stats {
            year: self.year,
            scope,
            figures: figures.clone(),
            service_points: self.service_points,
            partner_units: self.partner_units,
            teams: self.teams,
            volunteers: self.volunteers,
            as_of: self.as_of,
        })
    }

    pub fn breakdown(&self) -> Breakdown {
        let of = |wanted: fn(&Scope) -> bool| {
            self.scoped
                .iter()
                .filter(|(scope, _)| wanted(scope))
                .map(|(&scope, figures)| ScopedFigures {
                    scope,
                    figures: figures.clone(),
                })
                .collect()
        };
        Breakdown {
            year: self.year,
            points: of(|scope| matches!(scope, Scope::Point(_))),
            teams: of(|scope| matches!(scope, Scope::Team(_))),
            units: of(|scope| matches!(scope, Scope::Unit(_))),
            as_of: self.as_of,
        }
    }

    /// Whether two snapshots differ in anything but the moment they were taken and the
    /// running time on duty (which clients advance by themselves).
    pub fn same_figures(&self, other: &AllFigures) -> bool {
        let sizes = |f: &AllFigures| {
            (
                f.year,
                f.service_points,
                f.partner_units,
                f.teams,
                f.volunteers,
            )
        };
        sizes(self) == sizes(other)
            && self.district.same_but_for_running_time(&other.district)
            && self.scoped.len() == other.scoped.len()
            && (self.scoped.iter().zip(&other.scoped)).all(
                |((scope, mine), (other_scope, theirs))| {
                    scope == other_scope && mine.same_but_for_running_time(theirs)
                },
            )
    }
}

fn add(figures: &mut Figures, served: &Served) {
    figures.verified_minutes_this_year =
        figures.verified_minutes_this_year + served.approved_this_year;
    figures.verified_minutes_last_12_months =
        figures.verified_minutes_last_12_months + served.approved_last_12_months;
    figures.pending_minutes_this_year =
        figures.pending_minutes_this_year + served.pending_this_year;
    figures.on_duty_now += served.on_duty;
    figures.on_duty_seconds += served.on_duty_seconds;
    figures.on_duty_serving += served.on_duty_serving;
    let month = served.month.and_then(|m| (m as usize).checked_sub(1));
    if let Some(slot) = month.and_then(|m| figures.verified_minutes_by_month.get_mut(m)) {
        *slot = *slot + served.approved_this_year;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use huli_contract::{PointId, TeamId};

    #[test]
    fn each_group_counts_for_the_district_and_its_point_team_and_unit() {
        // 15 March, China Standard Time.
        let now = Utc.with_ymd_and_hms(2026, 3, 15, 4, 0, 0).unwrap();
        let tally = Tally {
            groups: vec![
                TallyGroup::new(
                    1,
                    Some(10),
                    100,
                    Served {
                        month: Some(1),
                        approved_this_year: Minutes(120),
                        approved_last_12_months: Minutes(120),
                        ..Served::default()
                    },
                ),
                TallyGroup::new(
                    2,
                    Some(10),
                    200,
                    Served {
                        month: Some(3),
                        approved_this_year: Minutes(60),
                        approved_last_12_months: Minutes(60),
                        pending_this_year: Minutes(45),
                        ..Served::default()
                    },
                ),
                TallyGroup::new(
                    2,
                    Some(11),
                    200,
                    Served {
                        approved_last_12_months: Minutes(30),
                        ..Served::default()
                    },
                ),
                // Individual volunteers: no team.
                TallyGroup::new(
                    1,
                    None,
                    100,
                    Served {
                        on_duty: 2,
                        on_duty_seconds: 600,
                        on_duty_serving: 1,
                        ..Served::default()
                    },
                ),
            ],
            points: vec![PointId(1), PointId(2), PointId(3)],
            teams: vec![TeamId(10), TeamId(11)],
            units: vec![100, 200],
            volunteers: 4,
        };
        let all = AllFigures::add_up(&[], &tally, CountingPeriod::ending_at(now));

        let district = all.stats(Scope::District).unwrap();
        assert_eq!(district.year, 2026);
        assert_eq!(district.figures.verified_minutes_this_year, Minutes(180));
        assert_eq!(
            district.figures.verified_minutes_last_12_months,
            Minutes(210)
        );
        assert_eq!(district.figures.pending_minutes_this_year, Minutes(45));
        assert_eq!(district.figures.on_duty_now, 2);
        assert_eq!(district.figures.on_duty_seconds, 600);
        assert_eq!(district.figures.on_duty_serving, 1);
        assert_eq!(
            district.figures.verified_minutes_by_month,
            vec![Minutes(120), Minutes(0), Minutes(60)],
            "January to March"
        );
        assert_eq!(
            (
                district.service_points,
                district.teams,
                district.partner_units
            ),
            (3, 2, 2)
        );

        let team = all.stats(Scope::Team(TeamId(10))).unwrap().figures;
        assert_eq!(team.verified_minutes_this_year, Minutes(180));
        assert_eq!(team.on_duty_now, 0);
        let individuals_not_a_team = all.stats(Scope::Team(TeamId(11))).unwrap().figures;
        assert_eq!(individuals_not_a_team.on_duty_now, 0);
        let point = all.stats(Scope::Point(PointId(1))).unwrap().figures;
        assert_eq!(point.verified_minutes_this_year, Minutes(120));
        assert_eq!(point.on_duty_now, 2);
        let unit = all.stats(Scope::Unit(200)).unwrap().figures;
        assert_eq!(unit.pending_minutes_this_year, Minutes(45));
        assert_eq!(
            all.stats(Scope::Point(PointId(3))).unwrap().figures,
            Figures {
                verified_minutes_by_month: vec![Minutes(0); 3],
                ..Figures::default()
            },
            "a point without attendance has zero figures"
        );
        assert_eq!(all.stats(Scope::Point(PointId(4))), None);

        let breakdown = all.breakdown();
        assert_eq!(
            (
                breakdown.points.len(),
                breakdown.teams.len(),
                breakdown.units.len()
            ),
            (3, 2, 2)
        );
    }
}
