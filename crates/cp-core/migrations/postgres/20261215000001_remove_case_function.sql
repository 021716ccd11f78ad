-- A case's records removed (`disposal`): the laptops may not delete records at all, so this
-- function, which the schema's owner keeps, does it. It runs only for a closed or archived
-- case whose removal log entry the calling transaction has written, sets the append-only
-- guards aside only while `removal_underway` holds the case, and removes exactly what
-- `disposal::sql::REMOVE` removes on SQLite (the removal test reads every table of both
-- engines for the family's words). A migration that adds a table holding a case's records
-- replaces it with the table's statement added, as `REMOVE` gets it.
CREATE FUNCTION cp_remove_case(p_case BIGINT) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public AS $$
DECLARE
    people_of BIGINT[];
    p BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM record_removals WHERE case_id = p_case)
      OR NOT EXISTS (SELECT 1 FROM cases WHERE id = p_case AND status <> 'live') THEN
        RAISE EXCEPTION 'only a closed case whose removal is logged can have its records removed'
            USING ERRCODE = 'restrict_violation';
    END IF;
    INSERT INTO removal_underway (case_id) VALUES (p_case);
    DELETE FROM drafts WHERE key LIKE 'case-' || p_case || '-%';
    DELETE FROM chronology_received WHERE revision_id IN (SELECT r.id FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = p_case);
    DELETE FROM chronology_significant WHERE revision_id IN (SELECT r.id FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = p_case);
    DELETE FROM chronology_tags WHERE revision_id IN (SELECT r.id FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = p_case);
    DELETE FROM chronology_children WHERE revision_id IN (SELECT r.id FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = p_case);
    DELETE FROM level_change_entries WHERE level_change_id IN (SELECT id FROM level_changes WHERE case_id = p_case) OR entry_id IN (SELECT id FROM chronology_entries WHERE case_id = p_case);
    DELETE FROM case_actions WHERE case_id = p_case OR enquiry_id IN (SELECT id FROM enquiries WHERE case_id = p_case);
    DELETE FROM concern_escalations WHERE concern_id IN (SELECT id FROM concerns WHERE case_id = p_case);
    DELETE FROM concerns WHERE case_id = p_case;
    DELETE FROM escalation_steps WHERE escalation_id IN (SELECT id FROM case_escalations WHERE case_id = p_case);
    DELETE FROM case_escalations WHERE case_id = p_case;
    DELETE FROM case_referrals WHERE case_id = p_case;
    DELETE FROM case_flags WHERE case_id = p_case;
    DELETE FROM chronology_latest WHERE case_id = p_case;
    DELETE FROM transfer_ins WHERE case_id = p_case;
    DELETE FROM chronology_revisions WHERE entry_id IN (SELECT id FROM chronology_entries WHERE case_id = p_case);
    DELETE FROM chronology_entries WHERE case_id = p_case;
    DELETE FROM received_files WHERE case_id = p_case;
    DELETE FROM level_changes WHERE case_id = p_case;
    DELETE FROM status_events WHERE case_id = p_case;
    DELETE FROM plans WHERE case_id = p_case;
    DELETE FROM relationships WHERE case_id = p_case;
    DELETE FROM change_inbox WHERE change_id IN (SELECT id FROM case_changes WHERE case_id = p_case);
    DELETE FROM change_acks WHERE change_id IN (SELECT id FROM case_changes WHERE case_id = p_case);
    DELETE FROM case_changes WHERE case_id = p_case;
    DELETE FROM review_late_notes WHERE case_id = p_case;
    DELETE FROM review_items WHERE case_id = p_case;
    DELETE FROM retention_decisions WHERE case_id = p_case;
    DELETE FROM sar_releases WHERE sar_id IN (SELECT id FROM subject_access_requests WHERE case_id = p_case);
    DELETE FROM sar_redactions WHERE sar_id IN (SELECT id FROM subject_access_requests WHERE case_id = p_case);
    DELETE FROM subject_access_requests WHERE case_id = p_case;
    UPDATE enquiries SET same_address_case_id = NULL WHERE same_address_case_id = p_case;
    UPDATE enquiries SET possible_same_address_case_id = NULL WHERE possible_same_address_case_id = p_case;
    DELETE FROM enquiries WHERE case_id = p_case;
    UPDATE file_transfers SET person_id = NULL WHERE case_id = p_case AND person_id IS NOT NULL;
    UPDATE cases SET address_line1 = '', address_line2 = '', town = '', postcode = '', social_worker_name = '', social_worker_team = '', social_worker_phone = '', social_worker_email = '', search_text = '' WHERE id = p_case;
    SELECT array_agg(person_id) INTO people_of FROM case_people WHERE case_id = p_case;
    DELETE FROM case_people WHERE case_id = p_case;
    FOREACH p IN ARRAY COALESCE(people_of, '{}') LOOP
        DELETE FROM people WHERE id = p AND NOT EXISTS (SELECT 1 FROM case_people WHERE person_id = p) AND NOT EXISTS (SELECT 1 FROM relationships WHERE person_id = p OR other_id = p) AND NOT EXISTS (SELECT 1 FROM plans WHERE person_id = p) AND NOT EXISTS (SELECT 1 FROM chronology_children WHERE person_id = p) AND NOT EXISTS (SELECT 1 FROM transfer_ins WHERE person_id = p) AND NOT EXISTS (SELECT 1 FROM file_transfers WHERE person_id = p);
    END LOOP;
    DELETE FROM removal_underway WHERE case_id = p_case;
END
$$;
REVOKE ALL ON FUNCTION cp_remove_case(BIGINT) FROM PUBLIC;

DO $$
DECLARE
    laptops text := current_database() || '_laptops';
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION cp_remove_case(BIGINT) TO %I', laptops);
END
$$;
