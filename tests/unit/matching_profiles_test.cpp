// Scores from profiles: each criterion on hand-worked pairs, each hard rule at its boundary,
// row/cell/explain agreement, the census against a pair-by-pair count, and the exact solver
// on a computed matrix read row by row against the same matrix stored.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <future>
#include <latch>
#include <memory>
#include <stop_token>
#include <vector>

#include "core/matching/assignment.hpp"
#include "core/matching/profiles.hpp"
#include "core/matching/rematch.hpp"
#include "core/matching/stable.hpp"
#include "support/profile_cohort.hpp"

namespace binome::core::matching {
namespace {

constexpr std::uint32_t kFr = 1U << 0;
constexpr std::uint32_t kEn = 1U << 1;
constexpr std::uint32_t kDe = 1U << 2;

// Half-hours of Monday, UTC: [from, to) in hours.
std::vector<std::int32_t> monday(int from, int to) {
  std::vector<std::int32_t> out;
  for (int h = from * 2; h < to * 2; ++h) out.push_back(h);
  return out;
}

// Skills: 0 generative AI, 1 cybersecurity, 2 risk, 3 client relationship.
Profile mentor_m1() {
  Profile p;
  p.proficiency = {{0, 7}, {1, 5}};
  p.goals = {{2, 1.0}, {3, 0.5}};
  p.interests = {0, 1};
  p.free_slots = monday(11, 13);
  p.languages = kFr | kEn;
  p.utc_offset_minutes = 60;
  p.department = 0;
  p.grade = 1;
  p.person = 100;
  p.managers = {200, 201};
  return p;
}

Profile mentee_e1() {
  Profile p;
  p.proficiency = {{2, 8}};
  p.goals = {{0, 1.0}};
  p.interests = {0};
  p.free_slots = monday(10, 12);
  p.languages = kFr;
  p.utc_offset_minutes = 60;
  p.department = 1;
  p.grade = 5;
  p.person = 1;
  p.managers = {202, 201};
  return p;
}

ProfileScorer scorer(std::vector<Profile> mentees, std::vector<Profile> mentors,
                     ScoringRules rules = {}) {
  return ProfileScorer(std::move(mentees), std::move(mentors), 4, 2, rules);
}

TEST(ProfileScores, EachCriterionAsTheDocumentationComputesIt) {
  const auto s = scorer({mentee_e1()}, {mentor_m1()});
  const Explanation x = s.explain(0, 0);
  EXPECT_EQ(x.broken_rules, 0U);
  EXPECT_NEAR(x.criteria[0], 7.0 / 8, 1e-6);            // skills: level 7 above the mentee's 0
  EXPECT_NEAR(x.criteria[1], (1.0 / 1.5) * 1.0, 1e-6);  // reverse: risk 8 above 0, weight 1 of 1.5
  EXPECT_NEAR(x.criteria[2], 0.5, 1e-6);                // interests: 1 shared of 2
  EXPECT_NEAR(x.criteria[3], 0.5, 1e-6);                // one common hour of the 2-hour target
  EXPECT_NEAR(x.criteria[4], 1.0, 1e-6);                // different departments
  EXPECT_DOUBLE_EQ(x.common_hours, 1.0);
  EXPECT_DOUBLE_EQ(x.score, 0.725);  // .4*.875 + .15*2/3 + .15*.5 + .2*.5 + .1*1, to six decimals
  EXPECT_DOUBLE_EQ(s.cell(0, 0), 0.725);
  double contributions = 0;
  for (double c : x.contributions) contributions += c;
  EXPECT_NEAR(contributions, x.score, 1e-6);
}

TEST(ProfileScores, WeightsAreRelativeAndTheMenteesOwnLevelCounts) {
  ScoringRules only_skills;
  only_skills.weights = {2, 0, 0, 0, 0};
  Profile e = mentee_e1();
  e.proficiency = {{0, 3}, {2, 8}};  // already level 3 in what they want to learn
  const auto s = scorer({e}, {mentor_m1()}, only_skills);
  EXPECT_DOUBLE_EQ(s.cell(0, 0), 0.5);  // (7 - 3) / 8, whatever the weight's scale
  ScoringRules none;
  none.weights = {0, 0, 0, 0, 0};
  EXPECT_DOUBLE_EQ(scorer({e}, {mentor_m1()}, none).cell(0, 0), 0.0);
}

std::uint32_t broken(const Profile& mentee, const Profile& mentor, ScoringRules rules = {}) {
  const auto s = scorer({mentee}, {mentor}, rules);
  const std::uint32_t bits = s.explain(0, 0).broken_rules;
  EXPECT_EQ(std::isnan(s.cell(0, 0)), bits != 0);
  return bits;
}

TEST(ProfileRules, CommonLanguage) {
  Profile m = mentor_m1();
  m.languages = kDe;
  EXPECT_EQ(broken(mentee_e1(), m), rule_bit(Rule::kCommonLanguage));
  m.languages = 0;  // none listed: nothing shared
  EXPECT_EQ(broken(mentee_e1(), m), rule_bit(Rule::kCommonLanguage));
  ScoringRules off;
  off.common_language = false;
  EXPECT_EQ(broken(mentee_e1(), m, off), 0U);
}

TEST(ProfileRules, HierarchyInversionAtTheGap) {
  ScoringRules rules;
  rules.min_grade_gap = 4;
  Profile m = mentor_m1();  // grade 1, mentee grade 5: a gap of 4
  EXPECT_EQ(broken(mentee_e1(), m, rules), 0U);
  m.grade = 2;  // gap 3
  EXPECT_EQ(broken(mentee_e1(), m, rules), rule_bit(Rule::kHierarchyInversion));
  m.grade.reset();  // unknown
  EXPECT_EQ(broken(mentee_e1(), m, rules), rule_bit(Rule::kHierarchyInversion));
  rules.min_grade_gap.reset();
  EXPECT_EQ(broken(mentee_e1(), m, rules), 0U);
}

TEST(ProfileRules, ManagementChainEitherWayAndSharedManager) {
  Profile m = mentor_m1();
  Profile e = mentee_e1();
  e.managers = {300, 100, 201};  // the mentor manages the mentee's manager
  EXPECT_EQ(broken(e, m), rule_bit(Rule::kManagementChain));
  e = mentee_e1();
  m.managers = {1, 201};  // the mentee is the mentor's manager
  EXPECT_EQ(broken(e, m), rule_bit(Rule::kManagementChain));
  m = mentor_m1();
  m.managers = {202, 201};  // same direct manager as the mentee
  EXPECT_EQ(broken(e, m), rule_bit(Rule::kSameManager));
  ScoringRules off;
  off.reporting_lines = false;
  EXPECT_EQ(broken(e, m, off), 0U);
  EXPECT_EQ(broken(mentee_e1(), mentor_m1()), 0U);  // a common skip-level manager is fine
}

TEST(ProfileRules, TimeZoneDistanceOnTheCircle) {
  ScoringRules rules;
  rules.max_time_zone_hours = 1;
  Profile m = mentor_m1();
  Profile e = mentee_e1();
  m.utc_offset_minutes = -11 * 60;
  e.utc_offset_minutes = 12 * 60;  // 23 hours apart as numbers, one hour on the clock
  EXPECT_EQ(broken(e, m, rules), 0U);
  e.utc_offset_minutes = -9 * 60 - 30;  // 1 h 30
  EXPECT_EQ(broken(e, m, rules), rule_bit(Rule::kTimeZoneDistance));
  e.utc_offset_minutes.reset();
  EXPECT_EQ(broken(e, m, rules), rule_bit(Rule::kTimeZoneDistance));
}

TEST(ProfileRules, MinimumCommonHoursAndSeveralRulesAtOnce) {
  ScoringRules rules;
  rules.min_common_hours = 1.5;
  Profile m = mentor_m1();  // one common hour with the mentee
  EXPECT_EQ(broken(mentee_e1(), m, rules), rule_bit(Rule::kCommonHours));
  rules.min_common_hours = 1;
  EXPECT_EQ(broken(mentee_e1(), m, rules), 0U);
  m.languages = kDe;
  m.grade = 9;
  EXPECT_EQ(broken(mentee_e1(), m),
            rule_bit(Rule::kCommonLanguage) | rule_bit(Rule::kHierarchyInversion));
}

TEST(ProfileScores, RowsCellsAndExplanationsAgreeBitForBit) {
  const auto cohort = testing::random_profile_cohort(70, 90, 7);
  ScoringRules rules;
  rules.max_time_zone_hours = 5;
  rules.min_common_hours = 0.5;
  const ProfileScorer s(cohort.mentees, cohort.mentors, cohort.skills, cohort.interests, rules);
  std::vector<double> row(90), batch(70 * 90);
  s.rows(0, 70, 90, batch.data());
  std::size_t allowed = 0;
  for (std::uint32_t i = 0; i < 70; ++i) {
    s.row(i, row.data());
    for (std::uint32_t j = 0; j < 90; ++j) {
      const double c = s.cell(i, j);
      const Explanation x = s.explain(i, j);
      ASSERT_EQ(std::isnan(row[j]), std::isnan(c));
      ASSERT_EQ(std::isnan(c), x.broken_rules != 0);
      ASSERT_EQ(std::isnan(batch[i * 90 + j]), std::isnan(c));
      if (std::isnan(c)) continue;
      ++allowed;
      ASSERT_EQ(row[j], c);
      ASSERT_EQ(batch[i * 90 + j], c);
      ASSERT_EQ(x.score, c);
      ASSERT_GE(c, 0.0);
      ASSERT_LE(c, 1.0);
    }
  }
  // The cohort is meant to be realistic: some pairs allowed, most of them not.
  EXPECT_GT(allowed, 70U * 90 / 20);
  EXPECT_LT(allowed, 70U * 90 / 2);
}

TEST(ProfileScores, TheCensusCountsWhatExplainSaysPairByPair) {
  const auto cohort = testing::random_profile_cohort(80, 60, 3);
  ScoringRules rules;
  rules.max_time_zone_hours = 4;
  const ProfileScorer s(cohort.mentees, cohort.mentors, cohort.skills, cohort.interests, rules);
  const std::vector<Pair> forbidden = {{3, 4}, {10, 7}};
  const std::vector<Pair> dissolved = {{3, 5}};
  const double min_score = 0.3;
  const Census c = s.census(forbidden, dissolved, min_score, 25);
  Census expected;
  expected.mentee_by_rule.assign(80, {});
  expected.mentor_by_rule.assign(60, {});
  std::vector<ExcludedPair> all;
  for (std::uint32_t i = 0; i < 80; ++i) {
    for (std::uint32_t j = 0; j < 60; ++j) {
      const Explanation x = s.explain(i, j, forbidden, dissolved);
      if (x.broken_rules == 0) {
        ++expected.allowed;
        expected.below_min_score += x.score < min_score ? 1U : 0U;
        continue;
      }
      ++expected.excluded;
      all.push_back({i, j, x.broken_rules});
      for (std::size_t r = 0; r < kRules; ++r) {
        if ((x.broken_rules >> r & 1U) == 0) continue;
        ++expected.by_rule[r];
        ++expected.mentee_by_rule[i][r];
        ++expected.mentor_by_rule[j][r];
      }
    }
  }
  EXPECT_EQ(c.allowed, expected.allowed);
  EXPECT_EQ(c.below_min_score, expected.below_min_score);
  EXPECT_EQ(c.excluded, expected.excluded);
  EXPECT_EQ(c.by_rule, expected.by_rule);
  EXPECT_EQ(c.mentee_by_rule, expected.mentee_by_rule);
  EXPECT_EQ(c.mentor_by_rule, expected.mentor_by_rule);
  EXPECT_EQ(c.by_rule[static_cast<std::size_t>(Rule::kForbidden)], 2U);
  EXPECT_EQ(c.by_rule[static_cast<std::size_t>(Rule::kDissolvedBefore)], 1U);
  ASSERT_EQ(c.listed.size(), 25U);  // the first 25, in order
  for (std::size_t k = 0; k < 25; ++k) {
    EXPECT_EQ(c.listed[k].mentee, all[k].mentee);
    EXPECT_EQ(c.listed[k].mentor, all[k].mentor);
    EXPECT_EQ(c.listed[k].rules, all[k].rules);
  }
}

// The same cohort solved from the computed matrix read row by row and from the matrix stored:
// the same optimal total, a proof, and no pair a rule excludes.
TEST(ProfileScores, TheSolverReadsAComputedMatrixRowByRowExactly) {
  for (const Objective objective : {Objective::kScore, Objective::kCoverage}) {
    for (std::uint64_t seed : {1U, 2U}) {
      const auto cohort = testing::random_profile_cohort(420, 300, seed);
      ScoringRules rules;
      rules.max_time_zone_hours = 6;
      auto s = std::make_shared<const ProfileScorer>(cohort.mentees, cohort.mentors, cohort.skills,
                                                     cohort.interests, rules);
      Problem computed;
      for (int j = 0; j < 300; ++j) computed.capacities.push_back(1 + j % 3);
      computed.min_score = 0.25;
      computed.objective = objective;
      computed.forbidden = {{0, 0}, {5, 9}};
      DenseScores rows{420, 300, {}, s};
      rows.materialised_cells = 0;  // never in memory: the row-by-row path
      computed.scores = rows;
      Problem stored = computed;
      DenseScores cells{420, 300, std::vector<double>(420 * 300), nullptr};
      for (std::uint32_t i = 0; i < 420; ++i) s->row(i, cells.cells.data() + i * 300);
      stored.scores = cells;

      const auto a = solve(computed);
      const auto b = solve(stored);
      ASSERT_TRUE(a && b);
      EXPECT_NEAR(a->total_score, b->total_score, 1e-9);
      EXPECT_EQ(a->matched, b->matched);
      EXPECT_TRUE(verify_optimality(computed, *a).optimal)
          << verify_optimality(computed, *a).failure;
      EXPECT_TRUE(verify_optimality(stored, *a).optimal);
      EXPECT_GT(a->matched, 100);
      for (const MatchedPair& p : a->pairs) {
        EXPECT_EQ(
            s->explain(static_cast<std::uint32_t>(p.mentee), static_cast<std::uint32_t>(p.mentor))
                .broken_rules,
            0U);
        EXPECT_GE(p.score, 0.25);
        EXPECT_FALSE(p.mentee == 5 && p.mentor == 9);
      }
    }
  }
}

// Cancellation (assignment.hpp): the stop is requested from another thread while the solver is
// demonstrably at work, computing rows of a profile cohort too large to keep in memory; the
// first row computed waits for the request, so the stop always lands mid-solve, without sleeps.
class RowsThatSignal final : public ScoreRows {
 public:
  RowsThatSignal(std::shared_ptr<const ProfileScorer> scorer, std::latch& started, std::latch& requested)
      : scorer_(std::move(scorer)), started_(started), requested_(requested) {}
  void row(std::uint32_t mentee, double* out) const override {
    signal();
    scorer_->row(mentee, out);
  }
  void rows(std::uint32_t first, std::uint32_t count, std::size_t stride, double* out) const override {
    signal();
    scorer_->rows(first, count, stride, out);
  }
  double cell(std::uint32_t mentee, std::uint32_t mentor) const override { return scorer_->cell(mentee, mentor); }
  double max_abs_score() const override { return 1.0; }

