// Accounts on an in-memory SQLite database with a clock the test moves: users, logins and
// their throttling, sessions, passwords, API tokens, and the audit trail they leave.
#include "app/accounts.hpp"
#include "app/services.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "app/audit.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "store/account_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/messages.hpp"
#include "support/use_cases.hpp"

namespace binome::app {
namespace {

using test_support::en;
using test_support::fields_of;

using core::ErrorKind;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

using testing::kStart;
constexpr core::Millis kSecond = 1000;
constexpr core::Millis kMinute = 60 * kSecond;
constexpr core::Millis kHour = 60 * kMinute;
constexpr const char* kPassword = "correct horse battery";
constexpr const char* kClient = "192.0.2.10";

// libsodium's minimum argon2id cost: the tests exercise the logic, not the hash's strength.
const Argon2Params kCheap{1, 8192};

using testing::error_kind;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open_database("sqlite::memory:");
    store::migrate(*db_, kStart);
    // The application as the server and the command line build it (with cheap hashing).
    services_ = std::make_unique<Services>(*db_, clock_, Settings{.password_hashing = kCheap});
    audit_ = &services_->audit;
    accounts_ = &services_->accounts;
    auto admin =
        accounts_->create_user(cli_, {"admin@bank.example", "Claire Morel", {"admin"}, kPassword});
    ASSERT_TRUE(admin) << admin.error();
    admin_ = *admin;
  }

  // A user caller as the HTTP layer builds it after authentication.
  static Caller as(const core::User& u, const std::string& client = kClient) {
    return Authenticated{u, {}, true}.caller(client);
  }

  core::User make_user(const std::string& email, const std::string& role) {
    auto u = accounts_->create_user(as(admin_), {email, "Someone " + role, {role}, kPassword});
    EXPECT_TRUE(u) << u.error();
    return u.value_or(core::User{});
  }

  std::vector<core::AuditEntry> audit_entries(const std::string& action = "") const {
    core::AuditQuery q;
    q.action = action;
    q.page.limit = 1000;
    auto page = audit_->list(cli_, q);
    EXPECT_TRUE(page);
    std::vector<core::AuditEntry> out;
    if (page) {
      for (const auto& v : page->items) out.push_back(v.entry);
    }
    return out;
  }

  std::string stored_hash(const std::string& email) const {
    return db_->read([&](store::Connection& c) {
      return store::users::find_by_email(c, email).value().password_hash;
    });
  }

  ManualClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Services> services_;
  const AuditLog* audit_ = nullptr;
  const Accounts* accounts_ = nullptr;
  const Caller cli_ = Caller::operator_at_cli("tester");
  core::User admin_;
};

// --- creating users --------------------------------------------------------------------------

