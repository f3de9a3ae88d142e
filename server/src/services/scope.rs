//! Which records each staff role reads: the rule the console's lists are filtered by.

use crate::storage::ShiftScope;
use huli_contract::StaffRole;

/// An administrator sees every shift; a coordinator those its unit organised (and the
/// audit entries about its unit); a point leader those at its point.
pub fn shifts_seen_by(role: StaffRole) -> ShiftScope {
    match role {
        StaffRole::Administrator => ShiftScope::default(),
        StaffRole::Coordinator { unit_id } => ShiftScope {
            unit: Some(unit_id),
            point: None,
        },
        StaffRole::PointLeader { point_id } => ShiftScope {
            unit: None,
            point: Some(point_id),
        },
    }
}
