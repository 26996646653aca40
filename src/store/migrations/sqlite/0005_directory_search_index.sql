-- A trigram index of the search text, so that a search of three characters or more finds its
-- rows without reading every employee (SQLite's FTS5, which Debian 12's SQLite carries). It
-- mirrors employees.search_text (an external-content table kept in step by the triggers).
CREATE VIRTUAL TABLE employees_search USING fts5(search_text, content='employees', content_rowid='id',
                                                 tokenize='trigram');
CREATE TRIGGER employees_search_insert AFTER INSERT ON employees BEGIN
  INSERT INTO employees_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER employees_search_delete AFTER DELETE ON employees BEGIN
  INSERT INTO employees_search (employees_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER employees_search_update AFTER UPDATE OF search_text ON employees BEGIN
  INSERT INTO employees_search (employees_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO employees_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
INSERT INTO employees_search (employees_search) VALUES ('rebuild');
