-- Messages to one account, shown when its owner signs in: what the public
-- application form must not say to whoever typed a number (that the identity
-- number has applied already) is told to the number's owner instead.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    account_id    BIGINT  NOT NULL REFERENCES accounts (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('apply_id_taken')),
    programme_id  BIGINT  REFERENCES programmes (id),
    created_at    BIGINT  NOT NULL,
    read_at       BIGINT
);
CREATE INDEX notifications_account ON notifications (account_id, created_at);
