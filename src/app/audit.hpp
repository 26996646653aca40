// The audit log as the use cases see it: record an action in the caller's transaction (or in
// one of its own, for refusals), refuse what the access policy refuses (and record that), read
// the log back as sentences (admins), export it as CSV, and verify the hash chain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/clock.hpp"
#include "core/access_policy.hpp"
#include "core/audit.hpp"
#include "core/audit_chain.hpp"
#include "core/error.hpp"

namespace binome::store {
class Connection;
class Database;
}  // namespace binome::store

namespace binome::app {

enum class Outcome { kSuccess, kDenied, kFailure };

// The resource an action applies to: whose it is (for "own account" rules) and its id in the
// audit log ("5" for user:5; empty for the collection), and the caller's standing in its
// program.
struct Target {
  std::int64_t owner_id = 0;
  std::string id;
  core::ProgramStanding program;  // the caller's roles in the resource's program
};

// An entry as the audit page shows it.
struct AuditView {
  core::AuditEntry entry;
  std::optional<std::string> actor_name;  // when the actor has an account
  core::Message action_label;
  core::Message summary;
};

// An action the log records, with its name.
struct AuditActionName {
  std::string code;
  core::Message label;
};

class AuditLog {
 public:
  AuditLog(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Appends within `c`'s transaction: the entry lands if and only if the change does.
  // `resource` is core::resource_name(...), "user:5".
  void record(store::Connection& c, const Caller& who, core::Action action, std::string resource,
              Outcome outcome, const core::AuditDetail& detail = {}) const;
  // Appends in a transaction of its own (refusals and failures, where nothing else is written).
  void record_alone(const Caller& who, core::Action action, std::string resource, Outcome outcome,
                    const core::AuditDetail& detail = {}) const;

  // Nothing when `who` may do `action` on `on` (the command line may do anything); otherwise
  // the forbidden error to return, the refusal already in the log:
  //   if (auto refused = audit_.refusal(who, core::Action::kCreateUser)) return *refused;
  std::optional<std::unexpected<core::Error>> refusal(const Caller& who, core::Action action,
                                                      const Target& on = {}) const;

  core::Result<core::Page<AuditView>> list(const Caller& who, const core::AuditQuery& query) const;
  // Every action, in kActions' order, for the audit page's filter (whoever may read the log).
  core::Result<std::vector<AuditActionName>> actions(const Caller& who) const;

  // The entries matching `query` (its page range ignored), newest first, as CSV in `language`:
  // UTF-8 with a BOM, ';' in French and ',' in English (as Excel expects), at most kMaxExport
  // rows (export_too_large beyond). Recorded in the log.
  static constexpr std::int64_t kMaxExport = 100'000;
  core::Result<std::string> export_csv(const Caller& who, const core::AuditQuery& query,
                                       core::Language language) const;

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

}  // namespace binome::app
