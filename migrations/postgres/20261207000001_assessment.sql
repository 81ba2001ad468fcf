-- Assessment (Art. 7, 14; R9; issue 11; PostgreSQL, same as migrations/sqlite).
-- One decision per admitted trainee: the paper's grade with its assessor
-- and comment, and the result (a reason where the trainee did not
-- complete). Attendance is not stored here: it is the check-ins' class
-- hours, which only grow. A decision carries a version, so two people
-- grading at once do not overwrite each other unseen. Results become
-- visible to trainees once the institution publishes them.

ALTER TABLE province_settings ADD COLUMN min_attendance_percent BIGINT NOT NULL DEFAULT 80
    CHECK (min_attendance_percent BETWEEN 50 AND 100);

CREATE TABLE assessments (
    enrollment_id  BIGINT  PRIMARY KEY REFERENCES enrollments (id),
    programme_id   BIGINT  NOT NULL REFERENCES programmes (id),
    grade          TEXT    CHECK (grade IN ('excellent', 'good', 'pass', 'fail')),
    -- The paper version the grade was given to: a newer one shows as such.
    paper_id       BIGINT  REFERENCES papers (id),
    assessor       TEXT    NOT NULL DEFAULT '',
    comment        TEXT    NOT NULL DEFAULT '',
    outcome        TEXT    CHECK (outcome IN ('passed', 'failed', 'incomplete')),
    reason         TEXT    NOT NULL DEFAULT '',
    updated_by     BIGINT  NOT NULL REFERENCES accounts (id),
    updated_at     BIGINT  NOT NULL,
    version        BIGINT  NOT NULL DEFAULT 1,
    CHECK (outcome IS NULL OR outcome <> 'incomplete' OR reason <> ''),
    CHECK (outcome IS NULL OR outcome <> 'passed' OR grade IN ('excellent', 'good', 'pass'))
);
CREATE INDEX assessments_programme ON assessments (programme_id);

CREATE TABLE results_published (
    programme_id  BIGINT  PRIMARY KEY REFERENCES programmes (id),
    published_by  BIGINT  NOT NULL REFERENCES accounts (id),
    published_at  BIGINT  NOT NULL
);
