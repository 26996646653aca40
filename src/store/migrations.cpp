#include "store/migrations.hpp"

#include <algorithm>

#include "embedded_file.hpp"
#include "store/employee_repository.hpp"

namespace binome::store {
std::span<const EmbeddedFile> embedded_migrations();  // generated

namespace {

struct Migration {
  std::int64_t version;
  std::string_view name;
  std::string_view sql;
};

std::vector<Migration> migrations_for(Dialect dialect) {
  const std::string_view prefix = dialect == Dialect::kSqlite ? "sqlite/" : "postgresql/";
  std::vector<Migration> out;
  for (const auto& f : embedded_migrations()) {
    if (!f.name.starts_with(prefix)) continue;
    const std::string_view file = f.name.substr(prefix.size());
    // Names are NNNN_description.sql; the number is the version.
    out.push_back({std::stoll(std::string(file.substr(0, 4))), file, f.content});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

// What a migration changes that SQL cannot compute, run in the migration's transaction.
void after_migration(std::int64_t version, Connection& c) {
  if (version == 3) employees::refresh_search_text(c);  // 0003_search_job_titles
}

}  // namespace

std::int64_t latest_schema_version(Dialect dialect) {
  auto all = migrations_for(dialect);
  return all.empty() ? 0 : all.back().version;
}

MigrationReport migrate(Database& db, std::int64_t now_ms) {
  MigrationReport report;
  const Dialect dialect = db.dialect();
  db.write([&](Connection& c) {
    if (dialect == Dialect::kPostgresql) {
      c.execute("SELECT pg_advisory_xact_lock(7426101)");
      c.execute_script(
          "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    } else {
      c.execute_script(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
    }
  });
  for (const Migration& m : migrations_for(dialect)) {
    db.write([&](Connection& c) {
      if (dialect == Dialect::kPostgresql) c.execute("SELECT pg_advisory_xact_lock(7426101)");
      auto row = c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version");
      const std::int64_t current = row ? row->i64(0) : 0;
      if (report.applied.empty()) report.from_version = current;
      report.to_version = std::max(current, report.to_version);
      if (m.version <= current) return;
      c.execute_script(m.sql);
      after_migration(m.version, c);
      c.execute("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
                {m.version, std::string(m.name), now_ms});
      report.applied.emplace_back(m.name);
      report.to_version = m.version;
    });
  }
  return report;
}

}  // namespace binome::store
