// The assignment solver against an exhaustive search on small random instances (both
// objectives, capacities, forbidden pairs, locks, min_score, negative and tied scores): same
// optimum, constraints kept, the proof accepted, the same pairs whatever the order of the input
// lists and whichever form (dense or sparse) it takes. Then edge cases, errors, reasons, and a
// proof checker that rejects what is not optimal.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

#include "core/matching/assignment.hpp"
#include "support/matching_instances.hpp"
#include "support/messages.hpp"

namespace binome::core::matching {
namespace {

using test_support::en;
using test_support::fields_of;

using ::testing::ElementsAre;
using ::testing::Field;

using testing::Instance;
using testing::dense_problem;
using testing::kNaN;
using testing::pick;
using testing::sparse_problem;

// Scores are multiples of 0.5 between -2 and 3, so ties are common and sums are exact.
Instance random_instance() {
  Instance x;
  x.mentees = pick(0, 7);
  x.mentors = pick(0, 5);
  x.objective = pick(0, 2) == 0 ? Objective::kScore : Objective::kCoverage;
  constexpr double kMinScores[] = {-10.0, -1.0, 0.0, 0.5, 1.5};
  x.min_score = kMinScores[pick(0, 5)];
  for (int j = 0; j < x.mentors; ++j) x.capacity.push_back(pick(1, 4));
  x.lists.resize(static_cast<std::size_t>(x.mentees));
  for (int i = 0; i < x.mentees; ++i) {
    for (int j = 0; j < x.mentors; ++j) {
      if (pick(0, 4) == 0) continue;  // not a candidate
      x.lists[static_cast<std::size_t>(i)].push_back({j, 0.5 * pick(-4, 7)});
      if (pick(0, 6) == 0) x.forbidden.push_back({i, j});
    }
    if (x.mentors > 0 && pick(0, 8) == 0) {
      x.forbidden.push_back({i, pick(0, x.mentors)});  // perhaps not even listed
    }
  }
  std::vector<int> locks_left = x.capacity;
  for (int i = 0; i < x.mentees; ++i) {
    if (pick(0, 5) != 0) continue;
    std::vector<int> lockable;
    for (const Candidate& c : x.lists[static_cast<std::size_t>(i)]) {
      if (!x.is_forbidden(i, c.mentor) && locks_left[static_cast<std::size_t>(c.mentor)] > 0) {
        lockable.push_back(c.mentor);
      }
    }
    if (lockable.empty()) continue;
    const int j = lockable[static_cast<std::size_t>(pick(0, static_cast<int>(lockable.size())))];
    --locks_left[static_cast<std::size_t>(j)];
    x.locked.push_back({i, j});
  }
  return x;
}

// A random order of 0..n-1, with rapidcheck's choices so that failures shrink.
std::vector<std::size_t> random_permutation(std::size_t n) {
  std::vector<std::size_t> p(n);
  std::iota(p.begin(), p.end(), 0);
  for (std::size_t k = n; k > 1; --k) {
    std::swap(p[k - 1], p[static_cast<std::size_t>(pick(0, static_cast<int>(k)))]);
  }
  return p;
}

template <typename T>
std::vector<T> shuffled(const std::vector<T>& v) {
  std::vector<T> out;
  for (std::size_t k : random_permutation(v.size())) out.push_back(v[k]);
  return out;
}

struct Value {
  int pairs = 0;
  double score = 0;
};

bool better(const Value& a, const Value& b, Objective objective) {
  if (objective == Objective::kScore) {
    return a.score > b.score || (a.score == b.score && a.pairs > b.pairs);
  }
  return a.pairs > b.pairs || (a.pairs == b.pairs && a.score > b.score);
}

// Every assignment, exhaustively: at most 5^6 of them.
Value brute_force(const Instance& x) {
  std::vector<int> load(static_cast<std::size_t>(x.mentors), 0);
  std::optional<Value> best;
  Value current;
  const auto visit = [&](auto&& self, int i) -> void {
    if (i == x.mentees) {
      if (!best || better(current, *best, x.objective)) best = current;
      return;
    }
    const int lock = x.locked_to(i);
    std::vector<std::pair<int, double>> options;
    if (lock != kUnmatched) {
      options.emplace_back(lock, *x.listed(i, lock));
    } else {
      options.emplace_back(kUnmatched, 0.0);
      for (int j = 0; j < x.mentors; ++j) {
        if (const auto s = x.allowed(i, j)) options.emplace_back(j, *s);
      }
    }
    for (const auto& [j, s] : options) {
      if (j != kUnmatched) {
        auto& l = load[static_cast<std::size_t>(j)];
        if (l == x.capacity[static_cast<std::size_t>(j)]) continue;
        ++l;
        ++current.pairs;
        current.score += s;
      }
      self(self, i + 1);
      if (j != kUnmatched) {
        --load[static_cast<std::size_t>(j)];
        --current.pairs;
        current.score -= s;
      }
    }
  };
  visit(visit, 0);
  return *best;
}

// The same solution: pairs, and the proof bit for bit.
bool same_solution(const Result& a, const Result& b) {
  return a.mentor_of == b.mentor_of && a.pairs == b.pairs && a.mentee_dual == b.mentee_dual &&
         a.mentor_dual == b.mentor_dual && a.mentee_reason == b.mentee_reason &&
         a.mentor_reason == b.mentor_reason;
}

void check_against_brute_force(const Instance& x, const Problem& problem, const Value& best) {
  const auto result = solve(problem);
  RC_ASSERT(result.has_value());
  RC_ASSERT(result->matched == best.pairs);
  RC_ASSERT(result->total_score == best.score);

  // Every rule, checked here rather than trusted to the proof checker.
  std::vector<int> load(static_cast<std::size_t>(x.mentors), 0);
  double total = 0;
  for (int i = 0; i < x.mentees; ++i) {
    const int j = result->mentor_of[static_cast<std::size_t>(i)];
    const int lock = x.locked_to(i);
    if (lock != kUnmatched) RC_ASSERT(j == lock);
    if (j == kUnmatched) continue;
    RC_ASSERT(j >= 0 && j < x.mentors);
    RC_ASSERT(lock != kUnmatched || x.allowed(i, j).has_value());
    total += *x.listed(i, j);
    ++load[static_cast<std::size_t>(j)];
  }
  for (int j = 0; j < x.mentors; ++j) {
    RC_ASSERT(load[static_cast<std::size_t>(j)] <= x.capacity[static_cast<std::size_t>(j)]);
  }
  RC_ASSERT(total == result->total_score);
  RC_ASSERT(static_cast<int>(result->pairs.size()) == result->matched);

  const Optimality proof = verify_optimality(problem, *result);
  RC_ASSERT(proof.optimal);
  RC_ASSERT(proof.failure.empty());
}

// Three instances per case (rapidcheck runs 100 cases), each in both forms.
RC_GTEST_PROP(MatchingSmall, FindsTheExhaustiveOptimumAndProvesIt, ()) {
  for (int round = 0; round < 3; ++round) {
    const Instance x = random_instance();
    const Value best = brute_force(x);
    check_against_brute_force(x, sparse_problem(x), best);
    check_against_brute_force(x, dense_problem(x), best);
  }
}

RC_GTEST_PROP(MatchingSmall, ReasonsExplainEveryoneLeftWithRoom, ()) {
  const Instance x = random_instance();
  const auto result = solve(sparse_problem(x));
  RC_ASSERT(result.has_value());
  std::vector<int> load(static_cast<std::size_t>(x.mentors), 0);
  for (const MatchedPair& p : result->pairs) ++load[static_cast<std::size_t>(p.mentor)];
  const auto has_room = [&](int j) {
    return load[static_cast<std::size_t>(j)] < x.capacity[static_cast<std::size_t>(j)];
  };
  for (int i = 0; i < x.mentees; ++i) {
    const Reason reason = result->mentee_reason[static_cast<std::size_t>(i)];
    if (result->mentor_of[static_cast<std::size_t>(i)] != kUnmatched) {
      RC_ASSERT(reason == Reason::kNone);
      continue;
    }
    bool any = false;
    bool room = false;
    for (int j = 0; j < x.mentors; ++j) {
      const auto s = x.allowed(i, j);
      if (!s) continue;
      any = true;
      if (has_room(j)) {
        room = true;
        RC_ASSERT(*s < 0);  // optimality: a partner with room only lowers the total
      }
    }
    RC_ASSERT(reason == (!any   ? Reason::kNoAllowedPartner
                         : room ? Reason::kWouldLowerTotal
                                : Reason::kPartnersTaken));
    if (x.objective == Objective::kCoverage) RC_ASSERT(reason != Reason::kWouldLowerTotal);
  }
  for (int j = 0; j < x.mentors; ++j) {
    const Reason reason = result->mentor_reason[static_cast<std::size_t>(j)];
    if (!has_room(j)) {
      RC_ASSERT(reason == Reason::kNone);
      continue;
    }
    bool any = false;
    bool free_partner = false;
    for (int i = 0; i < x.mentees; ++i) {
      if (!x.allowed(i, j)) continue;
      any = true;
      if (result->mentor_of[static_cast<std::size_t>(i)] == kUnmatched) {
        free_partner = true;
        RC_ASSERT(*x.allowed(i, j) < 0);
      }
    }
    RC_ASSERT(reason == (!any           ? Reason::kNoAllowedPartner
                         : free_partner ? Reason::kWouldLowerTotal
                                        : Reason::kPartnersTaken));
  }
}

RC_GTEST_PROP(MatchingSmall, SameAnswerWhateverTheOrderOfTheLists, ()) {
  const Instance x = random_instance();
  Instance y = x;
  for (auto& list : y.lists) list = shuffled(list);
  y.forbidden = shuffled(y.forbidden);
  y.locked = shuffled(y.locked);
  const auto a = solve(sparse_problem(x));
  const auto again = solve(sparse_problem(x));
  const auto b = solve(sparse_problem(y));
  RC_ASSERT(a.has_value() && again.has_value() && b.has_value());
  RC_ASSERT(same_solution(*a, *again));
  RC_ASSERT(same_solution(*a, *b));
  RC_ASSERT(a->dual_bound == b->dual_bound);
}

void check_same_in_both_forms(const Instance& x) {
  const Problem dense = dense_problem(x);
  const auto a = solve(sparse_problem(x));
  const auto b = solve(dense);
  RC_ASSERT(a.has_value() && b.has_value());
  RC_ASSERT(same_solution(*a, *b));
  RC_ASSERT(a->total_score == b->total_score);
  RC_ASSERT(verify_optimality(dense, *b).optimal);
}

RC_GTEST_PROP(MatchingSmall, DenseAndSparseFormsGiveTheSameSolution, ()) {
  for (int round = 0; round < 3; ++round) check_same_in_both_forms(random_instance());
}

RC_GTEST_PROP(MatchingSmall, TheCheckerRejectsAWorseAssignment, ()) {
  const Instance x = random_instance();
  const Problem problem = sparse_problem(x);
  auto result = solve(problem);
  RC_ASSERT(result.has_value());
  // Drop one unlocked pair: still feasible, but fewer pairs (kCoverage) or a lower total
  // (kScore; a pair scoring exactly 0 leaves the total, hence the score proof, unchanged).
  const auto it =
      std::find_if(result->pairs.begin(), result->pairs.end(), [&](const MatchedPair& p) {
        return !p.locked && (x.objective == Objective::kCoverage || p.score != 0);
      });
  RC_CLASSIFY(it == result->pairs.end(), "nothing to drop");
  if (it == result->pairs.end()) return;
  result->mentor_of[static_cast<std::size_t>(it->mentee)] = kUnmatched;
  result->total_score -= it->score;
  --result->matched;
  result->pairs.erase(it);
  RC_ASSERT(!verify_optimality(problem, *result).optimal);
}

// --- Edge cases -------------------------------------------------------------------------------

Problem lists_problem(std::vector<std::int32_t> capacities,
                      const std::vector<std::vector<Candidate>>& lists,
                      Objective objective = Objective::kScore) {
  return Problem{
      .capacities = std::move(capacities), .scores = sparse_scores(lists), .objective = objective};
}

TEST(Matching, NoMenteesNoMentors) {
  for (const Problem& p : {Problem{}, lists_problem({1, 2}, {}),
                           Problem{.capacities = {3}, .scores = DenseScores{0, 1, {}}}}) {
    const auto r = solve(p);
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->pairs.empty());
    EXPECT_EQ(r->matched, 0);
    EXPECT_EQ(r->total_score, 0);
    EXPECT_TRUE(verify_optimality(p, *r).optimal);
  }
}

TEST(Matching, NoMentorsLeavesEveryMenteeWithoutAllowedPartner) {
  const Problem p{.capacities = {}, .scores = DenseScores{3, 0, {}}};
  const auto r = solve(p);
  ASSERT_TRUE(r.has_value());
  EXPECT_THAT(r->mentor_of, ElementsAre(kUnmatched, kUnmatched, kUnmatched));
  EXPECT_THAT(r->mentee_reason, ElementsAre(Reason::kNoAllowedPartner, Reason::kNoAllowedPartner,
                                            Reason::kNoAllowedPartner));
  EXPECT_TRUE(verify_optimality(p, *r).optimal);
}

TEST(Matching, EverythingForbidden) {
  Problem p = lists_problem({1, 1}, {{{0, 5.0}, {1, 4.0}}, {{0, 3.0}}});
  p.forbidden = {{0, 0}, {0, 1}, {1, 0}};
  const auto r = solve(p);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->matched, 0);
  EXPECT_THAT(r->mentee_reason, ElementsAre(Reason::kNoAllowedPartner, Reason::kNoAllowedPartner));
  EXPECT_THAT(r->mentor_reason, ElementsAre(Reason::kNoAllowedPartner, Reason::kNoAllowedPartner));
  EXPECT_TRUE(verify_optimality(p, *r).optimal);
}

