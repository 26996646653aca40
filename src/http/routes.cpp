#include "http/routes.hpp"

namespace binome::http {

void add_all_routes(Routes& routes, const ApiContext& api) {
  add_operations_routes(routes, api);
  add_accounts_routes(routes, api);
  add_audit_routes(routes, api);
  add_overview_routes(routes, api);
  add_directory_routes(routes, api);
  add_matching_routes(routes, api);
  add_jobs_routes(routes, api);
  add_mail_routes(routes, api);
  add_programs_routes(routes, api);
}

}  // namespace binome::http
