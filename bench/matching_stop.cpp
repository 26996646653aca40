// How soon a matching solve stops once asked (docs/performance.md, "Matching memory and
// stopping"): solves a problem file with app::Matching::solve and, from another thread, requests
// the stop after each of the given delays; prints the time from the request to the answer.
//   build/bench/matching_stop PROBLEM.json 0.5 1 2 3 5 8
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stop_token>
#include <string>
#include <thread>

#include "app/matching.hpp"
#include "io/matching_json.hpp"

int main(int argc, char** argv) {
  using namespace binome;
  if (argc < 3) {
    std::fprintf(stderr, "usage: matching_stop PROBLEM.json SECONDS...\n");
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  const auto doc = io::parse_matching_json(text.str(), {});
  if (!doc) return 1;
  const auto input = io::parse_matching_problem(*doc, nullptr, "2026-03-02");
  if (!input) return 1;
  const app::Matching matching(nullptr);
  for (int k = 2; k < argc; ++k) {
    const double delay = std::atof(argv[k]);
    std::stop_source source;
    std::chrono::steady_clock::time_point asked;
    // A delay, not a synchronisation: the benchmark asks at a chosen moment of the solve.
    std::jthread asker([&] {
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      asked = std::chrono::steady_clock::now();
      source.request_stop();
    });
    const auto solved = matching.solve(app::Caller::operator_at_cli("bench"), input->problem, source.get_token());
    const auto answered = std::chrono::steady_clock::now();
    asker.join();
    const double latency = answered > asked ? std::chrono::duration<double, std::milli>(answered - asked).count() : 0;
    std::printf("delay=%.2f answer=%s latency_ms=%.1f\n", delay,
                solved ? "solved" : std::string(solved.error().code_name()).c_str(), latency);
  }
  return 0;
}
