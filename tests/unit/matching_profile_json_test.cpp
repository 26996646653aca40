// A matching problem with "profiles": read into a computed matrix, its mistakes each named by
// place, and its result explained (criteria per pair, the rules that excluded the others).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/matching_json.hpp"

namespace binome::io {
namespace {

namespace m = core::matching;

Json problem() {
  return Json::parse(R"({
    "week_of": "2026-03-02", "min_score": 0.1,
    "mentors": [{"id": "M1", "capacity": 2}, {"id": "M2"}],
    "mentees": [{"id": "E1"}, {"id": "E2"}, {"id": "E3"}],
    "grade_scale": ["A", "B", "C", "D", "E", "F"],
    "rules": {"min_grade_gap": 2, "max_time_zone_hours": 3},
    "profiles": {
      "M1": {"skills": {"generative_ai": 7}, "goals": {"risk": 1}, "interests": ["jazz"],
             "availability": ["mon 12:00-14:00"], "languages": ["fr", "en"],
             "time_zone": "Europe/Paris", "department": "IT", "grade": "B", "managers": ["B9", "B1"]},
      "M2": {"skills": {"generative_ai": 4}, "languages": ["EN"], "time_zone": "Asia/Singapore",
             "department": "IT", "grade": "A", "managers": ["B1"]},
      "E1": {"skills": {"risk": 8}, "goals": {"generative_ai": 1}, "interests": ["jazz"],
             "availability": ["lun 11:00-13:00"], "languages": ["fr"], "time_zone": "Europe/Paris",
             "department": "Retail", "grade": "F", "managers": ["B5", "B1"]},
      "E2": {"goals": {"generative_ai": 1}, "languages": ["en"], "time_zone": "Europe/London",
             "department": "Risk", "grade": "D", "managers": ["B1"]},
      "E3": {"goals": {"generative_ai": 1}, "languages": ["en"], "time_zone": "Europe/London",
             "department": "Risk", "grade": "E", "managers": ["B9", "B1"]}
    }})");
}

std::vector<std::pair<std::string, std::string>> problems_of(const Json& doc) {
  const auto parsed = parse_matching_problem(doc, nullptr, "2026-03-02");
  EXPECT_FALSE(parsed.has_value());
  std::vector<std::pair<std::string, std::string>> out;
  if (!parsed) {
    for (const auto& f : parsed.error().details) out.emplace_back(f.field, core::english(f.message));
  }
  return out;
}

bool has_place(const std::vector<std::pair<std::string, std::string>>& problems,
               const std::string& place) {
  for (const auto& p : problems) {
    if (p.first == place) return true;
  }
  return false;
}

TEST(ProfileProblemJson, SolvesAndExplainsEveryPairAndEveryExclusion) {
  const auto in = parse_matching_problem(problem(), nullptr, "2026-03-02");
  ASSERT_TRUE(in.has_value()) << (in ? ""
                                     : in.error().details.at(0).field + ": " +
                                           core::english(in.error().details.at(0).message));
  ASSERT_TRUE(in->profiles.has_value());
  const auto result = m::solve(in->problem);
  ASSERT_TRUE(result.has_value());
  const auto proof = m::verify_optimality(in->problem, *result);
  const Json out = matching_result_json(*in, *result, proof, 1.0);

  // E1-M1 as in docs/matching.md: skills 7/8, reverse 1, interests 1, one common hour (UTC) of
  // the two-hour target, different departments.
  ASSERT_EQ(out["pairs"].size(), 2u);
  const Json& first = out["pairs"][0];
  EXPECT_EQ(first["mentee"], "E1");
  EXPECT_EQ(first["mentor"], "M1");
  const Json& criteria = first["explanation"]["criteria"];
  EXPECT_DOUBLE_EQ(criteria["skills"]["value"].get<double>(), 0.875);
  EXPECT_DOUBLE_EQ(criteria["reverse"]["value"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(criteria["interests"]["value"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(criteria["availability"]["value"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(criteria["cross_department"]["value"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(first["score"].get<double>(), 0.85);  // .35 + .15 + .15 + .1 + .1
  EXPECT_EQ(first["explanation"]["source"], "profiles");

  // M1 takes E2 too (grade D, two above B); E3 shares B9 as direct manager with M1, and
  // Singapore is 8 hours from London: no partner.
  EXPECT_EQ(out["pairs"][1]["mentee"], "E2");
  EXPECT_EQ(out["pairs"][1]["mentor"], "M1");
  ASSERT_EQ(out["unmatched_mentees"].size(), 1u);
  const Json& e3 = out["unmatched_mentees"][0];
  EXPECT_EQ(e3["id"], "E3");
  EXPECT_EQ(e3["reason"], "no_allowed_partner");
  EXPECT_EQ(e3["excluded_by_rule"]["same_manager"], 1);
  EXPECT_EQ(e3["excluded_by_rule"]["time_zone_distance"], 1);
  EXPECT_EQ(out["excluded"]["total"], 4);  // M2 with every mentee, M1 with E3
  EXPECT_EQ(out["excluded"]["by_rule"]["time_zone_distance"], 3);
  EXPECT_EQ(out["excluded"]["by_rule"]["common_language"], 1);  // E1 speaks no English
  EXPECT_EQ(out["excluded"]["listed"].size(), 4u);
  EXPECT_EQ(out["excluded"]["truncated"], false);
  EXPECT_EQ(out["stats"]["week_of"], "2026-03-02");
  EXPECT_EQ(out["stats"]["allowed_pairs"], 2);
  EXPECT_EQ(out["optimal"], true);
}

TEST(ProfileProblemJson, ThePairsOfEarlierRunsAreNeverProposedAgain) {
  Json doc = problem();
  doc["dissolved"] = Json::parse(R"([["M1", "E1"]])");
  const auto in = parse_matching_problem(doc, nullptr, "2026-03-02");
  ASSERT_TRUE(in.has_value());
  const auto result = m::solve(in->problem);
  ASSERT_TRUE(result.has_value());
  const Json out =
      matching_result_json(*in, *result, m::verify_optimality(in->problem, *result), 1.0);
  for (const Json& p : out["pairs"]) EXPECT_FALSE(p["mentee"] == "E1" && p["mentor"] == "M1");
  EXPECT_EQ(out["excluded"]["by_rule"]["dissolved_before"], 1);
}

TEST(ProfileProblemJson, EveryMistakeIsNamedByItsPlace) {
  Json doc = problem();
  doc["weights"] = Json::parse(R"({"skils": 1, "reverse": -1})");
  doc["rules"]["min_grade_gap"] = "two";
  doc["rules"]["max_hours"] = 3;
  doc["profiles"]["M1"]["skills"]["generative_ai"] = 9;
  doc["profiles"]["M1"]["availability"] = Json::parse(R"(["mon 12:15-14:00", "xyz"])");
  doc["profiles"]["M2"]["time_zone"] = "Europe/Pariss";
  doc["profiles"]["E1"]["grade"] = "Z";
  doc["profiles"]["E1"]["languages"] = Json::parse(R"(["french"])");
  doc["profiles"]["E2"].erase("time_zone");
  doc["profiles"]["E2"]["availability"] = Json::parse(R"(["tue 09:00-10:00"])");
  doc["profiles"]["X9"] = Json::object();
  doc["profiles"].erase("E3");
  const auto problems = problems_of(doc);
  for (const char* place :
       {"weights.skils", "weights.reverse", "rules.min_grade_gap", "rules.max_hours",
        "profiles.M1.skills.generative_ai", "profiles.M1.availability[0]",
        "profiles.M1.availability[1]", "profiles.M2.time_zone", "profiles.E1.grade",
        "profiles.E1.languages[0]", "profiles.E2.time_zone", "profiles.X9", "profiles"}) {
    EXPECT_TRUE(has_place(problems, place)) << place;
  }
}

TEST(ProfileProblemJson, ALockedPairMustKeepTheRulesAndScoresComeFromOneSource) {
  Json doc = problem();
  doc["locked"] = Json::parse(R"([["M1", "E3"]])");
  auto problems = problems_of(doc);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].first, "locked[0]");
  EXPECT_NE(problems[0].second.find("same_manager"), std::string::npos);

  doc = problem();
  doc["scores"] = Json::array();
  problems = problems_of(doc);
  EXPECT_TRUE(has_place(problems, "scores"));
}

}  // namespace
}  // namespace binome::io
