// A program manager's home: one call to /api/v1/overview, then its sections in order — what to do
// next first (the page's most visible action), then the state of the directory and of the accounts,
// then the latest audit entries. A capability that joins the home (programs) is one more component
// in SECTIONS (given the overview, or loading its own data) and, if it suggests work, rules in
// nextSteps.ts; the overview's answer can grow with it.
import type { ComponentType } from 'preact';
import { api, type Overview } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AccountsSummary } from './AccountsSummary';
import { DirectorySummary } from './DirectorySummary';
import { LatestAudit } from './LatestAudit';
import { NextSteps } from './NextSteps';

export interface AdminSectionProps {
  /** The overview, null until it has loaded (or when it failed: the alert above says so). */
  overview: Overview | null;
  loading: boolean;
}

/** The home's sections, top to bottom. */
const SECTIONS: readonly { id: string; Section: ComponentType<AdminSectionProps> }[] = [
  { id: 'next', Section: NextSteps },
  { id: 'directory', Section: DirectorySummary },
  { id: 'accounts', Section: AccountsSummary },
  { id: 'audit', Section: LatestAudit },
];

export function AdminHome() {
  const overview = useResource(async (signal) => unwrap(await api.GET('/api/v1/overview', { signal })), []);
  return (
    <>
      <ProblemAlert problem={overview.problem} onRetry={overview.retry} />
      {SECTIONS.map(({ id, Section }) => (
        <Section key={id} overview={overview.data} loading={overview.loading} />
      ))}
    </>
  );
}