TEST_F(AccountsTest, CreateUserReportsEveryInvalidFieldAtOnce) {
  auto r = accounts_->create_user(as(admin_), {"not-an-email", "   ", {"wizard"}, "short"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kValidation);
  EXPECT_EQ(r.error().code_name(), "validation_failed");
  std::vector<std::string> fields;
  for (const auto& f : r.error().details) fields.push_back(f.field);
  EXPECT_THAT(fields, UnorderedElementsAre("email", "name", "roles", "password"));
  EXPECT_THAT(en(r.error().sentence()), HasSubstr("email"));
  EXPECT_THAT(en(r.error().sentence()), HasSubstr("password"));
  // Nothing was created.
  auto page = accounts_->list_users(as(admin_), {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
}

TEST_F(AccountsTest, CreateUserRejectsNoRolesInvalidUtf8AndLongNames) {
  auto r =
      accounts_->create_user(cli_, {"a@bank.example", "Bad \xC3(", {}, "p\xFFssword-long-enough"});
  ASSERT_FALSE(r);
  EXPECT_THAT(fields_of(r.error()),
              UnorderedElementsAre(Pair("name", "is not valid UTF-8 text"),
                                   Pair("roles", "at least one role is required"),
                                   Pair("password", "is not valid UTF-8 text")));
  r = accounts_->create_user(cli_,
                             {"a@bank.example", std::string(201, 'x'), {"mentor"}, kPassword});
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().details, ElementsAre(Field(&core::ErrorDetail::field, "name")));
}

TEST_F(AccountsTest, ANameWithAControlCharacterIsRefused) {
  for (const std::string& name : {std::string("Claire\0Morel", 12), std::string("Claire\x1B[31mMorel"),
                                 std::string("Claire\nMorel"), std::string("Claire\xC2\x85Morel")}) {
    auto r = accounts_->create_user(cli_, {"c@bank.example", name, {"mentor"}, kPassword});
    ASSERT_FALSE(r);
    EXPECT_THAT(fields_of(r.error()), ElementsAre(Pair("name", HasSubstr("control character (U+00"))));
  }
  EXPECT_TRUE(accounts_->create_user(cli_, {"c@bank.example", "Claire Morel-Éluard", {"mentor"}, kPassword}));
}

TEST_F(AccountsTest, CreateUserRejectsAnEmailThatIsNotUtf8) {
  // "hélène@banque.fr" typed in a Latin-1 terminal: PostgreSQL would refuse to store it.
  auto r =
      accounts_->create_user(cli_, {"h\xE9l\xE8ne@banque.fr", "Hélène", {"mentee"}, kPassword});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kValidation);
  EXPECT_THAT(r.error().details, ElementsAre(Field(&core::ErrorDetail::field, "email")));
  // Accented addresses in UTF-8 are fine.
  EXPECT_TRUE(accounts_->create_user(cli_, {"hélène@banque.fr", "Hélène", {"mentee"}, kPassword}));
}

TEST_F(AccountsTest, CreateUserNormalisesAndReturnsTheUser) {
  auto u = accounts_->create_user(
      as(admin_),
      {"  Yanis.Benali@Bank.EXAMPLE ", "  Yanis Benali ", {"mentor", "mentee"}, kPassword});
  ASSERT_TRUE(u) << u.error();
  EXPECT_GT(u->id, admin_.id);
  EXPECT_EQ(u->email, "yanis.benali@bank.example");
  EXPECT_EQ(u->name, "Yanis Benali");
  EXPECT_EQ(u->roles, (core::RoleSet{core::Role::kMentor, core::Role::kMentee}));
  EXPECT_TRUE(u->active);
  EXPECT_EQ(u->created_at, kStart);
  auto again = accounts_->get_user(as(admin_), u->id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->email, u->email);
  EXPECT_EQ(again->roles, u->roles);
}

TEST_F(AccountsTest, DuplicateEmailIsAConflictWhateverTheCase) {
  make_user("ada@bank.example", "mentor");
  auto r = accounts_->create_user(as(admin_),
                                  {" ADA@Bank.Example", "Another Ada", {"mentee"}, kPassword});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kConflict);
  EXPECT_EQ(r.error().code_name(), "conflict");
  EXPECT_THAT(fields_of(r.error()), ElementsAre(Pair("email", "is already taken")));
  // Lookups are case-insensitive too.
  auto found = accounts_->get_user_by_email(as(admin_), "Ada@BANK.example");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Someone mentor");
}

// --- logging in ------------------------------------------------------------------------------

TEST_F(AccountsTest, LoginCreatesASessionThatAuthenticates) {
  auto login = accounts_->login(" Admin@Bank.Example", kPassword, kClient);
  ASSERT_TRUE(login) << login.error();
  EXPECT_EQ(login->user.id, admin_.id);
  EXPECT_FALSE(login->session_token.empty());
  EXPECT_FALSE(login->csrf_token.empty());
  EXPECT_NE(login->session_token, login->csrf_token);

  auto who = accounts_->authenticate_session(login->session_token);
  ASSERT_TRUE(who) << who.error();
  EXPECT_EQ(who->user.id, admin_.id);
  EXPECT_EQ(who->csrf_token, login->csrf_token);
  EXPECT_TRUE(who->via_session);

  // Only the token's hash is stored: the token itself does not open a session as a hash.
  EXPECT_FALSE(accounts_->authenticate_session(sha256_hex(login->session_token)));
  EXPECT_FALSE(accounts_->authenticate_session("made-up"));

  accounts_->logout(*who, login->session_token, kClient);
  auto after = accounts_->authenticate_session(login->session_token);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind(), ErrorKind::kUnauthenticated);
}

