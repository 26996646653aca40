#include "store/sql.hpp"

#include <charconv>
#include <regex>

#include "core/text.hpp"
#include "store/postgres_driver.hpp"
#include "store/sqlite_driver.hpp"

namespace binome::store {

std::string_view Row::view(std::size_t i) const {
  if (is_null(i)) throw DatabaseError("unexpected NULL in column " + std::to_string(i));
  const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1] & ~kNull;
  return std::string_view(data_).substr(begin, ends_[i] - begin);
}

std::int64_t Row::i64(std::size_t i) const {
  const std::string_view t = view(i);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) {
    throw DatabaseError("column " + std::to_string(i) + " is not an integer: " + std::string(t));
  }
  return v;
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

double Row::f64(std::size_t i) const { return std::stod(text(i)); }

std::string contains_pattern(std::string_view text) {
  std::string p = "%";
  for (char ch : core::fold_for_search(text)) {
    if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
    p += ch;
  }
  return p + "%";
}

std::string redact_url(const std::string& url) {
  static const std::regex password(R"(^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*):[^@]*@)");
  return std::regex_replace(url, password, "$1:***@");
}

std::unique_ptr<Database> open_database(const std::string& url, int pool_size) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty()) throw DatabaseError("database URL '" + url + "' has no file path");
    return open_sqlite(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres(url, pool_size);
  }
  throw DatabaseError("unsupported database URL '" + redact_url(url) +
                      "': expected sqlite:PATH or postgresql://user[:password]@host[:port]/dbname");
}

void Conditions::add(std::string_view test, std::vector<Value> values) {
  std::string condition;
  for (std::size_t i = 0; i < test.size(); ++i) {
    if (test[i] == '{') {
      const std::size_t close = test.find('}', i);
      const std::size_t k = std::stoul(std::string(test.substr(i + 1, close - i - 1)));
      condition += "$" + std::to_string(params_.size() + k + 1);
      i = close;
    } else {
      condition += test[i];
    }
  }
  for (auto& v : values) params_.push_back(std::move(v));
  sql_ += (sql_.empty() ? " WHERE " : " AND ") + condition;
}

std::string Conditions::next(Value v) {
  params_.push_back(std::move(v));
  return "$" + std::to_string(params_.size());
}

}  // namespace binome::store
