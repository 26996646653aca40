// Matching cases as files (docs/development.md, "Matching cases as files"): every case in
// tests/data/matching/ is run through `binome match solve` (or `match rematch`) and through
// POST /api/v1/matching/solve (or /rematch) of one server, and both answers are compared with the
// case's expected file and with each other. A case is added by adding files.
//
//   <case>.problem.json    the problem, exactly as a user writes it
//   <case>.expected.json   what must come out: the parts a user checks (see parts() below)
//   <case>.previous.json   with <case>.dissolve.json: a re-match case
//   *.npy                  matrices a problem's "scores_npy" refers to (the API gets the same
//                          scores inline, as triples: scores_npy is for files)
//
// BINOME_UPDATE_CASES=1 rewrites each existing expected file from the binary's answer, keeping
// its "description" (a new case starts as {"description": "..."}): then read every line of it.
// BINOME_MATCHING_CASES=DIR runs the cases of another folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client, DEMO, run, startServer } from '../support/binome.mjs';
import { bruteForce } from '../support/matching_brute_force.mjs';

const DIR = resolve(process.env.BINOME_MATCHING_CASES ?? new URL('../data/matching/', import.meta.url).pathname);
const UPDATE = process.env.BINOME_UPDATE_CASES === '1';
const PART = /^(.+)\.(problem|expected|previous|dissolve)\.json$/;
const CRITERIA = ['skills', 'reverse', 'interests', 'availability', 'cross_department'];
const BRUTE_FORCE_LIMIT = 200_000; // assignments the brute force may walk: (mentors + 1) ^ mentees

// --- discovery -----------------------------------------------------------------------------

function discover() {
  const cases = new Map();
  const stray = [];
  for (const name of readdirSync(DIR).sort()) {
    const m = name.match(PART);
    if (m) {
      if (!cases.has(m[1])) cases.set(m[1], {});
      cases.get(m[1])[m[2]] = join(DIR, name);
    } else if (name.endsWith('.json')) {
      stray.push(name); // a misspelt part (x.expect.json) would otherwise be silently ignored
    }
    // Anything else (.npy matrices, the script that writes them, a README) is data, not a case.
  }
  return { cases, stray };
}

// What is wrong with a case's set of files, or null.
function incomplete(name, files) {
  const missing = [];
  if (!files.problem) missing.push(`${name}.problem.json`);
  if (!files.expected) missing.push(`${name}.expected.json`);
  if (files.previous && !files.dissolve) missing.push(`${name}.dissolve.json (there is a ${name}.previous.json)`);
  if (files.dissolve && !files.previous) missing.push(`${name}.previous.json (there is a ${name}.dissolve.json)`);
  return missing.length ? `case '${name}' in ${DIR} lacks ${missing.join(' and ')}` : null;
}

// --- running a case ------------------------------------------------------------------------

const text = (file) => readFileSync(file, 'utf8');
const tryParse = (s) => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

// A NumPy .npy matrix (version 1.0 to 3.0, float64 or float32, little-endian, C order).
function readNpy(file) {
  const b = readFileSync(file);
  assert.equal(b.toString('latin1', 0, 6), '\x93NUMPY', `${file} is not a .npy file`);
  const major = b[6];
  const len = major === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = b.toString('latin1', start, start + len);
  const descr = header.match(/'descr':\s*'([^']+)'/)[1];
  const shape = header.match(/'shape':\s*\((\d+),\s*(\d+)\)/).slice(1).map(Number);
  assert.ok(/'fortran_order':\s*False/.test(header) && ['<f8', '<f4'].includes(descr), `${file}: ${header}`);
  const size = descr === '<f8' ? 8 : 4;
  const cells = [];
  for (let k = 0; k < shape[0] * shape[1]; k++) {
    const at = start + len + k * size;
    cells.push(size === 8 ? b.readDoubleLE(at) : b.readFloatLE(at));
  }
  return { rows: shape[0], cols: shape[1], cells };
}

// The problem as the API takes it: a "scores_npy" matrix becomes the same scores as triples.
function inlineScores(problem) {
  if (typeof problem?.scores_npy !== 'string') return problem;
  const { scores_npy: file, ...rest } = problem;
  const m = readNpy(join(DIR, file));
  const scores = [];
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const s = m.cells[i * m.cols + j];
      if (!Number.isNaN(s)) scores.push([problem.mentors[j].id, problem.mentees[i].id, s]);
    }
  }
  return { ...rest, scores };
}

