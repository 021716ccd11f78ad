-- Enquiries from police, health and other agencies (seeds 001, 002). The enquirer is
-- recorded first; what was asked about and what was shared are added when it is answered.
CREATE TABLE enquiries (
    id                          INTEGER PRIMARY KEY,
    lead_id                     INTEGER NOT NULL REFERENCES leads (id),
    received_at                 TEXT NOT NULL,
    enquired_on                 TEXT NOT NULL,
    enquirer_name               TEXT NOT NULL,
    enquirer_organisation       TEXT NOT NULL,
    enquirer_role               TEXT NOT NULL,
    enquirer_contact            TEXT NOT NULL,
    identity_check              TEXT NOT NULL,
    identity_detail             TEXT NOT NULL DEFAULT '',
    subject_name                TEXT,
    about_adult                 INTEGER,
    subject_address_line1       TEXT,
    subject_postcode            TEXT,
    case_id                     INTEGER REFERENCES cases (id),
    answered                    INTEGER,
    what_shared                 TEXT,
    social_worker_name_given    INTEGER,
    -- A child on a child protection plan lives at the address asked about.
    same_address_case_id        INTEGER REFERENCES cases (id),
    same_address_social_worker  TEXT,
    completed_at                TEXT,
    informed_on                 TEXT,
    informed_by                 INTEGER REFERENCES leads (id)
);
CREATE INDEX enquiries_received ON enquiries (received_at);

CREATE TRIGGER enquiries_no_delete BEFORE DELETE ON enquiries
BEGIN SELECT RAISE(ABORT, 'enquiries are never deleted'); END;
-- Completed once; informed once.
CREATE TRIGGER enquiries_complete_once BEFORE UPDATE OF completed_at ON enquiries
WHEN OLD.completed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this enquiry is already recorded'); END;
CREATE TRIGGER enquiries_inform_once BEFORE UPDATE OF informed_on ON enquiries
WHEN OLD.informed_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the lead social worker was already told'); END;
