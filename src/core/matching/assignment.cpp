#include "core/matching/assignment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "core/matching/augmenting_paths.hpp"
#include "core/matching/prepared.hpp"
#include "core/matching/two_level.hpp"

namespace binome::core::matching {

using detail::AugmentingPathSolver;
using detail::Graph;
using detail::kNoIndex;
using detail::pair_key;
using detail::Prepared;
using detail::SolverState;

SparseScores sparse_scores(const std::vector<std::vector<Candidate>>& candidates) {
  SparseScores s;
  s.offsets.reserve(candidates.size() + 1);
  s.offsets.push_back(0);
  for (const auto& list : candidates) {
    for (const Candidate& c : list) {
      s.mentors.push_back(c.mentor);
      s.scores.push_back(c.score);
    }
    s.offsets.push_back(static_cast<std::int64_t>(s.mentors.size()));
  }
  return s;
}

namespace {

// A graph from sorted, unique pair keys; scores read from the dense matrix.
Graph graph_from_keys(const Prepared& p, const std::vector<std::uint64_t>& keys) {
  Graph g;
  g.mentees = p.mentees;
  g.mentors = p.mentors;
  g.row_start.assign(std::size_t{p.mentees} + 1, 0);
  g.mentor.reserve(keys.size());
  g.score.reserve(keys.size());
  for (const std::uint64_t key : keys) {
    const auto i = static_cast<std::uint32_t>(key >> 32);
    const auto j = static_cast<std::uint32_t>(key);
    ++g.row_start[i + 1];
    g.mentor.push_back(j);
    g.score.push_back(p.dense->cells[std::size_t{i} * p.mentors + j]);
  }
  for (std::uint32_t i = 0; i < p.mentees; ++i) g.row_start[i + 1] += g.row_start[i];
  return g;
}

// A best-first list of at most `limit` (score, index) entries: decreasing score, then
// increasing rank(index). Returns the new size.
template <typename Rank>
std::uint32_t insert_best(std::pair<double, std::uint32_t>* list, std::uint32_t size,
                          std::uint32_t limit, double score, std::uint32_t index, Rank rank) {
  std::uint32_t pos = size;
  while (pos > 0 && (list[pos - 1].first < score ||
                     (list[pos - 1].first == score && rank(index) < rank(list[pos - 1].second)))) {
    --pos;
  }
  const std::uint32_t last = size < limit ? size : limit - 1;
  for (std::uint32_t k = last; k > pos; --k) list[k] = list[k - 1];
  list[pos] = {score, index};
  return size < limit ? size + 1 : limit;
}

// The candidate subset of a large dense problem, in one pass over the matrix: each unlocked
// mentee's kDenseRowCandidates best mentors and each mentor's best unlocked mentees. Equal
// scores are broken by a rotation (mentee i prefers mentors i, i+1, ... mod m; mentor j prefers
// mentees j, j+1, ... mod n) so that ties spread over the matrix instead of all pointing at
// index 0, which would leave the subset without a good assignment.
Graph dense_subset(const Prepared& p) {
  const std::uint32_t n = p.mentees;
  const std::uint32_t m = p.mentors;
  const double* cells = p.dense->cells.data();
  // x > floor exactly when x >= min_score (and false for NaN).
  const double floor = std::nextafter(p.min_score, -std::numeric_limits<double>::infinity());
  std::uint32_t unlocked = 0;
  for (std::uint32_t i = 0; i < n; ++i) unlocked += p.locked(i) ? 0U : 1U;

  std::vector<std::uint32_t> column_limit(m);
  std::vector<std::size_t> column_base(std::size_t{m} + 1, 0);
  for (std::uint32_t j = 0; j < m; ++j) {
    column_limit[j] =
        std::min(unlocked, kDenseColumnCandidates + std::min(p.room[j], kDenseColumnCandidates));
    column_base[j + 1] = column_base[j] + column_limit[j];
  }
  std::vector<std::pair<double, std::uint32_t>> column_best(column_base[m]);
  std::vector<std::uint32_t> column_size(m, 0);
  // A cell can enter column j's list only if x >= column_threshold[j] (then checked exactly).
  std::vector<double> column_threshold(m, floor);
  for (std::uint32_t j = 0; j < m; ++j) {
    if (column_limit[j] == 0) column_threshold[j] = std::numeric_limits<double>::infinity();
  }

  const std::uint32_t row_limit = std::min(m, kDenseRowCandidates);
  std::vector<std::pair<double, std::uint32_t>> row_best(row_limit + 1);
  std::vector<std::uint64_t> keys;
  keys.reserve(std::size_t{unlocked} * row_limit + column_base[m]);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (p.locked(i) || row_limit == 0) continue;
    const double* row = cells + std::size_t{i} * m;
    const auto banned = p.forbidden_of(i);
    const auto is_banned = [&](std::uint32_t j) {
      return !banned.empty() && std::binary_search(banned.begin(), banned.end(), pair_key(i, j));
    };
    // Mentors are visited in the row's rotated order, so arrival order breaks its ties.
    const auto row_rank = [](std::uint32_t) { return 0U; };
    std::uint32_t row_size = 0;
    double row_threshold = floor;
    const std::uint32_t first = i % m;
    for (const auto& [lo, hi] : {std::pair{first, m}, std::pair{0U, first}}) {
      for (std::uint32_t j = lo; j < hi; ++j) {
        const double x = row[j];
        if (x > row_threshold) [[unlikely]] {
          if (!is_banned(j)) {
            row_size = insert_best(row_best.data(), row_size, row_limit, x, j, row_rank);
            if (row_size == row_limit) row_threshold = row_best[row_limit - 1].first;
          }
        }
        if (x >= column_threshold[j]) [[unlikely]] {
          auto* list = column_best.data() + column_base[j];
          const std::uint32_t size = column_size[j];
          const std::uint32_t limit = column_limit[j];
          const auto column_rank = [&](std::uint32_t mentee) { return (mentee + n - j % n) % n; };
          const bool enters = size < limit
                                  ? x > floor
                                  : x > list[limit - 1].first ||
                                        column_rank(i) < column_rank(list[limit - 1].second);
          if (enters && !is_banned(j)) {
            column_size[j] = insert_best(list, size, limit, x, i, column_rank);
            if (column_size[j] == limit) column_threshold[j] = list[limit - 1].first;
          }
        }
      }
    }
    for (std::uint32_t k = 0; k < row_size; ++k) keys.push_back(pair_key(i, row_best[k].second));
  }
  for (std::uint32_t j = 0; j < m; ++j) {
    for (std::uint32_t k = 0; k < column_size[j]; ++k) {
      keys.push_back(pair_key(column_best[column_base[j] + k].second, j));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return graph_from_keys(p, keys);
}

// Adds the cells `extra` (sorted keys) to `g`; returns false when all were there already.
bool add_cells(const Prepared& p, Graph& g, const std::vector<std::uint64_t>& extra) {
  std::vector<std::uint64_t> keys;
  keys.reserve(g.mentor.size() + extra.size());
  for (std::uint32_t i = 0; i < g.mentees; ++i) {
    for (std::size_t e = g.row_begin(i); e < g.row_end(i); ++e)
      keys.push_back(pair_key(i, g.mentor[e]));
  }
  const std::size_t before = keys.size();
  keys.insert(keys.end(), extra.begin(), extra.end());
  std::inplace_merge(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(before), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.size() == before) return false;
  g = graph_from_keys(p, keys);
  return true;
}

// 1 when cell score x breaks the duals (its reduced cost is lexicographically negative, the
// score level compared with `slack`), else 0. Doubles and selects only, so that the loop over a
// row vectorises (with SSE2, comparisons into bool or integer masks do not).
template <typename W>
inline double violation(double x, double min_score, double score_sum, double pairs_sum,
                        double slack) {
  const double rs = score_sum - x;
  const double rp = pairs_sum - 1.0;
  const double allowed = x >= min_score ? 1.0 : 0.0;  // 0 for NaN
  if constexpr (std::is_same_v<W, ScoreThenPairs>) {
    const double below = rs < -slack ? 1.0 : 0.0;
    const double tied = rs < slack ? 1.0 : 0.0;
    const double fewer = rp < -0.5 ? 1.0 : 0.0;
    return allowed * std::max(below, tied * fewer);
  } else {
    const double fewer = rp < -0.5 ? 1.0 : 0.0;
    const double tied = rp < 0.5 ? 1.0 : 0.0;
    const double below = rs < -slack ? 1.0 : 0.0;
    return allowed * std::max(fewer, tied * below);
  }
}

// The allowed cells of unlocked mentees whose reduced cost is negative under `state`'s duals.
template <typename W>
std::vector<std::uint64_t> find_violations(const Prepared& p, const SolverState<W>& state,
                                           double slack) {
  constexpr std::uint32_t kBlock = 256;
  const std::uint32_t m = p.mentors;
  std::vector<double> vs(m);
  std::vector<double> vp(m);
  for (std::uint32_t j = 0; j < m; ++j) {
    vs[j] = score_level(state.mentor_potential[j]);
    vp[j] = static_cast<double>(pairs_level(state.mentor_potential[j]));
  }
  std::vector<std::uint64_t> found;
  for (std::uint32_t i = 0; i < p.mentees; ++i) {
    if (p.locked(i)) continue;
    const double us = score_level(state.mentee_potential[i]);
    const double up = static_cast<double>(pairs_level(state.mentee_potential[i]));
    const double* row = p.dense->cells.data() + std::size_t{i} * m;
    for (std::uint32_t j0 = 0; j0 < m; j0 += kBlock) {
      const std::uint32_t j1 = std::min(m, j0 + kBlock);
      double hits = 0;
      for (std::uint32_t j = j0; j < j1; ++j) {
        hits += violation<W>(row[j], p.min_score, us + vs[j], up + vp[j], slack);
      }
      if (hits == 0) continue;  // the usual case
      for (std::uint32_t j = j0; j < j1; ++j) {
        if (violation<W>(row[j], p.min_score, us + vs[j], up + vp[j], slack) > 0 &&
            !p.is_forbidden(i, j)) {
          found.push_back(pair_key(i, j));
        }
      }
    }
  }
  return found;
}

template <typename W>
SolverState<W> solve_dense(const Prepared& p, const std::vector<bool>& active) {
  const detail::DenseView view{p.dense->cells.data(), p.mentees, p.mentors, p.min_score,
                               p.forbidden};
  const auto solve_whole = [&] {
    AugmentingPathSolver<W> solver(view, p.room, active);
    solver.solve();
    return solver.take_state();
  };
  const std::size_t cells = std::size_t{p.mentees} * p.mentors;
  if (cells <= kDenseDirectCells) return solve_whole();
  Graph graph = dense_subset(p);
  const double slack = 1e-10 * p.scale;
  for (int round = 1;; ++round) {
    AugmentingPathSolver<W> solver(graph, p.room, active);
    solver.solve();
    SolverState<W> state = solver.take_state();
    const auto violations = find_violations(p, state, slack);
    if (violations.empty()) return state;
    // Many violations mean the subset missed the structure of the scores (a product a_i * b_j,
    // say): the whole matrix is then cheaper than growing the subset round after round.
    if (round >= kDenseRounds || violations.size() > graph.mentor.size()) return solve_whole();
    if (!add_cells(p, graph, violations)) return state;  // only rounding noise on known pairs
  }
}

template <typename W>
Dual to_dual(W w) {
  return {score_level(w), pairs_level(w)};
}

template <typename W>
Result assemble(const Prepared& p, const SolverState<W>& state, Objective objective) {
  const std::uint32_t n = p.mentees;
  const std::uint32_t m = p.mentors;
  Result r;
  r.objective = objective;
  r.mentor_of.assign(n, kUnmatched);
  std::vector<std::uint32_t> load(m, 0);
  W bound{};
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t j = kNoIndex;
    double score = 0;
    const bool locked = p.locked(i);
    if (locked) {
      j = p.locked_mentor[i];
      score = p.locked_score[i];
      bound += make_two_level<W>(score, 1);
    } else if (state.mentor_of[i] != kNoIndex) {
      j = state.mentor_of[i];
      [[maybe_unused]] const bool allowed = detail::allowed_score(p, i, j, score);
    }
    if (j == kNoIndex) continue;
    r.mentor_of[i] = static_cast<std::int32_t>(j);
    ++load[j];
    r.pairs.push_back({static_cast<std::int32_t>(i), static_cast<std::int32_t>(j), score, locked});
    r.total_score += score;
    ++r.matched;
  }

  // Reasons, O(E): a mentee lacks partners, finds them all full, or (kScore) would lower the
  // total with those that have room; likewise for a mentor with room.
  r.mentee_reason.assign(n, Reason::kNone);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (r.mentor_of[i] != kUnmatched) continue;
    bool any = false;
    bool room = false;
    detail::for_each_allowed(p, i, [&](std::uint32_t j, double) {
      any = true;
      room = room || load[j] < p.capacity[j];
    });
    r.mentee_reason[i] = !any   ? Reason::kNoAllowedPartner
                         : room ? Reason::kWouldLowerTotal
                                : Reason::kPartnersTaken;
  }
  r.mentor_reason.assign(m, Reason::kNone);
  bool mentor_with_room = false;
  for (std::uint32_t j = 0; j < m; ++j)
    mentor_with_room = mentor_with_room || load[j] < p.capacity[j];
  if (mentor_with_room) {
    std::vector<bool> listed(m, false);
    std::vector<bool> listed_by_free(m, false);
    for (std::uint32_t i = 0; i < n; ++i) {
      const bool free = r.mentor_of[i] == kUnmatched;
      detail::for_each_allowed(p, i, [&](std::uint32_t j, double) {
        listed[j] = true;
        if (free) listed_by_free[j] = true;
      });
    }
    for (std::uint32_t j = 0; j < m; ++j) {
      if (load[j] >= p.capacity[j]) continue;
      r.mentor_reason[j] = !listed[j]          ? Reason::kNoAllowedPartner
                           : listed_by_free[j] ? Reason::kWouldLowerTotal
                                               : Reason::kPartnersTaken;
    }
  }

