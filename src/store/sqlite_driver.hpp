// The SQLite driver: WAL, foreign keys, a busy timeout, and one writer at a time.
#pragma once

#include <memory>
#include <string>

#include "store/sql.hpp"

namespace binome::store {

// `path` is a file path, or ":memory:" for a private in-memory database (tests).
std::unique_ptr<Database> open_sqlite(const std::string& path);

// SQLite spells positional parameters ?N; our queries are written with PostgreSQL's $N.
std::string sqlite_placeholders(std::string_view sql);

}  // namespace binome::store
