#include "core/matching/prepared.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <variant>

namespace binome::core::matching::detail {

namespace {

constexpr std::size_t kMaxIndex =
    static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());

bool check_dense(const DenseScores& d, std::size_t mentors, Prepared& p, MatchingProblems& problems) {
  if (d.mentees < 0) problems.add("scores.mentees", msg("matching.not_negative"));
  if (d.mentors < 0 || static_cast<std::size_t>(d.mentors) != mentors) {
    problems.add("scores.mentors", msg("matching.mentor_count", {count("count", mentors)}));
  }
  if (!problems.empty()) return false;
  const std::size_t n = static_cast<std::size_t>(d.mentees);
  p.mentees = static_cast<std::uint32_t>(n);
  p.dense = &d;
  if (d.computed != nullptr) {
    if (!d.cells.empty()) problems.add("scores.cells", msg("matching.cells_computed"));
    p.scale = d.computed->max_abs_score();
    if (!std::isfinite(p.scale) || p.scale < 0) {
      problems.add("scores.computed", msg("matching.computed_unbounded"));
    }
    if (!problems.empty()) return false;
    // Small matrices are computed once: every path of the solver then reads them in place,
    // the whole-matrix search included.
    if (n * mentors <= d.materialised_cells) {
      p.computed_cells.resize(n * mentors);
      for (std::size_t i = 0; i < n; ++i) {
        if (p.stopped()) return false;
        d.computed->row(static_cast<std::uint32_t>(i), p.computed_cells.data() + i * mentors);
      }
      p.materialised = true;
    }
    return true;
  }
  if (d.cells.size() != n * mentors) {
    problems.add("scores.cells", msg("matching.cells_size", {count("rows", n), count("cols", mentors)}));
    return false;
  }
  // One branch-free pass with four independent maxima (NaN never wins a comparison); an
  // infinite cell makes the maximum infinite, and only then are the cells listed.
  double top[4] = {0, 0, 0, 0};
  const std::size_t size = d.cells.size();
  const double* cells = d.cells.data();
  std::size_t k = 0;
  for (; k + 4 <= size; k += 4) {
    for (std::size_t t = 0; t < 4; ++t) {
      const double a = std::abs(cells[k + t]);
      top[t] = a > top[t] ? a : top[t];
    }
  }
  for (; k < size; ++k) {
    const double a = std::abs(cells[k]);
    top[0] = a > top[0] ? a : top[0];
  }
  const double scale = std::max(std::max(top[0], top[1]), std::max(top[2], top[3]));
  if (std::isinf(scale)) {
    for (std::size_t c = 0; c < size; ++c) {
      if (std::isinf(cells[c])) {
        problems.add(fmt::format("scores.cells[{}]", c), msg("matching.finite_or_nan"));
      }
    }
  }
  p.scale = scale;
  return true;
}

bool check_sparse(const SparseScores& s, std::size_t mentors, Prepared& p, MatchingProblems& problems) {
  const auto& offsets = s.offsets;
  if (s.mentors.size() != s.scores.size()) {
    problems.add("scores.scores", msg("matching.scores_size"));
  }
  if (offsets.empty()) {
    if (!s.mentors.empty())
      problems.add("scores.offsets", msg("matching.offsets_empty"));
  } else {
    bool monotone = offsets.front() == 0;
    for (std::size_t i = 1; i < offsets.size() && monotone; ++i) {
      monotone = offsets[i] >= offsets[i - 1];
    }
    if (!monotone || static_cast<std::uint64_t>(offsets.back()) != s.mentors.size()) {
      problems.add("scores.offsets", msg("matching.offsets_order"));
    }
  }
  if (!problems.empty()) return false;
  const std::size_t n = offsets.empty() ? 0 : offsets.size() - 1;
  if (n > kMaxIndex) {
    problems.add("scores.offsets", msg("matching.too_many_mentees"));
    return false;
  }
  p.mentees = static_cast<std::uint32_t>(n);
  double scale = 0;
  for (std::size_t e = 0; e < s.mentors.size(); ++e) {
    const std::int32_t j = s.mentors[e];
    if (j < 0 || static_cast<std::size_t>(j) >= mentors) {
      problems.add(fmt::format("scores.mentors[{}]", e), msg("matching.no_mentor_index", {count("mentor", j)}));
    }
    if (!std::isfinite(s.scores[e])) {
      problems.add(fmt::format("scores.scores[{}]", e), msg("matching.finite"));
    } else {
      scale = std::max(scale, std::abs(s.scores[e]));
    }
  }
  p.scale = scale;
  return problems.empty();
}

// The canonical graph of the sparse form: rows sorted by mentor, duplicates reported, forbidden
// and below-min_score pairs dropped.
void build_sparse_graph(const SparseScores& s, Prepared& p, MatchingProblems& problems) {
  Graph& g = p.graph;
  g.mentees = p.mentees;
  g.mentors = p.mentors;
  g.row_start.assign(std::size_t{p.mentees} + 1, 0);
  g.mentor.reserve(s.mentors.size());
  g.score.reserve(s.mentors.size());
  std::vector<std::pair<std::uint32_t, double>> row;
  for (std::uint32_t i = 0; i < p.mentees; ++i) {
    const auto begin = static_cast<std::size_t>(s.offsets[i]);
    const auto end = static_cast<std::size_t>(s.offsets[i + 1]);
    row.clear();
    bool sorted = true;
    for (std::size_t e = begin; e < end; ++e) {
      row.emplace_back(static_cast<std::uint32_t>(s.mentors[e]), s.scores[e]);
      if (e > begin && s.mentors[e] <= s.mentors[e - 1]) sorted = false;
    }
    if (!sorted) {
      std::stable_sort(row.begin(), row.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (std::size_t k = 1; k < row.size(); ++k) {
        if (row[k].first == row[k - 1].first) {
          problems.add(fmt::format("scores (mentee {})", i),
                       msg("matching.mentor_listed_twice", {count("mentor", row[k].first)}));
        }
      }
    }
    const auto banned = p.forbidden_of(i);
    auto next_ban = banned.begin();
    for (const auto& [j, x] : row) {
      while (next_ban != banned.end() && *next_ban < pair_key(i, j)) ++next_ban;
      if (next_ban != banned.end() && *next_ban == pair_key(i, j)) continue;
      if (!(x >= p.min_score)) continue;
      g.mentor.push_back(j);
      g.score.push_back(x);
    }
    g.row_start[i + 1] = g.mentor.size();
  }
}

// The score of a listed pair, whatever min_score and forbidden pairs say.
bool listed_score(const Problem& problem, const Prepared& p, std::uint32_t i, std::uint32_t j,
                  double& score) {
  if (p.dense != nullptr) {
    score = p.cell(i, j);
    return !std::isnan(score);
  }
  const auto& s = std::get<SparseScores>(problem.scores);
  for (auto e = static_cast<std::size_t>(s.offsets[i]);
       e < static_cast<std::size_t>(s.offsets[i + 1]); ++e) {
    if (static_cast<std::uint32_t>(s.mentors[e]) == j) {
      score = s.scores[e];
      return true;
    }
  }
  return false;
}

}  // namespace

}  // namespace binome::core::matching::detail

