// Every capability's routes, and the one function that adds them all: a new capability adds
// its add_<capability>_routes here and one line in routes.cpp.
#pragma once

#include "http/api.hpp"

namespace binome::http {

void add_operations_routes(Routes& routes, const ApiContext& api);  // operations_api.cpp
void add_accounts_routes(Routes& routes, const ApiContext& api);    // accounts_api.cpp
void add_audit_routes(Routes& routes, const ApiContext& api);       // audit_api.cpp
void add_overview_routes(Routes& routes, const ApiContext& api);    // overview_api.cpp
void add_directory_routes(Routes& routes, const ApiContext& api);   // directory_api.cpp
void add_matching_routes(Routes& routes, const ApiContext& api);    // matching_api.cpp
void add_jobs_routes(Routes& routes, const ApiContext& api);        // jobs_api.cpp
void add_mail_routes(Routes& routes, const ApiContext& api);        // mail_api.cpp
void add_programs_routes(Routes& routes, const ApiContext& api);    // programs_api.cpp

void add_all_routes(Routes& routes, const ApiContext& api);

}  // namespace binome::http
