// Errors as application/problem+json (RFC 9457), with a stable `code` and the request id.
#pragma once

#include <string>

#include "core/error.hpp"
#include "http/server.hpp"

namespace binome::http {

unsigned status_for(core::ErrorKind kind);

Response problem_response(unsigned status, const std::string& code, const std::string& detail,
                          const std::vector<core::FieldError>& fields = {});
Response problem_response(const core::Error& error);

}  // namespace binome::http
