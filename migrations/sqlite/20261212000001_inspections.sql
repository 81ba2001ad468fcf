-- Inspections and sanctions (Art. 19, 21; R17 feeding R2; issue 12; same
-- as migrations/postgres). An inspection of one programme, maybe drawn by
-- a spot check: what was checked, what was found, the date to rectify by,
-- the unit's report and the closing decision.
CREATE TABLE inspections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id    BIGINT  NOT NULL REFERENCES programmes (id),
    spot_check_id   BIGINT  REFERENCES spot_checks (id),
    checked         TEXT    NOT NULL,
    findings        TEXT    NOT NULL DEFAULT '',
    rectify_by      TEXT    CHECK (rectify_by IS NULL OR date(rectify_by) IS rectify_by),
    status          TEXT    NOT NULL CHECK (status IN ('rectifying', 'reported', 'closed')),
    report          TEXT    NOT NULL DEFAULT '',
    reported_by     BIGINT  REFERENCES accounts (id),
    reported_at     BIGINT,
    report_late     BIGINT  NOT NULL DEFAULT 0 CHECK (report_late IN (0, 1)),
    decision_note   TEXT    NOT NULL DEFAULT '',
    recorded_by     BIGINT  NOT NULL REFERENCES accounts (id),
    recorded_at     BIGINT  NOT NULL,
    closed_by       BIGINT  REFERENCES accounts (id),
    closed_at       BIGINT,
    CHECK ((findings = '') = (rectify_by IS NULL))
);
CREATE INDEX inspections_programme ON inspections (programme_id);

-- A sanction follows a finding. A disqualification also writes the
-- period into disqualifications, which is what refuses proposals (R2).
CREATE TABLE sanctions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    inspection_id       BIGINT  NOT NULL REFERENCES inspections (id),
    org_id              BIGINT  NOT NULL REFERENCES organisations (id),
    kind                TEXT    NOT NULL CHECK (kind IN ('warning', 'recovery', 'disqualification')),
    amount_fen          BIGINT  NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    recovered_fen       BIGINT  NOT NULL DEFAULT 0 CHECK (recovered_fen >= 0 AND recovered_fen <= amount_fen),
    disqualification_id BIGINT  REFERENCES disqualifications (id),
    reason              TEXT    NOT NULL,
    created_by          BIGINT  NOT NULL REFERENCES accounts (id),
    created_at          BIGINT  NOT NULL,
    -- One of each kind per finding: a second press of the form is refused
    -- rather than sanctioning twice.
    UNIQUE (inspection_id, kind)
);
CREATE INDEX sanctions_org ON sanctions (org_id);