 private:
  void signal() const {
    if (signalled_.exchange(true)) return;
    started_.count_down();
    requested_.wait();
  }
  std::shared_ptr<const ProfileScorer> scorer_;
  std::latch& started_;
  std::latch& requested_;
  mutable std::atomic<bool> signalled_{false};
};

Problem cohort_problem(std::uint32_t mentees, std::uint32_t mentors, std::shared_ptr<const ScoreRows> rows) {
  Problem p;
  for (std::uint32_t j = 0; j < mentors; ++j) p.capacities.push_back(1 + static_cast<std::int32_t>(j % 3));
  p.min_score = 0.2;
  DenseScores scores{static_cast<std::int32_t>(mentees), static_cast<std::int32_t>(mentors), {}, std::move(rows)};
  scores.materialised_cells = 0;  // read row by row, as a large cohort is
  p.scores = scores;
  return p;
}

template <typename Run>
void expect_stopped_mid_run(Run run) {
  const auto cohort = testing::random_profile_cohort(1500, 1500, 5);
  std::latch started(1);
  std::latch requested(1);
  auto rows = std::make_shared<const RowsThatSignal>(
      std::make_shared<const ProfileScorer>(cohort.mentees, cohort.mentors, cohort.skills, cohort.interests,
                                            ScoringRules{}),
      started, requested);
  const Problem problem = cohort_problem(1500, 1500, rows);
  std::stop_source source;
  auto running = std::async(std::launch::async, [&] { return run(problem, source.get_token()); });
  started.wait();
  const auto asked = std::chrono::steady_clock::now();
  source.request_stop();
  requested.count_down();
  const auto code = running.get();
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
  EXPECT_EQ(code, ErrorCode::kTimeBudgetExceeded);
  // A row or a search at most once asked (milliseconds, even under the sanitizers).
  EXPECT_LT(waited, 1.0);
}

TEST(MatchingStop, AStopFromAnotherThreadEndsASolveUnderWay) {
  expect_stopped_mid_run([](const Problem& p, std::stop_token stop) {
    const auto r = solve(p, std::move(stop));
    return r ? ErrorCode::kCount : r.error().code;
  });
}

TEST(MatchingStop, AStopFromAnotherThreadEndsTheStableMatchingAndTheProofCheck) {
  expect_stopped_mid_run([](const Problem& p, std::stop_token stop) {
    const auto r = solve_stable(p, std::move(stop));
    return r ? ErrorCode::kCount : r.error().code;
  });
  expect_stopped_mid_run([](const Problem& p, std::stop_token stop) {
    // Everyone unmatched, every dual 0: the check reaches the pass over every pair, and stops.
    Result any;
    any.objective = p.objective;
    any.mentor_of.assign(1500, kUnmatched);
    any.mentee_dual.resize(1500);
    any.mentor_dual.resize(1500);
    const Optimality o = verify_optimality(p, any, std::move(stop));
    return o.stopped && !o.optimal ? ErrorCode::kTimeBudgetExceeded : ErrorCode::kCount;
  });
}

TEST(MatchingStop, AStopRequestedBeforehandAnswersAtOnce) {
  const auto cohort = testing::random_profile_cohort(300, 200, 2);
  const auto scorer = std::make_shared<const ProfileScorer>(cohort.mentees, cohort.mentors, cohort.skills,
                                                            cohort.interests, ScoringRules{});
  const Problem problem = cohort_problem(300, 200, scorer);
  std::stop_source source;
  source.request_stop();
  const auto solved = solve(problem, source.get_token());
  ASSERT_FALSE(solved);
  EXPECT_EQ(solved.error().code, ErrorCode::kTimeBudgetExceeded);
  EXPECT_EQ(solved.error().kind(), ErrorKind::kUnavailable);
  const auto stable = solve_stable(problem, source.get_token());
  ASSERT_FALSE(stable);
  EXPECT_EQ(stable.error().code, ErrorCode::kTimeBudgetExceeded);
  const auto first = solve(problem);
  ASSERT_TRUE(first);
  const auto again = rematch(problem, *first, {{first->pairs[0].mentee, first->pairs[0].mentor}}, source.get_token());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kTimeBudgetExceeded);
  EXPECT_TRUE(scorer->census({}, {}, 0.2, 10, source.get_token()).stopped);
  EXPECT_TRUE(verify_optimality(problem, *first, source.get_token()).stopped);
}

TEST(MatchingStop, ATokenNeverRequestedChangesNothing) {
  const auto cohort = testing::random_profile_cohort(300, 200, 4);
  const Problem problem = cohort_problem(
      300, 200,
      std::make_shared<const ProfileScorer>(cohort.mentees, cohort.mentors, cohort.skills, cohort.interests,
                                            ScoringRules{}));
  std::stop_source source;  // a live token, never requested
  const auto with = solve(problem, source.get_token());
  const auto without = solve(problem);
  ASSERT_TRUE(with && without);
  EXPECT_EQ(with->pairs, without->pairs);
  EXPECT_EQ(with->mentee_dual, without->mentee_dual);
  EXPECT_EQ(with->mentor_dual, without->mentor_dual);
  EXPECT_TRUE(verify_optimality(problem, *with, source.get_token()).optimal);
}

}  // namespace
}  // namespace binome::core::matching
