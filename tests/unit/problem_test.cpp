// Errors as the HTTP API answers them: one status per error code (the whole table, against the
// statuses written here), problem+json rendered once with the request id and every detail, in
// the language Accept-Language asks for.
#include "http/problem.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

namespace binome::http {
namespace {

using core::ErrorCode;
using core::Language;

TEST(Problem, EveryErrorCodeHasExactlyItsOneStatus) {
  // Written from the API's documentation (docs/api.md), not from the code.
  const std::map<std::string, unsigned> expected = {
      {"bad_request", 400},         {"invalid_parameter", 400},     {"malformed_json", 400},
      {"unauthenticated", 401},     {"invalid_credentials", 401},   {"forbidden", 403},
      {"csrf_missing", 403},        {"csrf_invalid", 403},          {"account_disabled", 403},
      {"not_found", 404},           {"method_not_allowed", 405},    {"conflict", 409},
      {"payload_too_large", 413},   {"headers_too_large", 413},     {"unsupported_media_type", 415},
      {"validation_failed", 422},   {"import_invalid", 422},        {"export_too_large", 422},
      {"too_many_attempts", 429},   {"internal_error", 500},        {"database_unavailable", 503},
      {"time_budget_exceeded", 503}, {"server_busy", 503},          {"link_invalid", 410},
  };
  std::set<std::string> names;
  for (const auto& info : core::kErrorCodes) {
    const std::string name(info.name);
    EXPECT_TRUE(names.insert(name).second) << name << " is listed twice";
    ASSERT_TRUE(expected.contains(name)) << name << " has no documented status";
    EXPECT_EQ(status_for(info.kind), expected.at(name)) << name;
    // And the rendered problem says the same.
    const Reply r = problem_reply(core::Error{info.code, {}, {}, 0}, Language::kEnglish, "req-1");
    EXPECT_EQ(r.status, expected.at(name)) << name;
    EXPECT_EQ(nlohmann::json::parse(r.body).at("code"), name);
  }
  EXPECT_EQ(names.size(), expected.size()) << "a documented code is missing from the table";
}

TEST(Problem, IsRenderedOnceWithTheRequestIdEveryDetailAndTheReadersLanguage) {
  core::Error e{ErrorCode::kImportInvalid,
                core::msg("directory.import_invalid", {core::count("count", 2)}),
                {{"email", core::msg("directory.value_required"), 3, "Courriel"},
                 {"", core::msg("directory.file_empty"), 1, ""},
                 {"roles", core::msg("accounts.roles_required")}},
                0};
  const Reply en = problem_reply(e, Language::kEnglish, "abc123");
  EXPECT_EQ(en.status, 422u);
  EXPECT_EQ(en.content_type, "application/problem+json");
  const auto body = nlohmann::json::parse(en.body);
  EXPECT_EQ(body.at("request_id"), "abc123");
  EXPECT_EQ(body.at("title"), "Unprocessable Entity");
  EXPECT_EQ(body.at("detail"), "Errors in the file: 2; nothing was imported. Each error names its line and column.");
  EXPECT_EQ(body.at("errors"),
            nlohmann::json::parse(R"([
              {"field": "email", "line": 3, "column": "Courriel", "message": "a value is required"},
              {"line": 1, "column": "", "message": "the file is empty: it needs a header line and one line per employee"},
              {"field": "roles", "message": "at least one role is required"}])"));
  const auto fr = nlohmann::json::parse(problem_reply(e, Language::kFrench, "abc123").body);
  EXPECT_EQ(fr.at("detail"),
            "Erreurs dans le fichier\u202F: 2\u202F; rien n\u2019a \u00E9t\u00E9 import\u00E9. Chaque erreur indique sa "
            "ligne et sa colonne.");
  EXPECT_EQ(fr.at("errors").at(0).at("message"), "une valeur est obligatoire");
}

TEST(Problem, ALockoutSaysWhenToComeBack) {
  core::Error e{ErrorCode::kTooManyAttempts, core::msg("accounts.retry_in_minutes", {core::count("minutes", 14)}), {}, 835};
  const Reply r = problem_reply(e, Language::kFrench, "x");
  EXPECT_EQ(r.status, 429u);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Retry-After", "835"}));
  EXPECT_EQ(nlohmann::json::parse(r.body).at("detail"),
            "Trop de tentatives de connexion \u00E9chou\u00E9es. R\u00E9essayez dans 14 min.");
}

TEST(Problem, TheLanguageIsTheReadersFirstChoiceOfFrenchOrEnglish) {
  EXPECT_EQ(negotiate_language(""), Language::kEnglish);
  EXPECT_EQ(negotiate_language("fr"), Language::kFrench);
  EXPECT_EQ(negotiate_language("fr-FR,fr;q=0.9,en;q=0.8"), Language::kFrench);
  EXPECT_EQ(negotiate_language("FR-be"), Language::kFrench);
  EXPECT_EQ(negotiate_language("en-GB,fr;q=0.5"), Language::kEnglish);
  EXPECT_EQ(negotiate_language("de-DE, fr;q=0.7, en;q=0.3"), Language::kFrench) << "the first we speak";
  EXPECT_EQ(negotiate_language("en;q=0.4, fr;q=0.6"), Language::kFrench) << "by q-value, not order";
  EXPECT_EQ(negotiate_language("de, it"), Language::kEnglish);
  EXPECT_EQ(negotiate_language("*"), Language::kEnglish);
  EXPECT_EQ(negotiate_language("frx, fr_CA"), Language::kFrench) << "'frx' is not French; fr_CA is";
  EXPECT_EQ(negotiate_language("fr;q=0, en"), Language::kEnglish) << "q=0 means not acceptable";
}

}  // namespace
}  // namespace binome::http
