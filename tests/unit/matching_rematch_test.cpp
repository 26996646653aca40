// Re-matching against an independent full solve of the modified problem (dissolved pairs
// forbidden, every other pair locked), on small and medium random instances in both forms and
// both objectives: every other pair kept, no dissolved pair again, capacities respected, the
// same optimum (and the same answer, reasons included), the proof accepted. Then a chain of
// re-matches, a previous result of pairs alone, a computed matrix, and errors.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <utility>
#include <variant>
#include <vector>

#include "core/matching/assignment.hpp"
#include "core/matching/rematch.hpp"
#include "support/matching_instances.hpp"

namespace binome::core::matching {
namespace {

using testing::kNaN;
using testing::pick;

struct ProblemShape {
  int max_mentees;
  int max_mentors;
  int skip_one_in;  // a pair is not a candidate with probability 1 - 1/skip_one_in
};

// Scores are multiples of 0.5 between -2 and 3 (ties common, sums exact); forbidden pairs,
// locks and min_score as in matching_assignment_test.
Problem random_problem(ProblemShape shape) {
  const int n = pick(0, shape.max_mentees);
  const int m = pick(1, shape.max_mentors);
  std::vector<int> capacity;
  for (int j = 0; j < m; ++j) capacity.push_back(pick(1, 4));
  std::vector<std::vector<Candidate>> lists(static_cast<std::size_t>(n));
  std::vector<Pair> forbidden;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < m; ++j) {
      if (pick(0, shape.skip_one_in) != 0) continue;
      lists[static_cast<std::size_t>(i)].push_back({j, 0.5 * pick(-4, 7)});
      if (pick(0, 8) == 0) forbidden.push_back({i, j});
    }
  }
  std::vector<Pair> locked;
  std::vector<int> left = capacity;
  for (int i = 0; i < n; ++i) {
    if (pick(0, 6) != 0) continue;
    for (const Candidate& c : lists[static_cast<std::size_t>(i)]) {
      const bool banned =
          std::find(forbidden.begin(), forbidden.end(), Pair{i, c.mentor}) != forbidden.end();
      if (!banned && left[static_cast<std::size_t>(c.mentor)] > 0) {
        --left[static_cast<std::size_t>(c.mentor)];
        locked.push_back({i, c.mentor});
        break;
      }
    }
  }
  constexpr double kMinScores[] = {-10.0, -1.0, 0.0, 0.5};
  Problem p{.capacities = capacity,
            .scores = sparse_scores(lists),
            .forbidden = forbidden,
            .locked = locked,
            .min_score = kMinScores[pick(0, 4)],
            .objective = pick(0, 2) == 0 ? Objective::kScore : Objective::kCoverage};
  if (pick(0, 3) == 0) {  // the dense form of the same problem
    DenseScores d{n, m, std::vector<double>(static_cast<std::size_t>(n * m), kNaN)};
    for (int i = 0; i < n; ++i) {
      for (const Candidate& c : lists[static_cast<std::size_t>(i)]) {
        d.cells[static_cast<std::size_t>(i * m + c.mentor)] = c.score;
      }
    }
    p.scores = std::move(d);
  }
  return p;
}

bool locked_by(const Problem& p, const MatchedPair& pair) {
  return std::find(p.locked.begin(), p.locked.end(), Pair{pair.mentee, pair.mentor}) !=
         p.locked.end();
}

// 1-3 distinct pairs of `r` that the problem does not lock (fewer if there are not enough).
std::vector<Pair> random_dissolution(const Problem& p, const Result& r) {
  std::vector<Pair> candidates;
  for (const MatchedPair& pair : r.pairs) {
    if (!locked_by(p, pair)) candidates.push_back({pair.mentee, pair.mentor});
  }
  std::vector<Pair> out;
  const int want = pick(1, 4);
  for (int k = 0; k < want && !candidates.empty(); ++k) {
    const auto at = static_cast<std::size_t>(pick(0, static_cast<int>(candidates.size())));
    out.push_back(candidates[at]);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(at));
  }
  return out;
}

void check_rematch(const Problem& problem, const Result& previous,
                   const std::vector<Pair>& dissolved) {
  const auto again = rematch(problem, previous, dissolved);
  RC_ASSERT(again.has_value());
  const Problem modified = with_kept_pairs(problem, previous, dissolved);
  const auto full = solve(modified);
  RC_ASSERT(full.has_value());

  for (const MatchedPair& pair : previous.pairs) {
    const bool gone = std::find(dissolved.begin(), dissolved.end(),
                                Pair{pair.mentee, pair.mentor}) != dissolved.end();
    const std::int32_t now = again->mentor_of[static_cast<std::size_t>(pair.mentee)];
    if (gone) {
      RC_ASSERT(now != pair.mentor);
    } else {
      RC_ASSERT(now == pair.mentor);
    }
  }
  std::vector<int> load(problem.capacities.size(), 0);
  for (const MatchedPair& pair : again->pairs) ++load[static_cast<std::size_t>(pair.mentor)];
  for (std::size_t j = 0; j < load.size(); ++j) RC_ASSERT(load[j] <= problem.capacities[j]);

  RC_ASSERT(std::abs(again->total_score - full->total_score) <= 1e-9);
  RC_ASSERT(again->matched == full->matched);
  const Optimality o = verify_optimality(modified, *again);
  RC_ASSERT(o.optimal);
  // The reduced problem is the full one without its locked rows: the same solver reaches the
  // same answer, with the same reasons.
  RC_ASSERT(again->mentor_of == full->mentor_of);
  RC_ASSERT(again->pairs == full->pairs);
  RC_ASSERT(again->mentee_reason == full->mentee_reason);
  RC_ASSERT(again->mentor_reason == full->mentor_reason);
}

