//! `/staff/embed`: the snippet generator. Staff pick a widget and its options, see it
//! live as the district site will, and copy either snippet: a plain iframe, or our
//! loader script, which keeps the frame as tall as the widget.

use crate::api::{self, ApiError};
use crate::components::embed_preview::EmbedPreview;
use crate::components::layout::set_title;
use crate::components::radio_choice::RadioChoice;
use crate::components::staff_gate::StaffGate;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::embed::{Accent, Counter, Counters, Embed, Widget};
use huli_contract::{
    Lang, LocalizedText, PointCategory, PointId, Reading, Scope, SubDistrict, TeamId,
};
use leptos::prelude::*;

/// Our red: the widgets' colour unless a site picks its own.
const DEFAULT_ACCENT: &str = "#b91c1c";

#[component]
pub fn StaffEmbedPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, embed_title).to_owned());
    view! {
        <h1>{t!(i18n, embed_title)}</h1>
        <StaffGate page=|_| view! { <Generator /> } />
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Counter,
    Signup,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    District,
    Point,
    Team,
    Unit,
}

#[component]
fn Generator() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    let teams = LocalResource::new(move || api::teams(i18n.get_locale_untracked()));
    let units = LocalResource::new(move || api::managed_units(i18n.get_locale_untracked()));

    let kind = RwSignal::new(Kind::Counter);
    let sub_district = RwSignal::new(None::<SubDistrict>);
    let category = RwSignal::new(None::<PointCategory>);
    let scope_kind = RwSignal::new(ScopeKind::District);
    let scope_id = RwSignal::new(String::new());
    // Another kind of scope: the id chosen for the last one names something else.
    Effect::watch(
        move || scope_kind.get(),
        move |_, _, _| scope_id.set(String::new()),
        false,
    );
    let counters = RwSignal::new(Counters::default().iter().collect::<Vec<_>>());
    let point = RwSignal::new(String::from("1"));
    let lang = RwSignal::new(None::<Reading>);
    let compact = RwSignal::new(false);
    let accent = RwSignal::new(DEFAULT_ACCENT.to_owned());

    // What the form says, or why it says nothing embeddable yet.
    let embed = Memo::new(move |_| -> Result<Embed, String> {
        let lang_now = api::lang_of(locale());
        let id = || scope_id.get().parse::<i64>().ok().filter(|id| *id > 0);
        let widget = match kind.get() {
            Kind::Map => Widget::Map {
                sub_district: sub_district.get(),
                category: category.get(),
            },
            Kind::Counter => {
                let scope = match (scope_kind.get(), id()) {
                    (ScopeKind::District, _) => Scope::District,
                    (ScopeKind::Point, Some(id)) => Scope::Point(PointId(id)),
                    (ScopeKind::Team, Some(id)) => Scope::Team(TeamId(id)),
                    (ScopeKind::Unit, Some(id)) => Scope::Unit(id),
                    (_, None) => return Err(t_string!(i18n, embed_choose_scope).to_owned()),
                };
                let counters = Counters::of(counters.get())
                    .ok_or_else(|| t_string!(i18n, embed_choose_counter).to_owned())?;
                Widget::Counter { scope, counters }
            }
            Kind::Signup => match point.get().parse::<i64>() {
                Ok(id) if id > 0 => Widget::Signup { point: PointId(id) },
                _ => return Err(t_string!(i18n, embed_choose_scope).to_owned()),
            },
        };
        let accent = match accent.get() {
            colour if colour.eq_ignore_ascii_case(DEFAULT_ACCENT) => None,
            colour => Some(Accent::parse(&colour).map_err(|problem| {
                crate::language::written(locale(), problem.message(lang_now))
            })?),
        };
        Ok(Embed {
            widget,
            lang: lang.get(),
            compact: compact.get(),
            accent,
        })
    });

    // The options of the scope's list, each `(id, name)`.
    let scope_options = move || -> Vec<(i64, String)> {
        let lang = api::lang_of(locale());
        match scope_kind.get() {
            ScopeKind::District => Vec::new(),
            ScopeKind::Point => choices(points.get(), lang, |p| (p.id.0, &p.name)),
            ScopeKind::Team => choices(teams.get(), lang, |t| (t.id.0, &t.name)),
            ScopeKind::Unit => choices(units.get(), lang, |u| (u.unit.id, &u.unit.name)),
        }
    };
    let point_options = move || {
        (choices(points.get(), api::lang_of(locale()), |p| (p.id.0, &p.name)).into_iter())
            .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
            .collect_view()
    };
    let counter_box = move |counter: Counter| {
        let checked = move || counters.with(|c| c.contains(&counter));
        let toggle = move |_| {
            counters.update(|c| match c.iter().position(|x| *x == counter) {
                Some(i) => {
                    c.remove(i);
                }
                None => c.push(counter),
            })
        };
        view! {
            <label class="choice">
                <input type="checkbox" prop:checked=checked on:change=toggle />
                {move || crate::language::written(locale(), counter.label(api::lang_of(locale())))}
            </label>
        }
    };

    view! {
        <p>{t!(i18n, embed_intro)}</p>
        <div class="embed-generator">
            <form class="embed-options" on:submit=|event| event.prevent_default()>
                <fieldset>
                    <legend>{t!(i18n, embed_widget)}</legend>
                    {move || view! { <RadioChoice name="embed-widget" selected=kind value=Kind::Map label=t_string!(i18n, embed_widget_map) /> }}
                    {move || view! { <RadioChoice name="embed-widget" selected=kind value=Kind::Counter label=t_string!(i18n, embed_widget_counter) /> }}
                    {move || view! { <RadioChoice name="embed-widget" selected=kind value=Kind::Signup label=t_string!(i18n, embed_widget_signup) /> }}
                </fieldset>
                <Show when=move || kind.get() == Kind::Map>
                    <label for="embed-sub-district">{t!(i18n, embed_sub_district)}</label>
                    <select id="embed-sub-district" on:change=move |e| sub_district.set(
                        SubDistrict::ALL.into_iter().find(|d| format!("{d:?}") == event_target_value(&e)))>
                        <option value="">{t!(i18n, embed_all)}</option>
                        {SubDistrict::ALL.map(|d| view! { <option value=format!("{d:?}")>{move || labels::sub_district(locale(), d)}</option> }).to_vec()}
                    </select>
                    <label for="embed-category">{t!(i18n, embed_category)}</label>
                    <select id="embed-category" on:change=move |e| category.set(
                        PointCategory::ALL.into_iter().find(|c| format!("{c:?}") == event_target_value(&e)))>
                        <option value="">{t!(i18n, embed_all)}</option>
                        {PointCategory::ALL.map(|c| view! { <option value=format!("{c:?}")>{move || labels::category(locale(), c)}</option> }).to_vec()}
                    </select>
                </Show>
                <Show when=move || kind.get() == Kind::Counter>
                    <fieldset>
                        <legend>{t!(i18n, embed_scope)}</legend>
                        {move || view! { <RadioChoice name="embed-scope" selected=scope_kind value=ScopeKind::District label=t_string!(i18n, embed_scope_district) /> }}
                        {move || view! { <RadioChoice name="embed-scope" selected=scope_kind value=ScopeKind::Point label=t_string!(i18n, embed_scope_point) /> }}
                        {move || view! { <RadioChoice name="embed-scope" selected=scope_kind value=ScopeKind::Team label=t_string!(i18n, embed_scope_team) /> }}
                        {move || view! { <RadioChoice name="embed-scope" selected=scope_kind value=ScopeKind::Unit label=t_string!(i18n, embed_scope_unit) /> }}
                    </fieldset>
                    <Show when=move || scope_kind.get() != ScopeKind::District>
                        <label for="embed-scope-id">{t!(i18n, embed_scope_which)}</label>
                        <select id="embed-scope-id" on:change=move |e| scope_id.set(event_target_value(&e))>
                            <option value="">"—"</option>
                            {move || scope_options().into_iter().map(|(id, name)| view! {
                                <option value=id.to_string() prop:selected=move || scope_id.get() == id.to_string()>{name}</option>
                            }).collect_view()}
                        </select>
                    </Show>
                    <fieldset>
                        <legend>{t!(i18n, embed_counters)}</legend>
                        {Counter::ALL.map(counter_box).to_vec()}
                    </fieldset>
                </Show>
                <Show when=move || kind.get() == Kind::Signup>
                    <label for="embed-point">{t!(i18n, embed_scope_point)}</label>
                    <select id="embed-point" on:change=move |e| point.set(event_target_value(&e))>
                        {point_options}
                    </select>
                </Show>
                <label for="embed-lang">{t!(i18n, embed_language)}</label>
                <select id="embed-lang" on:change=move |e| lang.set(Reading::from_tag(&event_target_value(&e)))>
                    <option value="">{t!(i18n, embed_language_visitor)}</option>
                    // Each in its own script, as the site's language switch names them.
                    <option value=Reading::Simplified.tag() lang="zh-Hans">"简体中文"</option>
                    <option value=Reading::Traditional.tag() lang="zh-Hant">"繁體中文"</option>
                    <option value=Reading::English.tag() lang="en">"English"</option>
                </select>
                <label class="choice">
                    <input type="checkbox" prop:checked=move || compact.get()
                        on:change=move |e| compact.set(event_target_checked(&e)) />
                    {t!(i18n, embed_compact)}
                </label>
                <label for="embed-accent">{t!(i18n, embed_accent)}</label>
                <input id="embed-accent" type="color" prop:value=move || accent.get()
                    on:input=move |e| accent.set(event_target_value(&e)) />
            </form>
            <div class="embed-result">
                {move || match embed.get() {
                    Ok(embed) => view! { <EmbedPreview embed /> }.into_any(),
                    Err(problem) => view! { <p class="field-error" role="alert">{problem}</p> }.into_any(),
                }}
                <AllowedSites />
            </div>
        </div>
    }
}

