-- Numbered volunteer-service certificates, kept as issued: a reprint shows exactly what
-- was certified, whatever reviews change later. Numbers run per year of issue.

CREATE TABLE certificates (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL,
    sequence      INTEGER NOT NULL CHECK (sequence > 0),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
    -- Set when a unit's coordinator issued it: it covers that unit's shifts only.
    unit_id       INTEGER REFERENCES partner_units (id),
    period_first  TEXT NOT NULL,
    period_last   TEXT NOT NULL,
    issued_by     INTEGER NOT NULL REFERENCES staff_accounts (id),
    issued_at     INTEGER NOT NULL,
    -- The contract's ServiceCertificate as JSON.
    content       TEXT NOT NULL CHECK (json_valid(content)),
    UNIQUE (year, sequence)
);
CREATE INDEX certificates_by_volunteer ON certificates (volunteer_id, period_first, period_last);

CREATE TRIGGER certificates_are_kept_as_issued BEFORE UPDATE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'a certificate cannot be changed once issued');
END;
CREATE TRIGGER certificates_are_never_deleted BEFORE DELETE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'a certificate cannot be deleted once issued');
END;
