//! 163 teams and about 8,500 volunteers, as the report counts them: teams formed by the
//! partner units, by 50 communities, and thematic brigades with their squads.

use super::places::UNITS;
use crate::storage::{NewShift, NewSignup, NewTeam, NewTraining, NewVolunteer};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{LocalizedText, PhoneNumber, Training, huli_date};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeSet, HashSet};

/// Communities of Huli (sample names, several from the report) with their pinyin.
const COMMUNITIES: [(&str, &str); 50] = [
    ("吕岭", "Lüling"),
    ("金尚", "Jinshang"),
    ("禾欣", "Hexin"),
    ("禾盛", "Hesheng"),
    ("金山", "Jinshan"),
    ("金安", "Jin'an"),
    ("高林", "Gaolin"),
    ("马垅", "Malong"),
    ("围里", "Weili"),
    ("高殿", "Gaodian"),
    ("湖里", "Huli"),
    ("兴隆", "Xinglong"),
    ("塘边", "Tangbian"),
    ("江头", "Jiangtou"),
    ("后埔", "Houpu"),
    ("枋湖", "Fanghu"),
    ("县后", "Xianhou"),
    ("蔡塘", "Caitang"),
    ("坂尚", "Banshang"),
    ("禾山", "Heshan"),
    ("钟宅", "Zhongzhai"),
    ("五通", "Wutong"),
    ("后坑", "Houkeng"),
    ("殿前", "Dianqian"),
    ("高崎", "Gaoqi"),
    ("寨上", "Zhaishang"),
    ("钟岭", "Zhongling"),
    ("湖边", "Hubian"),
    ("西潘", "Xipan"),
    ("东渡", "Dongdu"),
    ("港务", "Gangwu"),
    ("安兜", "Andou"),
    ("乌石浦", "Wushipu"),
    ("金林", "Jinlin"),
    ("金湖", "Jinhu"),
    ("仙洞", "Xiandong"),
    ("滨海", "Binhai"),
    ("洪山柄", "Hongshanbing"),
    ("长岸", "Chang'an"),
    ("神山", "Shenshan"),
    ("东宅", "Dongzhai"),
    ("江村", "Jiangcun"),
    ("林边", "Linbian"),
    ("穆厝", "Mucuo"),
    ("兴华", "Xinghua"),
    ("康乐", "Kangle"),
    ("村里", "Cunli"),
    ("南山", "Nanshan"),
    ("湖明", "Huming"),
    ("华荣", "Huarong"),
];

/// Themes named in the report: (stored kind, Chinese, English).
const THEMES: [(&str, &str, &str); 6] = [
    ("youth", "青年", "Youth"),
    ("women", "巾帼", "Women's"),
    ("science", "科普", "Science Popularisation"),
    ("red_cross", "红十字", "Red Cross"),
    ("legal_aid", "法律援助", "Legal Aid"),
    ("environmental", "环保", "Environmental"),
];

const SUB_DISTRICTS: [(&str, &str); 5] = [
    ("湖里", "Huli"),
    ("殿前", "Dianqian"),
    ("禾山", "Heshan"),
    ("江头", "Jiangtou"),
    ("金山", "Jinshan"),
];

pub const TEAM_COUNT: usize = 163;
pub const VOLUNTEER_COUNT: usize = 8_520;
/// The report's online civility team has exactly 32 members.
const ONLINE_CIVILITY_MEMBERS: usize = 32;

fn text(zh: String, en: String) -> LocalizedText {
    LocalizedText { zh, en }
}

pub fn teams() -> Vec<NewTeam> {
    let mut teams = Vec::with_capacity(TEAM_COUNT);
    // Team n (from 1) for n ≤ 46 is partner unit n's own team.
    for (unit_id, unit) in (1i64..).zip(UNITS.iter()) {
        teams.push(NewTeam {
            name: text(
                format!("{}志愿服务队", unit.zh),
                format!("{} Volunteer Team", unit.en),
            ),
            kind: "unit",
            unit_id: Some(unit_id),
        });
    }
    for (zh, en) in COMMUNITIES {
        teams.push(NewTeam {
            name: text(
                format!("{zh}社区志愿者服务队"),
                format!("{en} Community Volunteer Team"),
            ),
            kind: "community",
            unit_id: None,
        });
    }
    for (kind, theme_zh, theme_en) in THEMES {
        teams.push(NewTeam {
            name: text(
                format!("湖里区{theme_zh}志愿者大队"),
                format!("Huli {theme_en} Volunteer Brigade"),
            ),
            kind,
            unit_id: None,
        });
        for (place_zh, place_en) in SUB_DISTRICTS {
            for (nth_zh, nth_en) in [("第一", "1st"), ("第二", "2nd")] {
                teams.push(NewTeam {
                    name: text(
                        format!("{place_zh}街道{theme_zh}志愿者{nth_zh}分队"),
                        format!("{place_en} {theme_en} Volunteer Squad {nth_en}"),
                    ),
                    kind,
                    unit_id: None,
                });
            }
        }
    }
    teams.push(NewTeam {
        name: text(
            "湖里区网络文明志愿者队".into(),
            "Huli Online Civility Volunteer Team".into(),
        ),
        kind: "online_civility",
        unit_id: None,
    });
    debug_assert_eq!(teams.len(), TEAM_COUNT);
    teams
}

