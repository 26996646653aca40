// Outcomes a user can cause (invalid input, not found, conflict, forbidden...) are values of this
// type, returned through std::expected; infrastructure failures are exceptions instead.
//
// An error has a stable code from one table (kErrorCodes: the code, its name in problem+json,
// its kind, hence one HTTP status and one exit code), a sentence for people (a Message, worded
// in the reader's language when shown) and its details: each field, place in a file, or line and
// column of an imported file that is wrong.
//
//   if (name.empty()) return core::validation_failed({{"name", core::msg("error.required")}});
//   return core::fail(core::ErrorCode::kNotFound, core::msg("accounts.no_user_id", {core::count("id", id)}));
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/message.hpp"

namespace binome::core {

// What kind of outcome: the HTTP layer maps each kind to one status, the command line to one
// exit code.
enum class ErrorKind : std::uint8_t {
  kInvalid,           // malformed request or value (400)
  kUnauthenticated,   // no valid credentials (401)
  kForbidden,         // authenticated but not allowed (403)
  kNotFound,          // (404)
  kGone,              // existed once, no longer usable: a used or expired link (410)
  kMethodNotAllowed,  // (405)
  kConflict,          // clashes with the current state, e.g. a taken email (409)
  kTooLarge,          // a body or header over its limit (413)
  kUnsupportedMedia,  // a body of the wrong type (415)
  kValidation,        // well-formed but breaks a rule; per-field details (422)
  kTooManyRequests,   // throttled (429)
  kInternal,          // a bug or an unexpected failure (500)
  kUnavailable,       // the database does not answer (503)
};

enum class ErrorCode : std::uint8_t {
  kBadRequest,
  kInvalidParameter,
  kMalformedJson,
  kUnauthenticated,
  kInvalidCredentials,
  kForbidden,
  kCsrfMissing,
  kCsrfInvalid,
  kAccountDisabled,
  kNotFound,
  kMethodNotAllowed,
  kConflict,
  kPayloadTooLarge,
  kHeadersTooLarge,
  kUnsupportedMediaType,
  kValidationFailed,
  kImportInvalid,
  kExportTooLarge,
  kTooManyAttempts,
  kInternalError,
  kDatabaseUnavailable,
  kTimeBudgetExceeded,
  kServerBusy,
  kLinkInvalid,
  kCount
};

struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;  // "validation_failed": problem+json's `code`; its sentence is "error.<name>"
  ErrorKind kind;
};

// One row per code, in the enum's order (checked below).
inline constexpr std::array<ErrorCodeInfo, static_cast<std::size_t>(ErrorCode::kCount)> kErrorCodes = {{
    {ErrorCode::kBadRequest, "bad_request", ErrorKind::kInvalid},
    {ErrorCode::kInvalidParameter, "invalid_parameter", ErrorKind::kInvalid},
    {ErrorCode::kMalformedJson, "malformed_json", ErrorKind::kInvalid},
    {ErrorCode::kUnauthenticated, "unauthenticated", ErrorKind::kUnauthenticated},
    {ErrorCode::kInvalidCredentials, "invalid_credentials", ErrorKind::kUnauthenticated},
    {ErrorCode::kForbidden, "forbidden", ErrorKind::kForbidden},
    {ErrorCode::kCsrfMissing, "csrf_missing", ErrorKind::kForbidden},
    {ErrorCode::kCsrfInvalid, "csrf_invalid", ErrorKind::kForbidden},
    {ErrorCode::kAccountDisabled, "account_disabled", ErrorKind::kForbidden},
    {ErrorCode::kNotFound, "not_found", ErrorKind::kNotFound},
    {ErrorCode::kMethodNotAllowed, "method_not_allowed", ErrorKind::kMethodNotAllowed},
    {ErrorCode::kConflict, "conflict", ErrorKind::kConflict},
    {ErrorCode::kPayloadTooLarge, "payload_too_large", ErrorKind::kTooLarge},
    {ErrorCode::kHeadersTooLarge, "headers_too_large", ErrorKind::kTooLarge},
    {ErrorCode::kUnsupportedMediaType, "unsupported_media_type", ErrorKind::kUnsupportedMedia},
    {ErrorCode::kValidationFailed, "validation_failed", ErrorKind::kValidation},
    {ErrorCode::kImportInvalid, "import_invalid", ErrorKind::kValidation},
    {ErrorCode::kExportTooLarge, "export_too_large", ErrorKind::kValidation},
    {ErrorCode::kTooManyAttempts, "too_many_attempts", ErrorKind::kTooManyRequests},
    {ErrorCode::kInternalError, "internal_error", ErrorKind::kInternal},
    {ErrorCode::kDatabaseUnavailable, "database_unavailable", ErrorKind::kUnavailable},
    {ErrorCode::kTimeBudgetExceeded, "time_budget_exceeded", ErrorKind::kUnavailable},
    {ErrorCode::kServerBusy, "server_busy", ErrorKind::kUnavailable},
    {ErrorCode::kLinkInvalid, "link_invalid", ErrorKind::kGone},
}};

constexpr bool error_table_in_order() {
  for (std::size_t i = 0; i < kErrorCodes.size(); ++i) {
    if (static_cast<std::size_t>(kErrorCodes[i].code) != i) return false;
  }
  return true;
}
static_assert(error_table_in_order(), "kErrorCodes must list every ErrorCode once, in order");

constexpr const ErrorCodeInfo& info(ErrorCode code) { return kErrorCodes[static_cast<std::size_t>(code)]; }

// One thing wrong: a request field or a place in a file ("profiles.M1.availability[0]"), or,
// for an imported file, its line and column header. Any may be empty.
struct ErrorDetail {
  std::string field;
  Message message;
  std::int64_t line = 0;  // the file's physical line (the header is 1); 0: none
  std::string column;     // the file's header as written
  bool operator==(const ErrorDetail&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternalError;
  Message message;  // empty: the code's own sentence, "error.<name>"
  std::vector<ErrorDetail> details;
  long retry_after_seconds = 0;  // only for kTooManyAttempts
  // How many problems were found, when `details` lists only some of them (0: it lists them all).
  std::size_t found = 0;

  ErrorKind kind() const { return info(code).kind; }
  std::string_view code_name() const { return info(code).name; }
  // How many problems there were: `found`, or, when all are listed, the details.
  std::size_t problem_count() const { return found ? found : details.size(); }
  // The message, or the code's own one.
  Message sentence() const;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, Message message = {},
                                   std::vector<ErrorDetail> details = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(details), 0});
}

// A validation_failed error listing every problem, in one sentence and one detail each.
std::unexpected<Error> validation_failed(std::vector<ErrorDetail> details);

// Collects the problems of one input and lists the first `max_listed` of them, then one more
// detail saying how many were left out ("and 10 more").
class Problems {
 public:
  static constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);
  explicit Problems(std::size_t max_listed = 20) : max_listed_(max_listed) {}
  void add(std::string field, Message message) { add(ErrorDetail{std::move(field), std::move(message), 0, {}}); }
  void add(ErrorDetail detail);
  bool empty() const { return count_ == 0; }
  std::size_t count() const { return count_; }
  // With `code` (validation_failed by default) and its sentence.
  Error error(ErrorCode code = ErrorCode::kValidationFailed, Message message = {}) &&;
  std::unexpected<Error> fail(ErrorCode code = ErrorCode::kValidationFailed, Message message = {}) && {
    return std::unexpected(std::move(*this).error(code, std::move(message)));
  }

 private:
  std::size_t max_listed_;
  std::vector<ErrorDetail> details_;
  std::size_t count_ = 0;
};

}  // namespace binome::core
