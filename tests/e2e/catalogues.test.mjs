// The French and English catalogues must have exactly the same keys (and the same placeholders),
// so that no text is missing in one language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogues } from './support.mjs';

function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('fr and en catalogues have exactly the same keys', async () => {
  const { fr, en } = await catalogues();
  const f = flatten(fr);
  const e = flatten(en);
  const onlyFr = [...f.keys()].filter((k) => !e.has(k));
  const onlyEn = [...e.keys()].filter((k) => !f.has(k));
  assert.deepEqual({ onlyFr, onlyEn }, { onlyFr: [], onlyEn: [] });
  assert.ok(f.size > 50, `expected a real catalogue, got ${f.size} keys`);
});

test('every message is a non-empty string with the same placeholders in both languages', async () => {
  const { fr, en } = await catalogues();
  const f = flatten(fr);
  const e = flatten(en);
  for (const [key, frText] of f) {
    const enText = e.get(key);
    assert.equal(typeof frText, 'string', `fr ${key}`);
    assert.equal(typeof enText, 'string', `en ${key}`);
    assert.ok(frText.trim() && enText.trim(), `empty message ${key}`);
    assert.deepEqual(placeholders(frText), placeholders(enText), `placeholders differ for ${key}`);
  }
});

// French typography: a narrow no-break space (U+202F) before « : ; ? ! », never a plain or a
// no-break space, nor none; typographic apostrophes and quotes in both languages.
test('French texts follow French typography; neither language uses typewriter quotes', async () => {
  const { fr, en } = await catalogues();
  const faults = [];
  for (const [key, text] of flatten(fr)) {
    if (/[ \u00a0][:;?!]/.test(text)) faults.push(`fr ${key}: a plain or no-break space before : ; ? or ! (want U+202F): ${text}`);
    if (/[\p{L}\p{N}»)][:;?!]/u.test(text)) faults.push(`fr ${key}: no space before : ; ? or !: ${text}`);
    if (/"/.test(text) || /«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/.test(text)) faults.push(`fr ${key}: quotes must be « » with no-break spaces inside: ${text}`);
  }
  for (const [lang, catalogue] of [['fr', fr], ['en', en]]) {
    for (const [key, text] of flatten(catalogue)) if (/'/.test(text)) faults.push(`${lang} ${key}: a typewriter apostrophe (want ’): ${text}`);
  }
  assert.deepEqual(faults, []);
});
