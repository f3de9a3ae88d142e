//! The app's root: translations, the router and the page frame around every route.

use crate::components::layout::Layout;
use crate::i18n::I18nContextProvider;
use crate::pages::{
    home::HomePage, me::MePage, not_found::NotFoundPage, point::PointPage, signup::SignupPage,
    staff::StaffPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
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
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
