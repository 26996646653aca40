// Reporting lines: the O(1) answers (manages at any depth, same chain, same direct manager)
// against a walk up the chain on random forests; cycles against a brute force on random
// graphs; and directories as deep or as flat as 200,000 people.
#include "core/reporting_lines.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace binome::core {
namespace {

using ::testing::IsEmpty;
using Cycles = std::vector<std::vector<std::string>>;

// Names in an order unrelated to the tree ("E10" < "E2"), and links in a shuffled order.
struct RandomGraph {
  std::vector<int> parent;  // -1: none
  std::vector<std::string> ids;
  std::vector<ReportingLink> links;
};

// A random order of 0..n-1 (Fisher-Yates, with rapidcheck's choices so failures shrink).
std::vector<std::size_t> random_permutation(std::size_t n) {
  std::vector<std::size_t> p(n);
  std::iota(p.begin(), p.end(), 0);
  for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[*rc::gen::inRange<std::size_t>(0, i)]);
  return p;
}

RandomGraph make_graph(std::vector<int> parent) {
  RandomGraph g;
  const std::size_t n = parent.size();
  const auto names = random_permutation(n);
  for (std::size_t i = 0; i < n; ++i) g.ids.push_back("E" + std::to_string(names[i]));
  for (std::size_t i : random_permutation(n)) {
    std::string manager;
    if (parent[i] >= 0) {
      manager = g.ids[static_cast<std::size_t>(parent[i])];
    } else if (*rc::gen::inRange(0, 3) == 0) {
      manager = "GONE" + std::to_string(i);  // a manager not in the directory counts as none
    }
    g.links.push_back({g.ids[i], manager});
  }
  g.parent = std::move(parent);
  return g;
}

bool walk_finds(const std::vector<int>& parent, std::size_t manager, std::size_t employee) {
  for (int p = parent[employee]; p >= 0; p = parent[static_cast<std::size_t>(p)]) {
    if (static_cast<std::size_t>(p) == manager) return true;
  }
  return false;
}

RC_GTEST_PROP(ReportingLines, AnswersLikeAWalkUpTheChainForEveryPair, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 40);
  std::vector<int> parent(n, -1);
  for (std::size_t i = 1; i < n; ++i) {
    if (*rc::gen::inRange(0, 6) != 0) parent[i] = *rc::gen::inRange(0, static_cast<int>(i));
  }
  const RandomGraph g = make_graph(parent);
  RC_ASSERT(find_reporting_cycles(g.links).empty());
  const ReportingLines lines(g.links);
  RC_ASSERT(lines.size() == n);
  std::vector<std::int32_t> at(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto idx = lines.index_of(g.ids[i]);
    RC_ASSERT(idx.has_value());
    at[i] = *idx;
    RC_ASSERT(lines.left(at[i]) < lines.right(at[i]));
  }
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      const bool manages = walk_finds(parent, a, b);
      RC_ASSERT(lines.manages(at[a], at[b]) == manages);
      RC_ASSERT(lines.in_same_chain(at[a], at[b]) == (manages || walk_finds(parent, b, a)));
      RC_ASSERT(lines.share_direct_manager(at[a], at[b]) ==
                (parent[a] >= 0 && parent[a] == parent[b]));
    }
  }
  RC_ASSERT(!lines.index_of("nobody").has_value());
}

// The cycles of a functional graph by brute force: v is on a cycle when walking up from v
// comes back to v; each cycle listed from its smallest id, following managers.
Cycles brute_cycles(const RandomGraph& g) {
  const std::size_t n = g.parent.size();
  std::set<std::vector<std::string>> found;
  for (std::size_t v = 0; v < n; ++v) {
    int p = g.parent[v];
    for (std::size_t steps = 0; steps < n && p >= 0 && static_cast<std::size_t>(p) != v; ++steps) {
      p = g.parent[static_cast<std::size_t>(p)];
    }
    if (p < 0 || static_cast<std::size_t>(p) != v) continue;
    std::vector<std::string> cycle = {g.ids[v]};
    for (auto w = static_cast<std::size_t>(g.parent[v]); w != v;
         w = static_cast<std::size_t>(g.parent[w])) {
      cycle.push_back(g.ids[w]);
    }
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    found.insert(cycle);
  }
  return {found.begin(), found.end()};
}

RC_GTEST_PROP(ReportingLines, FindsExactlyTheCyclesOfARandomGraph, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 30);
  std::vector<int> parent(n);
  for (auto& p : parent) p = *rc::gen::inRange(-1, static_cast<int>(n));  // self included
  const RandomGraph g = make_graph(parent);
  RC_ASSERT(find_reporting_cycles(g.links) == brute_cycles(g));
}

