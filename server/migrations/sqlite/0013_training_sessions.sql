-- Training sessions that staff schedule, and the volunteers who sign up for them. Apart
-- from shifts: a training's hours are learning, not service, and count towards no
-- counter, certificate or star. Attendance marked here puts the training on the
-- volunteer's record (volunteer_trainings).
CREATE TABLE training_sessions (
    id                 INTEGER PRIMARY KEY,
    training           TEXT NOT NULL CHECK (training IN ('etiquette', 'first_aid', 'traffic_rules', 'online_publicity')),
    organiser_unit_id  INTEGER NOT NULL REFERENCES partner_units (id),
    starts_at          INTEGER NOT NULL,
    ends_at            INTEGER NOT NULL CHECK (ends_at > starts_at),
    place              TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 120),
    trainer            TEXT NOT NULL CHECK (length(trainer) BETWEEN 1 AND 60),
    capacity           INTEGER NOT NULL CHECK (capacity > 0),
    -- Years the training stays valid after attending; NULL for one that holds.
    valid_years        INTEGER CHECK (valid_years IS NULL OR valid_years BETWEEN 1 AND 10),
    scheduled_by       INTEGER NOT NULL REFERENCES staff_accounts (id),
    scheduled_at       INTEGER NOT NULL
);
CREATE INDEX training_sessions_by_start ON training_sessions (starts_at);

-- As with shifts, a sign-up taken up again after a cancellation is a new row, so it
-- joins the back of the waitlist, ordered by (created_at, id).
CREATE TABLE training_signups (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES training_sessions (id),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
    status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    created_at    INTEGER NOT NULL,
    -- When the organiser marked them present.
    attended_at   INTEGER,
    UNIQUE (session_id, volunteer_id)
);
CREATE INDEX training_signups_by_volunteer ON training_signups (volunteer_id);
CREATE INDEX training_signups_by_session_and_status ON training_signups (session_id, status, created_at, id);

-- Whatever code runs, the database refuses a confirmed place beyond the capacity.
CREATE TRIGGER training_signups_confirm_within_capacity_on_insert
BEFORE INSERT ON training_signups WHEN NEW.status = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'training session over capacity')
    WHERE (SELECT COUNT(*) FROM training_signups WHERE session_id = NEW.session_id AND status = 'confirmed')
          >= (SELECT capacity FROM training_sessions WHERE id = NEW.session_id);
END;

CREATE TRIGGER training_signups_confirm_within_capacity_on_update
BEFORE UPDATE OF status ON training_signups WHEN NEW.status = 'confirmed' AND OLD.status <> 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'training session over capacity')
    WHERE (SELECT COUNT(*) FROM training_signups WHERE session_id = NEW.session_id AND status = 'confirmed')
          >= (SELECT capacity FROM training_sessions WHERE id = NEW.session_id);
END;
