// One employee's history (the employee page): what each HR import changed, newest first, one
// row per change, with the date it took effect and the day it was recorded.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, type EmployeeChange } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDay, formatList, languageName, messages, plural } from '../../i18n';

const PAGE_SIZE = 20;

type Field = NonNullable<EmployeeChange['field']>;

/** The field's label, as the employee's details name it. */
function fieldLabel(field: Field): string {
  const m = messages.value.employee;
  const labels: Record<Field, string> = {
    first_name: m.firstName,
    last_name: m.lastName,
    email: m.email,
    job_title: m.jobTitle,
    department: m.department,
    grade: m.grade,
    manager_id: m.manager,
    hire_date: m.hireDate,
    site: m.site,
    time_zone: m.timeZone,
    languages: m.languages,
    birth_year: m.birthYear,
    active: m.status,
  };
  return labels[field];
}

/** A value as the details show it: days in the reader's format, languages by name, the status as a word. */
function shownValue(field: Field | null, value: string | null): ComponentChildren {
  const m = messages.value.employee;
  if (value === null) return <span class="muted">{m.notGiven}</span>;
  switch (field) {
    case 'hire_date':
      return <time dateTime={value}>{formatDay(value)}</time>;
    case 'languages':
      return formatList(value.split(',').map(languageName));
    case 'active':
      return value === 'true' ? m.active : m.inactive;
    case 'manager_id':
      return <code>{value}</code>;
    default:
      return value;
  }
}

function whatChanged(c: EmployeeChange): string {
  const m = messages.value.employee;
  switch (c.kind) {
    case 'joined':
      return m.historyJoined;
    case 'left':
      return m.historyLeft;
    case 'returned':
      return m.historyReturned;
    default:
      return c.field ? fieldLabel(c.field) : '';
  }
}

export function EmployeeHistory({ id }: { id: string }) {
  const msg = messages.value;
  const m = msg.employee;
  const [page, setPage] = useState(1);
  const history = useResource(
    async (signal) =>
      unwrap(
        await api.GET('/api/v1/employees/{employee_id}/history', {
          params: { path: { employee_id: id }, query: { page, page_size: PAGE_SIZE } },
          signal,
        }),
      ),
    [id, page],
  );
  const { heading, pageChanged } = useFocusOnPageChange(history.loading);
  const toPage = (next: number) => {
    pageChanged();
    setPage(next);
  };
  const data = history.data;

  return (
    <section class="card" aria-labelledby="employee-history" aria-busy={history.loading} data-history>
      <h2 id="employee-history" tabIndex={-1} ref={heading}>
        {m.historyTitle}
      </h2>
      <ProblemAlert problem={history.problem} onRetry={history.retry} />
      {!data && !history.problem && <p class="muted">{msg.layout.loading}</p>}
      {data && data.total === 0 && <p class="muted">{m.historyEmpty}</p>}
      {data && data.total > 0 && (
        <>
          <div class="list-head">
            <p class="muted">{plural(m.historyCount, data.total)}</p>
            <Pager where="top" page={page} pageSize={PAGE_SIZE} total={data.total} onPage={toPage} />
          </div>
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="employee-history-caption">
            <table class="table" id="employee-history-table">
              <caption id="employee-history-caption" class="visually-hidden">
                {m.historyCaption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.colEffective}</th>
                  <th scope="col">{m.colChange}</th>
                  <th scope="col">{m.colBefore}</th>
                  <th scope="col">{m.colAfter}</th>
                  <th scope="col">{m.colRecorded}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c, i) => (
                  <tr key={`${c.import_id}-${c.field ?? c.kind}-${i}`}>
                    <td>
                      <time dateTime={c.effective_date}>{formatDay(c.effective_date)}</time>
                    </td>
                    <td>{whatChanged(c)}</td>
                    <td>{c.kind === 'joined' ? '' : shownValue(c.field, c.old)}</td>
                    <td>{c.kind === 'joined' ? '' : shownValue(c.field, c.new)}</td>
                    <td>
                      <time dateTime={c.recorded_at}>{formatDate(c.recorded_at)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
