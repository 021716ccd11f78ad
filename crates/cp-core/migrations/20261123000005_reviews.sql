-- Weekly reviews, their sign-offs and late notes; acknowledgements of the change feed; and
-- each case's nation, whose bank holidays its working days skip.

ALTER TABLE cases ADD COLUMN nation TEXT NOT NULL DEFAULT 'england_and_wales'
    CHECK (nation IN ('england_and_wales', 'scotland', 'northern_ireland'));

-- One lead's outcome for one case in one ISO week ('2026-W48'). Editable until the week is
-- signed off; then the triggers refuse any change.
CREATE TABLE review_items (
    id           INTEGER PRIMARY KEY,
    lead_id      INTEGER NOT NULL REFERENCES leads (id),
    week         TEXT NOT NULL,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('no_change', 'further_action')),
    note         TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL,
    UNIQUE (lead_id, week, case_id)
);
CREATE INDEX review_items_case ON review_items (case_id, lead_id);

CREATE TABLE review_signoffs (
    lead_id    INTEGER NOT NULL REFERENCES leads (id),
    week       TEXT NOT NULL,
    signed_at  TEXT NOT NULL,
    PRIMARY KEY (lead_id, week)
);

-- Added after a week was signed off: a new note, never an edit.
CREATE TABLE review_late_notes (
    id           INTEGER PRIMARY KEY,
    lead_id      INTEGER NOT NULL REFERENCES leads (id),
    week         TEXT NOT NULL,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    note         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

CREATE TABLE change_acks (
    lead_id    INTEGER NOT NULL REFERENCES leads (id),
    change_id  INTEGER NOT NULL REFERENCES case_changes (id),
    acked_at   TEXT NOT NULL,
    PRIMARY KEY (lead_id, change_id)
);

CREATE TRIGGER review_items_signed_off_insert BEFORE INSERT ON review_items
WHEN EXISTS (SELECT 1 FROM review_signoffs s WHERE s.lead_id = NEW.lead_id AND s.week = NEW.week)
BEGIN SELECT RAISE(ABORT, 'this week is signed off'); END;
CREATE TRIGGER review_items_signed_off_update BEFORE UPDATE ON review_items
WHEN EXISTS (SELECT 1 FROM review_signoffs s WHERE s.lead_id = OLD.lead_id AND s.week = OLD.week)
BEGIN SELECT RAISE(ABORT, 'this week is signed off'); END;
CREATE TRIGGER review_items_no_delete BEFORE DELETE ON review_items
BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END;
CREATE TRIGGER review_signoffs_no_change BEFORE UPDATE ON review_signoffs
BEGIN SELECT RAISE(ABORT, 'a sign-off is final'); END;
CREATE TRIGGER review_signoffs_no_delete BEFORE DELETE ON review_signoffs
BEGIN SELECT RAISE(ABORT, 'a sign-off is final'); END;
CREATE TRIGGER review_late_notes_no_change BEFORE UPDATE ON review_late_notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
CREATE TRIGGER change_acks_no_delete BEFORE DELETE ON change_acks
BEGIN SELECT RAISE(ABORT, 'acknowledgements are kept'); END;
