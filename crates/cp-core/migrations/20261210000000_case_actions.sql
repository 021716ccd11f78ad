-- Actions on a case (issue 22): what is to be done, who does it (a lead, or a named person
-- outside the app with their contact), by when, and how it ended. Made from a chronology
-- entry's "action required" or on its own. While open it may change hands or date; it ends
-- once, done (with its outcome) or not needed (with the reason), and is never deleted: every
-- step is in the case's changes and the audit trail.
CREATE TABLE case_actions (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    entry_id       INTEGER REFERENCES chronology_entries (id),
    what           TEXT NOT NULL,
    owner_lead_id  INTEGER REFERENCES leads (id),
    owner_name     TEXT NOT NULL DEFAULT '',
    owner_contact  TEXT NOT NULL DEFAULT '',
    due_on         TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'not_needed')),
    outcome        TEXT NOT NULL DEFAULT '',
    closed_at      TEXT,
    closed_by      INTEGER REFERENCES leads (id),
    created_at     TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES leads (id),
    -- A lead of the organisation, or a named person outside it: one or the other.
    CHECK ((owner_lead_id IS NULL) <> (owner_name = ''))
);
CREATE INDEX case_actions_case ON case_actions (case_id);
-- My actions and overdue ones, on the dashboard at every start.
CREATE INDEX case_actions_open ON case_actions (state, owner_lead_id, due_on);

CREATE TRIGGER case_actions_no_delete BEFORE DELETE ON case_actions
BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END;
CREATE TRIGGER case_actions_closed_once BEFORE UPDATE ON case_actions
WHEN OLD.state <> 'open' OR NEW.what IS NOT OLD.what OR NEW.case_id IS NOT OLD.case_id
  OR NEW.entry_id IS NOT OLD.entry_id OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'an action changes hands or date only while open, and what it is never'); END;
