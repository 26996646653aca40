// The frame of every page: skip link, header (brand, navigation by role, language, logout), main.
// The navigation's links come from the route table (routes.ts): what the user's roles open.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { currentUser, logout, roles } from '../state/session';
import { navigation } from '../routing';
import { messages } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** "page" on the item's own page, "true" on the pages under it (an employee under the directory). */
function current(path: string, href: string): 'page' | 'true' | undefined {
  if (path === href) return 'page';
  if (href !== '/' && path.startsWith(`${href}/`)) return 'true';
  return undefined;
}

export function Layout({ children }: { children: ComponentChildren }) {
  const m = messages.value;
  const user = currentUser.value;
  const { path, route } = useLocation();

  const skip = (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };

  const onLogout = async () => {
    await logout();
    route('/', true);
  };

  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>
        {m.layout.skipToContent}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <a class="brand" href="/" aria-label={`${m.meta.appName} — ${m.home.nav}`}>
            <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <circle cx="12" cy="16" r="6" />
              <circle cx="20" cy="16" r="6" />
            </svg>
            <span class="brand__text">
              <span class="brand__name">{m.meta.appName}</span>
              <span class="brand__tagline">{m.meta.tagline}</span>
            </span>
          </a>
          {user && (
            <nav class="main-nav" aria-label={m.layout.mainNav}>
              <ul>
                {navigation(roles.value, m).map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={current(path, item.href)}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="header-tools">
            <LanguageSwitch />
            {user && (
              // The name above its logout button: one narrow block, so the header keeps one row.
              <div class="account">
                <span class="who">
                  <span class="visually-hidden">{m.layout.signedIn} </span>
                  {user.name}
                </span>
                <button type="button" class="button button--quiet button--small" onClick={onLogout}>
                  {m.layout.logout}
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
