// The one way pages load data: `useResource(load, deps)` runs `load` when the component mounts and
// again whenever `deps` change, and gives what to show:
//   data     the last value loaded (kept while the next one loads, so the page does not flash);
//   problem  why the last load failed (null once a load succeeds);
//   loading  true from the first render with new inputs until their answer is shown: regions
//            carry it as aria-busy, which the browser tests wait on;
//   retry    loads again with the same inputs (the Retry button of an error);
//   setData  lets the page show its own changes (a row edited in place) without a reload.
// An answer to inputs that have since changed is ignored (and its request aborted), so a slow
// first search can never overwrite the results of the second.
import { useEffect, useRef, useState } from 'preact/hooks';
import { failureOf, type Failure } from './failure';

export interface Resource<T> {
  data: T | null;
  problem: Failure | null;
  loading: boolean;
  retry: () => void;
  setData: (update: (current: T | null) => T | null) => void;
}

export interface ResourceOptions {
  /** When false, nothing is loaded (what was loaded stays); e.g. a page being navigated away from. */
  enabled?: boolean;
}

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  { enabled = true }: ResourceOptions = {},
): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Failure | null>(null);
  const [inFlight, setInFlight] = useState(enabled);
  const [attempt, setAttempt] = useState(0);
  // The inputs of the load last started: until the effect starts one for new inputs, the data
  // shown belongs to the old ones, so the region is still busy.
  const startedFor = useRef<readonly unknown[] | null>(null);

  useEffect(() => {
    if (!enabled) {
      setInFlight(false); // a load stopped by disabling (aborted below) is not pending any more
      return;
    }
    startedFor.current = deps;
    const controller = new AbortController();
    setInFlight(true);
    setProblem(null);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(() => value);
        setInFlight(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(failureOf(error));
        setInFlight(false);
      },
    );
    // New inputs, a retry or leaving the page: this load's answer no longer matters.
    return () => controller.abort();
  }, [...deps, attempt, enabled]);

  const waiting = enabled && (startedFor.current === null || !sameDeps(startedFor.current, deps));
  return {
    data,
    problem,
    loading: inFlight || waiting,
    retry: () => setAttempt((n) => n + 1),
    setData: (update) => setData((current) => update(current)),
  };
}

export interface ListPage<T> {
  items: T[];
  total: number;
}

/** useResource for one page of a list: its items and the total the pager needs. */
export function usePagedList<T>(load: (signal: AbortSignal) => Promise<ListPage<T>>, deps: readonly unknown[], options?: ResourceOptions) {
  const resource = useResource(load, deps, options);
  return {
    ...resource,
    items: resource.data?.items ?? null,
    total: resource.data?.total ?? 0,
    setItems: (update: (items: T[]) => T[]) => resource.setData((page) => page && { ...page, items: update(page.items) }),
  };
}
