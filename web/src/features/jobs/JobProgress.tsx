// A running job as its starter follows it: the phase in the server's words, a progress bar with
// its numbers, that the page may be left, and the button that cancels it.
import { useState } from 'preact/hooks';
import { api, pageLanguage, type Job } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { ProblemAlert } from '../../components/ProblemAlert';
import { format, messages } from '../../i18n';

export function JobProgress({ job, onChange }: { job: Job; onChange: (job: Job) => void }) {
  const m = messages.value.jobs;
  const [problem, setProblem] = useState<Failure | null>(null);
  const p = job.progress;
  const queued = job.status === 'queued';
  const cancel = async () => {
    try {
      onChange(unwrap(await api.POST('/api/v1/jobs/{id}/cancel', { params: { path: { id: job.id } } })));
      setProblem(null);
    } catch (error) {
      setProblem(failureOf(error));
    }
  };
  return (
    <div class="card" id="job-progress" data-job={job.id} data-status={job.status}>
      <h2 id="job-progress-title">{m.progressTitle}</h2>
      <p role="status" lang={pageLanguage()} id="job-phase">
        <span class="spinner" aria-hidden="true" />
        {queued ? m.queued : p.phase_label}
      </p>
      {!queued && (
        <p>
          <label for="job-progress-bar">{m.progressLabel}</label>{' '}
          {/* Without a total the bar is indeterminate. */}
          <progress id="job-progress-bar" max={p.total > 0 ? p.total : undefined} value={p.total > 0 ? p.done : undefined} />{' '}
          {p.total > 0 && <span class="muted">{format(m.progressCount, { done: p.done, total: p.total })}</span>}
        </p>
      )}
      <p class="field__hint">{m.leave}</p>
      <ProblemAlert problem={problem} />
      <button type="button" class="button" id="job-cancel" disabled={job.cancel_requested} onClick={() => void cancel()}>
        {job.cancel_requested ? m.cancelling : m.cancel}
      </button>
    </div>
  );
}
