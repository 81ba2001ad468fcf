-- The satisfaction survey (Art. 8, 14; issue 10).
-- The admin's standard questionnaire is versioned: a change publishes a
-- new version and a programme keeps the version it opened with, its own
-- extra items and the lecturers of its schedule then.
--
-- Anonymity by design: a response carries no link to a person. Who has
-- answered (participation) is recorded apart, in the same transaction,
-- without time; a response keeps only its day, and its id is random, so
-- neither order nor time ties the two together. Statistics show only
-- once a survey has closed, so no one can tell an answer by comparing
-- figures before and after it came.

CREATE TABLE survey_questionnaires (
    id            INTEGER PRIMARY KEY,
    version       BIGINT  NOT NULL UNIQUE,
    -- The items as JSON (domain::survey::Item).
    items         TEXT    NOT NULL,
    published_by  BIGINT  REFERENCES accounts (id),
    published_at  BIGINT  NOT NULL
);

CREATE TABLE surveys (
    programme_id      BIGINT  PRIMARY KEY REFERENCES programmes (id),
    questionnaire_id  BIGINT  NOT NULL REFERENCES survey_questionnaires (id),
    extra_items       TEXT    NOT NULL,
    -- [[id, name], …] of the schedule's lecturers when it opened.
    lecturers         TEXT    NOT NULL,
    state             TEXT    NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    opened_at         BIGINT,
    closed_at         BIGINT,
    updated_by        BIGINT  NOT NULL REFERENCES accounts (id),
    updated_at        BIGINT  NOT NULL
);

-- INTEGER PRIMARY KEY: the random id is SQLite's row id, so no hidden row
-- number keeps the order of arrival; the tables below keep none either.
CREATE TABLE survey_responses (
    id            INTEGER PRIMARY KEY,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    answered_on   TEXT    NOT NULL
);
CREATE INDEX survey_responses_programme ON survey_responses (programme_id);

CREATE TABLE survey_answers (
    response_id   BIGINT  NOT NULL REFERENCES survey_responses (id),
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    item          TEXT    NOT NULL,
    score         BIGINT  CHECK (score BETWEEN 1 AND 5),
    choice        BIGINT  CHECK (choice >= 0),
    text          TEXT,
    PRIMARY KEY (response_id, item)
) WITHOUT ROWID;
CREATE INDEX survey_answers_programme ON survey_answers (programme_id, item);

CREATE TABLE survey_participation (
    programme_id   BIGINT  NOT NULL REFERENCES programmes (id),
    enrollment_id  BIGINT  NOT NULL REFERENCES enrollments (id),
    PRIMARY KEY (programme_id, enrollment_id)
) WITHOUT ROWID;
