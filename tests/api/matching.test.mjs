// `binome match solve` and POST /api/v1/matching/solve: the problem file format (scores as
// triples or a NumPy matrix), clear errors naming their place, and totals equal to a brute
// force computed here, independently of the engine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, DEMO, run, startServer } from '../support/binome.mjs';
import { bruteForce } from '../support/matching_brute_force.mjs';

const dir = mkdtempSync(join(tmpdir(), 'binome-match-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE = {
  objective: 'score',
  min_score: 0.1,
  mentors: [{ id: 'M1', capacity: 2 }, { id: 'M2' }, { id: 'M3' }],
  mentees: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }, { id: 'E4' }],
  scores: [['M1', 'E1', 0.9], ['M1', 'E2', 0.8], ['M2', 'E1', 0.85], ['M2', 'E3', 0.4], ['M3', 'E3', 0.05], ['M1', 'E3', 0.7]],
  forbidden: [['M1', 'E3']],
  locked: [['M2', 'E3']],
};

async function solveFile(problem, ...args) {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof problem === 'string' ? problem : JSON.stringify(problem));
  const r = await run(['match', 'solve', '--problem', file, ...args]);
  return { ...r, json: r.code === 0 && r.stdout ? JSON.parse(r.stdout) : null, file };
}

// A NumPy .npy file written by hand (version 1.0), as numpy.save would.
function npy(rows, cols, values, dtype = '<f8') {
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const size = dtype === '<f8' ? 8 : 4;
  const data = Buffer.alloc(values.length * size);
  values.forEach((v, k) => (size === 8 ? data.writeDoubleLE(v, k * 8) : data.writeFloatLE(v, k * 4)));
  const len = Buffer.alloc(2);
  len.writeUInt16LE(header.length);
  return Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), len, Buffer.from(header, 'latin1'), data]);
}

