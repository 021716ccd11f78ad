-- Chronology entries marked significant and tagged (issue 21): the lead's filters on the case
-- page ("significant only", "domestic abuse"), and later the statistics. Both belong to a
-- revision, as the children it concerns do, so an amendment can change them and the earlier
-- revision keeps its own. Separate tables rather than new columns of chronology_revisions:
-- a revision's seal (audit/seal.rs) is of its columns, and those of every revision already
-- sealed must stay as they were.
CREATE TABLE chronology_significant (
    revision_id  INTEGER PRIMARY KEY REFERENCES chronology_revisions (id)
);

CREATE TABLE chronology_tags (
    revision_id  INTEGER NOT NULL REFERENCES chronology_revisions (id),
    tag          TEXT NOT NULL,
    PRIMARY KEY (revision_id, tag)
);

CREATE TRIGGER chronology_significant_no_change BEFORE UPDATE ON chronology_significant
BEGIN SELECT RAISE(ABORT, 'chronology revisions are append-only'); END;
CREATE TRIGGER chronology_significant_no_delete BEFORE DELETE ON chronology_significant
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
CREATE TRIGGER chronology_tags_no_change BEFORE UPDATE ON chronology_tags
BEGIN SELECT RAISE(ABORT, 'chronology revisions are append-only'); END;
CREATE TRIGGER chronology_tags_no_delete BEFORE DELETE ON chronology_tags
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
