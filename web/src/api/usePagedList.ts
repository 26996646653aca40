// One page of a list from the API, reloaded when `deps` change: the items, the total, the
// problem to show (the server's problem+json, or a network failure) and whether it is loading.
// A response that arrives after the page moved on is ignored.
import { useEffect, useState } from 'preact/hooks';
import { asProblem, type Problem } from './client';
import { messages } from '../i18n';

interface PageResponse<T> {
  data?: { items: T[]; total: number };
  error?: unknown;
  response: Response;
}

export function usePagedList<T>(load: () => Promise<PageResponse<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[] | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<Problem | string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    (async () => {
      try {
        const { data, error, response } = await load();
        if (!live) return;
        if (data) {
          setItems(data.items);
          setTotal(data.total);
          setProblem(null);
        } else {
          setProblem(asProblem(error, response.status) ?? messages.value.errors.generic);
        }
      } catch {
        if (live) setProblem(messages.value.errors.network);
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, deps);

  // setItems and setProblem let the page reflect its own changes (a row edited in place).
  return { items, setItems, total, problem, setProblem, loading };
}
