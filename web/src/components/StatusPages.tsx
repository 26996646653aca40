// Unknown addresses, and admin pages asked for by someone who is not a program manager.
import { messages } from '../i18n';
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

export function Forbidden() {
  const m = messages.value.layout;
  return (
    <Page title={m.forbiddenTitle}>
      <p>{m.forbiddenText}</p>
      <p>
        <a href="/">{m.backHome}</a>
      </p>
    </Page>
  );
}