describe('match solve on the command line', () => {
  test('the example: locks kept, forbidden pairs avoided, reasons given, optimal', async () => {
    const r = await solveFile(EXAMPLE);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json.pairs.map((p) => [p.mentor, p.mentee, p.score, p.locked]), [
      ['M1', 'E1', 0.9, false], ['M1', 'E2', 0.8, false], ['M2', 'E3', 0.4, true]]);
    assert.equal(r.json.total_score, 2.1);
    assert.equal(r.json.optimal, true);
    assert.deepEqual(r.json.unmatched_mentees, [{ id: 'E4', reason: 'no_allowed_partner' }]);
    assert.deepEqual(r.json.unused_capacity, [{ id: 'M3', capacity_left: 1, reason: 'below_min_score' }]);
    assert.ok(r.json.stats.solve_ms >= 0);
    assert.equal(r.json.total_score, bruteForce(EXAMPLE).total);
  });

  test('on random small instances the total equals a brute force, for both objectives', async () => {
    let seed = 20261127;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 12; k++) {
      const mentors = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, j) => ({ id: `M${j}`, capacity: 1 + Math.floor(rnd() * 2) }));
      const mentees = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, i) => ({ id: `E${i}` }));
      const scores = [];
      for (const m of mentors) for (const e of mentees) if (rnd() < 0.7) scores.push([m.id, e.id, Math.round((rnd() * 2 - 0.4) * 100) / 100]);
      const problem = { objective: k % 2 ? 'coverage' : 'score', min_score: k % 3 ? -1 : 0.2, mentors, mentees, scores };
      const r = await solveFile(problem);
      assert.equal(r.code, 0, r.stderr);
      const best = bruteForce(problem);
      assert.ok(Math.abs(r.json.total_score - best.total) < 1e-9, `instance ${k}: ${r.json.total_score} vs ${best.total}`);
      if (problem.objective === 'coverage') assert.equal(r.json.matched, best.pairs, `instance ${k}`);
      assert.equal(r.json.optimal, true);
      const perMentor = {};
      for (const p of r.json.pairs) perMentor[p.mentor] = (perMentor[p.mentor] ?? 0) + 1;
      for (const m of mentors) assert.ok((perMentor[m.id] ?? 0) <= m.capacity);
    }
  });

  test('--objective overrides the file; coverage matches more people', async () => {
    const problem = { mentors: [{ id: 'A' }, { id: 'B' }], mentees: [{ id: 'x' }, { id: 'y' }],
      scores: [['A', 'x', 1.0], ['A', 'y', 0.9], ['B', 'x', 0.05]] };
    const score = await solveFile(problem);
    assert.deepEqual(score.json.pairs.map((p) => `${p.mentor}${p.mentee}`), ['Ax']);
    const coverage = await solveFile(problem, '--objective', 'coverage');
    assert.deepEqual(coverage.json.pairs.map((p) => `${p.mentor}${p.mentee}`), ['Bx', 'Ay']);
    assert.equal(coverage.json.matched, 2);
  });

  test('--algorithm stable: mentee-proposing deferred acceptance, no blocking pair, the optimum for comparison', async () => {
    // E1 and E2 both rank M1 first; M1 prefers E2 (0.9 > 0.8), so E1 gets M2: stable, total 1.0.
    // The optimum (E1-M1, E2-M2: 1.65) is blocked by (E2, M1).
    const problem = { mentors: [{ id: 'M1' }, { id: 'M2' }], mentees: [{ id: 'E1' }, { id: 'E2' }],
      scores: [['M1', 'E1', 0.8], ['M2', 'E1', 0.1], ['M1', 'E2', 0.9], ['M2', 'E2', 0.85]] };
    const r = await solveFile(problem, '--algorithm', 'stable');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.algorithm, 'stable');
    assert.deepEqual(r.json.pairs.map((p) => `${p.mentor}${p.mentee}`), ['M2E1', 'M1E2']);
    assert.equal(r.json.blocking_pairs, 0);
    assert.equal(r.json.total_score, 1.0);
    assert.equal(r.json.optimal_total, 1.65);
    assert.equal(r.json.optimal, false);
    assert.equal(r.json.dual_bound, undefined);
    // The file may ask for it; the flag overrides the file.
    const fromFile = await solveFile({ ...problem, algorithm: 'stable' });
    assert.equal(fromFile.json.algorithm, 'stable');
    const overridden = await solveFile({ ...problem, algorithm: 'stable' }, '--algorithm', 'optimal');
    assert.equal(overridden.json.algorithm, 'optimal');
    assert.equal(overridden.json.total_score, 1.65);
    // When the stable matching is also optimal, it says so; locks are kept.
    const example = await solveFile(EXAMPLE, '--algorithm', 'stable');
    assert.equal(example.code, 0, example.stderr);
    assert.equal(example.json.blocking_pairs, 0);
    assert.equal(example.json.optimal_total, bruteForce(EXAMPLE).total);
    assert.equal(example.json.optimal, example.json.total_score === example.json.optimal_total);
    assert.ok(example.json.pairs.some((p) => p.mentor === 'M2' && p.mentee === 'E3' && p.locked));
    const bad = await solveFile({ ...problem, algorithm: 'greedy' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /algorithm: must be "optimal" or "stable"/);
  });

  test('a NumPy matrix (float64 or float32, NaN forbidden) gives the same pairs, and --out writes the file', async () => {
    const cells = [0.9, 0.85, NaN, 0.8, NaN, NaN, NaN, 0.4, 0.05, NaN, NaN, NaN]; // mentees x mentors
    for (const dtype of ['<f8', '<f4']) {
      writeFileSync(join(dir, `m${dtype.slice(1)}.npy`), npy(4, 3, cells, dtype));
      const { scores, ...rest } = EXAMPLE;
      const out = join(dir, `out${dtype.slice(1)}.json`);
      const r = await solveFile({ ...rest, forbidden: [], scores_npy: `m${dtype.slice(1)}.npy` }, '--out', out);
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      assert.deepEqual(result.pairs.map((p) => [p.mentor, p.mentee]), [['M1', 'E1'], ['M1', 'E2'], ['M2', 'E3']]);
      assert.equal(result.optimal, true);
    }
  });

  test('a bad problem file is refused with every problem named, and exit code 1', async () => {
    const r = await solveFile({
      mentors: [{ id: 'M1', capacity: 0 }, { id: 'M1' }],
      mentees: [{ id: 'E1' }, {}],
      scores: [['M1', 'E9', 0.5], ['M2', 'E1', 0.1], ['M1', 'E1'], ['M1', 'E1', 'high']],
      locked: [['M7', 'E1']],
    });
    assert.equal(r.code, 1);
    for (const place of ['mentors[0].capacity', 'mentors[1].id', 'mentees[1].id', 'scores[0]', 'scores[1]', 'scores[2]', 'scores[3]', 'locked[0]']) {
      assert.match(r.stderr, new RegExp(`${place.replace(/[[\].]/g, '\\$&')}: `), `${place} is named`);
    }
    assert.match(r.stderr, /unknown mentee 'E9'/);
    const inf = await solveFile('{"mentors":[{"id":"M"}],"mentees":[{"id":"E"}],"scores":[["M","E",1e999]]}');
    assert.equal(inf.code, 1);
    assert.match(inf.stderr, /not well-formed JSON: .*number overflow/, 'a number JSON cannot hold is named');
    const notJson = await solveFile('{"mentors": [');
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /not well-formed JSON: .*line 1, column \d+/);
    writeFileSync(join(dir, 'bad.npy'), Buffer.from('not numpy'));
    const badNpy = await solveFile({ mentors: [{ id: 'M' }], mentees: [{ id: 'E' }], scores_npy: 'bad.npy' });
    assert.equal(badNpy.code, 1);
    assert.match(badNpy.stderr, /scores_npy: bad\.npy: not a \.npy file/);
    writeFileSync(join(dir, 'wrong.npy'), npy(2, 2, [1, 2, 3, 4]));
    const shape = await solveFile({ mentors: [{ id: 'M' }], mentees: [{ id: 'E' }], scores_npy: 'wrong.npy' });
    assert.match(shape.stderr, /the matrix is 2 x 2 but the problem has 1 mentees x 1 mentors/);
    writeFileSync(join(dir, 'ints.npy'), npy(1, 1, [1], '<f4').toString('latin1').replace('<f4', '<i4'), 'latin1');
    const ints = await solveFile({ mentors: [{ id: 'M' }], mentees: [{ id: 'E' }], scores_npy: 'ints.npy' });
    assert.match(ints.stderr, /save it as float64 or float32/);
  });
});