void rematch_property(ProblemShape shape) {
  const Problem problem = random_problem(shape);
  const auto first = solve(problem);
  RC_ASSERT(first.has_value());
  check_rematch(problem, *first, random_dissolution(problem, *first));
}

RC_GTEST_PROP(MatchingRematch, SmallKeepsTheRestAndMatchesAFullSolve, ()) {
  rematch_property({8, 6, 2});
}

RC_GTEST_PROP(MatchingRematch, MediumKeepsTheRestAndMatchesAFullSolve, ()) {
  rematch_property({60, 40, 8});
}

RC_GTEST_PROP(MatchingRematch, DissolvingNothingChangesNothing, ()) {
  const Problem problem = random_problem({20, 12, 3});
  const auto first = solve(problem);
  RC_ASSERT(first.has_value());
  const auto again = rematch(problem, *first, {});
  RC_ASSERT(again.has_value());
  RC_ASSERT(again->mentor_of == first->mentor_of);
  RC_ASSERT(again->total_score == first->total_score);
  RC_ASSERT(again->mentee_reason == first->mentee_reason);
  RC_ASSERT(again->mentor_reason == first->mentor_reason);
  RC_ASSERT(verify_optimality(with_kept_pairs(problem, *first, {}), *again).optimal);
}

// A chain: the second re-match gets the problem with the first dissolution forbidden (locks as
// the user set them), so kept pairs can be dissolved in turn; no dissolved pair comes back.
RC_GTEST_PROP(MatchingRematch, AChainNeverProposesADissolvedPairAgain, ()) {
  Problem problem = random_problem({30, 20, 4});
  const auto first = solve(problem);
  RC_ASSERT(first.has_value());
  const std::vector<Pair> one = random_dissolution(problem, *first);
  const auto second = rematch(problem, *first, one);
  RC_ASSERT(second.has_value());
  problem.forbidden.insert(problem.forbidden.end(), one.begin(), one.end());
  const std::vector<Pair> two = random_dissolution(problem, *second);
  check_rematch(problem, *second, two);
  const auto third = rematch(problem, *second, two);
  for (const Pair& d : one) {
    RC_ASSERT(third->mentor_of[static_cast<std::size_t>(d.mentee)] != d.mentor);
  }
}

// What a caller that stored only the pairs can rebuild: no duals, no reasons. The answer is the
// same, reasons included (they are then found by scanning the rows).
Result pairs_only(const Result& r) {
  Result out;
  out.objective = r.objective;
  out.mentor_of = r.mentor_of;
  out.pairs = r.pairs;
  out.total_score = r.total_score;
  out.matched = r.matched;
  return out;
}

RC_GTEST_PROP(MatchingRematch, APreviousOfPairsAloneGivesTheSameAnswer, ()) {
  const Problem problem = random_problem({40, 25, 4});
  const auto first = solve(problem);
  RC_ASSERT(first.has_value());
  const std::vector<Pair> dissolved = random_dissolution(problem, *first);
  const auto warm = rematch(problem, *first, dissolved);
  const auto bare = rematch(problem, pairs_only(*first), dissolved);
  RC_ASSERT(warm.has_value());
  RC_ASSERT(bare.has_value());
  RC_ASSERT(bare->mentor_of == warm->mentor_of);
  RC_ASSERT(bare->pairs == warm->pairs);
  RC_ASSERT(bare->mentee_reason == warm->mentee_reason);
  RC_ASSERT(bare->mentor_reason == warm->mentor_reason);
  RC_ASSERT(bare->mentee_dual == warm->mentee_dual);
  RC_ASSERT(bare->mentor_dual == warm->mentor_dual);
  RC_ASSERT(verify_optimality(with_kept_pairs(problem, *first, dissolved), *bare).optimal);
}

// A dense matrix handed to the engine as computed rows (as scores from profiles are).
class MatrixRows : public ScoreRows {
 public:
  explicit MatrixRows(DenseScores d) : d_(std::move(d)) {}
  void row(std::uint32_t mentee, double* out) const override {
    std::copy_n(d_.cells.begin() + static_cast<std::ptrdiff_t>(mentee) * d_.mentors, d_.mentors, out);
  }
  double cell(std::uint32_t mentee, std::uint32_t mentor) const override {
    return d_.cells[static_cast<std::size_t>(mentee) * static_cast<std::size_t>(d_.mentors) + mentor];
  }
  double max_abs_score() const override {
    double out = 0;
    for (const double x : d_.cells) out = std::isnan(x) ? out : std::max(out, std::abs(x));
    return out;
  }

