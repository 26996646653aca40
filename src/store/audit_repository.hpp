// Persistence of the audit log: appends chained to the head, filtered reading, and an
// in-order scan for verification.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace binome::store::audit {

// Appends `e` (its id, prev_hash and hash are filled in here) within the caller's transaction.
// Locks the chain's head until the transaction ends, so appends never interleave.
core::AuditEntry append(Connection& c, core::AuditEntry e, const core::HashFunction& hash);

struct Filter {
  std::string actor;
  std::string action;  // exact, or a prefix ending in '.', e.g. "user."
  std::optional<core::Millis> from;
  std::optional<core::Millis> to;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

struct Page {
  std::vector<core::AuditEntry> items;  // newest first
  std::int64_t total = 0;
};

Page list(Connection& c, const Filter& f);

// Calls `visit` for every entry in id order, in batches; stops when visit returns false.
void scan(Connection& c, const std::function<bool(const core::AuditEntry&)>& visit);

std::string head_hash(Connection& c);

}  // namespace binome::store::audit
