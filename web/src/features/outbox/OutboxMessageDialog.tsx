// One message of the outbox: its text part as the recipient reads it, and its HTML part's source
// (folded). The source, not a rendering: a frame would run the HTML in the admin's session (and a
// sandboxed one cannot be checked by assistive tools).
import { api, type OutboxMessage } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { format, formatNumber, messages } from '../../i18n';
import { Dialog } from '../../components/Dialog';
import { ProblemAlert } from '../../components/ProblemAlert';

export function OutboxMessageDialog({ message, onClose }: { message: OutboxMessage; onClose: () => void }) {
  const m = messages.value.outbox;
  const detail = useResource(
    async (signal) => unwrap(await api.GET('/api/v1/outbox/{id}', { params: { path: { id: message.id } }, signal })),
    [message.id],
  );
  const d = detail.data;
  return (
    <Dialog title={format(m.detailTitle, { to: message.to.email })} onClose={onClose} class="dialog--wide">
      <p>
        <strong>{message.subject}</strong>
      </p>
      <ProblemAlert problem={detail.problem} onRetry={detail.retry} />
      {d && (
        <>
          <h3>{m.textPart}</h3>
          {/* Scrollable: reachable by keyboard, and named. */}
          <pre class="mail-text" lang={d.language} tabIndex={0} role="region" aria-label={m.textPart}>
            {d.text}
          </pre>
          <details>
            <summary>{m.htmlPart}</summary>
            <pre class="mail-text" tabIndex={0} role="region" aria-label={m.htmlPart}>
              {d.html}
            </pre>
          </details>
          {d.attachment && <p class="muted">{format(m.attachment, { name: d.attachment.file_name, size: formatNumber(d.attachment.size) })}</p>}
        </>
      )}
      <p>
        <button type="button" class="button" data-autofocus onClick={onClose}>
          {m.close}
        </button>
      </p>
    </Dialog>
  );
}
