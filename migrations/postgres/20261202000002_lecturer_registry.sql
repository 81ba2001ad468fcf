-- The lecturer registry can be corrected and entries retired: a retired
-- lecturer keeps the courses already scheduled but is no longer offered.
-- One person (same name and phone) is registered once per institution.
ALTER TABLE lecturers ADD COLUMN retired_at BIGINT;
ALTER TABLE lecturers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX lecturers_one_person ON lecturers (institution_id, name, phone_hash)
    WHERE retired_at IS NULL;
