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
void add_programs_commands(CLI::App& app, Context& context);   // program create|list|status|member

// Sets the key of activation and reset links (server_commands.cpp): from `secret_file` (created
// when missing), else beside a SQLite database file (PATH.secret), else a random one for an
// in-memory database; none for PostgreSQL without a file.
void use_default_link_secret(Context& context, const std::string& secret_file);

}  // namespace binome::cli
