// The home page: one section per role the user holds (a user with several roles sees each).
import { useEffect, useState } from 'preact/hooks';
import { api, ROLES, type AuditEntry, type Role } from '../../api/client';
import { format, formatNumber, messages, plural } from '../../i18n';
import { currentUser, roles } from '../../state/session';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuditTable } from '../audit/AuditTable';

export default function Home() {
  const m = messages.value.home;
  const user = currentUser.value;
  if (!user) return null;
  const held = roles.value;
  return (
    <Page title={format(m.greeting, { name: user.name })}>
      {held.has('admin') && <AdminHome />}
      {held.has('mentor') && <NoPair id="home-pair-mentor" text={m.noPairMentor} />}
      {held.has('mentee') && <NoPair id="home-pair-mentee" text={m.noPairMentee} />}
      {held.has('sponsor') && <SponsorHome />}
    </Page>
  );
}

function NoPair({ id, text }: { id: string; text: string }) {
  const m = messages.value.home;
  return (
    <section class="card empty-state" aria-labelledby={id}>
      <h2 id={id}>{m.pairTitle}</h2>
      <p class="empty-state__main">{text}</p>
      <p class="muted">{m.noPairHint}</p>
    </section>
  );
}

function SponsorHome() {
  const m = messages.value.home;
  return (
    <section class="card empty-state" aria-labelledby="home-sponsor">
      <h2 id="home-sponsor">{m.sponsorTitle}</h2>
      <p class="empty-state__main">{m.noReport}</p>
      <p class="muted">{m.noReportHint}</p>
    </section>
  );
}

type Counts = Record<Role, number> & { all: number };

function AdminHome() {
  const msg = messages.value;
  const m = msg.home;
  const [counts, setCounts] = useState<Counts | null>(null);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const count = async (role?: Role) => {
      const { data } = await api.GET('/api/v1/users', { params: { query: { ...(role ? { role } : {}), page: 1, page_size: 1 } } });
      if (!data) throw new Error('users');
      return data.total;
    };
    (async () => {
      try {
        const [all, ...perRole] = await Promise.all([count(), ...ROLES.map((r) => count(r))]);
        const c = { all } as Counts;
        ROLES.forEach((r, i) => (c[r] = perRole[i] ?? 0));
        const { data } = await api.GET('/api/v1/audit', { params: { query: { page: 1, page_size: 8 } } });
        if (!data) throw new Error('audit');
        if (live) {
          setCounts(c);
          setEntries(data.items);
        }
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  return (
    <>
      <section aria-labelledby="home-users" class="section" aria-busy={!counts && !failed}>
        <div class="section__head">
          <h2 id="home-users">{m.usersByRole}</h2>
          <a class="button button--quiet" href="/users">
            {m.manageUsers}
          </a>
        </div>
        {failed && <ProblemAlert problem={msg.errors.generic} />}
        {!counts && !failed && <p class="muted">{msg.layout.loading}</p>}
        {counts && (
          <>
            <ul class="stat-grid">
              {ROLES.map((r) => (
                <li class="stat" key={r}>
                  <span class="stat__value">{formatNumber(counts[r])}</span>
                  <span class="stat__label">{msg.rolesPlural[r]}</span>
                </li>
              ))}
            </ul>
            <p class="muted">{plural(m.totalUsers, counts.all)}</p>
          </>
        )}
      </section>
      <section aria-labelledby="home-audit" class="section" aria-busy={!entries && !failed}>
        <div class="section__head">
          <h2 id="home-audit">{m.latestAudit}</h2>
          <a class="button button--quiet" href="/audit">
            {m.seeAllAudit}
          </a>
        </div>
        {entries && entries.length === 0 && <p class="muted">{m.noAudit}</p>}
        {entries && entries.length > 0 && <AuditTable entries={entries} compact caption={m.latestAudit} />}
      </section>
    </>
  );
}
