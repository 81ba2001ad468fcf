-- Personal data at rest (PIPL). Identity numbers, trainees' mobiles and
-- lecturers' phones are sealed by the application under the data key
-- (`*_sealed`), beside keyed hashes that find and deduplicate them
-- (`*_hash`). Rows written before this migration keep their numbers in
-- `legacy_*` columns until the application seals them at its next start
-- and empties those columns (NULL for enrollments, '' for lecturers).

CREATE TABLE enrollments_sealed (
    id                INTEGER PRIMARY KEY,
    programme_id      BIGINT  NOT NULL REFERENCES programmes (id),
    account_id        BIGINT  REFERENCES accounts (id),
    name              TEXT    NOT NULL,
    gender            TEXT    NOT NULL CHECK (gender IN ('male', 'female')),
    id_number_sealed  TEXT,
    id_number_hash    TEXT,
    mobile_sealed     TEXT,
    mobile_hash       TEXT,
    legacy_id_number  TEXT,
    legacy_mobile     TEXT,
    employer          TEXT    NOT NULL,
    province          TEXT    NOT NULL,
    title_level       TEXT    NOT NULL CHECK (title_level IN ('junior', 'mid', 'associate_senior', 'full_senior', 'manager')),
    source            TEXT    NOT NULL CHECK (source IN ('applied', 'imported')),
    status            TEXT    NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'admitted', 'declined')),
    created_at        BIGINT  NOT NULL,
    decided_at        BIGINT,
    version           BIGINT  NOT NULL DEFAULT 1,
    CHECK ((id_number_sealed IS NULL) = (legacy_id_number IS NOT NULL)),
    CHECK ((id_number_sealed IS NULL) = (id_number_hash IS NULL)),
    CHECK ((mobile_sealed IS NULL) = (legacy_mobile IS NOT NULL)),
    UNIQUE (programme_id, id_number_hash)
);
INSERT INTO enrollments_sealed (id, programme_id, account_id, name, gender, legacy_id_number,
    legacy_mobile, employer, province, title_level, source, status, created_at, decided_at, version)
SELECT id, programme_id, account_id, name, gender, id_number, mobile, employer, province,
    title_level, source, status, created_at, decided_at, version
FROM enrollments;
DROP TABLE enrollments;
ALTER TABLE enrollments_sealed RENAME TO enrollments;
CREATE INDEX enrollments_account ON enrollments (account_id);
CREATE INDEX enrollments_id_number ON enrollments (id_number_hash);

ALTER TABLE lecturers RENAME COLUMN phone TO legacy_phone;
ALTER TABLE lecturers ADD COLUMN phone_sealed TEXT;
ALTER TABLE lecturers ADD COLUMN phone_hash TEXT;
