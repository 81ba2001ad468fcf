-- Two admins saving the settings at once: the second is told the value
-- changed under them instead of silently overwriting it.
ALTER TABLE province_settings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
