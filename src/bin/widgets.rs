//! The build of the widgets other sites embed (`widgets.html`).

fn main() {
    huli_app::start(huli_app::WidgetsApp);
}
