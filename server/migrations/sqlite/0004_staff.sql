-- The staff who run the programme, their sessions, and the audit log of what they change.

-- No account exists until `huli-server create-admin` makes the first administrator:
-- there is no default password anywhere.
CREATE TABLE staff_accounts (
    id             INTEGER PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 40),
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('administrator', 'coordinator', 'point_leader')),
    unit_id        INTEGER REFERENCES partner_units (id),
    point_id       INTEGER REFERENCES service_points (id),
    -- argon2id in PHC string form, with its own salt and parameters.
    password_hash  TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created_at     INTEGER NOT NULL,
    CHECK ((role = 'coordinator') = (unit_id IS NOT NULL)),
    CHECK ((role = 'point_leader') = (point_id IS NOT NULL))
);

-- The cookie holds a random token; only its SHA-256 is kept, so a copy of the database
-- opens no session.
CREATE TABLE staff_sessions (
    token_hash    BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    account_id    INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Failed sign-ins per login name, for rate limiting; old ones are forgotten.
CREATE TABLE failed_sign_ins (
    login  TEXT NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX failed_sign_ins_by_login ON failed_sign_ins (login, at);

-- Who reviewed the minutes, and why they changed or refused them.
ALTER TABLE attendance ADD COLUMN reviewed_by INTEGER REFERENCES staff_accounts (id);
ALTER TABLE attendance ADD COLUMN review_reason TEXT;

-- Every change staff make: who, when, what, and the record before and after (JSON).
-- Append-only: the triggers refuse any edit or deletion, whatever the code does.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES staff_accounts (id),
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    -- Set for changes to attendance, so each coordinator reads its own unit's entries.
    attendance_id  INTEGER REFERENCES attendance (id),
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_log_by_attendance ON audit_log (attendance_id);
CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
