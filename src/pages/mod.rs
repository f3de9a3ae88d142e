//! One file per route.

pub mod home;
pub mod me;
pub mod not_found;
pub mod point;
pub mod signup;
pub mod staff;
