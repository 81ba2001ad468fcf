-- The lecturer registry can be corrected and entries retired: a retired
-- lecturer keeps the courses already scheduled but is no longer offered.
-- One person (same name and phone) is registered once per institution.
ALTER TABLE lecturers ADD COLUMN retired_at BIGINT;
ALTER TABLE lecturers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- Entries registered twice before this rule: the later ones are retired
-- (at time 0, before any real action), the first kept.
UPDATE lecturers SET retired_at = 0, version = version + 1
    WHERE phone_hash IS NOT NULL AND id NOT IN (
        SELECT MIN(id) FROM lecturers WHERE phone_hash IS NOT NULL
        GROUP BY institution_id, name, phone_hash);
CREATE UNIQUE INDEX lecturers_one_person ON lecturers (institution_id, name, phone_hash)
    WHERE retired_at IS NULL;
