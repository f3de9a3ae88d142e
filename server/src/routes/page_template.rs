//! Trunk's `index.html` made into one page: its language, its own head, its first
//! screen and the data that screen was drawn from.

use super::manifest;
use huli_app::preloaded;
use huli_app::server_render::{self, Head};
use huli_contract::Reading;

/// `template` (Trunk's `index.html`) with the page's language, head and first screen.
pub(super) fn fill(
    template: &str,
    reading: Reading,
    head: &Head,
    body: &str,
    json: &str,
) -> String {
    let title = escape(&head.title);
    let description = escape(&head.description);
    // The site's own picture for a page without one of its own.
    let image = escape(head.image.as_deref().unwrap_or("/share.png"));
    let og_type = if head.article { "article" } else { "website" };
    let og_locale = match reading {
        Reading::Simplified => "zh_CN",
        Reading::Traditional => "zh_TW",
        Reading::English => "en_US",
    };
    let head_tags = format!(
        "<title>{title}</title>\
         <meta name=\"description\" content=\"{description}\">\
         <meta property=\"og:type\" content=\"{og_type}\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta property=\"og:image\" content=\"{image}\">\
         <meta property=\"og:locale\" content=\"{og_locale}\">"
    );
    let mut page = template.to_owned();
    // Trunk minifies the template (unquoted attributes, in any order), so tags are found
    // by what they are, not by how they are written.
    let lang_code = server_render::language_code(reading);
    replace_tag(&mut page, "<html", &format!("<html lang=\"{lang_code}\">"));
    let description = (page.find("name=description"))
        .or_else(|| page.find("name=\"description\""))
        .and_then(|name| page[..name].rfind("<meta"));
    if let Some(start) = description {
        replace_tag_at(&mut page, start, "");
    }
    replace_once(&mut page, "<title>", "</title>", &head_tags);
    page = page.replacen(manifest::PATH, &manifest::link_for(reading), 1);
    // The first screen opens the body, in place of the "needs JavaScript" note; the
    // data closes it.
    replace_once(&mut page, "<noscript>", "</noscript>", "");
    let body_start = (page.find("<body")).and_then(|tag| Some(tag + page[tag..].find('>')? + 1));
    if let Some(at) = body_start {
        page.insert_str(at, body);
    }
    let data = format!(
        "<script id=\"{}\" type=\"application/json\">{}</script>",
        preloaded::ELEMENT_ID,
        // `<` only occurs inside JSON strings, where `\u003c` means the same: the data
        // can never close the script element.
        json.replace('<', "\\u003c")
    );
    if let Some(end) = page.rfind("</body>") {
        page.insert_str(end, &data);
    }
    page
}

/// Replaces the first tag that starts with `start` (up to its `>`) with `with`.
fn replace_tag(page: &mut String, start: &str, with: &str) {
    if let Some(at) = page.find(start) {
        replace_tag_at(page, at, with);
    }
}

fn replace_tag_at(page: &mut String, at: usize, with: &str) {
    if let Some(length) = page[at..].find('>') {
        page.replace_range(at..=at + length, with);
    }
}

/// Replaces the first stretch of `page` from `start` to the next `end` (both included)
/// with `with`; nothing if there is none.
fn replace_once(page: &mut String, start: &str, end: &str, with: &str) {
    let Some(from) = page.find(start) else {
        return;
    };
    if let Some(length) = page[from..].find(end) {
        page.replace_range(from..from + length + end.len(), with);
    }
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">\
        <meta name=\"description\" content=\"generic\"><title>generic</title>\
        <script type=\"module\">import init from '/app.js'</script></head>\
        <body><noscript>needs JavaScript</noscript></body></html>";

    #[test]
    fn a_page_gets_its_language_head_first_screen_and_data() {
        let head = Head {
            title: "A \"point\" & <more>".into(),
            description: "Its address".into(),
            image: None,
            article: false,
        };
        let page = fill(
            TEMPLATE,
            Reading::English,
            &head,
            "<main>drawn</main>",
            r#"{"a":"</script>"}"#,
        );
        assert!(page.starts_with("<!doctype html><html lang=\"en\"><head>"));
        assert!(page.contains("<title>A &quot;point&quot; &amp; &lt;more&gt;</title>"));
        assert!(page.contains("<meta property=\"og:description\" content=\"Its address\">"));
        assert!(page.contains("<meta property=\"og:type\" content=\"website\">"));
        assert!(page.contains("<meta property=\"og:image\" content=\"/share.png\">"));
        assert!(!page.contains("generic"));
        assert!(!page.contains("noscript"));
        assert!(page.contains("<script type=\"module\">import init from '/app.js'</script>"));
        assert!(page.contains(
            "<body><main>drawn</main><script id=\"huli-first-screen\" type=\"application/json\">\
             {\"a\":\"\\u003c/script>\"}</script></body></html>"
        ));
    }

    #[test]
    fn a_minified_template_is_filled_the_same() {
        let minified = "<!doctype html><html lang=zh-Hans><meta charset=utf-8>\
            <meta content=\"generic, with a comma\" name=description><title>generic</title>\
            <body><noscript>needs JavaScript</noscript></body></html>";
        let head = Head {
            title: "Title".into(),
            description: "Description".into(),
            image: None,
            article: false,
        };
        let page = fill(minified, Reading::Simplified, &head, "<main></main>", "{}");
        assert!(page.starts_with(
            "<!doctype html><html lang=\"zh\"><meta charset=utf-8><title>Title</title>"
        ));
        assert!(!page.contains("generic"));
        assert!(page.contains("<body><main></main><script id="));
    }

    #[test]
    fn a_traditional_page_links_the_manifest_in_traditional() {
        let minified = "<!doctype html><html lang=zh-Hans><meta charset=utf-8>\
            <link href=/manifest.webmanifest rel=manifest><title>generic</title><body></body>";
        let head = Head {
            title: "Title".into(),
            description: "Description".into(),
            image: None,
            article: false,
        };
        let linked = |reading| fill(minified, reading, &head, "", "{}");
        let traditional = linked(Reading::Traditional);
        assert!(
            traditional.contains("<link href=/manifest.webmanifest?lang=zh-Hant rel=manifest>")
        );
        for reading in [Reading::Simplified, Reading::English] {
            assert!(linked(reading).contains("<link href=/manifest.webmanifest rel=manifest>"));
        }
    }

    #[test]
    fn a_story_is_previewed_as_an_article_with_its_photo() {
        let photo = format!("/api/stories/photos/{}", "ab".repeat(32));
        let head = Head {
            title: "渡口的“活地图” · 湖里".into(),
            description: "十年来，他每个周末都在轮渡码头。".into(),
            image: Some(photo.clone()),
            article: true,
        };
        let page = fill(TEMPLATE, Reading::Simplified, &head, "<main></main>", "{}");
        assert!(page.contains(&format!("<meta property=\"og:image\" content=\"{photo}\">")));
        assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
        assert!(!page.contains("/share.png"));
    }
}
