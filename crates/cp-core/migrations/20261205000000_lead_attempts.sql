-- Failed passphrase attempts per lead (signing in, changing the passphrase), so one lead's
-- success no longer clears another's delay. `sign_in_guard` keeps counting the laptop's
-- failures across all leads. An attempt is counted before its passphrase is checked.
CREATE TABLE lead_attempts (
    lead_id         INTEGER PRIMARY KEY REFERENCES leads (id),
    failed_count    INTEGER NOT NULL DEFAULT 0,
    last_failed_at  TEXT
);
