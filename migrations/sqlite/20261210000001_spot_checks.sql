-- Random spot checks (Art. 19, R16; issue 12; same as migrations/postgres).
-- A draw keeps everything needed to run it again: the population as the
-- sorted programme ids it was drawn from, the sample size, and the seed.
-- The seed is a u64 kept as decimal text: neither SQLite's integer nor a
-- JavaScript number holds every u64.

CREATE TABLE spot_checks (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    year             BIGINT  NOT NULL,
    scope            TEXT    NOT NULL CHECK (scope IN ('ended', 'all')),
    population       TEXT    NOT NULL,
    population_size  BIGINT  NOT NULL CHECK (population_size > 0),
    sample_size      BIGINT  NOT NULL CHECK (sample_size > 0 AND sample_size <= population_size),
    seed             TEXT    NOT NULL CHECK (length(seed) BETWEEN 1 AND 20),
    sample           TEXT    NOT NULL,
    note             TEXT    NOT NULL DEFAULT '',
    drawn_by         BIGINT  NOT NULL REFERENCES accounts (id),
    drawn_at         BIGINT  NOT NULL
);
