-- An allegation about one of the leads is never shown to that lead, and only another lead
-- handles it (seed 003: the person implicated is not told by, and does not handle, the
-- allegation). Set when it is recorded; never changed after.
ALTER TABLE allegations ADD COLUMN about_lead_id INTEGER REFERENCES leads (id);

-- Removing a false or malicious allegation takes two leads: one asks, another confirms.
-- Deferred, so the removal deletes the allegation and then its request in one transaction.
CREATE TABLE allegation_removal_requests (
    allegation_id  INTEGER PRIMARY KEY REFERENCES allegations (id) DEFERRABLE INITIALLY DEFERRED,
    requested_by   INTEGER NOT NULL REFERENCES leads (id),
    requested_at   TEXT NOT NULL
);

DROP TRIGGER allegations_steps_once;
CREATE TRIGGER allegations_steps_once BEFORE UPDATE ON allegations
WHEN (OLD.lado_on IS NOT NULL AND NEW.lado_on IS NOT OLD.lado_on)
  OR (OLD.final_outcome IS NOT NULL AND NEW.final_outcome IS NOT OLD.final_outcome)
  OR NEW.person_name IS NOT OLD.person_name OR NEW.written_record IS NOT OLD.written_record
  OR NEW.reference IS NOT OLD.reference OR NEW.about_lead_id IS NOT OLD.about_lead_id
BEGIN SELECT RAISE(ABORT, 'allegation records are not rewritten'); END;

DROP TRIGGER allegations_removal;
CREATE TRIGGER allegations_removal BEFORE DELETE ON allegations
WHEN OLD.final_outcome IS NULL OR OLD.final_outcome NOT IN ('false', 'malicious')
  OR NOT EXISTS (SELECT 1 FROM allegation_removal_requests r WHERE r.allegation_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'only a false or malicious allegation whose removal a lead asked for can be removed'); END;
