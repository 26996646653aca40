// The message catalogue: every sentence the server says exists in English and in French, with
// the same parameters, French typography in French, and every key the code uses is in it; the
// parameters are placed in the sentence for each language (quotes, numbers).
#include "core/messages.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/access_policy.hpp"
#include "core/error.hpp"
#include "core/message.hpp"

namespace binome::core {
namespace {

using ::testing::HasSubstr;

std::set<std::string> placeholders(std::string_view text) {
  static const std::regex kPlaceholder(R"(\{([a-z0-9_]+)\})");
  std::set<std::string> out;
  const std::string s(text);
  for (std::sregex_iterator it(s.begin(), s.end(), kPlaceholder), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

TEST(Messages, EveryEntryHasBothLanguagesAndTheSameParameters) {
  std::set<std::string_view> keys;
  for (const MessageText& m : all_message_texts()) {
    SCOPED_TRACE(std::string(m.key));
    EXPECT_TRUE(keys.insert(m.key).second) << "a key appears twice";
    EXPECT_FALSE(m.english.empty());
    EXPECT_FALSE(m.french.empty());
    EXPECT_EQ(placeholders(m.english), placeholders(m.french));
    EXPECT_NE(m.key.find('.'), std::string_view::npos) << "keys read capability.name";
  }
  EXPECT_GE(keys.size(), 290u) << "the whole catalogue is listed";
}

TEST(Messages, FrenchTextsFollowFrenchTypography) {
  for (const MessageText& m : all_message_texts()) {
    SCOPED_TRACE(std::string(m.key) + ": " + std::string(m.french));
    const std::string fr(m.french);
    EXPECT_EQ(fr.find('\''), std::string::npos) << "a typographic apostrophe (’), not '";
    for (const char* before : {" :", " ;", " ?", " !", "« ", " »"}) {
      EXPECT_EQ(fr.find(before), std::string::npos) << "a no-break space, not a space, in '" << before << "'";
    }
    // A colon or semicolon closing a word is preceded by a (narrow) no-break space, except in
    // code and times ("Content-Type: text/csv", "09:00", "mon 09:00-11:30").
    static const std::regex kGlued(R"([[:alpha:]»)][;!?])");
    EXPECT_FALSE(std::regex_search(fr, kGlued)) << "no space before ; ! or ?";
  }
}

// Every key the code names: core::msg("…"), msg("…") and the keys built from tables.
std::set<std::string> keys_used_in_sources() {
  static const std::regex kCall(R"re(\bmsg\(\s*"([a-z_]+\.[a-z0-9_.]+)")re");
  static const std::regex kTernary(R"re(\?\s*"([a-z_]+\.[a-z0-9_.]+)"\s*:\s*"([a-z_]+\.[a-z0-9_.]+)")re");
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(BINOME_SOURCE_DIR "/src")) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    if (entry.path().string().find("/core/messages/") != std::string::npos) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), kCall), end; it != end; ++it) {
      // A key the code completes ("audit.outcome." + outcome) is checked by the tests of its table.
      if (!(*it)[1].str().ends_with('.')) out.insert((*it)[1]);
    }
    for (std::sregex_iterator it(s.begin(), s.end(), kTernary), end; it != end; ++it) {
      for (std::size_t g : {1u, 2u}) {
        const std::string key = (*it)[g];
        if (key.ends_with('.')) continue;  // a prefix the code completes ("mail.activation." + part)
        // Only message keys (a ternary may also choose between other dotted strings).
        if (key.find("matching.") == 0 || key.find("directory.") == 0 || key.find("accounts.") == 0 ||
            key.find("audit.") == 0 || key.find("error.") == 0 || key.find("operations.") == 0 ||
            key.find("jobs.") == 0 || key.find("mail.") == 0 || key.find("program.") == 0 || key.find("kpi.") == 0) {
          out.insert(key);
        }
      }
    }
  }
  return out;
}

TEST(Messages, EveryKeyTheCodeUsesIsInTheCatalogue) {
  const auto used = keys_used_in_sources();
  EXPECT_GT(used.size(), 200u) << "the scan finds the code's messages";
  for (const auto& key : used) EXPECT_NE(find_message_text(key), nullptr) << key << " is used but not in the catalogue";
}

// Every string of the code that reads like a key ("matching.dissolve_twice"), wherever it is
// passed (a helper may take the key: unauthenticated("accounts.session_ended")).
std::set<std::string> key_like_strings_in_sources() {
  static const std::regex kKey(R"re("((?:accounts|audit|audit_action|directory|error|jobs|mail|matching|operations|role|program|program_role|kpi)\.[a-z0-9_.]+)")re");
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(BINOME_SOURCE_DIR "/src")) {
    const auto ext = entry.path().extension();
    if ((ext != ".cpp" && ext != ".hpp") || entry.path().string().find("/core/messages/") != std::string::npos) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), kKey), end; it != end; ++it) out.insert((*it)[1]);
  }
  return out;
}