 private:
  DenseScores d_;
};

RC_GTEST_PROP(MatchingRematch, AComputedMatrixGivesTheSameAnswerAsTheStoredOne, ()) {
  Problem problem = random_problem({40, 25, 3});
  if (!std::holds_alternative<DenseScores>(problem.scores)) {  // the dense form, always
    const auto& s = std::get<SparseScores>(problem.scores);
    const auto n = static_cast<std::int32_t>(s.offsets.empty() ? 0 : s.offsets.size() - 1);
    const auto m = static_cast<std::int32_t>(problem.capacities.size());
    DenseScores d{n, m, std::vector<double>(static_cast<std::size_t>(n * m), kNaN)};
    for (std::int32_t i = 0; i < n; ++i) {
      for (auto e = s.offsets[static_cast<std::size_t>(i)]; e < s.offsets[static_cast<std::size_t>(i) + 1]; ++e) {
        d.cells[static_cast<std::size_t>(i * m + s.mentors[static_cast<std::size_t>(e)])] =
            s.scores[static_cast<std::size_t>(e)];
      }
    }
    problem.scores = std::move(d);
  }
  const auto first = solve(problem);
  RC_ASSERT(first.has_value());
  const std::vector<Pair> dissolved = random_dissolution(problem, *first);
  Problem computed = problem;
  auto& dense = std::get<DenseScores>(computed.scores);
  dense.computed = std::make_shared<MatrixRows>(dense);
  dense.cells.clear();
  for (const Result& previous : {*first, pairs_only(*first)}) {
    const auto stored = rematch(problem, previous, dissolved);
    const auto rows = rematch(computed, previous, dissolved);
    RC_ASSERT(stored.has_value());
    RC_ASSERT(rows.has_value());
    RC_ASSERT(rows->pairs == stored->pairs);
    RC_ASSERT(rows->mentee_reason == stored->mentee_reason);
    RC_ASSERT(rows->mentor_reason == stored->mentor_reason);
  }
}

Problem small_problem() {
  // Mentors 0 and 1 (capacity 1 each); mentees 0 and 1 like both, mentee 2 only mentor 1.
  return Problem{.capacities = {1, 1},
                 .scores = sparse_scores({{{0, 3.0}, {1, 1.0}}, {{0, 2.0}, {1, 2.0}}, {{1, 0.5}}}),
                 .locked = {{2, 1}}};
}

TEST(MatchingRematch, RepairsOnlyTheDissolvedPair) {
  const Problem problem{.capacities = {1, 1, 1},
                        .scores = sparse_scores({{{0, 3.0}, {1, 1.0}}, {{1, 2.0}, {2, 1.0}}})};
  const auto first = solve(problem);
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->mentor_of, (std::vector<std::int32_t>{0, 1}));
  const auto again = rematch(problem, *first, {{0, 0}});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->mentor_of, (std::vector<std::int32_t>{kUnmatched, 1}));
  EXPECT_EQ(again->mentee_reason[0], Reason::kPartnersTaken);
  EXPECT_EQ(again->mentor_reason[0], Reason::kNoAllowedPartner);
  EXPECT_TRUE(again->pairs[0].locked);
  EXPECT_DOUBLE_EQ(again->total_score, 2.0);
  EXPECT_TRUE(verify_optimality(with_kept_pairs(problem, *first, {{0, 0}}), *again).optimal);
}

TEST(MatchingRematch, RejectsWhatIsNotAPairOfTheResult) {
  const Problem problem = small_problem();
  const auto first = solve(problem);
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->mentor_of, (std::vector<std::int32_t>{0, kUnmatched, 1}));
  for (const std::vector<Pair>& bad : std::vector<std::vector<Pair>>{
           {{0, 1}}, {{1, 0}}, {{5, 0}}, {{0, -1}}, {{0, 0}, {0, 0}}, {{2, 1}}}) {
    const auto again = rematch(problem, *first, bad);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code_name(), "validation_failed");
  }
  // A lock of the problem that the previous result does not hold.
  Problem relocked = problem;
  relocked.locked = {{1, 0}};
  const auto unlocked = rematch(relocked, *first, {});
  ASSERT_FALSE(unlocked.has_value());
  ASSERT_EQ(unlocked.error().details.size(), 1u);
  EXPECT_EQ(unlocked.error().details[0].field, "locked[0]");
  EXPECT_FALSE(rematch(problem, pairs_only(*first), {{0, 1}}).has_value());
  Problem other = problem;
  other.objective = Objective::kCoverage;
  EXPECT_FALSE(rematch(other, *first, {{0, 0}}).has_value());
  other = problem;
  other.capacities.push_back(1);
  EXPECT_FALSE(rematch(other, *first, {{0, 0}}).has_value());
}

}  // namespace
}  // namespace binome::core::matching
