// Shows why a request failed: the server's problem `detail`, written in the page's language (or our
// words when no answer came, or no detail), anything the page adds (children) and a Retry button
// when the page can simply try again. The request id matters to support only, so it waits, folded,
// under the message. The server's words keep the language they were written in (`lang`), should
// the reader have switched since.
import type { ComponentChildren } from 'preact';
import type { Failure } from '../api/failure';
import { messages } from '../i18n';

export function ProblemAlert({
  problem,
  fallback,
  onRetry,
  children,
}: {
  problem: Failure | null;
  /** Said when the server's problem has no detail. */
  fallback?: string;
  onRetry?: () => void;
  children?: ComponentChildren;
}) {
  const m = messages.value;
  if (!problem) return null;
  const server = typeof problem === 'object' && problem.detail ? problem : null;
  const text = server?.detail ?? (problem === 'network' ? m.errors.network : (fallback ?? m.errors.generic));
  const requestId = typeof problem === 'object' ? problem.request_id : '';
  return (
    <div class="alert alert--error" role="alert">
      <p lang={server?.lang}>{text}</p>
      {children}
      {onRetry && (
        <p>
          <button type="button" class="button button--small" onClick={onRetry}>
            {m.errors.retry}
          </button>
        </p>
      )}
      {requestId && (
        <details class="alert__ref">
          <summary>{m.errors.supportReference}</summary>
          <p>
            {m.errors.supportReferenceHint} <code>{requestId}</code>
          </p>
        </details>
      )}
    </div>
  );
}