TEST(Matching, EveryoneLockedKeepsTheLocksEvenBelowMinScore) {
  Problem p = lists_problem({2, 1}, {{{0, 1.0}, {1, 9.0}}, {{0, -3.0}}, {{1, 2.0}, {0, 8.0}}});
  p.locked = {{2, 1}, {0, 0}, {1, 0}};
  p.min_score = 0.5;
  const auto r = solve(p);
  ASSERT_TRUE(r.has_value());
  EXPECT_THAT(r->mentor_of, ElementsAre(0, 0, 1));
  EXPECT_EQ(r->total_score, 1.0 - 3.0 + 2.0);
  EXPECT_TRUE(std::all_of(r->pairs.begin(), r->pairs.end(), [](auto& q) { return q.locked; }));
  EXPECT_EQ(r->dual_bound.score, 0.0);
  EXPECT_TRUE(verify_optimality(p, *r).optimal);
}

TEST(Matching, OptimisesAroundALock) {
  // Without the lock, mentee 0 would take mentor 0 (10) and mentee 1 mentor 1 (10).
  Problem p = lists_problem({1, 1}, {{{0, 10.0}, {1, 1.0}}, {{0, 2.0}, {1, 10.0}}});
  p.locked = {{1, 0}};
  const auto r = solve(p);
  ASSERT_TRUE(r.has_value());
  EXPECT_THAT(r->mentor_of, ElementsAre(1, 0));
  EXPECT_THAT(r->pairs, ElementsAre(MatchedPair{0, 1, 1.0, false}, MatchedPair{1, 0, 2.0, true}));
  EXPECT_TRUE(verify_optimality(p, *r).optimal);
}

