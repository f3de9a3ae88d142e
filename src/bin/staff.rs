//! The staff console's build (`staff.html`).

fn main() {
    huli_app::start(huli_app::StaffApp);
}
