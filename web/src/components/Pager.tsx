// Previous / next page controls with "Page x of y".
import { format, messages } from '../i18n';

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const m = messages.value.pager;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={m.label}>
      <button type="button" class="button button--quiet" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {m.previous}
      </button>
      <span class="pager__status" aria-live="polite">
        {format(m.pageOf, { page, pages })}
      </span>
      <button type="button" class="button button--quiet" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {m.next}
      </button>
    </nav>
  );
}
