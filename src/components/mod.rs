//! Pieces shared by several pages.

pub mod hours_summary;
pub mod layout;
pub mod opening_hours;
pub mod point_badges;
pub mod point_explorer;
pub mod point_filters;
pub mod point_list;
pub mod point_map;
pub mod point_sheet;
pub mod status;
