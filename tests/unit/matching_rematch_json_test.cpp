// The re-matching JSON (http/rematch_json.hpp): a request parsed into the problem, the previous
// pairs (scored from the problem) and the dissolutions; every refusal named by its place; and the
// rendering of a re-match (kept pairs, the dissolved list, reassigned mentees).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/matching.hpp"
#include "io/rematch_json.hpp"
#include "support/messages.hpp"

namespace binome::io {
namespace {

using test_support::en;
using test_support::fields_of;

namespace m = core::matching;

// E1-M1 (0.9) is the best pair; dissolving it moves E1 to M4 and lets E4, unmatched because M1
// was taken, have M1. M3-E3 is locked.
Json request() {
  return Json::parse(R"({
    "problem": {
      "mentors": [{"id": "M1"}, {"id": "M2"}, {"id": "M3"}, {"id": "M4"}],
      "mentees": [{"id": "E1"}, {"id": "E2"}, {"id": "E3"}, {"id": "E4"}],
      "scores": [["M1", "E1", 0.9], ["M2", "E1", 0.6], ["M4", "E1", 0.4], ["M2", "E2", 0.8],
                 ["M3", "E2", 0.5], ["M3", "E3", 0.7], ["M1", "E4", 0.2]],
      "locked": [["M3", "E3"]]
    },
    "previous": {"pairs": [{"mentor": "M1", "mentee": "E1", "score": 123},
                           {"mentor": "M2", "mentee": "E2"},
                           {"mentor": "M3", "mentee": "E3"}]},
    "dissolve": [{"mentor": "M1", "mentee": "E1", "reason": "no_rapport", "note": "asked by both"}]
  })");
}

// The places of a refused request, in order.
std::vector<std::string> places(const Json& doc) {
  const auto parsed = parse_rematch_request(doc, nullptr, "2026-03-02");
  EXPECT_FALSE(parsed.has_value());
  std::vector<std::string> out;
  if (parsed) return out;
  EXPECT_EQ(parsed.error().code_name(), "validation_failed");
  for (const auto& f : parsed.error().details) out.push_back(f.field);
  return out;
}

std::string first_message(const Json& doc) {
  const auto parsed = parse_rematch_request(doc, nullptr, "2026-03-02");
  return parsed || parsed.error().details.empty() ? "" : en(parsed.error().details[0].message);
}

TEST(RematchJson, ReadsThePreviousPairsWithTheProblemsScores) {
  const auto in = parse_rematch_request(request(), nullptr, "2026-03-02");
  ASSERT_TRUE(in.has_value()) << in.error();
  EXPECT_EQ(in->previous.mentor_of, (std::vector<std::int32_t>{0, 1, 2, m::kUnmatched}));
  ASSERT_EQ(in->previous.pairs.size(), 3u);
  EXPECT_DOUBLE_EQ(in->previous.pairs[0].score, 0.9);  // not the 123 of the file
  EXPECT_FALSE(in->previous.pairs[0].locked);
  EXPECT_TRUE(in->previous.pairs[2].locked);
  EXPECT_DOUBLE_EQ(in->previous.total_score, 2.4);
  EXPECT_EQ(in->previous.matched, 3);
  ASSERT_EQ(in->dissolve.size(), 1u);
  EXPECT_EQ(in->dissolve[0].pair, (m::Pair{0, 0}));
  EXPECT_EQ(in->dissolve[0].reason, DissolveReason::kNoRapport);
  EXPECT_EQ(in->dissolve[0].note, "asked by both");
}

TEST(RematchJson, EveryReasonOfTheListIsAccepted) {
  for (const char* reason : {"schedule_conflict", "no_rapport", "participant_left", "goals_reached",
                             "confidentiality_breach", "other"}) {
    Json doc = request();
    doc["dissolve"][0]["reason"] = reason;
    doc["dissolve"][0].erase("note");
    const auto in = parse_rematch_request(doc, nullptr, "2026-03-02");
    ASSERT_TRUE(in.has_value()) << reason;
    EXPECT_STREQ(core::matching::dissolve_reason_name(in->dissolve[0].reason), reason);
    EXPECT_EQ(in->dissolve[0].note, "");
  }
}

TEST(RematchJson, ABadReasonOrNoteIsNamed) {
  Json doc = request();
  doc["dissolve"][0]["reason"] = "bored";
  EXPECT_EQ(places(doc), (std::vector<std::string>{"dissolve[0].reason"}));
  EXPECT_NE(first_message(doc).find("'bored' is not a reason: use one of schedule_conflict"), std::string::npos);
  doc["dissolve"][0].erase("reason");
  EXPECT_EQ(places(doc), (std::vector<std::string>{"dissolve[0].reason"}));
  doc = request();
  doc["dissolve"][0]["note"] = 7;
  EXPECT_EQ(places(doc), (std::vector<std::string>{"dissolve[0].note"}));
}

TEST(RematchJson, ADissolvedPairMustBeAnUnlockedPairOfThePreviousResultListedOnce) {
  Json doc = request();
  doc["dissolve"] = Json::parse(R"([
    {"mentor": "M2", "mentee": "E1", "reason": "other"},
    {"mentor": "M1", "mentee": "E1", "reason": "other"},
    {"mentor": "M1", "mentee": "E1", "reason": "goals_reached"},
    {"mentor": "M3", "mentee": "E3", "reason": "participant_left"},
    {"mentor": "M9", "mentee": "E1", "reason": "other"},
    {"mentee": "E1", "reason": "other"},
    "M1"
  ])");
  EXPECT_EQ(places(doc), (std::vector<std::string>{"dissolve[0]", "dissolve[2]", "dissolve[3]", "dissolve[4]",
                                                   "dissolve[5]", "dissolve[6]"}));
  const auto parsed = parse_rematch_request(doc, nullptr, "2026-03-02");
  ASSERT_FALSE(parsed.has_value());
  const auto& f = parsed.error().details;
  EXPECT_EQ(en(f[0].message), "mentor 'M2' and mentee 'E1' are not a pair of the previous result");
  EXPECT_EQ(en(f[1].message), "mentor 'M1' and mentee 'E1' are already dissolved at dissolve[1]");
  EXPECT_NE(en(f[2].message).find("locked by the problem"), std::string::npos);
  EXPECT_NE(en(f[3].message).find("unknown mentor 'M9'"), std::string::npos);
  doc["dissolve"] = Json::object();
  EXPECT_EQ(places(doc), (std::vector<std::string>{"dissolve"}));
}

