// The latest audit entries, as the server's sentences in the page's language (loaded again when
// the language changes), with a way to the whole log.
import { api } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { lang, messages, plural } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuditTable } from '../audit/AuditTable';

const LATEST_AUDIT = 8;

export function LatestAudit() {
  const msg = messages.value;
  const m = msg.home;
  const audit = useResource(
    async (signal) => unwrap(await api.GET('/api/v1/audit', { params: { query: { page: 1, page_size: LATEST_AUDIT } }, signal })).items,
    [lang.value],
  );
  return (
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
  );
}