const SURNAMES: [&str; 24] = [
    "陈", "林", "黄", "张", "李", "王", "吴", "刘", "蔡", "杨", "郑", "许", "洪", "谢", "郭", "曾",
    "苏", "叶", "庄", "柯", "周", "卢", "江", "何",
];
const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "华", "玲", "婷", "鑫", "宇", "欣", "晨", "雪", "琳", "鹏",
    "志", "辉", "建", "文", "嘉", "佳", "怡", "峰",
];

/// Volunteers spread over the teams, with unique, well-formed (fictitious) numbers.
pub fn volunteers(rng: &mut ChaCha8Rng, now: DateTime<Utc>) -> Vec<NewVolunteer> {
    let online_civility_team = TEAM_COUNT;
    let mut sizes: Vec<usize> = (1..TEAM_COUNT).map(|_| rng.random_range(20..=84)).collect();
    sizes.push(ONLINE_CIVILITY_MEMBERS);
    let mut total: usize = sizes.iter().sum();
    while total != VOLUNTEER_COUNT {
        let team = rng.random_range(0..online_civility_team - 1);
        if total < VOLUNTEER_COUNT {
            sizes[team] += 1;
            total += 1;
        } else if sizes[team] > 20 {
            sizes[team] -= 1;
            total -= 1;
        }
    }

    let mut phones = HashSet::with_capacity(VOLUNTEER_COUNT);
    let mut volunteers = Vec::with_capacity(VOLUNTEER_COUNT);
    for (team_id, size) in (1i64..).zip(sizes) {
        for _ in 0..size {
            let surname = SURNAMES.choose(rng).expect("non-empty");
            let given: String = (0..rng.random_range(1..=2))
                .map(|_| *GIVEN.choose(rng).expect("non-empty"))
                .collect();
            // Never 19x: tests and benches register 19x numbers, which must be new (a
            // number registered before is answered alike, but its new link opens nothing).
            let phone = loop {
                let candidate = format!(
                    "1{}{:09}",
                    rng.random_range(3..=8),
                    rng.random_range(0..1_000_000_000u32)
                );
                if phones.insert(candidate.clone()) {
                    break PhoneNumber::parse(&candidate)
                        .expect("generated numbers are well formed");
                }
            };
            volunteers.push(NewVolunteer {
                name: format!("{surname}{given}"),
                phone,
                team_id,
                registered_at: now - Duration::days(rng.random_range(30..3 * 365)),
            });
        }
    }
    volunteers
}

/// Trainings on record: everyone who served on a duty that requires one has it, and
/// beyond that about half the volunteers took first aid (the report counts 4,000+
/// trained) and a third etiquette.
pub fn trainings(
    rng: &mut ChaCha8Rng,
    volunteers: &[NewVolunteer],
    shifts: &[NewShift],
    signups: &[NewSignup],
) -> Vec<NewTraining> {
    let mut held: BTreeSet<(i64, Training)> = BTreeSet::new();
    for signup in signups {
        if let Some(training) = shifts[(signup.shift_id - 1) as usize].required_training {
            held.insert((signup.volunteer_id, training));
        }
    }
    for id in 1..=volunteers.len() as i64 {
        if rng.random_bool(0.5) {
            held.insert((id, Training::FirstAid));
        }
        if rng.random_bool(0.33) {
            held.insert((id, Training::Etiquette));
        }
    }
    held.into_iter()
        .map(|(volunteer_id, training)| {
            let completed_at = volunteers[(volunteer_id - 1) as usize].registered_at;
            let completed_on = huli_date(completed_at);
            NewTraining {
                volunteer_id,
                training,
                completed_at,
                expires_on: Training::expiry(completed_on, training.default_valid_years()),
            }
        })
        .collect()
}
