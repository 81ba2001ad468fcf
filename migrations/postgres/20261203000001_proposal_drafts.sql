-- A proposal draft is saved part-way (issue 9): only its title is required
-- until it is submitted. The fields a draft may lack become nullable, and
-- the rules that judge a complete proposal (R4's 32 class hours, R15's
-- balance, every field present) hold for every proposal past the draft.
ALTER TABLE proposals
    ALTER COLUMN institution_id DROP NOT NULL,
    ALTER COLUMN need_kind DROP NOT NULL,
    ALTER COLUMN start_date DROP NOT NULL,
    ALTER COLUMN end_date DROP NOT NULL,
    ALTER COLUMN trainees DROP NOT NULL,
    ALTER COLUMN class_hours DROP NOT NULL,
    ALTER COLUMN need SET DEFAULT '',
    ALTER COLUMN place SET DEFAULT '',
    ALTER COLUMN contact_name SET DEFAULT '',
    ALTER COLUMN contact_phone SET DEFAULT '',
    DROP CONSTRAINT proposals_class_hours_check,
    -- The first is the end date's (it names two columns), the second R15.
    DROP CONSTRAINT proposals_check,
    DROP CONSTRAINT proposals_check1,
    ADD CONSTRAINT proposals_end_date_check CHECK (end_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
        AND to_char(to_date(end_date, 'YYYY-MM-DD'), 'YYYY-MM-DD') = end_date),
    ADD CONSTRAINT proposals_title_present CHECK (title <> ''),
    ADD CONSTRAINT proposals_class_hours_check CHECK (class_hours >= 0),
    ADD CONSTRAINT proposals_complete CHECK (status = 'draft' OR (
        institution_id IS NOT NULL AND need_kind IS NOT NULL AND need <> ''
        AND start_date IS NOT NULL AND end_date IS NOT NULL AND end_date >= start_date
        AND place <> '' AND trainees IS NOT NULL AND class_hours >= 32
        AND contact_name <> '' AND contact_phone <> ''
        AND cost_accommodation + cost_meals + cost_venue + cost_lecture_fees + cost_materials + cost_transport
          = fund_government + fund_unit + fund_society + fund_individual));
