-- Each case's youngest child's date of birth (or, for a child not yet born, expected date),
-- kept on the case by triggers, so no code path can forget. The disposal review (and the
-- dashboard's count of it) finds from its index just the closed cases whose retention can
-- have run out: a youngest child born on or before a bound, or no child's date and a closure
-- on or before another. Before, it could tell "no child's date" only by reading each case
-- closed long enough ago: 64,000 of 100,000 cases, 2.5 s of the dashboard (issue 27).
-- Laptops may already update `cases`; the triggers run as the laptop that links a child.
ALTER TABLE cases ADD COLUMN youngest_child_on DATE;

CREATE FUNCTION cp_youngest_child_on(p_case BIGINT) RETURNS DATE LANGUAGE sql STABLE AS $$
    SELECT MAX(COALESCE(p.date_of_birth, p.expected_date)) FROM case_people cp JOIN people p ON p.id = cp.person_id
     WHERE cp.case_id = p_case AND cp.role IN ('child', 'unborn_child')
$$;

UPDATE cases SET youngest_child_on = cp_youngest_child_on(id);

CREATE INDEX cases_youngest_child_on ON cases (youngest_child_on, closed_on);
-- Read only by the disposal review's old query.
DROP INDEX people_expected_date;

-- Only a removal deletes a link; the case's emptied row keeps no child's date.
CREATE FUNCTION cp_case_people_youngest_child() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    link case_people;
BEGIN
    IF TG_OP = 'DELETE' THEN link := OLD; ELSE link := NEW; END IF;
    IF link.role IN ('child', 'unborn_child') THEN
        UPDATE cases SET youngest_child_on = cp_youngest_child_on(id) WHERE id = link.case_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_people_youngest_child AFTER INSERT OR DELETE ON case_people
FOR EACH ROW EXECUTE FUNCTION cp_case_people_youngest_child();

-- No step changes a person's dates today (laptops may not update people at all); were one
-- added, the cases would follow.
CREATE FUNCTION cp_people_youngest_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET youngest_child_on = cp_youngest_child_on(id)
     WHERE id IN (SELECT case_id FROM case_people WHERE person_id = NEW.id AND role IN ('child', 'unborn_child'));
    RETURN NULL;
END
$$;
CREATE TRIGGER people_youngest_child AFTER UPDATE OF date_of_birth, expected_date ON people
FOR EACH ROW EXECUTE FUNCTION cp_people_youngest_child();
