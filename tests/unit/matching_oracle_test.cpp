// The assignment solver on medium random instances against two independent oracles written
// here: an O(n^3) Hungarian algorithm on the dense form (each mentor duplicated by capacity,
// one "stays unmatched" column per mentee) and a textbook min-cost flow on an explicit network
// (successive shortest paths, one mentee joining at a time) on the sparse form. Both
// objectives, with forbidden pairs, locks, min_score and negative scores; uniform and
// structured scores, so that every path of the dense solver runs; the proof is accepted; dense
// and sparse forms agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <queue>
#include <random>
#include <tuple>
#include <vector>

#include "core/matching/assignment.hpp"
#include "support/matching_instances.hpp"

namespace binome::core::matching {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Under kCoverage one pair outweighs any difference of total score (|score| <= 1 here).
constexpr double kPairWorth = 1e4;

using testing::Instance;
using testing::dense_problem;
using testing::kNaN;
using testing::sparse_problem;

// How scores are drawn: e uniform in [-0.2, 1], and a_i, b_j uniform in [0, 1] per person.
enum class Scores {
  kUniform,      // e
  kInteraction,  // e + 0.5 a_i b_j: the dense candidate subset needs a few more rounds
  kProduct,      // a_i b_j: the subset is hopeless, the whole matrix is searched
};

// Each mentee lists `per_mentee` distinct mentors (all when <= 0, then about a fifth missing);
// a few forbidden pairs and locks.
Instance random_instance(int mentees, int mentors, int per_mentee, int max_capacity,
                         Objective objective, std::uint64_t seed,
                         Scores scores = Scores::kUniform) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(-0.2, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> mentee_trait(static_cast<std::size_t>(mentees));
  std::vector<double> mentor_trait(static_cast<std::size_t>(mentors));
  for (double& value : mentee_trait) value = unit(rng);
  for (double& value : mentor_trait) value = unit(rng);
  const auto score = [&](int i, int j) {
    const double e = uniform(rng);
    const double ab =
        mentee_trait[static_cast<std::size_t>(i)] * mentor_trait[static_cast<std::size_t>(j)];
    return scores == Scores::kUniform ? e : scores == Scores::kInteraction ? e + 0.5 * ab : ab;
  };
  std::uniform_int_distribution<int> capacity(1, max_capacity);
  std::uniform_int_distribution<int> mentor(0, mentors - 1);
  Instance x;
  x.mentees = mentees;
  x.mentors = mentors;
  x.objective = objective;
  x.min_score = 0.05;
  for (int j = 0; j < mentors; ++j) x.capacity.push_back(capacity(rng));
  x.lists.resize(static_cast<std::size_t>(mentees));
  std::vector<char> taken(static_cast<std::size_t>(mentors), 0);
  for (int i = 0; i < mentees; ++i) {
    auto& list = x.lists[static_cast<std::size_t>(i)];
    if (per_mentee <= 0) {
      for (int j = 0; j < mentors; ++j) {
        if (rng() % 5 != 0) list.push_back({j, score(i, j)});
      }
    } else {
      while (static_cast<int>(list.size()) < per_mentee) {
        const int j = mentor(rng);
        if (taken[static_cast<std::size_t>(j)]) continue;
        taken[static_cast<std::size_t>(j)] = 1;
        list.push_back({j, score(i, j)});
      }
      for (const Candidate& c : list) taken[static_cast<std::size_t>(c.mentor)] = 0;
      std::sort(list.begin(), list.end(), [](auto& a, auto& b) { return a.mentor < b.mentor; });
    }
    if (!list.empty() && rng() % 10 == 0) {
      x.forbidden.push_back({i, list[rng() % list.size()].mentor});
    }
  }
  std::vector<int> room = x.capacity;
  for (int i = 0; i < mentees && x.locked.size() < 5; i += 7) {
    const auto& list = x.lists[static_cast<std::size_t>(i)];
    for (const Candidate& c : list) {
      const bool banned =
          std::find(x.forbidden.begin(), x.forbidden.end(), Pair{i, c.mentor}) != x.forbidden.end();
      if (!banned && room[static_cast<std::size_t>(c.mentor)] > 0) {
        --room[static_cast<std::size_t>(c.mentor)];
        x.locked.push_back({i, c.mentor});
        break;
      }
    }
  }
  return x;
}

struct Optimum {
  int pairs = 0;
  double score = 0;
};

// What is left once the locks are set aside: free mentees' allowed pairs and mentors' room.
struct Residual {
  std::vector<std::vector<Candidate>> allowed;  // empty for locked mentees
  std::vector<int> room;
  Optimum locked;
};

Residual residual(const Instance& x) {
  Residual r;
  r.room = x.capacity;
  r.allowed.resize(static_cast<std::size_t>(x.mentees));
  std::vector<int> lock(static_cast<std::size_t>(x.mentees), -1);
  for (const Pair& l : x.locked) lock[static_cast<std::size_t>(l.mentee)] = l.mentor;
  for (int i = 0; i < x.mentees; ++i) {
    for (const Candidate& c : x.lists[static_cast<std::size_t>(i)]) {
      if (lock[static_cast<std::size_t>(i)] == c.mentor) {
        --r.room[static_cast<std::size_t>(c.mentor)];
        ++r.locked.pairs;
        r.locked.score += c.score;
      }
      const bool banned =
          std::find(x.forbidden.begin(), x.forbidden.end(), Pair{i, c.mentor}) != x.forbidden.end();
      if (lock[static_cast<std::size_t>(i)] < 0 && !banned && c.score >= x.min_score) {
        r.allowed[static_cast<std::size_t>(i)].push_back(c);
      }
    }
  }
  return r;
}

double pair_cost(double score, Objective objective) {
  return objective == Objective::kScore ? -score : -(kPairWorth + score);
}

// Minimum-cost assignment of every row to a distinct column (rows <= columns), O(rows^2 cols).
std::vector<std::size_t> hungarian(const std::vector<std::vector<double>>& cost) {
  const std::size_t n = cost.size();
  const std::size_t m = n == 0 ? 0 : cost[0].size();
  std::vector<double> u(n + 1, 0), v(m + 1, 0);
  std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(m + 1, kInf);
    std::vector<char> used(m + 1, 0);
    do {
      used[j0] = 1;
      const std::size_t i0 = p[j0];
      double delta = kInf;
      std::size_t j1 = 0;
      const double* costs = cost[i0 - 1].data() - 1;  // 1-based, like the rest
      for (std::size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = costs[j] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<std::size_t> column_of(n);
  for (std::size_t j = 1; j <= m; ++j) {
    if (p[j] != 0) column_of[p[j] - 1] = j - 1;
  }
  return column_of;
}

Optimum hungarian_optimum(const Instance& x) {
  const Residual r = residual(x);
  std::vector<int> slot_mentor;
  std::vector<std::size_t> first_slot;
  for (int j = 0; j < x.mentors; ++j) {
    first_slot.push_back(slot_mentor.size());
    for (int k = 0; k < std::min(r.room[static_cast<std::size_t>(j)], x.mentees); ++k) {
      slot_mentor.push_back(j);
    }
  }
  first_slot.push_back(slot_mentor.size());
  std::vector<std::size_t> rows;
  for (int i = 0; i < x.mentees; ++i) {
    if (!r.allowed[static_cast<std::size_t>(i)].empty())
      rows.push_back(static_cast<std::size_t>(i));
  }
  // Columns: the mentor slots, then one zero-cost "unmatched" column per row.
  std::vector<std::vector<double>> cost(rows.size(),
                                        std::vector<double>(slot_mentor.size() + rows.size(), 1e6));
  for (std::size_t row = 0; row < rows.size(); ++row) {
    cost[row][slot_mentor.size() + row] = 0;
    for (const Candidate& c : r.allowed[rows[row]]) {
      const auto j = static_cast<std::size_t>(c.mentor);
      for (std::size_t s = first_slot[j]; s < first_slot[j + 1]; ++s) {
        cost[row][s] = pair_cost(c.score, x.objective);
      }
    }
  }
  Optimum best = r.locked;
  const auto column_of = hungarian(cost);
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::size_t s = column_of[row];
    if (s >= slot_mentor.size()) continue;
    for (const Candidate& c : r.allowed[rows[row]]) {
      if (c.mentor == slot_mentor[s]) {
        ++best.pairs;
        best.score += c.score;
      }
    }
  }
  return best;
}

// A textbook min-cost flow: every mentee sends one unit from the source to the sink, either
// through a mentor (cost -score, or -(kPairWorth + score) under kCoverage) or through its own
// "unmatched" arc (cost 0). Mentees join one at a time; each join augments along a shortest path
// (Dijkstra with potentials, stopping at the sink), which keeps the flow of minimum cost.
class MinCostFlow {
 public:
  explicit MinCostFlow(std::size_t nodes) : arcs_(nodes), potential_(nodes, 0) {}

  void add(std::size_t from, std::size_t to, int capacity, double cost) {
    arcs_[from].push_back({to, capacity, cost, arcs_[to].size()});
    arcs_[to].push_back({from, 0, -cost, arcs_[from].size() - 1});
  }
  void set_potential(std::size_t node, double p) { potential_[node] = p; }

  // One unit from `start` to `sink` along a shortest residual path; false when there is none.
  bool augment(std::size_t start, std::size_t sink) {
    const std::size_t n = arcs_.size();
    dist_.assign(n, kInf);
    done_.assign(n, 0);
    via_node_.resize(n);
    via_arc_.resize(n);
    using Entry = std::pair<double, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    dist_[start] = 0;
    heap.push({0, start});
    while (!heap.empty()) {
      const auto [d, node] = heap.top();
      heap.pop();
      if (done_[node]) continue;
      done_[node] = 1;
      if (node == sink) break;
      for (std::size_t a = 0; a < arcs_[node].size(); ++a) {
        const Arc& arc = arcs_[node][a];
        if (arc.capacity == 0 || done_[arc.to]) continue;
        const double reduced = std::max(0.0, arc.cost + potential_[node] - potential_[arc.to]);
        if (d + reduced < dist_[arc.to]) {
          dist_[arc.to] = d + reduced;
          via_node_[arc.to] = node;
          via_arc_[arc.to] = a;
          heap.push({dist_[arc.to], arc.to});
        }
      }
    }
    if (!done_[sink]) return false;
    for (std::size_t v = 0; v < n; ++v) potential_[v] += std::min(dist_[v], dist_[sink]);
    for (std::size_t v = sink; v != start; v = via_node_[v]) {
      Arc& arc = arcs_[via_node_[v]][via_arc_[v]];
      --arc.capacity;
      ++arcs_[v][arc.reverse].capacity;
    }
    return true;
  }

  // The flow on the arc `index` out of `node`.
  int flow(std::size_t node, std::size_t index) const {
    const Arc& arc = arcs_[node][index];
    return arcs_[arc.to][arc.reverse].capacity;
  }
  std::size_t arc_count(std::size_t node) const { return arcs_[node].size(); }
  std::size_t head(std::size_t node, std::size_t index) const { return arcs_[node][index].to; }

 private:
  struct Arc {
    std::size_t to;
    int capacity;
    double cost;
    std::size_t reverse;
  };
  std::vector<std::vector<Arc>> arcs_;
  std::vector<double> potential_;
  std::vector<double> dist_;
  std::vector<char> done_;
  std::vector<std::size_t> via_node_, via_arc_;
};

Optimum flow_optimum(const Instance& x) {
  const Residual r = residual(x);
  const auto n = static_cast<std::size_t>(x.mentees);
  const auto m = static_cast<std::size_t>(x.mentors);
  const std::size_t sink = n + m;
  MinCostFlow flow(n + m + 1);
  // Potentials of the initial (acyclic) network make every reduced cost >= 0.
  std::vector<double> lowest(m, 0);
  for (std::size_t i = 0; i < n; ++i) {
    flow.add(i, sink, 1, 0);  // unmatched
    for (const Candidate& c : r.allowed[i]) {
      const double cost = pair_cost(c.score, x.objective);
      flow.add(i, n + static_cast<std::size_t>(c.mentor), 1, cost);
      lowest[static_cast<std::size_t>(c.mentor)] =
          std::min(lowest[static_cast<std::size_t>(c.mentor)], cost);
    }
  }
  double sink_potential = 0;
  for (std::size_t j = 0; j < m; ++j) {
    if (r.room[j] > 0) flow.add(n + j, sink, r.room[j], 0);
    flow.set_potential(n + j, lowest[j]);
    sink_potential = std::min(sink_potential, lowest[j]);
  }
  flow.set_potential(sink, sink_potential);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_TRUE(flow.augment(i, sink));
  }

  Optimum best = r.locked;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t a = 0; a < flow.arc_count(i); ++a) {
      const std::size_t to = flow.head(i, a);
      if (to < n || to >= n + m || flow.flow(i, a) == 0) continue;
      for (const Candidate& c : r.allowed[i]) {
        if (static_cast<std::size_t>(c.mentor) + n == to) {
          ++best.pairs;
          best.score += c.score;
        }
      }
    }
  }
  return best;
}

