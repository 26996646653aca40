// The create-account form: an email and roles; a name unless the directory has an employee with
// that email; a password, or none, and the person gets an activation link by e-mail. It validates as the user types (shown once a field has been left or
// the form submitted; the password's length from the first keystroke), shows the server's
// per-field errors next to their fields, and keeps everything typed when the server refuses.
// The server's errors go when their field is edited, or when something else on the page succeeds
// (`othersSucceeded` changes): an error must not outlive the situation it described.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Role, type User } from '../../api/client';
import { failureOf, unwrap } from '../../api/failure';
import { format, messages } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';
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
  if (!EMAIL.test(email.trim())) clientErrors.email = m.emailInvalid;
  if (roles.length === 0) clientErrors.roles = m.rolesRequired;
  // Without a password, the server e-mails an activation link: the person chooses their own.
  if (password.length > 0 && password.length < MIN_PASSWORD) clientErrors.password = format(m.passwordTooShort, { count: password.length });

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
      // A name left empty is the directory's (the employee with this email); no password, a link.
      const body = { email: email.trim(), roles, ...(name.trim() ? { name: name.trim() } : {}), ...(password ? { password } : {}) };
      const created = unwrap(await api.POST('/api/v1/users', { body }));
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

  const input = (f: Field, set: (v: string) => void) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value);
    server.edited(f);
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId}>{m.createTitle}</h2>
      {/* When the server's words sit next to their fields, the alert only points at them. */}
      <ProblemAlert problem={server.alert(m.fixErrors)} />
      <TextField
        id="new-user-name"
        label={m.name}
        hint={m.nameOptionalHint}
        error={shown('name')}
        inputRef={refs.name}
        name="name"
        autocomplete="off"
        value={name}
        onInput={input('name', setName)}
        onBlur={() => setTouched({ ...touched, name: true })}
      />
      <TextField
        id="new-user-email"
        label={m.email}
        error={shown('email')}
        inputRef={refs.email}
        name="email"
        type="email"
        autocomplete="off"
        value={email}
        required
        onInput={input('email', setEmail)}
        onBlur={() => setTouched({ ...touched, email: true })}
      />
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
      <TextField
        id="new-user-password"
        label={m.password}
        hint={shown('password') ? undefined : password ? format(m.passwordHint, { count: password.length }) : m.passwordOptionalHint}
        error={shown('password')}
        inputRef={refs.password}
        name="password"
        type="password"
        autocomplete="new-password"
        value={password}
        minLength={MIN_PASSWORD}
        onInput={input('password', setPassword)}
        onBlur={() => setTouched({ ...touched, password: true })}
      />
      <button type="submit" class="button button--primary" disabled={busy}>
        {busy ? m.creating : m.create}
      </button>
    </form>
  );
}
