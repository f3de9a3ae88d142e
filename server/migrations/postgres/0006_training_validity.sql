-- A training stays valid to its last day (`expires_on`, China Standard Time, NULL for
-- one that holds); gated duty checks it on the shift's day. Staff may record a
-- training done elsewhere, with a note of the evidence they saw and who they are.
ALTER TABLE volunteer_trainings ADD COLUMN expires_on TEXT
    CHECK (expires_on IS NULL OR expires_on ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$');
ALTER TABLE volunteer_trainings ADD COLUMN evidence TEXT
    CHECK (evidence IS NULL OR char_length(evidence) BETWEEN 1 AND 200);
ALTER TABLE volunteer_trainings ADD COLUMN recorded_by BIGINT REFERENCES staff_accounts (id);

-- First aid is renewed every three years: trainings recorded before now expire too.
UPDATE volunteer_trainings
SET expires_on = to_char(
    (to_timestamp(completed_at) AT TIME ZONE 'Asia/Shanghai')::date
        + interval '3 years' - interval '1 day',
    'YYYY-MM-DD')
WHERE training = 'first_aid';
