-- Check-in at the points: each point's secret for its rotating code, and attendance
-- closed automatically when a volunteer forgot to check out.

-- 32 random bytes; the point's display derives a new 6-digit code from it every minute.
ALTER TABLE service_points ADD COLUMN code_secret BLOB CHECK (code_secret IS NULL OR length(code_secret) = 32);
UPDATE service_points SET code_secret = randomblob(32) WHERE code_secret IS NULL;

-- Closed at the shift's end because the check-out was forgotten: the organiser reviews it.
ALTER TABLE attendance ADD COLUMN auto_closed INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1));
-- Finding attendance still open.
CREATE INDEX attendance_open ON attendance (checked_out_at) WHERE checked_out_at IS NULL;

-- Wrong rotating codes per sign-up, so that six digits cannot be guessed by brute force:
-- after 5 in 10 minutes, code check-ins of that sign-up wait.
CREATE TABLE wrong_check_in_codes (
    signup_id  INTEGER NOT NULL REFERENCES signups (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL
);
CREATE INDEX wrong_check_in_codes_by_signup ON wrong_check_in_codes (signup_id, at);
