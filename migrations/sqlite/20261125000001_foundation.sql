-- Organisations, accounts and the append-only audit trail (SQLite).
-- Times are Unix seconds (BIGINT); flags are 0/1 BIGINTs, so both backends
-- decode them through sqlx's Any driver as i64.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('province', 'city_bureau', 'provincial_dept', 'other_unit', 'institution')),
    parent_id   BIGINT  REFERENCES organisations (id),
    active      BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version     BIGINT  NOT NULL DEFAULT 1,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    CHECK ((kind = 'institution') = (parent_id IS NOT NULL))
);

CREATE TABLE accounts (
    id                    INTEGER PRIMARY KEY,
    username              TEXT    NOT NULL UNIQUE,
    display_name          TEXT    NOT NULL,
    role                  TEXT    NOT NULL CHECK (role IN ('admin', 'unit', 'institution', 'trainee', 'inspector')),
    org_id                BIGINT  REFERENCES organisations (id),
    password_hash         TEXT    NOT NULL,
    must_change_password  BIGINT  NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    active                BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins         BIGINT  NOT NULL DEFAULT 0,
    locked_until          BIGINT,
    last_login_at         BIGINT,
    version               BIGINT  NOT NULL DEFAULT 1,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL
);
CREATE INDEX accounts_org ON accounts (org_id);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              BIGINT  NOT NULL,
    actor_id        BIGINT,
    actor_username  TEXT    NOT NULL,
    actor_role      TEXT,
    actor_org_id    BIGINT,
    action          TEXT    NOT NULL,
    target_kind     TEXT    NOT NULL,
    target_id       TEXT,
    detail          TEXT    NOT NULL DEFAULT '',
    ip              TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
