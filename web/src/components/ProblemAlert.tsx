// Shows a problem+json error: its detail, and the request id support can look up.
import type { Problem } from '../api/client';
import { format, messages } from '../i18n';

export function ProblemAlert({ problem, fallback }: { problem: Problem | null | string; fallback?: string }) {
  const m = messages.value;
  if (!problem) return null;
  if (typeof problem === 'string') {
    return (
      <div class="alert alert--error" role="alert">
        <p>{problem}</p>
      </div>
    );
  }
  return (
    <div class="alert alert--error" role="alert">
      <p>{problem.detail || problem.title || fallback || m.errors.generic}</p>
      {problem.request_id && <p class="alert__ref">{format(m.errors.requestId, { id: problem.request_id })}</p>}
    </div>
  );
}
