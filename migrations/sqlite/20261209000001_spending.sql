-- Fee standards and actual spending (Art. 17, 18; R11, R12, R15; issue 12;
-- same as migrations/postgres). The province's fee standards are versions
-- by the day they take effect; a programme is judged by the version in
-- force on its start date, so a version is never changed once added.
-- Caps are rows keyed as `lecture-<title level>` (per class hour, after
-- tax) and `<training category>-<item>` (per person per day), in fen.

CREATE TABLE fee_standards (
    id              INTEGER PRIMARY KEY,
    effective_from  TEXT    NOT NULL UNIQUE CHECK (date(effective_from) IS effective_from),
    note            TEXT    NOT NULL DEFAULT '',
    created_by      BIGINT  REFERENCES accounts (id),
    created_at      BIGINT  NOT NULL
);

CREATE TABLE fee_caps (
    standard_id  BIGINT  NOT NULL REFERENCES fee_standards (id),
    item         TEXT    NOT NULL,
    fen          BIGINT  NOT NULL CHECK (fen >= 0),
    PRIMARY KEY (standard_id, item)
);

-- The national figures as the first version, in force for every programme
-- this system holds.
INSERT INTO fee_standards (effective_from, note, created_at)
VALUES ('2016-01-01', '初始标准（全国通行标准）', 0);
INSERT INTO fee_caps (standard_id, item, fen)
SELECT s.id, v.column1, v.column2 FROM fee_standards s, (VALUES
    ('lecture-mid_or_below', 30000),
    ('lecture-associate_senior', 50000),
    ('lecture-full_senior', 100000),
    ('lecture-academician', 150000),
    ('first-accommodation', 50000),
    ('first-meals', 15000),
    ('first-venue', 8000),
    ('first-other', 3000),
    ('second-accommodation', 40000),
    ('second-meals', 15000),
    ('second-venue', 7000),
    ('second-other', 3000),
    ('third-accommodation', 34000),
    ('third-meals', 13000),
    ('third-venue', 5000),
    ('third-other', 3000)
) AS v;

-- A programme's account: its training category (for the per-day caps) and
-- the funds it received by source, which must add up to the spending to
-- the fen (R15) before the closing is submitted.
CREATE TABLE programme_accounts (
    programme_id       BIGINT  PRIMARY KEY REFERENCES programmes (id),
    training_category  TEXT    NOT NULL DEFAULT 'third' CHECK (training_category IN ('first', 'second', 'third')),
    fund_government    BIGINT  NOT NULL DEFAULT 0 CHECK (fund_government >= 0),
    fund_unit          BIGINT  NOT NULL DEFAULT 0 CHECK (fund_unit >= 0),
    fund_society       BIGINT  NOT NULL DEFAULT 0 CHECK (fund_society >= 0),
    fund_individual    BIGINT  NOT NULL DEFAULT 0 CHECK (fund_individual >= 0),
    updated_by         BIGINT  NOT NULL REFERENCES accounts (id),
    updated_at         BIGINT  NOT NULL
);

-- One line of actual spending in one of the six categories (R11). A
-- lecture fee names the course and the lecturer; its class hours and the
-- lecturer's title are read from the schedule and the registry.
CREATE TABLE spending_lines (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id         BIGINT  NOT NULL REFERENCES programmes (id),
    category             TEXT    NOT NULL CHECK (category IN ('accommodation', 'meals', 'venue', 'lecture_fees', 'materials', 'transport')),
    source               TEXT    NOT NULL CHECK (source IN ('government', 'unit', 'society', 'individual')),
    amount               BIGINT  NOT NULL CHECK (amount > 0),
    course_id            BIGINT  REFERENCES courses (id),
    lecturer_id          BIGINT  REFERENCES lecturers (id),
    charged_to_trainees  BIGINT  NOT NULL DEFAULT 0 CHECK (charged_to_trainees IN (0, 1)),
    note                 TEXT    NOT NULL DEFAULT '',
    entered_by           BIGINT  NOT NULL REFERENCES accounts (id),
    entered_at           BIGINT  NOT NULL,
    CHECK ((category = 'lecture_fees') = (course_id IS NOT NULL)),
    CHECK ((course_id IS NULL) = (lecturer_id IS NULL))
);
CREATE INDEX spending_lines_programme ON spending_lines (programme_id);
