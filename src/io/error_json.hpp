// A core::Error as JSON, kept as it is (message keys and parameters, not words), so that an
// error stored now (a background job's) is worded later in its reader's language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace binome::io {

std::string error_to_json(const core::Error& error);
// Nothing when `json` is not what error_to_json writes.
std::optional<core::Error> error_from_json(std::string_view json);

}  // namespace binome::io
