//! What a district website may embed: the map of the points, the live hours counter and
//! one point's sign-up. Each widget is a page of ours under `/embed/`, framed by the
//! other site, and takes its options from its URL. The staff's snippet generator writes
//! those URLs; the server, the app and the counter read them back with this same code.

use crate::stats::ScopeQuery;
use crate::{Lang, PointCategory, PointId, Problem, Reading, Scope, SubDistrict};
use serde::{Deserialize, Serialize};

/// The loader script a site includes to turn `<div data-huli-embed>` into widgets.
pub const LOADER_PATH: &str = "/embed.js";
/// What a widget sends the window that frames it once it listens: no data, so any
/// origin may hear it. The loader answers with [`HELLO_MESSAGE`].
pub const READY_MESSAGE: &str = "huli-embed:ready";
/// What the loader sends a widget, when its frame has loaded and when the widget says
/// it is ready, asking for its height.
pub const HELLO_MESSAGE: &str = "huli-embed:hello";
/// What a widget answers, then sends again whenever its height changes.
pub const SIZE_MESSAGE: &str = "huli-embed:size";

/// One embeddable widget and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Widget {
    /// The points on the map and in a list, optionally of one sub-district or category.
    Map {
        sub_district: Option<SubDistrict>,
        category: Option<PointCategory>,
    },
    /// Live volunteer hours of the district, one point, one team or one partner unit.
    Counter { scope: Scope, counters: Counters },
    /// One point's upcoming shifts, with registration and sign-up.
    Signup { point: PointId },
}

/// A figure the counter can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Counter {
    /// Verified hours this year.
    Verified,
    /// Verified hours over the last twelve months.
    LastTwelveMonths,
    /// Volunteers on duty now.
    OnDuty,
    /// Hours served this year that wait for the organising unit's review.
    Pending,
}

impl Counter {
    pub const ALL: [Counter; 4] = [
        Counter::Verified,
        Counter::LastTwelveMonths,
        Counter::OnDuty,
        Counter::Pending,
    ];

    /// Its name in the `show` parameter.
    pub fn name(self) -> &'static str {
        match self {
            Counter::Verified => "verified",
            Counter::LastTwelveMonths => "last_12_months",
            Counter::OnDuty => "on_duty",
            Counter::Pending => "pending",
        }
    }

    /// What the figure is, beside it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Counter::Verified, Lang::Zh) => "今年已核实志愿服务时长（小时）",
            (Counter::Verified, Lang::En) => "Verified volunteer hours this year",
            (Counter::LastTwelveMonths, Lang::Zh) => "近 12 个月已核实时长（小时）",
            (Counter::LastTwelveMonths, Lang::En) => "Verified hours, last 12 months",
            (Counter::OnDuty, Lang::Zh) => "当前在岗志愿者（人）",
            (Counter::OnDuty, Lang::En) => "Volunteers on duty now",
            (Counter::Pending, Lang::Zh) => "今年待核实时长（小时）",
            (Counter::Pending, Lang::En) => "Hours this year awaiting verification",
        }
    }
}

/// The counters a counter widget shows: at least one, each once, in [`Counter::ALL`]'s
/// order whatever order the URL named them in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counters(Vec<Counter>);

impl Counters {
    pub fn parse(raw: &str) -> Result<Counters, Problem> {
        let mut chosen = Vec::new();
        for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let counter = Counter::ALL.into_iter().find(|c| c.name() == name);
            chosen.push(counter.ok_or_else(|| Problem::OneOf {
                allowed: Counter::ALL.map(|c| c.name().to_owned()).to_vec(),
            })?);
        }
        Counters::of(chosen).ok_or(Problem::Required)
    }

    /// `None` for an empty choice.
    pub fn of(mut counters: Vec<Counter>) -> Option<Counters> {
        counters.sort();
        counters.dedup();
        (!counters.is_empty()).then_some(Counters(counters))
    }

    pub fn iter(&self) -> impl Iterator<Item = Counter> + '_ {
        self.0.iter().copied()
    }

    fn name_list(&self) -> String {
        self.iter().map(Counter::name).collect::<Vec<_>>().join(",")
    }
}

impl Default for Counters {
    /// Verified hours this year and who is on duty now: the programme's headline.
    fn default() -> Self {
        Counters(vec![Counter::Verified, Counter::OnDuty])
    }
}

/// The colour a site gives a widget's buttons and figures. White text must stay
/// readable on it (WCAG AA, 4.5:1), which also keeps it readable as text on white.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accent([u8; 3]);

