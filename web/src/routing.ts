// What the router and the navigation derive from the route table (routes.ts): the order in which
// patterns are tried, who may open a page, and the navigation a user sees.
import type { Role } from './api/client';
import type { Messages } from './i18n';
import { ROUTES, type AppRoute } from './routes';

/** How broad a pattern segment is: a literal matches one value, a parameter any, a rest several. */
function segmentRank(segment: string): number {
  if (!segment.startsWith(':')) return segment === '*' ? 3 : 0;
  if (segment.endsWith('+') || segment.endsWith('*')) return 3;
  return segment.endsWith('?') ? 2 : 1;
}

/**
 * Narrower patterns first: compared segment by segment, the first literal facing a parameter wins
 * (`/directory/import` before `/directory/:id`). preact-iso's Router takes the first pattern that
 * matches, so this order, not the table's, decides.
 */
export function byPrecedence(a: AppRoute, b: AppRoute): number {
  const sa = a.path.split('/').filter(Boolean);
  const sb = b.path.split('/').filter(Boolean);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const d = segmentRank(sa[i]!) - segmentRank(sb[i]!);
    if (d !== 0) return d;
  }
  return 0; // Array.prototype.sort is stable: equal patterns keep the table's order.
}

/** Mistakes the types cannot catch, found when the app starts (so by every browser test). */
function checked(routes: readonly AppRoute[]): readonly AppRoute[] {
  const seen = new Set<string>();
  for (const r of routes) {
    // Two rows for one path: the second would never be reached.
    if (seen.has(r.path)) throw new Error(`route table: ${r.path} is listed twice`);
    // A navigation link goes to one address; a pattern with parameters has many.
    if (r.nav && r.path.includes(':')) throw new Error(`route table: ${r.path} has parameters and cannot be a navigation entry`);
    seen.add(r.path);
  }
  return routes;
}

/** The table in the order the router must try it. */
export const ROUTES_BY_PRECEDENCE: readonly AppRoute[] = [...checked(ROUTES)].sort(byPrecedence);

export function canOpen(route: AppRoute, held: ReadonlySet<Role>): boolean {
  return route.roles.some((r) => held.has(r));
}

export interface NavEntry {
  href: string;
  label: string;
}

/** The header's links for someone holding these roles, in the table's navigation order. */
export function navigation(held: ReadonlySet<Role>, m: Messages): NavEntry[] {
  return ROUTES.flatMap((r) => (r.nav && canOpen(r, held) ? [{ href: r.path, ...r.nav }] : []))
    .sort((a, b) => a.order - b.order)
    .map(({ href, label }) => ({ href, label: label(m) }));
}
