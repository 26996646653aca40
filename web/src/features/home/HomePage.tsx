// The home page: one section per role the user holds (a user with several roles sees each); a
// program manager's is AdminHome.
import { format, messages } from '../../i18n';
import { currentUser, roles } from '../../state/session';
import { Page } from '../../components/Page';
import { AdminHome } from './AdminHome';

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
