// Programs: the rules of core (settings, steps, the taxonomy, KPI readings) and the use cases
// on an in-memory SQLite database — roles held per program, steps that check what they need, a
// closed program read-only, new editions, and the audit trail every change leaves.
#include "app/programs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "app/services.hpp"
#include "core/kpi.hpp"
#include "core/messages.hpp"
#include "core/program.hpp"
#include "core/taxonomy.hpp"
#include "store/migrations.hpp"
#include "store/program_repository.hpp"
#include "store/sql.hpp"
#include "support/messages.hpp"
#include "support/use_cases.hpp"

namespace binome::app {
namespace {

using core::ErrorKind;
using core::ProgramStatus;
using test_support::en;
using test_support::fields_of;
using testing::error_kind;
using testing::kStart;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

core::ProgramSettings settings(std::string name = "Digital 2027") {
  core::ProgramSettings s;
  s.name = std::move(name);
  s.starts_on = "2027-01-04";
  s.ends_on = "2027-06-30";
  return s;
}

// --- core: settings and steps ------------------------------------------------------------------

TEST(ProgramRules, ValidSettingsHaveNoProblem) { EXPECT_TRUE(core::check_program_settings(settings()).empty()); }

TEST(ProgramRules, EveryWrongFieldIsNamedAtOnce) {
  core::ProgramSettings s = settings("  ");
  s.starts_on = "2027-02-30";
  s.ends_on = "04/01/2027";
  s.time_zone = "Europe/Lutece";
  s.languages = {"fr", "de"};
  s.session_minutes = 5;
  s.min_group_size = 2;
  std::set<std::string> fields;
  for (const auto& d : core::check_program_settings(s)) fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "starts_on", "ends_on", "time_zone", "languages", "session_minutes",
                                           "min_group_size"}));
}

TEST(ProgramRules, ItEndsAfterItStarts) {
  core::ProgramSettings s = settings();
  s.ends_on = s.starts_on;
  const auto problems = core::check_program_settings(s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "ends_on");
  EXPECT_EQ(en(problems[0].message), "must come after the start date (2027-01-04)");
}

TEST(ProgramRules, StepsGoForwardOneAtATimeAndEachChecksWhatItNeeds) {
  const core::ProgramFacts none;
  EXPECT_THAT(core::status_change_blockers(ProgramStatus::kDraft, ProgramStatus::kMatching, none),
              ElementsAre(::testing::Property(&core::Message::key, "program.status_not_next")));
  EXPECT_EQ(en(core::status_change_blockers(ProgramStatus::kDraft, ProgramStatus::kRecruiting, none).at(0)),
            "it needs a call for applications");
  EXPECT_TRUE(core::status_change_blockers(ProgramStatus::kDraft, ProgramStatus::kRecruiting, {1, 0, 0, 0}).empty());
  EXPECT_EQ(core::status_change_blockers(ProgramStatus::kRecruiting, ProgramStatus::kMatching, {1, 3, 0, 0}).size(), 1u);
  EXPECT_TRUE(core::status_change_blockers(ProgramStatus::kRecruiting, ProgramStatus::kMatching, {1, 3, 4, 0}).empty());
  // No running without published pairs.
  EXPECT_EQ(en(core::status_change_blockers(ProgramStatus::kMatching, ProgramStatus::kRunning, {1, 3, 4, 0}).at(0)),
            "no pairs have been published");
  EXPECT_TRUE(core::status_change_blockers(ProgramStatus::kRunning, ProgramStatus::kClosing, none).empty());
  EXPECT_TRUE(core::status_change_blockers(ProgramStatus::kClosing, ProgramStatus::kClosed, none).empty());
  // Never back.
  EXPECT_FALSE(core::status_change_blockers(ProgramStatus::kRunning, ProgramStatus::kMatching, {9, 9, 9, 9}).empty());
  EXPECT_EQ(en(core::status_change_blockers(ProgramStatus::kClosed, ProgramStatus::kDraft, none).at(0)),
            "the program is closed: there is no step after it");
}

