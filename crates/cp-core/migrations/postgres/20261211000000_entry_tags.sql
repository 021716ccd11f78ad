-- Chronology entries marked significant and tagged (issue 21), as on a laptop's file
-- (migration 20261211000000_entry_tags): a revision's own, append-only.
CREATE TABLE chronology_significant (
    revision_id  BIGINT PRIMARY KEY REFERENCES chronology_revisions (id)
);

CREATE TABLE chronology_tags (
    revision_id  BIGINT NOT NULL REFERENCES chronology_revisions (id),
    tag          TEXT NOT NULL,
    PRIMARY KEY (revision_id, tag)
);

CREATE TRIGGER chronology_significant_no_change BEFORE UPDATE ON chronology_significant
FOR EACH ROW EXECUTE FUNCTION cp_refuse('chronology revisions are append-only');
CREATE TRIGGER chronology_significant_no_delete BEFORE DELETE ON chronology_significant
FOR EACH ROW EXECUTE FUNCTION cp_refuse('chronology revisions are never deleted');
CREATE TRIGGER chronology_tags_no_change BEFORE UPDATE ON chronology_tags
FOR EACH ROW EXECUTE FUNCTION cp_refuse('chronology revisions are append-only');
CREATE TRIGGER chronology_tags_no_delete BEFORE DELETE ON chronology_tags
FOR EACH ROW EXECUTE FUNCTION cp_refuse('chronology revisions are never deleted');

DO $$
DECLARE
    laptops text := current_database() || '_laptops';
BEGIN
    EXECUTE format('GRANT SELECT, INSERT ON chronology_significant, chronology_tags TO %I', laptops);
END
$$;
