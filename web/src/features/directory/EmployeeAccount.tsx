// The account that belongs to the employee (the one with the same email), or, without one, a way
// to open it: as a mentor or a mentee, without a password, so that the employee receives an
// activation link by e-mail and chooses their own.
import { useState } from 'preact/hooks';
import { api, type EmployeeDetail, type Role } from '../../api/client';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { messages } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';

type Account = NonNullable<EmployeeDetail['account']>;

export function EmployeeAccount({ employee }: { employee: EmployeeDetail }) {
  const msg = messages.value;
  const m = msg.employee;
  const [account, setAccount] = useState<Account | null>(employee.account);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Failure | null>(null);
  const [created, setCreated] = useState(false);

  const create = async (role: Role) => {
    setBusy(true);
    setProblem(null);
    try {
      const user = unwrap(await api.POST('/api/v1/users', { body: { email: employee.email, roles: [role] } }));
      setAccount({ id: user.id, email: user.email, active: user.active, activated: user.activated });
      setCreated(true);
    } catch (error) {
      setProblem(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="employee-account" aria-busy={busy}>
      <h2 id="employee-account">{m.accountTitle}</h2>
      <ProblemAlert problem={problem} />
      <div role="status">{created && <p class="alert alert--success">{m.accountCreated}</p>}</div>
      {account ? (
        <p>
          <a href={`/users?q=${encodeURIComponent(account.email)}`}>{account.email}</a>{' '}
          <span class={`badge ${account.active ? 'badge--success' : 'badge--neutral'}`}>{account.active ? m.accountActive : m.accountDisabled}</span>{' '}
          {!account.activated && <span class="badge badge--neutral">{m.accountNotActivated}</span>}
        </p>
      ) : (
        <>
          <p class="muted">{m.noAccount}</p>
          {employee.active && (
            <div class="row-actions">
              <button type="button" class="button button--small" disabled={busy} onClick={() => create('mentor')}>
                {m.createAsMentor}
              </button>
              <button type="button" class="button button--small" disabled={busy} onClick={() => create('mentee')}>
                {m.createAsMentee}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
