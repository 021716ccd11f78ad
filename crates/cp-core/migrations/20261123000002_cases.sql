-- Cases (families), their level history and closures. Nothing is ever deleted: status moves
-- live -> closed -> archived, and every level change and closure keeps its own row.

CREATE TABLE cases (
    id                    INTEGER PRIMARY KEY,
    ref_year              INTEGER NOT NULL,
    ref_number            INTEGER NOT NULL,
    reference             TEXT NOT NULL UNIQUE,
    status                TEXT NOT NULL CHECK (status IN ('live', 'closed', 'archived')),
    level                 TEXT NOT NULL,
    address_line1         TEXT NOT NULL,
    address_line2         TEXT NOT NULL DEFAULT '',
    town                  TEXT NOT NULL DEFAULT '',
    postcode              TEXT NOT NULL,
    source                TEXT NOT NULL,
    allocated_lead_id     INTEGER REFERENCES leads (id),
    local_authority       TEXT NOT NULL DEFAULT '',
    opened_on             TEXT NOT NULL,
    closed_on             TEXT,
    archived_on           TEXT,
    created_at            TEXT NOT NULL,
    created_by            INTEGER NOT NULL REFERENCES leads (id),
    UNIQUE (ref_year, ref_number)
);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_postcode ON cases (postcode);

CREATE TABLE level_changes (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    from_level    TEXT,
    to_level      TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    effective_on  TEXT NOT NULL,
    decided_by    INTEGER NOT NULL REFERENCES leads (id),
    recorded_at   TEXT NOT NULL
);
CREATE INDEX level_changes_case ON level_changes (case_id);

CREATE TABLE status_events (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    to_status     TEXT NOT NULL,
    reason        TEXT,
    reason_detail TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    effective_on  TEXT NOT NULL,
    lead_id       INTEGER REFERENCES leads (id),
    recorded_at   TEXT NOT NULL
);
CREATE INDEX status_events_case ON status_events (case_id);

CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, 'cases are never deleted'); END;
CREATE TRIGGER level_changes_append_only BEFORE UPDATE ON level_changes
BEGIN SELECT RAISE(ABORT, 'level history is append-only'); END;
CREATE TRIGGER status_events_append_only BEFORE UPDATE ON status_events
BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
