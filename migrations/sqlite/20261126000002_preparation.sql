-- Programme preparation (SQLite): lecturers and vetting (R6), the schedule (R4, R5),
-- filings (R3) and enrollment (R7).

-- A host institution's lecturer registry, reused across programmes.
CREATE TABLE lecturers (
    id              INTEGER PRIMARY KEY,
    institution_id  BIGINT  NOT NULL REFERENCES organisations (id),
    name            TEXT    NOT NULL,
    title_level     TEXT    NOT NULL CHECK (title_level IN ('mid_or_below', 'associate_senior', 'full_senior', 'academician')),
    affiliation     TEXT    NOT NULL,
    field           TEXT    NOT NULL,
    bio             TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX lecturers_institution ON lecturers (institution_id);

-- R6: a lecturer's vetting for one programme: expertise and compliance
-- (Art. 12), each with reviewer, date and note, then the decision.
CREATE TABLE vettings (
    id                   INTEGER PRIMARY KEY,
    programme_id         BIGINT  NOT NULL REFERENCES programmes (id),
    lecturer_id          BIGINT  NOT NULL REFERENCES lecturers (id),
    expertise_reviewer   TEXT    NOT NULL,
    expertise_date       TEXT    NOT NULL CHECK (date(expertise_date) IS expertise_date),
    expertise_note       TEXT    NOT NULL,
    compliance_reviewer  TEXT    NOT NULL,
    compliance_date      TEXT    NOT NULL CHECK (date(compliance_date) IS compliance_date),
    compliance_note      TEXT    NOT NULL,
    decision             TEXT    NOT NULL CHECK (decision IN ('approved', 'rejected')),
    decided_by           BIGINT  NOT NULL REFERENCES accounts (id),
    decided_at           BIGINT  NOT NULL,
    UNIQUE (programme_id, lecturer_id)
);

CREATE TABLE courses (
    id            INTEGER PRIMARY KEY,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    day           TEXT    NOT NULL CHECK (date(day) IS day),
    start_time    TEXT    NOT NULL CHECK (length(start_time) = 5),
    end_time      TEXT    NOT NULL CHECK (length(end_time) = 5 AND end_time > start_time),
    title         TEXT    NOT NULL,
    form          TEXT    NOT NULL CHECK (form IN ('keynote', 'seminar', 'academic_exchange', 'on_site', 'field_visit')),
    class_hours   BIGINT  NOT NULL CHECK (class_hours > 0),
    place         TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX courses_programme ON courses (programme_id, day);

CREATE TABLE course_lecturers (
    course_id    BIGINT  NOT NULL REFERENCES courses (id),
    lecturer_id  BIGINT  NOT NULL REFERENCES lecturers (id),
    PRIMARY KEY (course_id, lecturer_id)
);

-- Every version of a programme's filing (Art. 6) is kept; R3's due date and
-- whether it came late are recorded with it.
CREATE TABLE filings (
    id                 INTEGER PRIMARY KEY,
    programme_id       BIGINT  NOT NULL REFERENCES programmes (id),
    version            BIGINT  NOT NULL,
    objectives         TEXT    NOT NULL,
    content            TEXT    NOT NULL,
    organisation       TEXT    NOT NULL,
    budget_text        TEXT    NOT NULL,
    eligibility        TEXT    NOT NULL,
    quota              BIGINT  NOT NULL CHECK (quota > 0),
    quota_in_province  BIGINT  NOT NULL CHECK (quota_in_province >= 0),
    quota_out_province BIGINT  NOT NULL CHECK (quota_out_province >= 0),
    how_to_apply       TEXT    NOT NULL,
    apply_until        TEXT    NOT NULL CHECK (date(apply_until) IS apply_until),
    schedule_hours     BIGINT  NOT NULL CHECK (schedule_hours >= 32),
    due_date           TEXT    NOT NULL,
    late               BIGINT  NOT NULL CHECK (late IN (0, 1)),
    status             TEXT    NOT NULL DEFAULT 'filed' CHECK (status IN ('filed', 'acknowledged', 'returned')),
    review_reason      TEXT    NOT NULL DEFAULT '',
    filed_by           BIGINT  NOT NULL REFERENCES accounts (id),
    filed_at           BIGINT  NOT NULL,
    reviewed_by        BIGINT  REFERENCES accounts (id),
    reviewed_at        BIGINT,
    UNIQUE (programme_id, version)
);

-- Applicants and trainees of a programme.
CREATE TABLE enrollments (
    id            INTEGER PRIMARY KEY,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    account_id    BIGINT  REFERENCES accounts (id),
    name          TEXT    NOT NULL,
    gender        TEXT    NOT NULL CHECK (gender IN ('male', 'female')),
    id_number     TEXT    NOT NULL CHECK (length(id_number) = 18),
    mobile        TEXT    NOT NULL,
    employer      TEXT    NOT NULL,
    province      TEXT    NOT NULL,
    title_level   TEXT    NOT NULL CHECK (title_level IN ('junior', 'mid', 'associate_senior', 'full_senior', 'manager')),
    source        TEXT    NOT NULL CHECK (source IN ('applied', 'imported')),
    status        TEXT    NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'admitted', 'declined')),
    created_at    BIGINT  NOT NULL,
    decided_at    BIGINT,
    version       BIGINT  NOT NULL DEFAULT 1,
    UNIQUE (programme_id, id_number)
);
CREATE INDEX enrollments_account ON enrollments (account_id);
