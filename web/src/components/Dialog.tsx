// A modal dialog on the browser's own <dialog> (showModal): the rest of the page is inert, Escape
// closes it, and it is named by its heading. On opening, the focus goes to the element marked
// `data-autofocus` (else the first control); on closing, back to whatever had it before (the
// button that opened it), so a keyboard user does not lose their place.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

let lastId = 0;

export function Dialog({
  title,
  onClose,
  children,
  class: className,
}: {
  title: string;
  /** Escape, or the page deciding it is done; the caller stops rendering the dialog. */
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useRef(`dialog-title-${++lastId}`).current;

  useLayoutEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    el.showModal();
    const first = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => {
      el.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      class={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={headingId}
      onCancel={(e) => {
        // Escape: the page closes it (by no longer rendering it), so its state stays the truth.
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={headingId} class="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
