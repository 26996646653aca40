// The small SQL driver interface that repositories are written against, once for both
// databases. Queries use $1..$n placeholders and portable SQL; values travel as text.
// Failures of the database itself are exceptions (DatabaseError); repositories turn the
// outcomes a user can cause (a taken email) into values.
#pragma once

// The application layer alone may use the store (see src/CMakeLists.txt).
#ifndef BINOME_STORE_VISIBLE
#error "store/ headers are private to app/ (use the app layer's types)"
#endif

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace binome::store {

enum class Dialect { kSqlite, kPostgresql };

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A UNIQUE constraint refused the write; the use case usually turns it into a conflict.
class UniqueViolation : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

// One row of a result, its cells as text. The cells share one buffer (two allocations a row
// rather than one a cell: a page of the directory is 20 rows of 17 cells).
class Row {
 public:
  Row() = default;
  // Building a row, cell by cell (the drivers).
  void reserve(std::size_t cells, std::size_t bytes) {
    ends_.reserve(cells);
    data_.reserve(bytes);
  }
  void add(std::string_view cell) {
    data_ += cell;
    ends_.push_back(static_cast<std::uint32_t>(data_.size()));
  }
  void add_null() { ends_.push_back(static_cast<std::uint32_t>(data_.size()) | kNull); }

  bool is_null(std::size_t i) const { return (ends_.at(i) & kNull) != 0; }
  std::string text(std::size_t i) const { return std::string(view(i)); }  // throws on NULL
  std::string_view view(std::size_t i) const;                              // throws on NULL
  std::optional<std::string> opt_text(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional<std::string>(text(i));
  }
  std::int64_t i64(std::size_t i) const;
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  double f64(std::size_t i) const;
  std::size_t size() const { return ends_.size(); }

 private:
  static constexpr std::uint32_t kNull = 0x80000000u;
  std::string data_;
  std::vector<std::uint32_t> ends_;  // where each cell ends in data_; kNull marks a NULL
};

// One connection, used by one thread at a time, inside a transaction begun by Database.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;

  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
};

enum class TxKind { kRead, kWrite };

// A transaction in progress; rolled back on destruction unless committed.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Connection& connection() = 0;
  virtual void commit() = 0;
};

struct PoolStats {
  std::int64_t size = 0;     // connections open
  std::int64_t in_use = 0;   // connections lent out now
  std::int64_t waiting = 0;  // callers waiting for a connection
  std::int64_t acquired_total = 0;
};

template <typename T>
struct is_expected : std::false_type {};
template <typename T, typename E>
struct is_expected<std::expected<T, E>> : std::true_type {};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Read transactions may run side by side; write transactions are serialised where the
  // database needs it (SQLite has one writer).
  virtual std::unique_ptr<Transaction> begin(TxKind kind) = 0;
  virtual PoolStats stats() const = 0;
  // Reachable and answering (for /healthz).
  virtual bool ping() noexcept = 0;

  // Runs `fn(Connection&)` in one transaction. Commits when fn returns, unless it returns an
  // std::expected holding an error; rolls back when it throws or fails.
  template <typename Fn>
  auto transact(TxKind kind, Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
    using R = std::invoke_result_t<Fn, Connection&>;
    auto tx = begin(kind);
    if constexpr (std::is_void_v<R>) {
      fn(tx->connection());
      tx->commit();
    } else {
      R result = fn(tx->connection());
      if constexpr (is_expected<R>::value) {
        if (!result.has_value()) return result;
      }
      tx->commit();
      return result;
    }
  }
  template <typename Fn>
  auto read(Fn&& fn) {
    return transact(TxKind::kRead, std::forward<Fn>(fn));
  }
  template <typename Fn>
  auto write(Fn&& fn) {
    return transact(TxKind::kWrite, std::forward<Fn>(fn));
  }
};

// Opens `sqlite:PATH`, `sqlite::memory:`, or `postgresql://user[:password]@host[:port]/db`.
// Throws DatabaseError with a clear message for a malformed URL or an unreachable database.
std::unique_ptr<Database> open_database(const std::string& url, int pool_size = 8);

// A LIKE pattern (used with ESCAPE '\') matching `text` anywhere in a column folded by
// core::fold_for_search, LIKE's wildcards in `text` taken literally; "%%" for no text.
std::string contains_pattern(std::string_view text);

// The WHERE clause of a list: only the conditions in use, each with its parameters numbered
// in turn. "($1 = '' OR department = $1)" terms would be evaluated on every row, and keep the
// planner from walking an index in order and from counting a table fast.
//   Conditions where;
//   if (!f.department.empty()) where.add("department = {0}", {f.department});
//   c.query("SELECT ... FROM employees" + where.sql() + " LIMIT " + where.next(limit), where.params());
class Conditions {
 public:
  // `test` names its parameters {0}, {1}... (each may appear several times).
  void add(std::string_view test, std::vector<Value> values);
  // " WHERE a AND b", or "" when there is no condition.
  const std::string& sql() const { return sql_; }
  // Binds one more parameter (LIMIT, OFFSET) and returns its placeholder, "$4".
  std::string next(Value v);
  const Params& params() const { return params_; }

 private:
  std::string sql_;
  Params params_;
};

// The URL with any password replaced by "***", for logs and messages.
std::string redact_url(const std::string& url);

}  // namespace binome::store
