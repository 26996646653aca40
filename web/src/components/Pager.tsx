// Previous / next page controls with "Page x of y", above and below a long list, and what a page
// change does: once the next page is shown, the focus goes to the results' heading and the results
// scroll to their top, so the reader starts at the first row (not at the bottom, where the
// button was).
import { useLayoutEffect, useRef } from 'preact/hooks';
import { format, messages } from '../i18n';

export function Pager({
  where,
  page,
  pageSize,
  total,
  onPage,
}: {
  /** Above or below the list: each pager is its own landmark, so each has its own name. */
  where: 'top' | 'bottom';
  page: number;
  pageSize: number;
  total: number;
  onPage: (p: number) => void;
}) {
  const m = messages.value.pager;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class={`pager pager--${where}`} aria-label={where === 'top' ? m.labelTop : m.labelBottom}>
      <button type="button" class="button button--quiet" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {m.previous}
      </button>
      {/* Announced once, not by both pagers. */}
      <span class="pager__status" aria-live={where === 'top' ? 'polite' : undefined}>
        {format(m.pageOf, { page, pages })}
      </span>
      <button type="button" class="button button--quiet" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {m.next}
      </button>
    </nav>
  );
}

/**
 * For a paged list: call `pageChanged()` when the reader asks for another page; once `loading`
 * is over, the heading (`heading` ref, with tabIndex -1) takes the focus and its section scrolls
 * to the top of the window.
 */
export function useFocusOnPageChange(loading: boolean) {
  const heading = useRef<HTMLHeadingElement>(null);
  const pending = useRef(false);
  // A layout effect: the focus moves in the same task as the new rows appear (and aria-busy goes).
  useLayoutEffect(() => {
    if (loading || !pending.current) return;
    pending.current = false;
    const target = heading.current;
    if (!target) return;
    (target.closest('section') ?? target).scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [loading]);
  return {
    heading,
    pageChanged: () => {
      pending.current = true;
    },
  };
}
