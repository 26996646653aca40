// An independent oracle for the assignment solver: the same problem solved as a min-cost flow by
// LEMON 1.3's NetworkSimplex, with integer weights so that its totals are exact.
// LEMON does not compile as C++20, so this interface is plain C++17 (it compiles as C++17 and
// C++23) and includes neither LEMON nor Binôme: the tests translate their instances into it.
//
// Rules (those of core/matching/assignment.hpp): a pair is formed only if listed among the
// mentee's candidates, not forbidden and weighing >= min_weight; a locked pair is always kept
// and uses its mentor's capacity (min_weight does not apply to it); kScore maximises the total
// weight, then the number of pairs; kCoverage the number of pairs, then the total weight.
#pragma once

#include <cstdint>
#include <vector>

namespace binome::lemon_oracle {

enum class Objective { kScore, kCoverage };

inline constexpr std::int32_t kUnmatched = -1;

struct Candidate {
  std::int32_t mentor = 0;
  std::int64_t weight = 0;
};

struct Pair {
  std::int32_t mentee = 0;
  std::int32_t mentor = 0;
};

struct Instance {
  std::vector<std::int32_t> capacities;            // one per mentor
  std::vector<std::vector<Candidate>> candidates;  // one list per mentee, any order
  std::vector<Pair> forbidden;                     // may name unlisted pairs
  std::vector<Pair> locked;                        // each listed, not forbidden
  std::int64_t min_weight = 0;
  Objective objective = Objective::kScore;
};

struct Optimum {
  std::vector<std::int32_t> mentor_of;  // per mentee, kUnmatched when none
  std::int64_t total = 0;               // the weights of all pairs, locked ones included
  std::int32_t pairs = 0;               // locked ones included
};

// The optimum of `instance`. Throws std::invalid_argument on an instance the solver's contract
// rejects (an index out of range, a mentor listed twice for a mentee, a lock not listed or
// forbidden, a mentee locked twice, a mentor locked beyond its capacity) or whose weights are too
// large for exact int64 costs; std::runtime_error if NetworkSimplex does not report OPTIMAL.
Optimum solve(const Instance& instance);

}  // namespace binome::lemon_oracle
