#include "store/postgres_driver.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <cstring>

#include "store/connection_pool.hpp"

namespace binome::store {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      throw DatabaseError("cannot connect to PostgreSQL at '" + redact_url(url) + "': " + msg);
    }
    // Keep server notices (e.g. "relation already exists, skipping") out of our logs.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgresql; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    ResultPtr r = run(sql, params);
    const int nrows = PQntuples(r.get());
    const int ncols = PQnfields(r.get());
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
      Row& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(ncols), 16 * static_cast<std::size_t>(ncols));
      for (int j = 0; j < ncols; ++j) {
        if (PQgetisnull(r.get(), i, j)) {
          row.add_null();
        } else {
          row.add(std::string_view(PQgetvalue(r.get(), i, j), static_cast<std::size_t>(PQgetlength(r.get(), i, j))));
        }
      }
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    ResultPtr r = run(sql, params);
    const char* n = PQcmdTuples(r.get());
    return (n && *n) ? std::stoll(n) : 0;
  }

  void execute_script(std::string_view sql) override {
    const std::string s(sql);
    ResultPtr r(PQexec(conn_, s.c_str()));
    check(r.get(), sql);
  }

 private:
  ResultPtr run(std::string_view sql, const Params& params) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return;
            else if constexpr (std::is_same_v<T, std::int64_t>) texts[i] = std::to_string(v);
            else if constexpr (std::is_same_v<T, double>) texts[i] = fmt::format("{}", v);
            else texts[i] = v;
            values[i] = texts[i].c_str();
          },
          params[i]);
    }
    const std::string s(sql);
    ResultPtr r(PQexecParams(conn_, s.c_str(), static_cast<int>(params.size()), nullptr,
                             values.data(), nullptr, nullptr, 0));
    check(r.get(), sql);
    return r;
  }

  void check(PGresult* r, std::string_view sql) {
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string where = "statement failed '" + std::string(sql.substr(0, 80)) + "': ";
    if (state && std::strcmp(state, "23505") == 0) throw UniqueViolation(where + msg);
    throw DatabaseError(where + msg);
  }

  PGconn* conn_;
};

class PgTransaction final : public Transaction {
 public:
  PgTransaction(ConnectionPool<PgConnection>& pool, std::unique_ptr<PgConnection> c, TxKind kind)
      : pool_(pool), conn_(std::move(c)) {
    try {
      conn_->execute_script(kind == TxKind::kWrite ? "BEGIN" : "BEGIN READ ONLY");
    } catch (...) {
      pool_.release(nullptr);  // a connection that cannot begin is broken
      conn_.reset();
      throw;
    }
  }
  ~PgTransaction() override {
    if (!done_) {
      try {
        conn_->execute_script("ROLLBACK");
      } catch (...) {
        conn_.reset();
      }
    }
    if (conn_ && !conn_->healthy()) conn_.reset();
    pool_.release(std::move(conn_));
  }
  Connection& connection() override { return *conn_; }
  void commit() override {
    conn_->execute_script("COMMIT");
    done_ = true;
  }

 private:
  ConnectionPool<PgConnection>& pool_;
  std::unique_ptr<PgConnection> conn_;
  bool done_ = false;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& url, int pool_size)
      : pool_([url] { return std::make_unique<PgConnection>(url); }, pool_size) {
    pool_.release(pool_.acquire());  // fail at start-up when the server cannot be reached
  }
  Dialect dialect() const override { return Dialect::kPostgresql; }
  std::unique_ptr<Transaction> begin(TxKind kind) override {
    return std::make_unique<PgTransaction>(pool_, pool_.acquire(), kind);
  }
  PoolStats stats() const override { return pool_.stats(); }
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
  ConnectionPool<PgConnection> pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size) {
  return std::make_unique<PgDatabase>(url, pool_size);
}

}  // namespace binome::store