std::vector<ErrorDetail> errors_of(const Problem& p) {
  const auto r = solve(p);
  EXPECT_FALSE(r.has_value());
  if (r.has_value()) return {};
  EXPECT_EQ(r.error().kind(), ErrorKind::kValidation);
  EXPECT_EQ(r.error().code_name(), "validation_failed");
  EXPECT_FALSE(verify_optimality(p, Result{}).optimal);
  return r.error().details;
}

TEST(Matching, LockConflictsAreErrors) {
  Problem p = lists_problem({1, 2}, {{{0, 1.0}}, {{0, 2.0}, {1, 1.0}}, {{1, 1.0}}});
  p.locked = {{0, 0}, {1, 0}};  // mentor 0 has capacity 1
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "locked[1]")));

  p.locked = {{1, 0}, {1, 1}};  // mentee 1 twice
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "locked[1]")));

  p.locked = {{2, 0}};  // not a candidate
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "locked[0]")));

  p.locked = {{1, 1}};
  p.forbidden = {{1, 1}};  // forbidden
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "locked[0]")));

  p.forbidden.clear();
  p.locked = {{3, 0}, {0, -1}};  // out of range
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "locked[0]"),
                                        Field(&ErrorDetail::field, "locked[1]")));
}

TEST(Matching, InvalidNumbersAreErrors) {
  EXPECT_THAT(errors_of(lists_problem({1}, {{{0, kNaN}}})),
              ElementsAre(Field(&ErrorDetail::field, "scores.scores[0]")));
  EXPECT_THAT(
      errors_of(lists_problem({1}, {{{0, 1.0}}, {{0, std::numeric_limits<double>::infinity()}}})),
      ElementsAre(Field(&ErrorDetail::field, "scores.scores[1]")));
  const Problem dense{
      .capacities = {1, 1},
      .scores = DenseScores{1, 2, {kNaN, -std::numeric_limits<double>::infinity()}}};
  EXPECT_THAT(errors_of(dense), ElementsAre(Field(&ErrorDetail::field, "scores.cells[1]")));
  Problem p = lists_problem({1}, {{{0, 1.0}}});
  p.min_score = kNaN;
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "min_score")));
}

