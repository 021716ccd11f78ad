-- A child protection file moving on (issue 23; KCSIE Annex C): each file sent to a child's new
-- setting, with its clock and its receipt; the chases made while no receipt came; each file
-- received from another setting, kept exactly as it arrived; and, for every chronology
-- revision that came in such a file, who recorded it there and when.
CREATE TABLE file_transfers (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases (id),
    -- The one child whose file went; NULL when the whole case's file went.
    person_id            INTEGER REFERENCES people (id),
    package_id           TEXT NOT NULL UNIQUE,
    setting              TEXT NOT NULL,
    dsl                  TEXT NOT NULL,
    contact              TEXT NOT NULL,
    move_confirmed_on    TEXT NOT NULL,
    due_on               TEXT NOT NULL,
    sent_on              TEXT NOT NULL,
    sent_how             TEXT NOT NULL,
    -- The parts of the file that went, as a JSON list of their names.
    sections             TEXT NOT NULL,
    -- SHA-256 of the package's manifest line: the receipt slip quotes it.
    digest               TEXT NOT NULL,
    records              INTEGER NOT NULL,
    made_at              TEXT NOT NULL,
    made_by              INTEGER NOT NULL REFERENCES leads (id),
    receipt_on           TEXT,
    receipt_by           TEXT NOT NULL DEFAULT '',
    receipt_recorded_at  TEXT,
    receipt_recorded_by  INTEGER REFERENCES leads (id)
);
CREATE INDEX file_transfers_case ON file_transfers (case_id);

CREATE TABLE file_transfer_chases (
    id           INTEGER PRIMARY KEY,
    transfer_id  INTEGER NOT NULL REFERENCES file_transfers (id),
    chased_on    TEXT NOT NULL,
    note         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX file_transfer_chases_transfer ON file_transfer_chases (transfer_id);

CREATE TABLE received_files (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases (id),
    package_id         TEXT NOT NULL UNIQUE,
    from_organisation  TEXT NOT NULL,
    from_lead          TEXT NOT NULL,
    their_reference    TEXT NOT NULL,
    move_confirmed_on  TEXT NOT NULL,
    made_at            TEXT NOT NULL,
    digest             TEXT NOT NULL,
    -- The package's lines after decryption, as they arrived: nothing in them is lost even
    -- where this version shows less.
    body               TEXT NOT NULL,
    received_at        TEXT NOT NULL,
    received_by        INTEGER NOT NULL REFERENCES leads (id)
);

CREATE TABLE chronology_received (
    revision_id       INTEGER PRIMARY KEY REFERENCES chronology_revisions (id),
    received_file_id  INTEGER NOT NULL REFERENCES received_files (id),
    recorded_at       TEXT NOT NULL,
    recorded_by       TEXT NOT NULL
);

CREATE TRIGGER file_transfers_no_delete BEFORE DELETE ON file_transfers
BEGIN SELECT RAISE(ABORT, 'file transfers are never deleted'); END;
CREATE TRIGGER file_transfers_receipt_once BEFORE UPDATE ON file_transfers
WHEN OLD.receipt_on IS NOT NULL OR NEW.case_id IS NOT OLD.case_id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.package_id IS NOT OLD.package_id OR NEW.setting IS NOT OLD.setting OR NEW.dsl IS NOT OLD.dsl
  OR NEW.contact IS NOT OLD.contact OR NEW.move_confirmed_on IS NOT OLD.move_confirmed_on
  OR NEW.due_on IS NOT OLD.due_on OR NEW.sent_on IS NOT OLD.sent_on OR NEW.sent_how IS NOT OLD.sent_how
  OR NEW.sections IS NOT OLD.sections OR NEW.digest IS NOT OLD.digest OR NEW.records IS NOT OLD.records
  OR NEW.made_at IS NOT OLD.made_at OR NEW.made_by IS NOT OLD.made_by
BEGIN SELECT RAISE(ABORT, 'a transfer records its receipt once, and nothing else changes'); END;
CREATE TRIGGER file_transfer_chases_no_change BEFORE UPDATE ON file_transfer_chases
BEGIN SELECT RAISE(ABORT, 'chases are append-only'); END;
CREATE TRIGGER file_transfer_chases_no_delete BEFORE DELETE ON file_transfer_chases
BEGIN SELECT RAISE(ABORT, 'chases are never deleted'); END;
CREATE TRIGGER received_files_no_change BEFORE UPDATE ON received_files
BEGIN SELECT RAISE(ABORT, 'a received file is kept as it arrived'); END;
CREATE TRIGGER received_files_no_delete BEFORE DELETE ON received_files
BEGIN SELECT RAISE(ABORT, 'a received file is kept as it arrived'); END;
CREATE TRIGGER chronology_received_no_change BEFORE UPDATE ON chronology_received
BEGIN SELECT RAISE(ABORT, 'chronology revisions are append-only'); END;
CREATE TRIGGER chronology_received_no_delete BEFORE DELETE ON chronology_received
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
