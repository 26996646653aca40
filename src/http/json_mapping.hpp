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

namespace binome::http {

using Json = nlohmann::json;

Json to_json(const core::User& u);
Json to_json(const core::Employee& e);
// The short form used for a manager and direct reports.
Json summary_json(const core::Employee& e);

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

}  // namespace binome::http
