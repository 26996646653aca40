#include "core/matching/assignment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
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
  std::size_t read = 0;
  for (const std::uint64_t key : keys) {
    // A computed cell costs about a microsecond, and a grown subset holds millions of them:
    // stopped, the graph is cut short (a valid graph, whose answer is thrown away).
    if ((++read & 0xFFFU) == 0 && p.stopped()) break;
    const auto i = static_cast<std::uint32_t>(key >> 32);
    const auto j = static_cast<std::uint32_t>(key);
    ++g.row_start[i + 1];
    g.mentor.push_back(j);
    g.score.push_back(p.cell(i, j));
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
// mentee's best mentors and each mentor's best unlocked mentees. Equal scores are broken by a
// rotation (mentee i prefers mentors i, i+1, ... mod m; mentor j prefers mentees j, j+1, ...
// mod n) so that ties spread over the matrix instead of all pointing at index 0, which would
// leave the subset without a good assignment. A column's list is the best entries under
// (score, rotated rank), a total order: scanning rows in parts and merging the parts' lists
// gives the same lists as one scan, so a computed matrix is scanned on every core.
class SubsetScan {
 public:
  SubsetScan(const Prepared& p, std::uint32_t row_limit,
             const std::vector<std::uint32_t>& column_limit,
             const std::vector<std::size_t>& column_base)
      : p_(p),
        n_(p.mentees),
        floor_(std::nextafter(p.min_score, -std::numeric_limits<double>::infinity())),
        row_limit_(row_limit),
        column_limit_(column_limit),
        column_base_(column_base),
        column_best_(column_base.back()),
        column_size_(p.mentors, 0),
        column_threshold_(p.mentors, floor_),
        column_last_rank_(p.mentors, 0),
        row_best_(row_limit + 1) {
    // A cell can enter column j's list only if x >= column_threshold[j] (then checked exactly).
    for (std::uint32_t j = 0; j < p.mentors; ++j) {
      if (column_limit_[j] == 0) column_threshold_[j] = std::numeric_limits<double>::infinity();
    }
  }

  // x > floor exactly when x >= min_score (and false for NaN).
  void scan_row(std::uint32_t i, const double* row) {
    const std::uint32_t m = p_.mentors;
    const auto banned = p_.forbidden_of(i);
    const auto is_banned = [&](std::uint32_t j) {
      return !banned.empty() && std::binary_search(banned.begin(), banned.end(), pair_key(i, j));
    };
    // Mentors are visited in the row's rotated order, so arrival order breaks its ties.
    const auto row_rank = [](std::uint32_t) { return 0U; };
    std::uint32_t row_size = 0;
    double row_threshold = floor_;
    const std::uint32_t first = i % m;
    for (const auto& [lo, hi] : {std::pair{first, m}, std::pair{0U, first}}) {
      for (std::uint32_t j = lo; j < hi; ++j) {
        const double x = row[j];
        if (x > row_threshold) [[unlikely]] {
          if (!is_banned(j)) {
            row_size = insert_best(row_best_.data(), row_size, row_limit_, x, j, row_rank);
            if (row_size == row_limit_) row_threshold = row_best_[row_limit_ - 1].first;
          }
        }
        if (x >= column_threshold_[j]) [[unlikely]] {
          if (enters(j, x, i) && !is_banned(j)) add_to_column(j, x, i);
        }
      }
    }
    for (std::uint32_t k = 0; k < row_size; ++k) keys_.push_back(pair_key(i, row_best_[k].second));
  }

  // Takes in the column lists of a scan of later rows.
  void merge(const SubsetScan& later) {
    for (std::uint32_t j = 0; j < p_.mentors; ++j) {
      const auto* list = later.column_best_.data() + column_base_[j];
      for (std::uint32_t k = 0; k < later.column_size_[j]; ++k) {
        if (enters(j, list[k].first, list[k].second))
          add_to_column(j, list[k].first, list[k].second);
      }
    }
    keys_.insert(keys_.end(), later.keys_.begin(), later.keys_.end());
  }

  // The row candidates and the column lists, as sorted unique pair keys.
  std::vector<std::uint64_t> keys() && {
    for (std::uint32_t j = 0; j < p_.mentors; ++j) {
      for (std::uint32_t k = 0; k < column_size_[j]; ++k) {
        keys_.push_back(pair_key(column_best_[column_base_[j] + k].second, j));
      }
    }
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
    return std::move(keys_);
  }

 private:
  std::uint32_t column_rank(std::uint32_t j, std::uint32_t mentee) const {
    const std::uint32_t start = j % n_;
    return mentee >= start ? mentee - start : mentee + n_ - start;
  }
  // Whether (x, i) finds room or beats the last of a full list, read from the threshold and
  // rank arrays rather than the lists: profile scores tie often, and the lists lie far apart.
  // A column with no room has an infinite threshold.
  bool enters(std::uint32_t j, double x, std::uint32_t i) const {
    if (column_size_[j] < column_limit_[j]) return x > floor_;
    return x > column_threshold_[j] ||
           (x == column_threshold_[j] && column_rank(j, i) < column_last_rank_[j]);
  }
  // A column's list is a heap whose top is its worst entry: inserting costs O(log k), which
  // matters when scores tie often and lists keep changing.
  void add_to_column(std::uint32_t j, double x, std::uint32_t i) {
    auto* list = column_best_.data() + column_base_[j];
    const std::uint32_t limit = column_limit_[j];
    const auto better = [&](const std::pair<double, std::uint32_t>& a,
                            const std::pair<double, std::uint32_t>& b) {
      return a.first > b.first ||
             (a.first == b.first && column_rank(j, a.second) < column_rank(j, b.second));
    };
    std::uint32_t& size = column_size_[j];
    if (size == limit) {
      std::pop_heap(list, list + size, better);
      --size;
    }
    list[size++] = {x, i};
    std::push_heap(list, list + size, better);
    if (size == limit) {
      column_threshold_[j] = list[0].first;
      column_last_rank_[j] = column_rank(j, list[0].second);
    }
  }

  const Prepared& p_;
  std::uint32_t n_;
  double floor_;
  std::uint32_t row_limit_;
  const std::vector<std::uint32_t>& column_limit_;
  const std::vector<std::size_t>& column_base_;
  std::vector<std::pair<double, std::uint32_t>> column_best_;
  std::vector<std::uint32_t> column_size_;
  std::vector<double> column_threshold_;
  std::vector<std::uint32_t> column_last_rank_;
  std::vector<std::pair<double, std::uint32_t>> row_best_;
  std::vector<std::uint64_t> keys_;
};

Graph dense_subset(const Prepared& p) {
  const std::uint32_t n = p.mentees;
  const std::uint32_t m = p.mentors;
  const std::uint32_t row_candidates = p.in_memory() ? kDenseRowCandidates : kComputedRowCandidates;
  const std::uint32_t column_candidates =
      p.in_memory() ? kDenseColumnCandidates : kComputedColumnCandidates;
  std::uint32_t unlocked = 0;
  for (std::uint32_t i = 0; i < n; ++i) unlocked += p.locked(i) ? 0U : 1U;
  std::vector<std::uint32_t> column_limit(m);
  std::vector<std::size_t> column_base(std::size_t{m} + 1, 0);
  for (std::uint32_t j = 0; j < m; ++j) {
    column_limit[j] =
        std::min(unlocked, column_candidates + std::min(p.room[j], column_candidates));
    column_base[j + 1] = column_base[j] + column_limit[j];
  }
  const std::uint32_t row_limit = std::min(m, row_candidates);
  if (row_limit == 0) return graph_from_keys(p, {});

  if (p.in_memory()) {
    SubsetScan scan(p, row_limit, column_limit, column_base);
    std::vector<double> buffer;
    for (std::uint32_t i = 0; i < n && !p.stopped(); ++i) {
      if (!p.locked(i)) scan.scan_row(i, p.row(i, buffer));
    }
    return graph_from_keys(p, std::move(scan).keys());
  }
  const std::uint32_t parts = detail::row_threads();
  std::vector<SubsetScan> scans;
  for (std::uint32_t t = 0; t < parts; ++t)
    scans.emplace_back(p, row_limit, column_limit, column_base);
  detail::in_parallel(n, parts, [&](std::uint32_t t, std::uint32_t from, std::uint32_t to) {
    detail::RowCursor rows(p);
    for (std::uint32_t i = from; i < to && !p.stopped(); ++i) {
      if (!p.locked(i)) scans[t].scan_row(i, rows.row(i));
    }
  });
  for (std::uint32_t t = 1; t < parts; ++t) scans[0].merge(scans[t]);
  return graph_from_keys(p, std::move(scans[0]).keys());
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
  // Rows in parts (on every core for a computed matrix), their findings joined in order.
  const std::uint32_t parts = p.in_memory() ? 1U : detail::row_threads();
  std::vector<std::vector<std::uint64_t>> found_in(parts);
  detail::in_parallel(p.mentees, parts, [&](std::uint32_t t, std::uint32_t from, std::uint32_t to) {
    std::vector<double> buffer;
    std::optional<detail::RowCursor> rows;
    if (!p.in_memory()) rows.emplace(p);
    std::vector<std::uint64_t>& found = found_in[t];
    for (std::uint32_t i = from; i < to && !p.stopped(); ++i) {
      if (p.locked(i)) continue;
      const double us = score_level(state.mentee_potential[i]);
      const double up = static_cast<double>(pairs_level(state.mentee_potential[i]));
      const double* row = rows ? rows->row(i) : p.row(i, buffer);
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
  });
  std::vector<std::uint64_t> found;
  for (const auto& part : found_in) found.insert(found.end(), part.begin(), part.end());
  return found;
}

// `subset`: the candidate subset the answer was found on, when it was (empty otherwise).
template <typename W>
SolverState<W> solve_dense(const Prepared& p, const std::vector<bool>& active, Graph& subset) {
  const detail::DenseView view{p.cells(), p.mentees, p.mentors, p.min_score, p.forbidden};
  const auto solve_whole = [&] {
    AugmentingPathSolver<W> solver(view, p.room, active, p.stop);
    solver.solve();
    return solver.take_state();
  };
  // A matrix computed row by row is never searched whole: its subset grows until it holds.
  const bool in_memory = p.in_memory();
  const std::size_t cells = std::size_t{p.mentees} * p.mentors;
  if (in_memory && cells <= kDenseDirectCells) return solve_whole();
  Graph graph = dense_subset(p);
  const double slack = 1e-10 * p.scale;
  for (int round = 1;; ++round) {
    AugmentingPathSolver<W> solver(graph, p.room, active, p.stop);
    solver.solve();
    SolverState<W> state = solver.take_state();
    // Stopped: the state is no answer, and the rounds of a computed matrix would go on.
    if (p.stopped()) return state;
    const auto violations = find_violations(p, state, slack);
    if (violations.empty()) {
      subset = std::move(graph);
      return state;
    }
    // Many violations mean the subset missed the structure of the scores (a product a_i * b_j,
    // say): the whole matrix is then cheaper than growing the subset round after round.
    if (in_memory && (round >= kDenseRounds || violations.size() > graph.mentor.size())) {
      return solve_whole();
    }
    if (!add_cells(p, graph, violations)) {  // only rounding noise on known pairs
      subset = std::move(graph);
      return state;
    }
  }
}

// `subset`: for a matrix computed row by row, the candidate subset it was solved on (every
// mentor with an allowed pair has one there); it spares the reasons a pass over every row.
template <typename W>
Result assemble(const Prepared& p, const SolverState<W>& state, Objective objective,
                const Graph* subset) {
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
  for (std::uint32_t i = 0; i < n && !p.stopped(); ++i) {
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
    if (subset != nullptr) {
      for (const std::uint32_t j : subset->mentor) listed[j] = true;
    }
    for (std::uint32_t i = 0; i < n && !p.stopped(); ++i) {
      const bool free = r.mentor_of[i] == kUnmatched;
      if (subset != nullptr && !free && !p.locked(i)) continue;  // the subset lists its mentors
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
  if (p.dense != nullptr) {
    Graph subset;
    const SolverState<W> state = solve_dense<W>(p, active, subset);
    if (p.stopped()) return Result{};
    return assemble(p, state, objective, p.in_memory() ? nullptr : &subset);
  }
  AugmentingPathSolver<W> solver(p.graph, p.room, active, p.stop);
  solver.solve();
  if (p.stopped()) return Result{};
  return assemble(p, solver.state(), objective, nullptr);
}

}  // namespace

std::expected<Result, Error> solve(const Problem& problem, std::stop_token stop) {
  auto prepared = detail::prepare(problem, std::move(stop));
  if (!prepared) return std::unexpected(std::move(prepared.error()));
  Result result = problem.objective == Objective::kScore
                      ? solve_as<ScoreThenPairs>(*prepared, problem.objective)
                      : solve_as<PairsThenScore>(*prepared, problem.objective);
  // Sticky: a stop requested at any point means some pass gave up, so the result is not one.
  if (prepared->stopped()) return std::unexpected(stopped_error());
  return result;
}

}  // namespace binome::core::matching
