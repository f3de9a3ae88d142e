//! Traditional Chinese, made from the Simplified text the site is written in, for
//! visitors who read it (zh-TW, zh-HK, zh-MO, zh-Hant): OpenCC's conversion to Taiwan
//! characters with Taiwan phrasing (`s2twp`, through `ferrous-opencc`), after a short
//! list of reviewed overrides for the words it gets wrong in our text. The server
//! converts what it sends, the app's build script the message catalogue and the
//! contract's own words; the browser never carries the dictionaries.

use aho_corasick::{AhoCorasick, MatchKind};
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::sync::LazyLock;

/// Words `s2twp` gets wrong in our text, and how they read in Traditional Chinese.
/// Reviewed against every text of the catalogue; most are phrases its tables take for
/// computing jargon.
pub const OVERRIDES: &[(&str, &str)] = &[
    // The district: 里 as in 鄰里 (a neighbourhood), not 裡 (inside).
    ("湖里", "湖里"),
    // "核实时长" (verified hours) was split as 核 + 实时 (real time), giving 即時.
    ("核实", "核實"),
    // Approved, passed: 透過 means "by means of".
    ("通过", "通過"),
    // Reviewed by the organiser: 稽核 is an audit.
    ("审核", "審核"),
    // A story published: 釋出 is a software release.
    ("发布", "發布"),
    // A neighbourhood community: 社群 is an online one.
    ("社区", "社區"),
    // A kind of point or unit: 型別 is a programming type.
    ("类型", "類型"),
    // An item of the data copy: 專案 is a project.
    ("项目", "項目"),
    // A personal link issued anew: 髮 is hair.
    ("换发", "換發"),
    // Checking in and out: "记下签到码" was split as 下签 (drawing lots).
    ("签到", "簽到"),
    ("签退", "簽退"),
];

struct Converter {
    opencc: OpenCC,
    overrides: AhoCorasick,
}

static CONVERTER: LazyLock<Converter> = LazyLock::new(|| Converter {
    opencc: OpenCC::from_config(BuiltinConfig::S2twp).expect("OpenCC's built-in tables load"),
    overrides: AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // Each override's Traditional form is kept too, so converting text twice
        // changes nothing (s2twp alone would turn 審核通過 into 審核透過).
        .build(
            OVERRIDES
                .iter()
                .flat_map(|(simplified, traditional)| [simplified, traditional]),
        )
        .expect("the overrides make an automaton"),
});

/// `text` in Traditional characters; anything that is not Chinese stays as it is.
pub fn to_traditional(text: &str) -> String {
    let converter = &*CONVERTER;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut from = 0;
    for found in converter.overrides.find_iter(text) {
        out.push_str(&converter.opencc.convert(&text[from..found.start()]));
        out.push_str(OVERRIDES[found.pattern().as_usize() / 2].1);
        from = found.end();
    }
    out.push_str(&converter.opencc.convert(&text[from..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_with_taiwan_phrasing_and_the_overrides() {
        assert_eq!(
            to_traditional("湖里区学雷锋志愿服务"),
            "湖里區學雷鋒志願服務"
        );
        assert_eq!(to_traditional("个人信息"), "個人資訊", "Taiwan phrasing");
        assert_eq!(
            to_traditional("2026 年已核实志愿服务时长"),
            "2026 年已核實志願服務時長"
        );
        assert_eq!(to_traditional("审核通过"), "審核通過");
        assert_eq!(
            to_traditional("已记下签到码 123456。"),
            "已記下簽到碼 123456。"
        );
        assert_eq!(
            to_traditional("Point 3, {\"zh\":\"发布\"}"),
            "Point 3, {\"zh\":\"發布\"}"
        );
        assert_eq!(to_traditional(""), "");
    }

    #[test]
    fn traditional_text_stays_as_it_is() {
        let once = to_traditional("湖里区志愿者签到后，组织单位审核通过的时长才计入统计。");
        assert_eq!(to_traditional(&once), once);
    }
}
