// The assignment solver against LEMON's NetworkSimplex (tests/oracle) on medium random
// instances: sparse lists with a few mentees listing everyone, dense matrices below and above
// kDenseDirectCells, forbidden pairs, locks (some below min_score or negative), min_score,
// negative scores, both objectives. Weights are integers, so LEMON's totals are exact and ours
// are compared with them exactly: same optimum (and, where the pair count is exact, the same
// number of pairs), every rule kept, the proof accepted. The oracle itself is checked first on
// instances solved by hand, and each of its answers is held to the same rules.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/matching/assignment.hpp"
#include "oracle/lemon_oracle.hpp"
#include "support/matching_instances.hpp"
#include "support/messages.hpp"

namespace binome::core::matching {
namespace {

namespace oracle = ::binome::lemon_oracle;

using testing::kNaN;

// An instance for both solvers: integer weights, given to ours as weight / scale. With scale 1
// every sum our solver forms is an exact integer; with 1000 scores look like real ones.
struct Case {
  oracle::Instance instance;
  double scale = 1;
};

std::size_t at(std::int32_t index) {
  return static_cast<std::size_t>(index);
}

Objective objective_of(const oracle::Instance& x) {
  return x.objective == oracle::Objective::kScore ? Objective::kScore : Objective::kCoverage;
}

// Division by a positive scale is monotone and these weights stay far apart once divided, so
// "weight >= min_weight" and "score >= min_score" agree on every pair.
Problem to_problem(const Case& c, bool dense) {
  const oracle::Instance& x = c.instance;
  std::vector<Pair> forbidden;
  for (const oracle::Pair& f : x.forbidden) forbidden.push_back({f.mentee, f.mentor});
  std::vector<Pair> locked;
  for (const oracle::Pair& l : x.locked) locked.push_back({l.mentee, l.mentor});
  Problem p{.capacities = x.capacities,
            .forbidden = std::move(forbidden),
            .locked = std::move(locked),
            .min_score = static_cast<double>(x.min_weight) / c.scale,
            .objective = objective_of(x)};
  const auto n = x.candidates.size();
  const auto m = x.capacities.size();
  if (dense) {
    DenseScores d{static_cast<std::int32_t>(n), static_cast<std::int32_t>(m),
                  std::vector<double>(n * m, kNaN)};
    for (std::size_t i = 0; i < n; ++i) {
      for (const oracle::Candidate& k : x.candidates[i]) {
        d.cells[i * m + at(k.mentor)] = static_cast<double>(k.weight) / c.scale;
      }
    }
    p.scores = std::move(d);
  } else {
    std::vector<std::vector<Candidate>> lists(n);
    for (std::size_t i = 0; i < n; ++i) {
      for (const oracle::Candidate& k : x.candidates[i]) {
        lists[i].push_back({k.mentor, static_cast<double>(k.weight) / c.scale});
      }
    }
    p.scores = sparse_scores(lists);
  }
  return p;
}

struct CaseShape {
  int mentees = 0;
  int mentors = 0;
  int min_listed = 0;  // per mentee; both 0: each pair listed with probability 4/5 (dense)
  int max_listed = 0;
};

// Weights are multiples of 10 (coarse, so that equal totals and pairs weighing 0 are common), in
// [-200, 1000], or in [-200, 0] for the one mentee and one mentor in 8 who suit nobody: under
// kScore they stay alone (or take a pair weighing 0), under kCoverage they are paired, so the two
// objectives part ways. min_weight is on the same grid, in [-250, 150] (pairs at exactly
// min_weight are common; below -200 every listed pair is allowed). Capacities 1-3; one sparse
// mentee in 20 lists everyone; about one mentee in 12 has a forbidden listed pair and one in 40 a
// forbidden unlisted one; one in 25 is locked to the first listed, not forbidden mentor with
// room, whatever its weight.
Case random_case(const CaseShape& shape, Objective objective, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto uniform = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  const auto chance = [&](int one_in) { return uniform(1, one_in) == 1; };
  Case c;
  c.scale = chance(2) ? 1.0 : 1000.0;
  oracle::Instance& x = c.instance;
  x.objective =
      objective == Objective::kScore ? oracle::Objective::kScore : oracle::Objective::kCoverage;
  x.min_weight = 10 * uniform(-25, 15);
  const int n = shape.mentees;
  const int m = shape.mentors;
  std::vector<char> unsuited_mentor(at(m));
  for (int j = 0; j < m; ++j) {
    x.capacities.push_back(uniform(1, 3));
    unsuited_mentor[at(j)] = chance(8);
  }
  x.candidates.resize(at(n));
  std::vector<char> listed(at(m), 0);
  for (int i = 0; i < n; ++i) {
    auto& list = x.candidates[at(i)];
    const bool unsuited = chance(8);
    const bool everyone = shape.max_listed == 0 || chance(20);
    const int wanted = everyone ? m : uniform(shape.min_listed, shape.max_listed);
    while (static_cast<int>(list.size()) < wanted) {
      const int j = everyone ? static_cast<int>(list.size()) : uniform(0, m - 1);
      if (listed[at(j)]) continue;
      listed[at(j)] = 1;
      list.push_back({j, 10 * uniform(-20, unsuited || unsuited_mentor[at(j)] ? 0 : 100)});
    }
    for (const oracle::Candidate& k : list) listed[at(k.mentor)] = 0;
    if (shape.max_listed == 0) std::erase_if(list, [&](const auto&) { return chance(5); });
  }

  std::set<std::pair<int, int>> forbidden;
  for (int i = 0; i < n; ++i) {
    const auto& list = x.candidates[at(i)];
    if (!list.empty() && chance(12)) {
      forbidden.insert({i, list[at(uniform(0, static_cast<int>(list.size()) - 1))].mentor});
    }
    if (chance(40)) forbidden.insert({i, uniform(0, m - 1)});  // perhaps not even listed
  }
  for (const auto& [i, j] : forbidden) x.forbidden.push_back({i, j});

  std::vector<int> room = x.capacities;
  for (int i = 0; i < n; ++i) {
    if (!chance(25)) continue;
    for (const oracle::Candidate& k : x.candidates[at(i)]) {
      if (!forbidden.contains({i, k.mentor}) && room[at(k.mentor)] > 0) {
        --room[at(k.mentor)];
        x.locked.push_back({i, k.mentor});
        break;
      }
    }
  }
  return c;
}

// The first broken rule of an assignment, or "": listed, not forbidden, at or above min_weight
// unless locked, every lock kept, no capacity exceeded.
std::string broken_rule(const oracle::Instance& x, const std::vector<std::int32_t>& mentor_of) {
  const auto n = x.candidates.size();
  const auto m = x.capacities.size();
  if (mentor_of.size() != n) return "one mentor per mentee expected";
  const std::set<std::pair<int, int>> forbidden = [&] {
    std::set<std::pair<int, int>> s;
    for (const oracle::Pair& f : x.forbidden) s.insert({f.mentee, f.mentor});
    return s;
  }();
  std::vector<std::int32_t> lock(n, kUnmatched);
  for (const oracle::Pair& l : x.locked) lock[at(l.mentee)] = l.mentor;
  std::vector<std::int32_t> load(m, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t j = mentor_of[i];
    const auto broken = [&](const char* rule) {
      return "mentee " + std::to_string(i) + ", mentor " + std::to_string(j) + ": " + rule;
    };
    if (lock[i] != kUnmatched && j != lock[i]) return broken("lock not kept");
    if (j == kUnmatched) continue;
    if (j < 0 || at(j) >= m) return broken("mentor out of range");
    const oracle::Candidate* listed = nullptr;
    for (const oracle::Candidate& k : x.candidates[i]) listed = k.mentor == j ? &k : listed;
    if (listed == nullptr) return broken("pair not listed");
    if (forbidden.contains({static_cast<int>(i), j})) return broken("pair forbidden");
    if (lock[i] == kUnmatched && listed->weight < x.min_weight) return broken("below min_weight");
    if (++load[at(j)] > x.capacities[at(j)]) return broken("capacity exceeded");
  }
  return "";
}

std::int64_t total_weight(const oracle::Instance& x, const std::vector<std::int32_t>& mentor_of) {
  std::int64_t total = 0;
  for (std::size_t i = 0; i < mentor_of.size(); ++i) {
    for (const oracle::Candidate& k : x.candidates[i])
      total += k.mentor == mentor_of[i] ? k.weight : 0;
  }
  return total;
}

// Our solver on `problem` (the instance in either form) against LEMON's optimum.
void expect_lemon_optimum(const Case& c, const Problem& problem, const oracle::Optimum& best) {
  const oracle::Instance& x = c.instance;
  const auto result = solve(problem);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(broken_rule(x, result->mentor_of), "");
  for (const MatchedPair& pair : result->pairs) {
    bool is_lock = false;
    for (const oracle::Pair& l : x.locked) is_lock = is_lock || (l.mentee == pair.mentee);
    EXPECT_EQ(pair.locked, is_lock) << "mentee " << pair.mentee;
  }

  // The same optimum, compared in integers. Under kCoverage the pair count is the first level
  // and exact; under kScore it breaks ties of the total, exact only when scores are integers.
  const std::int64_t total = total_weight(x, result->mentor_of);
  EXPECT_EQ(total, best.total);
  EXPECT_NEAR(result->total_score, static_cast<double>(total) / c.scale, 1e-9);
  if (problem.objective == Objective::kCoverage || c.scale == 1) {
    EXPECT_EQ(result->matched, best.pairs);
  }

  const Optimality proof = verify_optimality(problem, *result);
  EXPECT_TRUE(proof.optimal) << proof.failure;
}

// LEMON's optimum, held to the same rules as ours.
oracle::Optimum lemon_optimum(const Case& c) {
  oracle::Optimum best = oracle::solve(c.instance);
  EXPECT_EQ(broken_rule(c.instance, best.mentor_of), "") << "LEMON's assignment";
  EXPECT_EQ(total_weight(c.instance, best.mentor_of), best.total) << "LEMON's total";
  return best;
}

std::string describe(const Case& c, std::uint64_t seed) {
  std::ostringstream out;
  out << "seed " << seed << ": " << c.instance.candidates.size() << " x "
      << c.instance.capacities.size() << ", scale " << c.scale << ", min_weight "
      << c.instance.min_weight << ", " << c.instance.forbidden.size() << " forbidden, "
      << c.instance.locked.size() << " locked";
  return out.str();
}

// The oracle on instances small enough to solve by hand, so that it is not trusted blindly.
// Mentors A (capacity 1) and B (capacity 2).
oracle::Instance hand_instance(oracle::Objective objective) {
  oracle::Instance x;
  x.capacities = {1, 2};
  x.candidates = {{{0, 10}, {1, -5}},  // mentee 0: A 10, B -5
                  {{0, 8}},            // mentee 1: A 8
                  {{1, 0}}};           // mentee 2: B 0
  x.min_weight = -10;
  x.objective = objective;
  return x;
}

TEST(LemonOracle, ScoreTakesTheBestTotalThenTheMostPairs) {
  // 0-A with 2-B: 10 in 2 pairs. 0-A alone: 10 in 1 pair. 0-B, 1-A, 2-B: 3 pairs, only 3.
  const oracle::Optimum best = oracle::solve(hand_instance(oracle::Objective::kScore));
  EXPECT_EQ(best.mentor_of, (std::vector<std::int32_t>{0, oracle::kUnmatched, 1}));
  EXPECT_EQ(best.total, 10);
  EXPECT_EQ(best.pairs, 2);
}

TEST(LemonOracle, CoverageTakesTheMostPairsThenTheBestTotal) {
  const oracle::Optimum best = oracle::solve(hand_instance(oracle::Objective::kCoverage));
  EXPECT_EQ(best.mentor_of, (std::vector<std::int32_t>{1, 0, 1}));
  EXPECT_EQ(best.total, 3);
  EXPECT_EQ(best.pairs, 3);
}

TEST(LemonOracle, KeepsLocksAndDropsForbiddenAndLowPairs) {
  oracle::Instance x = hand_instance(oracle::Objective::kCoverage);
  x.min_weight = 1;                // B -5 and B 0 are no longer allowed...
  x.locked = {{0, 1}};             // ...but a lock ignores min_weight
  x.forbidden = {{1, 0}, {2, 0}};  // 1-A forbidden; 2-A is not even listed
  const oracle::Optimum best = oracle::solve(x);
  EXPECT_EQ(best.mentor_of, (std::vector<std::int32_t>{1, oracle::kUnmatched, oracle::kUnmatched}));
  EXPECT_EQ(best.total, -5);
  EXPECT_EQ(best.pairs, 1);
}

TEST(LemonOracle, RejectsWhatTheSolverRejects) {
  oracle::Instance x = hand_instance(oracle::Objective::kScore);
  x.locked = {{1, 1}};  // 1-B is not listed
  EXPECT_THROW(oracle::solve(x), std::invalid_argument);
  x.locked = {{0, 0}, {1, 0}};  // A has capacity 1
  EXPECT_THROW(oracle::solve(x), std::invalid_argument);
}

class MatchingLemon : public ::testing::TestWithParam<Objective> {};

TEST_P(MatchingLemon, SparseListsMatchLemon) {
  const std::uint64_t first = GetParam() == Objective::kScore ? 1 : 1001;
  for (std::uint64_t seed = first; seed < first + 6; ++seed) {
    // Every other instance crowded: about as many places as mentees or fewer, so that mentees
    // compete for mentors and the two objectives part ways; the others roomy.
    std::mt19937_64 rng(seed);
    const auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution(lo, hi)(rng); };
    const bool crowded = seed % 2 == 0;
    const int mentors = crowded ? uniform(100, 200) : uniform(100, 300);
    const int mentees = crowded ? uniform(mentors * 3 / 2, 400) : uniform(150, 400);
    const CaseShape shape{mentees, mentors, 10, 40};
    const Case c = random_case(shape, GetParam(), seed);
    SCOPED_TRACE(describe(c, seed));
    expect_lemon_optimum(c, to_problem(c, false), lemon_optimum(c));
  }
}

TEST_P(MatchingLemon, DenseMatrixOnTheCandidateSubsetPathMatchesLemon) {
  // 400 x 170 cells > kDenseDirectCells: solved on a candidate subset, then checked against
  // every cell. About 340 places for 400 mentees. The sparse form reaches the same optimum.
  static_assert(400 * 170 > kDenseDirectCells);
  const std::uint64_t seed = GetParam() == Objective::kScore ? 101 : 1101;
  const Case c = random_case({400, 170, 0, 0}, GetParam(), seed);
  SCOPED_TRACE(describe(c, seed));
  const oracle::Optimum best = lemon_optimum(c);
  expect_lemon_optimum(c, to_problem(c, true), best);
  expect_lemon_optimum(c, to_problem(c, false), best);
}

TEST_P(MatchingLemon, DenseMatrixOnTheDirectPathMatchesLemon) {
  // About as many places as mentees.
  static_assert(360 * 180 <= kDenseDirectCells);
  const std::uint64_t seed = GetParam() == Objective::kScore ? 202 : 1202;
  const Case c = random_case({360, 180, 0, 0}, GetParam(), seed);
  SCOPED_TRACE(describe(c, seed));
  expect_lemon_optimum(c, to_problem(c, true), lemon_optimum(c));
}

INSTANTIATE_TEST_SUITE_P(BothObjectives, MatchingLemon,
                         ::testing::Values(Objective::kScore, Objective::kCoverage),
                         [](const auto& param_info) {
                           return param_info.param == Objective::kScore ? "Score" : "Coverage";
                         });

}  // namespace
}  // namespace binome::core::matching
