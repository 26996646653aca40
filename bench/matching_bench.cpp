// Our side of the matching benchmark (bench/matching_bench.sh). Generates an instance from a
// seed, writes it for the peers (dense: an n x m float64 .npy; sparse: the binary edge list read
// by lemon_runner.cpp), then times solve() alone (best of --reps) and verify_optimality() once.
//   matching_bench dense N SEED OUT.npy [REPS]
//   matching_bench sparse N M K SEED OUT.bin [REPS]     (K candidates per mentee, capacities 1-3)
// Prints one line: solve=SECONDS verify=SECONDS total=TOTAL matched=COUNT. Exits non-zero when
// the solver fails or its result does not verify.
//   matching_bench rematch N M K SEED D [REPS]
// The sparse instance of the same seed, solved once; D of its pairs, chosen from the seed, are
// dissolved. Times (best of REPS each) rematch() from the full previous Result, rematch() from
// its pairs alone (what the command line and the API rebuild from a result file), and the full
// re-solve that gives the same answer: solve() of with_kept_pairs(problem, previous, dissolved).
// Checks the re-match: every other pair kept, no dissolved pair formed, the same total as the
// full re-solve, verify_optimality on that problem. Prints one line: rematch= rematch_pairs_only=
// full= solve= (the original instance) affected= reassigned= total=.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/matching/assignment.hpp"
#include "core/matching/rematch.hpp"

namespace {

using namespace binome::core::matching;
using Clock = std::chrono::steady_clock;

// splitmix64: the same instance for a seed on every platform and standard library.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::int32_t below(std::int32_t n) { return static_cast<std::int32_t>(next() % static_cast<std::uint64_t>(n)); }
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "matching_bench: %s\n", message.c_str());
  std::exit(1);
}

template <typename T>
void put(std::ofstream& out, const T* data, std::size_t count) {
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(count * sizeof(T)));
}

void write_npy(const std::string& path, const DenseScores& d) {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + std::to_string(d.mentees) + ", " +
                       std::to_string(d.mentors) + "), }";
  header.append(63 - (10 + header.size()) % 64, ' ');  // total header length a multiple of 64
  header.push_back('\n');
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  put(out, &len, 1);
  out << header;
  put(out, d.cells.data(), d.cells.size());
  if (!out) die("cannot write " + path);
}

// Little-endian: int32 n, int32 m, int32 capacities[m], int64 offsets[n + 1], int32 mentors[E],
// float64 scores[E].
void write_edges(const std::string& path, std::int32_t n, const std::vector<std::int32_t>& caps,
                 const SparseScores& s) {
  std::ofstream out(path, std::ios::binary);
  const auto m = static_cast<std::int32_t>(caps.size());
  put(out, &n, 1);
  put(out, &m, 1);
  put(out, caps.data(), caps.size());
  put(out, s.offsets.data(), s.offsets.size());
  put(out, s.mentors.data(), s.mentors.size());
  put(out, s.scores.data(), s.scores.size());
  if (!out) die("cannot write " + path);
}

int arg(const char* text) {
  const int v = std::atoi(text);
  if (v <= 0) die(std::string("not a positive number: ") + text);
  return v;
}

// N mentees x M mentors, K distinct random candidates per mentee, capacities uniform in 1-3.
Problem sparse_instance(int n, int m, int k, int seed) {
  if (k > m) die("K must be at most M");
  Rng rng{static_cast<std::uint64_t>(seed)};
  Problem problem;
  problem.capacities.resize(static_cast<std::size_t>(m));
  for (auto& c : problem.capacities) c = 1 + rng.below(3);
  SparseScores s;
  s.offsets.reserve(static_cast<std::size_t>(n) + 1);
  s.offsets.push_back(0);
  std::vector<char> seen(static_cast<std::size_t>(m), 0);
  std::vector<std::int32_t> row;
  for (int i = 0; i < n; ++i) {
    row.clear();
    while (std::ssize(row) < k) {
      const std::int32_t j = rng.below(m);
      if (!seen[static_cast<std::size_t>(j)]) {
        seen[static_cast<std::size_t>(j)] = 1;
        row.push_back(j);
      }
    }
    for (const std::int32_t j : row) {
      seen[static_cast<std::size_t>(j)] = 0;
      s.mentors.push_back(j);
      s.scores.push_back(rng.uniform());
    }
    s.offsets.push_back(std::ssize(s.mentors));
  }
  problem.scores = std::move(s);
  return problem;
}

