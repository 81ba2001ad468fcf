-- PDF attachments to a filing (Art. 6). Uploaded while preparing, they join
-- the next filed version and stay with it; size-capped by the application.
CREATE TABLE filing_attachments (
    id            INTEGER PRIMARY KEY,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id),
    filing_id     BIGINT  REFERENCES filings (id),
    file_name     TEXT    NOT NULL,
    size_bytes    BIGINT  NOT NULL CHECK (size_bytes > 0),
    content       BLOB   NOT NULL,
    uploaded_by   BIGINT  NOT NULL REFERENCES accounts (id),
    uploaded_at   BIGINT  NOT NULL
);
CREATE INDEX filing_attachments_programme ON filing_attachments (programme_id);
