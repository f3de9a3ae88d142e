//! The frame around every page: skip link, header with navigation and language switch,
//! the main landmark, and the footer.

use crate::components::offline_notice::OfflineNotice;
use crate::components::site_link::SiteLink;
use crate::i18n::{Locale, t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // The visitor's choice, else the language the server drew the first screen in. An
    // effect, not a plain call: the i18n context applies the browser's language in an
    // effect of its own when it starts, which would otherwise override this choice.
    Effect::new(move || {
        let chosen = crate::language::remembered()
            .or_else(|| crate::preloaded::reading().map(crate::language::locale_of));
        // Only a change: setting the same language would draw the page's text anew.
        if let Some(locale) = chosen.filter(|locale| *locale != i18n.get_locale_untracked()) {
            i18n.set_locale(locale);
        }
    });
    // A move to another page (not the first, nor a change of the map's filters) takes
    // the focus to the new page's heading.
    let pathname = leptos_router::hooks::use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            crate::browser::focus_page_heading();
        }
        path
    });
    let choose = move |locale: Locale| {
        i18n.set_locale(locale);
        crate::language::remember(locale);
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <SiteLink href="/" class="brand">
                <span class="brand-name">{t!(i18n, site_name)}</span>
                <span class="brand-tagline">{t!(i18n, site_tagline)}</span>
            </SiteLink>
            <nav aria-label=move || t_string!(i18n, nav_label)>
                <ul>
                    <li><SiteLink href="/">{t!(i18n, nav_points)}</SiteLink></li>
                    <li><SiteLink href="/stories">{t!(i18n, nav_stories)}</SiteLink></li>
                    <li><SiteLink href="/shifts">{t!(i18n, nav_shifts)}</SiteLink></li>
                    <li><SiteLink href="/trainings">{t!(i18n, nav_trainings)}</SiteLink></li>
                    <li><SiteLink href="/signup">{t!(i18n, nav_signup)}</SiteLink></li>
                    <li><SiteLink href="/me">{t!(i18n, nav_me)}</SiteLink></li>
                    <li><SiteLink href="/staff">{t!(i18n, nav_staff)}</SiteLink></li>
                </ul>
            </nav>
            // Each choice is written in its own language and script, and tagged so.
            <ul class="lang-switch" role="list" aria-label=move || t_string!(i18n, switch_language_label)>
                {[(Locale::zh, "简体"), (Locale::zh_Hant, "繁體"), (Locale::en, "English")]
                    .into_iter()
                    .map(|(locale, name)| view! {
                        <li>
                            <button type="button" lang=crate::language::reading_of(locale).tag()
                                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                                on:click=move |_| choose(locale)>{name}</button>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </header>
        <OfflineNotice />
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_data_note)}</p>
        </footer>
    }
}

/// Sets the document title, which screen readers announce on each page change.
pub fn set_title(title: impl Fn() -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move || {
        let site = t_string!(i18n, site_name);
        document().set_title(&format!("{} · {site}", title()));
    });
}
