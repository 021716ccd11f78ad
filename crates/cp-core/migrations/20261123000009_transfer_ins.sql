-- A child on a child protection plan in another local authority who moves in or visits
-- (seed 002): where the plan comes from, the stay, and the partner agencies told.
CREATE TABLE transfer_ins (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL REFERENCES cases (id),
    person_id              INTEGER NOT NULL REFERENCES people (id),
    plan_id                INTEGER NOT NULL REFERENCES plans (id),
    kind                   TEXT NOT NULL CHECK (kind IN ('moved_in', 'visiting')),
    originating_authority  TEXT NOT NULL,
    social_worker          TEXT NOT NULL DEFAULT '',
    stay_from              TEXT,
    stay_to                TEXT,
    -- JSON list of {agency, on}.
    agencies_notified      TEXT NOT NULL DEFAULT '[]',
    recorded_at            TEXT NOT NULL,
    recorded_by            INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX transfer_ins_plan ON transfer_ins (plan_id);
CREATE TRIGGER transfer_ins_no_delete BEFORE DELETE ON transfer_ins
BEGIN SELECT RAISE(ABORT, 'transfer-ins are never deleted'); END;
