// Users (program managers): who has an account and which roles; create accounts, edit their name
// and roles, disable (after a confirmation naming the person) and enable them.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ROLES, type Role, type User } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { usePagedList } from '../../api/useResource';
import { format, messages, plural } from '../../i18n';
import { currentUser, userChanged } from '../../state/session';
import { Page } from '../../components/Page';
import { toQuery } from '../../components/queryString';
import { Pager, useFocusOnPageChange } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CreateUserForm } from './CreateUserForm';
import { ConfirmDisableDialog } from './ConfirmDisableDialog';
import { EditUserDialog } from './EditUserDialog';
import { UserFilters, type UserQuery } from './UserFilters';
import { UsersTable } from './UsersTable';

const PAGE_SIZE = 50;

/** What the page last did, said in the reader's current language (so kept as data, not words). */
type Notice = { said: 'created' | 'createdByLink' | 'updated' | 'disabled' | 'enabled' | 'activationSent'; name: string };

/** An open dialog: the account being edited, or the one whose disabling is to be confirmed. */
type Open = { dialog: 'edit' | 'disable'; user: User } | null;

export default function Users() {
  const msg = messages.value;
  const m = msg.users;
  const { query, route, path } = useLocation();
  const filters: UserQuery = {
    q: query.q ?? '',
    role: (ROLES as readonly string[]).includes(query.role ?? '') ? (query.role as Role) : undefined,
    active: query.active === 'true' ? true : query.active === 'false' ? false : undefined,
  };
  const { q, role, active } = filters;
  const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);

  const [notice, setNotice] = useState<Notice | null>(null);
  const [actionProblem, setActionProblem] = useState<Failure | null>(null);
  const [open, setOpen] = useState<Open>(null);
  /** Counts the actions that succeeded: the create form drops its errors from before them. */
  const [successes, setSuccesses] = useState(0);
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

  /** An account changed on the server: show it in place, say so, and clear the errors it settles. */
  const succeeded = (updated: User, said: Notice['said']) => {
    list.setItems((users) => users.map((x) => (x.id === updated.id ? updated : x)));
    userChanged(updated);
    setNotice({ said, name: updated.name });
    setActionProblem(null);
    setSuccesses((n) => n + 1);
    setOpen(null);
  };

  const enable = async (u: User) => {
    setNotice(null);
    try {
      succeeded(unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { active: true } })), 'enabled');
    } catch (error) {
      setActionProblem(failureOf(error));
    }
  };

  const resendActivation = async (u: User) => {
    setNotice(null);
    try {
      unwrap(await api.POST('/api/v1/users/{id}/activation', { params: { path: { id: u.id } } }));
      setNotice({ said: 'activationSent', name: u.name });
      setActionProblem(null);
      setSuccesses((n) => n + 1);
    } catch (error) {
      setActionProblem(failureOf(error));
    }
  };

  return (
    <Page title={m.title}>
      <div class="split">
        {/* Unnamed: the table's region inside is named by the same words (two regions named alike confuse). */}
        <section class="split__main section" aria-busy={list.loading} data-results>
          <h2 id="users-list" tabIndex={-1} ref={heading}>
            {m.listTitle}
          </h2>
          <UserFilters query={filters} search={search} setSearch={setSearch} go={(next) => go({ ...next, page: 1 })} />

          <ProblemAlert problem={list.problem} onRetry={list.retry} />
          <ProblemAlert problem={actionProblem} />
          <div role="status">{notice && <p class="alert alert--success">{format(m[notice.said], { name: notice.name })}</p>}</div>

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
                <UsersTable
                  users={items}
                  me={currentUser.value?.id}
                  onEdit={(user) => setOpen({ dialog: 'edit', user })}
                  onDisable={(user) => setOpen({ dialog: 'disable', user })}
                  onEnable={enable}
                  onResendActivation={resendActivation}
                />
              )}
              {pager('bottom')}
            </>
          )}
        </section>

        <div class="split__side">
          <CreateUserForm
            headingId="users-create"
            othersSucceeded={successes}
            onSubmit={() => setNotice(null)}
            onCreated={(u) => {
              setNotice({ said: u.activated ? 'created' : 'createdByLink', name: u.name });
              setActionProblem(null);
              list.retry(); // load the list again: the new account may sort anywhere in it
            }}
          />
        </div>
      </div>

      {open?.dialog === 'edit' && <EditUserDialog user={open.user} onSaved={(u) => succeeded(u, 'updated')} onCancel={() => setOpen(null)} />}
      {open?.dialog === 'disable' && <ConfirmDisableDialog user={open.user} onDisabled={(u) => succeeded(u, 'disabled')} onCancel={() => setOpen(null)} />}
    </Page>
  );
}
