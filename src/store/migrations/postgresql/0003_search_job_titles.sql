-- The directory's search covers job titles. The search text is folded in C++ (accents,
-- ligatures), so store::migrate recomputes it after this migration; the statement below only
-- gives the migration a body.
UPDATE employees SET search_text = search_text WHERE 1 = 0;
