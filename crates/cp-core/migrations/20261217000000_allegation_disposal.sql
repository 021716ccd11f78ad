-- The disposal review for allegations against staff and volunteers (issue 25): an allegation's
-- records are kept until the person's normal pension age or for years from the allegation
-- (10 unless Settings say more), whichever is later (IRMS toolkit; KCSIE part four); then the
-- leads decide, as for a case: keep for longer, legal hold, or destroy, which takes two leads.
-- (A false or malicious allegation is removed sooner, by `allegations::remove`.)

-- What the leads decided; append-only, and destroyed with the allegation.
CREATE TABLE allegation_retention_decisions (
    id             INTEGER PRIMARY KEY,
    allegation_id  INTEGER NOT NULL REFERENCES allegations (id),
    decision       TEXT NOT NULL CHECK (decision IN ('keep', 'hold', 'release', 'destroy')),
    years          INTEGER,
    reason         TEXT NOT NULL,
    decided_on     TEXT NOT NULL,
    decided_by     INTEGER NOT NULL REFERENCES leads (id),
    decided_at     TEXT NOT NULL
);
CREATE INDEX allegation_retention_decisions_allegation ON allegation_retention_decisions (allegation_id);

-- Holds the allegation being destroyed for the length of its destruction's transaction, and
-- is empty in every committed state: the guards below stand aside only for the allegation it
-- holds. No foreign key: the allegation goes before its row here does.
CREATE TABLE allegation_removal_underway (
    allegation_id  INTEGER PRIMARY KEY
);

-- The removal log's entries for allegations: the kind of record, its reference, the rule, who
-- asked, who confirmed and when, and how many records went; no personal content. Which
-- allegation it was is kept as a number only (no foreign key: it is gone, and SQLite may give
-- its number to the next allegation, so it is not unique either).
CREATE TABLE allegation_removals (
    id             INTEGER PRIMARY KEY,
    allegation_id  INTEGER NOT NULL,
    reference      TEXT NOT NULL,
    rule           TEXT NOT NULL,
    records        INTEGER NOT NULL,
    asked_by       INTEGER NOT NULL REFERENCES leads (id),
    asked_at       TEXT NOT NULL,
    confirmed_by   INTEGER REFERENCES leads (id),
    removed_at     TEXT NOT NULL
);
CREATE TRIGGER allegation_removals_no_change BEFORE UPDATE ON allegation_removals
BEGIN SELECT RAISE(ABORT, 'the removal log is append-only'); END;
CREATE TRIGGER allegation_removals_no_delete BEFORE DELETE ON allegation_removals
BEGIN SELECT RAISE(ABORT, 'the removal log is never deleted'); END;

CREATE TRIGGER allegation_retention_decisions_no_change BEFORE UPDATE ON allegation_retention_decisions
BEGIN SELECT RAISE(ABORT, 'retention decisions are append-only'); END;
CREATE TRIGGER allegation_retention_decisions_no_delete BEFORE DELETE ON allegation_retention_decisions
WHEN NOT EXISTS (SELECT 1 FROM allegation_removal_underway u WHERE u.allegation_id = OLD.allegation_id)
BEGIN SELECT RAISE(ABORT, 'retention decisions are never deleted'); END;

DROP TRIGGER allegations_removal;
CREATE TRIGGER allegations_removal BEFORE DELETE ON allegations
WHEN (OLD.final_outcome IS NULL OR OLD.final_outcome NOT IN ('false', 'malicious')
      OR NOT EXISTS (SELECT 1 FROM allegation_removal_requests r WHERE r.allegation_id = OLD.id))
  AND NOT EXISTS (SELECT 1 FROM allegation_removal_underway u WHERE u.allegation_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'only a false or malicious allegation whose removal a lead asked for can be removed'); END;
DROP TRIGGER allegation_meetings_removal;
CREATE TRIGGER allegation_meetings_removal BEFORE DELETE ON allegation_meetings
WHEN NOT EXISTS (SELECT 1 FROM allegations a WHERE a.id = OLD.allegation_id AND a.final_outcome IN ('false', 'malicious'))
  AND NOT EXISTS (SELECT 1 FROM allegation_removal_underway u WHERE u.allegation_id = OLD.allegation_id)
BEGIN SELECT RAISE(ABORT, 'only a false or malicious allegation can be removed'); END;
DROP TRIGGER case_actions_no_delete;
CREATE TRIGGER case_actions_no_delete BEFORE DELETE ON case_actions
WHEN NOT EXISTS (SELECT 1 FROM removal_underway) AND (OLD.allegation_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM allegations a WHERE a.id = OLD.allegation_id AND a.final_outcome IN ('false', 'malicious')
      AND EXISTS (SELECT 1 FROM allegation_removal_requests r WHERE r.allegation_id = a.id)))
  AND NOT EXISTS (SELECT 1 FROM allegation_removal_underway u WHERE u.allegation_id = OLD.allegation_id)
BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END;