TEST(RematchJson, APreviousPairTheProblemDoesNotAllowIsNamed) {
  Json doc = request();
  doc["problem"]["forbidden"] = Json::parse(R"([["M2", "E2"]])");
  doc["problem"]["mentors"][0]["capacity"] = 1;
  doc["previous"]["pairs"] = Json::parse(R"([
    {"mentor": "M1", "mentee": "E1"},
    {"mentor": "M2", "mentee": "E2"},
    {"mentor": "M3", "mentee": "E3"},
    {"mentor": "M9", "mentee": "E4"},
    {"mentor": "M4", "mentee": "E2"},
    {"mentor": "M2", "mentee": "E1"},
    {"mentor": "M1", "mentee": "E4"},
    {"mentor": "M1"}
  ])");
  EXPECT_EQ(places(doc), (std::vector<std::string>{"previous.pairs[1]", "previous.pairs[3]", "previous.pairs[4]",
                                                   "previous.pairs[5]", "previous.pairs[6]", "previous.pairs[7]"}));
  const auto parsed = parse_rematch_request(doc, nullptr, "2026-03-02");
  ASSERT_FALSE(parsed.has_value());
  const auto& f = parsed.error().details;
  EXPECT_EQ(en(f[0].message), "mentor 'M2' and mentee 'E2' are a forbidden pair in the problem");
  EXPECT_EQ(en(f[1].message), "unknown mentor 'M9' (not in the problem)");
  EXPECT_EQ(en(f[2].message), "mentor 'M4' and mentee 'E2' are not a pair the problem scores");
  EXPECT_EQ(en(f[3].message), "mentee 'E1' is already paired at pairs[0]");
  EXPECT_EQ(en(f[4].message), "mentor 'M1' has more mentees than its capacity (1)");
}

TEST(RematchJson, ALockThePreviousResultDoesNotHoldIsRefused) {
  Json doc = request();
  doc["previous"]["pairs"].erase(2);  // M3-E3, locked
  EXPECT_EQ(places(doc), (std::vector<std::string>{"previous.pairs"}));
  EXPECT_NE(first_message(doc).find("the problem locks mentor 'M3' and mentee 'E3' (locked[0])"), std::string::npos);
  doc["previous"] = Json::array();
  EXPECT_EQ(places(doc), (std::vector<std::string>{"previous"}));
  doc["previous"] = Json::object();
  EXPECT_EQ(places(doc), (std::vector<std::string>{"previous.pairs"}));
}

TEST(RematchJson, TheProblemsErrorsArePrefixedAndAStableProblemIsRefused) {
  Json doc = request();
  doc["problem"]["scores"][0] = Json::parse(R"(["M1", "E9", 0.5])");
  EXPECT_EQ(places(doc), (std::vector<std::string>{"problem.scores[0]"}));
  doc = request();
  doc["problem"]["algorithm"] = "stable";
  EXPECT_EQ(places(doc), (std::vector<std::string>{"problem.algorithm"}));
  EXPECT_NE(first_message(doc).find("\"stable\" is not available"), std::string::npos);
  EXPECT_EQ(places(Json::parse(R"({"problem": {}})")), (std::vector<std::string>{"previous", "dissolve"}));
  EXPECT_EQ(places(Json::array()), (std::vector<std::string>{""}));
}

