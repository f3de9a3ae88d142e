//! Traditional Chinese, made from the Simplified text the site is written in, for
//! visitors who read it (zh-TW, zh-HK, zh-MO, zh-Hant): OpenCC's conversion to Taiwan
//! characters with Taiwan phrasing (`s2twp`, through `ferrous-opencc`), after a short
//! list of reviewed overrides for the words it gets wrong in our text. The server
//! converts what it sends, the app's build script the message catalogue and the
//! contract's own words; the browser never carries the dictionaries, only a table of
//! the words its build writes itself ([`word_table`], read by
//! [`crate::lang::written_with`]).

use aho_corasick::{AhoCorasick, MatchKind};
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
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

/// For a build script: the Rust source of `pub static TRADITIONAL_WORDS`, each run of
/// Chinese characters in the code of `sources` (Rust files, or folders of them; comments
/// and tests left out), and each of its characters, with its Traditional form where the
/// two differ; sorted, for a binary search.
pub fn word_table(sources: &[&Path]) -> std::io::Result<String> {
    let mut words = BTreeMap::new();
    let mut files = Vec::new();
    for source in sources {
        files.extend(rust_files(source)?);
    }
    for file in files {
        let source = std::fs::read_to_string(&file)?;
        let before_tests = source.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String = (before_tests.lines())
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for run in code
            .split(|c: char| !is_han(c))
            .filter(|run| !run.is_empty())
        {
            let pieces = std::iter::once(run.to_owned()).chain(run.chars().map(String::from));
            for piece in pieces {
                let traditional = to_traditional(&piece);
                if traditional != piece {
                    words.insert(piece, traditional);
                }
            }
        }
    }
    let mut table = String::from(
        "/// The Chinese words of our code and their Traditional forms (made by `build.rs`).\n\
         pub static TRADITIONAL_WORDS: &[(&str, &str)] = &[\n",
    );
    for (simplified, traditional) in &words {
        // Writing to a String cannot fail.
        let _ = writeln!(table, "    ({simplified:?}, {traditional:?}),");
    }
    table.push_str("];\n");
    Ok(table)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn rust_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let path = entry?.path();
        if path.is_dir() || path.extension().is_some_and(|ext| ext == "rs") {
            files.extend(rust_files(&path)?);
        }
    }
    Ok(files)
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