TEST_F(AccountsTest, WrongPasswordUnknownEmailAndDisabledAccountWithAWrongPasswordGiveTheSameAnswer) {
  const auto mentee = make_user("mentee@bank.example", "mentee");
  ASSERT_TRUE(accounts_->update_user(as(admin_), mentee.id, {{}, {}, false}));
  const auto wrong = accounts_->login("admin@bank.example", "not the password", kClient);
  const auto unknown = accounts_->login("nobody@bank.example", kPassword, kClient);
  const auto disabled = accounts_->login("mentee@bank.example", "not the password", kClient);
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    ASSERT_FALSE(*r);
    EXPECT_EQ(r->error().kind(), ErrorKind::kUnauthenticated);
    EXPECT_EQ(r->error().code_name(), "invalid_credentials");
    EXPECT_EQ(en(r->error().sentence()), en(wrong.error().sentence()));
  }
  // Each failure is in the audit log, under the email that was tried.
  const auto failures = audit_entries("auth.login");
  ASSERT_EQ(failures.size(), 3u);
  for (const auto& e : failures) EXPECT_EQ(e.outcome, "failure");
  EXPECT_EQ(failures[1].actor, "nobody@bank.example");
}

TEST_F(AccountsTest, ADisabledAccountIsToldSoOnlyAfterItsRightPassword) {
  const auto mentee = make_user("mentee@bank.example", "mentee");
  ASSERT_TRUE(accounts_->update_user(as(admin_), mentee.id, {{}, {}, false}));
  const auto r = accounts_->login("mentee@bank.example", kPassword, kClient);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kForbidden);
  EXPECT_EQ(r.error().code_name(), "account_disabled");
  EXPECT_THAT(en(r.error().sentence()), HasSubstr("disabled"));
  EXPECT_THAT(core::render(r.error().sentence(), core::Language::kFrench), HasSubstr("désactivé"));
  // Audited as a failed login, with its reason; no session was opened.
  const auto entries = audit_entries("auth.login");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].outcome, "failure");
  EXPECT_THAT(entries[0].detail, HasSubstr("account disabled"));
  // It counts as a failure for the throttle too: guessing at a disabled account is throttled.
  for (int i = 0; i < 4; ++i) (void)accounts_->login("mentee@bank.example", kPassword, kClient);
  const auto throttled = accounts_->login("mentee@bank.example", kPassword, kClient);
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code_name(), "too_many_attempts");
}

TEST_F(AccountsTest, FiveFailuresOnOneAccountThrottleItUntilTheWindowPasses) {
  for (int i = 0; i < 5; ++i) {
    auto r = accounts_->login("admin@bank.example", "wrong password " + std::to_string(i), kClient);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code_name(), "invalid_credentials") << "attempt " << i + 1;
    clock_.advance(kSecond);
  }
  // The 6th attempt is refused even with the right password, from any client.
  clock_.advance(kMinute);
  for (const char* client : {kClient, "198.51.100.7"}) {
    auto r = accounts_->login("admin@bank.example", kPassword, client);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind(), ErrorKind::kTooManyRequests);
    EXPECT_EQ(r.error().code_name(), "too_many_attempts");
    // The first failure was 65 s ago; it leaves the 15-minute window in 835 s.
    EXPECT_EQ(r.error().retry_after_seconds, 15 * 60 - 65);
    // People read minutes, rounded up (835 s is 14 min), in their language.
    EXPECT_THAT(en(r.error().sentence()), HasSubstr("Try again in 14 min."));
    EXPECT_THAT(core::render(r.error().sentence(), core::Language::kFrench), HasSubstr("Réessayez dans 14 min."));
  }
  const auto denied = audit_entries("auth.login");
  EXPECT_EQ(denied.front().outcome, "denied");
  // Another account is not affected.
  make_user("mentor@bank.example", "mentor");
  EXPECT_TRUE(accounts_->login("mentor@bank.example", kPassword, kClient));

  // Once the oldest failure has left the window, the account may try again.
  clock_.advance(15 * kMinute - 65 * kSecond - kSecond);
  EXPECT_FALSE(accounts_->login("admin@bank.example", kPassword, kClient));
  clock_.advance(kSecond + 1);
  auto ok = accounts_->login("admin@bank.example", kPassword, kClient);
  EXPECT_TRUE(ok) << ok.error();
}

TEST_F(AccountsTest, ASuccessfulLoginClearsTheAccountsFailures) {
  for (int i = 0; i < 4; ++i)
    ASSERT_FALSE(accounts_->login("admin@bank.example", "wrong", kClient));
  ASSERT_TRUE(accounts_->login("admin@bank.example", kPassword, kClient));
  for (int i = 0; i < 4; ++i)
    ASSERT_FALSE(accounts_->login("admin@bank.example", "wrong", kClient));
  auto r = accounts_->login("admin@bank.example", kPassword, kClient);
  EXPECT_TRUE(r) << r.error();
}