TEST(RematchJson, TheRawPartsNameTheirPartWithPlacesRelativeToIt) {
  const Json doc = request();
  Json previous = doc["previous"];
  previous["pairs"][0]["mentee"] = "E9";
  const auto bad_previous = parse_rematch(doc["problem"], previous, doc["dissolve"], nullptr, "2026-03-02");
  ASSERT_FALSE(bad_previous.has_value());
  EXPECT_EQ(bad_previous.error().part, RematchPart::kPrevious);
  EXPECT_EQ(bad_previous.error().error.details[0].field, "pairs[0]");
  Json problem = doc["problem"];
  problem["objective"] = "fun";
  const auto bad_problem = parse_rematch(problem, doc["previous"], doc["dissolve"], nullptr, "2026-03-02");
  ASSERT_FALSE(bad_problem.has_value());
  EXPECT_EQ(bad_problem.error().part, RematchPart::kProblem);
  EXPECT_EQ(bad_problem.error().error.details[0].field, "objective");
}

TEST(RematchJson, TheResultKeepsTheOtherPairsAndSaysWhatChanged) {
  const auto in = parse_rematch_request(request(), nullptr, "2026-03-02");
  ASSERT_TRUE(in.has_value());
  const auto solved = app::Matching(nullptr).rematch(app::Caller::operator_at_cli("test"), in->problem.problem, in->previous,
                                            in->dissolved_pairs());
  ASSERT_TRUE(solved.has_value()) << solved.error();
  EXPECT_TRUE(solved->optimality.optimal) << solved->optimality.failure;
  const Json out = rematch_result_json(*in, solved->result, solved->optimality, solved->solve_ms);
  std::vector<std::string> pairs;
  for (const auto& p : out["pairs"]) {
    pairs.push_back(p["mentor"].get<std::string>() + p["mentee"].get<std::string>() +
                    (p["kept"].get<bool>() ? " kept" : " new") + (p["locked"].get<bool>() ? " locked" : ""));
  }
  EXPECT_EQ(pairs, (std::vector<std::string>{"M4E1 new", "M2E2 kept", "M3E3 kept locked", "M1E4 new"}));
  EXPECT_DOUBLE_EQ(out["total_score"].get<double>(), 2.1);
  EXPECT_EQ(out["algorithm"], "optimal");
  EXPECT_EQ(out["optimal"], true);
  EXPECT_EQ(out["stats"]["reassigned_mentees"], 2);
  EXPECT_EQ(out["dissolved"], Json::parse(R"([{"mentor": "M1", "mentee": "E1", "reason": "no_rapport",
                                                "note": "asked by both"}])"));
  EXPECT_EQ(out["unmatched_mentees"], Json::array());
}

// Profiles: the re-match of a profile-scored problem explains the mentee left alone, the pair
// just dissolved counted as dissolved.
TEST(RematchJson, AProfileProblemCountsThePairJustDissolvedAmongTheExclusions) {
  Json doc = Json::parse(R"({
    "problem": {
      "week_of": "2026-03-02", "rules": {"min_grade_gap": null},
      "mentors": [{"id": "M1"}, {"id": "M2"}],
      "mentees": [{"id": "E1"}, {"id": "E2"}],
      "profiles": {
        "M1": {"skills": {"ai": 7}, "languages": ["fr"]},
        "M2": {"skills": {"ai": 3}, "languages": ["en"]},
        "E1": {"goals": {"ai": 1}, "languages": ["fr"]},
        "E2": {"goals": {"ai": 1}, "languages": ["en"]}
      }
    },
    "previous": {"pairs": [{"mentor": "M1", "mentee": "E1"}, {"mentor": "M2", "mentee": "E2"}]},
    "dissolve": [{"mentor": "M1", "mentee": "E1", "reason": "schedule_conflict"}]
  })");
  const auto in = parse_rematch_request(doc, nullptr, "2026-03-02");
  ASSERT_TRUE(in.has_value()) << in.error();
  const auto solved = app::Matching(nullptr).rematch(app::Caller::operator_at_cli("test"), in->problem.problem, in->previous,
                                            in->dissolved_pairs());
  ASSERT_TRUE(solved.has_value()) << solved.error();
  const Json out = rematch_result_json(*in, solved->result, solved->optimality, solved->solve_ms);
  ASSERT_EQ(out["unmatched_mentees"].size(), 1u);
  const Json& e1 = out["unmatched_mentees"][0];
  EXPECT_EQ(e1["id"], "E1");
  EXPECT_EQ(e1["reason"], "no_allowed_partner");
  EXPECT_EQ(e1["excluded_by_rule"], Json::parse(R"({"common_language": 1, "dissolved_before": 1})"));
  EXPECT_EQ(out["pairs"][0]["explanation"]["source"], "profiles");
  EXPECT_EQ(out["optimal"], true);
}

}  // namespace
}  // namespace binome::io
