#include "app/demo.hpp"

#include <stdexcept>

#include "app/demo_bank.hpp"
#include "io/hr_extract.hpp"

namespace binome::app {

namespace {

template <typename T>
T demo_value(core::Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string("demo program: ") + what + ": " + core::english(r.error().sentence()));
  return std::move(*r);
}

// A first edition in draft, as a program manager sets it up before opening its calls.
std::int64_t create_demo_program(const Accounts& accounts, const Programs& programs, const Caller& who) {
  core::ProgramSettings s;
  s.name = "Binôme numérique 2027";
  s.description = "Reverse mentoring: young digital talents mentor senior bankers, who teach them the business back.";
  s.starts_on = "2027-01-11";
  s.ends_on = "2027-07-02";
  const core::Program p = demo_value(programs.create(who, s), "create");
  for (const auto& [email, role] : {std::pair{"admin@demo.example", core::ProgramRole::kManager},
                                    std::pair{"sponsor@demo.example", core::ProgramRole::kSponsor}}) {
    const core::User u = demo_value(accounts.get_user_by_email(who, email), "member");
    demo_value(programs.add_member(who, p.id, u.id, role), "member");
  }
  core::SkillSelection skills;
  for (const char* key : {"digcomp.1.2", "digcomp.2.4", "digcomp.2.6", "digcomp.4.2", "digcomp.5.2", "bank.genai_data",
                          "bank.cybersecurity_fraud", "bank.open_banking_apis", "bank.collaboration_tools",
                          "business.business_lines", "business.risk_regulation", "business.client_relationship"}) {
    skills.built_in.emplace_back(key);
  }
  demo_value(programs.set_skills(who, p.id, skills), "skills");
  const auto kpi = [](std::string name, core::KpiInstrument instrument, double target, std::string due_on) {
    core::Kpi k;
    k.name = std::move(name);
    k.instrument = instrument;
    k.target = target;
    k.due_on = std::move(due_on);
    return k;
  };
  const auto culture = demo_value(programs.create_objective(who, p.id, {0, p.id, "Raise the bank's digital culture", "Senior bankers at ease with the tools their clients use.", {}}), "objective");
  auto applications = kpi("Mentee applications", core::KpiInstrument::kApplications, 40, "2027-01-08");
  applications.side = "mentee";
  demo_value(programs.create_kpi(who, culture.id, applications), "kpi");
  auto gain = kpi("Digital self-assessment gain", core::KpiInstrument::kAssessmentChange, 1.5, "2027-07-02");
  gain.skills = {"digcomp.2.4", "digcomp.4.2", "bank.genai_data"};
  gain.baseline = 0;
  demo_value(programs.create_kpi(who, culture.id, gain), "kpi");
  const auto links = demo_value(programs.create_objective(who, p.id, {0, p.id, "Strengthen links between teams", "", {}}), "objective");
  demo_value(programs.create_kpi(who, links.id, kpi("Session attendance", core::KpiInstrument::kAttendanceRate, 85, "2027-07-02")), "kpi");
  auto mobility = kpi("Young talents seen by the executive committee", core::KpiInstrument::kManual, 12, "2027-07-02");
  mobility.unit = "people";
  mobility.baseline = 3;
  mobility.manual_value = 5;
  demo_value(programs.create_kpi(who, links.id, mobility), "kpi");
  return p.id;
}

}  // namespace

DemoReport create_demo(const Accounts& accounts, const People& people, const Programs& programs, const Caller& who) {
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
  if (demo_value(programs.list(who, core::ProgramQuery{.page = {0, 1}}), "list").total == 0) {
    report.program_id = create_demo_program(accounts, programs, who);
  }
  return report;
}

}  // namespace binome::app
