-- Volunteers' right to erasure (PIPL art. 47) and the retention limit, as SQLite's 0009:
-- an erased volunteer's row stays for the figures, without name, phone number, personal
-- link or consent.

ALTER TABLE volunteers ALTER COLUMN name DROP NOT NULL;
ALTER TABLE volunteers ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE volunteers ADD COLUMN erased_at BIGINT;
ALTER TABLE volunteers ADD CHECK ((erased_at IS NULL) = (name IS NOT NULL));
ALTER TABLE volunteers ADD CHECK ((erased_at IS NULL) = (phone IS NOT NULL));
ALTER TABLE volunteers ADD CHECK (erased_at IS NULL OR (access_key_hash IS NULL AND consent_version IS NULL AND consented_at IS NULL));

-- A certificate stays as issued, with one exception: once its holder is erased, their
-- name on it is erased too (set to JSON null), and nothing else may change.
CREATE FUNCTION certificates_change_only_by_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT erased_at FROM volunteers WHERE id = OLD.volunteer_id) IS NOT NULL
       AND (NEW.id, NEW.year, NEW.sequence, NEW.volunteer_id, NEW.period_first, NEW.period_last,
            NEW.issued_by, NEW.issued_at)
           = (OLD.id, OLD.year, OLD.sequence, OLD.volunteer_id, OLD.period_first, OLD.period_last,
              OLD.issued_by, OLD.issued_at)
       AND NEW.unit_id IS NOT DISTINCT FROM OLD.unit_id
       AND jsonb_typeof(NEW.content::jsonb -> 'volunteer_name') = 'null'
       AND (NEW.content::jsonb - 'volunteer_name') = (OLD.content::jsonb - 'volunteer_name')
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a certificate cannot be changed once issued' USING ERRCODE = 'restrict_violation';
END;
$$;
DROP TRIGGER certificates_are_kept_as_issued ON certificates;
CREATE TRIGGER certificates_are_kept_as_issued
BEFORE UPDATE ON certificates
FOR EACH ROW EXECUTE FUNCTION certificates_change_only_by_erasure();
