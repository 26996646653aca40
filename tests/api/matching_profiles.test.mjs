// Scores from profiles through `binome match solve` and POST /api/v1/matching/solve: random
// small cohorts scored here, independently, from the formulas of docs/matching.md ("Scores from
// profiles"); the engine's pairs, explanations and exclusions must agree, and its total must
// equal a brute force over the scores computed here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, DEMO, run, startServer } from '../support/binome.mjs';

const dir = mkdtempSync(join(tmpdir(), 'binome-profiles-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// UTC offsets, in minutes, in the week of 2026-01-05 (no daylight saving time then).
const ZONES = { 'Europe/Paris': 60, 'Europe/London': 0, 'America/New_York': -300, 'Asia/Kolkata': 330, 'Asia/Singapore': 480 };
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const SKILLS = ['generative_ai', 'cybersecurity', 'open_banking', 'risk', 'client_relationship', 'leadership'];
const INTERESTS = ['jazz', 'running', 'chess', 'cinema'];
const LANGUAGES = ['fr', 'en', 'de'];
const CRITERIA = ['skills', 'reverse', 'interests', 'availability', 'cross_department'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomProblem(seed, mentees, mentors) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(list)))];
  const hh = (h) => `${String(h).padStart(2, '0')}:${r() < 0.5 ? '00' : '30'}`;
  const profile = (senior) => {
    const from = 8 + Math.floor(r() * 8);
    return {
      skills: Object.fromEntries(some(SKILLS, 3).map((s) => [s, Math.floor(r() * 9)])),
      goals: Object.fromEntries(some(SKILLS, 2).map((s) => [s, 0.5 + Math.floor(r() * 3) / 2])),
      interests: some(INTERESTS, 2),
      availability: [`${pick(DAYS)} ${hh(from)}-${hh(from + 1 + Math.floor(r() * 3))}`],
      languages: some(LANGUAGES, 2),
      time_zone: pick(Object.keys(ZONES)),
      department: pick(['IT', 'Retail', 'Risk']),
      grade: senior ? 3 + Math.floor(r() * 4) : Math.floor(r() * 4),
      managers: r() < 0.3 ? ['B1'] : [pick(['B2', 'B3', 'B4']), 'B1'],
    };
  };
  const p = {
    objective: 'score',
    min_score: 0.05,
    week_of: '2026-01-05',
    mentors: Array.from({ length: mentors }, (_, j) => ({ id: `M${j}`, capacity: 1 + (j % 2) })),
    mentees: Array.from({ length: mentees }, (_, i) => ({ id: `E${i}` })),
    weights: { skills: 0.4, reverse: 0.2, interests: 0.1, availability: 0.2, cross_department: 0.1 },
    rules: { min_grade_gap: 1, max_time_zone_hours: 6, reporting_lines: true, common_language: true },
    profiles: {},
    forbidden: [['M0', 'E0']],
    dissolved: [['M1', 'E1']],
  };
  for (const m of p.mentors) p.profiles[m.id] = profile(false);
  for (const e of p.mentees) p.profiles[e.id] = profile(true);
  return p;
}

// The UTC half-hours of a profile's availability.
function utcSlots(profile) {
  const out = new Set();
  const shift = Math.round(ZONES[profile.time_zone] / 30);
  for (const slot of profile.availability) {
    const [day, range] = slot.split(' ');
    const [from, to] = range.split('-').map((t) => Number(t.slice(0, 2)) * 2 + (t.endsWith('30') ? 1 : 0));
    for (let h = from; h < to; h++) out.add((((DAYS.indexOf(day) * 48 + h - shift) % 336) + 336) % 336);
  }
  return out;
}

// What docs/matching.md says a pair scores and which rules it breaks.
function scorePair(p, mentorId, menteeId) {
  const m = p.profiles[mentorId];
  const e = p.profiles[menteeId];
  const ahead = (teacher, learner, goals) => {
    const total = Object.values(goals).reduce((a, b) => a + b, 0);
    if (total === 0) return 0;
    let sum = 0;
    for (const [skill, w] of Object.entries(goals)) sum += w * Math.max(0, (teacher[skill] ?? 0) - (learner[skill] ?? 0));
    return sum / (8 * total);
  };
  const shared = e.interests.filter((t) => m.interests.includes(t)).length;
  const union = new Set([...e.interests, ...m.interests]).size;
  const em = utcSlots(e);
  const common = [...utcSlots(m)].filter((h) => em.has(h)).length / 2;
  const values = {
    skills: ahead(m.skills, e.skills, e.goals),
    reverse: ahead(e.skills, m.skills, m.goals),
    interests: union ? shared / union : 0,
    availability: Math.min(common, 2) / 2,
    cross_department: m.department !== e.department ? 1 : 0,
  };
  const weightSum = CRITERIA.reduce((a, c) => a + p.weights[c], 0);
  const score = CRITERIA.reduce((a, c) => a + p.weights[c] * values[c], 0) / weightSum;
  const rules = [];
  if (!e.languages.some((l) => m.languages.includes(l))) rules.push('common_language');
  if (e.grade - m.grade < p.rules.min_grade_gap) rules.push('hierarchy_inversion');
  if (m.managers.includes(menteeId) || e.managers.includes(mentorId)) rules.push('management_chain');
  if (m.managers[0] === e.managers[0]) rules.push('same_manager');
  const apart = Math.abs(ZONES[m.time_zone] - ZONES[e.time_zone]);
  if (Math.min(apart, 1440 - apart) > p.rules.max_time_zone_hours * 60) rules.push('time_zone_distance');
  if (p.forbidden.some(([a, b]) => a === mentorId && b === menteeId)) rules.push('forbidden');
  if (p.dissolved.some(([a, b]) => a === mentorId && b === menteeId)) rules.push('dissolved_before');
  return { score, values, rules, common };
}

