-- Completion register and certificates (Art. 7; R8; issue 11; same as
-- migrations/postgres). The unit submits the register (结业登记表) from the
-- published results; every version is kept with the rows as submitted,
-- and the admin approves or returns it. From an approved register the
-- admin issues certificates to the trainees who passed: provincial
-- numbers come from one counter per year and level, taken inside the
-- issuing transaction, so a rolled-back issue leaves no gap; national
-- numbers come from the ministry and are typed in.

CREATE TABLE completion_registers (
    id             INTEGER PRIMARY KEY,
    programme_id   BIGINT  NOT NULL REFERENCES programmes (id),
    version        BIGINT  NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'returned')),
    review_reason  TEXT    NOT NULL DEFAULT '',
    submitted_by   BIGINT  NOT NULL REFERENCES accounts (id),
    submitted_at   BIGINT  NOT NULL,
    reviewed_by    BIGINT  REFERENCES accounts (id),
    reviewed_at    BIGINT,
    CHECK (status <> 'returned' OR review_reason <> ''),
    UNIQUE (programme_id, version)
);

-- The register's rows as the unit submitted them: later corrections to
-- the results do not rewrite a version.
CREATE TABLE completion_register_rows (
    register_id    BIGINT  NOT NULL REFERENCES completion_registers (id),
    enrollment_id  BIGINT  NOT NULL REFERENCES enrollments (id),
    name           TEXT    NOT NULL,
    employer       TEXT    NOT NULL,
    attended       BIGINT  NOT NULL,
    grade          TEXT    CHECK (grade IN ('excellent', 'good', 'pass', 'fail')),
    outcome        TEXT    NOT NULL CHECK (outcome IN ('passed', 'failed', 'incomplete')),
    PRIMARY KEY (register_id, enrollment_id)
);

CREATE TABLE certificate_counters (
    year   BIGINT  NOT NULL,
    level  TEXT    NOT NULL CHECK (level IN ('provincial')),
    last   BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (year, level)
);

-- One certificate per trainee and programme. What it says is kept as
-- issued; a reissue after a correction keeps the number and counts up the
-- version. `token` is the QR code's unguessable key; `checks` counts
-- verifications (one per network and day). Numbers are stored as typed
-- for verification: full-width folded, Latin letters upper-case.
CREATE TABLE certificates (
    id             INTEGER PRIMARY KEY,
    enrollment_id  BIGINT  NOT NULL UNIQUE REFERENCES enrollments (id),
    programme_id   BIGINT  NOT NULL REFERENCES programmes (id),
    register_id    BIGINT  NOT NULL REFERENCES completion_registers (id),
    level          TEXT    NOT NULL CHECK (level IN ('provincial', 'national')),
    year           BIGINT  NOT NULL,
    serial         BIGINT,
    number         TEXT    NOT NULL UNIQUE,
    token          TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    topic          TEXT    NOT NULL,
    start_date     TEXT    NOT NULL,
    end_date       TEXT    NOT NULL,
    class_hours    BIGINT  NOT NULL,
    issuer         TEXT    NOT NULL,
    version        BIGINT  NOT NULL DEFAULT 1,
    issued_by      BIGINT  NOT NULL REFERENCES accounts (id),
    issued_at      BIGINT  NOT NULL,
    revoked_by     BIGINT  REFERENCES accounts (id),
    revoked_at     BIGINT,
    revoke_reason  TEXT    NOT NULL DEFAULT '',
    checks         BIGINT  NOT NULL DEFAULT 0,
    CHECK ((level = 'provincial') = (serial IS NOT NULL)),
    CHECK (revoked_at IS NULL OR revoke_reason <> ''),
    UNIQUE (level, year, serial)
);
CREATE INDEX certificates_programme ON certificates (programme_id);

-- Who checked a certificate: a keyed hash of the network, once a day, so
-- the count the holder sees is of checks, not of reloads.
CREATE TABLE certificate_checks (
    certificate_id  BIGINT  NOT NULL REFERENCES certificates (id),
    day             TEXT    NOT NULL,
    verifier        TEXT    NOT NULL,
    PRIMARY KEY (certificate_id, day, verifier)
);

ALTER TABLE province_settings ADD COLUMN certificate_format TEXT NOT NULL DEFAULT '冀高研〔{year}〕第{no:4}号';
ALTER TABLE province_settings ADD COLUMN certificate_issuer TEXT NOT NULL DEFAULT '河北省人力资源和社会保障厅';
