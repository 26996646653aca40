-- The directory's default page reads straight from this index, in order, and stops after the
-- page (employee_id breaks ties between equal names); a search reads the search text from it
-- rather than from the wider table. The facets read grades from their own index.
DROP INDEX employees_by_sort_name;
CREATE INDEX employees_by_sort_name ON employees (sort_name, employee_id, search_text);
CREATE INDEX employees_by_grade ON employees (grade, grade_rank);
ANALYZE employees;
