// What a form keeps of the server's refusal: each field's message (shown next to it until the
// field is edited) and the problem for the alert above the form. The alert goes once no field
// error remains, or at the first edit when it concerned no field; `clear()` is for when something
// else on the page succeeded, so that no error outlives the situation it described.
import { useState } from 'preact/hooks';
import type { Failure } from '../api/failure';

export function useServerErrors<F extends string>(fields: readonly F[]) {
  const [byField, setByField] = useState<Partial<Record<F, string>>>({});
  const [problem, setProblem] = useState<Failure | null>(null);
  const fieldsInError = fields.filter((f) => byField[f]);

  return {
    /** The server's message for this field, if it has one. */
    of: (field: F): string | undefined => byField[field],
    /**
     * The alert to show: the server's problem, or, when its messages sit next to their fields,
     * `pointer` (e.g. "Correct the fields marked below") with the problem's support reference.
     */
    alert(pointer: string): Failure | null {
      // Our words, in the page's current language (not the server's).
      if (problem && typeof problem === 'object' && fieldsInError.length > 0) return { ...problem, detail: pointer, lang: undefined };
      return problem;
    },
    /**
     * Takes a refused request's problem; `extra` adds messages of the form's own choosing. Returns
     * the first field concerned, for the form to focus.
     */
    take(failure: Failure, extra: Partial<Record<F, string>> = {}): F | undefined {
      const next: Partial<Record<F, string>> = {};
      if (typeof failure === 'object') {
        for (const e of failure.errors ?? []) {
          const field = fields.find((f) => f === e.field);
          if (field) next[field] = e.message;
        }
      }
      Object.assign(next, extra);
      setByField(next);
      setProblem(failure);
      return fields.find((f) => next[f]);
    },
    edited(field: F) {
      const { [field]: _gone, ...rest } = byField;
      const remaining = fields.some((f) => (rest as Partial<Record<F, string>>)[f]);
      if (byField[field]) setByField(rest as Partial<Record<F, string>>);
      if (!remaining) setProblem(null);
    },
    clear() {
      setByField({});
      setProblem(null);
    },
  };
}
