-- A resident may volunteer on their own, in no team: `volunteers.team_id` becomes
-- optional. SQLite cannot drop a NOT NULL in place, so the table is rebuilt as SQLite's
-- documentation prescribes (lang_altertable.html, "other kinds of table schema changes").
-- Migrations run with foreign keys off (`storage/sqlite/mod.rs`, `migrate`), so dropping
-- the old table cascades into none of `volunteer_skills` or `volunteer_trainings`.

CREATE TABLE volunteers_rebuilt (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    -- Personal information (PIPL): never in a public response, masked in staff views.
    phone            TEXT NOT NULL UNIQUE CHECK (length(phone) = 11),
    -- NULL for an individual volunteer.
    team_id          INTEGER REFERENCES teams (id),
    registered_at    INTEGER NOT NULL,
    access_key_hash  BLOB CHECK (access_key_hash IS NULL OR length(access_key_hash) = 32),
    consent_version  TEXT,
    consented_at     INTEGER
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
