// Changes an account's name and roles (PATCH /users/{id} with only what changed). Validated as the
// user types; the server's refusals (e.g. removing your own program manager role) are shown next
// to their field until it is edited, and nothing typed is lost.
import { useRef, useState } from 'preact/hooks';
import { api, type Role, type User } from '../../api/client';
import { failureOf, unwrap } from '../../api/failure';
import { format, messages } from '../../i18n';
import { Dialog } from '../../components/Dialog';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';
import { useServerErrors } from '../../components/useServerErrors';
import { RolesField } from './RolesField';

type Field = 'name' | 'roles';
const FIELDS: readonly Field[] = ['name', 'roles'];

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

export function EditUserDialog({ user, onSaved, onCancel }: { user: User; onSaved: (u: User) => void; onCancel: () => void }) {
  const m = messages.value.users;
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [busy, setBusy] = useState(false);
  const server = useServerErrors(FIELDS);
  const refs = { name: useRef<HTMLInputElement>(null), roles: useRef<HTMLInputElement>(null) };

  const clientErrors: Partial<Record<Field, string>> = {};
  if (name.trim() === '') clientErrors.name = m.nameRequired;
  if (roles.length === 0) clientErrors.roles = m.rolesRequired;
  // The fields start valid, so a client error is the user's last edit: said at once.
  const shown = (f: Field) => server.of(f) ?? clientErrors[f];

  const save = async (e: Event) => {
    e.preventDefault();
    const firstBad = FIELDS.find((f) => clientErrors[f]);
    if (firstBad) {
      refs[firstBad].current?.focus();
      return;
    }
    const changes = {
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(!sameRoles(roles, user.roles) ? { roles } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onCancel(); // nothing changed: nothing to send
      return;
    }
    setBusy(true);
    try {
      onSaved(unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: changes })));
    } catch (error) {
      const first = server.take(failureOf(error));
      setBusy(false);
      if (first) refs[first].current?.focus();
    }
  };

  return (
    <Dialog title={format(m.editTitle, { name: user.name })} onClose={() => !busy && onCancel()}>
      <form class="form" onSubmit={save} noValidate aria-busy={busy}>
        <p class="muted">{user.email}</p>
        <ProblemAlert problem={server.alert(m.fixErrors)} />
        <TextField
          id="edit-user-name"
          label={m.name}
          error={shown('name')}
          inputRef={refs.name}
          name="name"
          autocomplete="off"
          value={name}
          required
          onInput={(e) => {
            setName(e.currentTarget.value);
            server.edited('name');
          }}
        />
        <RolesField
          idPrefix="edit-user"
          value={roles}
          error={shown('roles')}
          firstRef={refs.roles}
          onChange={(next) => {
            setRoles(next);
            server.edited('roles');
          }}
        />
        <div class="dialog__actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? m.saving : m.save}
          </button>
          <button type="button" class="button button--quiet" disabled={busy} onClick={onCancel}>
            {m.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
