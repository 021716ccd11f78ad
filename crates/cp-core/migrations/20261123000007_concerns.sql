-- A concern raised on an open case (seed 004): who it came from, what it is, the decision on
-- a strategy discussion and the reasons for it, and any escalation of a disagreement.
CREATE TABLE concerns (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    entry_id         INTEGER NOT NULL REFERENCES chronology_entries (id),
    info_from        TEXT NOT NULL,
    nature           TEXT NOT NULL CHECK (nature IN ('incident', 'continuing', 'increasing')),
    incident_on      TEXT,
    worker_name      TEXT NOT NULL DEFAULT '',
    worker_role      TEXT NOT NULL DEFAULT '',
    worker_contact   TEXT NOT NULL DEFAULT '',
    strategy_needed  INTEGER NOT NULL CHECK (strategy_needed IN (0, 1)),
    decided_by       TEXT NOT NULL,
    reasons          TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    recorded_by      INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX concerns_case ON concerns (case_id);

CREATE TABLE concern_escalations (
    id            INTEGER PRIMARY KEY,
    concern_id    INTEGER NOT NULL REFERENCES concerns (id),
    level         TEXT NOT NULL CHECK (level IN ('team_manager', 'service_manager')),
    disagreement  TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   INTEGER NOT NULL REFERENCES leads (id)
);

CREATE TRIGGER concerns_append_only BEFORE UPDATE ON concerns
BEGIN SELECT RAISE(ABORT, 'concerns are append-only'); END;
CREATE TRIGGER concerns_no_delete BEFORE DELETE ON concerns
BEGIN SELECT RAISE(ABORT, 'concerns are never deleted'); END;
CREATE TRIGGER concern_escalations_append_only BEFORE UPDATE ON concern_escalations
BEGIN SELECT RAISE(ABORT, 'escalations are append-only'); END;
