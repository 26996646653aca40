// What the directory shows, as a value kept in the address (search, filters, sort, page, page
// size: a search can be bookmarked and comes back with Back), and how its results are loaded.
import { api, type Employee } from '../../api/client';
import { unwrap } from '../../api/failure';

export const SORT_FIELDS = ['last_name', 'first_name', 'employee_id', 'department', 'grade', 'site', 'hire_date'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type Sort = SortField | `-${SortField}`;
const DEFAULT_SORT: Sort = 'last_name';
export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;
/** The list's status filter; "active" is the default (people who left are rarely wanted). */
export type Status = 'active' | 'inactive' | 'all';

export interface View {
  q: string;
  department: string;
  grade: string;
  site: string;
  status: Status;
  sort: Sort;
  page: number;
  pageSize: number;
}

function isSort(s: string | undefined): s is Sort {
  return !!s && (SORT_FIELDS as readonly string[]).includes(s.replace(/^-/, ''));
}

export function readView(query: Record<string, string>): View {
  const size = Number.parseInt(query.page_size ?? '', 10);
  return {
    q: query.q ?? '',
    department: query.department ?? '',
    grade: query.grade ?? '',
    site: query.site ?? '',
    status: query.status === 'inactive' || query.status === 'all' ? query.status : 'active',
    sort: isSort(query.sort) ? query.sort : DEFAULT_SORT,
    page: Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The address of a view; defaults are left out so the plain list is just /directory. */
export function viewUrl(v: View): string {
  const q = new URLSearchParams();
  if (v.q) q.set('q', v.q);
  if (v.department) q.set('department', v.department);
  if (v.grade) q.set('grade', v.grade);
  if (v.site) q.set('site', v.site);
  if (v.status !== 'active') q.set('status', v.status);
  if (v.sort !== DEFAULT_SORT) q.set('sort', v.sort);
  if (v.page > 1) q.set('page', String(v.page));
  if (v.pageSize !== DEFAULT_PAGE_SIZE) q.set('page_size', String(v.pageSize));
  const s = q.toString();
  return `/directory${s ? `?${s}` : ''}`;
}

export const isFiltered = (v: View) => !!(v.q || v.department || v.grade || v.site || v.status !== 'active');

export interface Results {
  items: Employee[];
  total: number;
  /** Nobody at all in the directory (then the page points to the import), not merely no match. */
  directoryEmpty: boolean;
}

export async function loadResults(view: View, signal: AbortSignal): Promise<Results> {
  const page = unwrap(
    await api.GET('/api/v1/employees', {
      params: {
        query: {
          ...(view.q ? { q: view.q } : {}),
          ...(view.department ? { department: view.department } : {}),
          ...(view.grade ? { grade: view.grade } : {}),
          ...(view.site ? { site: view.site } : {}),
          ...(view.status !== 'all' ? { active: view.status === 'active' } : {}),
          sort: view.sort,
          page: view.page,
          page_size: view.pageSize,
        },
      },
      signal,
    }),
  );
  let directoryEmpty = false;
  if (page.total === 0) {
    // Nobody matches: is that the search, or is the directory empty?
    if (view.status === 'all' && !isFiltered({ ...view, status: 'active' })) directoryEmpty = true;
    else {
      const everyone = unwrap(await api.GET('/api/v1/employees', { params: { query: { page: 1, page_size: 1 } }, signal }));
      directoryEmpty = everyone.total === 0;
    }
  }
  return { items: page.items, total: page.total, directoryEmpty };
}
