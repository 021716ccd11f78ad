-- Each chronology entry's newest revision, in brief, kept by a trigger so no code path can
-- forget it. What is due on the live cases is worked out from these (issue 9: picking the
-- newest of every revision of the 20,000 entries on 1,000 live cases took most of the
-- dashboard's time; this reads a few index rows per case). The revisions themselves stay
-- the record; this is derived from them.
CREATE TABLE chronology_latest (
    entry_id    INTEGER PRIMARY KEY REFERENCES chronology_entries (id),
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    revision    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    event_on    TEXT NOT NULL,
    event_time  TEXT
);
-- Covers the timescale read: a live case's entries of the kinds the rules look at.
CREATE INDEX chronology_latest_case_kind ON chronology_latest (case_id, kind, event_on, event_time);

INSERT INTO chronology_latest (entry_id, case_id, revision, kind, event_on, event_time)
SELECT r.entry_id, e.case_id, r.revision, r.kind, r.event_on, r.event_time
FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id
WHERE r.revision = (SELECT MAX(r2.revision) FROM chronology_revisions r2 WHERE r2.entry_id = r.entry_id);

CREATE TRIGGER chronology_latest_on_revision AFTER INSERT ON chronology_revisions
BEGIN
    INSERT INTO chronology_latest (entry_id, case_id, revision, kind, event_on, event_time)
    SELECT NEW.entry_id, e.case_id, NEW.revision, NEW.kind, NEW.event_on, NEW.event_time
    FROM chronology_entries e WHERE e.id = NEW.entry_id
    ON CONFLICT (entry_id) DO UPDATE SET revision = excluded.revision, kind = excluded.kind,
        event_on = excluded.event_on, event_time = excluded.event_time
    WHERE excluded.revision > chronology_latest.revision;
END;
