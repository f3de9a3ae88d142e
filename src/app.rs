//! The app's builds: each a router over the shared pages, in the shared frame, and each
//! its own wasm, so that people download only what they use.
//!
//! - [`PublicApp`] (`index.html`): the map and each point's page, and the volunteers'
//!   stories, for residents. The server draws their first screen and the app takes it
//!   over.
//! - [`VolunteerApp`] (`volunteer.html`): the shifts that need people, registration,
//!   sign-up, my sign-ups and check-in, and the training sessions. The server draws
//!   their first screen too.
//! - [`StaffApp`] (`staff.html`, cargo feature `staff-console`): the console, with the
//!   residents' and volunteers' pages, so its links to them stay in the app.
//! - [`WidgetsApp`] (`widgets.html`, cargo feature `embed-widgets`): the map and the
//!   sign-up that other sites frame.
//!
//! A link to a page of another build is followed by a whole page load, which fetches
//! that build ([`Build::serves`], `components::site_link`).

use crate::components::layout::Layout;
use crate::i18n::I18nContextProvider;
use crate::pages::not_found::NotFoundPage;
use crate::pages::{
    home::HomePage, me::MePage, point::PointPage, shifts::ShiftsPage, signup::SignupPage,
    stories::StoriesPage, story::StoryPage, trainings::TrainingsPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Which build is running, and which pages each one has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    Public,
    Volunteer,
    Staff,
    Widgets,
}

impl Build {
    /// The build a visitor gets for `path` (a path, without query or fragment).
    pub fn of_path(path: &str) -> Build {
        if ["/signup", "/me", "/shifts", "/trainings"].contains(&path) {
            Build::Volunteer
        } else if path == "/staff" || path.starts_with("/staff/") {
            Build::Staff
        } else if path.starts_with("/embed/") {
            Build::Widgets
        } else {
            Build::Public
        }
    }

    /// Whether this build's router has the page `href` links to (one of our own paths,
    /// with or without a query or fragment).
    pub fn serves(self, href: &str) -> bool {
        let path = href.split(['?', '#']).next().unwrap_or_default();
        match (self, Build::of_path(path)) {
            // The console keeps every page but the widgets in the app.
            (Build::Staff, other) => other != Build::Widgets,
            (this, other) => this == other,
        }
    }
}