TEST_F(AccountsTest, TwentyFailuresFromOneClientThrottleThatClient) {
  // A client spraying many accounts, each staying under the per-account limit.
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(accounts_->login("user" + std::to_string(i) + "@bank.example", "guess", kClient));
  }
  auto r = accounts_->login("admin@bank.example", kPassword, kClient);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kTooManyRequests);
  EXPECT_EQ(r.error().retry_after_seconds, 15 * 60);
  // The same account from another client is fine.
  auto other = accounts_->login("admin@bank.example", kPassword, "203.0.113.5");
  EXPECT_TRUE(other) << other.error();
}

// --- sessions ending -------------------------------------------------------------------------

TEST_F(AccountsTest, ASessionEndsAfterThirtyMinutesIdle) {
  auto login = accounts_->login("admin@bank.example", kPassword, kClient);
  ASSERT_TRUE(login);
  clock_.advance(30 * kMinute - 1);
  ASSERT_TRUE(accounts_->authenticate_session(login->session_token)) << "used just in time";
  // That use counted as activity: another 29 minutes are fine.
  clock_.advance(29 * kMinute);
  ASSERT_TRUE(accounts_->authenticate_session(login->session_token));
  clock_.advance(30 * kMinute);
  auto r = accounts_->authenticate_session(login->session_token);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kUnauthenticated);
  EXPECT_THAT(en(r.error().sentence()), HasSubstr("session has ended"));
}

TEST_F(AccountsTest, ASessionEndsAfterTwelveHoursEvenWhenInUse) {
  auto login = accounts_->login("admin@bank.example", kPassword, kClient);
  ASSERT_TRUE(login);
  core::Millis elapsed = 0;
  while (elapsed + 20 * kMinute < 12 * kHour) {
    clock_.advance(20 * kMinute);
    elapsed += 20 * kMinute;
    ASSERT_TRUE(accounts_->authenticate_session(login->session_token))
        << elapsed / kMinute << " min";
  }
  clock_.advance(12 * kHour - elapsed - 1);
  ASSERT_TRUE(accounts_->authenticate_session(login->session_token));
  clock_.advance(1);
  EXPECT_FALSE(accounts_->authenticate_session(login->session_token));
}

TEST_F(AccountsTest, DisablingAUserEndsTheirSessionsAndTokensAndBlocksLogin) {
  const auto mentor = make_user("mentor@bank.example", "mentor");
  auto login = accounts_->login("mentor@bank.example", kPassword, kClient);
  ASSERT_TRUE(login);
  auto token = accounts_->create_token(as(admin_), "mentor@bank.example", "calendar sync");
  ASSERT_TRUE(token);
  ASSERT_TRUE(accounts_->authenticate_bearer(token->token));

  auto updated = accounts_->update_user(as(admin_), mentor.id, {{}, {}, false});
  ASSERT_TRUE(updated) << updated.error();
  EXPECT_FALSE(updated->active);
  EXPECT_FALSE(accounts_->authenticate_session(login->session_token));
  EXPECT_FALSE(accounts_->authenticate_bearer(token->token));
  auto again = accounts_->login("mentor@bank.example", kPassword, kClient);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code_name(), "account_disabled");
  const auto updates = audit_entries("user.update");
  ASSERT_FALSE(updates.empty());
  EXPECT_THAT(updates.front().detail, HasSubstr(R"("sessions_ended":"1")"));

  // Enabled again: they may log in (the old session stays ended).
  ASSERT_TRUE(accounts_->update_user(as(admin_), mentor.id, {{}, {}, true}));
  EXPECT_TRUE(accounts_->login("mentor@bank.example", kPassword, kClient));
  EXPECT_FALSE(accounts_->authenticate_session(login->session_token));
}

// --- the access policy, applied --------------------------------------------------------------

