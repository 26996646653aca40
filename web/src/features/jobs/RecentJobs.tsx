// The latest jobs of one kind (an admin sees everyone's), each a link to follow it: so a long import
// can be left and found again.
import { api, type Job } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, messages } from '../../i18n';

export function RecentJobs({ kind, href, refresh }: { kind: string; href: (job: Job) => string; refresh: unknown }) {
  const m = messages.value.jobs;
  const jobs = useResource(
    async (signal) => unwrap(await api.GET('/api/v1/jobs', { params: { query: { kind, page_size: 5 } }, signal })),
    [kind, refresh],
  );
  return (
    <section class="section" aria-labelledby="recent-jobs-title" aria-busy={jobs.loading}>
      <h2 id="recent-jobs-title">{m.recentTitle}</h2>
      <ProblemAlert problem={jobs.problem} onRetry={jobs.retry} />
      {jobs.data && jobs.data.items.length === 0 && <p class="muted">{m.recentEmpty}</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" id="recent-jobs">
            <thead>
              <tr>
                <th scope="col">{m.colStarted}</th>
                <th scope="col">{m.colBy}</th>
                <th scope="col">{m.colStatus}</th>
                <th scope="col">
                  <span class="visually-hidden">{m.open}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((job) => (
                <tr key={job.id} data-job={job.id}>
                  <td>{formatDateTime(job.created_at)}</td>
                  <td>{job.started_by}</td>
                  <td>
                    {m.status[job.status]}
                    {job.params['dry_run'] === true ? ` (${m.dryRun})` : ''}
                  </td>
                  <td>
                    <a href={href(job)}>
                      {m.open}
                      <span class="visually-hidden"> {formatDateTime(job.created_at)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
