-- The rest of a case's record: the lead social worker and Children's Centre registration,
-- relationships between people, plans, the chronology (append-only, corrected by revisions),
-- the links from a level change to the entries it rests on, each lead's "changes since you
-- last looked" feed, and form drafts that survive the app locking.

ALTER TABLE cases ADD COLUMN social_worker_name  TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN social_worker_team  TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN social_worker_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN social_worker_email TEXT NOT NULL DEFAULT '';
-- NULL: not asked (only a safeguarding meeting asks); 0 no; 1 yes, on cc_registration_on.
ALTER TABLE cases ADD COLUMN cc_registration     INTEGER CHECK (cc_registration IN (0, 1));
ALTER TABLE cases ADD COLUMN cc_registration_on  TEXT;
-- When anything on the case last changed, for "recently changed" sorting.
ALTER TABLE cases ADD COLUMN updated_at          TEXT NOT NULL DEFAULT '';
UPDATE cases SET updated_at = created_at;

-- Names folded to lower-case ASCII ("Łukasz" -> "lukasz") so a search typed without accents
-- finds them.
ALTER TABLE people ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
UPDATE people SET search_name = lower(full_name);
CREATE INDEX people_search_name ON people (search_name);

CREATE TABLE relationships (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    person_id  INTEGER NOT NULL REFERENCES people (id),
    kind       TEXT NOT NULL,
    other_id   INTEGER NOT NULL REFERENCES people (id),
    added_at   TEXT NOT NULL,
    added_by   INTEGER NOT NULL REFERENCES leads (id),
    UNIQUE (case_id, person_id, kind, other_id),
    CHECK (person_id <> other_id)
);
CREATE INDEX relationships_case ON relationships (case_id);

-- A child's plan. Only end_on/ended_by/ended_at are ever set later (when the plan ends).
CREATE TABLE plans (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    person_id        INTEGER NOT NULL REFERENCES people (id),
    kind             TEXT NOT NULL CHECK (kind IN ('child_in_need', 'child_protection_plan')),
    -- Comma-separated category names, in a fixed order; empty for a Child in Need plan.
    categories       TEXT NOT NULL DEFAULT '',
    start_on         TEXT NOT NULL,
    end_on           TEXT,
    local_authority  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES leads (id),
    ended_at         TEXT,
    ended_by         INTEGER REFERENCES leads (id)
);
CREATE INDEX plans_case ON plans (case_id);
CREATE INDEX plans_person ON plans (person_id);
CREATE TRIGGER plans_only_end BEFORE UPDATE ON plans
WHEN OLD.end_on IS NOT NULL
  OR NEW.kind IS NOT OLD.kind OR NEW.categories IS NOT OLD.categories OR NEW.start_on IS NOT OLD.start_on
  OR NEW.person_id IS NOT OLD.person_id OR NEW.case_id IS NOT OLD.case_id
  OR NEW.local_authority IS NOT OLD.local_authority
BEGIN SELECT RAISE(ABORT, 'a plan can only be ended, once'); END;

-- An entry is its identity; what it says is its revisions, newest wins, all kept.
CREATE TABLE chronology_entries (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES leads (id)
);
CREATE INDEX chronology_entries_case ON chronology_entries (case_id);

CREATE TABLE chronology_revisions (
    id               INTEGER PRIMARY KEY,
    entry_id         INTEGER NOT NULL REFERENCES chronology_entries (id),
    revision         INTEGER NOT NULL,
    event_on         TEXT NOT NULL,
    event_time       TEXT,
    kind             TEXT NOT NULL,
    info_source      TEXT NOT NULL,
    summary          TEXT NOT NULL,
    detail           TEXT NOT NULL DEFAULT '',
    action_required  TEXT NOT NULL DEFAULT '',
    -- Why the entry was amended; empty for the first revision.
    amend_reason     TEXT NOT NULL DEFAULT '',
    recorded_at      TEXT NOT NULL,
    recorded_by      INTEGER NOT NULL REFERENCES leads (id),
    UNIQUE (entry_id, revision)
);

CREATE TABLE chronology_children (
    revision_id  INTEGER NOT NULL REFERENCES chronology_revisions (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (revision_id, person_id)
);

CREATE TABLE level_change_entries (
    level_change_id  INTEGER NOT NULL REFERENCES level_changes (id),
    entry_id         INTEGER NOT NULL REFERENCES chronology_entries (id),
    PRIMARY KEY (level_change_id, entry_id)
);

-- What each lead did to a case, for the other lead's "changes since you last looked" list.
-- lead_id is NULL when the installation acted (the archive sweep).
CREATE TABLE case_changes (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id),
    lead_id   INTEGER REFERENCES leads (id),
    kind      TEXT NOT NULL,
    summary   TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX case_changes_case ON case_changes (case_id);

-- A form a lead has started and not saved. Not a record: replaced while typing, deleted on
-- save or discard (secure_delete zeroes the freed pages).
CREATE TABLE drafts (
    lead_id   INTEGER NOT NULL REFERENCES leads (id),
    key       TEXT NOT NULL,
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    PRIMARY KEY (lead_id, key)
);

CREATE TRIGGER chronology_entries_no_change BEFORE UPDATE ON chronology_entries
BEGIN SELECT RAISE(ABORT, 'chronology entries are append-only'); END;
CREATE TRIGGER chronology_entries_no_delete BEFORE DELETE ON chronology_entries
BEGIN SELECT RAISE(ABORT, 'chronology entries are never deleted'); END;
CREATE TRIGGER chronology_revisions_no_change BEFORE UPDATE ON chronology_revisions
BEGIN SELECT RAISE(ABORT, 'chronology revisions are append-only'); END;
CREATE TRIGGER chronology_revisions_no_delete BEFORE DELETE ON chronology_revisions
BEGIN SELECT RAISE(ABORT, 'chronology revisions are never deleted'); END;
CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans
BEGIN SELECT RAISE(ABORT, 'plans are never deleted'); END;
CREATE TRIGGER case_changes_no_change BEFORE UPDATE ON case_changes
BEGIN SELECT RAISE(ABORT, 'the change feed is append-only'); END;
