// The audit log (program managers): what happened, when, and how it ended, as the server's
// sentences in the page's language; filtered by who (any part of a name or email), which action
// and which days, paged, and exported as CSV. Filters and page are in the address (auditView.ts).
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type AuditEntry } from '../../api/client';
import { unwrap } from '../../api/failure';
import { usePagedList, useResource } from '../../api/useResource';
import { format, lang, messages, plural } from '../../i18n';
import { Page } from '../../components/Page';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { auditUrl, filterQuery, readFilters, readPage, type AuditFilters as Filters } from './auditView';
import { useAuditExport } from './useAuditExport';

const PAGE_SIZE = 50;

export default function Audit() {
  const msg = messages.value;
  const m = msg.audit;
  const { query, route, path } = useLocation();
  const applied = readFilters(query);
  const page = readPage(query);
  // The sentences and the actions' names are the server's, in the language asked: a language
  // switch loads them again.
  const language = lang.value;

  const [form, setForm] = useState<Filters>(applied);
  const filtersKey = auditUrl('', applied);
  const key = auditUrl('', applied, page);
  useEffect(() => setForm(applied), [key]);

  const actions = useResource(async (signal) => unwrap(await api.GET('/api/v1/audit/actions', { signal })).items, [language]);
  const list = usePagedList<AuditEntry>(
    async (signal) => unwrap(await api.GET('/api/v1/audit', { params: { query: { ...filterQuery(applied), page, page_size: PAGE_SIZE } }, signal })),
    [key, language],
  );
  const { items, total, problem, loading, retry } = list;
  // The export is itself recorded in the log: the list is loaded again to show it.
  const exporter = useAuditExport(applied, filtersKey, retry);

  const go = (f: Filters, p = 1) => route(auditUrl(path, f, p));

  const { heading, pageChanged } = useFocusOnPageChange(loading);
  const pager = (where: 'top' | 'bottom') => (
    <Pager
      where={where}
      page={page}
      pageSize={PAGE_SIZE}
      total={total}
      onPage={(p) => {
        pageChanged();
        go(applied, p);
      }}
    />
  );

  return (
    <Page title={m.title}>
      <AuditFilters
        form={form}
        setForm={setForm}
        applied={applied}
        actions={actions.data}
        actionsProblem={actions.problem}
        retryActions={actions.retry}
        go={(f) => go(f)}
      />

      <ProblemAlert problem={problem} onRetry={retry} />
      {/* Unnamed: the table's region inside carries the name (two regions named alike confuse). */}
      <section class="section" aria-busy={loading} data-results>
        <h2 id="audit-results" class="visually-hidden" tabIndex={-1} ref={heading}>
          {m.results}
        </h2>
        {items === null && !problem && <p class="muted">{msg.layout.loading}</p>}
        {items !== null && (
          <>
            <div class="list-head">
              <div class="list-head__info">
                <p class="muted" aria-live="polite" id="audit-count">
                  {plural(m.count, total)}
                </p>
                <button type="button" class="button button--small" disabled={exporter.busy} aria-describedby="audit-export-hint" onClick={exporter.run}>
                  {exporter.busy ? m.exporting : m.export}
                </button>
                <span id="audit-export-hint" class="visually-hidden">
                  {m.exportHint}
                </span>
              </div>
              {pager('top')}
            </div>
            <div role="status">{exporter.saved && <p class="alert alert--success">{format(m.exported, { file: exporter.saved })}</p>}</div>
            <ProblemAlert problem={exporter.problem} />
            {items.length === 0 ? <p class="empty-state__main">{m.empty}</p> : <AuditTable entries={items} caption={m.caption} />}
            {pager('bottom')}
          </>
        )}
      </section>
    </Page>
  );
}
