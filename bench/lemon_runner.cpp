// LEMON 1.3's NetworkSimplex on a sparse instance written by matching_bench (C++17: LEMON does
// not compile as C++20; this program includes none of Binôme's headers).
//   lemon_runner IN.bin [REPS]
// Min-cost flow: source -> each mentee (capacity 1), mentee -> candidate mentor (capacity 1,
// cost -score), mentor -> sink (its capacity), source -> sink (capacity n, cost 0: a mentee may
// stay unmatched). Prints: build=SECONDS run=SECONDS total=TOTAL, where run is ns.run() alone
// (best of REPS, a fresh solver each time) and total is the maximum total score.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

template <typename T>
void get(std::ifstream& in, std::vector<T>& v, std::size_t count) {
  v.resize(count);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(count * sizeof(T)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: lemon_runner IN.bin [REPS]\n");
    return 1;
  }
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  std::ifstream in(argv[1], std::ios::binary);
  std::int32_t n = 0, m = 0;
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  in.read(reinterpret_cast<char*>(&m), sizeof m);
  std::vector<std::int32_t> caps, mentors;
  std::vector<std::int64_t> offsets;
  std::vector<double> scores;
  get(in, caps, static_cast<std::size_t>(m));
  get(in, offsets, static_cast<std::size_t>(n) + 1);
  const auto edges = static_cast<std::size_t>(offsets.back());
  get(in, mentors, edges);
  get(in, scores, edges);
  if (!in) {
    std::fprintf(stderr, "lemon_runner: cannot read %s\n", argv[1]);
    return 1;
  }

  using lemon::SmartDigraph;
  const auto t0 = Clock::now();
  SmartDigraph g;
  g.reserveNode(n + m + 2);
  g.reserveArc(static_cast<int>(edges) + n + m + 1);
  const SmartDigraph::Node s = g.addNode(), t = g.addNode();
  std::vector<SmartDigraph::Node> mentee(static_cast<std::size_t>(n)), mentor(static_cast<std::size_t>(m));
  for (auto& x : mentee) x = g.addNode();
  for (auto& x : mentor) x = g.addNode();
  SmartDigraph::ArcMap<int> upper(g);
  SmartDigraph::ArcMap<double> cost(g);
  for (std::int32_t i = 0; i < n; ++i) {
    const auto a = g.addArc(s, mentee[i]);
    upper[a] = 1;
    cost[a] = 0;
    for (std::int64_t e = offsets[i]; e < offsets[i + 1]; ++e) {
      const auto b = g.addArc(mentee[i], mentor[mentors[e]]);
      upper[b] = 1;
      cost[b] = -scores[e];
    }
  }
  for (std::int32_t j = 0; j < m; ++j) {
    const auto a = g.addArc(mentor[j], t);
    upper[a] = caps[j];
    cost[a] = 0;
  }
  const auto bypass = g.addArc(s, t);
  upper[bypass] = n;
  cost[bypass] = 0;
  SmartDigraph::NodeMap<int> supply(g, 0);
  supply[s] = n;
  supply[t] = -n;
  const double build = std::chrono::duration<double>(Clock::now() - t0).count();

  double best = 1e300, total = 0;
  for (int r = 0; r < reps; ++r) {
    lemon::NetworkSimplex<SmartDigraph, int, double> ns(g);
    ns.upperMap(upper).costMap(cost).supplyMap(supply);
    const auto t1 = Clock::now();
    const auto status = ns.run();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t1).count());
    if (status != lemon::NetworkSimplex<SmartDigraph, int, double>::OPTIMAL) {
      std::fprintf(stderr, "lemon_runner: NetworkSimplex status %d\n", static_cast<int>(status));
      return 1;
    }
    total = -ns.totalCost();
  }
  std::printf("build=%.6f run=%.6f total=%.9f\n", build, best, total);
}
