// The audit log as people read it: each entry a sentence in their language, with names instead
// of emails and ids, what changed, and the outcome; and the detail's JSON read back exactly.
#include "core/audit.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "core/access_policy.hpp"

namespace binome::core {
namespace {

const AuditNames kNames{{{5, "jean.dupont@bank.example", "Jean Dupont"}, {1, "claire.morel@bank.example", "Claire Morel"}}};

AuditEntry entry(std::string actor, std::string action, std::string resource, std::string outcome,
                 const AuditDetail& detail = {}) {
  AuditEntry e;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.resource = std::move(resource);
  e.outcome = std::move(outcome);
  e.detail = audit_detail_json(detail);
  return e;
}

std::string en(const AuditEntry& e) { return english(audit_sentence(e, kNames)); }
std::string fr(const AuditEntry& e) { return render(audit_sentence(e, kNames), Language::kFrench); }

TEST(AuditSentence, AnAccountChangeSaysWhoDidWhatToWhom) {
  const auto disabled = entry("claire.morel@bank.example", "user.update", "user:5", "success", {{"active", "false"}});
  EXPECT_EQ(en(disabled), "Claire Morel disabled the account of Jean Dupont.");
  EXPECT_EQ(fr(disabled), "Claire Morel a d\u00E9sactiv\u00E9 le compte de Jean Dupont.");
  const auto roles = entry("claire.morel@bank.example", "user.update", "user:5", "success", {{"roles", "mentor,sponsor"}});
  EXPECT_EQ(en(roles), "Claire Morel set the roles of Jean Dupont: Mentor, Sponsor.");
  EXPECT_EQ(fr(roles), "Claire Morel a d\u00E9fini les r\u00F4les de Jean Dupont\u202F: Mentor, Sponsor.");
  // Two changes at once: two sentences. An account unknown to the names: its number.
  const auto both = entry("claire.morel@bank.example", "user.update", "user:9", "success",
                          {{"name", "Léa Roux"}, {"active", "true"}});
  EXPECT_EQ(en(both), "Claire Morel enabled the account of account #9 again. Claire Morel renamed the account of "
                      "account #9 to 'Léa Roux'.");
}

TEST(AuditSentence, ActorsAreNamedAsPeopleKnowThem) {
  EXPECT_EQ(en(entry("system:root", "schema.migrate", "database", "success", {{"from_version", "2"}, {"to_version", "3"}})),
            "Command line (root) updated the database schema from version 2 to version 3.");
  EXPECT_EQ(fr(entry("jean.dupont@bank.example", "auth.login", "user:5", "success")), "Connexion de Jean Dupont.");
  // An email with no account (a failed login) is shown as typed.
  EXPECT_EQ(en(entry("who@else.example", "auth.login", "session", "failure", {{"reason", "invalid credentials"}})),
            "Failed login for who@else.example: wrong email or password.");
  EXPECT_EQ(en(entry("jean.dupont@bank.example", "auth.login", "user:5", "failure", {{"reason", "account disabled"}})),
            "Failed login for Jean Dupont: the account is disabled.");
  EXPECT_EQ(fr(entry("jean.dupont@bank.example", "auth.login", "session", "denied")),
            "Connexion refus\u00E9e pour Jean Dupont\u202F: trop de tentatives \u00E9chou\u00E9es.");
}

TEST(AuditSentence, ImportsPasswordsTokensAndRefusals) {
  EXPECT_EQ(en(entry("claire.morel@bank.example", "employees.import", "employees", "success",
                     {{"created", "5"}, {"updated", "1"}, {"unchanged", "0"}, {"deactivated", "2"}})),
            "Claire Morel imported the HR extract (new: 5, updated: 1, unchanged: 0, deactivated: 2).");
  EXPECT_EQ(fr(entry("claire.morel@bank.example", "employees.import", "employees", "failure", {{"errors", "12345"}})),
            "Import RH de Claire Morel refus\u00E9 (erreurs dans le fichier\u202F: 12\u202F345)\u202F; rien n\u2019a "
            "\u00E9t\u00E9 import\u00E9.");
  EXPECT_EQ(en(entry("jean.dupont@bank.example", "user.password", "user:5", "success")),
            "Jean Dupont changed their own password.");
  EXPECT_EQ(en(entry("claire.morel@bank.example", "user.password", "user:5", "success")),
            "Claire Morel changed the password of Jean Dupont.");
  EXPECT_EQ(en(entry("claire.morel@bank.example", "token.revoke", "token:3", "success")),
            "Claire Morel revoked API token #3.");
  EXPECT_EQ(en(entry("jean.dupont@bank.example", "audit.read", "audit", "denied")),
            "Refused for Jean Dupont: Audit log read.");
  EXPECT_EQ(fr(entry("jean.dupont@bank.example", "audit.read", "audit", "denied")),
            "Refus\u00E9 pour Jean Dupont\u202F: Lecture du journal d\u2019audit.");
  // A code this version does not know (an older or newer entry) still reads as something.
  EXPECT_EQ(en(entry("claire.morel@bank.example", "pairs.publish", "program:1", "success")),
            "Claire Morel: pairs.publish.");
}

TEST(AuditSentence, ProgramsStepsAndMembersReadAsSentences) {
  EXPECT_EQ(en(entry("claire.morel@bank.example", "program.create", "program:1", "success", {{"name", "Digital 2027"}})),
            "Claire Morel created the program 'Digital 2027'.");
  EXPECT_EQ(fr(entry("claire.morel@bank.example", "program.status", "program:1", "success",
                     {{"from", "draft"}, {"to", "recruiting"}})),
            "Claire Morel a fait passer le programme n° 1 de l’étape brouillon à l’étape recrutement.");
  EXPECT_EQ(en(entry("claire.morel@bank.example", "program.members.add", "program:1", "success",
                     {{"user", "5"}, {"role", "sponsor"}})),
            "Claire Morel named Jean Dupont sponsor of program #1.");
  EXPECT_EQ(en(entry("claire.morel@bank.example", "kpi.update", "program:2", "success",
                     {{"kpi", "4"}, {"name", "Managers reached"}, {"manual_value", "12.5"}})),
            "Claire Morel set the KPI 'Managers reached' of program #2 to 12.5.");
}

TEST(AuditSentence, EveryActionHasALabelInBothLanguages) {
  for (const auto& a : kActions) {
    const Message label = audit_action_label(a.code);
    EXPECT_NE(english(label), std::string(a.code)) << a.code;
    EXPECT_NE(render(label, Language::kFrench), english(label)) << a.code << " is not translated";
  }
}

RC_GTEST_PROP(AuditDetail, ParsingTheJsonGivesBackThePairs, (const std::vector<std::pair<std::string, std::string>>& pairs)) {
  const AuditDetail detail(pairs.begin(), pairs.end());
  RC_ASSERT(parse_audit_detail(audit_detail_json(detail)) == detail);
}

TEST(AuditDetail, AnythingElseIsNoDetail) {
  EXPECT_TRUE(parse_audit_detail("").empty());
  EXPECT_TRUE(parse_audit_detail("[]").empty());
  EXPECT_TRUE(parse_audit_detail(R"({"a": 1})").empty());
  EXPECT_TRUE(parse_audit_detail(R"({"a": "b")").empty());
  EXPECT_EQ(parse_audit_detail(R"( { "a" : "\u00e9\ud83d\ude00\n" } )"), (AuditDetail{{"a", "\u00E9\U0001F600\n"}}));
}

}  // namespace
}  // namespace binome::core