TEST(Messages, EveryEntryOfTheCatalogueIsUsed) {
  // Literally in the code, or as a family the code completes from one of its tables.
  const auto used = key_like_strings_in_sources();
  // Jobs' phases and kinds are completed from the job's own ("jobs.phase." + phase); a mail's
  // parts from its kind ("mail.activation." + "subject").
  std::set<std::string> families = {"audit.outcome.", "audit.csv.",          "role.",
                                    "jobs.phase.",    "jobs.kind.",          "mail.kind.",
                                    "mail.link.",     "mail.activation.",    "mail.password_reset.",
                                    // Completed from their tables (core/program.hpp, core/kpi.hpp,
                                    // core/taxonomy.hpp, whose tests check both directions).
                                    "program.status.", "program_role.",      "kpi.awaiting.",
                                    "kpi.source.",     "skill.",             "skill_area.",
                                    "skill_level.",    "skill_level_description."};
  for (const auto& e : kErrorCodes) families.insert("error." + std::string(e.name) + "|");
  for (const auto& a : kActions) {
    families.insert("audit_action." + std::string(a.code) + "|");
    families.insert("audit." + std::string(a.code) + "|");
  }
  for (const MessageText& m : all_message_texts()) {
    const std::string key(m.key);
    bool found = used.contains(key);
    for (const auto& f : families) {
      found = found || (f.back() == '|' ? key == f.substr(0, f.size() - 1) : key.starts_with(f));
    }
    EXPECT_TRUE(found) << key << " is in the catalogue but no code says it";
  }
}

TEST(Messages, EveryErrorCodeAndEveryActionHasItsSentences) {
  for (const auto& e : kErrorCodes) {
    EXPECT_NE(find_message_text("error." + std::string(e.name)), nullptr) << e.name;
  }
  for (const auto& a : kActions) {
    EXPECT_NE(find_message_text("audit_action." + std::string(a.code)), nullptr) << a.code << " has no label";
  }
  for (const char* outcome : {"success", "denied", "failure"}) {
    EXPECT_NE(find_message_text(std::string("audit.outcome.") + outcome), nullptr) << outcome;
  }
  for (const char* column : {"at", "actor", "actor_name", "action", "summary", "resource", "outcome", "source", "client", "detail"}) {
    EXPECT_NE(find_message_text(std::string("audit.csv.") + column), nullptr) << column;
  }
  for (const Role r : kAllRoles) {
    EXPECT_NE(find_message_text("role." + std::string(role_name(r))), nullptr) << role_name(r);
  }
}

TEST(Messages, ParametersArePlacedForEachLanguage) {
  const Message m = msg("directory.email_repeated", {quoted("email", "a@b.example"), count("line", 12345)});
  EXPECT_EQ(english(m), "email 'a@b.example' already appears on line 12,345");
  EXPECT_EQ(render(m, Language::kFrench),
            "l\u2019adresse \u00AB\u202Fa@b.example\u202F\u00BB figure d\u00E9j\u00E0 \u00E0 la ligne 12\u202F345");
  // Four digits stay together in both languages (years, small counts).
  EXPECT_EQ(english(msg("accounts.password_too_long", {count("max", 1024)})), "must have at most 1024 bytes");
  EXPECT_EQ(render(msg("matching.npy_problem", {text("path", "m.npy"), nested("problem", msg("matching.npy_fortran"))}),
                   Language::kFrench),
            "m.npy\u202F: la matrice est dans l\u2019ordre Fortran (par colonnes)\u202F; enregistrez-la avec "
            "numpy.ascontiguousarray");
  EXPECT_EQ(render(msg("error.parameter", {quoted("name", "page"), nested("problem", msg("error.parameter_boolean"))}),
                   Language::kEnglish),
            "Query parameter 'page' must be true or false.");
  // A decimal number with the reader's separator.
  Message hours("matching.npy_problem", {text("path", "x"), number("problem", 1.5)});
  EXPECT_EQ(english(hours), "x: 1.5");
  EXPECT_EQ(render(hours, Language::kFrench), "x\u202F: 1,5");
  // A list of quoted values.
  EXPECT_THAT(render(msg("directory.scale_missing_grades", {quoted_list("grades", {"E", "F"})}), Language::kFrench),
              HasSubstr("\u00AB\u202FE\u202F\u00BB, \u00AB\u202FF\u202F\u00BB"));
  // A parameter the code forgot stays visible; an unknown key is shown as itself.
  EXPECT_EQ(english(msg("accounts.no_user_id")), "No user has id {id}.");
  EXPECT_EQ(english(msg("no.such_key")), "no.such_key");
}

TEST(Messages, ValidationErrorsListEveryFieldInOneSentence) {
  const Error e = validation_failed({{"email", msg("accounts.email_invalid")}, {"name", msg("error.required")}}).error();
  EXPECT_EQ(e.code, ErrorCode::kValidationFailed);
  EXPECT_EQ(english(e.sentence()),
            "The request has invalid fields: email is not a valid email address; name is required.");
  EXPECT_EQ(render(e.sentence(), Language::kFrench),
            "La requ\u00EAte contient des champs non valides\u202F: email n\u2019est pas une adresse e-mail valide\u202F; "
            "name est obligatoire.");
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.details[1].field, "name");
}

TEST(Messages, ProblemsListTheFirstOnesThenHowManyMore) {
  Problems problems(2);
  for (int i = 0; i < 5; ++i) problems.add("x", msg("error.required"));
  const Error e = std::move(problems).error();
  ASSERT_EQ(e.details.size(), 3u);
  EXPECT_EQ(english(e.details.back().message), "and 3 more");
  EXPECT_EQ(render(e.details.back().message, Language::kFrench), "et 3 de plus");
}

}  // namespace
}  // namespace binome::core
