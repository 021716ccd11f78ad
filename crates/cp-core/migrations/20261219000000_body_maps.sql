-- Body maps (issue 24): marks a lead saw on a child, placed on an outline of the body (front,
-- back, or the head and face), kept as data with the chronology entry that records them. Each
-- mark is numbered within its entry, at a point or over an area (its place as fractions of the
-- outline's width and height, so it draws the same at any size), with what was seen, its size
-- and colour, who saw it and when, and what the child said. Withdrawn with a reason, never
-- changed or deleted; a case's removal takes them with its entries (ON DELETE CASCADE, while
-- the removal is underway).
CREATE TABLE body_marks (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases (id),
    entry_id          INTEGER NOT NULL REFERENCES chronology_entries (id) ON DELETE CASCADE,
    person_id         INTEGER NOT NULL REFERENCES people (id),
    number            INTEGER NOT NULL,
    view              TEXT NOT NULL CHECK (view IN ('front', 'back', 'head')),
    shape             TEXT NOT NULL CHECK (shape IN ('point', 'area')),
    x                 REAL NOT NULL CHECK (x >= 0 AND x <= 1),
    y                 REAL NOT NULL CHECK (y >= 0 AND y <= 1),
    width             REAL NOT NULL DEFAULT 0 CHECK (width >= 0 AND x + width <= 1.000001),
    height            REAL NOT NULL DEFAULT 0 CHECK (height >= 0 AND y + height <= 1.000001),
    description       TEXT NOT NULL,
    size              TEXT NOT NULL DEFAULT '',
    colour            TEXT NOT NULL DEFAULT '',
    seen_by           TEXT NOT NULL,
    seen_on           TEXT NOT NULL,
    child_said        TEXT NOT NULL DEFAULT '',
    added_at          TEXT NOT NULL,
    added_by          INTEGER NOT NULL REFERENCES leads (id),
    withdrawn_at      TEXT,
    withdrawn_by      INTEGER REFERENCES leads (id),
    withdrawn_reason  TEXT NOT NULL DEFAULT '',
    UNIQUE (entry_id, number)
);
CREATE INDEX body_marks_case ON body_marks (case_id);
CREATE TRIGGER body_marks_withdrawn_once BEFORE UPDATE ON body_marks
WHEN OLD.withdrawn_at IS NOT NULL
  OR NEW.case_id IS NOT OLD.case_id OR NEW.entry_id IS NOT OLD.entry_id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.number IS NOT OLD.number OR NEW.view IS NOT OLD.view OR NEW.shape IS NOT OLD.shape
  OR NEW.x IS NOT OLD.x OR NEW.y IS NOT OLD.y OR NEW.width IS NOT OLD.width OR NEW.height IS NOT OLD.height
  OR NEW.description IS NOT OLD.description OR NEW.size IS NOT OLD.size OR NEW.colour IS NOT OLD.colour
  OR NEW.seen_by IS NOT OLD.seen_by OR NEW.seen_on IS NOT OLD.seen_on OR NEW.child_said IS NOT OLD.child_said
  OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'a body map mark is withdrawn once, and nothing else about it changes'); END;
CREATE TRIGGER body_marks_no_delete BEFORE DELETE ON body_marks
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'a body map mark is withdrawn, never deleted'); END;
