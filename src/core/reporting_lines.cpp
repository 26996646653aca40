#include "core/reporting_lines.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace binome::core {

namespace {

// Indices in id order, and each one's manager index (-1 for none or unknown).
struct Graph {
  std::vector<std::string> ids;
  std::vector<std::int32_t> parent;
  std::unordered_map<std::string, std::int32_t> index;
};

Graph build_graph(const std::vector<ReportingLink>& links) {
  Graph g;
  std::vector<std::size_t> order(links.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return links[a].employee_id < links[b].employee_id; });
  g.ids.reserve(links.size());
  g.index.reserve(links.size());
  for (std::size_t k : order) {
    g.index.emplace(links[k].employee_id, static_cast<std::int32_t>(g.ids.size()));
    g.ids.push_back(links[k].employee_id);
  }
  g.parent.assign(g.ids.size(), -1);
  for (std::size_t k : order) {
    if (links[k].manager_id.empty()) continue;
    auto m = g.index.find(links[k].manager_id);
    if (m != g.index.end()) g.parent[static_cast<std::size_t>(g.index.at(links[k].employee_id))] = m->second;
  }
  return g;
}

}  // namespace

std::vector<std::vector<std::string>> find_reporting_cycles(const std::vector<ReportingLink>& links) {
  const Graph g = build_graph(links);
  // Follow each chain upwards; a chain that meets itself closes a cycle. Every node is walked
  // once overall: 0 = not seen, 1 = on the current walk, 2 = done.
  std::vector<std::uint8_t> state(g.ids.size(), 0);
  std::vector<std::vector<std::string>> cycles;
  for (std::size_t start = 0; start < g.ids.size(); ++start) {
    std::vector<std::int32_t> walk;
    auto v = static_cast<std::int32_t>(start);
    while (v >= 0 && state[static_cast<std::size_t>(v)] == 0) {
      state[static_cast<std::size_t>(v)] = 1;
      walk.push_back(v);
      v = g.parent[static_cast<std::size_t>(v)];
    }
    if (v >= 0 && state[static_cast<std::size_t>(v)] == 1) {
      auto from = std::find(walk.begin(), walk.end(), v);
      std::vector<std::string> cycle;
      for (auto it = from; it != walk.end(); ++it) cycle.push_back(g.ids[static_cast<std::size_t>(*it)]);
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      cycles.push_back(std::move(cycle));
    }
    for (auto w : walk) state[static_cast<std::size_t>(w)] = 2;
  }
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

ReportingLines::ReportingLines(const std::vector<ReportingLink>& links) {
  Graph g = build_graph(links);
  index_ = std::move(g.index);
  parent_ = std::move(g.parent);
  const std::size_t n = parent_.size();
  // Children lists in id order (indices are already in id order).
  std::vector<std::int32_t> first_child(n, -1);
  std::vector<std::int32_t> next_sibling(n, -1);
  std::vector<std::int32_t> last_child(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    const auto p = parent_[i];
    if (p < 0) continue;
    const auto pi = static_cast<std::size_t>(p);
    if (last_child[pi] < 0) {
      first_child[pi] = static_cast<std::int32_t>(i);
    } else {
      next_sibling[static_cast<std::size_t>(last_child[pi])] = static_cast<std::int32_t>(i);
    }
    last_child[pi] = static_cast<std::int32_t>(i);
  }
  left_.assign(n, -1);
  right_.assign(n, -1);
  std::int32_t counter = 0;
  std::vector<std::int32_t> stack;  // iterative, so a long chain cannot overflow the call stack
  for (std::size_t root = 0; root < n; ++root) {
    if (parent_[root] >= 0) continue;
    stack.push_back(static_cast<std::int32_t>(root));
    left_[root] = counter++;
    while (!stack.empty()) {
      const auto v = static_cast<std::size_t>(stack.back());
      // Descend into v's next child (first_child serves as v's cursor), else close v.
      const std::int32_t child = first_child[v];
      if (child >= 0) {
        first_child[v] = next_sibling[static_cast<std::size_t>(child)];
        left_[static_cast<std::size_t>(child)] = counter++;
        stack.push_back(child);
      } else {
        right_[v] = counter++;
        stack.pop_back();
      }
    }
  }
  assert(std::find(left_.begin(), left_.end(), -1) == left_.end() && "links had a cycle");
}

std::optional<std::int32_t> ReportingLines::index_of(const std::string& employee_id) const {
  auto it = index_.find(employee_id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace binome::core