impl Accent {
    /// `#rrggbb`, with or without the `#` (URLs carry it without).
    pub fn parse(raw: &str) -> Result<Accent, Problem> {
        let hex = raw.trim().trim_start_matches('#');
        let channel = |i: usize| {
            (hex.get(i..i + 2))
                .filter(|pair| pair.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        };
        let accent = match (hex.len(), channel(0), channel(2), channel(4)) {
            (6, Some(r), Some(g), Some(b)) => Accent([r, g, b]),
            _ => return Err(Problem::NotAColour),
        };
        if accent.contrast_with_white() < 4.5 {
            return Err(Problem::LowContrast);
        }
        Ok(accent)
    }

    /// `#rrggbb`, for CSS and colour inputs.
    pub fn css(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// WCAG 2 contrast ratio against white.
    fn contrast_with_white(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0.map(linear);
        let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        1.05 / (luminance + 0.05)
    }
}

/// A widget with its options: what an `/embed/…` URL says.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed {
    pub widget: Widget,
    /// `None`: the visitor's browser language decides.
    pub lang: Option<Reading>,
    /// Less room: the map without its list and filters, the counter in one line.
    pub compact: bool,
    pub accent: Option<Accent>,
}

/// Why an `/embed/…` URL names no widget we can show.
#[derive(Clone, Debug, PartialEq)]
pub enum EmbedError {
    /// No such widget (or point id that is not a number): a 404.
    UnknownWidget,
    /// A widget with options that do not parse: a 400 naming each parameter.
    Invalid(Vec<(String, Problem)>),
}

impl Embed {
    /// Reads an `/embed/…` path and its query parameters (`get` looks one up by name).
    pub fn parse(path: &str, get: impl Fn(&str) -> Option<String>) -> Result<Embed, EmbedError> {
        let mut errors = Vec::new();
        let mut field = |name: &str, problem: Problem| errors.push((name.to_owned(), problem));
        let rest = path
            .strip_prefix("/embed/")
            .ok_or(EmbedError::UnknownWidget)?;
        let widget = match rest.split('/').collect::<Vec<_>>().as_slice() {
            ["map"] => Widget::Map {
                sub_district: enum_param(&get, "sub_district", &SubDistrict::ALL, &mut field),
                category: enum_param(&get, "category", &PointCategory::ALL, &mut field),
            },
            ["counter"] => {
                let query = ScopeQuery {
                    point: get("point"),
                    team: get("team"),
                    unit: get("unit"),
                };
                let scope = query.parse().unwrap_or_else(|problems| {
                    for (name, problem) in problems {
                        field(&name, problem);
                    }
                    Scope::District
                });
                let counters = match get("show").map(|raw| Counters::parse(&raw)) {
                    None => Counters::default(),
                    Some(Ok(counters)) => counters,
                    Some(Err(problem)) => {
                        field("show", problem);
                        Counters::default()
                    }
                };
                Widget::Counter { scope, counters }
            }
            ["signup", id] => match id.parse::<i64>() {
                Ok(id) if id > 0 => Widget::Signup { point: PointId(id) },
                _ => return Err(EmbedError::UnknownWidget),
            },
            _ => return Err(EmbedError::UnknownWidget),
        };
        let lang = get("lang").and_then(|tag| {
            let reading = Reading::from_tag(&tag);
            if reading.is_none() {
                field("lang", one_of(&LANG_PARAMS));
            }
            reading
        });
        let compact = match get("compact").as_deref() {
            None | Some("0") => false,
            Some("1") => true,
            Some(_) => {
                field("compact", one_of(&["0", "1"]));
                false
            }
        };
        let accent = (get("accent").map(|raw| Accent::parse(&raw)))
            .transpose()
            .unwrap_or_else(|problem| {
                field("accent", problem);
                None
            });
        if !errors.is_empty() {
            return Err(EmbedError::Invalid(errors));
        }
        Ok(Embed {
            widget,
            lang,
            compact,
            accent,
        })
    }

    /// `/embed/map`, `/embed/counter` or `/embed/signup/{point}`.
    pub fn path(&self) -> String {
        match &self.widget {
            Widget::Map { .. } => "/embed/map".into(),
            Widget::Counter { .. } => "/embed/counter".into(),
            Widget::Signup { point } => format!("/embed/signup/{}", point.0),
        }
    }

    /// The path with its query string: what [`Embed::parse`] reads back. Every value is
    /// a name, a number or hex digits, so nothing needs escaping.
    pub fn path_and_query(&self) -> String {
        let mut params: Vec<String> = Vec::new();
        match &self.widget {
            Widget::Map {
                sub_district,
                category,
            } => {
                params.extend(sub_district.map(|d| format!("sub_district={}", snake_name(&d))));
                params.extend(category.map(|c| format!("category={}", snake_name(&c))));
            }
            Widget::Counter { scope, counters } => {
                params.extend(Some(ScopeQuery::query_string(*scope)).filter(|q| !q.is_empty()));
                if *counters != Counters::default() {
                    params.push(format!("show={}", counters.name_list()));
                }
            }
            Widget::Signup { .. } => {}
        }
        params.extend(
            self.lang
                .map(|reading| format!("lang={}", lang_param(reading))),
        );
        if self.compact {
            params.push("compact=1".into());
        }
        params.extend(self.accent.map(|a| format!("accent={}", &a.css()[1..])));
        match params.is_empty() {
            true => self.path(),
            false => format!("{}?{}", self.path(), params.join("&")),
        }
    }

