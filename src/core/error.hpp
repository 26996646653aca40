// Outcomes a user can cause (invalid input, not found, conflict, forbidden...) are values of this
// type, returned through std::expected; infrastructure failures are exceptions instead.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace binome::core {

enum class ErrorKind {
  kInvalid,          // malformed request or value (HTTP 400)
  kValidation,       // well-formed but breaks a rule; per-field details (HTTP 422)
  kUnauthenticated,  // no valid credentials (HTTP 401)
  kForbidden,        // authenticated but not allowed (HTTP 403)
  kNotFound,         // (HTTP 404)
  kConflict,         // clashes with the current state, e.g. a taken email (HTTP 409)
  kTooManyRequests,  // throttled (HTTP 429)
};

struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// `code` is stable and machine-readable ("validation_failed"); `message` is for people.
struct Error {
  ErrorKind kind;
  std::string code;
  std::string message;
  std::vector<FieldError> fields;
  long retry_after_seconds = 0;  // only for kTooManyRequests
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string code, std::string message,
                                   std::vector<FieldError> fields = {}) {
  return std::unexpected(Error{kind, std::move(code), std::move(message), std::move(fields)});
}

// A kValidation error listing every field problem, in one message and per field.
inline std::unexpected<Error> validation_failed(std::vector<FieldError> fields) {
  std::string message = "The request has invalid fields: ";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    message += (i ? "; " : "") + fields[i].field + " " + fields[i].message;
  }
  return fail(ErrorKind::kValidation, "validation_failed", message + ".", std::move(fields));
}

}  // namespace binome::core
