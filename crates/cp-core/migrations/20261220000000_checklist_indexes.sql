-- The weekly checklist (issue 27) counts each case's changes since the lead's last review of
-- it and reads only the newest few. Both are answered from indexes alone: the lead's last
-- review of a case (was: every review of the case by every lead, or every review the lead
-- ever made), and each case's changes with who made them and when (was: each change's row).
DROP INDEX review_items_case;
CREATE INDEX review_items_case ON review_items (case_id, lead_id, week, recorded_at);
CREATE INDEX case_changes_case_lead_at ON case_changes (case_id, lead_id, at);
