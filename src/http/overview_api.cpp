// GET /api/v1/overview: what a program manager's home shows, in one call.
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"

namespace binome::http {

void add_overview_routes(Routes& routes, const ApiContext& api) {
  const app::Overviews& overview = api.app.overview;
  routes.add(Method::kGet, "/api/v1/overview", {true, [&overview](ApiRequest& r) -> core::Result<Reply> {
               auto o = overview.get(r.caller());
               if (!o) return std::unexpected(o.error());
               Json by_role = Json::object();
               for (const core::Role role : core::kAllRoles) {
                 by_role[std::string(core::role_name(role))] = o->users_by_role[static_cast<std::size_t>(role)];
               }
               Json last = nullptr;
               if (const auto& i = o->last_import) {
                 last = {{"at", core::format_iso8601(i->at)},
                         {"actor", i->actor},
                         {"actor_name", i->actor_name ? Json(*i->actor_name) : Json(nullptr)},
                         {"created", i->created},
                         {"updated", i->updated},
                         {"unchanged", i->unchanged},
                         {"deactivated", i->deactivated}};
               }
               return json_reply(200, {{"users", {{"total", o->users}, {"active", o->active_users}, {"by_role", by_role}}},
                                       {"directory", {{"employees", o->employees}, {"active", o->active_employees}}},
                                       {"last_import", last}});
             }});
}

}  // namespace binome::http
