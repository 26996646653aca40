// The frame of every page: skip link, header (brand, navigation by role, language, logout), main.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { currentUser, isAdmin, logout } from '../state/session';
import { format, messages } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  href: string;
  label: string;
}

function navItems(): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: messages.value.home.nav }];
  // Program pages for mentors, mentees and sponsors join this list as they are built.
  if (isAdmin.value) {
    items.push({ href: '/directory', label: messages.value.directory.nav }, { href: '/users', label: messages.value.users.nav }, { href: '/audit', label: messages.value.audit.nav });
  }
  return items;
}

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
            <span class="brand__name">{m.meta.appName}</span>
            <span class="brand__tagline">{m.meta.tagline}</span>
          </a>
          {user && (
            <nav class="main-nav" aria-label={m.layout.mainNav}>
              <ul>
                {navItems().map((item) => (
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
            {user && <span class="who">{format(m.layout.signedInAs, { name: user.name })}</span>}
            <LanguageSwitch />
            {user && (
              <button type="button" class="button button--quiet" onClick={onLogout}>
                {m.layout.logout}
              </button>
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
