//! Pieces shared by several pages.

pub mod attendance_controls;
pub mod hours_summary;
pub mod layout;
pub mod month_chart;
pub mod on_duty_clock;
pub mod opening_hours;
pub mod personal_link_notice;
pub mod place_picker;
pub mod point_badges;
pub mod point_explorer;
pub mod point_filters;
pub mod point_list;
pub mod point_map;
pub mod point_sheet;
pub mod registration_form;
pub mod review_queue;
pub mod shift_planner;
pub mod shift_summary;
pub mod signup_action;
pub mod signup_item;
pub mod staff_gate;
pub mod staff_sign_in;
pub mod status;
