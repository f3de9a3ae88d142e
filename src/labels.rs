//! The translated name of each contract enum value. A new variant fails to compile here
//! until it has text in both languages.

use crate::i18n::{Locale, td_string};
use huli_contract::{DutyKind, PointCategory, Service, SubDistrict};

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

/// The one-character glyph a map marker of this category carries (besides its shape):
/// the first character of the category's name in the page's language.
pub fn category_glyph(locale: Locale, category: PointCategory) -> String {
    self::category(locale, category).chars().take(1).collect()
}
