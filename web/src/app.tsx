// The application: the session decides between the login page and the routed pages. The routes
// come from the route table (routes.ts), tried narrowest first (routing.ts); a page the user's
// roles do not open shows the Forbidden page.
import { Component, type ComponentChildren } from 'preact';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { currentUser, roles } from './state/session';
import { messages } from './i18n';
import { Layout } from './components/Layout';
import { Forbidden, NotFound, PageLoadFailed } from './components/StatusPages';
import { lazyPage } from './components/lazyPage';
import { ROUTES_BY_PRECEDENCE, canOpen } from './routing';

export const Login = lazyPage(() => import('./features/auth/LoginPage'));

/** Pages anyone may open, signed in or not: those an e-mailed link or the login page leads to. */
const PUBLIC_PAGES: Record<string, ReturnType<typeof lazyPage>> = {
  '/activate': lazyPage(() => import('./features/auth/ActivatePage')),
  '/reset-password': lazyPage(() => import('./features/auth/ResetPasswordPage')),
  '/forgot-password': lazyPage(() => import('./features/auth/ForgotPasswordPage')),
};

/**
 * Catches what a page throws (or a bundle that fails to load) and says so instead of a blank page.
 * Another address starts afresh: one broken page must not hide all the others.
 */
class PageBoundary extends Component<{ path: string; children: ComponentChildren }, { failed: boolean }> {
  state = { failed: false };
  componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ failed: true });
  }
  componentDidUpdate(previous: { path: string }) {
    if (previous.path !== this.props.path && this.state.failed) this.setState({ failed: false });
  }
  render() {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}

function Routes() {
  const held = roles.value;
  return (
    <Router>
      {ROUTES_BY_PRECEDENCE.map((r) =>
        canOpen(r, held) ? (
          <Route key={r.path} path={r.path} component={r.page} />
        ) : (
          <Route key={r.path} path={r.path} component={Forbidden} allowed={r.roles} />
        ),
      )}
      <Route default component={NotFound} />
    </Router>
  );
}

function Pages({ signedIn }: { signedIn: boolean }) {
  const { path } = useLocation();
  const Public = PUBLIC_PAGES[path];
  return (
    <PageBoundary path={path}>
      <ErrorBoundary>{Public ? <Public /> : signedIn ? <Routes /> : <Login />}</ErrorBoundary>
    </PageBoundary>
  );
}

export function App() {
  const user = currentUser.value;
  if (user === undefined) {
    return (
      <p class="boot" role="status" aria-busy="true">
        {messages.value.layout.loading}
      </p>
    );
  }
  return (
    <LocationProvider>
      <Layout>
        <Pages signedIn={user !== null} />
      </Layout>
    </LocationProvider>
  );
}
