// Persistence of the audit log: appends chained to the head, filtered reading, and an
// in-order scan for verification.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/audit_chain.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace binome::store::audit {

// Appends `e` (its id, prev_hash and hash are filled in here) within the caller's transaction.
// Locks the chain's head until the transaction ends, so appends never interleave.
core::AuditEntry append(Connection& c, core::AuditEntry e, const core::HashFunction& hash);

// Newest first. The actor matches on its email or, for users, their name (folded).
core::Page<core::AuditEntry> list(Connection& c, const core::AuditQuery& q);
// The newest entry with this action and outcome, if any.
std::optional<core::AuditEntry> latest(Connection& c, std::string_view action, std::string_view outcome);

// Calls `visit` for every entry in id order, in batches; stops when visit returns false.
void scan(Connection& c, const std::function<bool(const core::AuditEntry&)>& visit);

std::string head_hash(Connection& c);

}  // namespace binome::store::audit
