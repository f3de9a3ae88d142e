//! The 30 service points and the 46 partner units that staff them: realistic Huli
//! places and organisations for sample data. Every coordinate is an estimate (stored as
//! approximate, WGS-84) for staff to correct; a test checks each lies in the district.

use huli_contract::{
    OpeningHours, PointCategory as C, Service as S, SubDistrict as D, UnitKind as K,
};

pub struct UnitSeed {
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: K,
}

const fn unit(zh: &'static str, en: &'static str, kind: K) -> UnitSeed {
    UnitSeed { zh, en, kind }
}

/// Positions in this list (from 1) are the units' ids.
#[rustfmt::skip]
pub const UNITS: [UnitSeed; 46] = [
    unit("湖里区人民政府办公室", "Huli District Government Office", K::GovernmentOffice),
    unit("中共湖里区委宣传部", "Huli District Publicity Department", K::GovernmentOffice),
    unit("湖里区精神文明建设办公室", "Huli District Civilisation Office", K::GovernmentOffice),
    unit("湖里区教育局", "Huli District Education Bureau", K::GovernmentOffice),
    unit("湖里区卫生健康局", "Huli District Health Commission", K::GovernmentOffice),
    unit("湖里区民政局", "Huli District Civil Affairs Bureau", K::GovernmentOffice),
    unit("湖里区司法局", "Huli District Justice Bureau", K::GovernmentOffice),
    unit("湖里区市场监督管理局", "Huli District Market Regulation Bureau", K::GovernmentOffice),
    unit("湖里区城市管理局", "Huli District Urban Management Bureau", K::GovernmentOffice),
    unit("湖里区财政局", "Huli District Finance Bureau", K::GovernmentOffice),
    unit("湖里区人力资源和社会保障局", "Huli District Human Resources and Social Security Bureau", K::GovernmentOffice),
    unit("共青团湖里区委", "Huli District Communist Youth League Committee", K::GovernmentOffice),
    unit("湖里区妇女联合会", "Huli District Women's Federation", K::GovernmentOffice),
    unit("湖里区科学技术协会", "Huli District Association for Science and Technology", K::GovernmentOffice),
    unit("厦门市公安局交通警察支队湖里大队", "Xiamen Traffic Police, Huli Brigade", K::GovernmentOffice),
    unit("湖里区人民法院", "Huli District People's Court", K::GovernmentOffice),
    unit("湖里区人民检察院", "Huli District People's Procuratorate", K::GovernmentOffice),
    unit("湖里街道办事处", "Huli Sub-district Office", K::GovernmentOffice),
    unit("殿前街道办事处", "Dianqian Sub-district Office", K::GovernmentOffice),
    unit("禾山街道办事处", "Heshan Sub-district Office", K::GovernmentOffice),
    unit("江头街道办事处", "Jiangtou Sub-district Office", K::GovernmentOffice),
    unit("金山街道办事处", "Jinshan Sub-district Office", K::GovernmentOffice),
    unit("湖里区红十字会", "Huli District Red Cross", K::PublicInstitution),
    unit("湖里区图书馆", "Huli District Library", K::PublicInstitution),
    unit("湖里区文化馆", "Huli District Cultural Centre", K::PublicInstitution),
    unit("湖里区疾病预防控制中心", "Huli District Centre for Disease Control", K::PublicInstitution),
    unit("湖里区妇幼保健院", "Huli District Maternal and Child Health Hospital", K::PublicInstitution),
    unit("湖里区法律援助中心", "Huli District Legal Aid Centre", K::PublicInstitution),
    unit("厦门市湖里中学", "Xiamen Huli Middle School", K::School),
    unit("厦门市金尚中学", "Xiamen Jinshang Middle School", K::School),
    unit("厦门市禾山中学", "Xiamen Heshan Middle School", K::School),
    unit("厦门第二外国语学校", "Xiamen No. 2 Foreign Language School", K::School),
    unit("厦门市五缘第二实验学校", "Xiamen Wuyuan No. 2 Experimental School", K::School),
    unit("厦门市湖里实验小学", "Xiamen Huli Experimental Primary School", K::School),
    unit("厦门市江头中心小学", "Xiamen Jiangtou Central Primary School", K::School),
    unit("厦门市金山小学", "Xiamen Jinshan Primary School", K::School),
    unit("厦门市殿前小学", "Xiamen Dianqian Primary School", K::School),
    unit("厦门国际航空港集团", "Xiamen International Airport Group", K::Company),
    unit("厦门航空有限公司", "Xiamen Airlines", K::Company),
    unit("厦门港务控股集团", "Xiamen Port Holding Group", K::Company),
    unit("厦门国际邮轮母港集团", "Xiamen International Cruise Home Port Group", K::Company),
    unit("厦门轨道交通集团", "Xiamen Rail Transit Group", K::Company),
    unit("厦门公交集团", "Xiamen Public Transport Group", K::Company),
    unit("国网厦门供电公司", "State Grid Xiamen Power Supply Company", K::Company),
    unit("中国移动厦门分公司", "China Mobile Xiamen Branch", K::Company),
    unit("厦门象屿集团", "Xiamen Xiangyu Group", K::Company),
];

