// The create-account form. It validates as the user types (shown once a field has been left or
// the form submitted; the password's length from the first keystroke), shows the server's
// per-field errors next to their fields, and keeps everything typed when the server refuses.
// The server's errors go when their field is edited, or when something else on the page succeeds
// (`othersSucceeded` changes): an error must not outlive the situation it described.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Role, type User } from '../../api/client';
import { failureOf, unwrap } from '../../api/failure';
import { format, messages } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { RolesField } from './RolesField';

const MIN_PASSWORD = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Field = 'name' | 'email' | 'roles' | 'password';
const FIELDS: readonly Field[] = ['name', 'email', 'roles', 'password'];

export function CreateUserForm({
  headingId,
  othersSucceeded,
  onSubmit,
  onCreated,
}: {
  headingId: string;
  /** Changes each time another action of the page succeeds. */
  othersSucceeded: number;
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
  const server = useServerErrors(FIELDS);
  const [busy, setBusy] = useState(false);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    roles: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  useEffect(() => {
    if (othersSucceeded) server.clear();
  }, [othersSucceeded]);

  const clientErrors: Partial<Record<Field, string>> = {};
  if (name.trim() === '') clientErrors.name = m.nameRequired;
  if (!EMAIL.test(email.trim())) clientErrors.email = m.emailInvalid;
  if (roles.length === 0) clientErrors.roles = m.rolesRequired;
  if (password.length < MIN_PASSWORD) clientErrors.password = format(m.passwordTooShort, { count: password.length });

  const shown = (f: Field): string | undefined => {
    const fromServer = server.of(f);
    if (fromServer) return fromServer;
    const visible = submitted || touched[f] || (f === 'password' && password.length > 0);
    return visible ? clientErrors[f] : undefined;
  };

  const reset = () => {
    setName('');
    setEmail('');
    setRoles([]);
    setPassword('');
    setTouched({});
    setSubmitted(false);
    server.clear();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    server.clear();
    onSubmit();
    const firstBad = FIELDS.find((f) => clientErrors[f]);
    if (firstBad) {
      refs[firstBad].current?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = unwrap(await api.POST('/api/v1/users', { body: { name: name.trim(), email: email.trim(), roles, password } }));
      reset();
      onCreated(created);
    } catch (error) {
      const failure = failureOf(error);
      // A taken email: the detail is a whole sentence naming the address, clearer than the field's note.
      const taken = typeof failure === 'object' && failure.code === 'conflict' && failure.detail ? { email: failure.detail } : {};
      const first = server.take(failure, taken);
      if (first) refs[first].current?.focus();
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
  const input = (f: Field, set: (v: string) => void) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value);
    server.edited(f);
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId}>{m.createTitle}</h2>
      {/* When the server's words sit next to their fields, the alert only points at them. */}
      <ProblemAlert problem={server.alert(m.fixErrors)} />
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
          onInput={input('name', setName)}
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
          onInput={input('email', setEmail)}
          onBlur={() => setTouched({ ...touched, email: true })}
        />
        {error('email')}
      </div>
      <RolesField
        idPrefix="new-user"
        value={roles}
        error={shown('roles')}
        firstRef={refs.roles}
        onChange={(next) => {
          setRoles(next);
          setTouched({ ...touched, roles: true });
          server.edited('roles');
        }}
      />
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
          onInput={input('password', setPassword)}
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
