#include "app/operations.hpp"

#include "store/migrations.hpp"
#include "store/sql.hpp"

namespace binome::app {

bool Operations::database_ready() const noexcept { return db_.ping(); }

core::Result<DatabaseStats> Operations::database_stats(const Caller& who) const {
  if (auto refused = audit_.refusal(who, core::Action::kReadMetrics)) return *refused;
  const store::PoolStats s = db_.stats();
  return DatabaseStats{s.size, s.in_use, s.waiting, s.acquired_total};
}

SchemaStatus Operations::schema_status() const {
  SchemaStatus status;
  status.expected = store::latest_schema_version(db_.dialect());
  status.current = db_.read([](store::Connection& c) -> std::int64_t {
    try {
      return c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version")->i64(0);
    } catch (const store::DatabaseError&) {
      return 0;  // no schema_version table yet
    }
  });
  return status;
}

MigrationResult Operations::migrate(const Caller& who) const {
  const store::MigrationReport report = store::migrate(db_, clock_.now());
  if (!report.applied.empty()) {
    std::string names;
    for (const auto& n : report.applied) names += (names.empty() ? "" : ",") + n;
    audit_.record_alone(who, core::Action::kMigrateSchema, "database", Outcome::kSuccess,
                        {{"from_version", std::to_string(report.from_version)},
                         {"to_version", std::to_string(report.to_version)},
                         {"applied", names}});
  }
  return {report.from_version, report.to_version, report.applied};
}

std::string redact_database_url(const std::string& url) { return store::redact_url(url); }

}  // namespace binome::app