describe('POST /api/v1/matching/solve', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('an admin gets the same answer as the command line; others are refused', async () => {
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    const r = await admin.request('POST', '/api/v1/matching/solve', { body: EXAMPLE });
    assert.equal(r.status, 200, r.text);
    const cli = await solveFile(EXAMPLE);
    const { stats: a, ...apiRest } = r.json;
    const { stats: b, ...cliRest } = cli.json;
    assert.deepEqual(apiRest, cliRest);
    const stable = await admin.request('POST', '/api/v1/matching/solve', { body: { ...EXAMPLE, algorithm: 'stable' } });
    assert.equal(stable.status, 200, stable.text);
    const stableCli = await solveFile(EXAMPLE, '--algorithm', 'stable');
    const { stats: c, ...stableApiRest } = stable.json;
    const { stats: d, ...stableCliRest } = stableCli.json;
    assert.deepEqual(stableApiRest, stableCliRest);
    assert.equal(stable.json.blocking_pairs, 0);
    const mentee = new Client(server.url);
    await mentee.login(DEMO.mentee);
    assert.equal((await mentee.request('POST', '/api/v1/matching/solve', { body: EXAMPLE })).status, 403);
    const npyProblem = await admin.request('POST', '/api/v1/matching/solve', { body: { ...EXAMPLE, scores: undefined, scores_npy: 'x.npy' } });
    assert.equal(npyProblem.status, 422);
    assert.deepEqual(npyProblem.json.errors.map((e) => e.field), ['scores_npy']);
  });

  test('finite scores whose total would overflow are refused, in the reader\'s language, not answered with a null total', async () => {
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    const huge = { ...EXAMPLE, scores: EXAMPLE.scores.map(([m, e]) => [m, e, 1.7e308]), forbidden: [], locked: [] };
    const en = await admin.request('POST', '/api/v1/matching/solve', { body: huge, headers: { 'Accept-Language': 'en' } });
    assert.equal(en.status, 422, en.text);
    assert.deepEqual(en.json.errors.map((e) => e.field), ['scores']);
    assert.match(en.json.errors[0].message, /too large: added up over 7 people/);
    const fr = await admin.request('POST', '/api/v1/matching/solve', { body: huge, headers: { 'Accept-Language': 'fr' } });
    assert.equal(fr.status, 422, fr.text);
    assert.match(fr.json.errors[0].message, /trop grands\u202F: additionnés sur 7 personnes/);
    const cli = await solveFile(huge);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /scores: the scores are too large/);
    // A large but safe score still solves, to an exact, finite total.
    const large = { ...huge, scores: EXAMPLE.scores.map(([m, e]) => [m, e, 1e300]) };
    const ok = await admin.request('POST', '/api/v1/matching/solve', { body: large });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.optimal, true);
    assert.ok(Number.isFinite(ok.json.total_score));
  });
});

