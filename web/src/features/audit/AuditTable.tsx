// Audit entries as sentences (the server's, in the page's language), with their time and outcome;
// shared by the admin home (compact) and the audit page, where each entry also folds its raw data
// (action code, actor, resource, source, detail) under "Technical details" for whoever needs them.
import type { AuditEntry } from '../../api/client';
import { format, formatDateTime, messages } from '../../i18n';

export function AuditTable({ entries, compact = false, caption }: { entries: AuditEntry[]; compact?: boolean; caption: string }) {
  const m = messages.value.audit;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="table audit-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.colAt}</th>
            <th scope="col">{m.colWhat}</th>
            <th scope="col">{m.colOutcome}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} class={e.outcome === 'success' ? undefined : `audit-row--${e.outcome}`}>
              <td class="nowrap">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </td>
              <td class="audit-entry">
                <p class="audit-entry__summary">{e.summary || e.action_label}</p>
                {!compact && <EntryDetails entry={e} />}
              </td>
              <td>
                <Outcome outcome={e.outcome} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Success is the usual case: said quietly. A refusal or a failure stands out, without alarm. */
function Outcome({ outcome }: { outcome: AuditEntry['outcome'] }) {
  const m = messages.value.audit;
  if (outcome === 'success') {
    return (
      <span class="outcome outcome--success">
        <span aria-hidden="true">✓ </span>
        {m.outcomeSuccess}
      </span>
    );
  }
  return <span class={`badge badge--${outcome}`}>{outcome === 'denied' ? m.outcomeDenied : outcome === 'failure' ? m.outcomeFailure : outcome}</span>;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function EntryDetails({ entry: e }: { entry: AuditEntry }) {
  const m = messages.value.audit;
  const data = Object.entries(e.detail ?? {});
  return (
    <details class="audit-details">
      <summary>
        {m.details}
        <span class="visually-hidden">, {format(m.detailsOf, { at: formatDateTime(e.at) })}</span>
      </summary>
      <dl class="audit-details__list">
        <div>
          <dt>{m.detailAction}</dt>
          <dd data-field="action">
            {e.action_label} <code>{e.action}</code>
          </dd>
        </div>
        <div>
          <dt>{m.detailActor}</dt>
          <dd data-field="actor">
            {e.actor_name && `${e.actor_name} `}
            <code>{e.actor}</code>
          </dd>
        </div>
        <div>
          <dt>{m.detailResource}</dt>
          <dd data-field="resource">
            <code>{e.resource}</code>
          </dd>
        </div>
        <div>
          <dt>{m.detailSource}</dt>
          <dd data-field="source">
            {e.source === 'cli' ? m.sourceCli : e.source === 'api' ? m.sourceApi : e.source} · <code>{e.client}</code>
          </dd>
        </div>
        {data.length > 0 && (
          <div>
            <dt>{m.detailData}</dt>
            <dd data-field="detail">
              <ul class="audit-details__data">
                {data.map(([k, v]) => (
                  <li key={k}>
                    <code>{k}</code>: <span class="audit-details__value">{asText(v)}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </details>
  );
}