/// The configured sites: a frame on any other is refused by the browser.
#[component]
fn AllowedSites() -> impl IntoView {
    let i18n = use_i18n();
    let sites = LocalResource::new(move || api::embed_sites(i18n.get_locale_untracked()));
    view! {
        <section aria-labelledby="embed-sites-heading">
            <h2 id="embed-sites-heading">{t!(i18n, embed_sites_heading)}</h2>
            {move || sites.get().map(|sites| match sites.map(|s| s.sites) {
                Ok(sites) if sites.is_empty() => view! { <p>{t!(i18n, embed_sites_none)}</p> }.into_any(),
                Ok(sites) => view! {
                    <ul data-testid="embed-sites">
                        {sites.into_iter().map(|site| view! { <li><code>{site.to_string()}</code></li> }).collect_view()}
                    </ul>
                    <p class="note">{t!(i18n, embed_sites_note)}</p>
                }.into_any(),
                Err(_) => ().into_any(),
            })}
        </section>
    }
}

/// `(id, name)` of each item loaded; none while loading or after a failure.
fn choices<T>(
    loaded: Option<Result<Vec<T>, ApiError>>,
    lang: Lang,
    entry: impl Fn(&T) -> (i64, &LocalizedText),
) -> Vec<(i64, String)> {
    (loaded.and_then(Result::ok).unwrap_or_default().iter())
        .map(|item| {
            let (id, name) = entry(item);
            (id, name.get(lang).to_owned())
        })
        .collect()
}
