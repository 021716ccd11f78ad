-- Shared mode: wrong passphrases counted across the organisation's laptops, so a lead's
-- passphrase guessed at on several laptops waits as it would on one (`auth::lockout`'s rules,
-- applied by the laptop to the counts kept here). A laptop counts before any passphrase has
-- released its database password, so it does so through its sign-in desk: a second role of
-- its own (`<database>_desk_<device>`, in `<database>_desks`) that may call these three
-- functions and nothing else: no table, no record. A withdrawn laptop loses its desk too.
CREATE TABLE sign_in_counts (
    lead_id        BIGINT PRIMARY KEY REFERENCES leads(id),
    failed         BIGINT NOT NULL DEFAULT 0,
    -- RFC 3339, the laptop's clock.
    last_failed_at TEXT
);

-- The lead's failures so far, and when the last one was.
CREATE FUNCTION cp_sign_in_count(p_lead BIGINT, OUT failed BIGINT, OUT last_failed_at TEXT)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT COALESCE(MAX(c.failed), 0), MAX(c.last_failed_at) FROM sign_in_counts c WHERE c.lead_id = p_lead
$$;

-- An attempt, counted as a failure before its passphrase is checked.
CREATE FUNCTION cp_sign_in_attempt(p_lead BIGINT, p_at TEXT) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO sign_in_counts (lead_id, failed, last_failed_at)
    SELECT p_lead, 1, p_at WHERE EXISTS (SELECT 1 FROM leads WHERE id = p_lead)
    ON CONFLICT (lead_id) DO UPDATE SET failed = sign_in_counts.failed + 1, last_failed_at = EXCLUDED.last_failed_at
$$;

-- A right passphrase: the count starts again.
CREATE FUNCTION cp_sign_in_right(p_lead BIGINT) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE sign_in_counts SET failed = 0 WHERE lead_id = p_lead
$$;

DO $$
DECLARE
    desks text := current_database() || '_desks';
    laptops text := current_database() || '_laptops';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = desks) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', desks);
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), desks);
    REVOKE ALL ON FUNCTION cp_sign_in_count(BIGINT), cp_sign_in_attempt(BIGINT, TEXT), cp_sign_in_right(BIGINT)
        FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON FUNCTION cp_sign_in_count(BIGINT), cp_sign_in_attempt(BIGINT, TEXT),
                    cp_sign_in_right(BIGINT) TO %I, %I', desks, laptops);
    -- The counts are the desk's: a laptop reads them only through the functions.
    EXECUTE format('REVOKE ALL ON sign_in_counts FROM %I', laptops);
END
$$;
