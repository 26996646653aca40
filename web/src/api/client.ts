// The typed API client (types generated from docs/openapi.json into schema.d.ts).
// It sends the session's CSRF token on every unsafe request and reports a lost session.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type User = components['schemas']['User'];
export type Role = components['schemas']['Role'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditAction = components['schemas']['AuditAction'];
export type Overview = components['schemas']['Overview'];
/**
 * A problem+json document, and the language its `detail` and messages were asked in (the page's,
 * sent as Accept-Language), so that what shows it can say so (`lang`) after a language switch.
 */
export type Problem = components['schemas']['Problem'] & { lang?: string };
export type FieldError = components['schemas']['FieldError'];
export type Employee = components['schemas']['Employee'];
export type EmployeeSummary = components['schemas']['EmployeeSummary'];
export type EmployeeDetail = components['schemas']['EmployeeDetail'];
export type EmployeeFacets = components['schemas']['EmployeeFacets'];
export type EmployeeChange = components['schemas']['EmployeeChange'];
export type ImportResult = components['schemas']['ImportResult'];
export type Job = components['schemas']['Job'];
export type OutboxMessage = components['schemas']['OutboxMessage'];
export type OutboxMessageDetail = components['schemas']['OutboxMessageDetail'];
export type OutboxStatus = components['schemas']['OutboxStatus'];
/** A file the import refused (code `import_invalid`, nothing written): every error with its line, column and field. */
export type ImportProblem = Problem & { code: 'import_invalid'; errors: FieldError[] };

export const ROLES: readonly Role[] = ['admin', 'mentor', 'mentee', 'sponsor'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Keeps the CSRF token in memory only (never in storage, so a script injected elsewhere cannot read it back later). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated call answers 401: the session ended (expired, logged out elsewhere). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** The page's language: what the server is asked to write in (problems, audit sentences, labels). */
export const pageLanguage = () => document.documentElement.lang || 'en';

const middleware: Middleware = {
  onRequest({ request }) {
    // The server words its problems, sentences and labels in the reader's language.
    request.headers.set('Accept-Language', pageLanguage());
    if (csrfToken && UNSAFE.has(request.method.toUpperCase())) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && path !== '/api/v1/auth/login' && path !== '/api/v1/auth/me') {
      onUnauthenticated();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(middleware);

/**
 * Reads a problem+json document, whatever the shape of the error we got. Its `title` is the HTTP
 * status phrase, in English whatever the language: never shown, so it is no fallback for `detail`.
 */
export function asProblem(error: unknown, status?: number): Problem | null {
  if (error && typeof error === 'object' && 'detail' in error) {
    const p = error as Partial<Problem>;
    return {
      type: p.type ?? 'about:blank',
      title: p.title ?? '',
      status: p.status ?? status ?? 0,
      detail: typeof p.detail === 'string' ? p.detail : '',
      code: p.code ?? '',
      request_id: p.request_id ?? '',
      ...(Array.isArray(p.errors) ? { errors: p.errors } : {}),
      // The language the request was just sent in.
      lang: pageLanguage(),
    };
  }
  return null;
}
