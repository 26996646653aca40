// The roles of an account as checkboxes, in the product's order; used to create and to edit one.
import type { Ref } from 'preact';
import { ROLES, type Role } from '../../api/client';
import { messages } from '../../i18n';

export function RolesField({
  idPrefix,
  value,
  onChange,
  error,
  firstRef,
}: {
  /** Prefix of the ids in the field (its error is `${idPrefix}-roles-error`). */
  idPrefix: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error: string | undefined;
  /** The first checkbox, for the form to focus when the roles are wrong. */
  firstRef?: Ref<HTMLInputElement>;
}) {
  const msg = messages.value;
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset class="field" aria-describedby={error ? errorId : undefined}>
      <legend>{msg.users.roles}</legend>
      <div class="checks">
        {ROLES.map((r, i) => (
          <label class="check" key={r}>
            <input
              ref={i === 0 ? firstRef : undefined}
              type="checkbox"
              name="roles"
              value={r}
              checked={value.includes(r)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                onChange(ROLES.filter((x) => (x === r ? on : value.includes(x))));
              }}
            />
            {msg.roles[r]}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
