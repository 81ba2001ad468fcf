-- Sign-in hardening. Failed sign-ins are counted per typed user name,
-- known or not, so an unknown name locks exactly like a known one (no
-- account oracle); the name is kept only as its keyed hash. Counting and
-- locking happen in one conditional update. A password change or reset
-- moves the account to a new session generation, ending its other sessions.

CREATE TABLE login_throttle (
    name_hash     TEXT    PRIMARY KEY,
    failed        BIGINT  NOT NULL DEFAULT 0,
    locked_until  BIGINT,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);

ALTER TABLE accounts ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts DROP COLUMN failed_logins;
ALTER TABLE accounts DROP COLUMN locked_until;
