#include "http/json_mapping.hpp"

#include <algorithm>

#include "core/time.hpp"

namespace binome::http {

void write_json(JsonWriter& w, const core::User& u) {
  w.begin_object();
  w.key("id").value(u.id).key("email").value(u.email).key("name").value(u.name);
  w.key("roles").begin_array();
  for (const auto& r : u.roles.names()) w.value(r);
  w.end_array();
  w.key("active").value(u.active).key("created_at").value(core::format_iso8601(u.created_at));
  w.key("employee_id");
  u.employee_id ? void(w.value(*u.employee_id)) : void(w.null());
  w.key("activated").value(u.activated);
  w.end_object();
}

void write_json(JsonWriter& w, const core::Employee& e) {
  w.begin_object();
  write_members(w, e);
  w.end_object();
}

void write_members(JsonWriter& w, const core::Employee& e) {
  w.key("employee_id").value(e.employee_id).key("first_name").value(e.first_name);
  w.key("last_name").value(e.last_name).key("email").value(e.email);
  w.key("job_title").value(e.job_title).key("department").value(e.department);
  w.key("grade").value(e.grade).key("manager_id").value_or_null(e.manager_id);
  w.key("hire_date").value_or_null(e.hire_date).key("site").value(e.site);
  w.key("time_zone").value(e.time_zone);
  w.key("languages").begin_array();
  for (const auto& l : e.languages) w.value(l);
  w.end_array();
  w.key("birth_year");
  e.birth_year ? w.value(*e.birth_year) : w.null();
  w.key("active").value(e.active);
}

void write_summary_json(JsonWriter& w, const core::Employee& e) {
  w.begin_object();
  w.key("employee_id").value(e.employee_id).key("first_name").value(e.first_name);
  w.key("last_name").value(e.last_name).key("job_title").value(e.job_title);
  w.key("email").value(e.email).key("active").value(e.active);
  w.end_object();
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

std::optional<std::int64_t> Fields::integer(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    errors_.push_back({name, core::msg("error.must_be_integer")});
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<double> Fields::number(const char* name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    errors_.push_back({name, core::msg("error.must_be_number")});
    return std::nullopt;
  }
  return v->get<double>();
}

core::Language Fields::language(const char* name, core::Language fallback) {
  const auto code = string(name, false);
  if (!code) return fallback;
  if (*code == "fr") return core::Language::kFrench;
  if (*code == "en") return core::Language::kEnglish;
  errors_.push_back({name, core::msg("error.parameter_one_of", {core::text("values", "fr, en")})});
  return fallback;
}

std::optional<core::Error> Fields::error() const {
  if (errors_.empty()) return std::nullopt;
  return core::validation_failed(errors_).error();
}

std::string dump(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

Reply json_reply(unsigned status, const Json& body) { return Reply{status, "application/json", dump(body), {}}; }

Reply json_reply(unsigned status, std::string body) { return Reply{status, "application/json", std::move(body), {}}; }

}  // namespace binome::http