/// The map and each point's page, and the volunteers' stories.
#[component]
pub fn PublicApp() -> impl IntoView {
    provide_context(Build::Public);
    view! {
        <I18nContextProvider ssr_lang_header_getter=crate::preloaded::language_request()>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/points/:id") view=PointPage />
                        <Route path=path!("/stories") view=StoriesPage />
                        <Route path=path!("/stories/:id") view=StoryPage />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// Registration, sign-up, and the volunteer's own page.
#[component]
pub fn VolunteerApp() -> impl IntoView {
    provide_context(Build::Volunteer);
    view! {
        <I18nContextProvider ssr_lang_header_getter=crate::preloaded::language_request()>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/signup") view=SignupPage />
                        <Route path=path!("/shifts") view=ShiftsPage />
                        <Route path=path!("/me") view=MePage />
                        <Route path=path!("/trainings") view=TrainingsPage />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// The widgets other sites frame (`/embed/…`): only the widget, in its own frame, whose
/// links out open our site in new tabs.
#[cfg(feature = "embed-widgets")]
#[component]
pub fn WidgetsApp() -> impl IntoView {
    use crate::components::embed_frame::EmbedFrame;
    use crate::pages::{embed_map::EmbedMapPage, embed_signup::EmbedSignupPage};
    provide_context(Build::Widgets);
    view! {
        <I18nContextProvider>
            <Router>
                <EmbedFrame>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/embed/map") view=EmbedMapPage />
                        <Route path=path!("/embed/signup/:id") view=EmbedSignupPage />
                    </Routes>
                </EmbedFrame>
            </Router>
        </I18nContextProvider>
    }
}

/// The staff console, with every public and volunteer page.
#[cfg(feature = "staff-console")]
#[component]
pub fn StaffApp() -> impl IntoView {
    use crate::pages::{
        certificate::CertificatePage,
        display_links::{DisplayChooserPage, DisplayLinksPage},
        point_display::DeviceScreenPage,
        point_roster::PointRosterPage,
        staff::StaffPage,
        staff_account::StaffAccountPage,
        staff_accounts::StaffAccountsPage,
        staff_audit::StaffAuditPage,
        staff_embed::StaffEmbedPage,
        staff_exports::StaffExportsPage,
        staff_point_edit::StaffPointEditPage,
        staff_shifts::StaffShiftsPage,
        staff_stories::StaffStoriesPage,
        staff_trainings::StaffTrainingsPage,
        staff_units::StaffUnitsPage,
        staff_volunteers::StaffVolunteersPage,
    };
    provide_context(Build::Staff);
    view! {
        <I18nContextProvider>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/points/:id") view=PointPage />
                        <Route path=path!("/stories") view=StoriesPage />
                        <Route path=path!("/stories/:id") view=StoryPage />
                        <Route path=path!("/signup") view=SignupPage />
                        <Route path=path!("/shifts") view=ShiftsPage />
                        <Route path=path!("/me") view=MePage />
                        <Route path=path!("/trainings") view=TrainingsPage />
                        <Route path=path!("/staff") view=StaffPage />
                        <Route path=path!("/staff/volunteers") view=StaffVolunteersPage />
                        <Route path=path!("/staff/exports") view=StaffExportsPage />
                        <Route path=path!("/staff/audit") view=StaffAuditPage />
                        <Route path=path!("/staff/accounts") view=StaffAccountsPage />
                        <Route path=path!("/staff/account") view=StaffAccountPage />
                        <Route path=path!("/staff/embed") view=StaffEmbedPage />
                        <Route path=path!("/staff/shifts") view=StaffShiftsPage />
                        <Route path=path!("/staff/trainings") view=StaffTrainingsPage />
                        <Route path=path!("/staff/stories") view=StaffStoriesPage />
                        <Route path=path!("/staff/units") view=StaffUnitsPage />
                        <Route path=path!("/staff/points/:id") view=StaffPointEditPage />
                        <Route path=path!("/staff/certificates/:number") view=CertificatePage />
                        <Route path=path!("/staff/display") view=DisplayChooserPage />
                        <Route path=path!("/staff/display/:id") view=DisplayLinksPage />
                        <Route path=path!("/staff/screen") view=DeviceScreenPage />
                        <Route path=path!("/staff/roster/:id") view=PointRosterPage />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

#[cfg(test)]
mod tests {
    use super::Build;

    #[test]
    fn each_page_belongs_to_one_build_and_the_console_keeps_all_but_the_widgets() {
        assert!(Build::Public.serves("/"));
        assert!(Build::Public.serves("/points/7?from=list#shifts"));
        assert!(Build::Public.serves("/stories/4"));
        assert!(!Build::Volunteer.serves("/stories"));
        assert!(Build::Staff.serves("/stories/4"));
        assert!(!Build::Public.serves("/signup?shift=3"));
        assert!(Build::Volunteer.serves("/signup?shift=3"));
        assert!(Build::Volunteer.serves("/me#key=ab"));
        assert!(Build::Volunteer.serves("/trainings?training=first_aid#session-4"));
        assert!(Build::Staff.serves("/trainings"));
        assert!(!Build::Volunteer.serves("/"));
        assert!(!Build::Public.serves("/staff"));
        assert!(Build::Staff.serves("/staff/points/3"));
        assert!(Build::Staff.serves("/me"));
        assert!(!Build::Staff.serves("/embed/map"));
        assert!(Build::Widgets.serves("/embed/signup/3"));
    }
}
