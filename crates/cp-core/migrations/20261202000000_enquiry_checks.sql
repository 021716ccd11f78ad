-- Issue 17. When the enquiry was received is the lead's to say (it may be recorded later);
-- when it was recorded stays apart. A possible same address (same postcode and house number,
-- or another flat of the same building) is answered by the lead before the enquiry is
-- recorded, and the answer kept. An enquiry with nothing to pass on to a lead social worker
-- is closed as such instead of waiting for ever.
ALTER TABLE enquiries ADD COLUMN recorded_at TEXT;
UPDATE enquiries SET recorded_at = received_at;
ALTER TABLE enquiries ADD COLUMN possible_same_address_case_id INTEGER REFERENCES cases (id);
-- 'same' or 'different'
ALTER TABLE enquiries ADD COLUMN possible_same_address_answer TEXT;
ALTER TABLE enquiries ADD COLUMN closed_nothing_to_pass_on_at TEXT;
ALTER TABLE enquiries ADD COLUMN closed_by INTEGER REFERENCES leads (id);

CREATE TRIGGER enquiries_close_once BEFORE UPDATE OF closed_nothing_to_pass_on_at ON enquiries
WHEN OLD.closed_nothing_to_pass_on_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this enquiry is already closed'); END;
