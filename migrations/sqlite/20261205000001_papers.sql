-- The research paper (R9, issue 10).
-- The institution sets what it asks for; each submission is a version,
-- kept: the file itself lives in the file store (server::storage) under a
-- random key, and here its name, type, size and SHA-256 as the receipt
-- showed them, and whether it came late. An extension lets one trainee
-- submit after the deadline.

CREATE TABLE paper_settings (
    programme_id  BIGINT  PRIMARY KEY REFERENCES programmes (id),
    theme         TEXT    NOT NULL,
    deadline      BIGINT  NOT NULL,
    types         TEXT    NOT NULL,
    max_bytes     BIGINT  NOT NULL CHECK (max_bytes > 0),
    updated_by    BIGINT  NOT NULL REFERENCES accounts (id),
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE paper_extensions (
    enrollment_id   BIGINT  PRIMARY KEY REFERENCES enrollments (id),
    extended_until  BIGINT  NOT NULL,
    reason          TEXT    NOT NULL,
    granted_by      BIGINT  NOT NULL REFERENCES accounts (id),
    granted_at      BIGINT  NOT NULL
);

CREATE TABLE papers (
    id             INTEGER PRIMARY KEY,
    enrollment_id  BIGINT  NOT NULL REFERENCES enrollments (id),
    version        BIGINT  NOT NULL,
    file_name      TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('pdf', 'docx')),
    size           BIGINT  NOT NULL CHECK (size > 0),
    sha256         TEXT    NOT NULL,
    storage_key    TEXT    NOT NULL UNIQUE,
    submitted_at   BIGINT  NOT NULL,
    -- After the deadline in force then, within an extension: judged when
    -- submitted, so a deadline moved later does not rewrite the past.
    late           BIGINT  NOT NULL CHECK (late IN (0, 1)),
    UNIQUE (enrollment_id, version)
);
