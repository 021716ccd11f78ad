-- The disposal review (issue 25): what the leads decided about a closed case whose retention
-- ended: kept for longer (how many years, why), a legal hold placed or lifted, destruction
-- asked for (a second lead confirms it, and the case's removal takes these rows with it).
-- Append-only: the latest decisions decide the case's standing (`disposal::retention`).
CREATE TABLE retention_decisions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    decision    TEXT NOT NULL CHECK (decision IN ('keep', 'hold', 'release', 'destroy')),
    years       INTEGER,
    reason      TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    decided_by  INTEGER NOT NULL REFERENCES leads (id),
    decided_at  TEXT NOT NULL
);
CREATE INDEX retention_decisions_case ON retention_decisions (case_id);
CREATE TRIGGER retention_decisions_no_change BEFORE UPDATE ON retention_decisions
BEGIN SELECT RAISE(ABORT, 'retention decisions are append-only'); END;
CREATE TRIGGER retention_decisions_no_delete BEFORE DELETE ON retention_decisions
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'retention decisions are never deleted'); END;
