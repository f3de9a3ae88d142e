//! The volunteers' build (`volunteer.html`): registration, sign-up, my sign-ups.

fn main() {
    huli_app::start(huli_app::VolunteerApp);
}
