// Every command group, and its registration: a new capability adds its
// add_<capability>_commands here, in cli/<capability>_commands.cpp, and one line in main.cpp.
#pragma once

#include "cli/command_line.hpp"

namespace binome::cli {

void add_server_commands(CLI::App& app, Context& context);     // serve, migrate, audit verify
void add_accounts_commands(CLI::App& app, Context& context);   // user ..., token ...
void add_directory_commands(CLI::App& app, Context& context);  // import employees, employees history, grades ...
void add_matching_commands(CLI::App& app, Context& context);   // match solve, match rematch
void add_demo_commands(CLI::App& app, Context& context);       // demo, demo hr-csv
void add_jobs_commands(CLI::App& app, Context& context);       // jobs list|show|cancel

}  // namespace binome::cli
