-- A proposal draft is saved part-way (issue 9): only its title is required
-- until it is submitted. The fields a draft may lack become nullable, and
-- the rules that judge a complete proposal (R4's 32 class hours, R15's
-- balance, every field present) hold for every proposal past the draft.
-- SQLite cannot change a column's constraints in place: the table is
-- rebuilt by the procedure of SQLite's ALTER TABLE page. Migrations run
-- with foreign keys off and the whole database is checked afterwards
-- (`server::db`), so the rows that point at proposals are kept and find
-- the rebuilt table under the old name.

CREATE TABLE proposals_new (
    id                  INTEGER PRIMARY KEY,
    call_id             BIGINT  NOT NULL REFERENCES topic_calls (id),
    unit_id             BIGINT  NOT NULL REFERENCES organisations (id),
    institution_id      BIGINT  REFERENCES organisations (id),
    title               TEXT    NOT NULL CHECK (title <> ''),
    need_kind           TEXT    CHECK (need_kind IN ('summarise', 'unsolved', 'urgent')),
    need                TEXT    NOT NULL DEFAULT '',
    start_date          TEXT    CHECK (date(start_date) IS start_date),
    end_date            TEXT    CHECK (date(end_date) IS end_date),
    place               TEXT    NOT NULL DEFAULT '',
    trainees            BIGINT  CHECK (trainees > 0),
    class_hours         BIGINT  CHECK (class_hours >= 0),
    cost_accommodation  BIGINT  NOT NULL CHECK (cost_accommodation >= 0),
    cost_meals          BIGINT  NOT NULL CHECK (cost_meals >= 0),
    cost_venue          BIGINT  NOT NULL CHECK (cost_venue >= 0),
    cost_lecture_fees   BIGINT  NOT NULL CHECK (cost_lecture_fees >= 0),
    cost_materials      BIGINT  NOT NULL CHECK (cost_materials >= 0),
    cost_transport      BIGINT  NOT NULL CHECK (cost_transport >= 0),
    fund_government     BIGINT  NOT NULL CHECK (fund_government >= 0),
    fund_unit           BIGINT  NOT NULL CHECK (fund_unit >= 0),
    fund_society        BIGINT  NOT NULL CHECK (fund_society >= 0),
    fund_individual     BIGINT  NOT NULL CHECK (fund_individual >= 0),
    contact_name        TEXT    NOT NULL DEFAULT '',
    contact_phone       TEXT    NOT NULL DEFAULT '',
    status              TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'selected', 'rejected')),
    recommend_national  BIGINT  NOT NULL DEFAULT 0 CHECK (recommend_national IN (0, 1)),
    decision_reason     TEXT    NOT NULL DEFAULT '',
    submitted_at        BIGINT,
    decided_at          BIGINT,
    version             BIGINT  NOT NULL DEFAULT 1,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    -- Past the draft: complete, R4 and R15, kept by the database too.
    CHECK (status = 'draft' OR (
        institution_id IS NOT NULL AND need_kind IS NOT NULL AND need <> ''
        AND start_date IS NOT NULL AND end_date IS NOT NULL AND end_date >= start_date
        AND place <> '' AND trainees IS NOT NULL AND class_hours >= 32
        AND contact_name <> '' AND contact_phone <> ''
        AND cost_accommodation + cost_meals + cost_venue + cost_lecture_fees + cost_materials + cost_transport
          = fund_government + fund_unit + fund_society + fund_individual))
);
INSERT INTO proposals_new SELECT
    id, call_id, unit_id, institution_id, title, need_kind, need, start_date, end_date, place,
    trainees, class_hours, cost_accommodation, cost_meals, cost_venue, cost_lecture_fees,
    cost_materials, cost_transport, fund_government, fund_unit, fund_society, fund_individual,
    contact_name, contact_phone, status, recommend_national, decision_reason, submitted_at,
    decided_at, version, created_at, updated_at
    FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_new RENAME TO proposals;
CREATE INDEX proposals_call ON proposals (call_id, status);
CREATE INDEX proposals_unit ON proposals (unit_id);