pub struct PointSeed {
    pub zh: &'static str,
    pub en: &'static str,
    pub category: C,
    pub sub_district: D,
    pub lat: f64,
    pub lon: f64,
    pub address_zh: &'static str,
    pub address_en: &'static str,
    pub hours: Hours,
    /// What this point offers beyond what every point of its category offers.
    pub extra_services: &'static [S],
    /// 1-based positions in [`UNITS`].
    pub units: &'static [i64],
}

#[derive(Clone, Copy)]
pub enum Hours {
    AllDay,
    Daily(u32, u32),
}

impl Hours {
    pub fn opening_hours(self) -> OpeningHours {
        match self {
            Hours::AllDay => OpeningHours::AllDay,
            Hours::Daily(opens, closes) => OpeningHours::Daily {
                opens: chrono::NaiveTime::from_hms_opt(opens, 0, 0).expect("an hour of the day"),
                closes: chrono::NaiveTime::from_hms_opt(closes, 0, 0).expect("an hour of the day"),
            },
        }
    }
}

/// What every point of a category offers.
#[rustfmt::skip]
pub fn category_services(category: C) -> &'static [S] {
    match category {
        C::Park => &[S::Directions, S::DrinkingWater, S::FirstAidKit, S::Umbrella, S::LostAndFound, S::ElderlyAssistance],
        C::Square => &[S::Directions, S::DrinkingWater, S::PhoneCharging, S::Umbrella, S::LostAndFound, S::FirstAidKit],
        C::MetroStation => &[S::Directions, S::FirstAidKit, S::AccessibilityHelp, S::LostAndFound, S::PhoneCharging],
        C::Airport => &[S::TouristInformation, S::Directions, S::PhoneCharging, S::AccessibilityHelp, S::LostAndFound, S::DrinkingWater, S::FirstAidKit],
        C::FerryTerminal => &[S::TouristInformation, S::Directions, S::Umbrella, S::FirstAidKit, S::AccessibilityHelp, S::LostAndFound],
        C::BusStation => &[S::Directions, S::TouristInformation, S::PhoneCharging, S::DrinkingWater, S::FirstAidKit, S::AccessibilityHelp],
        C::Intersection => &[S::TrafficGuidance, S::Directions, S::Umbrella, S::ElderlyAssistance],
    }
}

const fn point(
    (zh, en): (&'static str, &'static str),
    (category, sub_district): (C, D),
    (lat, lon): (f64, f64),
    (address_zh, address_en): (&'static str, &'static str),
    hours: Hours,
    extra_services: &'static [S],
    units: &'static [i64],
) -> PointSeed {
    PointSeed {
        zh,
        en,
        category,
        sub_district,
        lat,
        lon,
        address_zh,
        address_en,
        hours,
        extra_services,
        units,
    }
}

const DAY: Hours = Hours::Daily(8, 18);
const LONG_DAY: Hours = Hours::Daily(7, 21);
const RUSH_HOURS: Hours = Hours::Daily(7, 19);

