// Users (program managers): who has an account and which roles; create, disable and enable accounts.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ROLES, type Role, type User } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { format, formatDate, messages, plural } from '../../i18n';
import { currentUser } from '../../state/session';
import { usePagedList } from '../../api/useResource';
import { Page } from '../../components/Page';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CreateUserForm } from './CreateUserForm';

const PAGE_SIZE = 50;

function toQuery(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export default function Users() {
  const msg = messages.value;
  const m = msg.users;
  const { query, route, path } = useLocation();
  const q = query.q ?? '';
  const role = (ROLES as readonly string[]).includes(query.role ?? '') ? (query.role as Role) : undefined;
  const active = query.active === 'true' ? true : query.active === 'false' ? false : undefined;
  const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);

  const [status, setStatus] = useState('');
  const [actionProblem, setActionProblem] = useState<Failure | null>(null);
  const [search, setSearch] = useState(q);

  useEffect(() => setSearch(q), [q]);

  const list = usePagedList<User>(
    async (signal) =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(role ? { role } : {}),
              ...(active !== undefined ? { active } : {}),
              page,
              page_size: PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    [q, role, active, page],
  );
  const { items, total } = list;

  const go = (next: { q?: string; role?: string; active?: string; page?: number }) => {
    const merged = {
      q: next.q ?? q,
      role: next.role ?? role ?? '',
      active: next.active ?? (active === undefined ? '' : String(active)),
      page: next.page && next.page > 1 ? String(next.page) : undefined,
    };
    route(path + toQuery(merged));
  };

  const { heading, pageChanged } = useFocusOnPageChange(list.loading);
  const pager = (where: 'top' | 'bottom') => (
    <Pager
      where={where}
      page={page}
      pageSize={PAGE_SIZE}
      total={total}
      onPage={(p) => {
        pageChanged();
        go({ page: p });
      }}
    />
  );

  const toggle = async (u: User) => {
    setStatus('');
    try {
      const updated = unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { active: !u.active } }));
      list.setItems((users) => users.map((x) => (x.id === updated.id ? updated : x)));
      setStatus(format(updated.active ? m.enabled : m.disabled, { name: updated.name }));
      setActionProblem(null);
    } catch (error) {
      setActionProblem(failureOf(error));
    }
  };

  const me = currentUser.value?.id;

  return (
    <Page title={m.title}>
      <div class="split">
        {/* Unnamed: the table's region inside is named by the same words (two regions named alike confuse). */}
        <section class="split__main section" aria-busy={list.loading} data-results>
          <h2 id="users-list" tabIndex={-1} ref={heading}>
            {m.listTitle}
          </h2>
          <form
            class="filters"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              go({ q: search.trim(), page: 1 });
            }}
          >
            <div class="field">
              <label for="users-q">{m.search}</label>
              <input id="users-q" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="users-role">{m.filterRole}</label>
              <select id="users-role" value={role ?? ''} onChange={(e) => go({ role: e.currentTarget.value, page: 1 })}>
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
              <select
                id="users-active"
                value={active === undefined ? '' : String(active)}
                onChange={(e) => go({ active: e.currentTarget.value, page: 1 })}
              >
                <option value="">{m.anyState}</option>
                <option value="true">{m.onlyActive}</option>
                <option value="false">{m.onlyInactive}</option>
              </select>
            </div>
            <button type="submit" class="button">
              {m.searchSubmit}
            </button>
          </form>

          <ProblemAlert problem={list.problem} onRetry={list.retry} />
          <ProblemAlert problem={actionProblem} />
          <div role="status">{status && <p class="alert alert--success">{status}</p>}</div>

          {items === null && !list.problem && <p class="muted">{msg.layout.loading}</p>}
          {items !== null && (
            <>
              <div class="list-head">
                <p class="muted" aria-live="polite">
                  {plural(m.count, total)}
                </p>
                {pager('top')}
              </div>
              {items.length === 0 ? (
                <p class="empty-state__main">{m.empty}</p>
              ) : (
                <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="users-list">
                  <table class="table" id="users-table">
                    <caption class="visually-hidden">{m.listTitle}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{m.colName}</th>
                        <th scope="col">{m.colEmail}</th>
                        <th scope="col">{m.colRoles}</th>
                        <th scope="col">{m.colActive}</th>
                        <th scope="col">{m.colCreated}</th>
                        <th scope="col">
                          <span class="visually-hidden">{m.colActions}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((u) => (
                        <tr key={u.id} class={u.active ? '' : 'row--inactive'}>
                          <th scope="row">{u.name}</th>
                          <td>{u.email}</td>
                          <td>{u.roles.map((r) => msg.roles[r] ?? r).join(', ')}</td>
                          <td>
                            <span class={`badge ${u.active ? 'badge--success' : 'badge--neutral'}`}>{u.active ? m.active : m.inactive}</span>
                          </td>
                          <td class="nowrap">
                            <time dateTime={u.created_at}>{formatDate(u.created_at)}</time>
                          </td>
                          <td class="nowrap">
                            {u.id === me ? (
                              <span class="muted">{m.self}</span>
                            ) : (
                              <button
                                type="button"
                                class={`button button--small ${u.active ? 'button--danger' : ''}`}
                                aria-label={format(u.active ? m.disableLabel : m.enableLabel, { name: u.name })}
                                onClick={() => toggle(u)}
                              >
                                {u.active ? m.disable : m.enable}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {pager('bottom')}
            </>
          )}
        </section>

        <div class="split__side">
          <CreateUserForm
            headingId="users-create"
            onSubmit={() => setStatus('')}
            onCreated={(u) => {
              setStatus(format(m.created, { name: u.name }));
              list.retry(); // load the list again: the new account may sort anywhere in it
            }}
          />
        </div>
      </div>
    </Page>
  );
}
