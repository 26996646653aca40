// The audit log as the use cases see it: record an action in the caller's transaction (or in
// one of its own, for refusals), read it back (admins), and verify the hash chain.
#pragma once

#include <optional>
#include <string>

#include "app/caller.hpp"
#include "app/clock.hpp"
#include "core/audit_chain.hpp"
#include "core/error.hpp"
#include "store/audit_repository.hpp"
#include "store/sql.hpp"

namespace binome::app {

enum class Outcome { kSuccess, kDenied, kFailure };

class AuditLog {
 public:
  AuditLog(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Appends within `c`'s transaction: the entry lands if and only if the change does.
  void record(store::Connection& c, const Caller& who, std::string action, std::string resource,
              Outcome outcome, const core::AuditDetail& detail = {}) const;
  // Appends in a transaction of its own (refusals and failures, where nothing else is written).
  void record_alone(const Caller& who, std::string action, std::string resource, Outcome outcome,
                    const core::AuditDetail& detail = {}) const;

  core::Result<store::audit::Page> list(const Caller& who, const store::audit::Filter& filter) const;

  struct Verification {
    std::int64_t checked = 0;
    std::optional<std::int64_t> bad_id;  // the first entry that breaks the chain
    std::string reason;
    bool ok() const { return reason.empty(); }
  };
  // Reads the whole log in id order; no access check (the command line only).
  Verification verify() const;

 private:
  store::Database& db_;
  const Clock& clock_;
};

// Checks `action` against the policy for a user caller; the command line may do anything.
// A refusal is written to the audit log and returned as a forbidden error.
core::Result<void> authorize(const AuditLog& audit, const Caller& who, core::Action action,
                             const core::ResourceRef& on, const std::string& audit_action,
                             const std::string& resource);

}  // namespace binome::app
