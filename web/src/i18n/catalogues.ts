// The French and English catalogues: the shared messages (./messages.ts) and each feature's
// (features/<feature>/messages.ts), merged. Every piece exports `fr` and `en: Translation<typeof fr>`,
// so a key missing in one language fails tsc; two pieces defining the same top-level key throw as
// soon as this module loads (so the app and the browser tests fail at once).
// No DOM here: tests/e2e/support.mjs imports this module straight from the sources.
import type { Translation } from './types';
import * as shared from './messages';
import * as auth from '../features/auth/messages';
import * as home from '../features/home/messages';
import * as users from '../features/users/messages';
import * as audit from '../features/audit/messages';
import * as directory from '../features/directory/messages';
import * as jobs from '../features/jobs/messages';
import * as outbox from '../features/outbox/messages';

/** Every catalogue piece. A new feature adds its messages module here, once. */
const PIECES = [shared, auth, home, users, audit, directory, jobs, outbox] as const;

type Piece = { fr: object; en: object };
/** The intersection of every piece's messages in one language. */
type Merged<P extends readonly Piece[], L extends keyof Piece> = P extends readonly [
  infer Head extends Piece,
  ...infer Tail extends readonly Piece[],
]
  ? Head[L] & Merged<Tail, L>
  : unknown;

function merge<L extends keyof Piece>(lang: L): Merged<typeof PIECES, L> {
  const out: Record<string, unknown> = {};
  for (const piece of PIECES) {
    for (const [key, value] of Object.entries(piece[lang])) {
      if (key in out) throw new Error(`two message catalogue pieces define "${key}" (${lang})`);
      out[key] = value;
    }
  }
  // The loop builds exactly the intersection the type describes.
  return out as unknown as Merged<typeof PIECES, L>;
}

/** The reference catalogue: its keys are the ones every language must have. */
export const fr = merge('fr');
export type Messages = Translation<typeof fr>;
export const en: Messages = merge('en');
