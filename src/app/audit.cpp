#include "app/audit.hpp"

#include "app/crypto.hpp"

namespace binome::app {

namespace {
const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kSuccess: return "success";
    case Outcome::kDenied: return "denied";
    case Outcome::kFailure: return "failure";
  }
  return "unknown";
}
const core::HashFunction kSha256 = [](std::string_view data) { return sha256_hex(data); };
}  // namespace

void AuditLog::record(store::Connection& c, const Caller& who, std::string action,
                      std::string resource, Outcome outcome,
                      const core::AuditDetail& detail) const {
  core::AuditEntry e;
  e.at = clock_.now();
  e.actor = who.name;
  e.action = std::move(action);
  e.resource = std::move(resource);
  e.source = who.source;
  e.client = who.client;
  e.outcome = outcome_name(outcome);
  e.detail = core::audit_detail_json(detail);
  store::audit::append(c, std::move(e), kSha256);
}

void AuditLog::record_alone(const Caller& who, std::string action, std::string resource,
                            Outcome outcome, const core::AuditDetail& detail) const {
  db_.write([&](store::Connection& c) {
    record(c, who, std::move(action), std::move(resource), outcome, detail);
  });
}

core::Result<store::audit::Page> AuditLog::list(const Caller& who,
                                                const store::audit::Filter& filter) const {
  if (auto ok = authorize(*this, who, core::Action::kReadAudit, {}, "audit.read", "audit"); !ok) {
    return std::unexpected(ok.error());
  }
  return db_.read([&](store::Connection& c) { return store::audit::list(c, filter); });
}

AuditLog::Verification AuditLog::verify() const {
  Verification v;
  db_.read([&](store::Connection& c) {
    core::AuditChainChecker checker(kSha256);
    store::audit::scan(c, [&](const core::AuditEntry& e) {
      if (auto why = checker.check(e)) {
        v.bad_id = e.id;
        v.reason = *why;
        return false;
      }
      return true;
    });
    v.checked = checker.count();
    if (v.ok()) {
      if (auto why = checker.check_head(store::audit::head_hash(c))) v.reason = *why;
    }
  });
  return v;
}

core::Result<void> authorize(const AuditLog& audit, const Caller& who, core::Action action,
                             const core::ResourceRef& on, const std::string& audit_action,
                             const std::string& resource) {
  if (who.system || core::is_allowed(who.principal, action, on)) return {};
  audit.record_alone(who, audit_action, resource, Outcome::kDenied,
                     {{"reason", "not allowed by the access policy"}});
  return core::fail(core::ErrorKind::kForbidden, "forbidden",
                    "You are not allowed to do this.");
}

}  // namespace binome::app