TEST(ReportingLines, SmallCyclesAreListedFromTheirSmallestId) {
  EXPECT_THAT(find_reporting_cycles({}), IsEmpty());
  EXPECT_EQ(find_reporting_cycles({{"A", "A"}}), (Cycles{{"A"}}));
  EXPECT_EQ(find_reporting_cycles({{"C", "A"}, {"B", "C"}, {"A", "B"}, {"D", "A"}}),
            (Cycles{{"A", "B", "C"}}));
  EXPECT_EQ(find_reporting_cycles({{"Y", "X"}, {"X", "Y"}, {"B", "A"}, {"A", "B"}, {"R", ""}}),
            (Cycles{{"A", "B"}, {"X", "Y"}}));
  EXPECT_THAT(find_reporting_cycles({{"A", "B"}, {"B", ""}, {"C", "missing"}}), IsEmpty());
}

TEST(ReportingLines, ATinyTree) {
  //        ceo
  //      /     \.
  //   ana       bob
  //   /  \        \.
  // cid  dan      eve
  const ReportingLines lines({{"dan", "ana"},
                              {"ceo", ""},
                              {"eve", "bob"},
                              {"ana", "ceo"},
                              {"bob", "ceo"},
                              {"cid", "ana"}});
  auto at = [&](const char* id) { return lines.index_of(id).value(); };
  EXPECT_TRUE(lines.manages(at("ceo"), at("dan")));
  EXPECT_TRUE(lines.manages(at("ana"), at("dan")));
  EXPECT_FALSE(lines.manages(at("bob"), at("dan")));
  EXPECT_FALSE(lines.manages(at("dan"), at("ceo")));
  EXPECT_FALSE(lines.manages(at("ana"), at("ana"))) << "nobody manages themselves";
  EXPECT_TRUE(lines.in_same_chain(at("eve"), at("ceo")));
  EXPECT_FALSE(lines.in_same_chain(at("eve"), at("ana")));
  EXPECT_TRUE(lines.share_direct_manager(at("cid"), at("dan")));
  EXPECT_TRUE(lines.share_direct_manager(at("ana"), at("bob")));
  EXPECT_FALSE(lines.share_direct_manager(at("dan"), at("eve")));
  EXPECT_FALSE(lines.share_direct_manager(at("ceo"), at("ceo"))) << "no manager, nothing shared";
}

// --- size ------------------------------------------------------------------------------------
// Guards against a recursive walk (a chain this long overflows the stack) and against work
// quadratic in a manager's team (which would take minutes here). Not a measurement (that is
// bench/'s job): each step takes about 0.8 s in the ASan debug build on the 2-core machine, so
// the bound leaves room for a busy machine.

constexpr std::size_t kBig = 200'000;
constexpr auto kQuick = std::chrono::seconds(3);

template <typename Fn>
std::chrono::duration<double> timed(Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::steady_clock::now() - start;
}

TEST(ReportingLines, AChainOf200000BuildsQuickly) {
  std::vector<ReportingLink> links;
  links.reserve(kBig);
  // Ids in reverse order of depth, links from the bottom up.
  for (std::size_t i = kBig; i-- > 0;) {
    links.push_back(
        {fmt::format("E{:06}", kBig - i), i == 0 ? "" : fmt::format("E{:06}", kBig - i + 1)});
  }
  Cycles cycles{{"sentinel"}};
  const auto find_time = timed([&] { cycles = find_reporting_cycles(links); });
  EXPECT_THAT(cycles, IsEmpty());
  std::optional<ReportingLines> lines;
  const auto build_time = timed([&] { lines.emplace(links); });
  EXPECT_LT(build_time, kQuick);
  EXPECT_LT(find_time, kQuick);
  const auto top = lines->index_of(fmt::format("E{:06}", kBig)).value();
  const auto bottom = lines->index_of("E000001").value();
  const auto middle = lines->index_of("E100000").value();
  EXPECT_TRUE(lines->manages(top, bottom));
  EXPECT_TRUE(lines->manages(top, middle));
  EXPECT_TRUE(lines->manages(middle, bottom));
  EXPECT_FALSE(lines->manages(bottom, top));
  EXPECT_FALSE(lines->share_direct_manager(middle, bottom));
}

TEST(ReportingLines, A200000PersonTeamBuildsQuickly) {
  std::vector<ReportingLink> links;
  links.reserve(kBig + 1);
  links.push_back({"BOSS", ""});
  for (std::size_t i = 0; i < kBig; ++i) links.push_back({fmt::format("E{:06}", i), "BOSS"});
  Cycles cycles{{"sentinel"}};
  const auto find_time = timed([&] { cycles = find_reporting_cycles(links); });
  EXPECT_THAT(cycles, IsEmpty());
  std::optional<ReportingLines> lines;
  const auto build_time = timed([&] { lines.emplace(links); });
  EXPECT_LT(build_time, kQuick);
  EXPECT_LT(find_time, kQuick);
  const auto boss = lines->index_of("BOSS").value();
  const auto first = lines->index_of("E000000").value();
  const auto last = lines->index_of(fmt::format("E{:06}", kBig - 1)).value();
  EXPECT_TRUE(lines->manages(boss, first));
  EXPECT_TRUE(lines->manages(boss, last));
  EXPECT_FALSE(lines->manages(first, last));
  EXPECT_FALSE(lines->in_same_chain(first, last));
  EXPECT_TRUE(lines->share_direct_manager(first, last));
}

}  // namespace
}  // namespace binome::core
