// The first thing a program manager sees: what to do next, the first suggestion being the page's
// primary action. When nothing is pending there is nothing here: the directory's section below
// offers its quiet link.
import type { Overview } from '../../api/client';
import { messages } from '../../i18n';
import { nextSteps } from './nextSteps';

export function NextSteps({ overview }: { overview: Overview | null }) {
  const m = messages.value.home;
  if (!overview) return null;
  const steps = nextSteps(overview, m);
  if (steps.length === 0) return null;
  return (
    <section class="section" aria-labelledby="home-next">
      <h2 id="home-next">{m.nextTitle}</h2>
      <ol class="next-steps">
        {steps.map((s, i) => (
          <li key={s.id} class="card next-step" data-step={s.id}>
            <h3>{s.title}</h3>
            <p>{s.text}</p>
            <a class={`button ${i === 0 ? 'button--primary' : ''}`} href={s.href}>
              {s.action}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
