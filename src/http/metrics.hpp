// Request counters and latency histograms in the Prometheus text format.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "app/operations.hpp"

namespace binome::http {

class Metrics {
 public:
  // `route` is the route's pattern (not the raw path, which would explode the label space).
  void observe(const std::string& route, const std::string& method, unsigned status,
               double seconds);
  // The requests' counters and latencies, in the Prometheus text format.
  std::string render() const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1.0,  2.5,   5.0,  10.0};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

// The database pool's gauges and counters, in the same format.
std::string database_metrics(const app::DatabaseStats& pool);

}  // namespace binome::http
