// The stable-matching alternative (core/matching/stable.hpp) on small random instances against
// a brute force written here: every matching of the instance is enumerated, its blocking pairs
// counted from the definition; the solver's matching must be valid, have none, and give each
// mentee the best partner it has in any stable matching (mentee-optimality). Ties in scores,
// negative scores, min_score, forbidden pairs, locks, both score forms.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "core/matching/assignment.hpp"
#include "core/matching/stable.hpp"
#include "support/matching_instances.hpp"

namespace binome::core::matching {
namespace {

struct Grid {
  int mentees = 0;
  int mentors = 0;
  std::vector<int> capacity;
  std::vector<std::vector<std::optional<double>>> score;  // [mentee][mentor], nullopt: not listed
  std::vector<Pair> forbidden;
  std::vector<Pair> locked;
  double min_score = 0;
};

Problem sparse_problem(const Grid& x, bool reversed_lists = false) {
  std::vector<std::vector<Candidate>> lists(static_cast<std::size_t>(x.mentees));
  for (int i = 0; i < x.mentees; ++i) {
    for (int j = 0; j < x.mentors; ++j) {
      if (const auto s = x.score[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]) {
        lists[static_cast<std::size_t>(i)].push_back({j, *s});
      }
    }
    if (reversed_lists) std::reverse(lists[static_cast<std::size_t>(i)].begin(), lists[static_cast<std::size_t>(i)].end());
  }
  Problem p;
  p.capacities.assign(x.capacity.begin(), x.capacity.end());
  p.scores = sparse_scores(lists);
  p.forbidden = x.forbidden;
  p.locked = x.locked;
  p.min_score = x.min_score;
  if (reversed_lists) {
    std::reverse(p.forbidden.begin(), p.forbidden.end());
    std::reverse(p.locked.begin(), p.locked.end());
  }
  return p;
}

Problem dense_problem(const Grid& x) {
  DenseScores d{x.mentees, x.mentors, {}};
  for (int i = 0; i < x.mentees; ++i) {
    for (int j = 0; j < x.mentors; ++j) {
      d.cells.push_back(x.score[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].value_or(testing::kNaN));
    }
  }
  Problem p = sparse_problem(x);
  p.scores = std::move(d);
  return p;
}

// Up to 5 mentees x 3 mentors; scores on a coarse grid (ties), some negative.
rc::Gen<Grid> instances() {
  return rc::gen::exec([] {
    Grid x;
    x.mentees = *rc::gen::inRange(1, 6);
    x.mentors = *rc::gen::inRange(1, 4);
    for (int j = 0; j < x.mentors; ++j) x.capacity.push_back(*rc::gen::inRange(1, 3));
    x.min_score = *rc::gen::element(-10.0, 0.0, 1.0);
    x.score.assign(static_cast<std::size_t>(x.mentees), {});
    for (auto& row : x.score) {
      for (int j = 0; j < x.mentors; ++j) {
        if (*rc::gen::inRange(0, 5) == 0) {
          row.emplace_back();
        } else {
          row.emplace_back(*rc::gen::inRange(-2, 5) * 0.5);
        }
      }
    }
    for (int i = 0; i < x.mentees; ++i) {
      for (int j = 0; j < x.mentors; ++j) {
        if (*rc::gen::inRange(0, 8) == 0) x.forbidden.push_back({i, j});
      }
    }
    // A few valid locks: listed, not forbidden, within capacity.
    std::vector<int> locks(static_cast<std::size_t>(x.mentors), 0);
    for (int i = 0; i < x.mentees; ++i) {
      if (*rc::gen::inRange(0, 5) != 0) continue;
      const int j = *rc::gen::inRange(0, x.mentors);
      const bool listed = x.score[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].has_value();
      const bool banned = std::find(x.forbidden.begin(), x.forbidden.end(), Pair{i, j}) != x.forbidden.end();
      if (!listed || banned || locks[static_cast<std::size_t>(j)] == x.capacity[static_cast<std::size_t>(j)]) continue;
      ++locks[static_cast<std::size_t>(j)];
      x.locked.push_back({i, j});
    }
    return x;
  });
}

// The brute force's view of an instance.
struct Oracle {
  const Grid& x;

