// The employee directory (program managers): search by name, email or employee id, filter by
// department, grade, site and status, sort by any column, page through; a row opens the employee.
// Everything the list shows is in the address (directoryView.ts), so a search can be bookmarked
// and comes back with the browser's Back button.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { messages, plural } from '../../i18n';
import { lastDirectoryUrl } from './lastSearch';
import { Page } from '../../components/Page';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DirectoryNav } from './DirectoryNav';
import { DirectoryFilters } from './DirectoryFilters';
import { EmployeeTable } from './EmployeeTable';
import { PAGE_SIZES, loadResults, readView, viewUrl, type View } from './directoryView';

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
  const { heading, pageChanged } = useFocusOnPageChange(results.loading);

  const go = (next: Partial<View>) => route(viewUrl({ ...view, page: 1, ...next }));
  const toPage = (page: number) => {
    pageChanged();
    go({ page });
  };
  const pager = (where: 'top' | 'bottom') => <Pager where={where} page={view.page} pageSize={view.pageSize} total={total} onPage={toPage} />;

  return (
    <Page title={m.title} lead={<DirectoryNav />}>
      {!empty && <DirectoryFilters view={view} facets={facets.data} facetsLoading={facets.loading} search={search} setSearch={setSearch} go={go} />}

      <ProblemAlert problem={results.problem} onRetry={results.retry} />
      <section class="section" aria-labelledby="directory-results" aria-busy={results.loading} data-results>
        <h2 id="directory-results" class="visually-hidden" tabIndex={-1} ref={heading}>
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
            <div class="list-head">
              <p class="muted" aria-live="polite" id="directory-count">
                {plural(m.count, total)}
              </p>
              {pager('top')}
            </div>
            {items.length === 0 ? (
              <p class="empty-state__main">{m.noMatch}</p>
            ) : (
              <EmployeeTable items={items} sort={view.sort} onSort={(sort) => go({ sort })} />
            )}
            <div class="list-foot">
              {pager('bottom')}
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
