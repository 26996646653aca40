// The create-account form. It validates as the user types (shown once a field has been left or
// the form submitted; the password's length from the first keystroke), shows the server's
// per-field errors next to their fields, and keeps everything typed when the server refuses.
import { useRef, useState } from 'preact/hooks';
import { api, asProblem, ROLES, type Role, type User } from '../../api/client';
import { failureOf, type Failure } from '../../api/failure';
import { format, messages } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';

const MIN_PASSWORD = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Field = 'name' | 'email' | 'roles' | 'password';
const FIELDS: readonly Field[] = ['name', 'email', 'roles', 'password'];

export function CreateUserForm({
  headingId,
  onSubmit,
  onCreated,
}: {
  headingId: string;
  onSubmit: () => void;
  onCreated: (u: User) => void;
}) {
  const msg = messages.value;
  const m = msg.users;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    roles: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  const clientErrors: Partial<Record<Field, string>> = {};
  if (name.trim() === '') clientErrors.name = m.nameRequired;
  if (!EMAIL.test(email.trim())) clientErrors.email = m.emailInvalid;
  if (roles.length === 0) clientErrors.roles = m.rolesRequired;
  if (password.length < MIN_PASSWORD) clientErrors.password = format(m.passwordTooShort, { count: password.length });

  const shown = (f: Field): string | undefined => {
    if (serverErrors[f]) return serverErrors[f];
    const visible = submitted || touched[f] || (f === 'password' && password.length > 0);
    return visible ? clientErrors[f] : undefined;
  };

  const edited = (f: Field) => {
    if (serverErrors[f]) setServerErrors({ ...serverErrors, [f]: undefined });
  };

  const reset = () => {
    setName('');
    setEmail('');
    setRoles([]);
    setPassword('');
    setTouched({});
    setSubmitted(false);
    setServerErrors({});
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    setProblem(null);
    onSubmit();
    const firstBad = FIELDS.find((f) => clientErrors[f]);
    if (firstBad) {
      refs[firstBad].current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/api/v1/users', {
        body: { name: name.trim(), email: email.trim(), roles, password },
      });
      if (data) {
        reset();
        onCreated(data);
        return;
      }
      const p = asProblem(error, response.status);
      const perField: Partial<Record<Field, string>> = {};
      for (const fe of p?.errors ?? []) {
        if (fe.field && (FIELDS as readonly string[]).includes(fe.field)) perField[fe.field as Field] = fe.message;
      }
      // A taken email: the detail is a whole sentence naming the address, clearer than the field's note.
      if (p?.code === 'conflict' && p.detail) perField.email = p.detail;
      setServerErrors(perField);
      const first = FIELDS.find((f) => perField[f]);
      // When the server's words sit next to their fields, the summary only points at them.
      setProblem(first && p ? { ...p, detail: m.fixErrors } : (p ?? 'generic'));
      if (first) refs[first].current?.focus();
    } catch (error) {
      setProblem(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  const describedBy = (f: Field, hint?: string) => [hint, shown(f) ? `new-user-${f}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const error = (f: Field) =>
    shown(f) ? (
      <p id={`new-user-${f}-error`} class="field__error">
        {shown(f)}
      </p>
    ) : null;

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId}>{m.createTitle}</h2>
      <ProblemAlert problem={problem} />
      <div class="field">
        <label for="new-user-name">{m.name}</label>
        <input
          ref={refs.name}
          id="new-user-name"
          name="name"
          autocomplete="off"
          value={name}
          required
          aria-invalid={shown('name') ? 'true' : undefined}
          aria-describedby={describedBy('name')}
          onInput={(e) => {
            setName(e.currentTarget.value);
            edited('name');
          }}
          onBlur={() => setTouched({ ...touched, name: true })}
        />
        {error('name')}
      </div>
      <div class="field">
        <label for="new-user-email">{m.email}</label>
        <input
          ref={refs.email}
          id="new-user-email"
          name="email"
          type="email"
          autocomplete="off"
          value={email}
          required
          aria-invalid={shown('email') ? 'true' : undefined}
          aria-describedby={describedBy('email')}
          onInput={(e) => {
            setEmail(e.currentTarget.value);
            edited('email');
          }}
          onBlur={() => setTouched({ ...touched, email: true })}
        />
        {error('email')}
      </div>
      <fieldset class="field" aria-describedby={describedBy('roles')}>
        <legend>{m.roles}</legend>
        <div class="checks">
          {ROLES.map((r, i) => (
            <label class="check" key={r}>
              <input
                ref={i === 0 ? refs.roles : undefined}
                type="checkbox"
                name="roles"
                value={r}
                checked={roles.includes(r)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setRoles((cur) => (on ? ROLES.filter((x) => x === r || cur.includes(x)) : cur.filter((x) => x !== r)));
                  setTouched({ ...touched, roles: true });
                  edited('roles');
                }}
              />
              {msg.roles[r]}
            </label>
          ))}
        </div>
        {error('roles')}
      </fieldset>
      <div class="field">
        <label for="new-user-password">{m.password}</label>
        <input
          ref={refs.password}
          id="new-user-password"
          name="password"
          type="password"
          autocomplete="new-password"
          value={password}
          required
          minLength={MIN_PASSWORD}
          aria-invalid={shown('password') ? 'true' : undefined}
          aria-describedby={describedBy('password', shown('password') ? undefined : 'new-user-password-hint')}
          onInput={(e) => {
            setPassword(e.currentTarget.value);
            edited('password');
          }}
          onBlur={() => setTouched({ ...touched, password: true })}
        />
        {!shown('password') && (
          <p id="new-user-password-hint" class="field__hint">
            {format(m.passwordHint, { count: password.length })}
          </p>
        )}
        {error('password')}
      </div>
      <button type="submit" class="button button--primary" disabled={busy}>
        {busy ? m.creating : m.create}
      </button>
    </form>
  );
}
