// The pages an e-mailed link opens: /activate (an account's first password) and /reset-password
// (a new one). The token is in the URL's fragment (#token=…), which the browser never sends to
// any server, so it reaches no log; it is sent once, in the body, with the password chosen.
// Success logs in (the same answer as login); a used, expired or unknown link says so and how
// to get another; a refused password (too short) leaves the link working.
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, asProblem } from '../../api/client';
import { failureOf } from '../../api/failure';
import { messages } from '../../i18n';
import { signedIn } from '../../state/session';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';
import { useServerErrors } from '../../components/useServerErrors';

function tokenFromFragment(): string {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return params.get('token') ?? '';
}

export function LinkPasswordPage({ purpose }: { purpose: 'activation' | 'reset' }) {
  const m = messages.value.accountLink;
  const [token] = useState(tokenFromFragment);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [local, setLocal] = useState<{ password?: string; confirm?: string }>({});
  const server = useServerErrors(['password'] as const);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const activation = purpose === 'activation';
  const { route } = useLocation();

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors = {
      password: password === '' ? m.passwordRequired : undefined,
      confirm: password !== '' && confirm !== password ? m.mismatch : undefined,
    };
    setLocal(errors);
    if (errors.password || errors.confirm) {
      (errors.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = { token, password };
      const { data, error, response } = activation
        ? await api.POST('/api/v1/auth/activate', { body })
        : await api.POST('/api/v1/auth/password-reset/confirm', { body });
      if (data) {
        signedIn(data.user, data.csrf_token);
        // The token is spent: the home page replaces this address (and its fragment) in the history.
        route('/', true);
        return;
      }
      const problem = asProblem(error, response.status) ?? 'generic';
      if (typeof problem === 'object' && problem.code === 'link_invalid') {
        setInvalid(true);
        return;
      }
      if (server.take(problem) === 'password') passwordRef.current?.focus();
    } catch (err) {
      server.take(failureOf(err));
    } finally {
      setBusy(false);
    }
  };

  const title = activation ? m.activateTitle : m.resetTitle;
  if (!token || invalid) {
    return (
      <div class="login">
        <Page title={title}>
          <div class="alert alert--error" role="alert">
            <p>{token ? m.invalid : m.noToken}</p>
            <p>{activation ? m.activateInvalidHelp : m.resetInvalidHelp}</p>
          </div>
          <p>
            {activation ? <a href="/">{m.toLogin}</a> : <a href="/forgot-password">{m.askNewLink}</a>}
          </p>
        </Page>
      </div>
    );
  }
  return (
    <div class="login">
      <Page title={title}>
        <p class="lead">{activation ? m.activateIntro : m.resetIntro}</p>
        <form class="card form" onSubmit={submit} noValidate aria-busy={busy}>
          <ProblemAlert problem={server.alert(m.fixFields)} fallback={m.failed} />
          <TextField
            id="link-password"
            label={m.password}
            hint={m.passwordHint}
            error={local.password ?? server.of('password')}
            inputRef={passwordRef}
            name="password"
            type="password"
            autocomplete="new-password"
            required
            value={password}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
              setLocal({});
              server.edited('password');
            }}
          />
          <TextField
            id="link-confirm"
            label={m.confirm}
            error={local.confirm}
            inputRef={confirmRef}
            name="confirm"
            type="password"
            autocomplete="new-password"
            required
            value={confirm}
            onInput={(e) => {
              setConfirm(e.currentTarget.value);
              setLocal({});
            }}
          />
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? m.submitting : m.submit}
          </button>
        </form>
      </Page>
    </div>
  );
}