async function runCli(c) {
  const args = c.previous
    ? ['match', 'rematch', '--problem', c.problem, '--previous', c.previous, '--dissolve', c.dissolve]
    : ['match', 'solve', '--problem', c.problem];
  const r = await run(args);
  // File names as the expected files write them: relative to the cases' folder.
  const stderr = r.stderr.split(`${DIR}/`).join('');
  return { code: r.code, stderr, json: r.code === 0 ? tryParse(r.stdout) : undefined };
}

async function runApi(client, c) {
  // The files' own text, so that a file which is not JSON reaches the server as it is.
  const body = (file) => {
    const raw = text(file);
    const doc = tryParse(raw);
    return doc !== undefined && doc.scores_npy !== undefined ? JSON.stringify(inlineScores(doc)) : raw;
  };
  const [path, payload] = c.previous
    ? ['/api/v1/matching/rematch', `{"problem": ${body(c.problem)},\n"previous": ${text(c.previous)},\n"dissolve": ${text(c.dissolve)}}`]
    : ['/api/v1/matching/solve', body(c.problem)];
  const r = await client.request('POST', path, { body: payload, raw: true, headers: { 'content-type': 'application/json' } });
  return { status: r.status, json: r.json };
}

// --- the parts a user checks ---------------------------------------------------------------

// What an expected file of a solved case holds: a result without its volatile and derived
// fields (stats.solve_ms; dual_bound, the explanation's score and source, stats.mentees and
// mentors, checked by checkResult instead), keys in reading order.
function parts(r) {
  const out = { algorithm: r.algorithm, objective: r.stats.objective };
  out.pairs = r.pairs.map((p) => {
    const pair = { mentor: p.mentor, mentee: p.mentee, score: p.score, locked: p.locked };
    if ('kept' in p) pair.kept = p.kept;
    if (p.explanation.source === 'profiles') {
      pair.common_hours = p.explanation.common_hours;
      pair.criteria = Object.fromEntries(Object.entries(p.explanation.criteria)
        .sort(([a], [b]) => CRITERIA.indexOf(a) - CRITERIA.indexOf(b))
        .map(([c, { value, weight, contribution }]) => [c, { value, weight, contribution }]));
    }
    return pair;
  });
  const person = ({ id, capacity_left, reason, excluded_by_rule }) => ({ id, capacity_left, reason, excluded_by_rule });
  out.unmatched_mentees = r.unmatched_mentees.map(person);
  out.unused_capacity = r.unused_capacity.map(person);
  out.total_score = r.total_score;
  out.matched = r.matched;
  out.optimal = r.optimal;
  if (r.algorithm === 'stable') {
    out.blocking_pairs = r.blocking_pairs;
    out.optimal_total = r.optimal_total;
  }
  out.allowed_pairs = r.stats.allowed_pairs;
  if (r.excluded) {
    const { total, by_rule, listed, truncated } = r.excluded;
    out.excluded = { total, by_rule, listed: listed.map(({ mentor, mentee, rules }) => ({ mentor, mentee, rules })), truncated };
    out.below_min_score_pairs = r.stats.below_min_score_pairs;
    out.week_of = r.stats.week_of;
  }
  if (r.dissolved) {
    out.dissolved = r.dissolved.map(({ mentor, mentee, reason, note }) => ({ mentor, mentee, reason, note }));
    out.reassigned_mentees = r.stats.reassigned_mentees;
  }
  return JSON.parse(JSON.stringify(out)); // drops the keys left undefined
}

// The lines the command line prints for the errors the API names: `FILE: place: message`, FILE
// being the file of the part (a re-match's API names the part: problem.X, previous.X, dissolve[i]).
function cliPlace(name, c, field) {
  let part = 'problem';
  let place = field;
  if (c.previous) {
    const m = field.match(/^(problem|previous)(?:\.(.*))?$/s);
    [part, place] = m ? [m[1], m[2] ?? ''] : ['dissolve', field];
  }
  return { file: `${name}.${part}.json`, place };
}
function cliLines(name, c, errors) {
  return errors.map(({ field, message }) => {
    const { file, place } = cliPlace(name, c, field);
    return `${file}: ${place ? `${place}: ` : ''}${message}`;
  });
}

// An invalid case's expected parts, from both answers.
function refusalParts(name, c, cli, api) {
  const out = { exit_code: cli.code, status: api.status, code: api.json?.code };
  if (api.json?.errors) out.errors = api.json.errors.map(({ field, message }) => ({ field, message }));
  const lines = cli.stderr.split('\n').filter(Boolean);
  if (!out.errors || !isDeepStrictEqual(lines, cliLines(name, c, out.errors))) out.cli_stderr = lines;
  return out;
}

// Numbers to nine decimals, so that 2.1 written by hand equals 2.1000000000000001.
const round = (v) =>
  typeof v === 'number' ? Math.round(v * 1e9) / 1e9
  : Array.isArray(v) ? v.map(round)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
  : v;

