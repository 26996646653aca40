// A message of the outbox as the API writes it (OutboxMessage, OutboxMessageDetail).
#pragma once

#include "app/mail.hpp"
#include "http/json_mapping.hpp"

namespace binome::http {

// `detail`: with its text and HTML parts.
Json outbox_json(const app::OutboxEntry& entry, core::Language language, bool detail);

}  // namespace binome::http
