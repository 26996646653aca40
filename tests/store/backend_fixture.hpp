// The backends repository tests run on: SQLite always, and PostgreSQL when the test harness has
// started a cluster and BINOME_TEST_PG_URL_FILE names the file holding its URL. Every test gets
// a fresh database (a temporary SQLite file, or a new PostgreSQL database dropped afterwards).
#pragma once

#include <gtest/gtest.h>
#include <postgresql/libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>

#include "core/time.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"

namespace binome::store::test_support {

inline constexpr core::Millis kNow = 1'800'000'000'000;

// The cluster's URL, or nothing when no PostgreSQL was provided.
inline std::optional<std::string> pg_cluster_url() {
  const char* file = std::getenv("BINOME_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') return std::nullopt;
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) return std::nullopt;
  return url;
}

// Runs one statement outside any transaction (CREATE/DROP DATABASE refuse to run inside one,
// and Database only hands out transactions).
inline void pg_admin(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to the test cluster: " + msg);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string msg = PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + msg);
}

inline std::string unique_suffix() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  return std::to_string(::getpid()) + "_" + std::to_string(salt % 100000) + "_" +
         std::to_string(++counter);
}

// Parameterised by backend name: "sqlite" or "postgresql". Instantiate with
//   INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"),
//   backend_name);
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    if (GetParam() == "postgresql") {
      cluster_ = pg_cluster_url();
      if (!cluster_) {
        GTEST_SKIP() << "PostgreSQL not tested: BINOME_TEST_PG_URL_FILE does not name a file "
                        "holding a cluster URL (CTest's postgres fixture provides one; or run "
                        "tests/support/pg_cluster.sh start FILE)";
      }
      const std::string name = "binome_contract_" + unique_suffix();
      try {
        // Copying the template's files is quicker than WAL-logging them (PostgreSQL 15+).
        pg_admin(*cluster_, "CREATE DATABASE " + name + " STRATEGY FILE_COPY");
      } catch (const std::runtime_error&) {
        pg_admin(*cluster_, "CREATE DATABASE " + name);
      }
      pg_name_ = name;  // from here on, TearDown drops it
      const auto slash = cluster_->rfind('/');
      const auto query = cluster_->find('?', slash);
      url_ = cluster_->substr(0, slash + 1) + pg_name_ +
             (query == std::string::npos ? "" : cluster_->substr(query));
    } else {
      sqlite_path_ = fs::temp_directory_path() / ("binome-contract-" + unique_suffix() + ".db");
      url_ = "sqlite:" + sqlite_path_.string();
    }
    db_ = open_database(url_, 4);
    if (migrate_in_setup()) report_ = migrate(*db_, kNow);
  }

  void TearDown() override {
    db_.reset();
    if (!pg_name_.empty()) {
      pg_admin(*cluster_, "DROP DATABASE " + pg_name_ + " WITH (FORCE)");
    }
    if (!sqlite_path_.empty()) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(sqlite_path_.string() + suffix, ec);
    }
  }

  virtual bool migrate_in_setup() const { return true; }

  std::optional<std::string> cluster_;
  std::string pg_name_;
  std::filesystem::path sqlite_path_;
  std::string url_;
  std::unique_ptr<Database> db_;
  MigrationReport report_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace binome::store::test_support
