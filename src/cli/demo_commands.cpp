// binome demo (the demo accounts and bank) and binome demo hr-csv (its HR extract).
#include <fmt/format.h>

#include "app/demo.hpp"
#include "app/demo_bank.hpp"
#include "cli/commands.hpp"
#include "io/hr_extract.hpp"

namespace binome::cli {

namespace {

struct HrCsvOptions {
  std::size_t rows = app::kDemoBankSize;
};

}  // namespace

void add_demo_commands(CLI::App& app, Context& context) {
  auto* demo = app.add_subcommand("demo", "Create (or reuse) the demo data and print its logins.");
  demo->require_subcommand(0, 1);
  auto o = std::make_shared<HrCsvOptions>();
  auto* hr_csv = demo->add_subcommand("hr-csv", "Write a realistic HR extract of the demo bank to standard output.");
  hr_csv->add_option("--rows", o->rows, "Number of employees")->capture_default_str()->check(CLI::Range(1ul, 10'000'000ul));
  context.on(hr_csv, [o] {
    const std::string csv = io::write_hr_extract(app::demo_bank(o->rows));
    std::fwrite(csv.data(), 1, csv.size(), stdout);
    return 0;
  });
  context.on(demo, [&context] {
    use_default_link_secret(context, "");
    const auto& services = context.open(app::SchemaPolicy::kMigrate);
    const auto report = app::create_demo(services.accounts, services.people, services.programs, context.caller);
    fmt::print("Demo database: {}\n", context.redacted_url());
    for (const auto& l : report.logins) fmt::print("  {:<8} {:<24} password: {}\n", l.role, l.email, l.password);
    if (!report.invited.empty()) {
      fmt::print("Invited by activation link (open the links from the Outbox page, as an admin):\n");
      for (const auto& l : report.invited) fmt::print("  {:<8} {}\n", l.role, l.email);
    }
    if (report.employees_imported > 0) {
      fmt::print("Directory: {} employees of the demo bank imported\n", report.employees_imported);
    }
    if (report.program_id > 0) {
      fmt::print("Program {}: in draft, with its objectives and KPIs (binome program list; GET /api/v1/programs)\n",
                 report.program_id);
    }
    return 0;
  });
}

}  // namespace binome::cli
