#include "http/metrics.hpp"

#include <fmt/format.h>

namespace binome::http {

void Metrics::observe(const std::string& route, const std::string& method, unsigned status,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[{route, method}];
  ++h.count;
  h.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP binome_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE binome_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("binome_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       route, method, status, n);
  }
  out += "# HELP binome_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE binome_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    const auto& [route, method] = key;
    const std::string labels = fmt::format("route=\"{}\",method=\"{}\"", route, method);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += fmt::format("binome_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], cumulative);
    }
    out += fmt::format("binome_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       h.count);
    out += fmt::format("binome_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    out += fmt::format("binome_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
  }
  return out;
}

std::string database_metrics(const app::DatabaseStats& pool) {
  std::string out;
  out += "# HELP binome_db_pool_connections Database connections open.\n";
  out += "# TYPE binome_db_pool_connections gauge\n";
  out += fmt::format("binome_db_pool_connections {}\n", pool.connections);
  out += "# HELP binome_db_pool_in_use Database connections lent to requests now.\n";
  out += "# TYPE binome_db_pool_in_use gauge\n";
  out += fmt::format("binome_db_pool_in_use {}\n", pool.in_use);
  out += "# HELP binome_db_pool_waiting Requests waiting for a database connection.\n";
  out += "# TYPE binome_db_pool_waiting gauge\n";
  out += fmt::format("binome_db_pool_waiting {}\n", pool.waiting);
  out += "# HELP binome_db_pool_acquired_total Database connections handed out.\n";
  out += "# TYPE binome_db_pool_acquired_total counter\n";
  out += fmt::format("binome_db_pool_acquired_total {}\n", pool.acquired_total);
  return out;
}

}  // namespace binome::http
