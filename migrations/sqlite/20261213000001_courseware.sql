-- Online courseware (Art. 9, R14; issue 13; same as migrations/postgres).
-- A lecturer's consent to publish one lecture: in what form, given when,
-- until when, on what evidence, and by whom it was recorded; revocable.
-- At most one consent in force per lecturer and lecture.
CREATE TABLE courseware_consents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id      BIGINT  NOT NULL REFERENCES courses (id),
    lecturer_id    BIGINT  NOT NULL REFERENCES lecturers (id),
    scope          TEXT    NOT NULL CHECK (scope IN ('video', 'slides', 'video_and_slides')),
    given_on       TEXT    NOT NULL CHECK (date(given_on) IS given_on),
    until_date     TEXT    NOT NULL CHECK (date(until_date) IS until_date AND until_date >= given_on),
    evidence       TEXT    NOT NULL,
    recorded_by    BIGINT  NOT NULL REFERENCES accounts (id),
    recorded_at    BIGINT  NOT NULL,
    revoked_by     BIGINT  REFERENCES accounts (id),
    revoked_at     BIGINT,
    revoke_reason  TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX courseware_consents_live ON courseware_consents (course_id, lecturer_id)
    WHERE revoked_at IS NULL;
CREATE INDEX courseware_consents_course ON courseware_consents (course_id, lecturer_id);

-- The lectures the province picked for its catalogue. Whether one shows
-- is decided when the catalogue is read, from its lecturers' consents,
-- so a revocation hides it at once.
CREATE TABLE courseware (
    course_id         BIGINT  PRIMARY KEY REFERENCES courses (id),
    field             TEXT    NOT NULL,
    listed_by         BIGINT  NOT NULL REFERENCES accounts (id),
    listed_at         BIGINT  NOT NULL,
    withdrawn_by      BIGINT  REFERENCES accounts (id),
    withdrawn_at      BIGINT,
    withdraw_reason   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX courseware_field ON courseware (field);
