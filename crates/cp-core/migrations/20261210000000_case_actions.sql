-- Actions (issue 22) on a case (or one of its chronology entries or concerns), an enquiry or
-- an allegation: what is to be done, who does it (a lead, or a named person
-- outside the app with their contact), by when, and how it ended. Made from a chronology
-- entry's "action required" or on its own. While open it may change hands or date; it ends
-- once, done (with its outcome) or not needed (with the reason), and is never deleted: every
-- step is in the case's changes and the audit trail.
CREATE TABLE case_actions (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER REFERENCES cases (id),
    entry_id       INTEGER REFERENCES chronology_entries (id),
    concern_id     INTEGER REFERENCES concerns (id),
    enquiry_id     INTEGER REFERENCES enquiries (id),
    allegation_id  INTEGER REFERENCES allegations (id),
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
    CHECK ((owner_lead_id IS NULL) <> (owner_name = '')),
    -- On one thing: a case (an entry or a concern is on its case), an enquiry or an allegation.
    CHECK ((case_id IS NOT NULL) + (enquiry_id IS NOT NULL) + (allegation_id IS NOT NULL) = 1),
    CHECK (case_id IS NOT NULL OR (entry_id IS NULL AND concern_id IS NULL))
);
CREATE INDEX case_actions_case ON case_actions (case_id);
-- My actions and overdue ones, on the dashboard at every start.
CREATE INDEX case_actions_open ON case_actions (state, owner_lead_id, due_on);

-- Never deleted, but with a false or malicious allegation whose removal was asked for: its
-- actions go with it, as its meetings do.
CREATE TRIGGER case_actions_no_delete BEFORE DELETE ON case_actions
WHEN OLD.allegation_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM allegations a WHERE a.id = OLD.allegation_id AND a.final_outcome IN ('false', 'malicious')
      AND EXISTS (SELECT 1 FROM allegation_removal_requests r WHERE r.allegation_id = a.id))
BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END;
CREATE TRIGGER case_actions_closed_once BEFORE UPDATE ON case_actions
WHEN OLD.state <> 'open' OR NEW.what IS NOT OLD.what OR NEW.case_id IS NOT OLD.case_id
  OR NEW.entry_id IS NOT OLD.entry_id OR NEW.concern_id IS NOT OLD.concern_id
  OR NEW.enquiry_id IS NOT OLD.enquiry_id OR NEW.allegation_id IS NOT OLD.allegation_id OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'an action changes hands or date only while open, and what it is never'); END;
