-- Search as you type at 10,000 cases (issue 9). Two ways in, both over the trigger-kept
-- cases.search_text (migration 0010):
-- * a trigram full-text index, so a typed word of three characters or more finds its cases
--   without reading every case (a rare word, like most of a reference number, read all
--   10,000 in reference order to fill a page: 12 ms);
-- * an index of search_text by status, which counts the matches of one or two characters
--   by reading the narrow index instead of every wide case row (11 ms -> 2 ms).
CREATE INDEX cases_status_search ON cases (status, search_text);

-- External content: the text is stored once, in cases; this holds only the index.
CREATE VIRTUAL TABLE case_search USING fts5 (
    search_text, content = 'cases', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO case_search (case_search) VALUES ('rebuild');

-- search_text is set right after a case is inserted, and grows as people join the case:
-- each change replaces the case's entry. An empty text was never indexed.
CREATE TRIGGER cases_search_index AFTER UPDATE OF search_text ON cases
BEGIN
    INSERT INTO case_search (case_search, rowid, search_text)
    SELECT 'delete', OLD.id, OLD.search_text WHERE OLD.search_text <> '';
    INSERT INTO case_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;

-- A date of birth typed into the search finds the people born that day directly.
CREATE INDEX people_date_of_birth ON people (date_of_birth);
