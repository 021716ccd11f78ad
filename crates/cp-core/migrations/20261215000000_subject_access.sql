-- Subject access requests (issue 25; UK GDPR article 15): each request on a case with its
-- clock; the words withheld from the released copy, each with its reason; and the released
-- copy itself, kept whole. A request's identity check and its extension are each recorded
-- once; a redaction may be taken back until the copy is released, never after.
CREATE TABLE subject_access_requests (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases (id),
    requester_name       TEXT NOT NULL,
    requester            TEXT NOT NULL,
    received_on          TEXT NOT NULL,
    identity_checked_on  TEXT,
    identity_how         TEXT NOT NULL DEFAULT '',
    extension_reason     TEXT NOT NULL DEFAULT '',
    extended_at          TEXT,
    recorded_at          TEXT NOT NULL,
    recorded_by          INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX subject_access_requests_case ON subject_access_requests (case_id);

CREATE TABLE sar_redactions (
    id        INTEGER PRIMARY KEY,
    sar_id    INTEGER NOT NULL REFERENCES subject_access_requests (id),
    text      TEXT NOT NULL,
    reason    TEXT NOT NULL,
    added_at  TEXT NOT NULL,
    added_by  INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX sar_redactions_sar ON sar_redactions (sar_id);

CREATE TABLE sar_releases (
    sar_id       INTEGER PRIMARY KEY REFERENCES subject_access_requests (id),
    pdf          BLOB NOT NULL,
    digest       TEXT NOT NULL,
    released_at  TEXT NOT NULL,
    released_by  INTEGER NOT NULL REFERENCES leads (id)
);

CREATE TRIGGER subject_access_requests_steps_once BEFORE UPDATE ON subject_access_requests
WHEN (OLD.identity_checked_on IS NOT NULL AND (NEW.identity_checked_on IS NOT OLD.identity_checked_on
      OR NEW.identity_how IS NOT OLD.identity_how))
  OR (OLD.extended_at IS NOT NULL AND (NEW.extended_at IS NOT OLD.extended_at
      OR NEW.extension_reason IS NOT OLD.extension_reason))
  OR NEW.case_id IS NOT OLD.case_id OR NEW.requester_name IS NOT OLD.requester_name
  OR NEW.requester IS NOT OLD.requester OR NEW.received_on IS NOT OLD.received_on
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
  OR EXISTS (SELECT 1 FROM sar_releases r WHERE r.sar_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a request records its identity check and its extension once'); END;
CREATE TRIGGER subject_access_requests_no_delete BEFORE DELETE ON subject_access_requests
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'subject access requests are never deleted'); END;
CREATE TRIGGER sar_redactions_no_change BEFORE UPDATE ON sar_redactions
BEGIN SELECT RAISE(ABORT, 'a redaction is taken back and added again, not changed'); END;
CREATE TRIGGER sar_redactions_kept_once_released BEFORE DELETE ON sar_redactions
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
  AND EXISTS (SELECT 1 FROM sar_releases r WHERE r.sar_id = OLD.sar_id)
BEGIN SELECT RAISE(ABORT, 'the redactions of a released copy are kept with it'); END;
CREATE TRIGGER sar_releases_no_change BEFORE UPDATE ON sar_releases
BEGIN SELECT RAISE(ABORT, 'a released copy is kept as it was released'); END;
CREATE TRIGGER sar_releases_no_delete BEFORE DELETE ON sar_releases
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'a released copy is kept as it was released'); END;
