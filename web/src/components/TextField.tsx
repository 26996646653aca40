// A labelled input with its hint and its error, wired for assistive technology: the input is
// described by its hint and its error (`${id}-hint`, `${id}-error`) and marked invalid while the
// error shows. Every other attribute goes to the input as given.
import type { InputHTMLAttributes, PartialInputHTMLAttributes, Ref } from 'preact';

// Without `role`: a text, email, password or file input keeps its implicit role, and Preact's
// input type, which ties each `type` to the roles it allows, takes the attributes as they are.
type InputAttributes = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'id' | 'ref' | 'role' | 'type' | 'aria-invalid' | 'aria-describedby'> & {
  type?: 'text' | 'email' | 'password' | 'file';
};

export function TextField({
  id,
  label,
  hint,
  error,
  inputRef,
  ...input
}: InputAttributes & {
  id: string;
  label: string;
  hint?: string;
  /** Shown under the input while set. */
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input ref={inputRef} id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} {...(input as InputHTMLAttributes<HTMLInputElement>)} />
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
