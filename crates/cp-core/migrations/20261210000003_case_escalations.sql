-- Professional disagreement escalated step by step (issue 22, seed 004): what the lead
-- disagrees with and with whom (often a referral's decision), each step of the local
-- escalation procedure taken (team manager, service manager, then the procedure's next step),
-- with whom and when, the date a response is due by (from the procedure in Settings, as it
-- stood when the step was taken), and how it was resolved. Steps are added, never changed;
-- an escalation is resolved once; nothing is deleted.
CREATE TABLE case_escalations (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    referral_id   INTEGER REFERENCES case_referrals (id),
    with_whom     TEXT NOT NULL,
    disagreement  TEXT NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '',
    resolved_on   TEXT,
    resolved_by   INTEGER REFERENCES leads (id),
    recorded_at   TEXT NOT NULL,
    recorded_by   INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX case_escalations_case ON case_escalations (case_id);

CREATE TABLE escalation_steps (
    id             INTEGER PRIMARY KEY,
    escalation_id  INTEGER NOT NULL REFERENCES case_escalations (id),
    -- 1 for the first step of the procedure, and so on.
    step           INTEGER NOT NULL CHECK (step >= 1),
    level          TEXT NOT NULL,
    raised_on      TEXT NOT NULL,
    raised_with    TEXT NOT NULL,
    response_due   TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    recorded_by    INTEGER NOT NULL REFERENCES leads (id),
    UNIQUE (escalation_id, step)
);

CREATE TRIGGER case_escalations_no_delete BEFORE DELETE ON case_escalations
BEGIN SELECT RAISE(ABORT, 'escalations are never deleted'); END;
CREATE TRIGGER case_escalations_resolved_once BEFORE UPDATE ON case_escalations
WHEN OLD.resolved_on IS NOT NULL OR NEW.case_id IS NOT OLD.case_id OR NEW.referral_id IS NOT OLD.referral_id
  OR NEW.with_whom IS NOT OLD.with_whom OR NEW.disagreement IS NOT OLD.disagreement
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'an escalation is resolved once, and what it is about never changes'); END;
CREATE TRIGGER escalation_steps_append_only BEFORE UPDATE ON escalation_steps
BEGIN SELECT RAISE(ABORT, 'an escalation''s steps are never changed'); END;
CREATE TRIGGER escalation_steps_no_delete BEFORE DELETE ON escalation_steps
BEGIN SELECT RAISE(ABORT, 'an escalation''s steps are never deleted'); END;
