// Errors as application/problem+json (RFC 9457): a stable `code`, the sentence in the reader's
// language, every detail (field, line and column), and the request id to quote to support.
// Rendered once, by the service, for every route.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/message.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"

namespace binome::http {

// One status per kind, so one per error code (kErrorCodes gives each code its kind).
unsigned status_for(core::ErrorKind kind);

// The problem's body without its request id (a background job's error, shown later).
Json problem_json(const core::Error& error, core::Language language);
Reply problem_reply(const core::Error& error, core::Language language, const std::string& request_id);

// The reader's language from an Accept-Language header: French when the preferred of French
// and English (by q-value, then order) is French, English otherwise.
core::Language negotiate_language(std::string_view accept_language);

}  // namespace binome::http
