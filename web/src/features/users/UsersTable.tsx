// The accounts of one page of the list, each with what can be done to it: edit its name and roles,
// disable or enable it, send its activation link again while it is not activated. Your own account can be edited but offers no way to lock yourself out.
import type { User } from '../../api/client';
import { format, formatDate, messages } from '../../i18n';

export function UsersTable({
  users,
  me,
  onEdit,
  onDisable,
  onEnable,
  onResendActivation,
}: {
  users: User[];
  /** The signed-in user's id. */
  me: number | undefined;
  onEdit: (u: User) => void;
  onDisable: (u: User) => void;
  onEnable: (u: User) => void;
  onResendActivation: (u: User) => void;
}) {
  const msg = messages.value;
  const m = msg.users;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="users-list">
      <table class="table" id="users-table">
        <caption class="visually-hidden">{m.listTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m.colName}</th>
            <th scope="col">{m.colEmail}</th>
            <th scope="col">{m.colRoles}</th>
            <th scope="col">{m.colActive}</th>
            <th scope="col">{m.colCreated}</th>
            <th scope="col">
              <span class="visually-hidden">{m.colActions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} class={u.active ? '' : 'row--inactive'}>
              <th scope="row">
                {u.name}
                {u.employee_id && (
                  <div class="muted">
                    <a href={`/directory/${encodeURIComponent(u.employee_id)}`}>{format(m.employeeLink, { id: u.employee_id })}</a>
                  </div>
                )}
              </th>
              <td>{u.email}</td>
              <td>{u.roles.map((r) => msg.roles[r] ?? r).join(', ')}</td>
              <td>
                <span class={`badge ${u.active ? 'badge--success' : 'badge--neutral'}`}>{u.active ? m.active : m.inactive}</span>
                {!u.activated && <span class="badge badge--neutral badge--inline">{m.notActivated}</span>}
              </td>
              <td class="nowrap">
                <time dateTime={u.created_at}>{formatDate(u.created_at)}</time>
              </td>
              <td class="nowrap">
                <div class="row-actions">
                  <button type="button" class="button button--small button--quiet" aria-label={format(m.editLabel, { name: u.name })} onClick={() => onEdit(u)}>
                    {m.edit}
                  </button>
                  {!u.activated && u.active && (
                    <button
                      type="button"
                      class="button button--small button--quiet"
                      aria-label={format(m.resendActivationLabel, { name: u.name })}
                      onClick={() => onResendActivation(u)}
                    >
                      {m.resendActivation}
                    </button>
                  )}
                  {u.id === me ? (
                    <span class="muted">{m.self}</span>
                  ) : (
                    <button
                      type="button"
                      class={`button button--small ${u.active ? 'button--danger' : ''}`}
                      aria-label={format(u.active ? m.disableLabel : m.enableLabel, { name: u.name })}
                      onClick={() => (u.active ? onDisable(u) : onEnable(u))}
                    >
                      {u.active ? m.disable : m.enable}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
