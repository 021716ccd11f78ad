-- Issue 19: each lead signs the audit rows they write, with a key only their passphrase
-- releases (kept in their key slot in vault.json). The public half is kept here, once, with
-- the last row of the chain before it: every later row by that lead must carry their
-- signature, so one lead (who holds the database key) cannot rewrite another's rows, nor
-- recompute the chain past them, undetected.
CREATE TABLE lead_keys (
    lead_id INTEGER PRIMARY KEY REFERENCES leads(id),
    public_key TEXT NOT NULL,
    from_row INTEGER NOT NULL
);
CREATE TRIGGER lead_keys_no_update BEFORE UPDATE ON lead_keys
BEGIN SELECT RAISE(ABORT, 'a lead''s signing key is kept once'); END;
CREATE TRIGGER lead_keys_no_delete BEFORE DELETE ON lead_keys
BEGIN SELECT RAISE(ABORT, 'a lead''s signing key is kept once'); END;

-- Outside the row's hash (the signature is over it): which lead's key signed the row, and the
-- Ed25519 signature of its hash. NULL for rows written with no lead's key at hand (set-up,
-- recovery, and every row from before signing).
ALTER TABLE audit_log ADD COLUMN signed_by INTEGER;
ALTER TABLE audit_log ADD COLUMN signature TEXT;
