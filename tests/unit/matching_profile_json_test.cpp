// A matching problem with "profiles": read into a computed matrix, its mistakes each named by
// place, and its result explained (criteria per pair, the rules that excluded the others).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/matching_json.hpp"
#include "io/npy.hpp"
#include "io/rematch_json.hpp"

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

// Limits (io/matching_limits.hpp): a document over one is refused while it is read, at the
// list that passes it, with the limit named.
std::pair<core::ErrorCode, std::string> refusal_of(const std::string& text, MatchingLimits limits) {
  const auto doc = parse_matching_json(text, limits);
  if (doc) return {core::ErrorCode::kCount, ""};
  return {doc.error().code, doc.error().details.empty() ? "-" : doc.error().details[0].field};
}

TEST(MatchingLimits, PeopleAndPairsAreCountedWhileTheDocumentIsRead) {
  // 3 mentees, then 2 mentors (dump() sorts the keys): the list that passes the limit is named.
  const std::string text = problem().dump();
  EXPECT_EQ(refusal_of(text, {.people = 5}).first, core::ErrorCode::kCount);
  EXPECT_EQ(refusal_of(text, {.people = 4}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("mentors")));
  EXPECT_EQ(refusal_of(text, {.people = 2}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("mentees")));
  const std::string triples = R"({"mentors": [{"id": "M1"}], "mentees": [{"id": "E1"}, {"id": "E2"}],
    "scores": [["M1", "E1", 1], ["M1", "E2", 1]], "forbidden": [["M1", "E2"]]})";
  EXPECT_EQ(refusal_of(triples, {.pairs = 3}).first, core::ErrorCode::kCount);
  EXPECT_EQ(refusal_of(triples, {.pairs = 2}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("forbidden")));
  EXPECT_EQ(refusal_of(triples, {.pairs = 1}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("scores")));
  // Lists inside lists or deeper objects are not people: a profile's "mentors" key is nobody.
  EXPECT_EQ(refusal_of(R"({"x": {"y": {"mentors": [1, 2, 3]}}, "z": [{"mentees": [1, 2]}]})", {.people = 1}).first,
            core::ErrorCode::kCount);
  // The API's re-match request: its parts one level down, named with their part.
  const std::string request = R"({"problem": {"mentors": [{"id": "M1"}], "mentees": [{"id": "E1"}],
    "scores": [["M1", "E1", 1]]}, "previous": {"pairs": [{"mentor": "M1", "mentee": "E1"}]}, "dissolve": []})";
  EXPECT_EQ(refusal_of(request, {.people = 1}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("problem.mentees")));
  EXPECT_EQ(refusal_of(request, {.pairs = 1}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("previous.pairs")));
  EXPECT_EQ(refusal_of(R"([1, 2, 3, 4])", {.values = 4}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("")));
}

TEST(MatchingLimits, TheReadingStopsAtTheLimitNotAtTheEnd) {
  // Past the list over the limit the text is not even JSON: the limit is what answers, so
  // nothing after it was read (or built).
  const std::string text = R"({"mentors": [{"id": "M1"}, {"id": "M2"}, {"id": "M3"}], "mentees": nonsense)";
  EXPECT_EQ(refusal_of(text, {.people = 2}), std::pair(core::ErrorCode::kPayloadTooLarge, std::string("mentors")));
  EXPECT_EQ(refusal_of(text, {.people = 3}).first, core::ErrorCode::kMalformedJson);
}

TEST(MatchingLimits, ARefusalNamesTheLimitInBothLanguages) {
  const auto doc = parse_matching_json(problem().dump(), {.people = 2});
  ASSERT_FALSE(doc);
  EXPECT_EQ(core::render(doc.error().details[0].message, core::Language::kEnglish),
            "more than 2 mentors and mentees in all: the limit on the people of a problem");
  EXPECT_EQ(core::render(doc.error().details[0].message, core::Language::kFrench),
            "plus de 2 mentors et mentorés en tout\u202F: la limite de personnes d’un problème");
}

TEST(MatchingLimits, AParsedDocumentIsCheckedToo) {
  // A document built otherwise (the command line's --objective, a test) meets the same limits.
  const auto parsed = parse_matching_problem(problem(), nullptr, "2026-03-02", {.people = 4});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(parsed.error().details[0].field, "mentees");
  EXPECT_TRUE(parse_matching_problem(problem(), nullptr, "2026-03-02", {.people = 5, .pairs = 1, .cells = 100}));
}

TEST(MatchingLimits, ProfileTablesAreBoundedBeforeTheyAreBuilt) {
  // 2 mentors x (2 skills + 1 interest): 6 cells.
  EXPECT_TRUE(parse_matching_problem(problem(), nullptr, "2026-03-02", {.cells = 6}));
  const auto refused = parse_matching_problem(problem(), nullptr, "2026-03-02", {.cells = 5});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kValidationFailed);
  ASSERT_EQ(refused.error().details.size(), 1U);
  EXPECT_EQ(refused.error().details[0].field, "profiles");
  EXPECT_EQ(core::render(refused.error().details[0].message, core::Language::kEnglish),
            "the profiles need tables of 6 cells (2 mentors x 3 distinct skills and interests), more than the "
            "limit of 5 cells");
}

TEST(MatchingLimits, ARematchRequestKeepsTheLimitsCode) {
  Json request = {{"problem", {{"mentors", {{{"id", "M1"}}}}, {"mentees", {{{"id", "E1"}}}},
                               {"scores", {{"M1", "E1", 1.0}}}}},
                  {"previous", {{"pairs", {{{"mentor", "M1"}, {"mentee", "E1"}}}}}},
                  {"dissolve", {{{"mentor", "M1"}, {"mentee", "E1"}, {"reason", "other"}}}}};
  EXPECT_TRUE(parse_rematch_request(request, nullptr, "2026-03-02", {.pairs = 3}));
  const auto refused = parse_rematch_request(request, nullptr, "2026-03-02", {.pairs = 2});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(refused.error().details[0].field, "dissolve");
  const auto people = parse_rematch_request(request, nullptr, "2026-03-02", {.people = 1});
  ASSERT_FALSE(people);
  EXPECT_EQ(people.error().code, core::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(people.error().details[0].field, "problem.mentees");
}

TEST(MatchingLimits, ANpyMatrixIsRefusedFromItsHeader) {
  // The header alone (no cells follow): the shape is known, and over the limit.
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 3000), }";
  header += std::string(64 - (10 + header.size() + 1) % 64, ' ') + "\n";
  std::string head = std::string("\x93NUMPY\x01\x00", 8);
  head += static_cast<char>(header.size() & 0xFF);
  head += static_cast<char>(header.size() >> 8);
  head += header;
  const auto shape = read_npy_shape(head);
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->cells, 3'000'000U);
  const auto read = read_npy(head, 2'000'000);
  ASSERT_FALSE(read);
  EXPECT_EQ(core::render(read.error(), core::Language::kEnglish),
            "the matrix has 3,000,000 cells (1000 x 3000), more than the limit of 2,000,000 cells");
}

}  // namespace
}  // namespace binome::io
