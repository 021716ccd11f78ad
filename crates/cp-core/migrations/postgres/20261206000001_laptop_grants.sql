-- Least privilege for the laptops. Each enrolled laptop signs in to the server as a role of its
-- own, a member of this database's laptop group (`<database>_laptops`), which may read every
-- table and add records, but may change a record only where CP Tracker's rules allow a step
-- (a case's status and details, a plan's end, an enquiry's outcome, an allegation's LADO
-- discussion and outcome, a review before sign-off, a lead's deactivation) and remove only
-- what is not a record (a draft, an unread-changes row, a false or malicious allegation once
-- two leads agree). The append-only records (the chronology and its revisions, level and
-- status history, concerns, escalations, reviews signed off, late notes, acknowledgements,
-- the change feed, transfer-ins, people and their links, the signing keys and the audit
-- trail) get no UPDATE or DELETE at all: the triggers refuse too, but a grant withheld cannot
-- be dropped by the laptop. A later migration that adds a table grants on it as here. The
-- group is per database, so a laptop of one organisation has
-- nothing in another's on the same server (`shared init` also takes CONNECT from PUBLIC).
DO $$
DECLARE
    laptops text := current_database() || '_laptops';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = laptops) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', laptops);
    END IF;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', laptops);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', laptops);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', laptops);
    EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO %I', laptops);
    -- A step a record's rules allow (each table's triggers say which columns, and once).
    EXECUTE format('GRANT UPDATE ON cases, plans, enquiries, allegations, review_items, leads, settings,
                    vault_secrets, drafts, chronology_latest TO %I', laptops);
    -- Not records: working copies, and rows derived from records.
    EXECUTE format('GRANT DELETE ON drafts, change_inbox TO %I', laptops);
    -- A false or malicious allegation, removed once two leads agree (its triggers check).
    EXECUTE format('GRANT DELETE ON allegations, allegation_meetings, allegation_removal_requests TO %I', laptops);
    -- The schema's version is read, never written, by a laptop.
    EXECUTE format('REVOKE INSERT ON _sqlx_migrations FROM %I', laptops);
END
$$;
