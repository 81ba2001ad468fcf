-- One account per person, across programmes (issue 10). A trainee account
-- carries the keyed hash of its holder's identity number, set when an
-- institution admits the person (never from what an applicant types), so
-- a second programme finds the same account. Accounts made at admission
-- have no password ('') until their holder activates them with a one-time
-- code: the code is kept sealed (to print it again on a slip) and as a
-- keyed hash (to find it), and expires or is used once.

ALTER TABLE accounts ADD COLUMN person_hash TEXT;
-- The enrollment whose admission made the account: only that enrollment's
-- slip carries its activation code (an identity number typed elsewhere
-- finds the account but never shows its code).
ALTER TABLE accounts ADD COLUMN made_for_enrollment BIGINT;
CREATE UNIQUE INDEX accounts_person ON accounts (person_hash);

CREATE TABLE activation_codes (
    id           INTEGER PRIMARY KEY,
    account_id   BIGINT  NOT NULL REFERENCES accounts (id),
    code_hash    TEXT    NOT NULL UNIQUE,
    code_sealed  TEXT    NOT NULL,
    expires_at   BIGINT  NOT NULL,
    used_at      BIGINT,
    created_by   BIGINT  REFERENCES accounts (id),
    created_at   BIGINT  NOT NULL
);
CREATE INDEX activation_codes_account ON activation_codes (account_id);

-- Attendance: one record per trainee and course, by scanning the rotating
-- code (the time of the scan) or marked by the institution with a reason.
CREATE TABLE checkins (
    id             INTEGER PRIMARY KEY,
    course_id      BIGINT  NOT NULL REFERENCES courses (id),
    enrollment_id  BIGINT  NOT NULL REFERENCES enrollments (id),
    at             BIGINT  NOT NULL,
    method         TEXT    NOT NULL CHECK (method IN ('scan', 'manual')),
    reason         TEXT    NOT NULL DEFAULT '',
    marked_by      BIGINT  REFERENCES accounts (id),
    UNIQUE (course_id, enrollment_id),
    CHECK ((method = 'manual') = (marked_by IS NOT NULL AND reason <> ''))
);
CREATE INDEX checkins_enrollment ON checkins (enrollment_id);
