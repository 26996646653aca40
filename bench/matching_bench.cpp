// Our side of the matching benchmark (bench/matching_bench.sh). Generates an instance from a
// seed, writes it for the peers (dense: an n x m float64 .npy; sparse: the binary edge list read
// by lemon_runner.cpp), then times solve() alone (best of --reps) and verify_optimality() once.
//   matching_bench dense N SEED OUT.npy [REPS]
//   matching_bench sparse N M K SEED OUT.bin [REPS]     (K candidates per mentee, capacities 1-3)
// Prints one line: solve=SECONDS verify=SECONDS total=TOTAL matched=COUNT. Exits non-zero when
// the solver fails or its result does not verify.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/matching/assignment.hpp"

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
    DenseScores d{n, n, std::vector<double>(static_cast<std::size_t>(n) * static_cast<std::size_t>(n))};
    for (double& x : d.cells) x = rng.uniform();
    write_npy(out, d);
    problem.capacities.assign(static_cast<std::size_t>(n), 1);
    problem.scores = std::move(d);
  } else if (mode == "sparse" && (argc == 7 || argc == 8)) {
    const int n = arg(argv[2]), m = arg(argv[3]), k = arg(argv[4]);
    if (k > m) die("K must be at most M");
    Rng rng{static_cast<std::uint64_t>(arg(argv[5]))};
    out = argv[6];
    reps = argc == 8 ? arg(argv[7]) : 1;
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
    write_edges(out, n, problem.capacities, s);
    problem.scores = std::move(s);
  } else {
    die("usage: matching_bench dense N SEED OUT.npy [REPS] | sparse N M K SEED OUT.bin [REPS]");
  }

  double best = std::numeric_limits<double>::infinity();
  std::expected<Result, binome::core::Error> result;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    result = solve(problem);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
    if (!result) die("solve failed: " + result.error().message);
  }
  const auto t0 = Clock::now();
  const Optimality proof = verify_optimality(problem, *result);
  const double verify = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!proof.optimal) die("verify_optimality failed: " + proof.failure);
  std::printf("solve=%.6f verify=%.6f total=%.9f matched=%d\n", best, verify, result->total_score, result->matched);
}
