// verify_optimality: the proof check, independent of how the solver found its answer.
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/matching/assignment.hpp"
#include "core/matching/prepared.hpp"
#include "core/matching/two_level.hpp"

namespace binome::core::matching {

using detail::kNoIndex;
using detail::Prepared;

namespace {

// Signs with a tolerance on the score level. kCoverage: the pair level decides exactly, the score
// level only among equal pair levels. kScore: the score level (the proof of the maximum total).
bool at_least_zero(ScoreThenPairs r, double tol) {
  return r.first >= -tol;
}
bool near_zero(ScoreThenPairs r, double tol) {
  return std::abs(r.first) <= tol;
}
bool above_zero(ScoreThenPairs r, double tol) {
  return r.first > tol;
}
bool at_least_zero(PairsThenScore r, double tol) {
  return r.first > 0 || (r.first == 0 && r.second >= -tol);
}
bool near_zero(PairsThenScore r, double tol) {
  return r.first == 0 && std::abs(r.second) <= tol;
}
bool above_zero(PairsThenScore r, double tol) {
  return r.first > 0 || (r.first == 0 && r.second > tol);
}

template <typename W>
W from_dual(const Dual& d) {
  return make_two_level<W>(d.score, d.pairs);
}

template <typename W>
std::string show(W w) {
  return fmt::format("(score {}, pairs {})", score_level(w), pairs_level(w));
}

template <typename W>
void verify_as(const Prepared& p, const Result& result, Optimality& o) {
  const std::uint32_t n = p.mentees;
  const std::uint32_t m = p.mentors;
  const double tol = 1e-9 * p.scale;
  const double total_tol = tol * (static_cast<double>(n) + static_cast<double>(m) + 1.0);
  o.tolerance = total_tol;
  const auto fail_with = [&](std::string why) { o.failure = std::move(why); };

  if (result.mentor_of.size() != n || result.mentee_dual.size() != n ||
      result.mentor_dual.size() != m) {
    return fail_with("the result's sizes do not match the problem");
  }

  // Primal feasibility, recomputed from the problem.
  std::vector<std::uint32_t> load(m, 0);
  std::vector<MatchedPair> pairs;
  double total = 0;
  W locked_part{};
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::int32_t mentor = result.mentor_of[i];
    if (p.locked(i) && mentor != static_cast<std::int32_t>(p.locked_mentor[i])) {
      return fail_with(fmt::format("mentee {} is not with the mentor it is locked to", i));
    }
    if (mentor == kUnmatched) continue;
    if (mentor < 0 || static_cast<std::uint32_t>(mentor) >= m) {
      return fail_with(fmt::format("mentee {} has no mentor {}", i, mentor));
    }
    const auto j = static_cast<std::uint32_t>(mentor);
    double score = p.locked_score[i];
    if (!p.locked(i) && !detail::allowed_score(p, i, j, score)) {
      return fail_with(fmt::format("the pair (mentee {}, mentor {}) is not allowed", i, j));
    }
    if (p.locked(i)) locked_part += make_two_level<W>(score, 1);
    ++load[j];
    pairs.push_back({static_cast<std::int32_t>(i), mentor, score, p.locked(i)});
    total += score;
  }
  for (std::uint32_t j = 0; j < m; ++j) {
    if (load[j] > p.capacity[j]) {
      return fail_with(
          fmt::format("mentor {} has {} mentees, capacity {}", j, load[j], p.capacity[j]));
    }
  }
  if (result.pairs != pairs) return fail_with("the pairs do not match mentor_of");
  if (result.matched != static_cast<std::int32_t>(pairs.size())) {
    return fail_with("the number matched does not match the pairs");
  }
  if (!(std::abs(result.total_score - total) <= total_tol)) {
    return fail_with(
        fmt::format("total_score {} but the pairs add up to {}", result.total_score, total));
  }

