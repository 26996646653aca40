// Matching problems generated from a seed, for the memory benchmark (bench/matching_memory.sh)
// and for tests that need a problem that is large or slow (a request over its time budget).
//
//   node bench/matching_problem.mjs people 100000 > p.json           # mentors = mentees = N/2, no scores
//   node bench/matching_problem.mjs pairs 20000 50 > p.json          # N mentees and mentors, K scores each
//   node bench/matching_problem.mjs profiles 5000 > p.json           # a bank-like profile cohort, N x N
//   node bench/matching_problem.mjs tied-profiles 5000 > p.json      # N x N profiles whose scores tie
//
// Or, from a test: import { tiedProfiles } from '../../bench/matching_problem.mjs'.
//
// tied-profiles: every mentor teaches one skill at a level from 1 to 8 that every mentee wants,
// and wants one the mentee teaches at a level of its own: the score is a_j + b_i, the structure
// that defeats the candidate subset (docs/performance.md), so the exact solve re-checks every
// pair round after round. 5,000 x 5,000 is 0.8 MB of JSON and runs for more than 5 minutes in
// the release build (without a stop; docs/matching.md, "Limits and stopping"); 2,000 x 2,000
// (0.3 MB, small enough to be searched whole) about 25 s.

function rng(seed) {
  let s = BigInt(seed) & 0xffffffffffffffffn;
  return () => {
    // splitmix64
    s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
  };
}

const people = (prefix, n) => Array.from({ length: n }, (_, k) => ({ id: `${prefix}${k}` }));

export function peopleOnly(total) {
  return { mentors: people('M', Math.ceil(total / 2)), mentees: people('E', Math.floor(total / 2)), scores: [] };
}

export function pairs(n, perMentee, seed = 1) {
  const random = rng(seed);
  const scores = [];
  for (let i = 0; i < n; i++) {
    const taken = new Set();
    while (taken.size < Math.min(perMentee, n)) taken.add(Math.floor(random() * n));
    for (const j of taken) scores.push([`M${j}`, `E${i}`, Math.round(random() * 1e6) / 1e6]);
  }
  return { mentors: people('M', n), mentees: people('E', n), scores };
}

export function tiedProfiles(n, seed = 1) {
  const random = rng(seed);
  const level = () => 1 + Math.floor(random() * 8);
  const profiles = {};
  for (let j = 0; j < n; j++) profiles[`M${j}`] = { skills: { ai: level() }, goals: { risk: 1 }, languages: ['fr'] };
  for (let i = 0; i < n; i++) profiles[`E${i}`] = { skills: { risk: level() }, goals: { ai: 1 }, languages: ['fr'] };
  return {
    week_of: '2026-03-02',
    weights: { skills: 1, reverse: 1 },
    rules: { min_grade_gap: null },
    mentors: people('M', n),
    mentees: people('E', n),
    profiles,
  };
}

export function bankProfiles(n, seed = 1) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const some = (list, lo, hi) => {
    const out = new Set();
    const k = lo + Math.floor(random() * (hi - lo + 1));
    while (out.size < k) out.add(pick(list));
    return [...out];
  };
  const digital = Array.from({ length: 14 }, (_, k) => `digital_${k}`);
  const business = Array.from({ length: 10 }, (_, k) => `business_${k}`);
  const interests = Array.from({ length: 40 }, (_, k) => `interest_${k}`);
  const zones = ['Europe/Paris', 'Europe/London', 'America/New_York', 'Asia/Singapore', 'Asia/Kolkata'];
  const days = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const departments = Array.from({ length: 9 }, (_, k) => `D${k}`);
  const profile = (teaches, learns, grades) => ({
    skills: Object.fromEntries(some(teaches, 2, 5).map((s) => [s, 3 + Math.floor(random() * 6)])),
    goals: Object.fromEntries(some(learns, 2, 4).map((s) => [s, 1 + Math.floor(random() * 3)])),
    interests: some(interests, 1, 5),
    availability: some(days, 3, 5).map((d) => `${d} ${String(9 + 2 * Math.floor(random() * 4)).padStart(2, '0')}:00-${String(11 + 2 * Math.floor(random() * 4)).padStart(2, '0')}:00`).filter((s) => s.slice(4, 6) < s.slice(10, 12)),
    languages: random() < 0.5 ? ['fr', 'en'] : ['en'],
    time_zone: pick(zones),
    department: pick(departments),
    grade: grades[0] + Math.floor(random() * (grades[1] - grades[0] + 1)),
  });
  const profiles = {};
  const mentors = people('M', n).map((m, j) => ({ ...m, capacity: 1 + (j % 3) }));
  for (const m of mentors) profiles[m.id] = profile(digital, business, [0, 5]);
  const mentees = people('E', n);
  for (const e of mentees) profiles[e.id] = profile(business, digital, [4, 10]);
  return { week_of: '2026-03-02', min_score: 0.2, rules: { max_time_zone_hours: 4, reporting_lines: false }, mentors, mentees, profiles };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, size, extra] = process.argv.slice(2);
  const n = Number(size);
  const doc =
    kind === 'people' ? peopleOnly(n)
    : kind === 'pairs' ? pairs(n, Number(extra ?? 10))
    : kind === 'profiles' ? bankProfiles(n)
    : kind === 'tied-profiles' ? tiedProfiles(n)
    : null;
  if (!doc || !(n >= 0)) {
    process.stderr.write('usage: node bench/matching_problem.mjs people|pairs|profiles|tied-profiles N [K]\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(doc));
}
