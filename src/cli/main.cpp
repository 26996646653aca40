// The composition root: the command line, its groups of commands, and nothing else.
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace binome;
  CLI::App app{"Binôme: reverse-mentoring programs for banks.", "binome"};
  app.require_subcommand(1);
  app.fallthrough();  // lets --db follow the command as well as precede it
  cli::Context context;
  app.add_option("--db", context.db_url,
                 "Database URL: sqlite:PATH or postgresql://user[:password]@host[:port]/dbname")
      ->envname("BINOME_DB");
  cli::add_server_commands(app, context);
  cli::add_accounts_commands(app, context);
  cli::add_directory_commands(app, context);
  cli::add_matching_commands(app, context);
  cli::add_demo_commands(app, context);
  cli::add_jobs_commands(app, context);
  cli::add_programs_commands(app, context);
  return cli::run(app, context, argc, argv);
}
