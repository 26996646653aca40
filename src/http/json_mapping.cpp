#include "http/json_mapping.hpp"

#include "core/time.hpp"

namespace binome::http {

Json to_json(const core::User& u) {
  return {{"id", u.id},          {"email", u.email},   {"name", u.name},
          {"roles", u.roles.names()}, {"active", u.active}, {"created_at", core::format_iso8601(u.created_at)}};
}

Json to_json(const core::AuditEntry& e) {
  Json detail = Json::parse(e.detail, nullptr, false);
  if (detail.is_discarded()) detail = Json::object();
  return {{"id", e.id},         {"at", core::format_iso8601(e.at)}, {"actor", e.actor},
          {"action", e.action}, {"resource", e.resource},         {"source", e.source},
          {"client", e.client}, {"outcome", e.outcome},           {"detail", detail}};
}

Json to_json(const core::Employee& e) {
  auto or_null = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"employee_id", e.employee_id}, {"first_name", e.first_name},
          {"last_name", e.last_name},     {"email", e.email},
          {"job_title", e.job_title},     {"department", e.department},
          {"grade", e.grade},             {"manager_id", or_null(e.manager_id)},
          {"hire_date", or_null(e.hire_date)}, {"site", e.site},
          {"time_zone", e.time_zone},     {"languages", e.languages},
          {"birth_year", e.birth_year ? Json(*e.birth_year) : Json(nullptr)},
          {"active", e.active}};
}

Json summary_json(const core::Employee& e) {
  return {{"employee_id", e.employee_id}, {"first_name", e.first_name}, {"last_name", e.last_name},
          {"job_title", e.job_title},     {"email", e.email},           {"active", e.active}};
}

core::Result<Json> parse_json_object(const Request& req) {
  const std::string_view type = req[beast_http::field::content_type];
  if (!type.starts_with("application/json")) {
    return core::fail(core::ErrorKind::kInvalid, "unsupported_media_type",
                      "The request body must be JSON, sent with Content-Type: application/json.");
  }
  Json body = Json::parse(req.body(), nullptr, false);
  if (body.is_discarded()) {
    return core::fail(core::ErrorKind::kInvalid, "malformed_json",
                      "The request body is not well-formed JSON.");
  }
  if (!body.is_object()) {
    return core::fail(core::ErrorKind::kInvalid, "malformed_json",
                      "The request body must be a JSON object.");
  }
  return body;
}

const Json* Fields::get(const char* name, bool required) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) {
    if (required) errors_.push_back({name, "is required"});
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> Fields::string(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.push_back({name, "must be a string"});
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> Fields::boolean(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    errors_.push_back({name, "must be true or false"});
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> Fields::strings(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array() || !std::all_of(v->begin(), v->end(), [](const Json& x) { return x.is_string(); })) {
    errors_.push_back({name, "must be an array of strings"});
    return std::nullopt;
  }
  return v->get<std::vector<std::string>>();
}

std::optional<core::Error> Fields::error() const {
  if (errors_.empty()) return std::nullopt;
  return core::validation_failed(errors_).error();
}

Response json_response(unsigned status, const Json& body) {
  Response res{static_cast<beast_http::status>(status), 11};
  res.set(beast_http::field::content_type, "application/json");
  res.body() = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return res;
}

}  // namespace binome::http
