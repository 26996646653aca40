// `binome match rematch` and POST /api/v1/matching/rematch: dissolve pairs of a previous result
// (with reasons) and re-assign only the people affected. Every other pair is kept, a dissolved
// pair never comes back, the total equals a brute force of the modified problem computed here,
// refusals name their place; admins only, CSRF like every POST; on SQLite and on PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, DEMO, backends, run, startServer } from '../support/binome.mjs';
import { bruteForce } from '../support/matching_brute_force.mjs';

const dir = mkdtempSync(join(tmpdir(), 'binome-rematch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// E1-M1 (0.9) is the best pair; dissolving it moves E1 to M4 and lets E4, unmatched because M1
// was taken, have M1. M3-E3 is locked.
const PROBLEM = {
  mentors: [{ id: 'M1' }, { id: 'M2' }, { id: 'M3' }, { id: 'M4' }],
  mentees: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }, { id: 'E4' }],
  scores: [['M1', 'E1', 0.9], ['M2', 'E1', 0.6], ['M4', 'E1', 0.4], ['M2', 'E2', 0.8],
    ['M3', 'E2', 0.5], ['M3', 'E3', 0.7], ['M1', 'E4', 0.2]],
  locked: [['M3', 'E3']],
};
const DISSOLVE = [{ mentor: 'M1', mentee: 'E1', reason: 'no_rapport', note: 'asked by both' }];

