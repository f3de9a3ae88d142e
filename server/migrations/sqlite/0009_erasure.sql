-- Volunteers' right to erasure (PIPL art. 47) and the retention limit. Erasing a
-- volunteer anonymises them: the row stays, so that their sign-ups, attendance and
-- verified minutes still count in the programme's figures, but the name, the phone
-- number, the personal link and the consent are gone. `name` and `phone` become
-- optional, so the table is rebuilt as in 0007 (migrations run with foreign keys off).

CREATE TABLE volunteers_rebuilt (
    id               INTEGER PRIMARY KEY,
    -- NULL once erased, and only then.
    name             TEXT,
    -- Personal information (PIPL): never in a public response, masked in staff views.
    phone            TEXT UNIQUE CHECK (phone IS NULL OR length(phone) = 11),
    -- NULL for an individual volunteer.
    team_id          INTEGER REFERENCES teams (id),
    registered_at    INTEGER NOT NULL,
    access_key_hash  BLOB CHECK (access_key_hash IS NULL OR length(access_key_hash) = 32),
    consent_version  TEXT,
    consented_at     INTEGER,
    -- When the volunteer was erased, at their request or by the retention limit.
    erased_at        INTEGER,
    CHECK ((erased_at IS NULL) = (name IS NOT NULL)),
    CHECK ((erased_at IS NULL) = (phone IS NOT NULL)),
    CHECK (erased_at IS NULL OR (access_key_hash IS NULL AND consent_version IS NULL AND consented_at IS NULL))
);
INSERT INTO volunteers_rebuilt
    (id, name, phone, team_id, registered_at, access_key_hash, consent_version, consented_at)
SELECT id, name, phone, team_id, registered_at, access_key_hash, consent_version, consented_at
FROM volunteers;
DROP TABLE volunteers;
ALTER TABLE volunteers_rebuilt RENAME TO volunteers;
CREATE INDEX volunteers_by_team ON volunteers (team_id);
CREATE UNIQUE INDEX volunteers_by_access_key ON volunteers (access_key_hash)
    WHERE access_key_hash IS NOT NULL;

-- A certificate stays as issued, with one exception: once its holder is erased, their
-- name on it is erased too (set to JSON null), and nothing else may change.
DROP TRIGGER certificates_are_kept_as_issued;
CREATE TRIGGER certificates_are_kept_as_issued BEFORE UPDATE ON certificates
WHEN NOT (
    (SELECT erased_at FROM volunteers WHERE id = OLD.volunteer_id) IS NOT NULL
    AND NEW.id = OLD.id AND NEW.year = OLD.year AND NEW.sequence = OLD.sequence
    AND NEW.volunteer_id = OLD.volunteer_id AND NEW.unit_id IS OLD.unit_id
    AND NEW.period_first = OLD.period_first AND NEW.period_last = OLD.period_last
    AND NEW.issued_by = OLD.issued_by AND NEW.issued_at = OLD.issued_at
    AND json_type(NEW.content, '$.volunteer_name') = 'null'
    AND json_remove(NEW.content, '$.volunteer_name') = json_remove(OLD.content, '$.volunteer_name')
)
BEGIN
    SELECT RAISE(ABORT, 'a certificate cannot be changed once issued');
END;
