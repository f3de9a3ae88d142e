use super::*;
use crate::TeamId;

fn parse(url: &str) -> Result<Embed, EmbedError> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs: Vec<(String, String)> = (query.split('&'))
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Embed::parse(path, |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })
}

fn fields(result: Result<Embed, EmbedError>) -> Vec<String> {
    match result {
        Err(EmbedError::Invalid(errors)) => errors.into_iter().map(|(f, _)| f).collect(),
        other => panic!("expected invalid options, got {other:?}"),
    }
}

#[test]
fn every_widget_and_option_survives_the_round_trip() {
    let embeds = [
        Embed {
            widget: Widget::Map {
                sub_district: Some(SubDistrict::Jiangtou),
                category: Some(PointCategory::MetroStation),
            },
            lang: Some(Reading::English),
            compact: true,
            accent: Some(Accent::parse("#0b5394").unwrap()),
        },
        Embed {
            widget: Widget::Counter {
                scope: Scope::Team(TeamId(12)),
                counters: Counters::of(vec![Counter::Pending, Counter::Verified]).unwrap(),
            },
            lang: None,
            compact: false,
            accent: None,
        },
        Embed {
            widget: Widget::Counter {
                scope: Scope::District,
                counters: Counters::default(),
            },
            lang: Some(Reading::Simplified),
            compact: false,
            accent: None,
        },
        Embed {
            widget: Widget::Signup { point: PointId(7) },
            lang: Some(Reading::Traditional),
            compact: false,
            accent: None,
        },
    ];
    for embed in embeds {
        let url = embed.path_and_query();
        assert_eq!(parse(&url), Ok(embed), "{url}");
    }
    assert_eq!(
        parse("/embed/counter").unwrap().path_and_query(),
        "/embed/counter",
        "the defaults say nothing"
    );
}

#[test]
fn unknown_widgets_are_not_found_and_bad_options_are_named() {
    for url in [
        "/embed/",
        "/embed/chart",
        "/embed/signup/x",
        "/embed/signup/0",
        "/map",
    ] {
        assert_eq!(parse(url), Err(EmbedError::UnknownWidget), "{url}");
    }
    assert_eq!(
        fields(parse(
            "/embed/counter?point=abc&show=verified,bogus&lang=fr&compact=yes&accent=fff"
        )),
        ["point", "show", "lang", "compact", "accent"]
    );
    assert_eq!(fields(parse("/embed/counter?point=1&team=2")), ["team"]);
    assert_eq!(fields(parse("/embed/map?category=zoo")), ["category"]);
    assert_eq!(fields(parse("/embed/counter?show=")), ["show"]);
}

#[test]
fn counters_keep_one_order_whatever_the_url_says() {
    let counters = Counters::parse("pending, verified,pending").unwrap();
    assert_eq!(
        counters.iter().collect::<Vec<_>>(),
        [Counter::Verified, Counter::Pending]
    );
}

#[test]
fn an_accent_must_carry_white_text() {
    assert_eq!(Accent::parse("B91C1C").unwrap().css(), "#b91c1c");
    assert_eq!(Accent::parse("#1d4ed8").unwrap().css(), "#1d4ed8");
    assert_eq!(Accent::parse("#ffff00"), Err(Problem::LowContrast));
    assert_eq!(
        Accent::parse("#777777"),
        Err(Problem::LowContrast),
        "4.48:1"
    );
    assert!(Accent::parse("#767676").is_ok(), "4.54:1");
    for bad in ["", "#12345", "#1234567", "#gg0000", "红色"] {
        assert_eq!(Accent::parse(bad), Err(Problem::NotAColour), "{bad}");
    }
}

#[test]
fn origins_are_what_browsers_compare() {
    let origin = |raw| SiteOrigin::parse(raw).map(|o| o.to_string());
    assert_eq!(
        origin("https://WWW.Huli.gov.cn/").unwrap(),
        "https://www.huli.gov.cn"
    );
    assert_eq!(
        origin("http://localhost:8081").unwrap(),
        "http://localhost:8081"
    );
    assert_eq!(
        origin("http://127.0.0.1:9000").unwrap(),
        "http://127.0.0.1:9000"
    );
    for bad in [
        "www.huli.gov.cn",
        "ftp://huli.gov.cn",
        "https://huli.gov.cn/news",
        "https://huli.gov.cn:0",
        "https://huli.gov.cn:99999",
        "https://*.huli.gov.cn",
        "https://",
        "https://-bad.cn",
        "'self'",
    ] {
        assert_eq!(origin(bad), Err(Problem::NotAnOrigin), "{bad}");
    }
}

#[test]
fn snippets_escape_their_urls_and_name_their_frames() {
    let embed = parse("/embed/counter?point=3&show=verified,on_duty,pending&lang=en").unwrap();
    let iframe = embed.iframe_snippet("https://vol.huli.example", embed.title(Lang::En));
    assert!(iframe.starts_with(
        r#"<iframe src="https://vol.huli.example/embed/counter?point=3&amp;show=verified,on_duty,pending&amp;lang=en" title="Huli volunteer hours, live" loading="lazy""#
    ), "{iframe}");
    let loader = embed.loader_snippet("https://vol.huli.example", embed.title(Lang::En));
    assert!(
        loader.contains(r#"data-huli-embed="/embed/counter?point=3&amp;show"#),
        "{loader}"
    );
    assert!(loader.ends_with(r#"<script src="https://vol.huli.example/embed.js" async></script>"#));
    let map = parse("/embed/map").unwrap();
    assert!(
        map.iframe_snippet("https://h", map.title(Lang::Zh))
            .contains("title=\"湖里区学雷锋志愿服务点地图\"")
    );
}

#[test]
fn a_widget_reads_in_any_of_the_three_readings() {
    let lang = |url: &str| parse(url).unwrap().lang;
    assert_eq!(lang("/embed/map?lang=zh"), Some(Reading::Simplified));
    assert_eq!(lang("/embed/map?lang=zh-Hans"), Some(Reading::Simplified));
    assert_eq!(lang("/embed/map?lang=zh-Hant"), Some(Reading::Traditional));
    assert_eq!(lang("/embed/map?lang=en"), Some(Reading::English));
    assert_eq!(lang("/embed/map"), None);
    // Simplified Chinese keeps the name the first snippets were written with.
    let simplified = parse("/embed/map?lang=zh-Hans").unwrap();
    assert_eq!(simplified.path_and_query(), "/embed/map?lang=zh");
    match parse("/embed/map?lang=zh-TW") {
        Err(EmbedError::Invalid(errors)) => assert_eq!(
            errors,
            [(
                "lang".to_owned(),
                Problem::OneOf {
                    allowed: vec!["zh".into(), "zh-Hant".into(), "en".into()]
                }
            )]
        ),
        other => panic!("expected a refusal of lang, got {other:?}"),
    }
}
