// Every page of the application, in one table. The router (app.tsx) and the header's navigation
// (components/Layout.tsx) are both derived from it (see routing.ts), so a page cannot be
// reachable without its access rule, nor listed in the navigation without being routed.
//
// The order of the rows does not matter: literal segments always win over parameters
// (`/directory/import` is the import page, never an employee whose id is "import"); routing.ts
// sorts the table that way before the router sees it.
import type { ComponentType } from 'preact';
import { lazyPage } from './components/lazyPage';
import { ROLES, type Role } from './api/client';
import type { Messages } from './i18n';

export interface AppRoute {
  /** A preact-iso pattern: literal segments and `:param` segments, e.g. `/directory/:id`. */
  path: string;
  /** The page, loaded the first time it is shown (each page is its own bundle). */
  page: ComponentType;
  /** Who may open it: whoever holds at least one of these roles. */
  roles: readonly Role[];
  /** Its entry in the header's navigation (label, and place: lowest first); none if absent. */
  nav?: { label: (m: Messages) => string; order: number };
}

/** Every account holds at least one role (the API requires it), so this is anyone signed in. */
const EVERYONE = ROLES;
const PROGRAM_MANAGERS: readonly Role[] = ['admin'];

export const ROUTES: readonly AppRoute[] = [
  { path: '/', page: lazyPage(() => import('./features/home/HomePage')), roles: EVERYONE, nav: { label: (m) => m.home.nav, order: 10 } },
  { path: '/directory', page: lazyPage(() => import('./features/directory/DirectoryPage')), roles: PROGRAM_MANAGERS, nav: { label: (m) => m.directory.nav, order: 20 } },
  { path: '/directory/:id', page: lazyPage(() => import('./features/directory/EmployeePage')), roles: PROGRAM_MANAGERS },
  { path: '/directory/import', page: lazyPage(() => import('./features/directory/ImportPage')), roles: PROGRAM_MANAGERS },
  { path: '/users', page: lazyPage(() => import('./features/users/UsersPage')), roles: PROGRAM_MANAGERS, nav: { label: (m) => m.users.nav, order: 30 } },
  { path: '/outbox', page: lazyPage(() => import('./features/outbox/OutboxPage')), roles: PROGRAM_MANAGERS, nav: { label: (m) => m.outbox.nav, order: 35 } },
  { path: '/audit', page: lazyPage(() => import('./features/audit/AuditPage')), roles: PROGRAM_MANAGERS, nav: { label: (m) => m.audit.nav, order: 40 } },
];
