//! One file per route.

pub mod certificate;
pub mod home;
pub mod me;
pub mod not_found;
pub mod point;
pub mod point_display;
pub mod point_roster;
pub mod signup;
pub mod staff;
pub mod staff_audit;
pub mod staff_exports;
pub mod staff_point_edit;
pub mod staff_shifts;
pub mod staff_units;
pub mod staff_volunteers;
