// JSON in and out of the API: domain values to JSON, request bodies to checked fields.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/employee.hpp"
#include "core/error.hpp"
#include "core/message.hpp"
#include "core/user.hpp"
#include "http/api.hpp"
#include "http/json_writer.hpp"

namespace binome::http {

using Json = nlohmann::json;

// Domain values as the API writes them (through JsonWriter: lists of them are the hot paths).
void write_json(JsonWriter& w, const core::User& u);
void write_json(JsonWriter& w, const core::Employee& e);
// The members alone, inside an object the caller opened (an employee's page adds its manager).
void write_members(JsonWriter& w, const core::Employee& e);
// The short form used for a manager and direct reports.
void write_summary_json(JsonWriter& w, const core::Employee& e);
// {"items": [...], "total": N}
template <typename T>
std::string page_json(const core::Page<T>& page) {
  JsonWriter w(64 + page.items.size() * 400);
  w.begin_object().key("items").begin_array();
  for (const auto& item : page.items) write_json(w, item);
  w.end_array().key("total").value(page.total).end_object();
  return std::move(w).text();
}

// The body as a JSON object: unsupported_media_type (415) when it is not declared JSON,
// malformed_json (400) when it does not parse or is not an object.
core::Result<Json> parse_json_object(const ApiRequest& req);

// Typed access to the fields of a request object; wrong types are collected per field, so a
// request with several mistakes gets them all back at once.
class Fields {
 public:
  explicit Fields(const Json& obj) : obj_(obj) {}
  std::optional<std::string> string(const char* name, bool required);
  std::optional<bool> boolean(const char* name, bool required);
  std::optional<std::vector<std::string>> strings(const char* name, bool required);
  std::optional<std::int64_t> integer(const char* name, bool required);
  std::optional<double> number(const char* name, bool required);
  // Present in the object (with any value, null included).
  bool has(const char* name) const { return obj_.contains(name); }
  // "fr" or "en" (an e-mail's language), `fallback` when absent.
  core::Language language(const char* name, core::Language fallback);
  // validation_failed (422) with every problem found, or nothing.
  std::optional<core::Error> error() const;

 private:
  const Json* get(const char* name, bool required);
  const Json& obj_;
  std::vector<core::ErrorDetail> errors_;
};

// Compact JSON; text that is not UTF-8 is replaced rather than thrown on.
std::string dump(const Json& body);
Reply json_reply(unsigned status, const Json& body);
// A body already written as JSON.
Reply json_reply(unsigned status, std::string body);

}  // namespace binome::http
