// The matching tests' oracle, written independently of the engine: every assignment of mentees
// to mentors (or none), respecting capacities, forbidden pairs, min_score and locks (their seats
// taken first); the best total (score objective) or the most pairs, then the best total.
export function bruteForce(p) {
  const mentorIndex = new Map(p.mentors.map((m, j) => [m.id, j]));
  const score = new Map(p.scores.map(([m, e, s]) => [`${m}|${e}`, s]));
  const forbidden = new Set((p.forbidden ?? []).map(([m, e]) => `${m}|${e}`));
  const locked = new Map((p.locked ?? []).map(([m, e]) => [e, m]));
  const cap = p.mentors.map((m) => m.capacity ?? 1);
  // Locked pairs hold their seats from the start: an earlier mentee cannot take them.
  for (const [e, m] of locked) cap[mentorIndex.get(m)]--;
  let best = null;
  const walk = (i, total, pairs) => {
    if (i === p.mentees.length) {
      const better = !best || (p.objective === 'coverage'
        ? pairs > best.pairs || (pairs === best.pairs && total > best.total + 1e-12)
        : total > best.total + 1e-12);
      if (better) best = { total, pairs };
      return;
    }
    const e = p.mentees[i].id;
    if (locked.has(e)) {
      walk(i + 1, total + score.get(`${locked.get(e)}|${e}`), pairs + 1);
      return;
    }
    walk(i + 1, total, pairs);
    for (const [m, j] of mentorIndex) {
      const s = score.get(`${m}|${e}`);
      if (s === undefined || forbidden.has(`${m}|${e}`) || s < (p.min_score ?? 0) || cap[j] === 0) continue;
      if (p.objective !== 'coverage' && s < 0) continue;
      cap[j]--;
      walk(i + 1, total + s, pairs + 1);
      cap[j]++;
    }
  };
  walk(0, 0, 0);
  return best;
}
