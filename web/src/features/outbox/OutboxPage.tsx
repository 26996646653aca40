// The outbox (program managers): every message Binôme sends, its state and its attempts, the
// links of those not sent yet (which, without an SMTP server, the manager hands over), one
// message's parts, sending a failed one again, and a test message to check the set-up.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type OutboxMessage, type OutboxStatus } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { usePagedList } from '../../api/useResource';
import { format, formatDateTime, messages, plural } from '../../i18n';
import { Page } from '../../components/Page';
import { toQuery } from '../../components/queryString';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { OutboxMessageDialog } from './OutboxMessageDialog';
import { TestMailForm } from './TestMailForm';

const PAGE_SIZE = 20;
const STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed'];
const KINDS = ['account.activation', 'account.password_reset', 'mail.test'] as const;

export default function OutboxPage() {
  const m = messages.value.outbox;
  const { query, route, path } = useLocation();
  const status = (STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as OutboxStatus) : undefined;
  const kind = (KINDS as readonly string[]).includes(query.kind ?? '') ? query.kind : undefined;
  const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
  const [smtp, setSmtp] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<Failure | null>(null);
  const [shown, setShown] = useState<OutboxMessage | null>(null);

  const list = usePagedList<OutboxMessage>(async (signal) => {
    const data = unwrap(
      await api.GET('/api/v1/outbox', {
        params: { query: { ...(status ? { status } : {}), ...(kind ? { kind } : {}), page, page_size: PAGE_SIZE } },
        signal,
      }),
    );
    setSmtp(data.smtp_configured);
    return data;
  }, [status, kind, page]);
  const { items, total } = list;
  const go = (next: { status?: string; kind?: string; page?: number }) =>
    route(
      path +
        toQuery({
          status: next.status ?? status,
          kind: next.kind ?? kind,
          page: next.page && next.page > 1 ? String(next.page) : undefined,
        }),
    );
  const { heading, pageChanged } = useFocusOnPageChange(list.loading);
  const pager = (where: 'top' | 'bottom') => (
    <Pager
      where={where}
      page={page}
      pageSize={PAGE_SIZE}
      total={total}
      onPage={(p) => {
        pageChanged();
        go({ page: p });
      }}
    />
  );

  const copy = async (url: string) => {
    setActionProblem(null);
    try {
      await navigator.clipboard.writeText(url);
      setNotice(m.copied);
    } catch {
      // No clipboard (an insecure origin, a refusal): the link stays selectable on the page.
      setActionProblem('generic');
    }
  };
  const retry = async (message: OutboxMessage) => {
    setNotice(null);
    setActionProblem(null);
    try {
      const updated = unwrap(await api.POST('/api/v1/outbox/{id}/retry', { params: { path: { id: message.id } } }));
      list.setItems((all) => all.map((x) => (x.id === updated.id ? updated : x)));
      setNotice(format(m.retried, { to: message.to.email }));
    } catch (error) {
      setActionProblem(failureOf(error));
    }
  };

  return (
    <Page title={m.title} lead={<p class="lead">{m.intro}</p>}>
      {smtp === false && (
        <div class="alert alert--info" role="note" id="outbox-no-smtp">
          <p>{m.noSmtp}</p>
        </div>
      )}
      <div class="split">
        <section class="split__main section" aria-busy={list.loading} data-results>
          <h2 id="outbox-list" tabIndex={-1} ref={heading}>
            {m.title}
          </h2>
          <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <div class="field">
              <label for="outbox-status">{m.filterStatus}</label>
              <select id="outbox-status" value={status ?? ''} onChange={(e) => go({ status: e.currentTarget.value, page: 1 })}>
                <option value="">{m.all}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {m.statuses[s]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="outbox-kind">{m.filterKind}</label>
              <select id="outbox-kind" value={kind ?? ''} onChange={(e) => go({ kind: e.currentTarget.value, page: 1 })}>
                <option value="">{m.all}</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {m.kinds[k]}
                  </option>
                ))}
              </select>
            </div>
          </form>
          <ProblemAlert problem={list.problem} onRetry={list.retry} />
          <ProblemAlert problem={actionProblem} />
          <div role="status">{notice && <p class="alert alert--success">{notice}</p>}</div>
          {items !== null && (
            <>
              <div class="list-head">
                <p class="muted" aria-live="polite">
                  {plural(m.count, total)}
                </p>
                {pager('top')}
              </div>
              {items.length === 0 ? (
                <p class="empty-state__main">{m.empty}</p>
              ) : (
                <ul class="outbox" id="outbox-messages">
                  {items.map((x) => (
                    <OutboxItem key={x.id} message={x} onCopy={copy} onShow={setShown} onRetry={retry} />
                  ))}
                </ul>
              )}
              {pager('bottom')}
            </>
          )}
        </section>
        <div class="split__side">
          <TestMailForm
            onSent={(message) => {
              setNotice(format(m.testSent, { to: message.to.email }));
              list.retry();
            }}
          />
        </div>
      </div>
      {shown && <OutboxMessageDialog message={shown} onClose={() => setShown(null)} />}
    </Page>
  );
}

function OutboxItem({
  message: x,
  onCopy,
  onShow,
  onRetry,
}: {
  message: OutboxMessage;
  onCopy: (url: string) => void;
  onShow: (message: OutboxMessage) => void;
  onRetry: (message: OutboxMessage) => void;
}) {
  const m = messages.value.outbox;
  const to = x.to.name ? `${x.to.name} <${x.to.email}>` : x.to.email;
  const badge = x.status === 'sent' ? 'badge--success' : x.status === 'failed' ? 'badge--failure' : 'badge--neutral';
  return (
    <li class="card outbox__item" data-status={x.status}>
      <p>
        <span class={`badge ${badge}`}>{m.statuses[x.status]}</span> <strong>{x.subject}</strong>{' '}
        <span class="muted">— {x.kind_label}</span>
      </p>
      <p>
        {m.colTo}: {to} · {m.colCreated} <time dateTime={x.created_at}>{formatDateTime(x.created_at)}</time> ·{' '}
        {plural(m.attempts, x.attempts)}
        {x.sent_at && <> · {format(m.sentAt, { date: formatDateTime(x.sent_at) })}</>}
        {x.next_attempt_at && x.attempts > 0 && <> · {format(m.nextAttempt, { date: formatDateTime(x.next_attempt_at) })}</>}
      </p>
      {x.last_error && <p class="field__error">{format(m.lastError, { error: x.last_error })}</p>}
      {x.links.map((l) => (
        <p key={l.url} class="outbox__link">
          {l.label}
          {l.expires_at && <span class="muted"> ({format(m.expires, { date: formatDateTime(l.expires_at) })})</span>}:{' '}
          <code>{l.url}</code>{' '}
          <button type="button" class="button button--small" aria-label={format(m.copyLabel, { label: l.label.toLowerCase(), to: x.to.email })} onClick={() => onCopy(l.url)}>
            {m.copy}
          </button>
        </p>
      ))}
      <div class="row-actions">
        <button type="button" class="button button--small button--quiet" aria-label={format(m.showLabel, { to: x.to.email })} onClick={() => onShow(x)}>
          {m.show}
        </button>
        {x.status === 'failed' && (
          <button type="button" class="button button--small" aria-label={format(m.retryLabel, { to: x.to.email })} onClick={() => onRetry(x)}>
            {m.retry}
          </button>
        )}
      </div>
    </li>
  );
}
