//! The app's root: translations, the router and the page frame around every route.
//!
//! The app is built twice from these sources: the public build (`index.html`) that every
//! resident downloads, and the staff build (`staff.html`, cargo feature
//! `staff-console`) that the server sends for `/staff` and below. The staff build knows
//! the public routes too, so links from the console to public pages stay in the app.
//! The widgets other sites embed (`/embed/map`, `/embed/signup/{id}`) are a third
//! build (`widgets.html`, cargo feature `embed-widgets`).

#[cfg(not(feature = "embed-widgets"))]
use crate::components::layout::Layout;
use crate::i18n::I18nContextProvider;
use crate::pages::not_found::NotFoundPage;
#[cfg(not(feature = "embed-widgets"))]
use crate::pages::{home::HomePage, me::MePage, point::PointPage, signup::SignupPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[cfg(not(any(feature = "staff-console", feature = "embed-widgets")))]
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider ssr_lang_header_getter=crate::preloaded::language_request()>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/points/:id") view=PointPage />
                        <Route path=path!("/signup") view=SignupPage />
                        <Route path=path!("/me") view=MePage />
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
pub fn App() -> impl IntoView {
    use crate::components::embed_frame::EmbedFrame;
    use crate::pages::{embed_map::EmbedMapPage, embed_signup::EmbedSignupPage};
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

#[cfg(feature = "staff-console")]
#[component]
pub fn App() -> impl IntoView {
    use crate::pages::{
        certificate::CertificatePage,
        point_display::{DisplayChooserPage, PointDisplayPage},
        point_roster::PointRosterPage,
        staff::StaffPage,
        staff_audit::StaffAuditPage,
        staff_embed::StaffEmbedPage,
        staff_exports::StaffExportsPage,
        staff_point_edit::StaffPointEditPage,
        staff_shifts::StaffShiftsPage,
        staff_units::StaffUnitsPage,
        staff_volunteers::StaffVolunteersPage,
    };
    view! {
        <I18nContextProvider>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/points/:id") view=PointPage />
                        <Route path=path!("/signup") view=SignupPage />
                        <Route path=path!("/me") view=MePage />
                        <Route path=path!("/staff") view=StaffPage />
                        <Route path=path!("/staff/volunteers") view=StaffVolunteersPage />
                        <Route path=path!("/staff/exports") view=StaffExportsPage />
                        <Route path=path!("/staff/audit") view=StaffAuditPage />
                        <Route path=path!("/staff/embed") view=StaffEmbedPage />
                        <Route path=path!("/staff/shifts") view=StaffShiftsPage />
                        <Route path=path!("/staff/units") view=StaffUnitsPage />
                        <Route path=path!("/staff/points/:id") view=StaffPointEditPage />
                        <Route path=path!("/staff/certificates/:number") view=CertificatePage />
                        <Route path=path!("/staff/display") view=DisplayChooserPage />
                        <Route path=path!("/staff/display/:id") view=PointDisplayPage />
                        <Route path=path!("/staff/roster/:id") view=PointRosterPage />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
