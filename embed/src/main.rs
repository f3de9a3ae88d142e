//! The live hours counter that district websites embed (`/embed/counter`). It is built
//! apart from the app, with plain DOM calls instead of Leptos, so that a page showing
//! one figure downloads tens of kilobytes rather than the whole app.
//!
//! The figures come from `/api/live` as whole snapshots; the browser's EventSource
//! reconnects by itself after a drop, and the next snapshot brings everything up to date.
//!
//! It reads in Simplified Chinese, Traditional Chinese or English: the URL's `lang`,
//! else the browser's languages. Its Traditional words come from a table `build.rs`
//! makes.

use huli_contract::embed::{Counter, Embed, Widget};
use huli_contract::lang::written_with;
use huli_contract::numbers::{grouped, headline};
use huli_contract::{Lang, Reading, Scope, ScopeQuery, Stats};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, EventSource, MessageEvent, UrlSearchParams};

include!(concat!(env!("OUT_DIR"), "/traditional_words.rs"));

fn main() {
    if let Err(error) = start() {
        web_sys::console::error_1(&error);
    }
}

fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let location = window.location();
    let params = UrlSearchParams::new_with_str(&location.search()?)?;
    let embed = Embed::parse(&location.pathname()?, |name| params.get(name));
    // The server answers a bad URL with a 400 before this runs; this is for a copy of
    // the page saved elsewhere.
    let Ok(Embed {
        widget: Widget::Counter { scope, counters },
        lang,
        compact,
        accent,
    }) = embed
    else {
        return Err("not a counter URL".into());
    };
    let reading = lang.unwrap_or_else(huli_embed::browser_reading);

    let root = document.document_element().ok_or("no root element")?;
    root.set_attribute("lang", reading.tag())?;
    if compact {
        root.class_list().add_1("compact")?;
    }
    if let (Some(accent), Some(root)) = (accent, root.dyn_ref::<web_sys::HtmlElement>()) {
        // Through the CSSOM, which the page's style-src 'self' allows.
        root.style().set_property("--accent", &accent.css())?;
    }
    let counters: Vec<Counter> = counters.iter().collect();
    let drawn = draw(&document, reading, scope, &counters)?;
    subscribe(scope, reading, counters, drawn)?;
    huli_embed::frame::answer_the_loader();
    Ok(())
}

/// `text`, written here in `reading`'s language, as its reader reads it.
fn written(reading: Reading, text: &str) -> String {
    match reading {
        Reading::Traditional => written_with(TRADITIONAL_WORDS, text),
        Reading::Simplified | Reading::English => text.to_owned(),
    }
}

/// The elements the live figures are written into.
struct Drawn {
    /// One per counter, in the counters' order.
    figures: Vec<Element>,
    /// Says when the figures are not live.
    note: Element,
}

/// The widget's markup.
fn draw(
    document: &Document,
    reading: Reading,
    scope: Scope,
    counters: &[Counter],
) -> Result<Drawn, JsValue> {
    let body = document.body().ok_or("no body")?;
    let element = |tag: &str, class: &str, text: &str| -> Result<Element, JsValue> {
        let element = document.create_element(tag)?;
        element.set_class_name(class);
        element.set_text_content(Some(&written(reading, text)));
        Ok(element)
    };
    let lang = reading.lang();
    let (site, heading) = match lang {
        Lang::Zh => ("湖里学雷锋志愿服务", scope_heading_zh(scope)),
        Lang::En => ("Huli Lei Feng volunteer service", scope_heading_en(scope)),
    };
    document.set_title(&written(reading, &format!("{heading} · {site}")));
    let section = element("main", "counter", "")?;
    let title = element("h1", "counter-heading", heading)?;
    title.set_id("counter-heading");
    section.append_child(&title)?;
    let list = element("dl", "figures", "")?;
    let mut figures = Vec::new();
    for counter in counters {
        let item = element("div", "figure", "")?;
        let label = element("dt", "label", counter.label(lang))?;
        item.append_child(&label)?;
        let value = element("dd", "value", "…")?;
        value.set_attribute("data-counter", counter.name())?;
        item.append_child(&value)?;
        list.append_child(&item)?;
        figures.push(value);
    }
    section.append_child(&list)?;
    let note = element("p", "note", "")?;
    note.set_attribute("role", "status")?;
    section.append_child(&note)?;
    // Where a reader goes for more; a new tab, so the embedding page stays.
    let more = element("a", "more", site)?;
    more.set_attribute("href", "/")?;
    more.set_attribute("target", "_blank")?;
    more.set_attribute("rel", "noopener")?;
    section.append_child(&more)?;
    body.append_child(&section)?;
    Ok(Drawn { figures, note })
}

fn scope_heading_zh(scope: Scope) -> &'static str {
    match scope {
        Scope::District => "湖里区志愿服务时长",
        Scope::Point(_) => "本服务点志愿服务时长",
        Scope::Team(_) => "本队志愿服务时长",
        Scope::Unit(_) => "本单位志愿服务时长",
    }
}

fn scope_heading_en(scope: Scope) -> &'static str {
    match scope {
        Scope::District => "Volunteer hours in Huli",
        Scope::Point(_) => "Volunteer hours at this point",
        Scope::Team(_) => "Volunteer hours of this team",
        Scope::Unit(_) => "Volunteer hours of this unit",
    }
}

/// Opens the live stream and writes each snapshot into the figures. After a dropped
/// connection EventSource tries again by itself; a refusal (no such point, say) ends it.
fn subscribe(
    scope: Scope,
    reading: Reading,
    counters: Vec<Counter>,
    drawn: Drawn,
) -> Result<(), JsValue> {
    let lang = reading.lang();
    let Drawn { figures, note } = drawn;
    let query = ScopeQuery::query_string(scope);
    let url = match query.is_empty() {
        true => "/api/live".to_owned(),
        false => format!("/api/live?{query}"),
    };
    let source = EventSource::new(&url)?;
    let stats_note = note.clone();
    let on_stats = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let snapshot = event.data().as_string();
        let Some(stats) = snapshot.and_then(|s| serde_json::from_str::<Stats>(&s).ok()) else {
            return;
        };
        for (counter, figure) in counters.iter().zip(&figures) {
            figure.set_text_content(Some(&written(reading, &value(&stats, *counter, lang))));
        }
        stats_note.set_text_content(None);
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let ended = (event.target())
            .and_then(|target| target.dyn_into::<EventSource>().ok())
            .is_some_and(|source| source.ready_state() == EventSource::CLOSED);
        let text = match (ended, lang) {
            (true, Lang::Zh) => "统计数据暂时无法显示。",
            (true, Lang::En) => "The figures cannot be shown right now.",
            (false, Lang::Zh) => "实时数据连接中断，正在重新连接…",
            (false, Lang::En) => "Live figures paused; reconnecting…",
        };
        note.set_text_content(Some(&written(reading, text)));
    });
    source.add_event_listener_with_callback("stats", on_stats.as_ref().unchecked_ref())?;
    source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())?;
    // The stream and its handlers live as long as the page.
    on_stats.forget();
    on_error.forget();
    std::mem::forget(source);
    Ok(())
}

fn value(stats: &Stats, counter: Counter, lang: Lang) -> String {
    let figures = &stats.figures;
    match counter {
        Counter::Verified => headline(lang, figures.verified_minutes_this_year.whole_hours()),
        Counter::LastTwelveMonths => {
            headline(lang, figures.verified_minutes_last_12_months.whole_hours())
        }
        Counter::OnDuty => grouped(figures.on_duty_now.into()),
        Counter::Pending => grouped(figures.pending_minutes_this_year.whole_hours()),
    }
}
