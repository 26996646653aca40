-- The directory's default page reads straight from this index, in order, and stops after the
-- page (employee_id breaks ties between equal names). The search text stays out of it here: a
-- PostgreSQL B-tree entry is limited to about 2.7 kB, and a long job title would exceed it.
-- The facets read grades from their own index.
DROP INDEX employees_by_sort_name;
CREATE INDEX employees_by_sort_name ON employees (sort_name, employee_id);
CREATE INDEX employees_by_grade ON employees (grade, grade_rank);
ANALYZE employees;
