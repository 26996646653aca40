// Two-level numbers compared lexicographically: the solver's weights, distances and potentials.
// The objective's first level decides and the second breaks its ties, each in its own field, so
// that no rounding of one level can ever be traded for the other (an exact lexicographic optimum).
#pragma once

#include <cstdint>
#include <limits>

#include "core/matching/assignment.hpp"

namespace binome::core::matching {

template <typename First, typename Second>
struct TwoLevel {
  First first{};
  Second second{};

  static constexpr TwoLevel infinity() {
    return {std::numeric_limits<First>::max(), std::numeric_limits<Second>::max()};
  }

  friend constexpr TwoLevel operator+(TwoLevel a, TwoLevel b) {
    return {a.first + b.first, a.second + b.second};
  }
  friend constexpr TwoLevel operator-(TwoLevel a, TwoLevel b) {
    return {a.first - b.first, a.second - b.second};
  }
  constexpr TwoLevel& operator+=(TwoLevel b) { return *this = *this + b; }
  constexpr TwoLevel& operator-=(TwoLevel b) { return *this = *this - b; }
  friend constexpr bool operator<(TwoLevel a, TwoLevel b) {
    return a.first < b.first || (a.first == b.first && a.second < b.second);
  }
  friend constexpr bool operator==(TwoLevel a, TwoLevel b) = default;
};

// Objective::kScore: the total score first, then the number of pairs (so a pair scoring exactly
// 0 is formed rather than left out). The pair level is an integer, hence exact.
using ScoreThenPairs = TwoLevel<double, std::int64_t>;
// Objective::kCoverage: the number of pairs first (integers: exact), then the total score.
using PairsThenScore = TwoLevel<std::int64_t, double>;

// The weight of one pair, and the two levels of any value, whatever their order.
template <typename W>
constexpr W pair_weight(double score);
template <>
constexpr ScoreThenPairs pair_weight<ScoreThenPairs>(double score) {
  return {score, 1};
}
template <>
constexpr PairsThenScore pair_weight<PairsThenScore>(double score) {
  return {1, score};
}

template <typename W>
constexpr W make_two_level(double score, std::int64_t pairs);
template <>
constexpr ScoreThenPairs make_two_level<ScoreThenPairs>(double score, std::int64_t pairs) {
  return {score, pairs};
}
template <>
constexpr PairsThenScore make_two_level<PairsThenScore>(double score, std::int64_t pairs) {
  return {pairs, score};
}

constexpr double score_level(ScoreThenPairs w) {
  return w.first;
}
constexpr double score_level(PairsThenScore w) {
  return w.second;
}
constexpr std::int64_t pairs_level(ScoreThenPairs w) {
  return w.second;
}
constexpr std::int64_t pairs_level(PairsThenScore w) {
  return w.first;
}

// A potential as the result reports it: both levels, named.
template <typename W>
constexpr Dual to_dual(W w) {
  return {score_level(w), pairs_level(w)};
}

}  // namespace binome::core::matching