describe('matching limits (binome serve --max-matching-*, match solve --max-*)', () => {
  let server;
  before(async () => {
    // Limits small enough for the example to sit just under them: 7 people, 7 listed pairs.
    server = await startServer({
      extraArgs: ['--max-matching-people', '7', '--max-matching-pairs', '8', '--max-matching-values', '200'],
    });
  });
  after(async () => {
    await server.stop();
  });

  test('a problem over a limit is refused, 413, naming the list and the limit in the reader\'s language', async () => {
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    assert.equal((await admin.request('POST', '/api/v1/matching/solve', { body: EXAMPLE })).status, 200);
    const crowd = { ...EXAMPLE, mentees: [...EXAMPLE.mentees, { id: 'E5' }] };
    const en = await admin.request('POST', '/api/v1/matching/solve', { body: crowd, headers: { 'Accept-Language': 'en' } });
    assert.equal(en.status, 413, en.text);
    assert.equal(en.json.code, 'payload_too_large');
    assert.deepEqual(en.json.errors, [
      { field: 'mentees', message: 'more than 7 mentors and mentees in all: the limit on the people of a problem' }]);
    const fr = await admin.request('POST', '/api/v1/matching/solve', { body: crowd, headers: { 'Accept-Language': 'fr' } });
    assert.equal(fr.status, 413);
    assert.equal(fr.json.errors[0].message, 'plus de 7 mentors et mentorés en tout\u202F: la limite de personnes d’un problème');
    const paired = { ...EXAMPLE, forbidden: [['M1', 'E3'], ['M2', 'E1'], ['M3', 'E3']] };
    const pairs = await admin.request('POST', '/api/v1/matching/solve', { body: paired });
    assert.equal(pairs.status, 413);
    assert.deepEqual(pairs.json.errors.map((e) => e.field), ['forbidden']);
    const padded = { ...EXAMPLE, note: Array.from({ length: 200 }, (_, k) => k) };
    const values = await admin.request('POST', '/api/v1/matching/solve', { body: padded });
    assert.equal(values.status, 413);
    assert.match(values.json.errors[0].message, /more than 200 JSON values/);
    // A re-match request names the part: its problem's people, here.
    const rematch = await admin.request('POST', '/api/v1/matching/rematch', {
      body: { problem: crowd, previous: { pairs: [] }, dissolve: [] } });
    assert.equal(rematch.status, 413, rematch.text);
    assert.deepEqual(rematch.json.errors.map((e) => e.field), ['problem.mentees']);
  });

  test('the command line has no limit unless given one', async () => {
    const crowd = { ...EXAMPLE, mentees: [...EXAMPLE.mentees, { id: 'E5' }] };
    assert.equal((await solveFile(crowd)).code, 0);
    const limited = await solveFile(crowd, '--max-people', '7');
    assert.equal(limited.code, 1);
    assert.match(limited.stderr, /mentees: more than 7 mentors and mentees in all/);
  });
});
