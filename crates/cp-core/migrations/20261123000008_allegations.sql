-- Allegations against staff or volunteers (seed 003), kept apart from family cases: their
-- own reference (AL-YYYY-NNNN), never on the register or in a family's reports.
CREATE TABLE allegations (
    id               INTEGER PRIMARY KEY,
    ref_year         INTEGER NOT NULL,
    ref_number       INTEGER NOT NULL,
    reference        TEXT NOT NULL UNIQUE,
    person_name      TEXT NOT NULL,
    person_role      TEXT NOT NULL,
    setting          TEXT NOT NULL,
    person_dob       TEXT,
    harm_tests       TEXT NOT NULL,
    reported_by      TEXT NOT NULL,
    reported_to      TEXT NOT NULL,
    reported_on      TEXT NOT NULL,
    written_record   TEXT NOT NULL,
    lado_on          TEXT,
    lado_advice      TEXT,
    meets_criteria   INTEGER CHECK (meets_criteria IN (0, 1)),
    final_outcome    TEXT CHECK (final_outcome IN ('substantiated', 'unsubstantiated', 'unfounded', 'false', 'malicious')),
    outcome_on       TEXT,
    retention_until  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES leads (id),
    UNIQUE (ref_year, ref_number)
);

CREATE TABLE allegation_meetings (
    id             INTEGER PRIMARY KEY,
    allegation_id  INTEGER NOT NULL REFERENCES allegations (id),
    held_on        TEXT NOT NULL,
    note           TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    recorded_by    INTEGER NOT NULL REFERENCES leads (id)
);

-- The LADO discussion and the final outcome are each recorded once; nothing else changes.
CREATE TRIGGER allegations_steps_once BEFORE UPDATE ON allegations
WHEN (OLD.lado_on IS NOT NULL AND NEW.lado_on IS NOT OLD.lado_on)
  OR (OLD.final_outcome IS NOT NULL AND NEW.final_outcome IS NOT OLD.final_outcome)
  OR NEW.person_name IS NOT OLD.person_name OR NEW.written_record IS NOT OLD.written_record
  OR NEW.reference IS NOT OLD.reference
BEGIN SELECT RAISE(ABORT, 'allegation records are not rewritten'); END;
-- Removed only when found false or malicious, and then with its meetings.
CREATE TRIGGER allegations_removal BEFORE DELETE ON allegations
WHEN OLD.final_outcome IS NULL OR OLD.final_outcome NOT IN ('false', 'malicious')
BEGIN SELECT RAISE(ABORT, 'only a false or malicious allegation can be removed'); END;
CREATE TRIGGER allegation_meetings_removal BEFORE DELETE ON allegation_meetings
WHEN NOT EXISTS (SELECT 1 FROM allegations a WHERE a.id = OLD.allegation_id AND a.final_outcome IN ('false', 'malicious'))
BEGIN SELECT RAISE(ABORT, 'only a false or malicious allegation can be removed'); END;