TEST(Matching, MalformedInputIsAnError) {
  EXPECT_THAT(errors_of(lists_problem({1, 0}, {})),
              ElementsAre(Field(&ErrorDetail::field, "capacities[1]")));
  EXPECT_THAT(errors_of(lists_problem({1}, {{{1, 1.0}}})),
              ElementsAre(Field(&ErrorDetail::field, "scores.mentors[0]")));
  EXPECT_THAT(errors_of(lists_problem({1, 1}, {{{1, 1.0}, {0, 2.0}, {1, 3.0}}})),
              ElementsAre(Field(&ErrorDetail::field, "scores (mentee 0)")));
  Problem p = lists_problem({1}, {{{0, 1.0}}});
  std::get<SparseScores>(p.scores).offsets = {0, 2};
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "scores.offsets")));
  EXPECT_THAT(errors_of(Problem{.capacities = {1}, .scores = DenseScores{2, 1, {1.0}}}),
              ElementsAre(Field(&ErrorDetail::field, "scores.cells")));
  EXPECT_THAT(errors_of(Problem{.capacities = {1}, .scores = DenseScores{1, 2, {1.0, 1.0}}}),
              ElementsAre(Field(&ErrorDetail::field, "scores.mentors")));
  p.forbidden = {{0, 5}};
  std::get<SparseScores>(p.scores).offsets = {0, 1};
  EXPECT_THAT(errors_of(p), ElementsAre(Field(&ErrorDetail::field, "forbidden[0]")));
}