  int locked_mentor(int i) const {
    for (const Pair& l : x.locked) {
      if (l.mentee == i) return l.mentor;
    }
    return kUnmatched;
  }
  bool acceptable(int i, int j) const {
    const auto& s = x.score[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    const bool banned = std::find(x.forbidden.begin(), x.forbidden.end(), Pair{i, j}) != x.forbidden.end();
    return s.has_value() && !banned && *s >= x.min_score;
  }
  double w(int i, int j) const { return *x.score[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]; }
  // Mentee i's rank of mentor j (kUnmatched: none, the worst); lower is better.
  std::pair<double, int> mentee_rank(int i, int j) const {
    if (j == kUnmatched) return {std::numeric_limits<double>::infinity(), 0};
    return {-w(i, j), j};
  }
  bool mentor_prefers(int j, int a, int b) const {
    return w(a, j) > w(b, j) || (w(a, j) == w(b, j) && a < b);
  }

  int blocking(const std::vector<std::int32_t>& mentor_of) const {
    int count = 0;
    for (int i = 0; i < x.mentees; ++i) {
      if (locked_mentor(i) != kUnmatched) continue;
      const int own = mentor_of[static_cast<std::size_t>(i)];
      for (int j = 0; j < x.mentors; ++j) {
        if (j == own || !acceptable(i, j) || !(mentee_rank(i, j) < mentee_rank(i, own))) continue;
        int load = 0;
        bool would_drop = false;
        for (int k = 0; k < x.mentees; ++k) {
          if (mentor_of[static_cast<std::size_t>(k)] != j) continue;
          ++load;
          if (locked_mentor(k) == kUnmatched && mentor_prefers(j, i, k)) would_drop = true;
        }
        if (load < x.capacity[static_cast<std::size_t>(j)] || would_drop) ++count;
      }
    }
    return count;
  }

  // Every matching: locks kept, acceptable pairs only, capacities respected.
  std::vector<std::vector<std::int32_t>> all_matchings() const {
    std::vector<std::vector<std::int32_t>> out;
    std::vector<std::int32_t> mentor_of(static_cast<std::size_t>(x.mentees), kUnmatched);
    std::vector<int> load(static_cast<std::size_t>(x.mentors), 0);
    const auto walk = [&](auto&& self, int i) -> void {
      if (i == x.mentees) {
        out.push_back(mentor_of);
        return;
      }
      const int locked = locked_mentor(i);
      for (int j = kUnmatched; j < x.mentors; ++j) {
        if (locked != kUnmatched && j != locked) continue;
        if (j != kUnmatched) {
          if (locked == kUnmatched && !acceptable(i, j)) continue;
          if (load[static_cast<std::size_t>(j)] == x.capacity[static_cast<std::size_t>(j)]) continue;
          ++load[static_cast<std::size_t>(j)];
        }
        mentor_of[static_cast<std::size_t>(i)] = j;
        self(self, i + 1);
        if (j != kUnmatched) --load[static_cast<std::size_t>(j)];
      }
      mentor_of[static_cast<std::size_t>(i)] = kUnmatched;
    };
    walk(walk, 0);
    return out;
  }
};

// The result is a matching of the instance, consistent with itself.
void check_valid(const Grid& x, const Result& r) {
  const Oracle o{x};
  RC_ASSERT(r.mentor_of.size() == static_cast<std::size_t>(x.mentees));
  std::vector<int> load(static_cast<std::size_t>(x.mentors), 0);
  double total = 0;
  std::size_t k = 0;
  for (int i = 0; i < x.mentees; ++i) {
    const int j = r.mentor_of[static_cast<std::size_t>(i)];
    const int locked = o.locked_mentor(i);
    if (locked != kUnmatched) RC_ASSERT(j == locked);
    if (j == kUnmatched) {
      RC_ASSERT(r.mentee_reason[static_cast<std::size_t>(i)] != Reason::kNone);
      continue;
    }
    if (locked == kUnmatched) RC_ASSERT(o.acceptable(i, j));
    ++load[static_cast<std::size_t>(j)];
    RC_ASSERT(k < r.pairs.size());
    RC_ASSERT(r.pairs[k] == (MatchedPair{i, j, o.w(i, j), locked != kUnmatched}));
    total += o.w(i, j);
    ++k;
  }
  RC_ASSERT(k == r.pairs.size());
  RC_ASSERT(static_cast<std::size_t>(r.matched) == k);
  RC_ASSERT(std::abs(r.total_score - total) < 1e-9);
  for (int j = 0; j < x.mentors; ++j) {
    RC_ASSERT(load[static_cast<std::size_t>(j)] <= x.capacity[static_cast<std::size_t>(j)]);
    const bool room = load[static_cast<std::size_t>(j)] < x.capacity[static_cast<std::size_t>(j)];
    RC_ASSERT(room == (r.mentor_reason[static_cast<std::size_t>(j)] != Reason::kNone));
  }
}

RC_GTEST_PROP(MatchingStable, ValidWithoutBlockingPairsAndMenteeOptimal, ()) {
  const Grid x = *instances();
  const Problem problem = sparse_problem(x);
  const auto stable = solve_stable(problem);
  RC_ASSERT(stable.has_value());
  const Result& r = stable->assignment;
  check_valid(x, r);

  const Oracle o{x};
  RC_ASSERT(stable->blocking_pairs == 0);
  RC_ASSERT(o.blocking(r.mentor_of) == 0);

  // Mentee-optimal: no stable matching gives any mentee a mentor it prefers.
  int stable_count = 0;
  for (const auto& other : o.all_matchings()) {
    if (o.blocking(other) != 0) continue;
    ++stable_count;
    for (int i = 0; i < x.mentees; ++i) {
      RC_ASSERT(!(o.mentee_rank(i, other[static_cast<std::size_t>(i)]) <
                  o.mentee_rank(i, r.mentor_of[static_cast<std::size_t>(i)])));
    }
  }
  RC_ASSERT(stable_count >= 1);
}

RC_GTEST_PROP(MatchingStable, BlockingPairCountAgreesWithTheDefinition, ()) {
  const Grid x = *instances();
  const Problem problem = sparse_problem(x);
  const Oracle o{x};
  const auto all = o.all_matchings();
  for (std::size_t k = 0; k < all.size(); k += 1 + all.size() / 64) {
    const auto counted = count_blocking_pairs(problem, all[k]);
    RC_ASSERT(counted.has_value());
    RC_ASSERT(*counted == o.blocking(all[k]));
  }
}

RC_GTEST_PROP(MatchingStable, DeterministicWhateverTheFormAndOrder, ()) {
  const Grid x = *instances();
  const auto a = solve_stable(sparse_problem(x));
  const auto b = solve_stable(sparse_problem(x));
  const auto c = solve_stable(sparse_problem(x, /*reversed_lists=*/true));
  const auto d = solve_stable(dense_problem(x));
  RC_ASSERT(a && b && c && d);
  for (const auto* other : {&*b, &*c, &*d}) {
    RC_ASSERT(other->assignment.mentor_of == a->assignment.mentor_of);
    RC_ASSERT(other->assignment.pairs == a->assignment.pairs);
    RC_ASSERT(other->assignment.total_score == a->assignment.total_score);
    RC_ASSERT(other->assignment.mentee_reason == a->assignment.mentee_reason);
    RC_ASSERT(other->assignment.mentor_reason == a->assignment.mentor_reason);
    RC_ASSERT(other->blocking_pairs == 0);
  }
}

TEST(MatchingStable, ScoresMakeBothSidesPreferences) {
  // E0 and E1 both like M0 best; M0 (capacity 1) prefers E1 (0.9 > 0.8). E0 falls back to M1.
  // The optimal total would pair E0-M0 (0.8) and E1-M1 (0.85): 1.65 > 0.9 + 0.1.
  Grid x;
  x.mentees = 2;
  x.mentors = 2;
  x.capacity = {1, 1};
  x.score = {{0.8, 0.1}, {0.9, 0.85}};
  const auto stable = solve_stable(sparse_problem(x));
  ASSERT_TRUE(stable.has_value());
  EXPECT_EQ(stable->assignment.mentor_of, (std::vector<std::int32_t>{1, 0}));
  EXPECT_DOUBLE_EQ(stable->assignment.total_score, 1.0);
  EXPECT_EQ(stable->blocking_pairs, 0);
  const auto exact = solve(sparse_problem(x));
  ASSERT_TRUE(exact.has_value());
  EXPECT_DOUBLE_EQ(exact->total_score, 1.65);
  // The optimum is blocked by (E1, M0): E1 prefers M0 (0.9 > 0.85) and M0 prefers E1.
  EXPECT_EQ(count_blocking_pairs(sparse_problem(x), exact->mentor_of).value(), 1);
}

TEST(MatchingStable, LockedSeatsAreKeptAndNotUpForGrabs) {
  // M0 (capacity 1) is locked to E0, whom it likes least; E1 would rather have M0 but cannot.
  Grid x;
  x.mentees = 2;
  x.mentors = 2;
  x.capacity = {1, 1};
  x.score = {{0.1, std::nullopt}, {0.9, 0.5}};
  x.locked = {{0, 0}};
  const auto stable = solve_stable(sparse_problem(x));
  ASSERT_TRUE(stable.has_value());
  EXPECT_EQ(stable->assignment.mentor_of, (std::vector<std::int32_t>{0, 1}));
  EXPECT_TRUE(stable->assignment.pairs[0].locked);
  EXPECT_EQ(stable->blocking_pairs, 0);
}

TEST(MatchingStable, InvalidInputIsRefusedAsBySolve) {
  Grid x;
  x.mentees = 1;
  x.mentors = 1;
  x.capacity = {0};
  x.score = {{0.5}};
  x.locked = {{0, 3}};
  const auto stable = solve_stable(sparse_problem(x));
  ASSERT_FALSE(stable.has_value());
  EXPECT_EQ(stable.error().code_name(), "validation_failed");
  const auto exact = solve(sparse_problem(x));
  ASSERT_FALSE(exact.has_value());
  ASSERT_EQ(stable.error().details.size(), exact.error().details.size());
  for (std::size_t k = 0; k < exact.error().details.size(); ++k) {
    EXPECT_EQ(stable.error().details[k].field, exact.error().details[k].field);
  }
}

}  // namespace
}  // namespace binome::core::matching
