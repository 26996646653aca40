// The home page: one section per role the user holds (a user with several roles sees each).
import { api, ROLES, type Role } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
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

/** How many accounts hold each role (and in all): one request per count, all at once. */
async function loadCounts(signal: AbortSignal): Promise<Counts> {
  const count = async (role?: Role) =>
    unwrap(await api.GET('/api/v1/users', { params: { query: { ...(role ? { role } : {}), page: 1, page_size: 1 } }, signal })).total;
  const [all, ...perRole] = await Promise.all([count(), ...ROLES.map((r) => count(r))]);
  const counts = { all } as Counts;
  ROLES.forEach((r, i) => (counts[r] = perRole[i] ?? 0));
  return counts;
}

const LATEST_AUDIT = 8;

function AdminHome() {
  const msg = messages.value;
  const m = msg.home;
  const counts = useResource(loadCounts, []);
  const audit = useResource(
    async (signal) => unwrap(await api.GET('/api/v1/audit', { params: { query: { page: 1, page_size: LATEST_AUDIT } }, signal })).items,
    [],
  );

  return (
    <>
      <section aria-labelledby="home-users" class="section" aria-busy={counts.loading}>
        <div class="section__head">
          <h2 id="home-users">{m.usersByRole}</h2>
          <a class="button button--quiet" href="/users">
            {m.manageUsers}
          </a>
        </div>
        <ProblemAlert problem={counts.problem} onRetry={counts.retry} />
        {!counts.data && !counts.problem && <p class="muted">{msg.layout.loading}</p>}
        {counts.data && <RoleCounts counts={counts.data} />}
      </section>
      <section aria-labelledby="home-audit" class="section" aria-busy={audit.loading}>
        <div class="section__head">
          <h2 id="home-audit">{m.latestAudit}</h2>
          <a class="button button--quiet" href="/audit">
            {m.seeAllAudit}
          </a>
        </div>
        <ProblemAlert problem={audit.problem} onRetry={audit.retry} />
        {!audit.data && !audit.problem && <p class="muted">{msg.layout.loading}</p>}
        {audit.data && audit.data.length === 0 && <p class="muted">{m.noAudit}</p>}
        {audit.data && audit.data.length > 0 && <AuditTable entries={audit.data} compact caption={plural(m.latestAuditCaption, audit.data.length)} />}
      </section>
    </>
  );
}

function RoleCounts({ counts }: { counts: Counts }) {
  const msg = messages.value;
  return (
    <>
      <ul class="stat-grid">
        {ROLES.map((r) => (
          <li class="stat" key={r}>
            <span class="stat__value">{formatNumber(counts[r])}</span>
            <span class="stat__label">{msg.rolesPlural[r]}</span>
          </li>
        ))}
      </ul>
      <p class="muted">{plural(msg.home.totalUsers, counts.all)}</p>
    </>
  );
}
