// The query string of a list page's address, which keeps its filters and page (so a reload or a
// shared link shows the same list).
/** A page's query string from its parameters, the empty ones left out ("?q=x&page=2", or ""). */
export function toQuery(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
