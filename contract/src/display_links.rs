//! The device at a service point shows its display through a link of its own: scoped
//! to that one point, good for nothing else, and revoked by whoever runs the point (its
//! leader, its partner units' coordinators, administrators), so no staff session stays
//! open on a screen in a public place. A link belongs to the point, not to the person
//! who made it: it keeps working when they leave, until someone revokes it.

use crate::{PointId, Problem, accounts::parse_short_name};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/staff/points/{id}/display-links`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct DisplayLinkForm {
    /// Which device it is for, as staff will recognise it: "tablet at the desk".
    pub label: String,
}

impl DisplayLinkForm {
    pub fn parse(&self) -> Result<String, Vec<(String, Problem)>> {
        parse_short_name(&self.label).map_err(|problem| vec![("label".to_owned(), problem)])
    }
}

/// A display link in force, as staff manage it; the link itself is shown only once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayLinkView {
    pub id: i64,
    pub point_id: PointId,
    pub label: String,
    /// Who made it, as the console shows them.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// When the device last fetched the display through it.
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// A new display link: the address to open on the device, shown this once (only a
/// hash of its key is kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDisplayLink {
    pub link: DisplayLinkView,
    pub url: String,
}

/// Where the device's page finds its key: after `#`, which browsers never send to a
/// server, so it stays out of logs and `Referer`.
pub const DISPLAY_PATH: &str = "/staff/screen";
