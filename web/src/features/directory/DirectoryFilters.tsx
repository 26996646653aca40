// The directory's search form: text search (on submit), and filters by department, grade, site and
// status (at once). The choices come from the directory's facets.
import type { EmployeeFacets } from '../../api/client';
import { messages } from '../../i18n';
import { isFiltered, type Status, type View } from './directoryView';

export function DirectoryFilters({
  view,
  facets,
  facetsLoading,
  search,
  setSearch,
  go,
}: {
  view: View;
  /** null while loading, or when they failed: the selects still offer "any" and the address's value. */
  facets: EmployeeFacets | null;
  facetsLoading: boolean;
  /** The search box's text, kept by the page (it follows the address). */
  search: string;
  setSearch: (text: string) => void;
  go: (next: Partial<View>) => void;
}) {
  const m = messages.value.directory;
  return (
    <form
      class="card directory-filters"
      role="search"
      aria-labelledby="directory-filters"
      aria-busy={facetsLoading}
      onSubmit={(e) => {
        e.preventDefault();
        go({ q: search.trim() });
      }}
    >
      <h2 id="directory-filters" class="visually-hidden">
        {m.filters}
      </h2>
      <div class="directory-filters__search">
        <div class="field">
          <label for="directory-q">{m.search}</label>
          <input id="directory-q" name="q" type="search" autocomplete="off" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--primary">
            {m.searchSubmit}
          </button>
          {isFiltered(view) && (
            <button
              type="button"
              class="button button--quiet"
              onClick={() => go({ q: '', department: '', grade: '', site: '', status: 'active' })}
            >
              {m.reset}
            </button>
          )}
        </div>
      </div>
      <div class="directory-filters__facets">
        <FacetSelect id="directory-department" label={m.department} any={m.anyDepartment} value={view.department} options={facets?.departments} onChange={(v) => go({ department: v })} />
        <FacetSelect id="directory-grade" label={m.grade} any={m.anyGrade} value={view.grade} options={facets?.grades} onChange={(v) => go({ grade: v })} />
        <FacetSelect id="directory-site" label={m.site} any={m.anySite} value={view.site} options={facets?.sites} onChange={(v) => go({ site: v })} />
        <div class="field">
          <label for="directory-status">{m.status}</label>
          <select id="directory-status" value={view.status} onChange={(e) => go({ status: e.currentTarget.value as Status })}>
            <option value="active">{m.statusActive}</option>
            <option value="inactive">{m.statusInactive}</option>
            <option value="all">{m.statusAll}</option>
          </select>
        </div>
      </div>
    </form>
  );
}

function FacetSelect({
  id,
  label,
  any,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  options: string[] | undefined;
  onChange: (v: string) => void;
}) {
  // A value from the address that the facets no longer list stays selectable (and visible).
  const list = options && value && !options.includes(value) ? [...options, value] : (options ?? (value ? [value] : []));
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{any}</option>
        {list.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