void expect_optimum(const Problem& problem, const Result& result, const Optimum& oracle) {
  EXPECT_EQ(result.matched, oracle.pairs);
  EXPECT_NEAR(result.total_score, oracle.score, 1e-6);
  const Optimality proof = verify_optimality(problem, result);
  EXPECT_TRUE(proof.optimal) << proof.failure;
  EXPECT_LE(std::abs(proof.gap), proof.tolerance);
}

class MatchingMedium : public ::testing::TestWithParam<Objective> {};

TEST_P(MatchingMedium, DenseMatchesTheHungarianAlgorithm) {
  // 300 x 250 cells: above kDenseDirectCells, so the candidate-subset path runs.
  const Instance x = random_instance(300, 250, 0, 2, GetParam(), 7);
  const Problem dense = dense_problem(x);
  const auto result = solve(dense);
  ASSERT_TRUE(result.has_value());
  expect_optimum(dense, *result, hungarian_optimum(x));

  // The sparse form reaches the same assignment (random scores: the optimum is unique).
  const Problem sparse = sparse_problem(x);
  const auto other = solve(sparse);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->mentor_of, result->mentor_of);
  EXPECT_NEAR(other->total_score, result->total_score, 1e-9);
  EXPECT_TRUE(verify_optimality(sparse, *other).optimal);
}

