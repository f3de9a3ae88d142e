//! One file per route.

#[cfg(feature = "staff-console")]
pub mod certificate;
pub mod home;
pub mod me;
pub mod not_found;
pub mod point;
#[cfg(feature = "staff-console")]
pub mod point_display;
#[cfg(feature = "staff-console")]
pub mod point_roster;
pub mod signup;
#[cfg(feature = "staff-console")]
pub mod staff;
#[cfg(feature = "staff-console")]
pub mod staff_audit;
#[cfg(feature = "staff-console")]
pub mod staff_exports;
#[cfg(feature = "staff-console")]
pub mod staff_point_edit;
#[cfg(feature = "staff-console")]
pub mod staff_shifts;
#[cfg(feature = "staff-console")]
pub mod staff_units;
#[cfg(feature = "staff-console")]
pub mod staff_volunteers;
