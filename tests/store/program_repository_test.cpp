// The programs' repository on SQLite and PostgreSQL: settings, status and editions as written;
// lists filtered by a user's roles, status and name; members per role; the skill selection in
// its order with the program's own skills; objectives and KPIs, with numbers kept as numbers
// and absent numbers absent.
#include "store/program_repository.hpp"

#include <gtest/gtest.h>

#include "backend_fixture.hpp"
#include "store/account_repository.hpp"

namespace binome::store {
namespace {

using test_support::backend_name;
using test_support::BackendTest;
using test_support::kNow;

class ProgramRepository : public BackendTest {
 protected:
  static core::ProgramSettings settings(const std::string& name, const std::string& starts_on = "2027-01-04") {
    core::ProgramSettings s;
    s.name = name;
    s.description = "Ligne 1\nLigne 2";
    s.starts_on = starts_on;
    s.ends_on = "2027-12-17";
    s.time_zone = "Europe/Luxembourg";
    s.languages = {"en", "fr"};
    s.cadence = core::Cadence::kMonthly;
    s.session_minutes = 45;
    s.min_group_size = 7;
    return s;
  }
  std::int64_t user(const std::string& email) {
    core::User u;
    u.email = email;
    u.name = email;
    return db_->write([&](Connection& c) { return users::insert(c, u, "", kNow); });
  }
  std::int64_t program(const std::string& name, const std::string& starts_on = "2027-01-04") {
    return db_->write([&](Connection& c) { return programs::insert(c, settings(name, starts_on), std::nullopt, kNow); });
  }
};

TEST_P(ProgramRepository, AProgramIsStoredAsWrittenAndMovesThroughItsSteps) {
  const auto id = program("Numérique 2027");
  const auto edition = db_->write([&](Connection& c) { return programs::insert(c, settings("Numérique 2028"), id, kNow + 5); });
  auto p = db_->read([&](Connection& c) { return programs::find(c, id); });
  ASSERT_TRUE(p);
  EXPECT_EQ(p->settings, settings("Numérique 2027"));
  EXPECT_EQ(p->status, core::ProgramStatus::kDraft);
  EXPECT_EQ(p->created_at, kNow);
  EXPECT_FALSE(p->previous_edition);
  EXPECT_EQ(db_->read([&](Connection& c) { return programs::find(c, edition); })->previous_edition, id);
  db_->write([&](Connection& c) {
    programs::set_status(c, id, core::ProgramStatus::kRecruiting, kNow + 10);
    core::ProgramSettings s = settings("Numérique 2027 bis");
    s.languages = {"fr"};
    programs::update(c, id, s, kNow + 20);
  });
  p = db_->write([&](Connection& c) { return programs::find_for_update(c, id); });
  EXPECT_EQ(p->status, core::ProgramStatus::kRecruiting);
  EXPECT_EQ(p->status_changed_at, kNow + 10);
  EXPECT_EQ(p->updated_at, kNow + 20);
  EXPECT_EQ(p->settings.name, "Numérique 2027 bis");
  EXPECT_EQ(p->settings.languages, std::vector<std::string>{"fr"});
  EXPECT_FALSE(db_->read([&](Connection& c) { return programs::find(c, 999); }));
}

TEST_P(ProgramRepository, ListsAreNarrowedToAUsersProgramsAndFiltered) {
  const auto a = program("Élan numérique", "2027-01-04");
  const auto b = program("Reverse mentoring Lyon", "2027-09-01");
  program("Pilot", "2026-03-01");
  const auto manager = user("m@bank.example");
  db_->write([&](Connection& c) {
    EXPECT_TRUE(programs::add_member(c, a, manager, core::ProgramRole::kManager, kNow));
    EXPECT_TRUE(programs::add_member(c, a, manager, core::ProgramRole::kSponsor, kNow));
    EXPECT_FALSE(programs::add_member(c, a, manager, core::ProgramRole::kManager, kNow));
    EXPECT_TRUE(programs::add_member(c, b, manager, core::ProgramRole::kSponsor, kNow));
    programs::set_status(c, b, core::ProgramStatus::kRecruiting, kNow);
  });
  const auto names = [&](const core::ProgramQuery& q, std::int64_t member_of) {
    std::vector<std::string> out;
    const auto page = db_->read([&](Connection& c) { return programs::list(c, q, member_of); });
    for (const auto& p : page.items) out.push_back(p.settings.name);
    return out;
  };
  EXPECT_EQ(names({}, 0), (std::vector<std::string>{"Reverse mentoring Lyon", "Élan numérique", "Pilot"}));
  EXPECT_EQ(names({}, manager), (std::vector<std::string>{"Reverse mentoring Lyon", "Élan numérique"}));
  core::ProgramQuery q;
  q.text = "elan";
  EXPECT_EQ(names(q, 0), std::vector<std::string>{"Élan numérique"});
  q = {};
  q.status = core::ProgramStatus::kRecruiting;
  EXPECT_EQ(names(q, 0), std::vector<std::string>{"Reverse mentoring Lyon"});
  q = {};
  q.page = {1, 1};
  EXPECT_EQ(names(q, 0), std::vector<std::string>{"Élan numérique"});

  const auto standing = db_->read([&](Connection& c) { return programs::standing(c, a, manager); });
  EXPECT_TRUE(standing.manager);
  EXPECT_TRUE(standing.sponsor);
  EXPECT_FALSE(db_->read([&](Connection& c) { return programs::standing(c, b, manager); }).manager);
  const auto all = db_->read([&](Connection& c) { return programs::standings(c, manager); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all.at(a).manager && all.at(a).sponsor);
  EXPECT_TRUE(!all.at(b).manager && all.at(b).sponsor);
  const auto members = db_->read([&](Connection& c) { return programs::members(c, a); });
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].role, core::ProgramRole::kManager);
  EXPECT_EQ(members[0].email, "m@bank.example");
  EXPECT_TRUE(db_->write([&](Connection& c) { return programs::remove_member(c, a, manager, core::ProgramRole::kSponsor); }));
  EXPECT_FALSE(db_->write([&](Connection& c) { return programs::remove_member(c, a, manager, core::ProgramRole::kSponsor); }));
}

TEST_P(ProgramRepository, SkillsKeepTheirOrderAndTheProgramsOwnLabels) {
  const auto a = program("A");
  core::SkillSelection s;
  s.built_in = {"digcomp.5.4", "bank.agile", "digcomp.1.1"};
  s.custom = {{"esg.reporting", "ESG reporting", "Reporting ESG", core::SkillDirection::kBusiness}};
  db_->write([&](Connection& c) { programs::set_skills(c, a, s); });
  EXPECT_EQ(db_->read([&](Connection& c) { return programs::skills(c, a); }), s);
  s.built_in = {"digcomp.1.1"};
  s.custom.clear();
  db_->write([&](Connection& c) { programs::set_skills(c, a, s); });
  EXPECT_EQ(db_->read([&](Connection& c) { return programs::skills(c, a); }), s);
}

TEST_P(ProgramRepository, ObjectivesAndKpisKeepNumbersAndTheirAbsence) {
  const auto a = program("A");
  const auto o1 = db_->write([&](Connection& c) { return programs::insert_objective(c, {0, a, "Culture", "", {}}, kNow); });
  const auto o2 = db_->write([&](Connection& c) { return programs::insert_objective(c, {0, a, "Links", "d", {}}, kNow); });
  core::Kpi k;
  k.objective_id = o1;
  k.name = "Score";
  k.instrument = core::KpiInstrument::kAssessmentChange;
  k.skills = {"digcomp.1.1", "digcomp.4.2"};
  k.baseline = 0.1;
  k.target = 1.25;
  k.direction = core::KpiDirection::kLowerIsBetter;
  k.unit = "levels";
  k.due_on = "2027-06-30";
  k.id = db_->write([&](Connection& c) { return programs::insert_kpi(c, k, kNow); });
  core::Kpi manual;
  manual.objective_id = o1;
  manual.name = "Typed";
  manual.target = 1e6;
  manual.due_on = "2027-06-30";
  manual.manual_value = -3.5;
  manual.id = db_->write([&](Connection& c) { return programs::insert_kpi(c, manual, kNow); });

  auto all = db_->read([&](Connection& c) { return programs::objectives(c, a); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].title, "Culture");
  EXPECT_EQ(all[1].id, o2);
  ASSERT_EQ(all[0].kpis.size(), 2u);
  EXPECT_EQ(all[0].kpis[0], k);
  EXPECT_EQ(all[0].kpis[1], manual);
  EXPECT_TRUE(all[1].kpis.empty());
  const auto found = db_->read([&](Connection& c) { return programs::find_kpi(c, manual.id); });
  EXPECT_EQ(found->second, a);
  manual.baseline.reset();
  manual.manual_value.reset();
  manual.side = "mentee";
  db_->write([&](Connection& c) { programs::update_kpi(c, manual, kNow); });
  EXPECT_EQ(db_->read([&](Connection& c) { return programs::find_kpi(c, manual.id); })->first, manual);
  db_->write([&](Connection& c) { programs::delete_objective(c, o1); });
  EXPECT_FALSE(db_->read([&](Connection& c) { return programs::find_kpi(c, k.id); }));
  EXPECT_EQ(db_->read([&](Connection& c) { return programs::count_objectives(c, a); }), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgramRepository, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace binome::store
