-- The province's settings: one row. The length of a class hour decides how
-- many class hours a course's time can hold (R4 is met by teaching time).
CREATE TABLE province_settings (
    id                  BIGINT  NOT NULL PRIMARY KEY CHECK (id = 1),
    class_hour_minutes  BIGINT  NOT NULL DEFAULT 45
                        CHECK (class_hour_minutes BETWEEN 30 AND 60),
    updated_by          BIGINT  REFERENCES accounts (id),
    updated_at          BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO province_settings (id) VALUES (1);
