// The audit log (program managers): who did what, when, from where; filtered and paged.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type AuditEntry } from '../../api/client';
import { messages, plural } from '../../i18n';
import { Page } from '../../components/Page';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuditTable } from './AuditTable';
import { unwrap } from '../../api/failure';
import { usePagedList } from '../../api/useResource';

const PAGE_SIZE = 50;
const KNOWN_ACTIONS = ['auth.login', 'auth.logout', 'user.create', 'user.update', 'user.password', 'token.create', 'token.revoke', 'schema.migrate'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A local calendar day (yyyy-mm-dd from a date input) as the UTC instant that starts or ends it. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return at.toISOString();
}

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

export default function Audit() {
  const msg = messages.value;
  const m = msg.audit;
  const { query, route, path } = useLocation();
  const applied: Filters = {
    actor: query.actor ?? '',
    action: query.action ?? '',
    from: DAY.test(query.from ?? '') ? query.from! : '',
    to: DAY.test(query.to ?? '') ? query.to! : '',
  };
  const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);

  const [form, setForm] = useState<Filters>(applied);
  const key = `${applied.actor}|${applied.action}|${applied.from}|${applied.to}|${page}`;
  useEffect(() => setForm(applied), [key]);

  const { items, total, problem, loading, retry } = usePagedList<AuditEntry>(async (signal) => {
    const from = dayBound(applied.from, false);
    const to = dayBound(applied.to, true);
    const result = await api.GET('/api/v1/audit', {
      params: {
        query: {
          ...(applied.actor ? { actor: applied.actor } : {}),
          ...(applied.action ? { action: applied.action } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          page,
          page_size: PAGE_SIZE,
        },
      },
      signal,
    });
    return unwrap(result);
  }, [key]);

  const go = (f: Filters, p: number) => {
    const q = new URLSearchParams();
    if (f.actor.trim()) q.set('actor', f.actor.trim());
    if (f.action.trim()) q.set('action', f.action.trim());
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    route(path + (s ? `?${s}` : ''));
  };

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

  const input = (k: keyof Filters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const filtered = applied.actor || applied.action || applied.from || applied.to;

  return (
    <Page title={m.title}>
      <form
        class="filters card"
        role="search"
        aria-labelledby="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          go(form, 1);
        }}
      >
        <h2 id="audit-filters" class="visually-hidden">
          {m.filters}
        </h2>
        <div class="field">
          <label for="audit-actor">{m.actor}</label>
          <input id="audit-actor" name="actor" type="text" autocomplete="off" value={form.actor} onInput={input('actor')} />
        </div>
        <div class="field">
          <label for="audit-action">{m.action}</label>
          <input id="audit-action" name="action" type="text" list="audit-actions" autocomplete="off" value={form.action} onInput={input('action')} />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="audit-from">{m.from}</label>
          <input id="audit-from" name="from" type="date" value={form.from} onInput={input('from')} />
        </div>
        <div class="field">
          <label for="audit-to">{m.to}</label>
          <input id="audit-to" name="to" type="date" value={form.to} onInput={input('to')} />
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--primary">
            {m.apply}
          </button>
          {filtered && (
            <button type="button" class="button button--quiet" onClick={() => go({ actor: '', action: '', from: '', to: '' }, 1)}>
              {m.reset}
            </button>
          )}
        </div>
      </form>

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
              <p class="muted" aria-live="polite" id="audit-count">
                {plural(m.count, total)}
              </p>
              {pager('top')}
            </div>
            {items.length === 0 ? <p class="empty-state__main">{m.empty}</p> : <AuditTable entries={items} caption={m.caption} />}
            {pager('bottom')}
          </>
        )}
      </section>
    </Page>
  );
}
