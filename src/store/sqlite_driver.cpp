#include "store/sqlite_driver.hpp"

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "store/connection_pool.hpp"

namespace binome::store {

namespace {

[[noreturn]] void raise(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  const int ext = db ? sqlite3_extended_errcode(db) : rc;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw UniqueViolation(msg);
  }
  throw DatabaseError(msg);
}

// Once per process, before SQLite initialises: no allocation statistics. Kept, they put every
// allocation of every connection behind one global mutex, which a search (its trigram index, its
// sort) pays for at each of its many allocations when requests run in parallel.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& target, bool uri) {
    configure_sqlite_once();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                      (uri ? SQLITE_OPEN_URI : 0);
    const int rc = sqlite3_open_v2(target.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = "cannot open SQLite database '" + target + "': " +
                        (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close_v2(db_);
      throw DatabaseError(msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    execute_script(
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; "
        // Bulk imports touch several indexes in random key order: a 32 MiB page cache
        // (instead of 2 MiB) keeps them in memory.
        "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;");
    if (!uri) execute_script("PRAGMA journal_mode = WAL;");
  }
  ~SqliteConnection() override {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    std::vector<Row> rows;
    const int n = sqlite3_column_count(st);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      Row& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(n), 16 * static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        if (sqlite3_column_type(st, i) == SQLITE_NULL) {
          row.add_null();
        } else {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
          row.add(std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
        }
      }
    }
    finish(st, rc, sql);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    finish(st, rc, sql);
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw DatabaseError("SQLite script failed: " + msg);
    }
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(sql);  // heterogeneous: no std::string built per lookup
    sqlite3_stmt* st = nullptr;
    if (it == cache_.end()) {
      const std::string translated = sqlite_placeholders(sql);
      const int rc = sqlite3_prepare_v3(db_, translated.c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                                        &st, nullptr);
      if (rc != SQLITE_OK) raise(db_, rc, "cannot prepare '" + translated + "'");
      cache_.emplace(std::string(sql), st);
    } else {
      st = it->second;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) rc = sqlite3_bind_null(st, idx);
            else if constexpr (std::is_same_v<T, std::int64_t>) rc = sqlite3_bind_int64(st, idx, v);
            else if constexpr (std::is_same_v<T, double>) rc = sqlite3_bind_double(st, idx, v);
            else rc = sqlite3_bind_text64(st, idx, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
          },
          params[i]);
      if (rc != SQLITE_OK) raise(db_, rc, "cannot bind parameter $" + std::to_string(idx));
    }
    return st;
  }

  void finish(sqlite3_stmt* st, int rc, std::string_view sql) {
    if (rc != SQLITE_DONE) {
      sqlite3_reset(st);
      raise(db_, rc, "statement failed '" + std::string(sql.substr(0, 80)) + "'");
    }
    sqlite3_reset(st);
  }

  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

class SqliteDatabase;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(ConnectionPool<SqliteConnection>& pool, std::unique_ptr<SqliteConnection> c,
                    std::unique_lock<std::mutex> writer, TxKind kind)
      : pool_(pool), conn_(std::move(c)), writer_(std::move(writer)) {
    try {
      // Through the statement cache: sqlite3_exec would parse the text on every transaction.
      conn_->execute(kind == TxKind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN", {});
    } catch (...) {
      pool_.release(std::move(conn_));
      throw;
    }
  }
  ~SqliteTransaction() override {
    if (!done_) {
      try {
        conn_->execute("ROLLBACK", {});
      } catch (...) {
        conn_.reset();  // a connection in an unknown state is not reused
      }
    }
    pool_.release(std::move(conn_));
  }
  Connection& connection() override { return *conn_; }
  void commit() override {
    conn_->execute("COMMIT", {});
    done_ = true;
  }

 private:
  ConnectionPool<SqliteConnection>& pool_;
  std::unique_ptr<SqliteConnection> conn_;
  std::unique_lock<std::mutex> writer_;
  bool done_ = false;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string target, bool uri, int pool_size)
      : pool_([target, uri] { return std::make_unique<SqliteConnection>(target, uri); },
              pool_size) {
    // Open one connection now so that a bad path fails at start-up, and, for an in-memory
    // database, so that it lives as long as this object.
    keeper_ = pool_.acquire();
  }
  ~SqliteDatabase() override { pool_.release(std::move(keeper_)); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  std::unique_ptr<Transaction> begin(TxKind kind) override {
    std::unique_lock<std::mutex> writer;
    if (kind == TxKind::kWrite) writer = std::unique_lock(writer_mu_);
    return std::make_unique<SqliteTransaction>(pool_, pool_.acquire(), std::move(writer), kind);
  }

  PoolStats stats() const override {
    PoolStats s = pool_.stats();
    --s.in_use;  // the keeper connection is not lent to anyone
    return s;
  }

  bool ping() noexcept override {
    try {
      auto tx = begin(TxKind::kRead);
      tx->connection().query("SELECT 1");
      return true;
    } catch (...) {
      return false;
    }
  }

 private:
  ConnectionPool<SqliteConnection> pool_;
  std::unique_ptr<SqliteConnection> keeper_;
  std::mutex writer_mu_;
};

}  // namespace

std::string sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

std::unique_ptr<Database> open_sqlite(const std::string& path) {
  if (path == ":memory:") {
    // A shared-cache in-memory database lets several connections see the same data; one
    // connection is enough for tests and avoids shared-cache table locks.
    static std::atomic<int> counter{0};
    return std::make_unique<SqliteDatabase>(
        "file:binome-mem-" + std::to_string(++counter) + "?mode=memory&cache=shared", true, 2);
  }
  return std::make_unique<SqliteDatabase>(path, false, 8);
}

}  // namespace binome::store
