// The employee directory (program managers): search by name, email or employee id, filter by
// department, grade, site and status, sort by any column, page through; a row opens the employee.
// Everything the list shows is in the address, so a search can be bookmarked and comes back with
// the browser's Back button.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Employee } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { format, formatDay, messages, plural } from '../../i18n';
import { employeeHref, lastDirectoryUrl } from './lastSearch';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DirectoryNav } from './DirectoryNav';

const SORT_FIELDS = ['last_name', 'first_name', 'employee_id', 'department', 'grade', 'site', 'hire_date'] as const;
type SortField = (typeof SORT_FIELDS)[number];
type Sort = SortField | `-${SortField}`;
const DEFAULT_SORT: Sort = 'last_name';
const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;
/** The list's status filter; "active" is the default (people who left are rarely wanted). */
type Status = 'active' | 'inactive' | 'all';

interface View {
  q: string;
  department: string;
  grade: string;
  site: string;
  status: Status;
  sort: Sort;
  page: number;
  pageSize: number;
}

function isSort(s: string | undefined): s is Sort {
  return !!s && (SORT_FIELDS as readonly string[]).includes(s.replace(/^-/, ''));
}

function readView(query: Record<string, string>): View {
  const size = Number.parseInt(query.page_size ?? '', 10);
  return {
    q: query.q ?? '',
    department: query.department ?? '',
    grade: query.grade ?? '',
    site: query.site ?? '',
    status: query.status === 'inactive' || query.status === 'all' ? query.status : 'active',
    sort: isSort(query.sort) ? query.sort : DEFAULT_SORT,
    page: Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The address of a view; defaults are left out so the plain list is just /directory. */
function viewUrl(v: View): string {
  const q = new URLSearchParams();
  if (v.q) q.set('q', v.q);
  if (v.department) q.set('department', v.department);
  if (v.grade) q.set('grade', v.grade);
  if (v.site) q.set('site', v.site);
  if (v.status !== 'active') q.set('status', v.status);
  if (v.sort !== DEFAULT_SORT) q.set('sort', v.sort);
  if (v.page > 1) q.set('page', String(v.page));
  if (v.pageSize !== DEFAULT_PAGE_SIZE) q.set('page_size', String(v.pageSize));
  const s = q.toString();
  return `/directory${s ? `?${s}` : ''}`;
}

const isFiltered = (v: View) => !!(v.q || v.department || v.grade || v.site || v.status !== 'active');

interface Results {
  items: Employee[];
  total: number;
  /** Nobody at all in the directory (then the page points to the import), not merely no match. */
  directoryEmpty: boolean;
}

async function loadResults(view: View, signal: AbortSignal): Promise<Results> {
  const page = unwrap(
    await api.GET('/api/v1/employees', {
      params: {
        query: {
          ...(view.q ? { q: view.q } : {}),
          ...(view.department ? { department: view.department } : {}),
          ...(view.grade ? { grade: view.grade } : {}),
          ...(view.site ? { site: view.site } : {}),
          ...(view.status !== 'all' ? { active: view.status === 'active' } : {}),
          sort: view.sort,
          page: view.page,
          page_size: view.pageSize,
        },
      },
      signal,
    }),
  );
  let directoryEmpty = false;
  if (page.total === 0) {
    // Nobody matches: is that the search, or is the directory empty?
    if (view.status === 'all' && !isFiltered({ ...view, status: 'active' })) directoryEmpty = true;
    else {
      const everyone = unwrap(await api.GET('/api/v1/employees', { params: { query: { page: 1, page_size: 1 } }, signal }));
      directoryEmpty = everyone.total === 0;
    }
  }
  return { items: page.items, total: page.total, directoryEmpty };
}

export default function Directory() {
  const msg = messages.value;
  const m = msg.directory;
  const { query, route, path } = useLocation();
  const view = readView(query);
  const key = viewUrl(view);
  // While the next page's code loads, this one is rendered once more with the next address:
  // neither remember nor fetch that.
  const here = path === '/directory';

  const [search, setSearch] = useState(view.q);

  useEffect(() => {
    if (here) lastDirectoryUrl.value = key;
  }, [key, here]);
  useEffect(() => setSearch(view.q), [view.q]);

  // The filters' choices; without them the selects still offer "any" (and the address's value).
  const facets = useResource(async (signal) => unwrap(await api.GET('/api/v1/employees/facets', { signal })), []);
  const results = useResource((signal) => loadResults(view, signal), [key], { enabled: here });
  const items = results.data?.items ?? null;
  const total = results.data?.total ?? 0;
  /** True when the directory holds nobody at all (not merely nobody matching). */
  const empty = results.data?.directoryEmpty ?? false;

  const go = (next: Partial<View>) => route(viewUrl({ ...view, page: 1, ...next }));

  const columns: { field: SortField; label: string }[] = [
    { field: 'last_name', label: m.colLastName },
    { field: 'first_name', label: m.colFirstName },
    { field: 'employee_id', label: m.colEmployeeId },
    { field: 'department', label: m.colDepartment },
    { field: 'grade', label: m.colGrade },
    { field: 'site', label: m.colSite },
    { field: 'hire_date', label: m.colHireDate },
  ];
  const sortField = view.sort.replace(/^-/, '') as SortField;
  const descending = view.sort.startsWith('-');
  const sortLabel = columns.find((c) => c.field === sortField)?.label ?? '';

  const header = (field: SortField, label: string) => {
    const active = field === sortField;
    const next: Sort = active && !descending ? `-${field}` : field;
    return (
      <th scope="col" key={field} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        <button type="button" class="sort" onClick={() => go({ sort: next })}>
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
    <Page title={m.title} lead={<DirectoryNav />}>
      {!empty && (
        <form
          class="card directory-filters"
          role="search"
          aria-labelledby="directory-filters"
          aria-busy={facets.loading}
          onSubmit={(e) => {
            e.preventDefault();
            go({ q: search.trim() });
          }}
        >
          <h2 id="directory-filters" class="visually-hidden">
            {m.filters}
          </h2>
          <div class="directory-filters__search">
            <div class="field">
              <label for="directory-q">{m.search}</label>
              <input id="directory-q" name="q" type="search" autocomplete="off" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
            </div>
            <div class="filters__actions">
              <button type="submit" class="button button--primary">
                {m.searchSubmit}
              </button>
              {isFiltered(view) && (
                <button
                  type="button"
                  class="button button--quiet"
                  onClick={() => go({ q: '', department: '', grade: '', site: '', status: 'active' })}
                >
                  {m.reset}
                </button>
              )}
            </div>
          </div>
          <div class="directory-filters__facets">
            <FacetSelect id="directory-department" label={m.department} any={m.anyDepartment} value={view.department} options={facets.data?.departments} onChange={(v) => go({ department: v })} />
            <FacetSelect id="directory-grade" label={m.grade} any={m.anyGrade} value={view.grade} options={facets.data?.grades} onChange={(v) => go({ grade: v })} />
            <FacetSelect id="directory-site" label={m.site} any={m.anySite} value={view.site} options={facets.data?.sites} onChange={(v) => go({ site: v })} />
            <div class="field">
              <label for="directory-status">{m.status}</label>
              <select id="directory-status" value={view.status} onChange={(e) => go({ status: e.currentTarget.value as Status })}>
                <option value="active">{m.statusActive}</option>
                <option value="inactive">{m.statusInactive}</option>
                <option value="all">{m.statusAll}</option>
              </select>
            </div>
          </div>
        </form>
      )}

      <ProblemAlert problem={results.problem} onRetry={results.retry} />
      <section class="section" aria-labelledby="directory-results" aria-busy={results.loading} data-results>
        <h2 id="directory-results" class="visually-hidden">
          {m.tabList}
        </h2>
        {items === null && !results.problem && <p class="muted">{msg.layout.loading}</p>}
        {items !== null && empty && (
          <div class="card empty-state">
            <h3>{m.emptyTitle}</h3>
            <p>{m.emptyText}</p>
            <a class="button button--primary" href="/directory/import">
              {m.emptyAction}
            </a>
          </div>
        )}
        {items !== null && !empty && (
          <>
            <p class="muted" aria-live="polite" id="directory-count">
              {plural(m.count, total)}
            </p>
            {items.length === 0 ? (
              <p class="empty-state__main">{m.noMatch}</p>
            ) : (
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
            )}
            <div class="list-foot">
              <Pager page={view.page} pageSize={view.pageSize} total={total} onPage={(p) => go({ page: p })} />
              {total > PAGE_SIZES[0] && (
                <div class="field field--inline">
                  <label for="directory-page-size">{m.pageSize}</label>
                  <select id="directory-page-size" value={String(view.pageSize)} onChange={(e) => go({ pageSize: Number(e.currentTarget.value) })}>
                    {PAGE_SIZES.map((n) => (
                      <option key={n} value={String(n)}>
                        {n}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </div>
          </>
        )}
      </section>
    </Page>
  );
}

function FacetSelect({
  id,
  label,
  any,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  options: string[] | undefined;
  onChange: (v: string) => void;
}) {
  // A value from the address that the facets no longer list stays selectable (and visible).
  const list = options && value && !options.includes(value) ? [...options, value] : (options ?? (value ? [value] : []));
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{any}</option>
        {list.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
