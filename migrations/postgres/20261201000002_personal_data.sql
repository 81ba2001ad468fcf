-- Personal data at rest (PIPL). Identity numbers, trainees' mobiles and
-- lecturers' phones are sealed by the application under the data key
-- (`*_sealed`), beside keyed hashes that find and deduplicate them
-- (`*_hash`). Rows written before this migration keep their numbers in
-- `legacy_*` columns until the application seals them at its next start
-- and empties those columns (NULL for enrollments, '' for lecturers).

ALTER TABLE enrollments RENAME COLUMN id_number TO legacy_id_number;
ALTER TABLE enrollments RENAME COLUMN mobile TO legacy_mobile;
ALTER TABLE enrollments ALTER COLUMN legacy_id_number DROP NOT NULL;
ALTER TABLE enrollments ALTER COLUMN legacy_mobile DROP NOT NULL;
ALTER TABLE enrollments DROP CONSTRAINT enrollments_id_number_check;
ALTER TABLE enrollments DROP CONSTRAINT enrollments_programme_id_id_number_key;
ALTER TABLE enrollments
    ADD COLUMN id_number_sealed TEXT,
    ADD COLUMN id_number_hash   TEXT,
    ADD COLUMN mobile_sealed    TEXT,
    ADD COLUMN mobile_hash      TEXT,
    ADD CHECK ((id_number_sealed IS NULL) = (legacy_id_number IS NOT NULL)),
    ADD CHECK ((id_number_sealed IS NULL) = (id_number_hash IS NULL)),
    ADD CHECK ((mobile_sealed IS NULL) = (legacy_mobile IS NOT NULL)),
    ADD UNIQUE (programme_id, id_number_hash);
CREATE INDEX enrollments_id_number ON enrollments (id_number_hash);

ALTER TABLE lecturers RENAME COLUMN phone TO legacy_phone;
ALTER TABLE lecturers ADD COLUMN phone_sealed TEXT;
ALTER TABLE lecturers ADD COLUMN phone_hash TEXT;
