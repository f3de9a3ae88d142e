//! The translated name of each contract enum value. A new variant fails to compile here
//! until it has text in both languages.

use crate::i18n::{Locale, td_string};
#[cfg(feature = "staff-console")]
use huli_contract::{AuditAction, CheckInMethod, StaffRole, UnitKind};
use huli_contract::{
    DutyKind, PointCategory, Service, Skill, StoryStatus, SubDistrict, TeamKind, Training,
};

#[cfg(feature = "staff-console")]
/// A partner unit's kind.
pub fn unit_kind(locale: Locale, kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::GovernmentOffice => td_string!(locale, unit_kind.government_office),
        UnitKind::PublicInstitution => td_string!(locale, unit_kind.public_institution),
        UnitKind::School => td_string!(locale, unit_kind.school),
        UnitKind::Company => td_string!(locale, unit_kind.company),
    }
}

#[cfg(feature = "staff-console")]
/// A staff account's role.
pub fn staff_role(locale: Locale, role: StaffRole) -> &'static str {
    match role {
        StaffRole::Administrator => td_string!(locale, staff_role.administrator),
        StaffRole::Coordinator { .. } => td_string!(locale, staff_role.coordinator),
        StaffRole::PointLeader { .. } => td_string!(locale, staff_role.point_leader),
    }
}

pub fn category(locale: Locale, category: PointCategory) -> &'static str {
    match category {
        PointCategory::Park => td_string!(locale, category.park),
        PointCategory::Square => td_string!(locale, category.square),
        PointCategory::MetroStation => td_string!(locale, category.metro_station),
        PointCategory::Airport => td_string!(locale, category.airport),
        PointCategory::FerryTerminal => td_string!(locale, category.ferry_terminal),
        PointCategory::BusStation => td_string!(locale, category.bus_station),
        PointCategory::Intersection => td_string!(locale, category.intersection),
    }
}

pub fn sub_district(locale: Locale, sub_district: SubDistrict) -> &'static str {
    match sub_district {
        SubDistrict::Huli => td_string!(locale, sub_district.huli),
        SubDistrict::Dianqian => td_string!(locale, sub_district.dianqian),
        SubDistrict::Heshan => td_string!(locale, sub_district.heshan),
        SubDistrict::Jiangtou => td_string!(locale, sub_district.jiangtou),
        SubDistrict::Jinshan => td_string!(locale, sub_district.jinshan),
    }
}

pub fn service(locale: Locale, service: Service) -> &'static str {
    match service {
        Service::Directions => td_string!(locale, service.directions),
        Service::Umbrella => td_string!(locale, service.umbrella),
        Service::FirstAidKit => td_string!(locale, service.first_aid_kit),
        Service::DrinkingWater => td_string!(locale, service.drinking_water),
        Service::PhoneCharging => td_string!(locale, service.phone_charging),
        Service::LostAndFound => td_string!(locale, service.lost_and_found),
        Service::LegalAdvice => td_string!(locale, service.legal_advice),
        Service::TrafficGuidance => td_string!(locale, service.traffic_guidance),
        Service::ElderlyAssistance => td_string!(locale, service.elderly_assistance),
        Service::TouristInformation => td_string!(locale, service.tourist_information),
        Service::AccessibilityHelp => td_string!(locale, service.accessibility_help),
        Service::RepairKit => td_string!(locale, service.repair_kit),
    }
}

pub fn duty(locale: Locale, duty: DutyKind) -> &'static str {
    match duty {
        DutyKind::PointService => td_string!(locale, duty.point_service),
        DutyKind::TrafficDuty => td_string!(locale, duty.traffic_duty),
        DutyKind::EmergencyRelief => td_string!(locale, duty.emergency_relief),
        DutyKind::CommunityEvent => td_string!(locale, duty.community_event),
    }
}

#[cfg(feature = "staff-console")]
pub fn check_in_method(locale: Locale, method: CheckInMethod) -> &'static str {
    match method {
        CheckInMethod::RotatingCode => td_string!(locale, check_in_method.rotating_code),
        CheckInMethod::Location => td_string!(locale, check_in_method.location),
        CheckInMethod::Leader => td_string!(locale, check_in_method.leader),
    }
}

