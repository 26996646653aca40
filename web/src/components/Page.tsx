// A page's heading and document title. After an in-app navigation the heading takes the focus,
// so keyboard and screen-reader users start reading the new page from its top.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { messages } from '../i18n';

let firstPageShown = false;

export function Page({ title, children, lead }: { title: string; lead?: ComponentChildren; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const appName = messages.value.meta.appName;

  useEffect(() => {
    document.title = `${title} — ${appName}`;
  }, [title, appName]);

  useEffect(() => {
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, []);

  return (
    <div class="page">
      <div class="page__head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {lead}
      </div>
      {children}
    </div>
  );
}
