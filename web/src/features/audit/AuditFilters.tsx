// The audit log's filters: who (any part of a name or email), which action (the server's list, in
// the page's language), between which days. Applied together, with the Filter button.
import type { AuditAction } from '../../api/client';
import type { Failure } from '../../api/failure';
import { messages } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isFiltered, NO_FILTERS, type AuditFilters as Filters } from './auditView';

export function AuditFilters({
  form,
  setForm,
  applied,
  actions,
  actionsProblem,
  retryActions,
  go,
}: {
  /** What the form shows (kept by the page: it follows the address). */
  form: Filters;
  setForm: (f: Filters) => void;
  /** The filters in force (the address's). */
  applied: Filters;
  /** The actions the log records, null while they load. */
  actions: AuditAction[] | null;
  actionsProblem: Failure | null;
  retryActions: () => void;
  go: (f: Filters) => void;
}) {
  const m = messages.value.audit;
  const input = (k: keyof Filters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  // An action the list does not name (an old bookmark, a prefix such as "user."): still shown, as its code.
  const unknown = form.action && !(actions ?? []).some((a) => a.code === form.action) ? form.action : null;

  return (
    <form
      class="filters card"
      role="search"
      aria-labelledby="audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        go(form);
      }}
    >
      <h2 id="audit-filters" class="visually-hidden">
        {m.filters}
      </h2>
      <div class="field">
        <label for="audit-actor">{m.actor}</label>
        <input id="audit-actor" name="actor" type="search" autocomplete="off" value={form.actor} onInput={input('actor')} />
      </div>
      <div class="field">
        <label for="audit-action">{m.action}</label>
        <select id="audit-action" name="action" value={form.action} onChange={input('action')}>
          <option value="">{m.allActions}</option>
          {(actions ?? []).map((a) => (
            <option key={a.code} value={a.code}>
              {a.label}
            </option>
          ))}
          {unknown && <option value={unknown}>{unknown}</option>}
        </select>
      </div>
      <div class="field">
        <label for="audit-from">{m.from}</label>
        <input id="audit-from" name="from" type="date" value={form.from} onInput={input('from')} />
      </div>
      <div class="field">
        <label for="audit-to">{m.to}</label>
        <input id="audit-to" name="to" type="date" value={form.to} onInput={input('to')} />
      </div>
      <div class="filters__actions">
        <button type="submit" class="button button--primary">
          {m.apply}
        </button>
        {isFiltered(applied) && (
          <button type="button" class="button button--quiet" onClick={() => go(NO_FILTERS)}>
            {m.reset}
          </button>
        )}
      </div>
      {actionsProblem && (
        <div class="filters__problem">
          <ProblemAlert problem={actionsProblem} onRetry={retryActions}>
            <p>{m.actionsFailed}</p>
          </ProblemAlert>
        </div>
      )}
    </form>
  );
}