namespace binome::core::matching {

Error stopped_error() { return Error{ErrorCode::kTimeBudgetExceeded, msg("matching.stopped"), {}, 0}; }

}  // namespace binome::core::matching

namespace binome::core::matching::detail {

std::expected<Prepared, Error> prepare(const Problem& problem, std::stop_token stop) {
  if (stop.stop_requested()) return std::unexpected(stopped_error());
  Prepared p;
  p.stop = std::move(stop);
  MatchingProblems problems;
  const std::size_t m = problem.capacities.size();
  if (m > kMaxIndex) return validation_failed({{"capacities", msg("matching.too_many_mentors")}});
  p.mentors = static_cast<std::uint32_t>(m);
  p.capacity.resize(m);
  for (std::size_t j = 0; j < m; ++j) {
    const std::int32_t c = problem.capacities[j];
    if (c < 1) problems.add(fmt::format("capacities[{}]", j), msg("matching.capacity_at_least_one"));
    p.capacity[j] = c < 1 ? 0 : static_cast<std::uint32_t>(c);
  }
  if (!std::isfinite(problem.min_score)) problems.add("min_score", msg("matching.finite"));
  p.min_score = problem.min_score;

  const bool shape_ok = std::holds_alternative<DenseScores>(problem.scores)
                            ? check_dense(std::get<DenseScores>(problem.scores), m, p, problems)
                            : check_sparse(std::get<SparseScores>(problem.scores), m, p, problems);
  if (p.stopped()) return std::unexpected(stopped_error());
  if (!shape_ok || !problems.empty()) return std::move(problems).fail();
  const std::uint32_t n = p.mentees;
  // Every sum the solver and its proof form (the total, the potentials, the dual bound) is at
  // most the largest score times the people, with room for the proof's margins: past the
  // largest double it would be infinite, and the answer meaningless.
  const double people = static_cast<double>(n) + static_cast<double>(m) + 1.0;
  if (p.scale * people * 4.0 > std::numeric_limits<double>::max()) {
    return validation_failed({{"scores", msg("matching.scores_overflow", {count("people", n + m)})}});
  }

  const auto in_range = [&](const Pair& pair) {
    return pair.mentee >= 0 && static_cast<std::uint32_t>(pair.mentee) < n && pair.mentor >= 0 &&
           static_cast<std::uint32_t>(pair.mentor) < p.mentors;
  };
  for (std::size_t k = 0; k < problem.forbidden.size(); ++k) {
    const Pair& f = problem.forbidden[k];
    if (!in_range(f)) {
      problems.add(fmt::format("forbidden[{}]", k),
                   msg("matching.no_pair_index", {count("mentee", f.mentee), count("mentor", f.mentor)}));
      continue;
    }
    p.forbidden.push_back(
        pair_key(static_cast<std::uint32_t>(f.mentee), static_cast<std::uint32_t>(f.mentor)));
  }
  std::sort(p.forbidden.begin(), p.forbidden.end());
  p.forbidden.erase(std::unique(p.forbidden.begin(), p.forbidden.end()), p.forbidden.end());

  if (p.dense == nullptr) {
    build_sparse_graph(std::get<SparseScores>(problem.scores), p, problems);
  }

  p.locked_mentor.assign(n, kNoIndex);
  p.locked_score.assign(n, 0.0);
  p.room = p.capacity;
  std::vector<std::uint32_t> locks_of(m, 0);
  for (std::size_t k = 0; k < problem.locked.size(); ++k) {
    const Pair& l = problem.locked[k];
    const std::string field = fmt::format("locked[{}]", k);
    if (!in_range(l)) {
      problems.add(field, msg("matching.no_pair_index", {count("mentee", l.mentee), count("mentor", l.mentor)}));
      continue;
    }
    const auto i = static_cast<std::uint32_t>(l.mentee);
    const auto j = static_cast<std::uint32_t>(l.mentor);
    if (p.locked_mentor[i] != kNoIndex) {
      problems.add(field, msg("matching.locked_twice_index", {count("mentee", i)}));
      continue;
    }
    double score = 0;
    if (p.is_forbidden(i, j)) {
      problems.add(field, msg("matching.locked_forbidden_index", {count("mentee", i), count("mentor", j)}));
      continue;
    }
    if (!listed_score(problem, p, i, j, score)) {
      problems.add(field, msg("matching.locked_not_allowed_index", {count("mentee", i), count("mentor", j)}));
      continue;
    }
    p.locked_mentor[i] = j;
    p.locked_score[i] = score;
    if (++locks_of[j] == p.capacity[j] + 1) {
      problems.add(field, msg("matching.locked_over_capacity_index", {count("mentor", j), count("capacity", p.capacity[j])}));
    }
  }
  if (!problems.empty()) return std::move(problems).fail();
  for (std::size_t j = 0; j < m; ++j) p.room[j] = p.capacity[j] - locks_of[j];
  return p;
}

std::uint32_t row_threads() { return std::clamp(std::thread::hardware_concurrency(), 1U, 8U); }

const double* Prepared::row_block(std::uint32_t first) const {
  const std::uint32_t count = std::min(kRowBlock, mentees - first);
  block_.resize(std::size_t{count} * mentors);
  // Rows are independent: each thread computes a contiguous share, so the block is the same
  // whatever the number of threads.
  in_parallel(count, row_threads(), [&](std::uint32_t, std::uint32_t from, std::uint32_t to) {
    if (from < to) dense->computed->rows(first + from, to - from, mentors, block_.data() + std::size_t{from} * mentors);
  });
  block_first_ = first;
  block_count_ = count;
  return block_.data();
}

bool allowed_score(const Prepared& p, std::uint32_t mentee, std::uint32_t mentor, double& score) {
  if (p.dense != nullptr) {
    score = p.cell(mentee, mentor);
    return score >= p.min_score && !p.is_forbidden(mentee, mentor);
  }
  const auto begin =
      p.graph.mentor.begin() + static_cast<std::ptrdiff_t>(p.graph.row_begin(mentee));
  const auto end = p.graph.mentor.begin() + static_cast<std::ptrdiff_t>(p.graph.row_end(mentee));
  const auto it = std::lower_bound(begin, end, mentor);
  if (it == end || *it != mentor) return false;
  score = p.graph.score[static_cast<std::size_t>(it - p.graph.mentor.begin())];
  return true;
}

}  // namespace binome::core::matching::detail
