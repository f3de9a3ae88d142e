-- Registration, personal links, trainings, sign-up rules and idempotent writes.

-- The personal link's key, stored only as its SHA-256 (the key itself is 256 random bits,
-- so a fast hash is enough). NULL until the volunteer registers online or staff send a link.
ALTER TABLE volunteers ADD COLUMN access_key_hash BLOB CHECK (access_key_hash IS NULL OR length(access_key_hash) = 32);
-- PIPL: which notice the volunteer agreed to, and when. NULL for records kept offline.
ALTER TABLE volunteers ADD COLUMN consent_version TEXT;
ALTER TABLE volunteers ADD COLUMN consented_at INTEGER;
CREATE UNIQUE INDEX volunteers_by_access_key ON volunteers (access_key_hash) WHERE access_key_hash IS NOT NULL;

-- What volunteers say they can offer.
CREATE TABLE volunteer_skills (
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    skill         TEXT NOT NULL CHECK (skill IN ('first_aid', 'sign_language', 'foreign_languages', 'legal_advice', 'elderly_care', 'counselling', 'photography')),
    PRIMARY KEY (volunteer_id, skill)
) WITHOUT ROWID;

-- Trainings the organisers recorded: only these unlock a duty that requires one.
CREATE TABLE volunteer_trainings (
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    training      TEXT NOT NULL CHECK (training IN ('etiquette', 'first_aid', 'traffic_rules', 'online_publicity')),
    completed_at  INTEGER NOT NULL,
    PRIMARY KEY (volunteer_id, training)
) WITHOUT ROWID;

ALTER TABLE shifts ADD COLUMN required_training TEXT CHECK (required_training IS NULL OR required_training IN ('etiquette', 'first_aid', 'traffic_rules', 'online_publicity'));

-- Counting a shift's confirmed places and finding the first on its waitlist, which is
-- ordered by (created_at, id). A sign-up taken up again after a cancellation is a new
-- row, so it joins the back of the queue.
CREATE INDEX signups_by_shift_and_status ON signups (shift_id, status, created_at, id);

-- The last line of defence against overbooking: whatever code runs, the database
-- refuses a confirmed sign-up beyond the shift's capacity.
CREATE TRIGGER signups_confirm_within_capacity_on_insert
BEFORE INSERT ON signups WHEN NEW.status = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'shift over capacity')
    WHERE (SELECT COUNT(*) FROM signups WHERE shift_id = NEW.shift_id AND status = 'confirmed')
          >= (SELECT capacity FROM shifts WHERE id = NEW.shift_id);
END;

CREATE TRIGGER signups_confirm_within_capacity_on_update
BEFORE UPDATE OF status ON signups WHEN NEW.status = 'confirmed' AND OLD.status <> 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'shift over capacity')
    WHERE (SELECT COUNT(*) FROM signups WHERE shift_id = NEW.shift_id AND status = 'confirmed')
          >= (SELECT capacity FROM shifts WHERE id = NEW.shift_id);
END;

-- The first answer to every state-changing request, kept for a day so that a client's
-- retry with the same Idempotency-Key gets it again instead of a second write. `scope`
-- keeps one volunteer's keys apart from another's.
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    -- SHA-256 of the method, path and body: the same key with another request is refused.
    fingerprint  BLOB NOT NULL,
    outcome      TEXT NOT NULL CHECK (json_valid(outcome)),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
