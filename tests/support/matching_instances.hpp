// Matching instances for the solver's tests: candidate lists per mentee, with forbidden and
// locked pairs, turned into the solver's sparse or dense problem; and rapidcheck's draws.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "core/matching/assignment.hpp"

namespace binome::testing {

namespace m = core::matching;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Instance {
  int mentees = 0;
  int mentors = 0;
  std::vector<int> capacity;
  std::vector<std::vector<m::Candidate>> lists;  // per mentee
  std::vector<m::Pair> forbidden;
  std::vector<m::Pair> locked;
  double min_score = 0;
  m::Objective objective = m::Objective::kScore;

  std::optional<double> listed(int i, int j) const {
    for (const m::Candidate& c : lists[static_cast<std::size_t>(i)]) {
      if (c.mentor == j) return c.score;
    }
    return std::nullopt;
  }
  bool is_forbidden(int i, int j) const {
    return std::find(forbidden.begin(), forbidden.end(), m::Pair{i, j}) != forbidden.end();
  }
  // Allowed for a new pair: listed, not forbidden, at or above min_score.
  std::optional<double> allowed(int i, int j) const {
    const auto s = listed(i, j);
    if (!s || is_forbidden(i, j) || *s < min_score) return std::nullopt;
    return s;
  }
  int locked_to(int i) const {
    for (const m::Pair& l : locked) {
      if (l.mentee == i) return l.mentor;
    }
    return m::kUnmatched;
  }
};

inline m::Problem sparse_problem(const Instance& x) {
  return m::Problem{.capacities = x.capacity,
                    .scores = m::sparse_scores(x.lists),
                    .forbidden = x.forbidden,
                    .locked = x.locked,
                    .min_score = x.min_score,
                    .objective = x.objective};
}

// The same problem as a matrix, unlisted pairs NaN.
inline m::Problem dense_problem(const Instance& x) {
  const auto mentors = static_cast<std::size_t>(x.mentors);
  m::DenseScores d{x.mentees, x.mentors,
                   std::vector<double>(static_cast<std::size_t>(x.mentees) * mentors, kNaN)};
  for (int i = 0; i < x.mentees; ++i) {
    for (const m::Candidate& c : x.lists[static_cast<std::size_t>(i)]) {
      d.cells[static_cast<std::size_t>(i) * mentors + static_cast<std::size_t>(c.mentor)] = c.score;
    }
  }
  m::Problem p = sparse_problem(x);
  p.scores = std::move(d);
  return p;
}

// Uniform in [lo, hi) whatever rapidcheck's current size (which would shrink the ranges, and
// with them most instances, to nothing); failures still shrink towards lo.
inline int pick(int lo, int hi) {
  return *rc::gen::resize(100, rc::gen::inRange(lo, hi));
}

}  // namespace binome::testing
