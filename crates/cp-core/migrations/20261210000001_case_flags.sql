-- Flags on a case (issue 22): a short warning a lead must see before acting ("do not contact
-- the father", "interpreter: Polish"), at the top of the case, in the case list and on the
-- weekly review. Added and ended with a reason, never deleted or reworded.
CREATE TABLE case_flags (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    flag        TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    INTEGER NOT NULL REFERENCES leads (id),
    ended_at    TEXT,
    ended_by    INTEGER REFERENCES leads (id),
    end_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_flags_case ON case_flags (case_id);

CREATE TRIGGER case_flags_no_delete BEFORE DELETE ON case_flags
BEGIN SELECT RAISE(ABORT, 'flags are ended, never deleted'); END;
CREATE TRIGGER case_flags_end_once BEFORE UPDATE ON case_flags
WHEN OLD.ended_at IS NOT NULL OR NEW.flag IS NOT OLD.flag OR NEW.case_id IS NOT OLD.case_id
  OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'a flag is ended once, and never reworded'); END;