TEST(ProgramRules, ADateIsTheProgramsOwnDay) {
  // 2027-01-04T23:30Z is already the 5th in Paris, still the 4th in New York.
  const core::Millis at = *core::parse_iso8601("2027-01-04T23:30:00Z");
  EXPECT_EQ(core::local_date_of(at, "Europe/Paris"), "2027-01-05");
  EXPECT_EQ(core::local_date_of(at, "America/New_York"), "2027-01-04");
}

// --- core: the taxonomy ------------------------------------------------------------------------

TEST(Taxonomy, DigCompsTwentyOneCompetencesHaveTheirKeysAndOfficialNames) {
  std::vector<std::string> keys;
  for (const auto& s : core::built_in_skills()) {
    if (std::string_view(s.key).starts_with("digcomp.")) keys.emplace_back(s.key);
  }
  EXPECT_EQ(keys.size(), 21u);
  EXPECT_EQ(keys.front(), "digcomp.1.1");
  EXPECT_EQ(keys.back(), "digcomp.5.4");
  EXPECT_EQ(en(core::skill_label("digcomp.2.5")), "Netiquette");
  EXPECT_EQ(en(core::skill_label("digcomp.5.4")), "Identifying digital competence gaps");
  EXPECT_EQ(core::render(core::skill_label("digcomp.4.2"), core::Language::kFrench),
            "Protéger les données personnelles et la vie privée");
}

TEST(Taxonomy, EverySkillAreaAndLevelHasBothLanguagesAndNoLabelIsOrphaned) {
  std::set<std::string> needed;
  for (const auto& s : core::built_in_skills()) {
    needed.insert(core::skill_label(s.key).key());
    needed.insert(core::skill_area_label(s.area).key());
  }
  needed.insert(core::skill_area_label("custom").key());
  for (int level = core::kMinProficiency; level <= core::kMaxProficiency; ++level) {
    needed.insert(core::proficiency_label(level).key());
    needed.insert(core::proficiency_description(level).key());
  }
  for (const auto& key : needed) EXPECT_NE(core::find_message_text(key), nullptr) << key;
  for (const auto& m : core::all_message_texts()) {
    const std::string key(m.key);
    if (key.starts_with("skill.") || key.starts_with("skill_area.") || key.starts_with("skill_level")) {
      EXPECT_TRUE(needed.contains(key)) << key << " labels no skill, area or level";
    }
  }
  // Both directions of reciprocity are there.
  bool business = false;
  for (const auto& s : core::built_in_skills()) business = business || s.direction == core::SkillDirection::kBusiness;
  EXPECT_TRUE(business);
}

TEST(Taxonomy, AProgramsOwnSkillsNeedAFreeKeyAndBothLabels) {
  core::SkillSelection s;
  s.built_in = {"digcomp.1.1", "bank.agile", "digcomp.1.1", "digcomp.9.9"};
  s.custom = {{"esg.reporting", "ESG reporting", "Reporting ESG", core::SkillDirection::kBusiness},
              {"digcomp.extra", "X", "X", core::SkillDirection::kDigital},
              {"Bad Key", "X", "", core::SkillDirection::kDigital},
              {"esg.reporting", "Again", "Encore", core::SkillDirection::kDigital}};
  std::vector<std::string> fields;
  for (const auto& d : core::check_skill_selection(s)) fields.push_back(d.field);
  EXPECT_THAT(fields, ElementsAre("skills[2]", "skills[3]", "custom[1].key", "custom[2].key", "custom[2].label_fr",
                                  "custom[3].key"));
  EXPECT_TRUE(core::check_skill_selection(core::default_skill_selection()).empty());
}

// --- core: KPI readings -----------------------------------------------------------------------

