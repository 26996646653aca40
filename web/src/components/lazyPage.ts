// A page's code, loaded the first time it is shown (each page is its own bundle). preact-iso's
// `lazy` alone leaves the previous page on screen, silently, when the bundle cannot be fetched (a
// network drop, or a new release that replaced the files): here the page then says so instead.
import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';
import { PageLoadFailed } from './StatusPages';

export function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  return lazy(() =>
    load().catch((error: unknown) => {
      console.error(error);
      return { default: PageLoadFailed };
    }),
  );
}
