// One page of the directory as a table: a sortable header (a button per column) and a row per
// employee; the last name links to the employee, and a click anywhere on the row does the same.
import { useLocation } from 'preact-iso';
import type { Employee } from '../../api/client';
import { format, formatDay, messages } from '../../i18n';
import { employeeHref } from './lastSearch';
import type { Sort, SortField } from './directoryView';

export function EmployeeTable({ items, sort, onSort }: { items: Employee[]; sort: Sort; onSort: (next: Sort) => void }) {
  const msg = messages.value;
  const m = msg.directory;
  const { route } = useLocation();

  const columns: { field: SortField; label: string }[] = [
    { field: 'last_name', label: m.colLastName },
    { field: 'first_name', label: m.colFirstName },
    { field: 'employee_id', label: m.colEmployeeId },
    { field: 'department', label: m.colDepartment },
    { field: 'grade', label: m.colGrade },
    { field: 'site', label: m.colSite },
    { field: 'hire_date', label: m.colHireDate },
  ];
  const sortField = sort.replace(/^-/, '') as SortField;
  const descending = sort.startsWith('-');
  const sortLabel = columns.find((c) => c.field === sortField)?.label ?? '';

  const header = (field: SortField, label: string) => {
    const active = field === sortField;
    const next: Sort = active && !descending ? `-${field}` : field;
    return (
      <th scope="col" key={field} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        <button type="button" class="sort" onClick={() => onSort(next)}>
          {label}
          <span class={`sort__icon${active ? ' sort__icon--active' : ''}`} aria-hidden="true">
            {active ? (descending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  // A click anywhere on a row opens the employee, like its name's link (which keyboards use).
  const openRow = (e: MouseEvent, id: string) => {
    const target = e.target as HTMLElement;
    if (target.closest('a, button') || window.getSelection()?.toString()) return;
    route(employeeHref(id));
  };

  const notGiven = (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{msg.employee.notGiven}</span>
    </>
  );

  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="directory-caption">
      <table class="table" id="directory-table">
        <caption id="directory-caption" class="visually-hidden">
          {format(m.caption, { column: sortLabel, order: descending ? m.descending : m.ascending })}
        </caption>
        <thead>
          <tr>
            {columns.slice(0, 3).map((c) => header(c.field, c.label))}
            <th scope="col">{m.colJobTitle}</th>
            {columns.slice(3).map((c) => header(c.field, c.label))}
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.employee_id} class={`row--link${e.active ? '' : ' row--inactive'}`} onClick={(ev) => openRow(ev, e.employee_id)}>
              <th scope="row">
                <a href={employeeHref(e.employee_id)}>{e.last_name}</a>
                {!e.active && <span class="badge badge--neutral badge--inline">{m.inactive}</span>}
              </th>
              <td>{e.first_name}</td>
              <td class="nowrap">
                <code>{e.employee_id}</code>
              </td>
              <td>{e.job_title}</td>
              <td>{e.department}</td>
              <td>{e.grade}</td>
              <td>{e.site}</td>
              <td class="nowrap">{e.hire_date ? <time dateTime={e.hire_date}>{formatDay(e.hire_date)}</time> : notGiven}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
