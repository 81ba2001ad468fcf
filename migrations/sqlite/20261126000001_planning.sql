-- The planning cycle (SQLite): topic calls, proposals, selection, the published
-- plan's programmes, change requests (R13), disqualifications (R2), commendations
-- (R18). Dates are ISO text checked to be real calendar dates.

CREATE TABLE topic_calls (
    id            INTEGER PRIMARY KEY,
    year          BIGINT  NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    deadline_at   BIGINT  NOT NULL,
    guidance      TEXT    NOT NULL DEFAULT '',
    closed_at     BIGINT,
    published_at  BIGINT,
    version       BIGINT  NOT NULL DEFAULT 1,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

-- Art. 11's priority areas, which proposals tag.
CREATE TABLE call_areas (
    id       INTEGER PRIMARY KEY,
    call_id  BIGINT  NOT NULL REFERENCES topic_calls (id),
    kind     TEXT    NOT NULL CHECK (kind IN ('national', 'regional', 'frontier')),
    name     TEXT    NOT NULL,
    UNIQUE (call_id, name)
);

CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY,
    call_id             BIGINT  NOT NULL REFERENCES topic_calls (id),
    unit_id             BIGINT  NOT NULL REFERENCES organisations (id),
    institution_id      BIGINT  NOT NULL REFERENCES organisations (id),
    title               TEXT    NOT NULL,
    need_kind           TEXT    NOT NULL CHECK (need_kind IN ('summarise', 'unsolved', 'urgent')),
    need                TEXT    NOT NULL,
    start_date          TEXT    NOT NULL CHECK (date(start_date) IS start_date),
    end_date            TEXT    NOT NULL CHECK (date(end_date) IS end_date AND end_date >= start_date),
    place               TEXT    NOT NULL,
    trainees            BIGINT  NOT NULL CHECK (trainees > 0),
    class_hours         BIGINT  NOT NULL CHECK (class_hours >= 32),
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
    contact_name        TEXT    NOT NULL,
    contact_phone       TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'selected', 'rejected')),
    recommend_national  BIGINT  NOT NULL DEFAULT 0 CHECK (recommend_national IN (0, 1)),
    decision_reason     TEXT    NOT NULL DEFAULT '',
    submitted_at        BIGINT,
    decided_at          BIGINT,
    version             BIGINT  NOT NULL DEFAULT 1,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    -- R15, kept by the database too: sources add up to the spending total.
    CHECK (cost_accommodation + cost_meals + cost_venue + cost_lecture_fees + cost_materials + cost_transport
         = fund_government + fund_unit + fund_society + fund_individual)
);
CREATE INDEX proposals_call ON proposals (call_id, status);
CREATE INDEX proposals_unit ON proposals (unit_id);

CREATE TABLE proposal_areas (
    proposal_id  BIGINT  NOT NULL REFERENCES proposals (id),
    area_id      BIGINT  NOT NULL REFERENCES call_areas (id),
    PRIMARY KEY (proposal_id, area_id)
);
CREATE INDEX proposal_areas_area ON proposal_areas (area_id);

-- A selected proposal as the published annual plan lists it. Dates and
-- place change only through an approved change request (R13).
CREATE TABLE programmes (
    id                  INTEGER PRIMARY KEY,
    proposal_id         BIGINT  NOT NULL UNIQUE REFERENCES proposals (id),
    year                BIGINT  NOT NULL,
    serial              BIGINT  NOT NULL,
    topic               TEXT    NOT NULL,
    unit_id             BIGINT  NOT NULL REFERENCES organisations (id),
    institution_id      BIGINT  NOT NULL REFERENCES organisations (id),
    start_date          TEXT    NOT NULL CHECK (date(start_date) IS start_date),
    end_date            TEXT    NOT NULL CHECK (date(end_date) IS end_date AND end_date >= start_date),
    place               TEXT    NOT NULL,
    trainees            BIGINT  NOT NULL,
    class_hours         BIGINT  NOT NULL,
    recommend_national  BIGINT  NOT NULL DEFAULT 0 CHECK (recommend_national IN (0, 1)),
    published_at        BIGINT  NOT NULL,
    version             BIGINT  NOT NULL DEFAULT 1,
    updated_at          BIGINT  NOT NULL,
    UNIQUE (year, serial)
);
CREATE INDEX programmes_unit ON programmes (unit_id);
CREATE INDEX programmes_institution ON programmes (institution_id);

CREATE TABLE change_requests (
    id               INTEGER PRIMARY KEY,
    programme_id     BIGINT  NOT NULL REFERENCES programmes (id),
    old_start_date   TEXT    NOT NULL,
    old_end_date     TEXT    NOT NULL,
    old_place        TEXT    NOT NULL,
    new_start_date   TEXT    NOT NULL CHECK (date(new_start_date) IS new_start_date),
    new_end_date     TEXT    NOT NULL CHECK (date(new_end_date) IS new_end_date AND new_end_date >= new_start_date),
    new_place        TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decision_reason  TEXT    NOT NULL DEFAULT '',
    requested_by     BIGINT  NOT NULL REFERENCES accounts (id),
    requested_at     BIGINT  NOT NULL,
    decided_by       BIGINT  REFERENCES accounts (id),
    decided_at       BIGINT
);
-- One open request per programme at a time.
CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (programme_id) WHERE status = 'pending';

-- R2/R17: a unit may not propose between these dates (inclusive).
CREATE TABLE disqualifications (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT  NOT NULL REFERENCES organisations (id),
    from_date   TEXT    NOT NULL CHECK (date(from_date) IS from_date),
    until_date  TEXT    NOT NULL CHECK (date(until_date) IS until_date AND until_date >= from_date),
    reason      TEXT    NOT NULL,
    created_by  BIGINT  REFERENCES accounts (id),
    created_at  BIGINT  NOT NULL
);
CREATE INDEX disqualifications_org ON disqualifications (org_id, until_date);

-- R18: commended this year, supported in next year's selection.
CREATE TABLE commendations (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT  NOT NULL REFERENCES organisations (id),
    year        BIGINT  NOT NULL,
    note        TEXT    NOT NULL,
    created_by  BIGINT  REFERENCES accounts (id),
    created_at  BIGINT  NOT NULL,
    UNIQUE (org_id, year)
);
