#include "app/demo.hpp"

#include <stdexcept>

#include "app/demo_bank.hpp"
#include "io/hr_extract.hpp"

namespace binome::app {

DemoReport create_demo(const Accounts& accounts, const People& people, const Caller& who) {
  struct Person {
    const char* role;
    const char* email;
    const char* name;
  };
  // A program manager, a young digital talent, a senior banker and an executive sponsor.
  static const Person kPeople[] = {
      {"admin", "admin@demo.example", "Claire Morel"},
      {"mentor", "mentor@demo.example", "Yanis Benali"},
      {"mentee", "mentee@demo.example", "Bernard Lefèvre"},
      {"sponsor", "sponsor@demo.example", "Hélène Dubois-Martin"},
  };
  DemoReport report;
  for (const Person& p : kPeople) {
    if (!accounts.get_user_by_email(who, p.email)) {
      auto created = accounts.create_user(who, {p.email, p.name, {p.role}, kDemoPassword});
      if (!created) throw std::runtime_error("demo account " + std::string(p.email) + ": " + core::english(created.error().sentence()));
    }
    report.logins.push_back({p.role, p.email, kDemoPassword});
  }

  auto page = people.list(who, core::EmployeeQuery{.page = {0, 1}});
  if (!page) throw std::runtime_error("demo directory: " + core::english(page.error().sentence()));
  if (page->total == 0) {
    auto scale = people.set_grade_scale(who, demo_bank_grades());
    if (!scale) throw std::runtime_error("demo grade scale: " + core::english(scale.error().sentence()));
    // Two years of monthly extracts, each effective on its date, as HR would have sent them.
    for (const DemoExtract& extract : demo_bank_history(kDemoBankSize)) {
      ImportOptions options;
      options.effective_date = extract.effective_date;
      options.file_name = "demo-bank-" + extract.effective_date.substr(0, 7) + ".csv";
      auto summary = people.import_employees(who, io::write_hr_extract(extract.employees), options);
      if (!summary) {
        throw std::runtime_error("demo directory: the extract of " + extract.effective_date + " did not import: " +
                                 core::english(summary.error().sentence()));
      }
      report.employees_imported += summary->created;
    }
  }
  // Three employees invited to the program: their accounts wait for their owners, and the
  // Outbox page shows the activation links (no SMTP server in the demo). Only where the server
  // can make links (a link secret: SQLite's is beside the database).
  if (accounts.can_make_links()) {
    auto staff = people.list(who, core::EmployeeQuery{.active = true, .page = {0, 40}});
    if (!staff) throw std::runtime_error("demo directory: " + core::english(staff.error().sentence()));
    static const char* const kInvitedRoles[] = {"mentor", "mentee", "mentee"};
    std::size_t invited = 0;
    for (const core::Employee& e : staff->items) {
      if (invited == std::size(kInvitedRoles)) break;
      const std::string role = kInvitedRoles[invited];
      if (!accounts.get_user_by_email(who, e.email)) {
        auto created = accounts.create_user(who, {e.email, "", {role}, "", core::Language::kFrench});
        if (!created) throw std::runtime_error("demo invitation " + e.email + ": " + core::english(created.error().sentence()));
      } else if (accounts.get_user_by_email(who, e.email)->activated) {
        continue;  // someone who activated their account in an earlier run
      }
      report.invited.push_back({role, e.email, ""});
      ++invited;
    }
  }
  return report;
}

}  // namespace binome::app
