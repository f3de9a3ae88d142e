//! Pieces shared by several pages.

pub mod hours_summary;
pub mod layout;
pub mod point_list;
pub mod status;
