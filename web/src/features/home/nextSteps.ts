// What a program manager should do next, derived from the overview: one rule per situation, most
// urgent first. A capability that joins the home (programs) adds its own rules here.
import type { Overview } from '../../api/client';
import type { Messages } from '../../i18n';

export interface NextStep {
  /** Stable, for keys and tests. */
  id: 'import' | 'accounts';
  title: string;
  text: string;
  action: string;
  href: string;
}

export function nextSteps(o: Overview, m: Messages['home']): NextStep[] {
  const steps: NextStep[] = [];
  if (o.directory.employees === 0) {
    steps.push({ id: 'import', title: m.nextImportTitle, text: m.nextImportText, action: m.nextImportAction, href: '/directory/import' });
  }
  const { mentor, mentee } = o.users.by_role;
  if (mentor === 0 || mentee === 0) {
    const text = mentor === 0 && mentee === 0 ? m.nextAccountsNoneText : mentor === 0 ? m.nextAccountsNoMentorText : m.nextAccountsNoMenteeText;
    steps.push({ id: 'accounts', title: m.nextAccountsTitle, text, action: m.nextAccountsAction, href: '/users' });
  }
  return steps;
}
