// A matching Problem once checked and put in canonical form, shared by solve and
// verify_optimality. Internal to core/matching.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <stop_token>
#include <thread>
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
  // A computed matrix small enough (kMaterialisedCells) is computed once, here.
  std::vector<double> computed_cells;
  bool materialised = false;
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
  // Checked before each row of a pass over the matrix and by the solver before each search.
  std::stop_token stop;
  bool stopped() const { return stop.stop_requested(); }

  // Rows of a computed matrix read in order: a block of them, computed together.
  static constexpr std::uint32_t kRowBlock = 64;
  mutable std::vector<double> block_;
  mutable std::uint32_t block_first_ = 0;
  mutable std::uint32_t block_count_ = 0;
  mutable std::uint32_t last_row_ = kNoIndex;
  const double* row_block(std::uint32_t first) const;

  bool locked(std::uint32_t mentee) const { return locked_mentor[mentee] != kNoIndex; }
  // The dense matrix in memory (stored, or computed once); nullptr when it is computed row by
  // row (or for the sparse form).
  const double* cells() const {
    if (dense == nullptr) return nullptr;
    if (dense->computed == nullptr) return dense->cells.data();
    return materialised ? computed_cells.data() : nullptr;
  }
  bool in_memory() const {
    return dense != nullptr && (dense->computed == nullptr || materialised);
  }
  // Mentee i's row of the dense form: in place, or computed. A computed row is valid until the
  // next call. Reading rows in order computes them kRowBlock at a time on all cores (row_block).
  // Not for several threads at once (the block is shared): passes on several threads read their
  // rows with a RowCursor each.
  const double* row(std::uint32_t mentee, std::vector<double>& buffer) const {
    if (in_memory()) return cells() + std::size_t{mentee} * mentors;
    const bool in_order = mentee == last_row_ + 1 || mentee == 0;
    last_row_ = mentee;
    if (mentee >= block_first_ && mentee < block_first_ + block_count_) {
      return block_.data() + std::size_t{mentee - block_first_} * mentors;
    }
    if (in_order) return row_block(mentee);
    buffer.resize(mentors);
    dense->computed->row(mentee, buffer.data());
    return buffer.data();
  }
  double cell(std::uint32_t mentee, std::uint32_t mentor) const {
    if (in_memory()) return cells()[std::size_t{mentee} * mentors + mentor];
    return dense->computed->cell(mentee, mentor);
  }
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

// Fails with stopped_error() when `stop` is requested while a computed matrix is materialised.
std::expected<Prepared, Error> prepare(const Problem& problem, std::stop_token stop = {});

// The threads a pass over a computed matrix uses: the cores, at most 8.
std::uint32_t row_threads();

// Runs scan(part, first, last) for `parts` contiguous ranges of [0, n), each on its own thread
// (part 0 on the caller's); returns when all are done.
template <typename F>
void in_parallel(std::uint32_t n, std::uint32_t parts, F&& scan) {
  const std::uint32_t share = (n + parts - 1) / parts;
  std::vector<std::jthread> helpers;
  for (std::uint32_t t = 1; t < parts; ++t) {
    helpers.emplace_back(
        [&scan, t, share, n] { scan(t, std::min(n, t * share), std::min(n, (t + 1) * share)); });
  }
  scan(0U, 0U, std::min(n, share));
}

// Reads the rows of a computed matrix in increasing order on one thread, a block at a time.
class RowCursor {
 public:
  explicit RowCursor(const Prepared& p) : p_(p) {}
  const double* row(std::uint32_t mentee) {
    if (mentee < first_ || mentee >= first_ + count_) {
      first_ = mentee;
      count_ = std::min(Prepared::kRowBlock / 4, p_.mentees - mentee);
      block_.resize(std::size_t{count_} * p_.mentors);
      p_.dense->computed->rows(first_, count_, p_.mentors, block_.data());
    }
    return block_.data() + std::size_t{mentee - first_} * p_.mentors;
  }

 private:
  const Prepared& p_;
  std::vector<double> block_;
  std::uint32_t first_ = 0;
  std::uint32_t count_ = 0;
};

template <typename F>
void for_each_allowed_in(const Prepared& p, std::uint32_t mentee, const double* row, F&& f);

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
  thread_local std::vector<double> buffer;  // a computed row; reused, rows can be 160 kB
  for_each_allowed_in(p, mentee, p.row(mentee, buffer), f);
}

// The same over mentee's dense row, given.
template <typename F>
void for_each_allowed_in(const Prepared& p, std::uint32_t mentee, const double* row, F&& f) {
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
