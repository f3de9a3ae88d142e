-- A staff account's second factor (RFC 6238). The secret has to be read back to check
-- a code, so it cannot be hashed like a password; the recovery codes can, and are.
-- `totp_pending` holds a secret being enrolled until a code made from it is confirmed;
-- `totp_last_step` is the last 30-second step a code was accepted for, so no code is
-- accepted twice.
ALTER TABLE staff_accounts ADD COLUMN totp_secret BLOB CHECK (length(totp_secret) = 20);
ALTER TABLE staff_accounts ADD COLUMN totp_pending BLOB CHECK (length(totp_pending) = 20);
ALTER TABLE staff_accounts ADD COLUMN totp_last_step INTEGER;

CREATE TABLE staff_recovery_codes (
    account_id  INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    code_hash   BLOB NOT NULL CHECK (length(code_hash) = 32),
    used_at     INTEGER,
    PRIMARY KEY (account_id, code_hash)
) WITHOUT ROWID;

-- The device at a point shows its display through a link of its own, scoped to that
-- one point, instead of a staff session; only the token's hash is kept.
CREATE TABLE display_links (
    id            INTEGER PRIMARY KEY,
    point_id      INTEGER NOT NULL REFERENCES service_points (id),
    label         TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
    token_hash    BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by    INTEGER NOT NULL REFERENCES staff_accounts (id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX display_links_by_point ON display_links (point_id, revoked_at);