core::Kpi kpi(core::KpiInstrument instrument, double target, std::string side = "") {
  core::Kpi k;
  k.name = "K";
  k.instrument = instrument;
  k.side = std::move(side);
  k.target = target;
  k.due_on = "2027-03-31";
  return k;
}

TEST(KpiReadings, CountsAreComputedAgainstTheirTargets) {
  core::ProgramFigures figures;
  figures.applications = {12, 30};
  figures.invited = {40, 80};
  figures.selected = {10, 20};
  auto r = core::read_kpi(kpi(core::KpiInstrument::kApplications, 25, "mentee"), figures, "2027-02-01");
  EXPECT_EQ(r.value, 30);
  EXPECT_EQ(r.state, core::KpiState::kMet);
  r = core::read_kpi(kpi(core::KpiInstrument::kApplications, 50), figures, "2027-02-01");
  EXPECT_EQ(r.value, 42);
  EXPECT_EQ(r.state, core::KpiState::kInProgress);
  EXPECT_DOUBLE_EQ(*r.progress, 42.0 / 50.0);
  EXPECT_EQ(en(r.source), "counted from the submitted applications");
  // Past its due date, not reached: missed.
  EXPECT_EQ(core::read_kpi(kpi(core::KpiInstrument::kApplications, 50), figures, "2027-04-01").state,
            core::KpiState::kMissed);
  r = core::read_kpi(kpi(core::KpiInstrument::kParticipationRate, 30), figures, "2027-02-01");
  EXPECT_DOUBLE_EQ(*r.value, 25.0);
  // From a baseline: how far along the way.
  core::Kpi from = kpi(core::KpiInstrument::kSelected, 40);
  from.baseline = 20;
  EXPECT_DOUBLE_EQ(*core::read_kpi(from, figures, "2027-02-01").progress, 0.5);
}

TEST(KpiReadings, LowerIsBetterIsMetFromBelow) {
  core::Kpi k = kpi(core::KpiInstrument::kManual, 10);
  k.direction = core::KpiDirection::kLowerIsBetter;
  k.manual_value = 8;
  EXPECT_EQ(core::read_kpi(k, {}, "2027-02-01").state, core::KpiState::kMet);
  k.manual_value = 12;
  EXPECT_EQ(core::read_kpi(k, {}, "2027-02-01").state, core::KpiState::kInProgress);
}

TEST(KpiReadings, InstrumentsWithoutDataSayWhatWillFeedThem) {
  const auto r = core::read_kpi(kpi(core::KpiInstrument::kAttendanceRate, 80), {}, "2027-02-01");
  EXPECT_FALSE(r.value);
  EXPECT_EQ(r.state, core::KpiState::kAwaitingData);
  EXPECT_EQ(en(r.source), "fed by the sessions once pairs meet");
  // A rate over nobody invited is no rate.
  EXPECT_FALSE(core::read_kpi(kpi(core::KpiInstrument::kParticipationRate, 30), {}, "2027-02-01").value);
  for (const auto i : core::kKpiInstruments) {
    EXPECT_NE(core::find_message_text("kpi.awaiting." + std::string(core::kpi_instrument_name(i))), nullptr)
        << core::kpi_instrument_name(i);
  }
}

TEST(KpiReadings, AKpiIsCheckedFieldByField) {
  core::Kpi k = kpi(core::KpiInstrument::kAssessmentChange, 1.5, "mentor");
  k.name = "";
  k.skills = {"digcomp.1.1", "bank.agile"};
  k.due_on = "soon";
  k.manual_value = 3;
  std::vector<std::string> fields;
  for (const auto& d : core::check_kpi(k, {"digcomp.1.1"})) fields.push_back(d.field);
  EXPECT_THAT(fields, ElementsAre("name", "side", "skills[1]", "due_on", "manual_value"));
}

// --- app: the use cases ------------------------------------------------------------------------

class ProgramsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open_database("sqlite::memory:");
    store::migrate(*db_, kStart);
    services_ = std::make_unique<Services>(*db_, clock_, Settings{.password_hashing = {1, 8192}});
    admin_ = user("admin@bank.example", "admin");
    manager_ = user("manager@bank.example", "mentor");
    other_manager_ = user("other@bank.example", "mentor");
    sponsor_ = user("sponsor@bank.example", "sponsor");
    employee_ = user("employee@bank.example", "mentee");
  }

  core::User user(const std::string& email, const std::string& role) {
    auto u = services_->accounts.create_user(cli_, {email, "Someone " + role, {role}, "correct horse battery"});
    EXPECT_TRUE(u) << u.error();
    return u.value_or(core::User{});
  }
  static Caller as(const core::User& u) { return Authenticated{u, {}, true}.caller("192.0.2.1"); }

  std::int64_t program_with(const std::string& name, const core::User& manager) {
    auto p = programs().create(as(admin_), settings(name));
    EXPECT_TRUE(p) << p.error();
    EXPECT_TRUE(programs().add_member(as(admin_), p->id, manager.id, core::ProgramRole::kManager));
    return p->id;
  }

  std::vector<core::AuditEntry> audit(const std::string& action) const {
    core::AuditQuery q;
    q.action = action;
    auto page = services_->audit.list(cli_, q);
    std::vector<core::AuditEntry> out;
    if (page) {
      for (const auto& v : page->items) out.push_back(v.entry);
    }
    return out;
  }

  const Programs& programs() const { return services_->programs; }

  ManualClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Services> services_;
  const Caller cli_ = Caller::operator_at_cli("tester");
  core::User admin_, manager_, other_manager_, sponsor_, employee_;
};

