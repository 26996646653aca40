#include "app/overview.hpp"

#include <charconv>

#include "store/account_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/employee_repository.hpp"
#include "store/sql.hpp"

namespace binome::app {

namespace {

std::int64_t number_in(const core::AuditDetail& detail, std::string_view key) {
  for (const auto& [k, v] : detail) {
    std::int64_t n = 0;
    if (k == key && std::from_chars(v.data(), v.data() + v.size(), n).ec == std::errc()) return n;
  }
  return 0;
}

}  // namespace

core::Result<Overview> Overviews::get(const Caller& who) const {
  if (auto refused = audit_.refusal(who, core::Action::kReadOverview)) return *refused;
  return db_.read([&](store::Connection& c) {
    Overview o;
    const store::users::Counts users = store::users::counts(c);
    o.users = users.total;
    o.active_users = users.active;
    o.users_by_role = users.by_role;
    const store::employees::Counts employees = store::employees::counts(c);
    o.employees = employees.total;
    o.active_employees = employees.active;
    if (auto e = store::audit::latest(c, core::action_code(core::Action::kImportEmployees), "success")) {
      const core::AuditDetail d = core::parse_audit_detail(e->detail);
      LastImport last{e->at, e->actor, std::nullopt, number_in(d, "created"), number_in(d, "updated"),
                      number_in(d, "unchanged"), number_in(d, "deactivated")};
      if (auto u = store::users::find_by_email(c, e->actor)) last.actor_name = u->user.name;
      o.last_import = last;
    }
    return o;
  });
}

}  // namespace binome::app
