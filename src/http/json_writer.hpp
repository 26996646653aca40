// JSON written straight into one string, for the answers that carry many rows (a page of the
// directory, of the audit log) and for the access log's line: nlohmann::json builds a tree of
// std::map nodes first, about 70,000 instructions per employee row; this writes the same text
// for a fraction of it. Text that is not UTF-8 is replaced (U+FFFD), as nlohmann's
// error_handler_t::replace does, so that a row read from the database never breaks an answer.
//
//   JsonWriter w;
//   w.begin_object().key("total").value(3).key("items").begin_array();
//   ... w.end_array().end_object();
//   std::string body = std::move(w).text();
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace binome::http {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 256) { out_.reserve(reserve); }

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // An object's member name; the value follows.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(double x);  // as nlohmann writes it (shortest round trip)
  JsonWriter& null();
  // The string, or null when it is empty (optional text fields).
  JsonWriter& value_or_null(std::string_view text);
  // A value already written as JSON.
  JsonWriter& raw(std::string_view json);

  std::string text() && { return std::move(out_); }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

// `text` as a JSON string literal (quotes included), appended to `out`.
void append_json_string(std::string& out, std::string_view text);

}  // namespace binome::http
