// Follows one background job: asks for it every second until it has finished, and keeps the last
// answer. Polling (not a push channel) because any server sharing the database may be running it,
// and a reload or another tab simply starts following again.
import { useEffect, useState } from 'preact/hooks';
import { api, type Job } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';

export const isFinished = (job: Job) => job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';

const POLL_MS = 1000;

export function useJob(id: number | null): { job: Job | null; problem: Failure | null; replace: (job: Job) => void } {
  const [job, setJob] = useState<Job | null>(null);
  const [problem, setProblem] = useState<Failure | null>(null);
  useEffect(() => {
    setJob(null);
    setProblem(null);
    if (id === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const next = unwrap(await api.GET('/api/v1/jobs/{id}', { params: { path: { id } }, signal: controller.signal }));
        if (controller.signal.aborted) return;
        setJob(next);
        setProblem(null);
        if (!isFinished(next)) timer = setTimeout(ask, POLL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        setProblem(failureOf(error));
      }
    };
    void ask();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return { job, problem, replace: setJob };
}
