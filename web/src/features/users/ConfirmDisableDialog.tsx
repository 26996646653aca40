// Asks before disabling an account, naming the person: a slip of the mouse must not lock someone
// out. The focus starts on Cancel, the harmless choice; Escape cancels too.
import { useState } from 'preact/hooks';
import { api, type User } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { format, messages } from '../../i18n';
import { Dialog } from '../../components/Dialog';
import { ProblemAlert } from '../../components/ProblemAlert';

export function ConfirmDisableDialog({ user, onDisabled, onCancel }: { user: User; onDisabled: (u: User) => void; onCancel: () => void }) {
  const m = messages.value.users;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Failure | null>(null);

  const disable = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onDisabled(unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { active: false } })));
    } catch (error) {
      setProblem(failureOf(error));
      setBusy(false);
    }
  };

  return (
    <Dialog title={format(m.confirmDisableTitle, { name: user.name })} onClose={() => !busy && onCancel()}>
      <div aria-busy={busy}>
        <p>{format(m.confirmDisableText, { name: user.name })}</p>
        <ProblemAlert problem={problem} />
        <div class="dialog__actions">
          <button type="button" class="button button--danger" disabled={busy} onClick={disable}>
            {busy ? m.disabling : m.confirmDisable}
          </button>
          <button type="button" class="button button--quiet" data-autofocus disabled={busy} onClick={onCancel}>
            {m.cancel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
