// Accounts at a glance: how many hold each role, in all, and how many are active.
import { ROLES, type Overview } from '../../api/client';
import { formatNumber, messages, plural } from '../../i18n';

export function AccountsSummary({ overview, loading }: { overview: Overview | null; loading: boolean }) {
  const msg = messages.value;
  const m = msg.home;
  const users = overview?.users;
  return (
    <section aria-labelledby="home-users" class="section" aria-busy={loading}>
      <div class="section__head">
        <h2 id="home-users">{m.usersByRole}</h2>
        <a class="button button--quiet" href="/users">
          {m.manageUsers}
        </a>
      </div>
      {!users ? (
        loading && <p class="muted">{msg.layout.loading}</p>
      ) : (
        <>
          <ul class="stat-grid">
            {ROLES.map((r) => (
              <li class="stat" key={r} data-stat={r}>
                <span class="stat__value">{formatNumber(users.by_role[r])}</span>
                <span class="stat__label">{msg.rolesPlural[r]}</span>
              </li>
            ))}
          </ul>
          <p class="muted">
            {plural(m.totalUsers, users.total)}, {plural(m.activeUsers, users.active)}
          </p>
        </>
      )}
    </section>
  );
}
