// The application: the session decides between the login page and the routed pages; each page
// is its own lazily loaded bundle.
import { Component, type ComponentChildren } from 'preact';
import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { currentUser, isAdmin } from './state/session';
import { messages } from './i18n';
import { Layout } from './components/Layout';
import { Forbidden, NotFound } from './components/StatusPages';

export const Login = lazy(() => import('./features/auth/LoginPage'));
const Home = lazy(() => import('./features/home/HomePage'));
const Users = lazy(() => import('./features/users/UsersPage'));
const Audit = lazy(() => import('./features/audit/AuditPage'));
const Directory = lazy(() => import('./features/directory/DirectoryPage'));
const DirectoryImport = lazy(() => import('./features/directory/ImportPage'));
const Employee = lazy(() => import('./features/directory/EmployeePage'));

/** Catches what a page throws (or a bundle that fails to load) and says so instead of a blank page. */
class PageBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  state = { failed: false };
  componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ failed: true });
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div class="alert alert--error" role="alert">
        <p>{messages.value.layout.pageLoadError}</p>
      </div>
    );
  }
}

function Routes() {
  const admin = isAdmin.value;
  return (
    <Router>
      <Route path="/" component={Home} />
      <Route path="/directory" component={admin ? Directory : Forbidden} />
      {/* Before /directory/:id, which would otherwise take "import" for an employee id. */}
      <Route path="/directory/import" component={admin ? DirectoryImport : Forbidden} />
      <Route path="/directory/:id" component={admin ? Employee : Forbidden} />
      <Route path="/users" component={admin ? Users : Forbidden} />
      <Route path="/audit" component={admin ? Audit : Forbidden} />
      <Route default component={NotFound} />
    </Router>
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
        <PageBoundary>
          <ErrorBoundary>{user ? <Routes /> : <Login />}</ErrorBoundary>
        </PageBoundary>
      </Layout>
    </LocationProvider>
  );
}
