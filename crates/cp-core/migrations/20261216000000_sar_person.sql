-- A subject access request about one child of the case (a young person asking for their own
-- records, or a parent for their child's): its copy holds that child's records and the whole
-- family's, not a brother's or sister's own. None: the whole family's file. Set when the
-- request is recorded; never changed after.
ALTER TABLE subject_access_requests ADD COLUMN person_id INTEGER REFERENCES people (id);

DROP TRIGGER subject_access_requests_steps_once;
CREATE TRIGGER subject_access_requests_steps_once BEFORE UPDATE ON subject_access_requests
WHEN (OLD.identity_checked_on IS NOT NULL AND (NEW.identity_checked_on IS NOT OLD.identity_checked_on
      OR NEW.identity_how IS NOT OLD.identity_how))
  OR (OLD.extended_at IS NOT NULL AND (NEW.extended_at IS NOT OLD.extended_at
      OR NEW.extension_reason IS NOT OLD.extension_reason))
  OR NEW.case_id IS NOT OLD.case_id OR NEW.requester_name IS NOT OLD.requester_name
  OR NEW.requester IS NOT OLD.requester OR NEW.received_on IS NOT OLD.received_on
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.person_id IS NOT OLD.person_id
  OR EXISTS (SELECT 1 FROM sar_releases r WHERE r.sar_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a request records its identity check and its extension once'); END;
