// Persistence of the outbox (core/mail.hpp): messages written with the change that causes
// them, claimed by a delivery worker under a lease, and ended as sent or failed. Written once
// against the driver interface; contract-tested on both databases. A claim takes the oldest
// due message with a row lock that skips rows other workers hold (FOR UPDATE SKIP LOCKED on
// PostgreSQL; SQLite has one writer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/mail.hpp"
#include "store/sql.hpp"

namespace binome::store::outbox {

// A message as stored: its attachment's bytes stay base64 (`attachment_base64`), which the
// application layer decodes.
struct StoredMail {
  core::OutboxMessage message;
  std::string attachment_base64;
};

// Queues `mail` (its attachment's content already base64) to be sent from `now`.
std::int64_t insert(Connection& c, const core::NewMail& mail, const std::string& message_id, core::Millis now);
std::optional<StoredMail> find(Connection& c, std::int64_t id);
core::Page<StoredMail> list(Connection& c, const core::OutboxQuery& q);

// The oldest pending message due at `now`, or a sending one whose claim lapsed (its worker
// died), marked sending under `worker` until `lease_until`, its attempts counted.
std::optional<StoredMail> claim(Connection& c, const std::string& worker, core::Millis now, core::Millis lease_until);
// Ends an attempt `worker` made: sent; pending again from `next_attempt_at` with the error;
// or failed for good. False when the worker no longer held the message.
bool mark_sent(Connection& c, std::int64_t id, const std::string& worker, core::Millis now);
bool mark_retry(Connection& c, std::int64_t id, const std::string& worker, const std::string& error,
                core::Millis next_attempt_at, core::Millis now);
bool mark_failed(Connection& c, std::int64_t id, const std::string& worker, const std::string& error,
                 core::Millis now);
// A failed message pending again, for a new round of attempts. False unless it had failed.
bool retry(Connection& c, std::int64_t id, core::Millis now);
// Every sending message pending again at once: for a database one process serves (SQLite),
// where a message sending at start-up was left by a process that died (it may have been sent:
// at least once). Returns how many.
std::int64_t release_all(Connection& c, core::Millis now);
// The earliest time a pending message is due (the workers sleep until then).
std::optional<core::Millis> next_due(Connection& c);

}  // namespace binome::store::outbox
