// A test message to an address of the admin's choosing (it carries a calendar invitation): the
// quickest check of the SMTP set-up, its state then shown in the list.
import { useRef, useState } from 'preact/hooks';
import { api, pageLanguage, type OutboxMessage } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { messages } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';

export function TestMailForm({ onSent }: { onSent: (message: OutboxMessage) => void }) {
  const m = messages.value.outbox;
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<'fr' | 'en'>(pageLanguage() === 'fr' ? 'fr' : 'en');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
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
      const sent = unwrap(await api.POST('/api/v1/outbox/test', { body: { email: email.trim(), language } }));
      setEmail('');
      onSent(sent);
    } catch (error) {
      setProblem(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="outbox-test" aria-busy={busy}>
      <h2 id="outbox-test">{m.testTitle}</h2>
      <p class="muted">{m.testIntro}</p>
      <ProblemAlert problem={problem} />
      <TextField
        id="outbox-test-email"
        label={m.testEmail}
        error={missing ? m.testEmailRequired : undefined}
        inputRef={emailRef}
        name="email"
        type="email"
        value={email}
        required
        onInput={(e) => {
          setEmail(e.currentTarget.value);
          setMissing(false);
        }}
      />
      <div class="field">
        <label for="outbox-test-language">{m.testLanguage}</label>
        <select id="outbox-test-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value === 'fr' ? 'fr' : 'en')}>
          <option value="fr">{m.languages.fr}</option>
          <option value="en">{m.languages.en}</option>
        </select>
      </div>
      <button type="submit" class="button button--primary" disabled={busy}>
        {m.testSubmit}
      </button>
    </form>
  );
}
