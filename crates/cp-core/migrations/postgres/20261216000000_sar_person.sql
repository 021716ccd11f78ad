-- A subject access request about one child of the case (a young person asking for their own
-- records, or a parent for their child's): its copy holds that child's records and the whole
-- family's, not a brother's or sister's own. None: the whole family's file. Set when the
-- request is recorded; never changed after. (The laptops' grants are on the whole table.)
ALTER TABLE subject_access_requests ADD COLUMN person_id BIGINT REFERENCES people (id);

CREATE OR REPLACE FUNCTION cp_sar_steps_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.identity_checked_on IS NOT NULL AND (NEW.identity_checked_on IS DISTINCT FROM OLD.identity_checked_on
          OR NEW.identity_how IS DISTINCT FROM OLD.identity_how))
      OR (OLD.extended_at IS NOT NULL AND (NEW.extended_at IS DISTINCT FROM OLD.extended_at
          OR NEW.extension_reason IS DISTINCT FROM OLD.extension_reason))
      OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.requester_name IS DISTINCT FROM OLD.requester_name
      OR NEW.requester IS DISTINCT FROM OLD.requester OR NEW.received_on IS DISTINCT FROM OLD.received_on
      OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by
      OR NEW.person_id IS DISTINCT FROM OLD.person_id
      OR EXISTS (SELECT 1 FROM sar_releases r WHERE r.sar_id = OLD.id) THEN
        RAISE EXCEPTION 'a request records its identity check and its extension once' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
