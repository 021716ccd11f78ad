-- The case list counts a search's matches by status. A word in more cases than the trigram
-- index's lookups pay for (migration 20261201000002) was counted by reading each status's
-- cases in turn: at 100,000 cases "now" (4,141 matches) read 25,000 archived cases to count a
-- thousand, 13 ms in all against 3 ms at 10,000 (issue 27). A trigram index per status
-- counts from the index alone: the three counts took 0.5 ms.
--
-- Contentless (the text stays in cases.search_text): PRAGMA integrity_check compares an
-- external-content index with every row of its table, and each of these holds only some.
CREATE VIRTUAL TABLE case_search_live USING fts5 (
    search_text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE case_search_closed USING fts5 (
    search_text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE case_search_archived USING fts5 (
    search_text, content = '', contentless_delete = 1, tokenize = 'trigram'
);

INSERT INTO case_search_live (rowid, search_text)
SELECT id, search_text FROM cases WHERE status = 'live' AND search_text <> '';
INSERT INTO case_search_closed (rowid, search_text)
SELECT id, search_text FROM cases WHERE status = 'closed' AND search_text <> '';
INSERT INTO case_search_archived (rowid, search_text)
SELECT id, search_text FROM cases WHERE status = 'archived' AND search_text <> '';

-- A case's text is set right after it is inserted and grows as people join it; its status
-- changes as it is closed, reopened and archived; removing its records empties its text.
-- Each change moves its entry to its status's index, so no code path can forget.
CREATE TRIGGER cases_search_by_status AFTER UPDATE OF status, search_text ON cases
BEGIN
    DELETE FROM case_search_live WHERE OLD.status = 'live' AND rowid = OLD.id;
    DELETE FROM case_search_closed WHERE OLD.status = 'closed' AND rowid = OLD.id;
    DELETE FROM case_search_archived WHERE OLD.status = 'archived' AND rowid = OLD.id;
    INSERT INTO case_search_live (rowid, search_text)
    SELECT NEW.id, NEW.search_text WHERE NEW.status = 'live' AND NEW.search_text <> '';
    INSERT INTO case_search_closed (rowid, search_text)
    SELECT NEW.id, NEW.search_text WHERE NEW.status = 'closed' AND NEW.search_text <> '';
    INSERT INTO case_search_archived (rowid, search_text)
    SELECT NEW.id, NEW.search_text WHERE NEW.status = 'archived' AND NEW.search_text <> '';
END;
