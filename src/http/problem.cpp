#include "http/problem.hpp"

#include <charconv>
#include <cstdlib>

#include "http/json_mapping.hpp"

namespace binome::http {

namespace {

// RFC 9110's reason phrases, for the problem's `title`.
const char* reason_phrase(unsigned status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}

}  // namespace

unsigned status_for(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::kInvalid: return 400;
    case core::ErrorKind::kUnauthenticated: return 401;
    case core::ErrorKind::kForbidden: return 403;
    case core::ErrorKind::kNotFound: return 404;
    case core::ErrorKind::kMethodNotAllowed: return 405;
    case core::ErrorKind::kConflict: return 409;
    case core::ErrorKind::kGone: return 410;
    case core::ErrorKind::kTooLarge: return 413;
    case core::ErrorKind::kUnsupportedMedia: return 415;
    case core::ErrorKind::kValidation: return 422;
    case core::ErrorKind::kTooManyRequests: return 429;
    case core::ErrorKind::kInternal: return 500;
    case core::ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

Json problem_json(const core::Error& error, core::Language language) {
  const unsigned status = status_for(error.kind());
  Json body = {
      {"type", "about:blank"},
      {"title", reason_phrase(status)},
      {"status", status},
      {"detail", core::render(error.sentence(), language)},
      {"code", error.code_name()},
  };
  if (!error.details.empty()) {
    Json& errors = body["errors"] = Json::array();
    for (const auto& d : error.details) {
      Json item = Json::object();
      if (!d.field.empty()) item["field"] = d.field;
      // A place in an imported file: its line (0 for the whole file) and column header.
      if (d.line > 0 || !d.column.empty()) {
        item["line"] = d.line;
        item["column"] = d.column;
      }
      item["message"] = core::render(d.message, language);
      errors.push_back(std::move(item));
    }
    // More were found than `errors` lists (it ends with how many were left out, or how many of
    // each kind there were).
    if (error.found > 0) body["error_count"] = error.found;
  }
  return body;
}

Reply problem_reply(const core::Error& error, core::Language language, const std::string& request_id) {
  const unsigned status = status_for(error.kind());
  Json body = problem_json(error, language);
  body["request_id"] = request_id;
  Reply reply{status, "application/problem+json", dump(body), {}};
  if (error.code == core::ErrorCode::kTooManyAttempts && error.retry_after_seconds > 0) {
    reply.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return reply;
}

core::Language negotiate_language(std::string_view header) {
  double best_q = -1;
  core::Language best = core::Language::kEnglish;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    double q = 1;
    if (const auto semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      item = item.substr(0, semi);
      while (!params.empty() && params.front() == ' ') params.remove_prefix(1);
      if (params.starts_with("q=")) {
        const std::string value(params.substr(2));
        char* end = nullptr;
        q = std::strtod(value.c_str(), &end);
        if (end == value.c_str()) q = 0;
      }
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const auto is = [&](std::string_view lang) {
      return item.size() >= 2 && (item[0] | 0x20) == lang[0] && (item[1] | 0x20) == lang[1] &&
             (item.size() == 2 || item[2] == '-' || item[2] == '_');
    };
    const bool french = is("fr");
    if ((french || is("en")) && q > 0 && q > best_q) {
      best_q = q;
      best = french ? core::Language::kFrench : core::Language::kEnglish;
    }
  }
  return best;
}

}  // namespace binome::http
