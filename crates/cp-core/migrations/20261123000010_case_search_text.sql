-- A case's searchable words in one column: its reference, address and compact postcode, and
-- the folded names of everyone linked to it. Search as you type then reads one string per
-- case instead of three columns and a join of people per case (issue 9: at 10,000 cases the
-- join was most of a 23 ms search). Addresses and names are never edited, so inserts are all
-- that change it; triggers keep it, so no code path can forget.
ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE cases SET search_text =
    lower(reference) || ' ' || lower(address_line1 || ' ' || address_line2 || ' ' || town) || ' '
    || lower(replace(postcode, ' ', ''))
    || COALESCE((SELECT ' ' || group_concat(p.search_name, ' ') FROM case_people cp JOIN people p ON p.id = cp.person_id
                 WHERE cp.case_id = cases.id), '');

CREATE TRIGGER cases_search_text_on_insert AFTER INSERT ON cases
BEGIN
    UPDATE cases SET search_text =
        lower(NEW.reference) || ' ' || lower(NEW.address_line1 || ' ' || NEW.address_line2 || ' ' || NEW.town) || ' '
        || lower(replace(NEW.postcode, ' ', ''))
    WHERE id = NEW.id;
END;

CREATE TRIGGER case_people_search_text_on_insert AFTER INSERT ON case_people
BEGIN
    UPDATE cases SET search_text = search_text || ' ' || (SELECT search_name FROM people WHERE id = NEW.person_id)
    WHERE id = NEW.case_id;
END;