  // Dual feasibility and complementary slackness.
  W bound = locked_part;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (p.locked(i)) continue;
    const W u = from_dual<W>(result.mentee_dual[i]);
    if (!at_least_zero(u, tol))
      return fail_with(fmt::format("mentee {}'s dual {} < 0", i, show(u)));
    if (above_zero(u, tol) && result.mentor_of[i] == kUnmatched) {
      return fail_with(fmt::format("mentee {} is unmatched with dual {} > 0", i, show(u)));
    }
    bound += u;
  }
  for (std::uint32_t j = 0; j < m; ++j) {
    const W v = from_dual<W>(result.mentor_dual[j]);
    if (!at_least_zero(v, tol))
      return fail_with(fmt::format("mentor {}'s dual {} < 0", j, show(v)));
    if (above_zero(v, tol) && load[j] < p.capacity[j]) {
      return fail_with(fmt::format("mentor {} has room with dual {} > 0", j, show(v)));
    }
    const auto room = static_cast<std::int64_t>(p.room[j]);
    bound += make_two_level<W>(score_level(v) * static_cast<double>(room), pairs_level(v) * room);
  }
  // Every allowed pair, in parts of rows (on every core for a computed matrix); the failure
  // reported is the first one in row order.
  const bool computed = p.dense != nullptr && !p.in_memory();
  const std::uint32_t parts = computed ? detail::row_threads() : 1U;
  std::vector<std::string> failures(parts);
  detail::in_parallel(n, parts, [&](std::uint32_t part, std::uint32_t from, std::uint32_t to) {
    std::optional<detail::RowCursor> rows;
    if (computed) rows.emplace(p);
    std::string& failure = failures[part];
    for (std::uint32_t i = from; i < to && failure.empty() && !p.stopped(); ++i) {
      if (p.locked(i)) continue;
      const W u = from_dual<W>(result.mentee_dual[i]);
      const std::int32_t mine = result.mentor_of[i];
      const auto check = [&](std::uint32_t j, double score) {
        if (!failure.empty()) return;
        const W reduced = u + from_dual<W>(result.mentor_dual[j]) - pair_weight<W>(score);
        if (!at_least_zero(reduced, tol)) {
          failure = fmt::format("pair (mentee {}, mentor {}) has reduced cost {} < 0", i, j,
                                show(reduced));
        } else if (static_cast<std::int32_t>(j) == mine && !near_zero(reduced, tol)) {
          failure = fmt::format("formed pair (mentee {}, mentor {}) is not tight: {}", i, j,
                                show(reduced));
        }
      };
      if (rows) {
        detail::for_each_allowed_in(p, i, rows->row(i), check);
      } else {
        detail::for_each_allowed(p, i, check);
      }
    }
  });
  // Stopped: the pairs not checked prove nothing either way, so the check is no answer.
  if (p.stopped()) {
    o.stopped = true;
    return fail_with("the check was stopped");
  }
  for (std::string& failure : failures) {
    if (!failure.empty()) return fail_with(std::move(failure));
  }
  if (!o.failure.empty()) return;

  // Strong duality: the bound reported, the bound recomputed and the primal total agree.
  o.gap = score_level(bound) - total;
  const Dual reported = result.dual_bound;
  if (!(std::abs(reported.score - score_level(bound)) <= total_tol) ||
      (std::is_same_v<W, PairsThenScore> && reported.pairs != pairs_level(bound))) {
    return fail_with(fmt::format("the dual bound reported (score {}, pairs {}) is not {}",
                                 reported.score, reported.pairs, show(bound)));
  }
  if (!(std::abs(o.gap) <= total_tol)) {
    return fail_with(fmt::format("the dual bound {} exceeds the total {} by {}", score_level(bound),
                                 total, o.gap));
  }
  if (std::is_same_v<W, PairsThenScore> &&
      pairs_level(bound) != static_cast<std::int64_t>(pairs.size())) {
    return fail_with(
        fmt::format("the dual bound allows {} pairs, {} formed", pairs_level(bound), pairs.size()));
  }
  o.optimal = true;
}

}  // namespace

Optimality verify_optimality(const Problem& problem, const Result& result, std::stop_token stop) {
  Optimality o;
  const auto prepared = detail::prepare(problem, std::move(stop));
  if (!prepared && prepared.error().code == ErrorCode::kTimeBudgetExceeded) {
    o.stopped = true;
    o.failure = "the check was stopped";
    return o;
  }
  if (!prepared) {
    o.failure = "the problem is invalid: " + english(prepared.error().sentence());
    return o;
  }
  if (result.objective != problem.objective) {
    o.failure = "the result is for another objective";
    return o;
  }
  if (problem.objective == Objective::kScore) {
    verify_as<ScoreThenPairs>(*prepared, result, o);
  } else {
    verify_as<PairsThenScore>(*prepared, result, o);
  }
  return o;
}

}  // namespace binome::core::matching
