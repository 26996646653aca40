// Running the service: is the database there, how busy is its pool, and its schema (migrate,
// or check that it is current). For /healthz, /metrics and the command line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "core/error.hpp"

namespace binome::store {
class Database;
}

namespace binome::app {

struct DatabaseStats {
  std::int64_t connections = 0;  // open
  std::int64_t in_use = 0;       // lent out now
  std::int64_t waiting = 0;      // callers waiting for a connection
  std::int64_t acquired_total = 0;
};

struct SchemaStatus {
  std::int64_t current = 0;   // the database's version
  std::int64_t expected = 0;  // the highest this binary carries
  bool up_to_date() const { return current >= expected; }
};

struct MigrationResult {
  std::int64_t from_version = 0;
  std::int64_t to_version = 0;
  std::vector<std::string> applied;  // migration file names
};

class Operations {
 public:
  Operations(store::Database& db, const Clock& clock, const AuditLog& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  // Reachable and answering.
  bool database_ready() const noexcept;
  // For the metrics (admins).
  core::Result<DatabaseStats> database_stats(const Caller& who) const;
  SchemaStatus schema_status() const;
  // Applies every migration this binary carries that the database lacks (recorded in the audit
  // log when any was applied). The command line only: it is not offered over HTTP.
  MigrationResult migrate(const Caller& who) const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const AuditLog& audit_;
};

// The URL with any password replaced by "***", for logs and messages.
std::string redact_database_url(const std::string& url);

}  // namespace binome::app