  r.mentee_dual.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (p.locked(i)) continue;
    r.mentee_dual[i] = to_dual(state.mentee_potential[i]);
    bound += state.mentee_potential[i];
  }
  r.mentor_dual.resize(m);
  for (std::uint32_t j = 0; j < m; ++j) {
    const W v = state.mentor_potential[j];
    r.mentor_dual[j] = to_dual(v);
    if (v == W{}) continue;
    const auto room = static_cast<std::int64_t>(p.room[j]);
    bound += make_two_level<W>(score_level(v) * static_cast<double>(room), pairs_level(v) * room);
  }
  r.dual_bound = to_dual(bound);
  return r;
}

template <typename W>
Result solve_as(const Prepared& p, Objective objective) {
  std::vector<bool> active(p.mentees);
  for (std::uint32_t i = 0; i < p.mentees; ++i) active[i] = !p.locked(i);
  if (p.dense != nullptr) return assemble(p, solve_dense<W>(p, active), objective);
  AugmentingPathSolver<W> solver(p.graph, p.room, active);
  solver.solve();
  return assemble(p, solver.state(), objective);
}

}  // namespace

std::expected<Result, Error> solve(const Problem& problem) {
  auto prepared = detail::prepare(problem);
  if (!prepared) return std::unexpected(std::move(prepared.error()));
  return problem.objective == Objective::kScore
             ? solve_as<ScoreThenPairs>(*prepared, problem.objective)
             : solve_as<PairsThenScore>(*prepared, problem.objective);
}

}  // namespace binome::core::matching
