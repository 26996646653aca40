// Unknown addresses, pages asked for by someone whose roles do not open them, and pages that
// could not be shown (their code did not load, or they failed).
import type { Role } from '../api/client';
import { format, formatList, messages } from '../i18n';
import { Page } from './Page';

export function NotFound() {
  const m = messages.value.layout;
  return (
    <Page title={m.notFoundTitle}>
      <p>{m.notFoundText}</p>
      <p>
        <a href="/">{m.backHome}</a>
      </p>
    </Page>
  );
}

/** `allowed`: the roles the route table opens the page to (from routes.ts). */
export function Forbidden({ allowed }: { allowed: readonly Role[] }) {
  const msg = messages.value;
  const m = msg.layout;
  return (
    <Page title={m.forbiddenTitle}>
      <p>{format(m.forbiddenText, { roles: formatList(allowed.map((r) => msg.rolesPlural[r])) })}</p>
      <p>
        <a href="/">{m.backHome}</a>
      </p>
    </Page>
  );
}

export function PageLoadFailed() {
  const m = messages.value.layout;
  return (
    <Page title={m.pageLoadErrorTitle}>
      <div class="alert alert--error" role="alert">
        <p>{m.pageLoadError}</p>
      </div>
    </Page>
  );
}