// JSON on one line when it fits in 100 columns, else one item per line.
function format(v, indent = '', lead = 0) {
  const flat = (x) =>
    Array.isArray(x) ? `[${x.map(flat).join(', ')}]`
    : x && typeof x === 'object' ? `{${Object.entries(x).map(([k, y]) => `${JSON.stringify(k)}: ${flat(y)}`).join(', ')}}`
    : JSON.stringify(x);
  const one = flat(v);
  if (indent && indent.length + lead + one.length <= 100) return one;
  if (!v || typeof v !== 'object' || (Array.isArray(v) ? v.length : Object.keys(v).length) === 0) return one;
  const inner = `${indent}  `;
  const items = Array.isArray(v)
    ? v.map((x) => inner + format(x, inner))
    : Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner, JSON.stringify(k).length + 2)}`);
  return `${Array.isArray(v) ? '[' : '{'}\n${items.join(',\n')}\n${indent}${Array.isArray(v) ? ']' : '}'}`;
}

// A line diff (longest common subsequence; the files are small): `-` expected, `+` actual, with
// three lines of context around each change.
function diff(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push(`  ${a[i++]}`), j++;
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) lines.push(`- ${a[i++]}`);
    else lines.push(`+ ${b[j++]}`);
  }
  const out = [];
  lines.forEach((line, k) => {
    if (lines.slice(Math.max(0, k - 3), k + 4).some((l) => l[0] !== ' ')) out.push(line);
    else if (out.at(-1) !== '  ...') out.push('  ...');
  });
  return out.join('\n');
}

function compare(name, c, expected, actual) {
  const { description, ...want } = expected;
  if (UPDATE) {
    writeFileSync(c.expected, `${format({ description, ...actual })}\n`);
    return;
  }
  assert.ok(typeof description === 'string' && description && !description.includes('\n'), `${c.expected}: a one-line "description" says what the case shows`);
  if (isDeepStrictEqual(round(want), round(actual))) return;
  assert.fail(
    `case '${name}': the answer differs from ${c.expected} (- expected, + actual)\n` +
      `${diff(format(round(want)), format(round(actual)))}\n` +
      `(if the change is intended: BINOME_UPDATE_CASES=1 rewrites the file; then read it)`,
  );
}

// --- checks that do not depend on the expected file ----------------------------------------

const key = (m, e) => `${m}|${e}`;

function checkResult(name, problem, r) {
  const where = `case '${name}'`;
  assert.equal(r.stats.mentees, problem.mentees.length, `${where}: stats.mentees`);
  assert.equal(r.stats.mentors, problem.mentors.length, `${where}: stats.mentors`);
  assert.equal(r.matched, r.pairs.length, `${where}: matched counts the pairs`);
  const total = r.pairs.reduce((s, p) => s + p.score, 0);
  assert.ok(Math.abs(total - r.total_score) < 1e-9, `${where}: total_score ${r.total_score} is the sum of the pairs' scores ${total}`);
  if (r.algorithm === 'optimal' && r.optimal) {
    assert.ok(Math.abs(r.dual_bound - r.total_score) <= 1e-9 * Math.max(1, Math.abs(r.total_score)), `${where}: a proven optimum has its dual bound equal to its total`);
  }
  const capacity = new Map(problem.mentors.map((m) => [m.id, m.capacity ?? 1]));
  const mentees = new Set();
  for (const p of r.pairs) {
    assert.ok(!mentees.has(p.mentee), `${where}: mentee ${p.mentee} is paired once`);
    mentees.add(p.mentee);
    capacity.set(p.mentor, capacity.get(p.mentor) - 1);
    assert.ok(capacity.get(p.mentor) >= 0, `${where}: mentor ${p.mentor} within its capacity`);
    assert.equal(p.explanation.score, p.score, `${where}: the explanation's score is the pair's`);
    const source = problem.profiles ? 'profiles' : p.locked ? 'locked' : 'given';
    assert.equal(p.explanation.source, source, `${where}: ${p.mentor}-${p.mentee}'s explanation.source`);
    if (source === 'profiles') {
      const criteria = Object.values(p.explanation.criteria);
      const weights = criteria.reduce((s, x) => s + x.weight, 0);
      for (const [c, x] of Object.entries(p.explanation.criteria)) {
        assert.ok(Math.abs(x.contribution - (x.value * x.weight) / weights) < 2e-6, `${where}: ${c}'s contribution is value × weight / Σ weights`);
      }
      assert.ok(Math.abs(criteria.reduce((s, x) => s + x.contribution, 0) - p.score) < 5e-6, `${where}: the contributions add up to the score`);
    }
  }
  for (const [m, e] of problem.locked ?? []) {
    assert.ok(r.pairs.some((p) => p.mentor === m && p.mentee === e && p.locked), `${where}: the locked pair ${m}-${e} is formed and marked`);
  }
}

