// The users list's search: name or email (on submit), role and state (at once).
import { ROLES, type Role } from '../../api/client';
import { messages } from '../../i18n';

export interface UserQuery {
  q: string;
  role: Role | undefined;
  active: boolean | undefined;
}

export function UserFilters({
  query,
  search,
  setSearch,
  go,
}: {
  query: UserQuery;
  /** The search box's text, kept by the page (it follows the address). */
  search: string;
  setSearch: (text: string) => void;
  go: (next: { q?: string; role?: string; active?: string }) => void;
}) {
  const msg = messages.value;
  const m = msg.users;
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        go({ q: search.trim() });
      }}
    >
      <div class="field">
        <label for="users-q">{m.search}</label>
        <input id="users-q" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="users-role">{m.filterRole}</label>
        <select id="users-role" value={query.role ?? ''} onChange={(e) => go({ role: e.currentTarget.value })}>
          <option value="">{m.anyRole}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {msg.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="users-active">{m.filterActive}</label>
        <select id="users-active" value={query.active === undefined ? '' : String(query.active)} onChange={(e) => go({ active: e.currentTarget.value })}>
          <option value="">{m.anyState}</option>
          <option value="true">{m.onlyActive}</option>
          <option value="false">{m.onlyInactive}</option>
        </select>
      </div>
      <button type="submit" class="button">
        {m.searchSubmit}
      </button>
    </form>
  );
}
