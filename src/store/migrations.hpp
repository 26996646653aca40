// Schema migrations, one folder per dialect, embedded in the binary and applied in order.
// `schema_version` records which have been applied.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sql.hpp"

namespace binome::store {

struct MigrationReport {
  std::int64_t from_version = 0;
  std::int64_t to_version = 0;
  std::vector<std::string> applied;  // file names
};

// Applies every migration newer than the database's version, each in its own transaction.
// Safe to run from several processes at once on PostgreSQL (an advisory lock serialises them).
MigrationReport migrate(Database& db, std::int64_t now_ms);

// The version the binary expects (the highest migration it carries).
std::int64_t latest_schema_version(Dialect dialect);

}  // namespace binome::store