// The total a brute force finds for given scores, when the instance is small enough for it:
// a re-match is the problem with the kept pairs locked and the dissolved ones forbidden.
function checkBruteForce(name, problem, r, previous, dissolve) {
  if (!Array.isArray(problem.scores)) return;
  if ((problem.mentors.length + 1) ** problem.mentees.length > BRUTE_FORCE_LIMIT) return;
  const p = { ...problem, forbidden: [...(problem.forbidden ?? []), ...(problem.dissolved ?? [])] };
  if (previous) {
    const gone = new Set(dissolve.map((d) => key(d.mentor, d.mentee)));
    const kept = previous.pairs.filter((x) => !gone.has(key(x.mentor, x.mentee)));
    assert.deepEqual(r.pairs.filter((x) => x.kept).map((x) => key(x.mentor, x.mentee)).sort(),
      kept.map((x) => key(x.mentor, x.mentee)).sort(), `case '${name}': the pairs kept are the previous pairs not dissolved`);
    assert.equal(r.stats.reassigned_mentees, r.pairs.filter((x) => !x.kept).length, `case '${name}': reassigned_mentees`);
    p.locked = kept.map((x) => [x.mentor, x.mentee]);
    p.forbidden.push(...dissolve.map((d) => [d.mentor, d.mentee]));
  }
  const best = bruteForce(p);
  const total = r.algorithm === 'stable' ? r.optimal_total : r.total_score;
  assert.ok(Math.abs(total - best.total) < 1e-9, `case '${name}': the ${r.algorithm === 'stable' ? 'optimal_total' : 'total'} ${total} is the brute force's ${best.total}`);
  if (r.algorithm === 'optimal' && r.stats.objective === 'coverage') assert.equal(r.matched, best.pairs, `case '${name}': as many pairs as the brute force`);
}

// --- the tests -----------------------------------------------------------------------------

const { cases, stray } = discover();

describe(`matching cases in ${DIR}`, { concurrency: 2 }, () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = new Client(server.url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
  });
  after(async () => {
    await server?.stop();
  });

  test('the folder holds cases, and no file that is not part of one', () => {
    assert.ok(cases.size > 0, `no <case>.problem.json in ${DIR}`);
    if (stray.length) assert.fail(`${stray.join(', ')} in ${DIR}: a case's JSON files are <case>.problem.json, .expected.json, .previous.json and .dissolve.json`);
  });

  for (const [name, c] of cases) {
    test(name, async () => {
      const missing = incomplete(name, c);
      if (missing) assert.fail(missing);
      const expected = JSON.parse(text(c.expected));
      const [cli, api] = await Promise.all([runCli(c), runApi(admin, c)]);
      const problem = inlineScores(tryParse(text(c.problem)));

      if (cli.code !== 0 || api.status !== 200) {
        // Refused: both must refuse, with the same places and messages.
        assert.notEqual(cli.code, 0, `case '${name}': the API refused it (${api.status}) but the command line solved it`);
        assert.notEqual(api.status, 200, `case '${name}': the command line refused it (${cli.stderr.trim()}) but the API solved it`);
        const actual = refusalParts(name, c, cli, api);
        if (actual.cli_stderr && actual.errors) {
          // The command line prints it otherwise than one line per error: it must still say
          // each place and message the API gives.
          for (const e of actual.errors) {
            const { file, place } = cliPlace(name, c, e.field);
            assert.ok([file, place, e.message].every((s) => cli.stderr.includes(s)), `case '${name}': the command line's ${JSON.stringify(cli.stderr)} names ${file}, ${place} and ${e.message}`);
          }
        }
        compare(name, c, expected, actual);
        return;
      }

      // Solved: the command line and the API agree on everything but the time taken.
      assert.ok(cli.json, `case '${name}': the command line printed no JSON result`);
      const noTime = (r) => ({ ...r, stats: { ...r.stats, solve_ms: undefined } });
      assert.deepEqual(noTime(api.json), noTime(cli.json), `case '${name}': the API and the command line give the same result`);
      checkResult(name, problem, cli.json);
      const previous = c.previous ? JSON.parse(text(c.previous)) : null;
      const dissolve = c.dissolve ? JSON.parse(text(c.dissolve)) : null;
      checkBruteForce(name, problem, cli.json, previous, dissolve);
      compare(name, c, expected, parts(cli.json));
    });
  }
});
