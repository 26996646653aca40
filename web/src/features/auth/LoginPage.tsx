// The login page: email and password; the server's problem `detail` is shown on failure.
import { useRef, useState } from 'preact/hooks';
import { api, asProblem } from '../../api/client';
import { failureOf, type Failure } from '../../api/failure';
import { messages, plural } from '../../i18n';
import { sessionExpired, signedIn } from '../../state/session';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';

/**
 * How long the server asks us to wait: Retry-After is a number of seconds or an HTTP date
 * (RFC 9110); null when absent, unreadable or already over.
 */
function secondsToWait(retryAfter: string | null): number | null {
  if (!retryAfter) return null;
  const seconds = /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : (Date.parse(retryAfter) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

/** "Try again in 12 minutes" (rounded up: never sooner than the server allows); seconds under a minute. */
function waitText(seconds: number): string {
  const m = messages.value.login;
  return seconds < 60 ? plural(m.retryInSeconds, seconds) : plural(m.retryInMinutes, Math.ceil(seconds / 60));
}

export default function Login() {
  const m = messages.value.login;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Failure | null>(null);
  const [waitSeconds, setWaitSeconds] = useState<number | null>(null);
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const miss = { email: email.trim() === '', password: password === '' };
    setMissing(miss);
    if (miss.email || miss.password) {
      (miss.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setWaitSeconds(null);
    try {
      const { data, error, response } = await api.POST('/api/v1/auth/login', { body: { email: email.trim(), password } });
      if (data) {
        signedIn(data.user, data.csrf_token);
        return;
      }
      setProblem(asProblem(error, response.status) ?? 'generic');
      setWaitSeconds(secondsToWait(response.headers.get('Retry-After')));
      // Keep the email; clear the password so the next attempt starts from a known state.
      setPassword('');
      passwordRef.current?.focus();
    } catch (error) {
      setProblem(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  // A lockout is said in our words (both catalogues): with the wait that follows (Retry-After,
  // rounded up) it reads as one message, which follows a language switch. The server's detail
  // says the same in its own words; every other refusal is shown as the server wrote it.
  const shownProblem =
    typeof problem === 'object' && problem?.code === 'too_many_attempts' ? { ...problem, detail: m.tooManyAttempts, lang: undefined } : problem;

  return (
    <div class="login">
      <Page title={m.title}>
        <p class="lead">{m.intro}</p>
        {sessionExpired.value && !problem && (
          <div class="alert alert--info" role="status">
            <p>{messages.value.layout.sessionExpired}</p>
          </div>
        )}
        <form class="card form" onSubmit={submit} noValidate aria-busy={busy}>
          <ProblemAlert problem={shownProblem} fallback={m.failed}>
            {waitSeconds !== null && <p>{waitText(waitSeconds)}</p>}
          </ProblemAlert>
          <TextField
            id="login-email"
            label={m.email}
            error={missing.email ? m.emailRequired : undefined}
            inputRef={emailRef}
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              if (missing.email) setMissing({ ...missing, email: false });
            }}
          />
          <TextField
            id="login-password"
            label={m.password}
            error={missing.password ? m.passwordRequired : undefined}
            inputRef={passwordRef}
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
              if (missing.password) setMissing({ ...missing, password: false });
            }}
          />
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? m.submitting : m.submit}
          </button>
        </form>
        <p>
          <a href="/forgot-password">{m.forgot}</a>
        </p>
      </Page>
    </div>
  );
}
