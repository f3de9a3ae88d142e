//! Every browser build's entry point (`index.html`, `staff.html`, `widgets.html`): the
//! cargo features each page's Trunk link sets choose the routes.

fn main() {
    huli_app::start();
}
