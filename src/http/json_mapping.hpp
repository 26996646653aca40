// JSON in and out of the API: domain values to JSON, request bodies to checked fields.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.hpp"
#include "core/employee.hpp"
#include "core/error.hpp"
#include "core/user.hpp"
#include "http/server.hpp"

namespace binome::http {

using Json = nlohmann::json;

Json to_json(const core::User& u);
Json to_json(const core::AuditEntry& e);
Json to_json(const core::Employee& e);
// The short form used for a manager and direct reports.
Json summary_json(const core::Employee& e);

// The body as a JSON object: 415 when it is not declared JSON, 400 when it does not parse or
// is not an object.
core::Result<Json> parse_json_object(const Request& req);

// Typed access to the fields of a request object; wrong types are collected per field, so a
// request with several mistakes gets them all back at once.
class Fields {
 public:
  explicit Fields(const Json& obj) : obj_(obj) {}
  std::optional<std::string> string(const char* name, bool required);
  std::optional<bool> boolean(const char* name, bool required);
  std::optional<std::vector<std::string>> strings(const char* name, bool required);
  // 422 with every problem found, or nothing.
  std::optional<core::Error> error() const;

 private:
  const Json* get(const char* name, bool required);
  const Json& obj_;
  std::vector<core::FieldError> errors_;
};

Response json_response(unsigned status, const Json& body);

}  // namespace binome::http
