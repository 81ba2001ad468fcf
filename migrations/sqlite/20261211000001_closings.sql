-- Closing materials (Art. 8, R10, R15; issue 12; same as migrations/postgres).
-- Every version the unit sends is kept with the expense account as it
-- stood (JSON, judged by the standards in force on the start date), the
-- totals R15 was checked on, and whether it came after the due day.
CREATE TABLE closings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    version       BIGINT  NOT NULL CHECK (version > 0),
    summary       TEXT    NOT NULL,
    account       TEXT    NOT NULL,
    lines         BIGINT  NOT NULL CHECK (lines > 0),
    spent_fen     BIGINT  NOT NULL,
    funds_fen     BIGINT  NOT NULL,
    due_date      TEXT    NOT NULL,
    late          BIGINT  NOT NULL CHECK (late IN (0, 1)),
    status        TEXT    NOT NULL DEFAULT 'submitted'
                  CHECK (status IN ('submitted', 'returned', 'accepted')),
    submitted_by  BIGINT  NOT NULL REFERENCES accounts (id),
    submitted_at  BIGINT  NOT NULL,
    reason        TEXT    NOT NULL DEFAULT '',
    decided_by    BIGINT  REFERENCES accounts (id),
    decided_at    BIGINT,
    UNIQUE (programme_id, version)
);
-- At most one version awaits review or stands accepted: two racing
-- submissions end in one conflict.
CREATE UNIQUE INDEX closings_held ON closings (programme_id)
    WHERE status IN ('submitted', 'accepted');

-- The stamped account (kind 'scan') and other attachments, PDFs capped by
-- the application. Uploaded before sending, they join the next version.
CREATE TABLE closing_files (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    closing_id    BIGINT  REFERENCES closings (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('scan', 'other')),
    file_name     TEXT    NOT NULL,
    size_bytes    BIGINT  NOT NULL CHECK (size_bytes > 0),
    content       BLOB   NOT NULL,
    uploaded_by   BIGINT  NOT NULL REFERENCES accounts (id),
    uploaded_at   BIGINT  NOT NULL
);
CREATE INDEX closing_files_programme ON closing_files (programme_id);
