-- The vault: organisation, leads, settings, sign-in guard and the audit chain.
-- Timestamps are RFC 3339 UTC text, which sorts and compares correctly in SQLite and PostgreSQL.

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE leads (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    passphrase_hash TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL,
    deactivated_at  TEXT
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- One row: failed sign-ins since the last success, for the whole installation, so trying
-- another lead's name does not reset the delay.
CREATE TABLE sign_in_guard (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    failed_count    INTEGER NOT NULL DEFAULT 0,
    last_failed_at  TEXT
);
INSERT INTO sign_in_guard (id, failed_count) VALUES (1, 0);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    lead_id      INTEGER REFERENCES leads (id),
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    record_type  TEXT,
    record_id    TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);

-- Append-only for the app. Someone holding the key can drop these; the hash chain is what
-- then shows the tampering.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Leads are deactivated, never deleted.
CREATE TRIGGER leads_no_delete BEFORE DELETE ON leads
BEGIN SELECT RAISE(ABORT, 'leads are never deleted'); END;
