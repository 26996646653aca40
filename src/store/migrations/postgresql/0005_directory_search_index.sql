-- SQLite gets a trigram index of the directory's search text here (0005 of its own folder).
-- PostgreSQL keeps its scan: pg_trgm, its equivalent, needs an extension a bank's database
-- administrator may not allow. The statement below only gives the migration a body.
UPDATE employees SET search_text = search_text WHERE 1 = 0;
