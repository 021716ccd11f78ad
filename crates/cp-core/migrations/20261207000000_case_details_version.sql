-- A case's details are edited in a form that may stay open a while, on one laptop or several:
-- each save names the version it began from, and one made meanwhile by someone else is not
-- silently overwritten (`cases::update_details`).
ALTER TABLE cases ADD COLUMN details_version INTEGER NOT NULL DEFAULT 0;