TEST_F(AccountsTest, AMenteeMayNotListUsersAndTheRefusalIsAudited) {
  const auto mentee = make_user("mentee@bank.example", "mentee");
  auto r = accounts_->list_users(as(mentee, "10.1.2.3"), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kForbidden);
  EXPECT_EQ(r.error().code_name(), "forbidden");
  const auto entries = audit_entries("user.list");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].outcome, "denied");
  EXPECT_EQ(entries[0].actor, "mentee@bank.example");
  EXPECT_EQ(entries[0].client, "10.1.2.3");
  EXPECT_EQ(entries[0].source, "api");

  // Nor create users, read others, or manage tokens; but they may read themselves.
  EXPECT_EQ(
      error_kind(accounts_->create_user(as(mentee), {"x@bank.example", "X", {"admin"}, kPassword})),
      ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(accounts_->get_user(as(mentee), admin_.id)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(accounts_->create_token(as(mentee), "mentee@bank.example", "t")),
            ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(audit_->list(as(mentee), {})), ErrorKind::kForbidden);
  EXPECT_TRUE(accounts_->list_users(as(admin_), {}));
}

TEST_F(AccountsTest, AnAdminCannotDisableThemselfNorDropTheirAdminRole) {
  auto r = accounts_->update_user(as(admin_), admin_.id, {{}, {}, false});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kValidation);
  EXPECT_THAT(r.error().details, ElementsAre(Field(&core::ErrorDetail::field, "active")));
  r = accounts_->update_user(as(admin_), admin_.id, {{}, std::vector<std::string>{"mentor"}, {}});
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().details, ElementsAre(Field(&core::ErrorDetail::field, "roles")));
  // Still an active admin.
  auto me = accounts_->get_user(as(admin_), admin_.id);
  ASSERT_TRUE(me);
  EXPECT_TRUE(me->active);
  EXPECT_TRUE(me->roles.has(core::Role::kAdmin));
  // Renaming oneself is fine.
  EXPECT_TRUE(accounts_->update_user(as(admin_), admin_.id, {"Claire M.", {}, {}}));
}

TEST_F(AccountsTest, UpdatingAMissingUserIsNotFound) {
  auto r = accounts_->update_user(as(admin_), 9999, {"Nobody", {}, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(accounts_->get_user(as(admin_), 9999)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(accounts_->set_password(as(admin_), 9999, kPassword)), ErrorKind::kNotFound);
}

// --- passwords -------------------------------------------------------------------------------

TEST_F(AccountsTest, AnAdminSettingSomeonesPasswordEndsTheirSessions) {
  const auto mentor = make_user("mentor@bank.example", "mentor");
  auto login = accounts_->login("mentor@bank.example", kPassword, kClient);
  ASSERT_TRUE(login);
  ASSERT_TRUE(accounts_->set_password(as(admin_), mentor.id, "a brand new passphrase"));
  EXPECT_FALSE(accounts_->authenticate_session(login->session_token));
  EXPECT_FALSE(accounts_->login("mentor@bank.example", kPassword, kClient));
  EXPECT_TRUE(accounts_->login("mentor@bank.example", "a brand new passphrase", kClient));
}

TEST_F(AccountsTest, ChangingOnesOwnPasswordKeepsThisSessionAndEndsTheOthers) {
  const auto mentor = make_user("mentor@bank.example", "mentor");
  auto login = accounts_->login("mentor@bank.example", kPassword, kClient);
  ASSERT_TRUE(login);
  auto stolen = accounts_->login("mentor@bank.example", kPassword, "203.0.113.66");
  ASSERT_TRUE(stolen);
  auto weak = accounts_->set_password(as(mentor), mentor.id, "too short", login->session_token);
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().kind(), ErrorKind::kValidation);
  EXPECT_TRUE(accounts_->authenticate_session(stolen->session_token)) << "a refused change ends nothing";
  // Without the current password, or with a wrong one, nothing changes (ASVS 2.1.6).
  auto bare = accounts_->set_password(as(mentor), mentor.id, "my own new passphrase", login->session_token);
  ASSERT_FALSE(bare);
  EXPECT_THAT(fields_of(bare.error()), ElementsAre(Pair("current_password", HasSubstr("current password is required"))));
  auto wrong = accounts_->set_password(as(mentor), mentor.id, "my own new passphrase", login->session_token,
                                       std::string("not my password at all"));
  ASSERT_FALSE(wrong);
  EXPECT_THAT(fields_of(wrong.error()), ElementsAre(Pair("current_password", "is not your current password")));
  EXPECT_TRUE(accounts_->authenticate_session(stolen->session_token)) << "a refused change ends nothing";
  ASSERT_TRUE(accounts_->set_password(as(mentor), mentor.id, "my own new passphrase",
                                      login->session_token, std::string(kPassword)));
  EXPECT_TRUE(accounts_->authenticate_session(login->session_token));
  EXPECT_FALSE(accounts_->authenticate_session(stolen->session_token));
  // But not someone else's.
  auto other = accounts_->set_password(as(mentor), admin_.id, "hijacked passphrase");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind(), ErrorKind::kForbidden);
  EXPECT_TRUE(accounts_->login("admin@bank.example", kPassword, kClient));
}