// The best total over every assignment of the allowed pairs at or above min_score.
function bruteForce(p, allowed) {
  const cap = p.mentors.map((m) => m.capacity);
  let best = 0;
  const walk = (i, total) => {
    if (i === p.mentees.length) {
      best = Math.max(best, total);
      return;
    }
    walk(i + 1, total);
    p.mentors.forEach((m, j) => {
      const s = allowed.get(`${m.id}|${p.mentees[i].id}`);
      if (s === undefined || cap[j] === 0) return;
      cap[j]--;
      walk(i + 1, total + s);
      cap[j]++;
    });
  };
  walk(0, 0);
  return best;
}

async function solveFile(problem) {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(problem));
  const r = await run(['match', 'solve', '--problem', file]);
  return { ...r, json: r.code === 0 ? JSON.parse(r.stdout) : null };
}

describe('match solve with profiles', () => {
  test('scores, explanations and exclusions follow the documented formulas; the total is optimal', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const p = randomProblem(seed, 7, 5);
      const { code, stderr, json } = await solveFile(p);
      assert.equal(code, 0, stderr);
      const allowed = new Map();
      let excluded = 0;
      const listed = new Map(json.excluded.listed.map((x) => [`${x.mentor}|${x.mentee}`, x.rules]));
      for (const m of p.mentors) {
        for (const e of p.mentees) {
          const mine = scorePair(p, m.id, e.id);
          if (mine.rules.length) {
            excluded++;
            assert.deepEqual(listed.get(`${m.id}|${e.id}`), mine.rules, `${m.id}-${e.id} rules (seed ${seed})`);
          } else if (mine.score >= p.min_score) {
            allowed.set(`${m.id}|${e.id}`, mine.score);
          }
        }
      }
      assert.equal(json.excluded.total, excluded, `seed ${seed}`);
      assert.equal(json.optimal, true);
      for (const pair of json.pairs) {
        const mine = scorePair(p, pair.mentor, pair.mentee);
        assert.deepEqual(mine.rules, [], `${pair.mentor}-${pair.mentee} breaks no rule`);
        assert.ok(Math.abs(pair.score - mine.score) < 2e-6, `${pair.mentor}-${pair.mentee}: ${pair.score} vs ${mine.score}`);
        assert.equal(pair.explanation.common_hours, mine.common);
        for (const c of CRITERIA) {
          assert.ok(Math.abs(pair.explanation.criteria[c].value - mine.values[c]) < 2e-6, `${c} of ${pair.mentor}-${pair.mentee}`);
        }
      }
      // Not vacuous: some pairs are allowed, some excluded, some formed.
      assert.ok(allowed.size > 0 && excluded > 0 && json.pairs.length > 0, `seed ${seed}: a cohort worth testing`);
      const best = bruteForce(p, allowed);
      assert.ok(Math.abs(json.total_score - best) < 1e-5 * p.mentees.length, `seed ${seed}: ${json.total_score} vs ${best}`);
    }
  });

  test('a faulty profile is refused with its place, exit code 1', async () => {
    const p = randomProblem(9, 3, 2);
    p.profiles.M0.availability = ['monday 9-11'];
    p.profiles.E2.time_zone = 'Mars/Olympus';
    p.rules.max_time_zone = 3;
    const { code, stderr } = await solveFile(p);
    assert.equal(code, 1);
    assert.match(stderr, /profiles\.M0\.availability\[0\]: must be a slot such as "mon 09:00-11:30"/);
    assert.match(stderr, /profiles\.E2\.time_zone: 'Mars\/Olympus' is not a known time zone/);
    assert.match(stderr, /rules\.max_time_zone: unknown rule/);
  });
});

describe('POST /api/v1/matching/solve with profiles', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('the same answer as the command line for an admin; 403 for a mentee; 422 names the place', async () => {
    const p = randomProblem(5, 6, 4);
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    const r = await admin.request('POST', '/api/v1/matching/solve', { body: p });
    assert.equal(r.status, 200, r.text);
    const cli = await solveFile(p);
    const { stats: a, ...apiRest } = r.json;
    const { stats: b, ...cliRest } = cli.json;
    assert.deepEqual(apiRest, cliRest);
    assert.equal(a.week_of, '2026-01-05');
    const mentee = new Client(server.url);
    await mentee.login(DEMO.mentee);
    assert.equal((await mentee.request('POST', '/api/v1/matching/solve', { body: p })).status, 403);
    const bad = await admin.request('POST', '/api/v1/matching/solve', {
      body: { ...p, weights: { skills: -1 } },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json.errors.map((e) => e.field), ['weights.skills']);
  });

  test('a cohort file of several megabytes is accepted by solve and rematch (other routes take 1 MiB)', async () => {
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    // An ignored field makes the body large without making the cohort slow to solve.
    const p = { ...randomProblem(6, 5, 4), notes: 'x'.repeat(3 << 20) };
    const solved = await admin.request('POST', '/api/v1/matching/solve', { body: p });
    assert.equal(solved.status, 200, solved.text);
    const rematched = await admin.request('POST', '/api/v1/matching/rematch', {
      body: { problem: p, previous: { pairs: solved.json.pairs }, dissolve: [] },
    });
    assert.equal(rematched.status, 200, rematched.text);
    assert.equal(rematched.json.pairs.length, solved.json.pairs.length);
    const users = await admin.request('POST', '/api/v1/users', { body: { notes: 'x'.repeat(3 << 20) } });
    assert.equal(users.status, 413);
  });
});
