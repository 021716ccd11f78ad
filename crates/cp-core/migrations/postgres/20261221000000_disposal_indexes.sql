-- The disposal review (and the dashboard's count of it) reads only the closed cases whose
-- retention can have run out: found from a child's date of birth (indexed since the start),
-- a closure date (likewise), or, for a child not yet born, the expected date, indexed here.
-- It read every closed case before (issue 27).
CREATE INDEX people_expected_date ON people (expected_date);