TEST_F(AccountsTest, LoginRehashesAPasswordHashedWithOtherParameters) {
  make_user("mentor@bank.example", "mentor");
  const std::string before = stored_hash("mentor@bank.example");
  EXPECT_THAT(before, HasSubstr("m=8,t=1"));

  // The operator raised the cost: the next login upgrades the stored hash.
  const Services upgraded(*db_, clock_, Settings{.password_hashing = {2, 16384}});
  const PasswordHasher& stronger = upgraded.hasher;
  ASSERT_TRUE(stronger.needs_rehash(before));
  auto login = upgraded.accounts.login("mentor@bank.example", kPassword, kClient);
  ASSERT_TRUE(login) << login.error();
  const std::string after = stored_hash("mentor@bank.example");
  EXPECT_NE(after, before);
  EXPECT_THAT(after, HasSubstr("m=16,t=2"));
  EXPECT_TRUE(stronger.verify(after, kPassword));
  EXPECT_FALSE(stronger.needs_rehash(after));
  EXPECT_THAT(audit_entries("auth.login").front().detail, HasSubstr("password_rehashed"));

  // A second login leaves it alone.
  ASSERT_TRUE(upgraded.accounts.login("mentor@bank.example", kPassword, kClient));
  EXPECT_EQ(stored_hash("mentor@bank.example"), after);
}

// --- API tokens ------------------------------------------------------------------------------

TEST_F(AccountsTest, ApiTokensAuthenticateUntilRevoked) {
  const auto mentor = make_user("mentor@bank.example", "mentor");
  auto created = accounts_->create_token(as(admin_), " Mentor@Bank.example", " HR sync ");
  ASSERT_TRUE(created) << created.error();
  EXPECT_TRUE(created->token.starts_with("bnm_"));
  EXPECT_GT(created->id, 0);

  auto who = accounts_->authenticate_bearer(created->token);
  ASSERT_TRUE(who) << who.error();
  EXPECT_EQ(who->user.id, mentor.id);
  EXPECT_FALSE(who->via_session);
  EXPECT_TRUE(who->csrf_token.empty());

  auto listed = accounts_->list_tokens(as(admin_));
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).name, "HR sync");
  EXPECT_EQ(listed->at(0).user_email, "mentor@bank.example");
  EXPECT_EQ(listed->at(0).last_used_at, kStart);
  EXPECT_FALSE(listed->at(0).revoked_at);

  ASSERT_TRUE(accounts_->revoke_token(as(admin_), created->id));
  auto after = accounts_->authenticate_bearer(created->token);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(accounts_->list_tokens(as(admin_))->at(0).revoked_at, kStart);

  EXPECT_FALSE(accounts_->authenticate_bearer("bnm_made-up"));
  EXPECT_EQ(error_kind(accounts_->revoke_token(as(admin_), 999)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(accounts_->create_token(as(admin_), "ghost@bank.example", "x")),
            ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(accounts_->create_token(as(admin_), "mentor@bank.example", "  ")),
            ErrorKind::kValidation);
}

// --- the audit trail -------------------------------------------------------------------------

class AccountsAuditTest : public AccountsTest {
 protected:
  // A little of everything that changes state.
  void SetUp() override {
    AccountsTest::SetUp();
    if (HasFatalFailure()) return;
    const auto mentor = make_user("mentor@bank.example", "mentor");
    ASSERT_FALSE(accounts_->login("mentor@bank.example", "wrong", kClient));
    auto login = accounts_->login("mentor@bank.example", kPassword, kClient);
    ASSERT_TRUE(login);
    accounts_->logout(*accounts_->authenticate_session(login->session_token), login->session_token,
                      kClient);
    ASSERT_TRUE(accounts_->update_user(
        as(admin_), mentor.id, {"Yanis B.", std::vector<std::string>{"mentor", "mentee"}, {}}));
    ASSERT_TRUE(accounts_->set_password(as(admin_), mentor.id, "another good passphrase"));
    auto token = accounts_->create_token(as(admin_), "mentor@bank.example", "sync");
    ASSERT_TRUE(token);
    ASSERT_TRUE(accounts_->revoke_token(as(admin_), token->id));
    ASSERT_FALSE(accounts_->list_users(as(mentor), {}));
  }

