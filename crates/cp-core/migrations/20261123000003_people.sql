-- People and the cases they belong to. A person can be in more than one case (siblings in
-- another household, an alleged perpetrator known to two families), so the link is its own table.
CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    full_name      TEXT NOT NULL,
    date_of_birth  TEXT,
    expected_date  TEXT,
    gender         TEXT NOT NULL DEFAULT '',
    setting        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES leads (id)
);

CREATE TABLE case_people (
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    person_id  INTEGER NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   INTEGER NOT NULL REFERENCES leads (id),
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_people_person ON case_people (person_id);

CREATE TRIGGER people_no_delete BEFORE DELETE ON people
BEGIN SELECT RAISE(ABORT, 'people are never deleted'); END;
