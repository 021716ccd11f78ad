-- Attachments (issue 24): letters, forms, emails, photos and minutes kept with the records.
-- Their bytes are inside the encrypted database, so SQLCipher encrypts them with everything
-- else, every backup carries them, and nothing is ever written beside the database in clear.
-- Content-addressed: each file's bytes are kept once, under their SHA-256, however many
-- records they are attached to; `verify` hashes each again.
CREATE TABLE attachment_blobs (
    sha256   TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    content  BLOB NOT NULL
);
CREATE TRIGGER attachment_blobs_no_change BEFORE UPDATE ON attachment_blobs
BEGIN SELECT RAISE(ABORT, 'an attached file is kept as it came'); END;
CREATE TRIGGER attachment_blobs_no_delete BEFORE DELETE ON attachment_blobs
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
  AND NOT EXISTS (SELECT 1 FROM allegation_removal_underway)
BEGIN SELECT RAISE(ABORT, 'an attached file is kept as it came'); END;

-- One file attached to one record: a case, a chronology entry or a concern (on a case), an
-- enquiry, or an allegation. Withdrawn with a reason, never deleted (but with its record's
-- removal under records management).
CREATE TABLE attachments (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER REFERENCES cases (id),
    entry_id          INTEGER REFERENCES chronology_entries (id),
    concern_id        INTEGER REFERENCES concerns (id),
    enquiry_id        INTEGER REFERENCES enquiries (id),
    allegation_id     INTEGER REFERENCES allegations (id),
    sha256            TEXT NOT NULL REFERENCES attachment_blobs (sha256),
    file_name         TEXT NOT NULL,
    kind              TEXT NOT NULL,
    title             TEXT NOT NULL,
    document_on       TEXT,
    came_from         TEXT NOT NULL,
    added_at          TEXT NOT NULL,
    added_by          INTEGER NOT NULL REFERENCES leads (id),
    withdrawn_at      TEXT,
    withdrawn_by      INTEGER REFERENCES leads (id),
    withdrawn_reason  TEXT NOT NULL DEFAULT '',
    CHECK ((case_id IS NOT NULL) + (enquiry_id IS NOT NULL) + (allegation_id IS NOT NULL) = 1),
    CHECK (entry_id IS NULL OR case_id IS NOT NULL),
    CHECK (concern_id IS NULL OR case_id IS NOT NULL)
);
CREATE INDEX attachments_case ON attachments (case_id);
CREATE INDEX attachments_enquiry ON attachments (enquiry_id);
CREATE INDEX attachments_allegation ON attachments (allegation_id);

-- The children of the case it concerns.
CREATE TABLE attachment_children (
    attachment_id  INTEGER NOT NULL REFERENCES attachments (id),
    person_id      INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (attachment_id, person_id)
);
CREATE TRIGGER attachments_withdrawn_once BEFORE UPDATE ON attachments
WHEN OLD.withdrawn_at IS NOT NULL
  OR NEW.case_id IS NOT OLD.case_id OR NEW.entry_id IS NOT OLD.entry_id OR NEW.concern_id IS NOT OLD.concern_id
  OR NEW.enquiry_id IS NOT OLD.enquiry_id OR NEW.allegation_id IS NOT OLD.allegation_id
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.file_name IS NOT OLD.file_name OR NEW.kind IS NOT OLD.kind
  OR NEW.title IS NOT OLD.title OR NEW.document_on IS NOT OLD.document_on OR NEW.came_from IS NOT OLD.came_from
  OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'an attachment is withdrawn once, and nothing else about it changes'); END;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
  AND NOT EXISTS (SELECT 1 FROM allegation_removal_underway u WHERE u.allegation_id = OLD.allegation_id)
BEGIN SELECT RAISE(ABORT, 'an attachment is withdrawn, never deleted'); END;
CREATE TRIGGER attachment_children_no_change BEFORE UPDATE ON attachment_children
BEGIN SELECT RAISE(ABORT, 'an attachment is withdrawn, never changed'); END;
CREATE TRIGGER attachment_children_no_delete BEFORE DELETE ON attachment_children
WHEN NOT EXISTS (SELECT 1 FROM removal_underway)
BEGIN SELECT RAISE(ABORT, 'an attachment is withdrawn, never changed'); END;
