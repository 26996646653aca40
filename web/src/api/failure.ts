// What went wrong with a request, in a form a page can show: the server's problem+json document,
// or no answer at all ("network"), or an answer that is not a problem document ("generic").
// Kept as data, not as words, so the alert follows a language switch.
import { asProblem, type Problem } from './client';

export type Failure = Problem | 'network' | 'generic';

/** Thrown by `unwrap` when the server says no; carries what to show and the HTTP status. */
export class RequestFailed extends Error {
  constructor(
    readonly failure: Failure,
    readonly status: number,
  ) {
    super(typeof failure === 'string' ? failure : failure.detail);
  }
}

interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an openapi-fetch result, or a RequestFailed with the server's problem. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.data !== undefined) return result.data;
  throw new RequestFailed(asProblem(result.error, result.response.status) ?? 'generic', result.response.status);
}

/** What to show for anything a request threw. */
export function failureOf(error: unknown): Failure {
  if (error instanceof RequestFailed) return error.failure;
  // fetch rejects with a TypeError when no answer came (server down, connection lost).
  if (error instanceof TypeError) return 'network';
  console.error(error);
  return 'generic';
}
