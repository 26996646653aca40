// /forgot-password: asks for a reset link. The answer is the same whether or not the address has
// an account (the server's too), so the page never tells who has one.
import { useRef, useState } from 'preact/hooks';
import { api, asProblem, pageLanguage } from '../../api/client';
import { failureOf, type Failure } from '../../api/failure';
import { format, messages } from '../../i18n';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';

export default function ForgotPasswordPage() {
  const m = messages.value.forgot;
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<Failure | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (email.trim() === '') {
      setMissing(true);
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const language = pageLanguage() === 'fr' ? 'fr' : 'en';
      const { error, response } = await api.POST('/api/v1/auth/password-reset', { body: { email: email.trim(), language } });
      if (response.status === 202) {
        setSentTo(email.trim());
        return;
      }
      const p = asProblem(error, response.status) ?? 'generic';
      setProblem(typeof p === 'object' && p.code === 'too_many_attempts' ? { ...p, detail: `${m.tooMany} ${p.detail}` } : p);
    } catch (err) {
      setProblem(failureOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login">
      <Page title={m.title}>
        {sentTo !== null ? (
          <div class="alert alert--info" role="status">
            <p>{format(m.sent, { email: sentTo })}</p>
          </div>
        ) : (
          <>
            <p class="lead">{m.intro}</p>
            <form class="card form" onSubmit={submit} noValidate aria-busy={busy}>
              <ProblemAlert problem={problem} fallback={m.failed} />
              <TextField
                id="forgot-email"
                label={m.email}
                error={missing ? m.emailRequired : undefined}
                inputRef={emailRef}
                name="email"
                type="email"
                autocomplete="username"
                required
                value={email}
                onInput={(e) => {
                  setEmail(e.currentTarget.value);
                  setMissing(false);
                }}
              />
              <button type="submit" class="button button--primary" disabled={busy}>
                {busy ? m.submitting : m.submit}
              </button>
            </form>
          </>
        )}
        <p>
          <a href="/">{m.backToLogin}</a>
        </p>
      </Page>
    </div>
  );
}