TEST(Matching, ListsAtMostTwentyProblems) {
  std::vector<std::vector<Candidate>> lists(30, {{0, kNaN}});
  const auto fields = errors_of(lists_problem({1}, lists));
  ASSERT_EQ(fields.size(), kMaxReportedProblems + 1);
  EXPECT_EQ(en(fields.back().message), "and 10 more");
}

TEST(Matching, ScoreAndCoverageDiffer) {
  // Mentee 0: mentor 0 scores 10, mentor 1 scores 0.5. Mentee 1: only mentor 0, 9.
  const std::vector<std::vector<Candidate>> lists{{{0, 10.0}, {1, 0.5}}, {{0, 9.0}}};
  const auto score = solve(lists_problem({1, 1}, lists, Objective::kScore));
  ASSERT_TRUE(score.has_value());
  EXPECT_THAT(score->mentor_of, ElementsAre(0, kUnmatched));
  EXPECT_EQ(score->total_score, 10.0);
  EXPECT_THAT(score->mentee_reason, ElementsAre(Reason::kNone, Reason::kPartnersTaken));
  EXPECT_THAT(score->mentor_reason, ElementsAre(Reason::kNone, Reason::kPartnersTaken));

  const auto coverage = solve(lists_problem({1, 1}, lists, Objective::kCoverage));
  ASSERT_TRUE(coverage.has_value());
  EXPECT_THAT(coverage->mentor_of, ElementsAre(1, 0));
  EXPECT_EQ(coverage->total_score, 9.5);
  EXPECT_EQ(coverage->dual_bound.pairs, 2);  // the proof that 2 is the most pairs possible
}

