// Grade scales: the default one (numbers numerically, single letters alphabetically, A = 1)
// and a bank's own, lowest first; sorting grades for display; what makes a scale unusable.
#include "core/grade_scale.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binome::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

// The problem's English sentence, or nothing.
std::optional<std::string> scale_problem_text(const std::vector<std::string>& grades) {
  const auto problem = scale_problem(grades);
  if (!problem) return std::nullopt;
  return english(*problem);
}

TEST(GradeScale, TheDefaultScaleOrdersNumbersNumerically) {
  const GradeScale scale;
  EXPECT_FALSE(scale.custom());
  EXPECT_THAT(scale.rank("7"), Optional(7));
  EXPECT_THAT(scale.rank("12"), Optional(12));
  EXPECT_LT(*scale.rank("7"), *scale.rank("12")) << "not as text, where \"12\" < \"7\"";
  EXPECT_LT(*scale.rank("9"), *scale.rank("10"));
  EXPECT_THAT(scale.rank("0"), Optional(0));
  EXPECT_THAT(scale.rank("007"), Optional(7));
  EXPECT_THAT(scale.rank("999999"), Optional(999999));
}

TEST(GradeScale, TheDefaultScaleOrdersSingleLettersAlphabeticallyInAnyCase) {
  const GradeScale scale;
  EXPECT_THAT(scale.rank("A"), Optional(1));
  EXPECT_THAT(scale.rank("F"), Optional(6));
  EXPECT_THAT(scale.rank("K"), Optional(11));
  EXPECT_LT(*scale.rank("A"), *scale.rank("K"));
  EXPECT_EQ(scale.rank("f"), scale.rank("F")) << "a lower-case letter is the same grade";
  EXPECT_THAT(scale.rank("k"), Optional(11));
}

TEST(GradeScale, TheDefaultScaleKnowsNothingElse) {
  const GradeScale scale;
  for (const char* g :
       {"", "AB", "T3", "3A", "Cadre", "1.5", "-1", " 7", "7 ", "1234567", "É", "é"}) {
    EXPECT_EQ(scale.rank(g), std::nullopt) << "'" << g << "'";
  }
}

TEST(GradeScale, ACustomScaleRanksItsGradesInOrderAndOnlyThem) {
  const GradeScale scale({"T1", "T2", "Cadre", "Cadre supérieur", "12"});
  EXPECT_TRUE(scale.custom());
  EXPECT_THAT(scale.grades(), ElementsAre("T1", "T2", "Cadre", "Cadre supérieur", "12"));
  EXPECT_THAT(scale.rank("T1"), Optional(1));
  EXPECT_THAT(scale.rank("Cadre"), Optional(3));
  EXPECT_THAT(scale.rank("Cadre supérieur"), Optional(4));
  EXPECT_THAT(scale.rank("12"), Optional(5));
  EXPECT_EQ(scale.rank("7"), std::nullopt) << "numbers mean nothing on a custom scale";
  EXPECT_EQ(scale.rank("A"), std::nullopt);
  EXPECT_EQ(scale.rank("cadre"), std::nullopt) << "grades are compared exactly";
  EXPECT_EQ(scale.rank(""), std::nullopt);
}

TEST(GradeScale, SortedFollowsTheScaleDropsRepeatsAndPutsUnknownGradesLast) {
  const GradeScale def;
  EXPECT_THAT(def.sorted({"12", "7", "K", "A", "Zz", "2", "7", "Cadre", "10"}),
              ElementsAre("A", "2", "7", "10", "K", "12", "Cadre", "Zz"));
  EXPECT_THAT(def.sorted({}), ElementsAre());
  const GradeScale custom({"Junior", "Confirmé", "Senior", "Expert"});
  EXPECT_THAT(
      custom.sorted({"Senior", "Junior", "Stagiaire", "Expert", "Junior", "Confirmé", "Alternant"}),
      ElementsAre("Junior", "Confirmé", "Senior", "Expert", "Alternant", "Stagiaire"));
}

TEST(GradeScale, ScaleProblemExplainsWhyAListIsNotAScale) {
  EXPECT_EQ(scale_problem_text({"A", "B", "C"}), std::nullopt);
  EXPECT_EQ(scale_problem_text({"Cadre supérieur"}), std::nullopt);
  EXPECT_THAT(scale_problem_text({}), Optional(HasSubstr("at least one grade")));
  EXPECT_THAT(scale_problem_text({"A", ""}), Optional(HasSubstr("blank")));
  EXPECT_THAT(scale_problem_text({"A", " \t "}), Optional(HasSubstr("blank")));
  EXPECT_THAT(scale_problem_text({"T1", "T2", "T1"}), Optional(HasSubstr("'T1' twice")));
}

}  // namespace
}  // namespace binome::core
