// What the audit page shows, as a value kept in the address (filters and page: a reload or a
// bookmark keeps them), and the same filters as the API's query, for the list and for the export.

export interface AuditFilters {
  /** Any part of the actor's name or email (the server ignores case and accents). */
  actor: string;
  /** An action code from /api/v1/audit/actions (or a prefix ending in "."), or "" for all. */
  action: string;
  /** Calendar days (yyyy-mm-dd, from the date inputs), or "". */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(query: Record<string, string | undefined>): AuditFilters {
  return {
    actor: query.actor ?? '',
    action: query.action ?? '',
    from: DAY.test(query.from ?? '') ? query.from! : '',
    to: DAY.test(query.to ?? '') ? query.to! : '',
  };
}

export const readPage = (query: Record<string, string | undefined>) => Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);

export const isFiltered = (f: AuditFilters) => !!(f.actor || f.action || f.from || f.to);

/** The page's address for these filters and page (defaults left out: the plain log is just /audit). */
export function auditUrl(path: string, f: AuditFilters, page = 1): string {
  const q = new URLSearchParams();
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.action) q.set('action', f.action);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return path + (s ? `?${s}` : '');
}

/** A local calendar day as the UTC instant that starts (or ends) it. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return at.toISOString();
}

/** The filters as /api/v1/audit and /api/v1/audit/export take them (the days in the browser's time zone). */
export function filterQuery(f: AuditFilters): { actor?: string; action?: string; from?: string; to?: string } {
  const from = dayBound(f.from, false);
  const to = dayBound(f.to, true);
  return {
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
