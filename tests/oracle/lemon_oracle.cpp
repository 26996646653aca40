// The network: source -> each free mentee (capacity 1), mentee -> each allowed mentor (capacity
// 1), mentee -> sink (capacity 1, cost 0: it stays unmatched), mentor -> sink (the room its
// locks leave). Locked mentees are paired beforehand and stay out of the network. The objective's
// two levels are folded into one integer cost per pair, exact in int64:
//   kScore     -(weight * M + 1) with M = free mentees + 1 > any number of pairs, so the total
//              weight decides and the number of pairs only breaks its ties;
//   kCoverage  -(BIG + weight) with BIG = 1 + sum of |weight| over the allowed pairs, more than
//              any two assignments' totals can differ, so one more pair always wins.
#include "lemon_oracle.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace binome::lemon_oracle {
namespace {

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, int, std::int64_t>;

[[noreturn]] void reject(const std::string& what) {
  throw std::invalid_argument("lemon_oracle: " + what);
}

const Candidate* find_candidate(const std::vector<Candidate>& list, std::int32_t mentor) {
  const auto it = std::find_if(list.begin(), list.end(),
                               [&](const Candidate& c) { return c.mentor == mentor; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace

Optimum solve(const Instance& x) {
  const std::size_t n = x.candidates.size();
  const std::size_t m = x.capacities.size();
  const auto in_range = [](std::int32_t index, std::size_t size) {
    return index >= 0 && static_cast<std::size_t>(index) < size;
  };

  std::vector<std::size_t> listed_by(m, n);  // the last mentee seen listing each mentor
  for (std::size_t i = 0; i < n; ++i) {
    for (const Candidate& c : x.candidates[i]) {
      if (!in_range(c.mentor, m)) reject("candidate mentor out of range");
      std::size_t& last = listed_by[static_cast<std::size_t>(c.mentor)];
      if (last == i) reject("mentor listed twice");
      last = i;
    }
  }
  std::vector<std::pair<std::int32_t, std::int32_t>> forbidden;
  for (const Pair& f : x.forbidden) {
    if (!in_range(f.mentee, n) || !in_range(f.mentor, m)) reject("forbidden pair out of range");
    forbidden.emplace_back(f.mentee, f.mentor);
  }
  std::sort(forbidden.begin(), forbidden.end());
  const auto is_forbidden = [&](std::int32_t mentee, std::int32_t mentor) {
    return std::binary_search(forbidden.begin(), forbidden.end(), std::pair{mentee, mentor});
  };

  Optimum best;
  best.mentor_of.assign(n, kUnmatched);
  std::vector<std::int64_t> room(x.capacities.begin(), x.capacities.end());
  for (const Pair& l : x.locked) {
    if (!in_range(l.mentee, n) || !in_range(l.mentor, m)) reject("locked pair out of range");
    const Candidate* c = find_candidate(x.candidates[static_cast<std::size_t>(l.mentee)], l.mentor);
    if (c == nullptr || is_forbidden(l.mentee, l.mentor)) reject("locked pair not allowed");
    std::int32_t& slot = best.mentor_of[static_cast<std::size_t>(l.mentee)];
    if (slot != kUnmatched) reject("mentee locked twice");
    if (--room[static_cast<std::size_t>(l.mentor)] < 0) reject("mentor locked beyond capacity");
    slot = l.mentor;
    best.total += c->weight;
    ++best.pairs;
  }

  // Allowed pairs of the free mentees, and the cost scale of each objective.
  struct Arc {
    std::int32_t mentee;
    std::int32_t mentor;
    std::int64_t weight;
  };
  std::vector<Arc> allowed;
  std::int64_t free_mentees = 0;
  std::int64_t sum_abs = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (best.mentor_of[i] != kUnmatched) continue;
    ++free_mentees;
    const auto mentee = static_cast<std::int32_t>(i);
    for (const Candidate& c : x.candidates[i]) {
      if (c.weight < x.min_weight || is_forbidden(mentee, c.mentor)) continue;
      allowed.push_back({mentee, c.mentor, c.weight});
      sum_abs += std::llabs(c.weight);
    }
  }
  const std::int64_t tie_scale = free_mentees + 1;
  const std::int64_t big = sum_abs + 1;
  // Every cost and every sum of costs along a path must stay far below NetworkSimplex's
  // artificial cost (half of the int64 range).
  const std::int64_t cost_bound = std::numeric_limits<std::int64_t>::max() / 8 / (tie_scale + 1);
  if (big > cost_bound / tie_scale) reject("weights too large for exact int64 costs");
  const auto cost = [&](std::int64_t weight) {
    return x.objective == Objective::kScore ? -(weight * tie_scale + 1) : -(big + weight);
  };

  Graph g;
  g.reserveNode(static_cast<int>(n + m + 2));
  g.reserveArc(static_cast<int>(allowed.size() + 2 * n + m));
  const Graph::Node source = g.addNode();
  const Graph::Node sink = g.addNode();
  std::vector<Graph::Node> mentee_node(n);
  std::vector<Graph::Node> mentor_node(m);
  for (auto& node : mentee_node) node = g.addNode();
  for (auto& node : mentor_node) node = g.addNode();
  Graph::ArcMap<int> upper(g);
  Graph::ArcMap<std::int64_t> arc_cost(g);
  const auto add = [&](Graph::Node from, Graph::Node to, std::int64_t capacity, std::int64_t c) {
    const Graph::Arc a = g.addArc(from, to);
    upper[a] = static_cast<int>(capacity);
    arc_cost[a] = c;
    return a;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (best.mentor_of[i] != kUnmatched) continue;
    add(source, mentee_node[i], 1, 0);
    add(mentee_node[i], sink, 1, 0);
  }
  std::vector<Graph::Arc> pair_arc;
  pair_arc.reserve(allowed.size());
  for (const Arc& a : allowed) {
    pair_arc.push_back(add(mentee_node[static_cast<std::size_t>(a.mentee)],
                           mentor_node[static_cast<std::size_t>(a.mentor)], 1, cost(a.weight)));
  }
  for (std::size_t j = 0; j < m; ++j) {
    if (room[j] > 0) add(mentor_node[j], sink, room[j], 0);
  }

  Simplex simplex(g);
  simplex.upperMap(upper).costMap(arc_cost).stSupply(source, sink, static_cast<int>(free_mentees));
  if (simplex.run() != Simplex::OPTIMAL) {
    throw std::runtime_error("lemon_oracle: NetworkSimplex found no optimal flow");
  }
  for (std::size_t k = 0; k < allowed.size(); ++k) {
    if (simplex.flow(pair_arc[k]) == 0) continue;
    best.mentor_of[static_cast<std::size_t>(allowed[k].mentee)] = allowed[k].mentor;
    best.total += allowed[k].weight;
    ++best.pairs;
  }
  return best;
}

}  // namespace binome::lemon_oracle