/// Positions in this list (from 1) are the points' ids. Every unit appears exactly once.
#[rustfmt::skip]
pub const POINTS: [PointSeed; 30] = [
    point(("忠仑公园学雷锋志愿服务点", "Zhonglun Park Service Point"), (C::Park, D::Jiangtou), (24.4985, 118.1335), ("湖里区金尚路忠仑公园南门", "South gate of Zhonglun Park, Jinshang Road"), DAY, &[S::RepairKit], &[5, 26]),
    point(("五缘湾湿地公园学雷锋志愿服务点", "Wuyuan Bay Wetland Park Service Point"), (C::Park, D::Heshan), (24.5300, 118.1730), ("湖里区五缘湾湿地公园游客中心", "Visitor centre, Wuyuan Bay Wetland Park"), DAY, &[S::TouristInformation], &[33, 9]),
    point(("湖里公园学雷锋志愿服务点", "Huli Park Service Point"), (C::Park, D::Huli), (24.5145, 118.0910), ("湖里区华荣路湖里公园东门", "East gate of Huli Park, Huarong Road"), DAY, &[S::LegalAdvice], &[18, 28]),
    point(("湖边水库公园学雷锋志愿服务点", "Hubian Reservoir Park Service Point"), (C::Park, D::Jinshan), (24.5030, 118.1505), ("湖里区湖边水库环湖步道北入口", "North entrance of the Hubian Reservoir lakeside trail"), DAY, &[], &[22]),
    point(("SM城市广场学雷锋志愿服务点", "SM City Plaza Service Point"), (C::Square, D::Jiangtou), (24.5015, 118.1240), ("湖里区嘉禾路SM城市广场一期北广场", "North square of SM City Plaza, Jiahe Road"), LONG_DAY, &[S::LegalAdvice], &[8, 45]),
    point(("湖里万达广场学雷锋志愿服务点", "Wanda Plaza Huli Service Point"), (C::Square, D::Jinshan), (24.5060, 118.1710), ("湖里区仙岳路湖里万达广场东广场", "East square of Wanda Plaza Huli, Xianyue Road"), LONG_DAY, &[], &[36]),
    point(("五缘湾帆船港学雷锋志愿服务点", "Wuyuan Bay Marina Service Point"), (C::Square, D::Jinshan), (24.5240, 118.1800), ("湖里区环岛东路五缘湾帆船港广场", "Marina square, Wuyuan Bay, Huandao East Road"), DAY, &[S::TouristInformation], &[46]),
    point(("湖里创意产业园学雷锋志愿服务点", "Huli Creative Industry Park Service Point"), (C::Square, D::Huli), (24.5080, 118.0860), ("湖里区华美路湖里创意产业园广场", "Square of Huli Creative Industry Park, Huamei Road"), DAY, &[S::RepairKit], &[25, 24]),
    point(("高崎国际机场T3航站楼学雷锋志愿服务点", "Gaoqi Airport Terminal 3 Service Point"), (C::Airport, D::Dianqian), (24.5390, 118.1260), ("湖里区高崎国际机场T3航站楼到达大厅", "Arrivals hall, Terminal 3, Xiamen Gaoqi International Airport"), Hours::AllDay, &[], &[38, 39]),
    point(("高崎国际机场T4航站楼学雷锋志愿服务点", "Gaoqi Airport Terminal 4 Service Point"), (C::Airport, D::Dianqian), (24.5330, 118.1330), ("湖里区高崎国际机场T4航站楼到达大厅", "Arrivals hall, Terminal 4, Xiamen Gaoqi International Airport"), Hours::AllDay, &[], &[32]),
    point(("东渡邮轮中心学雷锋志愿服务点", "Dongdu Cruise Centre Service Point"), (C::FerryTerminal, D::Huli), (24.4950, 118.0760), ("湖里区东港北路东渡国际邮轮中心候船大厅", "Waiting hall, Xiamen International Cruise Centre, Donggang North Road"), LONG_DAY, &[S::DrinkingWater], &[40, 41]),
    point(("五通客运码头学雷锋志愿服务点", "Wutong Ferry Terminal Service Point"), (C::FerryTerminal, D::Jinshan), (24.5170, 118.1870), ("湖里区环岛东路五通客运码头候船厅", "Waiting hall, Wutong Ferry Terminal (ferries to Kinmen), Huandao East Road"), LONG_DAY, &[S::PhoneCharging], &[17]),
    point(("枋湖客运中心学雷锋志愿服务点", "Fanghu Long-distance Bus Centre Service Point"), (C::BusStation, D::Heshan), (24.5155, 118.1315), ("湖里区枋湖北二路枋湖客运中心售票大厅", "Ticket hall, Fanghu Long-distance Bus Centre, Fanghu North 2nd Road"), LONG_DAY, &[S::LostAndFound], &[43, 11]),
    point(("地铁高崎站学雷锋志愿服务点", "Metro Gaoqi Station Service Point"), (C::MetroStation, D::Dianqian), (24.5490, 118.1110), ("湖里区地铁1号线高崎站站厅", "Concourse, Gaoqi Station, Metro Line 1"), LONG_DAY, &[], &[19]),
    point(("地铁殿前站学雷锋志愿服务点", "Metro Dianqian Station Service Point"), (C::MetroStation, D::Dianqian), (24.5360, 118.1080), ("湖里区地铁1号线殿前站站厅", "Concourse, Dianqian Station, Metro Line 1"), LONG_DAY, &[], &[42, 37]),
    point(("地铁火炬园站学雷锋志愿服务点", "Metro Huojuyuan Station Service Point"), (C::MetroStation, D::Heshan), (24.5210, 118.1120), ("湖里区地铁1号线火炬园站站厅", "Concourse, Huojuyuan Station, Metro Line 1"), LONG_DAY, &[], &[14]),
    point(("地铁塘边站学雷锋志愿服务点", "Metro Tangbian Station Service Point"), (C::MetroStation, D::Jiangtou), (24.5090, 118.1150), ("湖里区地铁1号线塘边站站厅", "Concourse, Tangbian Station, Metro Line 1"), LONG_DAY, &[], &[44, 35]),
    point(("地铁城市广场站学雷锋志愿服务点", "Metro City Plaza Station Service Point"), (C::MetroStation, D::Jiangtou), (24.4990, 118.1275), ("湖里区地铁1号线城市广场站站厅", "Concourse, City Plaza Station, Metro Line 1"), LONG_DAY, &[], &[21]),
    point(("嘉禾路吕岭路口学雷锋志愿服务点", "Jiahe Road and Lüling Road Crossing Service Point"), (C::Intersection, D::Jiangtou), (24.5065, 118.1215), ("湖里区嘉禾路与吕岭路交叉口东北角", "North-east corner of Jiahe Road and Lüling Road"), RUSH_HOURS, &[], &[15, 1]),
    point(("湖里大道兴隆路口学雷锋志愿服务点", "Huli Avenue and Xinglong Road Crossing Service Point"), (C::Intersection, D::Huli), (24.5105, 118.0930), ("湖里区湖里大道与兴隆路交叉口", "Huli Avenue and Xinglong Road"), RUSH_HOURS, &[], &[29]),
    point(("金尚路吕岭路口学雷锋志愿服务点", "Jinshang Road and Lüling Road Crossing Service Point"), (C::Intersection, D::Jiangtou), (24.5040, 118.1450), ("湖里区金尚路与吕岭路交叉口", "Jinshang Road and Lüling Road"), RUSH_HOURS, &[], &[30, 2]),
    point(("仙岳路金尚路口学雷锋志愿服务点", "Xianyue Road and Jinshang Road Crossing Service Point"), (C::Intersection, D::Jiangtou), (24.4990, 118.1440), ("湖里区仙岳路与金尚路交叉口", "Xianyue Road and Jinshang Road"), RUSH_HOURS, &[], &[3]),
    point(("成功大道枋钟路口学雷锋志愿服务点", "Chenggong Avenue and Fangzhong Road Crossing Service Point"), (C::Intersection, D::Heshan), (24.5180, 118.1390), ("湖里区成功大道与枋钟路交叉口", "Chenggong Avenue and Fangzhong Road"), RUSH_HOURS, &[], &[31, 20]),
    point(("环岛东路五通路口学雷锋志愿服务点", "Huandao East Road and Wutong Road Crossing Service Point"), (C::Intersection, D::Jinshan), (24.5220, 118.1840), ("湖里区环岛东路与五通路交叉口", "Huandao East Road and Wutong Road"), RUSH_HOURS, &[], &[10]),
    point(("江头北路嘉禾路口学雷锋志愿服务点", "Jiangtou North Road and Jiahe Road Crossing Service Point"), (C::Intersection, D::Jiangtou), (24.5080, 118.1170), ("湖里区江头北路与嘉禾路交叉口", "Jiangtou North Road and Jiahe Road"), RUSH_HOURS, &[], &[34, 4]),
    point(("禾山路金山路口学雷锋志愿服务点", "Heshan Road and Jinshan Road Crossing Service Point"), (C::Intersection, D::Jinshan), (24.5190, 118.1630), ("湖里区禾山路与金山路交叉口", "Heshan Road and Jinshan Road"), RUSH_HOURS, &[], &[16]),
    point(("机场路高崎南五路口学雷锋志愿服务点", "Airport Road and Gaoqi South 5th Road Crossing Service Point"), (C::Intersection, D::Dianqian), (24.5330, 118.1150), ("湖里区机场路与高崎南五路交叉口", "Airport Road and Gaoqi South 5th Road"), RUSH_HOURS, &[], &[6, 12]),
    point(("湖里大道华光路口学雷锋志愿服务点", "Huli Avenue and Huaguang Road Crossing Service Point"), (C::Intersection, D::Huli), (24.5135, 118.1000), ("湖里区湖里大道与华光路交叉口", "Huli Avenue and Huaguang Road"), RUSH_HOURS, &[], &[7]),
    point(("枋湖路金湖路口学雷锋志愿服务点", "Fanghu Road and Jinhu Road Crossing Service Point"), (C::Intersection, D::Heshan), (24.5160, 118.1450), ("湖里区枋湖路与金湖路交叉口", "Fanghu Road and Jinhu Road"), RUSH_HOURS, &[], &[23, 13]),
    point(("海天路东渡路口学雷锋志愿服务点", "Haitian Road and Dongdu Road Crossing Service Point"), (C::Intersection, D::Huli), (24.4990, 118.0800), ("湖里区海天路与东渡路交叉口", "Haitian Road and Dongdu Road"), RUSH_HOURS, &[], &[27]),
];
