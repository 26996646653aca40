#include "app/audit.hpp"

#include <charconv>
#include <set>

#include "app/crypto.hpp"
#include "io/csv.hpp"
#include "store/account_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/sql.hpp"

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

// The people a page of entries mentions: actors by email, users acted on by id.
core::AuditNames names_for(store::Connection& c, const std::vector<core::AuditEntry>& entries) {
  std::set<std::string> emails;
  std::set<std::int64_t> ids;
  for (const auto& e : entries) {
    emails.insert(e.actor);
    if (e.resource.starts_with("user:")) {
      std::int64_t id = 0;
      const auto* first = e.resource.data() + 5;
      const auto* last = e.resource.data() + e.resource.size();
      if (std::from_chars(first, last, id).ec == std::errc()) ids.insert(id);
    }
    // A program's member is named in the entry's detail.
    if (e.action == core::action_code(core::Action::kAddProgramMember) ||
        e.action == core::action_code(core::Action::kRemoveProgramMember)) {
      for (const auto& [key, value] : core::parse_audit_detail(e.detail)) {
        std::int64_t id = 0;
        if (key == "user" && std::from_chars(value.data(), value.data() + value.size(), id).ec == std::errc()) ids.insert(id);
      }
    }
  }
  return core::AuditNames{store::users::names(c, {emails.begin(), emails.end()}, {ids.begin(), ids.end()})};
}

AuditView view_of(core::AuditEntry e, const core::AuditNames& names) {
  AuditView v;
  if (const auto* who = names.by_email(e.actor)) v.actor_name = who->name;
  v.action_label = core::audit_action_label(e.action);
  v.summary = core::audit_sentence(e, names);
  v.entry = std::move(e);
  return v;
}

}  // namespace

void AuditLog::record(store::Connection& c, const Caller& who, core::Action action,
                      std::string resource, Outcome outcome, const core::AuditDetail& detail) const {
  core::AuditEntry e;
  e.at = clock_.now();
  e.actor = who.name;
  e.action = std::string(core::action_code(action));
  e.resource = std::move(resource);
  e.source = who.source;
  e.client = who.client;
  e.outcome = outcome_name(outcome);
  e.detail = core::audit_detail_json(detail);
  store::audit::append(c, std::move(e), kSha256);
}

void AuditLog::record_alone(const Caller& who, core::Action action, std::string resource,
                            Outcome outcome, const core::AuditDetail& detail) const {
  db_.write([&](store::Connection& c) {
    record(c, who, action, std::move(resource), outcome, detail);
  });
}

std::optional<std::unexpected<core::Error>> AuditLog::refusal(const Caller& who, core::Action action,
                                                              const Target& on) const {
  if (who.system || core::is_allowed(who.principal, action, {on.owner_id, on.program})) return std::nullopt;
  record_alone(who, action, core::resource_name(core::info(action).resource, on.id), Outcome::kDenied,
               {{"reason", "not allowed by the access policy"}});
  return core::fail(core::ErrorCode::kForbidden);
}

core::Result<core::Page<AuditView>> AuditLog::list(const Caller& who, const core::AuditQuery& query) const {
  if (auto refused = refusal(who, core::Action::kReadAudit)) return *refused;
  return db_.read([&](store::Connection& c) {
    auto entries = store::audit::list(c, query);
    const core::AuditNames names = names_for(c, entries.items);
    core::Page<AuditView> page;
    page.total = entries.total;
    page.items.reserve(entries.items.size());
    for (auto& e : entries.items) page.items.push_back(view_of(std::move(e), names));
    return page;
  });
}

core::Result<std::vector<AuditActionName>> AuditLog::actions(const Caller& who) const {
  if (auto refused = refusal(who, core::Action::kReadAudit)) return *refused;
  std::vector<AuditActionName> out;
  for (const auto& a : core::kActions) {
    out.push_back({std::string(a.code), core::audit_action_label(a.code)});
  }
  return out;
}

core::Result<std::string> AuditLog::export_csv(const Caller& who, const core::AuditQuery& query,
                                               core::Language language) const {
  if (auto refused = refusal(who, core::Action::kExportAudit)) return *refused;
  const char delimiter = language == core::Language::kFrench ? ';' : ',';
  return db_.write([&](store::Connection& c) -> core::Result<std::string> {
    core::AuditQuery all = query;
    all.page = {0, kMaxExport + 1};
    auto entries = store::audit::list(c, all);
    if (entries.total > kMaxExport) {
      return core::fail(core::ErrorCode::kExportTooLarge,
                        core::msg("audit.export_too_large", {core::count("count", entries.total),
                                                             core::count("max", kMaxExport)}));
    }
    const core::AuditNames names = names_for(c, entries.items);
    const auto say = [&](const core::Message& m) { return core::render(m, language); };
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> row;
    for (const char* column : {"at", "actor", "actor_name", "action", "summary", "resource", "outcome",
                               "source", "client", "detail"}) {
      row.push_back(say(core::msg(std::string("audit.csv.") + column)));
    }
    io::append_csv_row(out, row, delimiter);
    for (auto& e : entries.items) {
      const AuditView v = view_of(std::move(e), names);
      row = {core::format_iso8601(v.entry.at), v.entry.actor, v.actor_name.value_or(""), say(v.action_label),
             say(v.summary), v.entry.resource, say(core::msg("audit.outcome." + v.entry.outcome)),
             v.entry.source, v.entry.client, v.entry.detail};
      io::append_csv_row(out, row, delimiter);
    }
    record(c, who, core::Action::kExportAudit, "audit", Outcome::kSuccess,
           {{"entries", std::to_string(entries.items.size())}});
    return out;
  });
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

}  // namespace binome::app
