// One employee (program managers): every field of the HR file, their manager and their direct
// reports, each a link to their own page, their account, and their history (what each import changed).
import type { ComponentChildren } from 'preact';
import { useRoute } from 'preact-iso';
import { api, type EmployeeDetail, type EmployeeSummary } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { format, formatDay, formatList, languageName, messages, plural, timeZoneName } from '../../i18n';
import { employeeHref, lastDirectoryUrl } from './lastSearch';
import { Page } from '../../components/Page';
import { EmployeeAccount } from './EmployeeAccount';
import { EmployeeHistory } from './EmployeeHistory';
import { ProblemAlert } from '../../components/ProblemAlert';

export default function EmployeePage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  // A new component per employee: following the manager link starts a fresh page (and moves the focus).
  return <EmployeeView key={id} id={id} />;
}

const fullName = (e: { first_name: string; last_name: string }) => `${e.first_name} ${e.last_name}`.trim();

function BackLink() {
  return (
    <p class="back">
      <a href={lastDirectoryUrl.value}>
        <span aria-hidden="true">← </span>
        {messages.value.employee.back}
      </a>
    </p>
  );
}

/** The employee, or null when no employee has this id (a 404: said as such, not as an error). */
async function loadEmployee(id: string, signal: AbortSignal): Promise<EmployeeDetail | null> {
  const result = await api.GET('/api/v1/employees/{employee_id}', { params: { path: { employee_id: id } }, signal });
  return result.response.status === 404 ? null : unwrap(result);
}

function EmployeeView({ id }: { id: string }) {
  const msg = messages.value;
  const m = msg.employee;
  const lookup = useResource((signal) => loadEmployee(id, signal).then((employee) => ({ employee })), [id]);

  if (lookup.data?.employee === null) {
    return (
      <Page title={m.notFoundTitle}>
        <p>{format(m.notFoundText, { id })}</p>
        <BackLink />
      </Page>
    );
  }
  if (!lookup.data) {
    // Loading, or failed: the page still has its heading (and the document its title).
    return (
      <>
        <BackLink />
        <Page title={m.title}>
          <div aria-busy={lookup.loading}>
            <ProblemAlert problem={lookup.problem} onRetry={lookup.retry} />
            {!lookup.problem && <p class="muted">{msg.layout.loading}</p>}
          </div>
        </Page>
      </>
    );
  }

  const e = lookup.data.employee;
  const notGiven = <span class="muted">{m.notGiven}</span>;
  const zone = e.time_zone ? timeZoneName(e.time_zone) : '';
  const facts: [string, ComponentChildren][] = [
    [m.employeeId, <code>{e.employee_id}</code>],
    [m.email, e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : notGiven],
    [m.jobTitle, e.job_title || notGiven],
    [m.department, e.department || notGiven],
    [m.grade, e.grade || notGiven],
    [
      m.manager,
      e.manager ? (
        <PersonLink person={e.manager} />
      ) : e.manager_id ? (
        <code>{e.manager_id}</code>
      ) : (
        <span class="muted">{m.noManager}</span>
      ),
    ],
    [m.hireDate, e.hire_date ? <time dateTime={e.hire_date}>{formatDay(e.hire_date)}</time> : notGiven],
    [m.site, e.site || notGiven],
    [
      m.timeZone,
      e.time_zone ? (
        <>
          {e.time_zone}
          {zone && <span class="muted"> — {zone}</span>}
        </>
      ) : (
        notGiven
      ),
    ],
    [m.languages, e.languages.length ? formatList(e.languages.map(languageName)) : notGiven],
    // A year, not a quantity: no thousands separator ("1975", never "1 975").
    [m.birthYear, e.birth_year != null ? String(e.birth_year) : notGiven],
    [
      m.status,
      <span class={`badge ${e.active ? 'badge--success' : 'badge--neutral'}`}>{e.active ? m.active : m.inactive}</span>,
    ],
  ];

  return (
    <>
      <BackLink />
      <Page title={fullName(e)} lead={<p class="lead">{[e.job_title, e.department].filter(Boolean).join(' · ')}</p>}>
        <section class="card" aria-labelledby="employee-details">
          <h2 id="employee-details">{m.details}</h2>
          <dl class="facts">
            {facts.map(([label, value]) => (
              <div class="facts__item" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section class="card" aria-labelledby="employee-reports">
          <h2 id="employee-reports">{m.reportsTitle}</h2>
          {e.direct_reports.length === 0 ? (
            <p class="muted">{m.noReports}</p>
          ) : (
            <>
              <p class="muted">{plural(m.reportsCount, e.direct_reports.length)}</p>
              <ul class="people">
                {e.direct_reports.map((r) => (
                  <li key={r.employee_id}>
                    <PersonLink person={r} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <EmployeeAccount employee={e} />
        <EmployeeHistory id={e.employee_id} />
      </Page>
    </>
  );
}

function PersonLink({ person }: { person: EmployeeSummary }) {
  const m = messages.value.employee;
  return (
    <span class="person">
      <a href={employeeHref(person.employee_id)}>{fullName(person)}</a>
      {person.job_title && <span class="muted"> — {person.job_title}</span>}
      {!person.active && <span class="badge badge--neutral badge--inline">{m.inactive}</span>}
    </span>
  );
}
