// Folding text for search and header matching: "Élodie" and "elodie" are the same to a user.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "core/text.hpp"

namespace binome::core {
namespace {

TEST(FoldForSearch, FrenchNamesLoseCaseAndAccents) {
  EXPECT_EQ(fold_for_search("Élodie"), "elodie");
  EXPECT_EQ(fold_for_search("Éric Élan"), "eric elan");
  EXPECT_EQ(fold_for_search("Hélène Lefèvre"), "helene lefevre");
  EXPECT_EQ(fold_for_search("François Noël"), "francois noel");
  EXPECT_EQ(fold_for_search("Anaïs Maëlle Loïc Benoît Jérôme"), "anais maelle loic benoit jerome");
  EXPECT_EQ(fold_for_search("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"), "aaaceeeeiioouuuy");
  EXPECT_EQ(fold_for_search("àâäçéèêëîïôöùûüÿ"), "aaaceeeeiioouuuy");
}

TEST(FoldForSearch, LigaturesAndLettersWithoutADecompositionAreSpeltOut) {
  EXPECT_EQ(fold_for_search("Œuvre"), "oeuvre");
  EXPECT_EQ(fold_for_search("cœur"), "coeur");
  EXPECT_EQ(fold_for_search("Lætitia"), "laetitia");
  EXPECT_EQ(fold_for_search("ÆSIR"), "aesir");
  EXPECT_EQ(fold_for_search("Straße"), "strasse");
  EXPECT_EQ(fold_for_search("ß"), "ss");
  EXPECT_EQ(fold_for_search("Øystein Łukasz"), "oystein lukasz");
  EXPECT_EQ(fold_for_search("Þór Đorđe"), "thor dorde");
  EXPECT_EQ(fold_for_search("İstanbul ı"), "istanbul i");
}

TEST(FoldForSearch, OtherEuropeanNames) {
  EXPECT_EQ(fold_for_search("Fernández Núñez"), "fernandez nunez");
  EXPECT_EQ(fold_for_search("Novák Dvořák Šťastný"), "novak dvorak stastny");
  EXPECT_EQ(fold_for_search("Seán Ó Briain"), "sean o briain");
  EXPECT_EQ(fold_for_search("João Gonçalves"), "joao goncalves");
  EXPECT_EQ(fold_for_search("Wałęsa Żółć"), "walesa zolc");
}

TEST(FoldForSearch, EverythingElseIsKeptAsItIs) {
  EXPECT_EQ(fold_for_search("Дмитрий"), "Дмитрий") << "Cyrillic is not Latin";
  EXPECT_EQ(fold_for_search("東京 陈伟"), "東京 陈伟");
  EXPECT_EQ(fold_for_search("محمد"), "محمد");
  EXPECT_EQ(fold_for_search("Ωμέγα"), "Ωμέγα");
  EXPECT_EQ(fold_for_search("€ 100 % × ÷ « » ’ 😀"), "€ 100 % × ÷ « » ’ 😀");
  EXPECT_EQ(fold_for_search("o'connor-smith_2@bank.example"), "o'connor-smith_2@bank.example");
  EXPECT_EQ(fold_for_search(""), "");
  // Bytes that are not UTF-8 pass through untouched.
  EXPECT_EQ(fold_for_search("\xC3("), "\xC3(");
  EXPECT_EQ(fold_for_search("ab\xC3"), "ab\xC3");
  EXPECT_EQ(fold_for_search("\xE9t\xE9"), "\xE9t\xE9");
}

TEST(FoldForSearch, DecomposedAccentsAndNoBreakSpacesFoldLikeTheirUsualForms) {
  EXPECT_EQ(fold_for_search("Pre\u0301nom"), "prenom") << "macOS writes é as e + U+0301";
  EXPECT_EQ(fold_for_search("E\u0301lodie Ge\u0301rard"), fold_for_search("Élodie Gérard"));
  EXPECT_EQ(fold_for_search("Matricule\u00A0"), "matricule ");
}

RC_GTEST_PROP(FoldForSearch, FoldingTwiceIsFoldingOnce, ()) {
  static const std::vector<std::string> kPieces = {"A", "z", "É",    "é", "Œ", "ß", "Ł",
                                                   "ı", "ÿ", "Ÿ",    "×", " ", "Д", "日",
                                                   "€", "'", "\xC3", "(", "ſ", "Ǆ"};
  const auto parts = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces));
  std::string text;
  for (const auto& p : parts) text += p;
  const std::string once = fold_for_search(text);
  RC_ASSERT(fold_for_search(once) == once);
  // Searching the folded text for a folded part finds it.
  for (const auto& p : parts) RC_ASSERT(once.find(fold_for_search(p)) != std::string::npos);
}

TEST(FindControlCharacter, FindsC0DelAndC1ButNotTextOrAccents) {
  EXPECT_EQ(find_control_character("Élodie Lefèvre, « Risques » — 2026 ☺"), std::nullopt);
  EXPECT_EQ(find_control_character(std::string("a\0b", 3)), U'\0');
  EXPECT_EQ(find_control_character("a\x1B[0m"), U'\x1B');
  EXPECT_EQ(find_control_character("a\x7F"), U'\x7F');
  EXPECT_EQ(find_control_character("a\xC2\x85"), U'\x85');  // NEL, a C1 control
  EXPECT_EQ(find_control_character("a\xC2\xA0" "b"), std::nullopt);  // a no-break space is text
  EXPECT_EQ(find_control_character("line\r\nnext\tcol"), U'\r');
  EXPECT_EQ(find_control_character("line\r\nnext\tcol", true), std::nullopt);
  EXPECT_EQ(find_control_character(std::string("a\0b", 3), true), U'\0');
}

}  // namespace
}  // namespace binome::core
