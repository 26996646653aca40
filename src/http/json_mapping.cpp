#include "http/json_mapping.hpp"

#include <algorithm>

#include "core/time.hpp"

namespace binome::http {

Json to_json(const core::User& u) {
  return {{"id", u.id},          {"email", u.email},   {"name", u.name},
          {"roles", u.roles.names()}, {"active", u.active}, {"created_at", core::format_iso8601(u.created_at)}};
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

core::Result<Json> parse_json_object(const ApiRequest& req) {
  if (!req.content_type.starts_with("application/json")) {
    return core::fail(core::ErrorCode::kUnsupportedMediaType);
  }
  Json body = Json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return core::fail(core::ErrorCode::kMalformedJson);
  if (!body.is_object()) return core::fail(core::ErrorCode::kMalformedJson, core::msg("error.json_not_object"));
  return body;
}

const Json* Fields::get(const char* name, bool required) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) {
    if (required) errors_.push_back({name, core::msg("error.required")});
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> Fields::string(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.push_back({name, core::msg("error.must_be_string")});
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> Fields::boolean(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    errors_.push_back({name, core::msg("error.must_be_boolean")});
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> Fields::strings(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array() || !std::all_of(v->begin(), v->end(), [](const Json& x) { return x.is_string(); })) {
    errors_.push_back({name, core::msg("error.must_be_strings")});
    return std::nullopt;
  }
  return v->get<std::vector<std::string>>();
}

std::optional<core::Error> Fields::error() const {
  if (errors_.empty()) return std::nullopt;
  return core::validation_failed(errors_).error();
}

std::string dump(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

Reply json_reply(unsigned status, const Json& body) { return Reply{status, "application/json", dump(body), {}}; }

}  // namespace binome::http
