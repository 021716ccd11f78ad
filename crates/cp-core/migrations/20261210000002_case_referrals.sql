-- Referrals followed to their outcome (issue 22, seed 003): to whom and how a referral was
-- made, its written confirmation (a phone referral's 48-hour clock runs on the chronology
-- entries each step adds), the acknowledgement, and the decision received; or a decision not
-- to refer, with its reasons (KCSIE: the reasons for decisions, including not to refer).
-- Each step is taken once; nothing is deleted.
CREATE TABLE case_referrals (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    entry_id         INTEGER REFERENCES chronology_entries (id),
    agency           TEXT NOT NULL CHECK (agency IN ('childrens_social_care', 'police', 'early_help', 'lado')),
    referred         INTEGER NOT NULL CHECK (referred IN (0, 1)),
    by_phone         INTEGER NOT NULL CHECK (by_phone IN (0, 1)),
    made_on          TEXT NOT NULL,
    made_to          TEXT NOT NULL DEFAULT '',
    -- What was said and why, or the reasons for not referring.
    reasons          TEXT NOT NULL,
    confirmed_on     TEXT,
    acknowledged_on  TEXT,
    decision         TEXT NOT NULL DEFAULT '',
    decided_on       TEXT,
    recorded_at      TEXT NOT NULL,
    recorded_by      INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX case_referrals_case ON case_referrals (case_id);

CREATE TRIGGER case_referrals_no_delete BEFORE DELETE ON case_referrals
BEGIN SELECT RAISE(ABORT, 'referrals are never deleted'); END;
CREATE TRIGGER case_referrals_steps_once BEFORE UPDATE ON case_referrals
WHEN (OLD.confirmed_on IS NOT NULL AND NEW.confirmed_on IS NOT OLD.confirmed_on)
  OR (OLD.acknowledged_on IS NOT NULL AND NEW.acknowledged_on IS NOT OLD.acknowledged_on)
  OR (OLD.decided_on IS NOT NULL AND (NEW.decided_on IS NOT OLD.decided_on OR NEW.decision IS NOT OLD.decision))
  OR NEW.case_id IS NOT OLD.case_id OR NEW.entry_id IS NOT OLD.entry_id OR NEW.agency IS NOT OLD.agency
  OR NEW.referred IS NOT OLD.referred OR NEW.by_phone IS NOT OLD.by_phone OR NEW.made_on IS NOT OLD.made_on
  OR NEW.made_to IS NOT OLD.made_to OR NEW.reasons IS NOT OLD.reasons OR NEW.recorded_at IS NOT OLD.recorded_at
  OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'each step of a referral is recorded once'); END;