    /// The frame's accessible name in `lang` (for a reader of Traditional characters,
    /// converted by the caller, who has the conversion).
    pub fn title(&self, lang: Lang) -> &'static str {
        match (&self.widget, lang) {
            (Widget::Map { .. }, Lang::Zh) => "湖里区学雷锋志愿服务点地图",
            (Widget::Map { .. }, Lang::En) => "Map of Huli's Lei Feng volunteer service points",
            (Widget::Counter { .. }, Lang::Zh) => "湖里区志愿服务时长实时统计",
            (Widget::Counter { .. }, Lang::En) => "Huli volunteer hours, live",
            (Widget::Signup { .. }, Lang::Zh) => "湖里区学雷锋志愿服务报名",
            (Widget::Signup { .. }, Lang::En) => "Sign up for Lei Feng volunteer service in Huli",
        }
    }

    /// The frame's height before the widget says how tall it is (and for a plain
    /// iframe, for good), in CSS pixels.
    pub fn initial_height(&self) -> u32 {
        match (&self.widget, self.compact) {
            (Widget::Map { .. }, true) => 360,
            (Widget::Map { .. }, false) => 720,
            (Widget::Counter { .. }, true) => 96,
            (Widget::Counter { .. }, false) => 200,
            (Widget::Signup { .. }, _) => 640,
        }
    }

    /// A plain `<iframe>` for `origin` (`https://host`), for sites that allow no scripts;
    /// `title` is its accessible name ([`Embed::title`], in the widget's reading).
    pub fn iframe_snippet(&self, origin: &str, title: &str) -> String {
        format!(
            r#"<iframe src="{origin}{}" title="{title}" loading="lazy" width="100%" height="{}" style="display:block;max-width:100%;border:0"></iframe>"#,
            self.path_and_query().replace('&', "&amp;"),
            self.initial_height(),
        )
    }

    /// A placeholder and our loader script, which frames the widget and keeps the frame
    /// as tall as its content.
    pub fn loader_snippet(&self, origin: &str, title: &str) -> String {
        format!(
            "<div data-huli-embed=\"{}\" data-title=\"{title}\" data-height=\"{}\"></div>\n\
             <script src=\"{origin}{LOADER_PATH}\" async></script>",
            self.path_and_query().replace('&', "&amp;"),
            self.initial_height(),
        )
    }
}

/// The sites allowed to frame our widgets, as `GET /api/embed/sites` lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSites {
    /// Origins such as `https://www.huli.gov.cn`.
    pub sites: Vec<SiteOrigin>,
}

/// A website's origin: `http` or `https`, a host name or IPv4 address, an optional port,
/// lower case and nothing after it. This is what browsers compare in `frame-ancestors`
/// and in a message's `origin`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct SiteOrigin(String);

impl SiteOrigin {
    pub fn parse(raw: &str) -> Result<SiteOrigin, Problem> {
        let lower = raw.trim().to_ascii_lowercase();
        let lower = lower.strip_suffix('/').unwrap_or(&lower);
        let (scheme, authority) = lower.split_once("://").ok_or(Problem::NotAnOrigin)?;
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let host_ok = !host.is_empty()
            && host.len() <= 253
            && (host.split('.')).all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
        match (scheme, host_ok && port_ok) {
            ("http" | "https", true) => Ok(SiteOrigin(lower.to_owned())),
            _ => Err(Problem::NotAnOrigin),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SiteOrigin {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        SiteOrigin::parse(&raw).map_err(|problem| problem.message(Lang::En))
    }
}

impl From<SiteOrigin> for String {
    fn from(origin: SiteOrigin) -> String {
        origin.0
    }
}

impl std::fmt::Display for SiteOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What `lang=` takes: Simplified Chinese keeps its short name of the first widgets'
/// URLs, which district sites already carry.
const LANG_PARAMS: [&str; 3] = ["zh", "zh-Hant", "en"];

fn lang_param(reading: Reading) -> &'static str {
    match reading {
        Reading::Simplified => LANG_PARAMS[0],
        Reading::Traditional | Reading::English => reading.tag(),
    }
}

fn one_of(allowed: &[&str]) -> Problem {
    Problem::OneOf {
        allowed: allowed.iter().map(|a| (*a).to_owned()).collect(),
    }
}

/// An enum's serde name (`metro_station`), as in the JSON and in the URLs.
fn snake_name(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An optional enum parameter by its serde name; a wrong name is noted, not guessed.
fn enum_param<T: Serialize + Copy>(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    all: &[T],
    field: &mut impl FnMut(&str, Problem),
) -> Option<T> {
    let raw = get(name)?;
    let found = all.iter().copied().find(|v| snake_name(v) == raw);
    if found.is_none() {
        let allowed = all.iter().map(snake_name).collect();
        field(name, Problem::OneOf { allowed });
    }
    found
}

#[cfg(test)]
mod tests;
