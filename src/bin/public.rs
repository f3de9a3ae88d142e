//! The residents' build (`index.html`): the map and each point's page.

fn main() {
    huli_app::start(huli_app::PublicApp);
}