template <typename F>
double best_of(int reps, F&& f) {
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

int run_rematch(const Problem& problem, int seed, int count, int reps) {
  std::expected<Result, binome::core::Error> previous;
  const double solve_s = best_of(1, [&] { previous = solve(problem); });
  if (!previous) die("solve failed: " + binome::core::english(previous.error().sentence()));
  if (static_cast<std::size_t>(count) > previous->pairs.size()) die("D is more than the pairs formed");
  // D distinct pairs, chosen from the seed (a stream of its own, so the instance stays the same).
  Rng pick{static_cast<std::uint64_t>(seed) ^ 0xD15501FEDULL};
  std::vector<Pair> dissolved;
  std::vector<char> taken(previous->pairs.size(), 0);
  while (std::ssize(dissolved) < count) {
    const auto at = static_cast<std::size_t>(pick.below(static_cast<std::int32_t>(previous->pairs.size())));
    if (taken[at]) continue;
    taken[at] = 1;
    dissolved.push_back({previous->pairs[at].mentee, previous->pairs[at].mentor});
  }
  Result bare;  // what a result file gives back: the pairs alone
  bare.objective = previous->objective;
  bare.mentor_of = previous->mentor_of;
  bare.pairs = previous->pairs;

  std::expected<Result, binome::core::Error> again, again_bare, full;
  const double rematch_s = best_of(reps, [&] { again = rematch(problem, *previous, dissolved); });
  if (!again) die("rematch failed: " + binome::core::english(again.error().sentence()));
  const double bare_s = best_of(reps, [&] { again_bare = rematch(problem, bare, dissolved); });
  if (!again_bare) die("rematch from pairs alone failed: " + binome::core::english(again_bare.error().sentence()));
  const Problem modified = with_kept_pairs(problem, *previous, dissolved);
  const double full_s = best_of(reps, [&] { full = solve(modified); });
  if (!full) die("the full re-solve failed: " + binome::core::english(full.error().sentence()));

  const Optimality proof = verify_optimality(modified, *again);
  if (!proof.optimal) die("verify_optimality of the re-match failed: " + proof.failure);
  if (again_bare->pairs != again->pairs) die("rematch from pairs alone gave other pairs");
  if (std::abs(again->total_score - full->total_score) > 1e-9 * std::max(1.0, std::abs(full->total_score))) {
    die("the re-match's total differs from the full re-solve's");
  }
  std::size_t affected = 0, reassigned = 0;
  for (std::size_t i = 0; i < previous->mentor_of.size(); ++i) {
    const bool gone = std::find(dissolved.begin(), dissolved.end(),
                                Pair{static_cast<std::int32_t>(i), previous->mentor_of[i]}) != dissolved.end();
    if (previous->mentor_of[i] == kUnmatched || gone) {
      ++affected;
      if (gone && again->mentor_of[i] == previous->mentor_of[i]) die("a dissolved pair was formed again");
      if (again->mentor_of[i] != kUnmatched) ++reassigned;
    } else if (again->mentor_of[i] != previous->mentor_of[i]) {
      die("a kept pair changed");
    }
  }
  std::printf("rematch=%.6f rematch_pairs_only=%.6f full=%.6f solve=%.6f affected=%zu reassigned=%zu total=%.9f\n",
              rematch_s, bare_s, full_s, solve_s, affected, reassigned, again->total_score);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  Problem problem;
  std::string out;
  int reps = 1;
  if (mode == "dense" && (argc == 5 || argc == 6)) {
    const int n = arg(argv[2]);
    Rng rng{static_cast<std::uint64_t>(arg(argv[3]))};
    out = argv[4];
    reps = argc == 6 ? arg(argv[5]) : 1;
    DenseScores d;
    d.mentees = n;
    d.mentors = n;
    d.cells.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
    for (double& x : d.cells) x = rng.uniform();
    write_npy(out, d);
    problem.capacities.assign(static_cast<std::size_t>(n), 1);
    problem.scores = std::move(d);
  } else if (mode == "sparse" && (argc == 7 || argc == 8)) {
    const int n = arg(argv[2]);
    problem = sparse_instance(n, arg(argv[3]), arg(argv[4]), arg(argv[5]));
    out = argv[6];
    reps = argc == 8 ? arg(argv[7]) : 1;
    write_edges(out, n, problem.capacities, std::get<SparseScores>(problem.scores));
  } else if (mode == "rematch" && (argc == 7 || argc == 8)) {
    const int seed = arg(argv[5]);
    return run_rematch(sparse_instance(arg(argv[2]), arg(argv[3]), arg(argv[4]), seed), seed, arg(argv[6]),
                       argc == 8 ? arg(argv[7]) : 1);
  } else {
    die("usage: matching_bench dense N SEED OUT.npy [REPS] | sparse N M K SEED OUT.bin [REPS] | "
        "rematch N M K SEED D [REPS]");
  }

  double best = std::numeric_limits<double>::infinity();
  std::expected<Result, binome::core::Error> result;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    result = solve(problem);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
    if (!result) die("solve failed: " + binome::core::english(result.error().sentence()));
  }
  const auto t0 = Clock::now();
  const Optimality proof = verify_optimality(problem, *result);
  const double verify = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!proof.optimal) die("verify_optimality failed: " + proof.failure);
  std::printf("solve=%.6f verify=%.6f total=%.9f matched=%d\n", best, verify, result->total_score, result->matched);
}