TEST(Matching, NegativeScoresOnlyUnderCoverage) {
  std::vector<std::vector<Candidate>> lists{{{0, -1.0}}, {{0, 0.0}}};
  Problem p = lists_problem({2}, lists, Objective::kScore);
  p.min_score = -5;
  const auto score = solve(p);
  ASSERT_TRUE(score.has_value());
  // The pair scoring 0 is formed (more pairs at an equal total); the one below 0 is not.
  EXPECT_THAT(score->mentor_of, ElementsAre(kUnmatched, 0));
  EXPECT_THAT(score->mentee_reason, ElementsAre(Reason::kWouldLowerTotal, Reason::kNone));
  EXPECT_THAT(score->mentor_reason, ElementsAre(Reason::kWouldLowerTotal));
  p.objective = Objective::kCoverage;
  const auto coverage = solve(p);
  ASSERT_TRUE(coverage.has_value());
  EXPECT_THAT(coverage->mentor_of, ElementsAre(0, 0));
  EXPECT_EQ(coverage->total_score, -1.0);
  p.min_score = 0;
  const auto filtered = solve(p);
  ASSERT_TRUE(filtered.has_value());
  EXPECT_THAT(filtered->mentor_of, ElementsAre(kUnmatched, 0));
  EXPECT_THAT(filtered->mentee_reason, ElementsAre(Reason::kNoAllowedPartner, Reason::kNone));
}

TEST(Matching, TiesGoToTheLowerMentorIndex) {
  // Two mentees, two mentors, every score equal: mentee 0 takes mentor 0, mentee 1 mentor 1.
  const auto r = solve(lists_problem({1, 1}, {{{1, 1.0}, {0, 1.0}}, {{1, 1.0}, {0, 1.0}}}));
  ASSERT_TRUE(r.has_value());
  EXPECT_THAT(r->mentor_of, ElementsAre(0, 1));
}

TEST(Matching, HugeCapacitiesAndScalesAreFine) {
  Problem p = lists_problem({1'000'000'000, 1},
                            {{{0, 3e12}, {1, 1e12}}, {{0, 2e12}}, {{0, 1e12}, {1, 5e12}}});
  const auto r = solve(p);
  ASSERT_TRUE(r.has_value());
  EXPECT_THAT(r->mentor_of, ElementsAre(0, 0, 1));
  EXPECT_EQ(r->total_score, 10e12);
  EXPECT_TRUE(verify_optimality(p, *r).optimal);
}

TEST(Matching, TheCheckerRejectsATamperedProof) {
  Problem p = lists_problem({1, 1}, {{{0, 4.0}, {1, 3.0}}, {{0, 3.0}, {1, 1.0}}});
  const auto r = solve(p);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(verify_optimality(p, *r).optimal);
  EXPECT_THAT(r->mentor_of, ElementsAre(1, 0));  // 3 + 3 beats 4 + 1

  Result worse = *r;  // feasible, but not optimal: the duals cannot prove it
  worse.mentor_of = {0, 1};
  worse.pairs = {{0, 0, 4.0, false}, {1, 1, 1.0, false}};
  worse.total_score = 5;
  EXPECT_FALSE(verify_optimality(p, worse).optimal);

  Result lowered = *r;
  lowered.mentor_dual[0].score -= 1;
  const Optimality o = verify_optimality(p, lowered);
  EXPECT_FALSE(o.optimal);
  EXPECT_THAT(o.failure, ::testing::HasSubstr("reduced cost"));

  Result over = *r;
  over.mentor_of = {0, 0};
  over.pairs = {{0, 0, 4.0, false}, {1, 0, 3.0, false}};
  over.total_score = 7;
  EXPECT_THAT(verify_optimality(p, over).failure, ::testing::HasSubstr("capacity"));

  Result wrong_total = *r;
  wrong_total.total_score += 1;
  EXPECT_FALSE(verify_optimality(p, wrong_total).optimal);
}

}  // namespace
}  // namespace binome::core::matching
