// binome program create|list|status|member: programs from the command line (app/programs.hpp).
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/time.hpp"

namespace binome::cli {

namespace {

struct ProgramCreateOptions {
  std::string name;
  std::string starts_on;
  std::string ends_on;
  std::string time_zone = "Europe/Paris";
  bool json = false;
};
struct ProgramListOptions {
  bool json = false;
};
struct ProgramStatusOptions {
  std::int64_t program = 0;
  std::string status;
};
struct ProgramMemberOptions {
  std::int64_t program = 0;
  std::string email;
  std::string role;
};

}  // namespace

void add_programs_commands(CLI::App& app, Context& context) {
  auto* program = app.add_subcommand("program", "Manage programs.")->require_subcommand(1);

  auto create = std::make_shared<ProgramCreateOptions>();
  auto* program_create = program->add_subcommand("create", "Create a program (in draft, every built-in skill selected); prints its id.");
  program_create->add_option("--name", create->name, "The program's name")->required();
  program_create->add_option("--starts-on", create->starts_on, "First day, YYYY-MM-DD")->required();
  program_create->add_option("--ends-on", create->ends_on, "Last day, YYYY-MM-DD")->required();
  program_create->add_option("--time-zone", create->time_zone, "IANA time zone of its deadlines and events")
      ->capture_default_str();
  program_create->add_flag("--json", create->json, "Print {\"id\": N}");
  context.on(program_create, [&context, create] {
    const auto& programs = context.open().programs;
    core::ProgramSettings settings;
    settings.name = create->name;
    settings.starts_on = create->starts_on;
    settings.ends_on = create->ends_on;
    settings.time_zone = create->time_zone;
    auto p = value_or_refuse(programs.create(context.caller, settings));
    if (create->json) {
      print_json_line({{"id", p.id}});
    } else {
      fmt::print("{}\n", p.id);
    }
    return 0;
  });

  auto list = std::make_shared<ProgramListOptions>();
  auto* program_list = program->add_subcommand("list", "List programs, newest first.");
  program_list->add_flag("--json", list->json, "One JSON object per line");
  context.on(program_list, [&context, list] {
    const auto& programs = context.open().programs;
    core::ProgramQuery query;
    query.page.limit = 200;
    for (query.page.offset = 0;; query.page.offset += query.page.limit) {
      auto page = value_or_refuse(programs.list(context.caller, query));
      for (const auto& s : page.items) {
        const auto& p = s.program;
        const std::string status(core::program_status_name(p.status));
        if (list->json) {
          print_json_line({{"id", p.id}, {"name", p.settings.name}, {"status", status},
                           {"starts_on", p.settings.starts_on}, {"ends_on", p.settings.ends_on}});
        } else {
          fmt::print("{}\t{}\t{}\t{}\t{}\n", p.id, p.settings.name, status, p.settings.starts_on, p.settings.ends_on);
        }
      }
      if (query.page.offset + query.page.limit >= page.total) break;
    }
    return 0;
  });

  auto status = std::make_shared<ProgramStatusOptions>();
  auto* program_status = program->add_subcommand("status", "Move a program to its next step, once it has what the step needs.");
  program_status->add_option("--program", status->program, "The program's id")->required();
  program_status->add_option("status", status->status, "recruiting, matching, running, closing or closed")->required();
  context.on(program_status, [&context, status] {
    const auto& programs = context.open().programs;
    const auto to = core::program_status_from_name(status->status);
    if (!to) refuse(core::msg("error.parameter_one_of", {core::text("values", "recruiting, matching, running, closing, closed")}));
    auto p = value_or_refuse(programs.change_status(context.caller, status->program, *to));
    fmt::print("program {} is now {}\n", p.id, core::program_status_name(p.status));
    return 0;
  });

  auto member = std::make_shared<ProgramMemberOptions>();
  auto* program_member = program->add_subcommand("member", "Name a program's manager or sponsor, by the account's email.");
  program_member->add_option("--program", member->program, "The program's id")->required();
  program_member->add_option("--email", member->email, "The account's email")->required();
  program_member->add_option("--role", member->role, "manager or sponsor")->required()->check(CLI::IsMember({"manager", "sponsor"}));
  context.on(program_member, [&context, member] {
    const auto& services = context.open();
    auto user = value_or_refuse(services.accounts.get_user_by_email(context.caller, member->email));
    auto m = value_or_refuse(services.programs.add_member(context.caller, member->program, user.id,
                                                          *core::program_role_from_name(member->role)));
    fmt::print("{} is now {} of program {}\n", m.email, core::program_role_name(m.role), member->program);
    return 0;
  });
}

}  // namespace binome::cli
