#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace binome::http {

unsigned status_for(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::kInvalid: return 400;
    case core::ErrorKind::kValidation: return 422;
    case core::ErrorKind::kUnauthenticated: return 401;
    case core::ErrorKind::kForbidden: return 403;
    case core::ErrorKind::kNotFound: return 404;
    case core::ErrorKind::kConflict: return 409;
    case core::ErrorKind::kTooManyRequests: return 429;
  }
  return 500;
}

Response problem_response(unsigned status, const std::string& code, const std::string& detail,
                          const std::vector<core::FieldError>& fields) {
  nlohmann::json body = {
      {"type", "about:blank"},
      {"title", std::string(beast_http::obsolete_reason(static_cast<beast_http::status>(status)))},
      {"status", status},
      {"detail", detail},
      {"code", code},
  };
  if (!fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
  }
  Response res{static_cast<beast_http::status>(status), 11};
  res.set(beast_http::field::content_type, "application/problem+json");
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

Response problem_response(const core::Error& error) {
  Response res = problem_response(status_for(error.kind), error.code, error.message, error.fields);
  if (error.kind == core::ErrorKind::kTooManyRequests && error.retry_after_seconds > 0) {
    res.set(beast_http::field::retry_after, std::to_string(error.retry_after_seconds));
  }
  return res;
}

}  // namespace binome::http