  void exec(const std::string& sql) {
    db_->write([&](store::Connection& c) { c.execute_script(sql); });
  }
};

TEST_F(AccountsAuditTest, EveryStateChangeIsRecordedAndTheChainVerifies) {
  const auto entries = audit_entries();
  std::vector<std::string> trail;  // oldest first
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    trail.push_back(it->action + " " + it->outcome);
  EXPECT_THAT(trail, ElementsAre("user.create success", "user.create success", "auth.login failure",
                                 "auth.login success", "auth.logout success", "user.update success",
                                 "user.password success", "token.create success",
                                 "token.revoke success", "user.list denied"));
  // Entries carry who, from where, and when.
  EXPECT_EQ(entries.back().actor, "system:tester");
  EXPECT_EQ(entries.back().source, "cli");
  EXPECT_EQ(entries.back().at, kStart);
  EXPECT_EQ(entries[4].actor, "admin@bank.example");  // user.update
  EXPECT_EQ(entries[4].resource, "user:2");
  EXPECT_THAT(entries[4].detail, HasSubstr(R"("name":"Yanis B.")"));
  // Secrets never reach the log.
  for (const auto& e : entries) {
    EXPECT_THAT(e.detail, ::testing::Not(HasSubstr(kPassword)));
    EXPECT_THAT(e.detail, ::testing::Not(HasSubstr("another good passphrase")));
  }

  const auto v = audit_->verify();
  EXPECT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(v.checked, static_cast<std::int64_t>(entries.size()));
  EXPECT_FALSE(v.bad_id);
}

TEST_F(AccountsAuditTest, AnEditedEntryIsNamed) {
  exec("DROP TRIGGER audit_log_no_update");
  exec("UPDATE audit_log SET outcome = 'success' WHERE id = 3");  // hide the failed login
  const auto v = audit_->verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.bad_id, 3);
  EXPECT_THAT(v.reason, HasSubstr("altered"));
  EXPECT_EQ(v.checked, 3);
}

TEST_F(AccountsAuditTest, AnEntryEditedWithARecomputedHashIsCaughtAtTheNextOne) {
  exec("DROP TRIGGER audit_log_no_update");
  auto e = db_->read([](store::Connection& c) {
    core::AuditEntry found;
    store::audit::scan(c, [&](const core::AuditEntry& x) {
      found = x;
      return x.id < 5;
    });
    return found;
  });
  ASSERT_EQ(e.id, 5);
  e.actor = "someone-else@bank.example";
  const std::string forged = sha256_hex(core::audit_canonical_bytes(e));
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE audit_log SET actor = $1, hash = $2 WHERE id = 5", {e.actor, forged});
  });
  const auto v = audit_->verify();
  EXPECT_EQ(v.bad_id, 6);
  EXPECT_THAT(v.reason, HasSubstr("previous-hash"));
}

TEST_F(AccountsAuditTest, ARemovedEntryIsNamedByItsSuccessor) {
  exec("DROP TRIGGER audit_log_no_delete");
  exec("DELETE FROM audit_log WHERE id = 4");
  const auto v = audit_->verify();
  EXPECT_EQ(v.bad_id, 5);
}

TEST_F(AccountsAuditTest, ATruncatedTailIsDetected) {
  exec("DROP TRIGGER audit_log_no_delete");
  exec("DELETE FROM audit_log WHERE id >= 9");
  const auto v = audit_->verify();
  EXPECT_FALSE(v.ok());
  EXPECT_FALSE(v.bad_id) << "every remaining entry is intact";
  EXPECT_THAT(v.reason, HasSubstr("missing"));
  EXPECT_EQ(v.checked, 8);
}

TEST_F(AccountsAuditTest, TheLogRefusesEditsWhileItsTriggersAreInPlace) {
  EXPECT_THROW(exec("UPDATE audit_log SET actor = 'x' WHERE id = 1"), store::DatabaseError);
  EXPECT_THROW(exec("DELETE FROM audit_log WHERE id = 1"), store::DatabaseError);
  EXPECT_TRUE(audit_->verify().ok());
}

}  // namespace
}  // namespace binome::app
