// A table of audit entries; shared by the admin home (compact) and the audit page.
import type { AuditEntry } from '../../api/client';
import { formatDateTime, messages } from '../../i18n';

function detailText(detail: AuditEntry['detail']): string {
  const keys = Object.keys(detail ?? {});
  if (keys.length === 0) return '';
  return keys.map((k) => `${k}: ${typeof detail[k] === 'string' ? detail[k] : JSON.stringify(detail[k])}`).join(', ');
}

export function AuditTable({ entries, compact = false, caption }: { entries: AuditEntry[]; compact?: boolean; caption: string }) {
  const m = messages.value.audit;
  const outcome = { success: m.outcomeSuccess, denied: m.outcomeDenied, failure: m.outcomeFailure };
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.colAt}</th>
            <th scope="col">{m.colActor}</th>
            <th scope="col">{m.colAction}</th>
            <th scope="col">{m.colResource}</th>
            <th scope="col">{m.colOutcome}</th>
            {!compact && <th scope="col">{m.colSource}</th>}
            {!compact && <th scope="col">{m.colClient}</th>}
            {!compact && <th scope="col">{m.colDetail}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td class="nowrap">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </td>
              <td>{e.actor}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.resource}</td>
              <td>
                <span class={`badge badge--${e.outcome}`}>{outcome[e.outcome] ?? e.outcome}</span>
              </td>
              {!compact && <td>{e.source}</td>}
              {!compact && <td>{e.client}</td>}
              {!compact && <td class="detail">{detailText(e.detail)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
