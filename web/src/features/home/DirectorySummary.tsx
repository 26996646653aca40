// The directory at a glance: how many employees (and of them, active) and the last HR import —
// when, by whom, and what it changed; a quiet link into it (an empty one is a next step instead).
import type { Overview } from '../../api/client';
import { format, formatDateTime, formatList, formatNumber, messages, plural } from '../../i18n';

type LastImport = NonNullable<Overview['last_import']>;

/** Who ran the import: their name when they have an account, the command line's user, or the raw actor. */
function byWhom(last: LastImport): string {
  if (last.actor_name) return last.actor_name;
  if (last.actor.startsWith('system:')) return format(messages.value.home.commandLine, { user: last.actor.slice('system:'.length) });
  return last.actor;
}

export function DirectorySummary({ overview, loading }: { overview: Overview | null; loading: boolean }) {
  const msg = messages.value;
  const m = msg.home;
  const directory = overview?.directory;
  return (
    <section aria-labelledby="home-directory" class="section" aria-busy={loading}>
      <div class="section__head">
        <h2 id="home-directory">{m.directoryTitle}</h2>
        {directory && directory.employees > 0 && (
          <a class="button button--quiet" href="/directory">
            {m.browseDirectory}
          </a>
        )}
      </div>
      {!overview || !directory ? (
        !loading ? null : <p class="muted">{msg.layout.loading}</p>
      ) : (
        <div class="home-directory">
          <ul class="stat-grid">
            <li class="stat" data-stat="employees">
              <span class="stat__value">{formatNumber(directory.employees)}</span>
              <span class="stat__label">{plural(m.employees, directory.employees)}</span>
            </li>
            <li class="stat" data-stat="active">
              <span class="stat__value">{formatNumber(directory.active)}</span>
              <span class="stat__label">{plural(m.activeEmployees, directory.active)}</span>
            </li>
          </ul>
          <div class="last-import" id="home-last-import">
            <h3>{m.lastImport}</h3>
            {overview.last_import ? <LastImportFacts last={overview.last_import} /> : <p class="muted">{m.noImport}</p>}
          </div>
        </div>
      )}
    </section>
  );
}

function LastImportFacts({ last }: { last: LastImport }) {
  const m = messages.value.home;
  const counts = formatList([
    plural(m.importCreated, last.created),
    plural(m.importUpdated, last.updated),
    plural(m.importUnchanged, last.unchanged),
    plural(m.importDeactivated, last.deactivated),
  ]);
  return (
    <dl class="facts facts--compact">
      <div class="facts__item">
        <dt>{m.lastImportAt}</dt>
        <dd>
          <time dateTime={last.at}>{formatDateTime(last.at)}</time>
        </dd>
      </div>
      <div class="facts__item">
        <dt>{m.lastImportBy}</dt>
        <dd data-field="by">{byWhom(last)}</dd>
      </div>
      <div class="facts__item facts__item--wide">
        <dt>{m.lastImportResult}</dt>
        <dd data-field="counts">{counts}</dd>
      </div>
    </dl>
  );
}