const write = (name, value) => {
  const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const parse = (r) => (r.code === 0 && r.stdout ? JSON.parse(r.stdout) : null);

async function solve(problem) {
  const r = await run(['match', 'solve', '--problem', write('problem', problem)]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function rematchFiles(problem, previous, dissolve, ...args) {
  const files = { problem: write('problem', problem), previous: write('previous', previous), dissolve: write('dissolve', dissolve) };
  const r = await run(['match', 'rematch', '--problem', files.problem, '--previous', files.previous, '--dissolve', files.dissolve, ...args]);
  return { ...r, json: parse(r), files };
}

const pairKeys = (result) => result.pairs.map((p) => `${p.mentor}|${p.mentee}`);

// What every re-match must satisfy: the kept pairs are exactly the previous pairs not dissolved,
// no dissolved pair is formed, and the total is the best of the problem with the kept pairs
// locked and the dissolved ones forbidden.
function checkRematch(problem, previous, dissolve, result) {
  const gone = new Set(dissolve.map((d) => `${d.mentor}|${d.mentee}`));
  const keep = pairKeys(previous).filter((k) => !gone.has(k));
  assert.deepEqual(result.pairs.filter((p) => p.kept).map((p) => `${p.mentor}|${p.mentee}`).sort(), [...keep].sort());
  for (const k of pairKeys(result)) assert.ok(!gone.has(k), `the dissolved pair ${k} came back`);
  assert.equal(result.stats.reassigned_mentees, result.pairs.filter((p) => !p.kept).length);
  const modified = { ...problem, locked: keep.map((k) => k.split('|')), forbidden: [...(problem.forbidden ?? []), ...gone].map((k) => (typeof k === 'string' ? k.split('|') : k)) };
  assert.ok(Math.abs(result.total_score - bruteForce(modified).total) < 1e-9, `${result.total_score} vs ${bruteForce(modified).total}`);
  assert.equal(result.optimal, true);
}

describe('match rematch on the command line', () => {
  test('dissolves the pair, keeps the others, re-assigns the people affected, and --out writes the file', async () => {
    const previous = await solve(PROBLEM);
    assert.deepEqual(pairKeys(previous), ['M1|E1', 'M2|E2', 'M3|E3']);
    const out = join(dir, 'rematched.json');
    const r = await rematchFiles(PROBLEM, previous, DISSOLVE, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(result.pairs.map((p) => [p.mentor, p.mentee, p.kept, p.locked]), [
      ['M4', 'E1', false, false], ['M2', 'E2', true, false], ['M3', 'E3', true, true], ['M1', 'E4', false, false]]);
    assert.deepEqual(result.dissolved, DISSOLVE);
    assert.equal(result.stats.reassigned_mentees, 2);
    assert.equal(result.algorithm, 'optimal');
    checkRematch(PROBLEM, previous, DISSOLVE, result);
  });

  test('a chain of re-matches: the dissolved pairs forbidden in the next problem never come back', async () => {
    let seed = 20261128;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 8; k++) {
      const mentors = Array.from({ length: 2 + Math.floor(rnd() * 3) }, (_, j) => ({ id: `M${j}`, capacity: 1 + Math.floor(rnd() * 2) }));
      const mentees = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => ({ id: `E${i}` }));
      const scores = [];
      for (const m of mentors) for (const e of mentees) if (rnd() < 0.8) scores.push([m.id, e.id, Math.round(rnd() * 100) / 100]);
      let problem = { mentors, mentees, scores };
      let previous = await solve(problem);
      for (let round = 0; round < 2 && previous.pairs.length > 0; round++) {
        const pick = previous.pairs[Math.floor(rnd() * previous.pairs.length)];
        const dissolve = [{ mentor: pick.mentor, mentee: pick.mentee, reason: 'schedule_conflict' }];
        const r = await rematchFiles(problem, previous, dissolve);
        assert.equal(r.code, 0, r.stderr);
        checkRematch(problem, previous, dissolve, r.json);
        assert.deepEqual(r.json.dissolved, [{ ...dissolve[0], note: '' }]);
        problem = { ...problem, forbidden: [...(problem.forbidden ?? []), [pick.mentor, pick.mentee]] };
        previous = r.json;
      }
    }
  });

  test('refusals name the file and the place, with exit code 1; usage errors exit 2', async () => {
    const previous = await solve(PROBLEM);
    const reason = await rematchFiles(PROBLEM, previous, [{ ...DISSOLVE[0], reason: 'bored' }]);
    assert.equal(reason.code, 1);
    assert.match(reason.stderr, new RegExp(`^${reason.files.dissolve.replace(/[.]/g, '\\.')}: dissolve\\[0\\]\\.reason: 'bored' is not a reason: use one of schedule_conflict, no_rapport, participant_left, goals_reached, confidentiality_breach, other$`, 'm'));
    const twice = await rematchFiles(PROBLEM, { pairs: [...previous.pairs, { mentor: 'M3', mentee: 'E2' }] }, DISSOLVE);
    assert.equal(twice.code, 1);
    assert.ok(twice.stderr.includes(`${twice.files.previous}: pairs[3]: mentee 'E2' is already paired at pairs[1]`), twice.stderr);
    const unlisted = await rematchFiles(PROBLEM, { pairs: [{ mentor: 'M4', mentee: 'E2' }, { mentor: 'M3', mentee: 'E3' }] }, []);
    assert.ok(unlisted.stderr.includes(`${unlisted.files.previous}: pairs[0]: mentor 'M4' and mentee 'E2' are not a pair the problem scores`), unlisted.stderr);
    const locked = await rematchFiles(PROBLEM, previous, [{ mentor: 'M3', mentee: 'E3', reason: 'other' }]);
    assert.ok(locked.stderr.includes(`${locked.files.dissolve}: dissolve[0]: mentor 'M3' and mentee 'E3' are locked by the problem`), locked.stderr);
    const stable = await rematchFiles({ ...PROBLEM, algorithm: 'stable' }, previous, DISSOLVE);
    assert.equal(stable.code, 1);
    assert.ok(stable.stderr.includes(`${stable.files.problem}: algorithm: re-matching`), stable.stderr);
    const badProblem = await rematchFiles({ ...PROBLEM, scores: [['M1', 'E9', 1]] }, previous, DISSOLVE);
    assert.ok(badProblem.stderr.includes(`${badProblem.files.problem}: scores[0]: unknown mentee 'E9'`), badProblem.stderr);
    const notJson = await rematchFiles(PROBLEM, previous, '[{"mentor": ');
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /dissolve-\w+\.json: not well-formed JSON/);
    const usage = await run(['match', 'rematch', '--problem', write('problem', PROBLEM)]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--previous is required/);
  });
});

for (const backend of backends()) {
  describe(`POST /api/v1/matching/rematch on ${backend}`, () => {
    let server;
    before(async () => {
      server = await startServer({ backend });
    });
    after(async () => {
      assert.equal(await server.stop(), 0);
    });

    test('an admin gets the same answer as the command line; a mentee is refused', async () => {
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const solved = await admin.request('POST', '/api/v1/matching/solve', { body: PROBLEM });
      assert.equal(solved.status, 200, solved.text);
      const body = { problem: PROBLEM, previous: solved.json, dissolve: DISSOLVE };
      const r = await admin.request('POST', '/api/v1/matching/rematch', { body });
      assert.equal(r.status, 200, r.text);
      checkRematch(PROBLEM, solved.json, DISSOLVE, r.json);
      assert.ok(!pairKeys(r.json).includes('M1|E1'));
      const cli = await rematchFiles(PROBLEM, solved.json, DISSOLVE);
      const { stats: a, ...apiRest } = r.json;
      const { stats: b, ...cliRest } = cli.json;
      assert.deepEqual(apiRest, cliRest);
      assert.equal(a.reassigned_mentees, b.reassigned_mentees);

      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      const refused = await mentee.request('POST', '/api/v1/matching/rematch', { body });
      assert.equal(refused.status, 403);
      assert.match(refused.headers.get('content-type'), /^application\/problem\+json/);
    });

    test('a bad reason, a stranger pair or a missing part is a problem+json naming its place', async () => {
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const previous = { pairs: [{ mentor: 'M1', mentee: 'E1' }, { mentor: 'M2', mentee: 'E2' }, { mentor: 'M3', mentee: 'E3' }] };
      const reason = await admin.request('POST', '/api/v1/matching/rematch', {
        body: { problem: PROBLEM, previous, dissolve: [{ ...DISSOLVE[0], reason: 'bored' }] } });
      assert.equal(reason.status, 422, reason.text);
      assert.match(reason.headers.get('content-type'), /^application\/problem\+json/);
      assert.equal(reason.json.code, 'validation_failed');
      assert.deepEqual(reason.json.errors.map((e) => e.field), ['dissolve[0].reason']);
      const stranger = await admin.request('POST', '/api/v1/matching/rematch', {
        body: { problem: PROBLEM, previous: { pairs: [...previous.pairs, { mentor: 'M1', mentee: 'E9' }] }, dissolve: DISSOLVE } });
      assert.equal(stranger.status, 422);
      assert.deepEqual(stranger.json.errors, [{ field: 'previous.pairs[3]', message: "unknown mentee 'E9' (not in the problem)" }]);
      const notAPair = await admin.request('POST', '/api/v1/matching/rematch', {
        body: { problem: PROBLEM, previous, dissolve: [{ mentor: 'M2', mentee: 'E1', reason: 'other' }] } });
      assert.deepEqual(notAPair.json.errors.map((e) => e.field), ['dissolve[0]']);
      const missing = await admin.request('POST', '/api/v1/matching/rematch', { body: { problem: PROBLEM } });
      assert.deepEqual(missing.json.errors.map((e) => e.field), ['previous', 'dissolve']);
      const npy = await admin.request('POST', '/api/v1/matching/rematch', {
        body: { problem: { ...PROBLEM, scores: undefined, scores_npy: 'x.npy' }, previous, dissolve: DISSOLVE } });
      assert.deepEqual(npy.json.errors.map((e) => e.field), ['problem.scores_npy']);
      const malformed = await admin.request('POST', '/api/v1/matching/rematch', { body: '{"problem":', raw: true, headers: { 'content-type': 'application/json' } });
      assert.equal(malformed.status, 400);
    });

    test('with cookie authentication the CSRF header is required', async () => {
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const body = { problem: PROBLEM, previous: { pairs: [] }, dissolve: [] };
      const missing = await admin.request('POST', '/api/v1/matching/rematch', { body, headers: { 'x-csrf-token': '' } });
      assert.equal(missing.status, 403);
      assert.equal(missing.json.code, 'csrf_missing');
      const forged = await admin.request('POST', '/api/v1/matching/rematch', { body, headers: { 'x-csrf-token': 'forged' } });
      assert.equal(forged.status, 403);
      assert.equal(forged.json.code, 'csrf_invalid');
      // With no previous pair, the problem's lock is missing from it: a refusal, not a crash.
      const unlocked = await admin.request('POST', '/api/v1/matching/rematch', { body });
      assert.deepEqual(unlocked.json.errors.map((e) => e.field), ['previous.pairs']);
      const fresh = await admin.request('POST', '/api/v1/matching/rematch', { body: { ...body, problem: { ...PROBLEM, locked: [] } } });
      assert.equal(fresh.status, 200, fresh.text);
      assert.equal(fresh.json.stats.reassigned_mentees, 3); // from nothing: a full solve
    });
  });
}