#[cfg(feature = "staff-console")]
/// What an audit log entry's action did, as the middle of a sentence.
pub fn audit_action(locale: Locale, action: AuditAction) -> &'static str {
    match action {
        AuditAction::AccountCreate => td_string!(locale, audit_action.account_create),
        AuditAction::AccountDisable => td_string!(locale, audit_action.account_disable),
        AuditAction::AccountEnable => td_string!(locale, audit_action.account_enable),
        AuditAction::AccountResetPassword => {
            td_string!(locale, audit_action.account_reset_password)
        }
        AuditAction::AccountChangePassword => {
            td_string!(locale, audit_action.account_change_password)
        }
        AuditAction::AccountSecondFactorOn => {
            td_string!(locale, audit_action.account_second_factor_on)
        }
        AuditAction::AccountSecondFactorOff => {
            td_string!(locale, audit_action.account_second_factor_off)
        }
        AuditAction::DisplayLinkCreate => {
            td_string!(locale, audit_action.display_link_create)
        }
        AuditAction::DisplayLinkRevoke => {
            td_string!(locale, audit_action.display_link_revoke)
        }
        AuditAction::AttendanceApprove => td_string!(locale, audit_action.attendance_approve),
        AuditAction::AttendanceAdjust => td_string!(locale, audit_action.attendance_adjust),
        AuditAction::AttendanceReject => td_string!(locale, audit_action.attendance_reject),
        AuditAction::AttendanceUndo => td_string!(locale, audit_action.attendance_undo),
        AuditAction::AttendanceCheckIn => td_string!(locale, audit_action.attendance_check_in),
        AuditAction::AttendanceCheckOut => td_string!(locale, audit_action.attendance_check_out),
        AuditAction::CertificateIssue => td_string!(locale, audit_action.certificate_issue),
        AuditAction::Export => td_string!(locale, audit_action.export),
        AuditAction::PointChange => td_string!(locale, audit_action.point_change),
        AuditAction::ShiftChange => td_string!(locale, audit_action.shift_change),
        AuditAction::ShiftCreate => td_string!(locale, audit_action.shift_create),
        AuditAction::ShiftDelete => td_string!(locale, audit_action.shift_delete),
        AuditAction::ShiftInsure => td_string!(locale, audit_action.shift_insure),
        AuditAction::TeamCreate => td_string!(locale, audit_action.team_create),
        AuditAction::TrainingRecord => td_string!(locale, audit_action.training_record),
        AuditAction::TrainingAttend => td_string!(locale, audit_action.training_attend),
        AuditAction::TrainingSessionSchedule => {
            td_string!(locale, audit_action.training_session_schedule)
        }
        AuditAction::StoryWrite => td_string!(locale, audit_action.story_write),
        AuditAction::StoryPhoto => td_string!(locale, audit_action.story_photo),
        AuditAction::UnitCreate => td_string!(locale, audit_action.unit_create),
        AuditAction::UnitPair => td_string!(locale, audit_action.unit_pair),
        AuditAction::VolunteerErase => td_string!(locale, audit_action.volunteer_erase),
        AuditAction::VolunteerReplacePersonalLink => {
            td_string!(locale, audit_action.volunteer_replace_personal_link)
        }
    }
}

#[cfg(feature = "staff-console")]
/// What kind of record an audit log entry's subject (`attendance/42`) names.
pub fn audit_subject(locale: Locale, kind: &str) -> Option<&'static str> {
    Some(match kind {
        "account" => td_string!(locale, audit_subject.account),
        "attendance" => td_string!(locale, audit_subject.attendance),
        "certificate" => td_string!(locale, audit_subject.certificate),
        "point" => td_string!(locale, audit_subject.point),
        "shift" => td_string!(locale, audit_subject.shift),
        "story" => td_string!(locale, audit_subject.story),
        "team" => td_string!(locale, audit_subject.team),
        "training_session" => td_string!(locale, audit_subject.training_session),
        "unit" => td_string!(locale, audit_subject.unit),
        "volunteer" => td_string!(locale, audit_subject.volunteer),
        _ => return None,
    })
}

pub fn skill(locale: Locale, skill: Skill) -> &'static str {
    match skill {
        Skill::FirstAid => td_string!(locale, skill.first_aid),
        Skill::SignLanguage => td_string!(locale, skill.sign_language),
        Skill::ForeignLanguages => td_string!(locale, skill.foreign_languages),
        Skill::LegalAdvice => td_string!(locale, skill.legal_advice),
        Skill::ElderlyCare => td_string!(locale, skill.elderly_care),
        Skill::Counselling => td_string!(locale, skill.counselling),
        Skill::Photography => td_string!(locale, skill.photography),
    }
}

pub fn training(locale: Locale, training: Training) -> &'static str {
    match training {
        Training::Etiquette => td_string!(locale, training.etiquette),
        Training::FirstAid => td_string!(locale, training.first_aid),
        Training::TrafficRules => td_string!(locale, training.traffic_rules),
        Training::OnlinePublicity => td_string!(locale, training.online_publicity),
    }
}

/// Where a volunteer's story stands: waiting for their consent, published, withdrawn.
pub fn story_status(locale: Locale, status: StoryStatus) -> &'static str {
    match status {
        StoryStatus::AwaitingConsent => td_string!(locale, story_status.awaiting_consent),
        StoryStatus::Published => td_string!(locale, story_status.published),
        StoryStatus::Withdrawn => td_string!(locale, story_status.withdrawn),
    }
}

pub fn team_kind(locale: Locale, kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Unit => td_string!(locale, team_kind.unit),
        TeamKind::Community => td_string!(locale, team_kind.community),
        TeamKind::Youth => td_string!(locale, team_kind.youth),
        TeamKind::Women => td_string!(locale, team_kind.women),
        TeamKind::Science => td_string!(locale, team_kind.science),
        TeamKind::RedCross => td_string!(locale, team_kind.red_cross),
        TeamKind::LegalAid => td_string!(locale, team_kind.legal_aid),
        TeamKind::Environmental => td_string!(locale, team_kind.environmental),
        TeamKind::OnlineCivility => td_string!(locale, team_kind.online_civility),
    }
}

/// The one-character glyph a map marker of this category carries (besides its shape):
/// the first character of the category's name in the page's language.
pub fn category_glyph(locale: Locale, category: PointCategory) -> String {
    self::category(locale, category).chars().take(1).collect()
}

#[cfg(feature = "staff-console")]
/// A volunteer's name in staff views; erased volunteers have none, though their minutes
/// are still reviewed and counted.
pub fn volunteer_name(locale: Locale, name: Option<&str>) -> String {
    match name {
        Some(name) => name.to_owned(),
        None => td_string!(locale, erased_volunteer).to_owned(),
    }
}
