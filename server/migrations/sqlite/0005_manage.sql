-- Managing the programme: accident insurance for high-risk shifts, and the guards that
-- keep staff edits of shifts honest whatever the code does.

-- An organiser's accident insurance policy for volunteers. Cover dates are China
-- Standard Time calendar days, inclusive, as `YYYY-MM-DD` (so they compare as text).
CREATE TABLE insurance_policies (
    id             INTEGER PRIMARY KEY,
    insurer        TEXT NOT NULL,
    policy_number  TEXT NOT NULL,
    covers_from    TEXT NOT NULL CHECK (date(covers_from) = covers_from),
    covers_until   TEXT NOT NULL CHECK (date(covers_until) = covers_until AND covers_until >= covers_from),
    recorded_by    INTEGER NOT NULL REFERENCES staff_accounts (id),
    recorded_at    INTEGER NOT NULL
);

-- Which shifts a policy covers; a shift moved or deleted takes its links along.
CREATE TABLE shift_insurance (
    shift_id   INTEGER NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
    policy_id  INTEGER NOT NULL REFERENCES insurance_policies (id),
    PRIMARY KEY (shift_id, policy_id)
) WITHOUT ROWID;
CREATE INDEX shift_insurance_by_policy ON shift_insurance (policy_id);

-- Nobody confirmed on a shift loses their place to a lowered capacity.
CREATE TRIGGER shifts_capacity_covers_confirmed
BEFORE UPDATE OF capacity ON shifts
WHEN NEW.capacity < (SELECT COUNT(*) FROM signups WHERE shift_id = NEW.id AND status = 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'capacity below confirmed sign-ups');
END;

-- The unit whose coordinator may read an entry about managing the programme (its
-- shifts, teams, pairing, or its point edited by it); NULL for administrators' eyes only.
-- Entries about attendance keep finding their unit through `attendance_id`.
ALTER TABLE audit_log ADD COLUMN unit_id INTEGER REFERENCES partner_units (id);
CREATE INDEX audit_log_by_unit ON audit_log (unit_id) WHERE unit_id IS NOT NULL;

-- Finding a template's earlier shifts, so a retry does not plan them twice.
CREATE INDEX shifts_by_organiser_and_start ON shifts (organiser_unit_id, starts_at);
