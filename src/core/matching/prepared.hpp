// A matching Problem once checked and put in canonical form, shared by solve and
// verify_optimality. Internal to core/matching.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/matching/assignment.hpp"
#include "core/matching/augmenting_paths.hpp"

namespace binome::core::matching::detail {

inline std::uint64_t pair_key(std::uint32_t mentee, std::uint32_t mentor) {
  return (std::uint64_t{mentee} << 32) | mentor;
}

struct Prepared {
  std::uint32_t mentees = 0;
  std::uint32_t mentors = 0;
  const DenseScores* dense = nullptr;  // set for the dense form; then `graph` is empty
  std::vector<std::uint32_t> capacity;
  std::vector<std::uint32_t> room;           // capacity minus locked pairs
  std::vector<std::uint32_t> locked_mentor;  // per mentee, kNoIndex when not locked
  std::vector<double> locked_score;          // per mentee, the locked pair's score
  std::vector<std::uint64_t> forbidden;      // pair keys, sorted, unique
  double min_score = 0;
  double scale = 0;  // max |score| over listed pairs: what tolerances scale with
  // Sparse form: every mentee's allowed pairs (forbidden and below-min_score pairs removed),
  // sorted by mentor index, locked mentees included.
  Graph graph;

  bool locked(std::uint32_t mentee) const { return locked_mentor[mentee] != kNoIndex; }
  // The forbidden mentors of one mentee, sorted.
  std::span<const std::uint64_t> forbidden_of(std::uint32_t mentee) const {
    const auto lo = std::lower_bound(forbidden.begin(), forbidden.end(), pair_key(mentee, 0));
    const auto hi = std::lower_bound(lo, forbidden.end(), pair_key(mentee + 1, 0));
    return {lo, hi};
  }
  bool is_forbidden(std::uint32_t mentee, std::uint32_t mentor) const {
    return std::binary_search(forbidden.begin(), forbidden.end(), pair_key(mentee, mentor));
  }
};

std::expected<Prepared, Error> prepare(const Problem& problem);

// Calls f(mentor, score) for each allowed pair of `mentee` (not forbidden, >= min_score), by
// increasing mentor index. O(row) dense, O(degree) sparse.
template <typename F>
void for_each_allowed(const Prepared& p, std::uint32_t mentee, F&& f) {
  if (p.dense == nullptr) {
    for (std::size_t e = p.graph.row_begin(mentee); e < p.graph.row_end(mentee); ++e) {
      f(p.graph.mentor[e], p.graph.score[e]);
    }
    return;
  }
  const double* row = p.dense->cells.data() + std::size_t{mentee} * p.mentors;
  const auto banned = p.forbidden_of(mentee);
  auto next_ban = banned.begin();
  for (std::uint32_t j = 0; j < p.mentors; ++j) {
    const double x = row[j];
    if (!(x >= p.min_score)) continue;  // NaN: not allowed
    while (next_ban != banned.end() && *next_ban < pair_key(mentee, j)) ++next_ban;
    if (next_ban != banned.end() && *next_ban == pair_key(mentee, j)) continue;
    f(j, x);
  }
}

// The allowed pair's score, if (mentee, mentor) is allowed.
bool allowed_score(const Prepared& p, std::uint32_t mentee, std::uint32_t mentor, double& score);

}  // namespace binome::core::matching::detail
