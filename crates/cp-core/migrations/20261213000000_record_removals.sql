-- Removing a case's records (issue 23's file sent without keeping a copy; issue 25's disposal
-- at the end of retention). Nothing else ever deletes a record, so this is the one way past
-- the append-only guards, and it leaves two things behind:
-- * the removal log: what kind of record, its reference, the rule that removed it, who asked,
--   who confirmed and when, and how many records went; no personal content;
-- * the case's row itself, emptied of its address, social worker and search text, so its
--   reference is never given again and the transfer log still names it.
-- The audit row of a removal seals each removed record as removed (`audit::seal`), so
-- `verify` tells a removal from a record cut out of the file.
CREATE TABLE record_removals (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    reference     TEXT NOT NULL,
    case_id       INTEGER NOT NULL UNIQUE REFERENCES cases (id),
    rule          TEXT NOT NULL,
    records       INTEGER NOT NULL,
    asked_by      INTEGER NOT NULL REFERENCES leads (id),
    asked_at      TEXT NOT NULL,
    confirmed_by  INTEGER REFERENCES leads (id),
    removed_at    TEXT NOT NULL
);
CREATE TRIGGER record_removals_no_change BEFORE UPDATE ON record_removals
BEGIN SELECT RAISE(ABORT, 'the removal log is append-only'); END;
CREATE TRIGGER record_removals_no_delete BEFORE DELETE ON record_removals
BEGIN SELECT RAISE(ABORT, 'the removal log is never deleted'); END;

-- Holds the case being removed for the length of its removal's transaction, and is empty
-- in every committed state: the guards below stand aside only while it holds a row.
CREATE TABLE removal_underway (
    case_id  INTEGER PRIMARY KEY REFERENCES cases (id)
);

DROP TRIGGER people_no_delete;
CREATE TRIGGER people_no_delete BEFORE DELETE ON people
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'people are never deleted'); END;
DROP TRIGGER plans_no_delete;
CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'plans are never deleted'); END;
DROP TRIGGER chronology_entries_no_delete;
CREATE TRIGGER chronology_entries_no_delete BEFORE DELETE ON chronology_entries
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'chronology entries are never deleted'); END;
DROP TRIGGER chronology_revisions_no_delete;
CREATE TRIGGER chronology_revisions_no_delete BEFORE DELETE ON chronology_revisions
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
DROP TRIGGER review_items_no_delete;
CREATE TRIGGER review_items_no_delete BEFORE DELETE ON review_items
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END;
DROP TRIGGER change_acks_no_delete;
CREATE TRIGGER change_acks_no_delete BEFORE DELETE ON change_acks
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'acknowledgements are kept'); END;
DROP TRIGGER enquiries_no_delete;
CREATE TRIGGER enquiries_no_delete BEFORE DELETE ON enquiries
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'enquiries are never deleted'); END;
DROP TRIGGER concerns_no_delete;
CREATE TRIGGER concerns_no_delete BEFORE DELETE ON concerns
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'concerns are never deleted'); END;
DROP TRIGGER transfer_ins_no_delete;
CREATE TRIGGER transfer_ins_no_delete BEFORE DELETE ON transfer_ins
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'transfer-ins are never deleted'); END;
DROP TRIGGER case_actions_no_delete;
CREATE TRIGGER case_actions_no_delete BEFORE DELETE ON case_actions
WHEN NOT EXISTS (SELECT 1 FROM removal_underway) AND (OLD.allegation_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM allegations a WHERE a.id = OLD.allegation_id AND a.final_outcome IN ('false', 'malicious')
      AND EXISTS (SELECT 1 FROM allegation_removal_requests r WHERE r.allegation_id = a.id)))
BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END;
DROP TRIGGER case_flags_no_delete;
CREATE TRIGGER case_flags_no_delete BEFORE DELETE ON case_flags
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'flags are ended, never deleted'); END;
DROP TRIGGER case_referrals_no_delete;
CREATE TRIGGER case_referrals_no_delete BEFORE DELETE ON case_referrals
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'referrals are never deleted'); END;
DROP TRIGGER case_escalations_no_delete;
CREATE TRIGGER case_escalations_no_delete BEFORE DELETE ON case_escalations
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'escalations are never deleted'); END;
DROP TRIGGER escalation_steps_no_delete;
CREATE TRIGGER escalation_steps_no_delete BEFORE DELETE ON escalation_steps
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'an escalation''s steps are never deleted'); END;
DROP TRIGGER chronology_significant_no_delete;
CREATE TRIGGER chronology_significant_no_delete BEFORE DELETE ON chronology_significant
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
DROP TRIGGER chronology_tags_no_delete;
CREATE TRIGGER chronology_tags_no_delete BEFORE DELETE ON chronology_tags
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
DROP TRIGGER received_files_no_delete;
CREATE TRIGGER received_files_no_delete BEFORE DELETE ON received_files
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'a received file is kept as it arrived'); END;
DROP TRIGGER chronology_received_no_delete;
CREATE TRIGGER chronology_received_no_delete BEFORE DELETE ON chronology_received
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;

-- The transfer log outlives the case's records: a removal may only forget which child went.
DROP TRIGGER file_transfers_receipt_once;
CREATE TRIGGER file_transfers_receipt_once BEFORE UPDATE ON file_transfers
WHEN (OLD.receipt_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM removal_underway))
  OR (OLD.receipt_on IS NOT NULL AND (NEW.receipt_on IS NOT OLD.receipt_on OR NEW.receipt_by IS NOT OLD.receipt_by
      OR NEW.receipt_recorded_at IS NOT OLD.receipt_recorded_at OR NEW.receipt_recorded_by IS NOT OLD.receipt_recorded_by))
  OR (NEW.person_id IS NOT OLD.person_id AND NOT (NEW.person_id IS NULL AND EXISTS (SELECT 1 FROM removal_underway)))
  OR NEW.case_id IS NOT OLD.case_id
  OR NEW.package_id IS NOT OLD.package_id OR NEW.setting IS NOT OLD.setting OR NEW.dsl IS NOT OLD.dsl
  OR NEW.contact IS NOT OLD.contact OR NEW.move_confirmed_on IS NOT OLD.move_confirmed_on
  OR NEW.due_on IS NOT OLD.due_on OR NEW.sent_on IS NOT OLD.sent_on OR NEW.sent_how IS NOT OLD.sent_how
  OR NEW.sections IS NOT OLD.sections OR NEW.digest IS NOT OLD.digest OR NEW.records IS NOT OLD.records
  OR NEW.made_at IS NOT OLD.made_at OR NEW.made_by IS NOT OLD.made_by
BEGIN SELECT RAISE(ABORT, 'a transfer records its receipt once, and nothing else changes'); END;
