-- Each lead's unacknowledged changes, kept as they happen, so the dashboard reads a lead's few
-- open items instead of every change ever made and every acknowledgement (issue 9: with
-- 260,000 changes that scan took a third of a second, and grew with every week of use). The
-- acknowledgements themselves are still kept, each one, in change_acks; this is derived from
-- them and from case_changes, and triggers keep it so no code path can forget.
CREATE TABLE change_inbox (
    lead_id    INTEGER NOT NULL REFERENCES leads (id),
    change_id  INTEGER NOT NULL REFERENCES case_changes (id),
    PRIMARY KEY (lead_id, change_id)
) WITHOUT ROWID;

INSERT INTO change_inbox (lead_id, change_id)
SELECT l.id, ch.id FROM leads l JOIN case_changes ch ON ch.lead_id IS NULL OR ch.lead_id <> l.id
WHERE NOT EXISTS (SELECT 1 FROM change_acks a WHERE a.lead_id = l.id AND a.change_id = ch.id);

CREATE TRIGGER case_changes_to_inbox AFTER INSERT ON case_changes
BEGIN
    INSERT INTO change_inbox (lead_id, change_id)
    SELECT id, NEW.id FROM leads WHERE NEW.lead_id IS NULL OR id <> NEW.lead_id;
END;

CREATE TRIGGER change_acks_clear_inbox AFTER INSERT ON change_acks
BEGIN
    DELETE FROM change_inbox WHERE lead_id = NEW.lead_id AND change_id = NEW.change_id;
END;

-- A lead added later is told of every change already made, as before this table existed.
CREATE TRIGGER leads_inbox_on_insert AFTER INSERT ON leads
BEGIN
    INSERT INTO change_inbox (lead_id, change_id) SELECT NEW.id, id FROM case_changes;
END;
