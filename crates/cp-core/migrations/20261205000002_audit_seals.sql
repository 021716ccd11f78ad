-- The digests of the append-only records a write added, carried by its audit row and covered
-- by the row's hash (audit/seal.rs). NULL for rows that sealed nothing, and for every row
-- written before sealing existed (their hash is computed as it always was).
ALTER TABLE audit_log ADD COLUMN sealed TEXT;