TEST_F(ProgramsTest, AManagerActsOnTheirProgramOnlyAndOthersSeeNothingOfIt) {
  const auto a = program_with("Program A", manager_);
  const auto b = program_with("Program B", other_manager_);
  ASSERT_TRUE(programs().add_member(as(admin_), a, sponsor_.id, core::ProgramRole::kSponsor));

  app::ProgramChanges rename;
  rename.name = "Program A, renamed";
  EXPECT_TRUE(programs().update(as(manager_), a, rename));
  EXPECT_EQ(error_kind(programs().update(as(manager_), b, rename)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(programs().get(as(manager_), b)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(programs().objectives(as(manager_), b)), ErrorKind::kForbidden);
  // Only platform admins name managers, even a program's own manager may not.
  EXPECT_EQ(error_kind(programs().add_member(as(manager_), a, employee_.id, core::ProgramRole::kManager)),
            ErrorKind::kForbidden);
  // A sponsor reads the program and its KPIs, and changes nothing.
  EXPECT_TRUE(programs().get(as(sponsor_), a));
  EXPECT_TRUE(programs().objectives(as(sponsor_), a));
  EXPECT_EQ(error_kind(programs().create_objective(as(sponsor_), a, {0, 0, "Raise digital culture", "", {}})),
            ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(programs().members(as(sponsor_), a)), ErrorKind::kForbidden);
  // An employee with no role in it sees neither; an unknown id tells them nothing more.
  EXPECT_EQ(error_kind(programs().get(as(employee_), a)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(programs().get(as(employee_), 999)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(programs().get(as(admin_), 999)), ErrorKind::kNotFound);

  // Each lists only their own.
  const auto names = [&](const core::User& u) {
    std::vector<std::string> out;
    const auto page = programs().list(as(u), {});
    for (const auto& s : page->items) out.push_back(s.program.settings.name);
    return out;
  };
  EXPECT_THAT(names(manager_), ElementsAre("Program A, renamed"));
  EXPECT_THAT(names(sponsor_), ElementsAre("Program A, renamed"));
  EXPECT_THAT(names(employee_), ::testing::IsEmpty());
  EXPECT_EQ(names(admin_).size(), 2u);
  // The refusals are in the log.
  EXPECT_GE(audit("program.update").size(), 2u);
}

TEST_F(ProgramsTest, AStepNeedsWhatItNeedsAndTheRefusalChangesNothing) {
  const auto a = program_with("Program A", manager_);
  auto moved = programs().change_status(as(manager_), a, ProgramStatus::kRecruiting);
  ASSERT_EQ(error_kind(moved), ErrorKind::kConflict);
  EXPECT_EQ(en(moved.error().sentence()), "the program cannot move to recruiting yet: it needs a call for applications");
  EXPECT_EQ(programs().get(as(manager_), a)->program.status, ProgramStatus::kDraft);
  const auto detail = programs().get(as(manager_), a);
  EXPECT_EQ(detail->next_status, ProgramStatus::kRecruiting);
  ASSERT_EQ(detail->next_status_blockers.size(), 1u);
  ASSERT_EQ(audit("program.status").size(), 1u);
  EXPECT_EQ(audit("program.status")[0].outcome, "failure");
}

TEST_F(ProgramsTest, AClosedProgramIsReadOnly) {
  const auto a = program_with("Program A", manager_);
  // Closed by the operator at the database (no earlier step can be reached yet without calls).
  db_->write([&](store::Connection& c) { store::programs::set_status(c, a, ProgramStatus::kClosed, kStart); });
  app::ProgramChanges rename;
  rename.name = "Changed";
  const auto r = programs().update(as(manager_), a, rename);
  ASSERT_EQ(error_kind(r), ErrorKind::kConflict);
  EXPECT_EQ(en(r.error().sentence()), "the program is closed: it can be read, not changed");
  EXPECT_EQ(error_kind(programs().create_objective(as(manager_), a, {0, 0, "Late", "", {}})), ErrorKind::kConflict);
  EXPECT_TRUE(programs().get(as(manager_), a));
  EXPECT_EQ(programs().get(as(manager_), a)->program.settings.name, "Program A");
}

TEST_F(ProgramsTest, ObjectivesAndKpisAreReadAgainstTheirTargets) {
  const auto a = program_with("Program A", manager_);
  auto o = programs().create_objective(as(manager_), a, {0, 0, "Raise the bank's digital culture", "", {}});
  ASSERT_TRUE(o) << o.error();
  core::Kpi applications = kpi(core::KpiInstrument::kApplications, 40, "mentee");
  applications.name = "Mentee applications";
  ASSERT_TRUE(programs().create_kpi(as(manager_), o->id, applications));
  core::Kpi skills = kpi(core::KpiInstrument::kAssessmentChange, 1.5);
  skills.name = "Digital skills gained";
  skills.skills = {"digcomp.4.2"};
  ASSERT_TRUE(programs().create_kpi(as(manager_), o->id, skills));
  core::Kpi manual = kpi(core::KpiInstrument::kManual, 100);
  manual.name = "Branches reached";
  manual.manual_value = 20;
  auto m = programs().create_kpi(as(manager_), o->id, manual);
  ASSERT_TRUE(m);

  const auto views = programs().objectives(as(manager_), a);
  ASSERT_TRUE(views);
  ASSERT_EQ(views->size(), 1u);
  const auto& readings = (*views)[0].readings;
  ASSERT_EQ(readings.size(), 3u);
  EXPECT_EQ(readings[0].value, 0);  // no application yet: counted, 0
  EXPECT_EQ(readings[0].state, core::KpiState::kInProgress);
  EXPECT_EQ(readings[1].state, core::KpiState::kAwaitingData);
  EXPECT_EQ(readings[2].value, 20);

  // A skill a KPI measures cannot leave the selection.
  core::SkillSelection fewer;
  fewer.built_in = {"digcomp.1.1"};
  const auto refused = programs().set_skills(as(manager_), a, fewer);
  ASSERT_EQ(error_kind(refused), ErrorKind::kValidation);
  EXPECT_THAT(en(refused.error().details.at(0).message), HasSubstr("Digital skills gained"));
  // A manual figure is audited with its value.
  manual.manual_value = 35;
  ASSERT_TRUE(programs().update_kpi(as(manager_), m->id, manual));
  const auto updates = audit("kpi.update");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_THAT(updates[0].detail, HasSubstr("\"manual_value\":\"35\""));
}

TEST_F(ProgramsTest, ANewEditionCopiesSettingsSkillsObjectivesAndKpisButNotItsPeople) {
  const auto a = program_with("Digital 2027", manager_);
  app::ProgramChanges c;
  c.session_minutes = 90;
  c.min_group_size = 8;
  ASSERT_TRUE(programs().update(as(manager_), a, c));
  core::SkillSelection mine;
  mine.built_in = {"digcomp.2.4", "bank.genai_data"};
  mine.custom = {{"esg.reporting", "ESG reporting", "Reporting ESG", core::SkillDirection::kBusiness}};
  ASSERT_TRUE(programs().set_skills(as(manager_), a, mine));
  auto o = programs().create_objective(as(manager_), a, {0, 0, "Links between teams", "", {}});
  core::Kpi manual = kpi(core::KpiInstrument::kManual, 100);
  manual.manual_value = 64;
  ASSERT_TRUE(programs().create_kpi(as(manager_), o->id, manual));

  auto next = programs().new_edition(as(admin_), a, {"Digital 2028", "2028-01-03", "2028-06-30"});
  ASSERT_TRUE(next) << next.error();
  EXPECT_EQ(next->previous_edition, a);
  EXPECT_EQ(next->status, ProgramStatus::kDraft);
  EXPECT_EQ(next->settings.session_minutes, 90);
  EXPECT_EQ(next->settings.min_group_size, 8);
  EXPECT_EQ(*programs().skills(as(admin_), next->id), mine);
  const auto objectives = programs().objectives(as(admin_), next->id);
  ASSERT_EQ(objectives->size(), 1u);
  EXPECT_EQ((*objectives)[0].objective.title, "Links between teams");
  ASSERT_EQ((*objectives)[0].objective.kpis.size(), 1u);
  EXPECT_FALSE((*objectives)[0].objective.kpis[0].manual_value);  // it measured the earlier edition
  EXPECT_TRUE(programs().members(as(admin_), next->id)->empty());
  // The earlier edition's manager has no role in the new one.
  EXPECT_EQ(error_kind(programs().get(as(manager_), next->id)), ErrorKind::kForbidden);
  // A manager may not make editions: an admin creates programs.
  EXPECT_EQ(error_kind(programs().new_edition(as(manager_), a, {"Digital 2029", "2029-01-03", "2029-06-30"})),
            ErrorKind::kForbidden);
}

TEST_F(ProgramsTest, MembersAreActiveAccountsNamedOncePerRole) {
  const auto a = program_with("Program A", manager_);
  const auto again = programs().add_member(as(admin_), a, manager_.id, core::ProgramRole::kManager);
  ASSERT_EQ(error_kind(again), ErrorKind::kConflict);
  EXPECT_EQ(en(again.error().sentence()), "'manager@bank.example' is already program manager of this program");
  EXPECT_EQ(error_kind(programs().add_member(as(admin_), a, 9999, core::ProgramRole::kSponsor)), ErrorKind::kValidation);
  ASSERT_TRUE(programs().remove_member(as(admin_), a, manager_.id, core::ProgramRole::kManager));
  EXPECT_EQ(error_kind(programs().get(as(manager_), a)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(programs().remove_member(as(admin_), a, manager_.id, core::ProgramRole::kManager)),
            ErrorKind::kNotFound);
  const auto entries = audit("program.members.add");
  ASSERT_EQ(entries.size(), 1u);  // the refused second naming changed nothing and is no entry
}

}  // namespace
}  // namespace binome::app