TEST_P(MatchingMedium, DenseWithStructuredScoresMatchesTheHungarianAlgorithm) {
  // Both just above kDenseDirectCells. With a_i b_j terms the subset needs more rounds; with
  // a_i b_j alone it is given up for the whole matrix (few mentees keep the oracle quick).
  for (const auto& [scores, mentees, mentors] :
       {std::tuple{Scores::kInteraction, 260, 256}, std::tuple{Scores::kProduct, 170, 390}}) {
    const Instance x = random_instance(mentees, mentors, 0, 1, GetParam(), 3, scores);
    const Problem dense = dense_problem(x);
    const auto result = solve(dense);
    ASSERT_TRUE(result.has_value());
    expect_optimum(dense, *result, hungarian_optimum(x));
  }
}

TEST_P(MatchingMedium, SparseMatchesAMinCostFlow) {
  const Instance x = random_instance(2000, 2000, 20, 3, GetParam(), 11);
  const Problem sparse = sparse_problem(x);
  const auto result = solve(sparse);
  ASSERT_TRUE(result.has_value());
  expect_optimum(sparse, *result, flow_optimum(x));
}

TEST_P(MatchingMedium, FewMentorsForManyMentees) {
  const Instance x = random_instance(400, 60, 0, 3, GetParam(), 5);
  const Problem dense = dense_problem(x);
  const auto result = solve(dense);
  ASSERT_TRUE(result.has_value());
  expect_optimum(dense, *result, flow_optimum(x));
}

TEST_P(MatchingMedium, AllScoresEqualStillOptimalOnTheDensePath) {
  // Every pair ties, the worst case for a candidate subset (it must add cells and solve again).
  DenseScores d{300, 300, std::vector<double>(300 * 300, 0.5)};
  for (std::size_t k = 0; k < d.cells.size(); k += 7) d.cells[k] = kNaN;
  const Problem p{.capacities = std::vector<std::int32_t>(300, 1),
                  .scores = std::move(d),
                  .objective = GetParam()};
  const auto result = solve(p);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->matched, 300);
  EXPECT_DOUBLE_EQ(result->total_score, 150.0);
  EXPECT_TRUE(verify_optimality(p, *result).optimal);
}

INSTANTIATE_TEST_SUITE_P(BothObjectives, MatchingMedium,
                         ::testing::Values(Objective::kScore, Objective::kCoverage),
                         [](const auto& param_info) {
                           return param_info.param == Objective::kScore ? "Score" : "Coverage";
                         });

}  // namespace
}  // namespace binome::core::matching
