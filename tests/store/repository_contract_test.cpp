// Repository contract tests: the same suite against SQLite (always) and PostgreSQL (when the
// test harness has started a cluster and BINOME_TEST_PG_URL_FILE names the file holding its
// URL). Every test gets a fresh database, so the tests are independent of each other.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <expected>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "backend_fixture.hpp"
#include "core/audit_chain.hpp"
#include "store/account_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"

namespace binome::store {
namespace {

using core::Role;
using core::RoleSet;

using test_support::backend_name;
using test_support::BackendTest;
using test_support::kNow;

core::User new_user(const std::string& email, const std::string& name = "Someone",
                    RoleSet roles = {Role::kMentor}, bool active = true) {
  core::User u;
  u.email = email;
  u.name = name;
  u.roles = roles;
  u.active = active;
  return u;
}

class RepositoryContract : public BackendTest {
 protected:
  // --- helpers -------------------------------------------------------------------------------

  std::int64_t add_user(const std::string& email, const std::string& name, RoleSet roles,
                        bool active = true, core::Millis at = kNow) {
    return db_->write([&](Connection& c) {
      return users::insert(c, new_user(email, name, roles, active), "hash-of-" + email, at);
    });
  }

  std::vector<std::string> names(const core::UserQuery& f, std::int64_t* total = nullptr) {
    const core::Page<core::User> page = db_->read([&](Connection& c) { return users::list(c, f); });
    if (total) *total = page.total;
    std::vector<std::string> out;
    for (const auto& u : page.items) out.push_back(u.name);
    return out;
  }

  std::int64_t user_count() {
    return db_->read([](Connection& c) { return users::count(c); });
  }
};

// A simple deterministic hash (FNV-1a, 64 bits, hex): the chain logic is the same whatever the
// function; the product uses SHA-256.
std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char ch : data) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ULL;
  }
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kDigits[h & 0xF];
  return out;
}
const core::HashFunction kHash = fnv1a_hex;

// --- migrations ------------------------------------------------------------------------------

TEST_P(RepositoryContract, MigrateAppliesEverythingOnceAndRecordsTheVersion) {
  const std::int64_t latest = latest_schema_version(db_->dialect());
  EXPECT_GE(latest, 1);
  EXPECT_EQ(report_.from_version, 0);
  EXPECT_EQ(report_.to_version, latest);
  ASSERT_FALSE(report_.applied.empty());
  EXPECT_EQ(report_.applied.front(), "0001_foundation.sql");

  const MigrationReport again = migrate(*db_, kNow + 1);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.from_version, latest);
  EXPECT_EQ(again.to_version, latest);

  const auto rows = db_->read([](Connection& c) {
    return c.query("SELECT version, name, applied_at FROM schema_version ORDER BY version");
  });
  ASSERT_EQ(rows.size(), report_.applied.size());
  EXPECT_EQ(rows.front().i64(0), 1);
  EXPECT_EQ(rows.front().text(1), "0001_foundation.sql");
  EXPECT_EQ(rows.front().i64(2), kNow) << "the second run must not rewrite the record";
  EXPECT_EQ(rows.back().i64(0), latest);
}

class FreshDatabase : public RepositoryContract {
 protected:
  bool migrate_in_setup() const override { return false; }
};

TEST_P(FreshDatabase, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
  // Two instances starting together, each with its own connections.
  auto other = open_database(url_, 2);
  MigrationReport a;
  MigrationReport b;
  std::thread t([&] { b = migrate(*other, kNow); });
  a = migrate(*db_, kNow);
  t.join();
  const std::int64_t latest = latest_schema_version(db_->dialect());
  EXPECT_EQ(a.to_version, latest);
  EXPECT_EQ(b.to_version, latest);
  EXPECT_EQ(a.applied.size() + b.applied.size(),
            static_cast<std::size_t>(db_->read([](Connection& c) {
              return c.query_one("SELECT COUNT(*) FROM schema_version")->i64(0);
            })));
  EXPECT_EQ(user_count(), 0);
}

// --- users -----------------------------------------------------------------------------------

TEST_P(RepositoryContract, UsersAreStoredAndFoundByEmailOrId) {
  const std::int64_t id =
      add_user("helene@bank.example", "Hélène Dubois-Martin 🚀", {Role::kAdmin, Role::kSponsor});
  EXPECT_GT(id, 0);
  const auto by_email =
      db_->read([](Connection& c) { return users::find_by_email(c, "helene@bank.example"); });
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->user.id, id);
  EXPECT_EQ(by_email->user.email, "helene@bank.example");
  EXPECT_EQ(by_email->user.name, "Hélène Dubois-Martin 🚀");
  EXPECT_EQ(by_email->user.roles, (RoleSet{Role::kAdmin, Role::kSponsor}));
  EXPECT_TRUE(by_email->user.active);
  EXPECT_EQ(by_email->user.created_at, kNow);
  EXPECT_EQ(by_email->password_hash, "hash-of-helene@bank.example");

  const auto by_id = db_->read([&](Connection& c) { return users::find_by_id(c, id); });
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->user.email, "helene@bank.example");
  EXPECT_EQ(by_id->user.roles, by_email->user.roles);

  const std::int64_t inactive = add_user("old@bank.example", "Old", {Role::kMentee}, false);
  EXPECT_NE(inactive, id);
  EXPECT_FALSE(
      db_->read([&](Connection& c) { return users::find_by_id(c, inactive); })->user.active);
  EXPECT_EQ(user_count(), 2);

  db_->read([&](Connection& c) {
    EXPECT_FALSE(users::find_by_email(c, "nobody@bank.example"));
    // Emails are stored normalised by the application; the repository compares exactly.
    EXPECT_FALSE(users::find_by_email(c, "HELENE@bank.example"));
    EXPECT_FALSE(users::find_by_id(c, id + 100));
  });
}

TEST_P(RepositoryContract, ATakenEmailIsAUniqueViolationAndTheWriteIsUndone) {
  add_user("ada@bank.example", "Ada", {Role::kMentor});
  EXPECT_THROW(db_->write([](Connection& c) {
    users::insert(c, new_user("bob@bank.example", "Bob", {Role::kMentee}), "h", kNow);
    users::insert(c, new_user("ada@bank.example", "Ada 2", {Role::kMentee}), "h", kNow);
  }),
               UniqueViolation);
  EXPECT_EQ(user_count(), 1);
  EXPECT_FALSE(
      db_->read([](Connection& c) { return users::find_by_email(c, "bob@bank.example"); }));
  // The database is still usable afterwards.
  add_user("bob@bank.example", "Bob", {Role::kMentee});
  EXPECT_EQ(user_count(), 2);
}

TEST_P(RepositoryContract, RolesAreReplacedAndProfileAndPasswordUpdated) {
  const std::int64_t id = add_user("ada@bank.example", "Ada", {Role::kMentor, Role::kMentee});
  const std::int64_t other = add_user("bob@bank.example", "Bob", {Role::kMentor});
  auto find = [&](std::int64_t which) {
    return db_->read([&](Connection& c) { return users::find_by_id(c, which); }).value();
  };
  db_->write([&](Connection& c) { users::set_roles(c, id, {Role::kSponsor}); });
  EXPECT_EQ(find(id).user.roles, (RoleSet{Role::kSponsor}));
  db_->write([&](Connection& c) { users::set_roles(c, id, {}); });
  EXPECT_TRUE(find(id).user.roles.empty());
  db_->write([&](Connection& c) { users::set_roles(c, id, {Role::kAdmin, Role::kMentee}); });
  EXPECT_EQ(find(id).user.roles, (RoleSet{Role::kAdmin, Role::kMentee}));
  EXPECT_EQ(find(other).user.roles, (RoleSet{Role::kMentor})) << "another user's roles changed";

  db_->write([&](Connection& c) {
    users::update_profile(c, id, "Ada King", false, kNow + 1);
    users::set_password_hash(c, id, "new-hash", kNow + 2);
  });
  const auto rec = find(id);
  EXPECT_EQ(rec.user.name, "Ada King");
  EXPECT_FALSE(rec.user.active);
  EXPECT_EQ(rec.password_hash, "new-hash");
  EXPECT_EQ(rec.user.created_at, kNow);
  EXPECT_EQ(find(other).user.name, "Bob");
  EXPECT_EQ(find(other).password_hash, "hash-of-bob@bank.example");
}

class UserListing : public RepositoryContract {
 protected:
  void SetUp() override {
    RepositoryContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // Inserted out of name order, so that ordering by id would be visibly wrong.
    add_user("zoe@bank.example", "Zoë Adams", {Role::kMentor}, false);
    add_user("bob@bank.example", "bob martin", {Role::kMentor});
    add_user("eve@corp.example", "Eve", {Role::kMentee});
    add_user("ada@bank.example", "Ada Lovelace", {Role::kAdmin, Role::kMentor});
    add_user("dan@bank.example", "Dan_Under Score", {Role::kSponsor});
    add_user("chloe@bank.example", "Chloé 100% Sure", {Role::kMentee}, false);
  }
  static core::UserQuery query(const std::string& q) {
    core::UserQuery f;
    f.text = q;
    return f;
  }
  using Names = std::vector<std::string>;
};

TEST_P(UserListing, AllUsersOrderedByNameIgnoringCase) {
  std::int64_t total = 0;
  EXPECT_EQ(names({}, &total), (Names{"Ada Lovelace", "bob martin", "Chloé 100% Sure",
                                      "Dan_Under Score", "Eve", "Zoë Adams"}));
  EXPECT_EQ(total, 6);
}

TEST_P(UserListing, QueryIsACaseInsensitiveSubstringOfNameOrEmail) {
  EXPECT_EQ(names(query("ADA")), (Names{"Ada Lovelace", "Zoë Adams"}));
  EXPECT_EQ(names(query("Martin")), (Names{"bob martin"}));
  EXPECT_EQ(names(query("corp.EXAMPLE")), (Names{"Eve"}));  // matched on the email
  EXPECT_EQ(names(query("@bank.example")).size(), 5u);
  EXPECT_EQ(names(query("Chloé")), (Names{"Chloé 100% Sure"}));
  EXPECT_TRUE(names(query("nobody")).empty());
}

TEST_P(UserListing, PercentAndUnderscoreInAQueryAreLiteral) {
  std::int64_t total = -1;
  EXPECT_EQ(names(query("%"), &total), (Names{"Chloé 100% Sure"}));
  EXPECT_EQ(total, 1);
  EXPECT_EQ(names(query("100%")), (Names{"Chloé 100% Sure"}));
  EXPECT_EQ(names(query("_")), (Names{"Dan_Under Score"}));
  EXPECT_TRUE(names(query("b_m")).empty()) << "'_' matched any character";  // "bob martin"
  EXPECT_TRUE(names(query("a%s")).empty()) << "'%' matched any text";       // "Ada Lovelace"
  EXPECT_TRUE(names(query("\\")).empty());
}

TEST_P(UserListing, FiltersOnRoleAndActiveFlag) {
  core::UserQuery f;
  f.role = Role::kMentor;
  EXPECT_EQ(names(f), (Names{"Ada Lovelace", "bob martin", "Zoë Adams"}));
  f.role = Role::kAdmin;
  EXPECT_EQ(names(f), (Names{"Ada Lovelace"}));
  f = {};
  f.active = false;
  EXPECT_EQ(names(f), (Names{"Chloé 100% Sure", "Zoë Adams"}));
  f.active = true;
  EXPECT_EQ(names(f).size(), 4u);
  f.role = Role::kMentee;
  std::int64_t total = 0;
  EXPECT_EQ(names(f, &total), (Names{"Eve"}));
  EXPECT_EQ(total, 1);
  f.text = "zzz";
  EXPECT_TRUE(names(f, &total).empty());
  EXPECT_EQ(total, 0);
}

TEST_P(UserListing, PagesCoverEveryoneOnceWithTheFullTotalAndTheirRoles) {
  core::UserQuery f;
  f.page.limit = 4;
  std::int64_t total = 0;
  const auto first = db_->read([&](Connection& c) { return users::list(c, f); });
  EXPECT_EQ(first.total, 6);
  ASSERT_EQ(first.items.size(), 4u);
  EXPECT_EQ(first.items[0].name, "Ada Lovelace");
  EXPECT_EQ(first.items[0].roles, (RoleSet{Role::kAdmin, Role::kMentor}));
  EXPECT_EQ(first.items[3].roles, (RoleSet{Role::kSponsor}));
  EXPECT_EQ(first.items[3].email, "dan@bank.example");
  f.page.offset = 4;
  const auto second = db_->read([&](Connection& c) { return users::list(c, f); });
  EXPECT_EQ(second.total, 6);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_EQ(second.items[1].name, "Zoë Adams");
  EXPECT_EQ(second.items[1].roles, (RoleSet{Role::kMentor}));
  EXPECT_FALSE(second.items[1].active);
  f.page.offset = 6;
  EXPECT_TRUE(names(f, &total).empty());
  EXPECT_EQ(total, 6);
  f.page.offset = 1;
  f.page.limit = 2;
  EXPECT_EQ(names(f), (Names{"bob martin", "Chloé 100% Sure"}));
}

// French names start with capitals the ASCII rules do not know: a search for "élodie" or
// "ELODIE" finds "Élodie", and both backends agree (search_text is folded by the application).
TEST_P(UserListing, QueryIgnoresTheCaseOfAccentedLetters) {
  add_user("elodie@bank.example", "Élodie Durand", {Role::kMentee});
  EXPECT_EQ(names(query("élodie")), (Names{"Élodie Durand"}));
  EXPECT_EQ(names(query("ÉLODIE")), (Names{"Élodie Durand"}));
  EXPECT_EQ(names(query("elodie")), (Names{"Élodie Durand"}));
}

// --- sessions --------------------------------------------------------------------------------

TEST_P(RepositoryContract, SessionsAreStoredTouchedAndRemoved) {
  const std::int64_t ada = add_user("ada@bank.example", "Ada", {Role::kMentor});
  const std::int64_t bob = add_user("bob@bank.example", "Bob", {Role::kMentee});
  db_->write([&](Connection& c) {
    sessions::insert(c, {"s1", ada, "csrf-1", kNow, kNow}, "192.0.2.1");
    sessions::insert(c, {"s2", ada, "csrf-2", kNow + 5, kNow + 5}, "192.0.2.2");
    sessions::insert(c, {"s3", bob, "csrf-3", kNow, kNow}, "192.0.2.3");
  });
  auto find = [&](const std::string& h) {
    return db_->read([&](Connection& c) { return sessions::find(c, h); });
  };
  const auto s1 = find("s1");
  ASSERT_TRUE(s1);
  EXPECT_EQ(s1->token_hash, "s1");
  EXPECT_EQ(s1->user_id, ada);
  EXPECT_EQ(s1->csrf_token, "csrf-1");
  EXPECT_EQ(s1->created_at, kNow);
  EXPECT_EQ(s1->last_seen_at, kNow);
  EXPECT_FALSE(find("nope"));

  db_->write([&](Connection& c) { sessions::touch(c, "s1", kNow + 60'000); });
  EXPECT_EQ(find("s1")->last_seen_at, kNow + 60'000);
  EXPECT_EQ(find("s1")->created_at, kNow);
  EXPECT_EQ(find("s2")->last_seen_at, kNow + 5);

  db_->write([&](Connection& c) { sessions::remove(c, "s1"); });
  EXPECT_FALSE(find("s1"));
  EXPECT_TRUE(find("s2"));
  EXPECT_EQ(db_->write([&](Connection& c) { return sessions::remove_for_user(c, ada); }), 1);
  EXPECT_FALSE(find("s2"));
  EXPECT_TRUE(find("s3")) << "another user's session was removed";
  EXPECT_EQ(db_->write([&](Connection& c) { return sessions::remove_for_user(c, ada); }), 0);
}

TEST_P(RepositoryContract, ASessionNeedsAUserAndAUniqueToken) {
  const std::int64_t ada = add_user("ada@bank.example", "Ada", {Role::kMentor});
  EXPECT_THROW(db_->write([&](Connection& c) {
    sessions::insert(c, {"orphan", ada + 100, "csrf", kNow, kNow}, "local");
  }),
               DatabaseError);
  db_->write([&](Connection& c) { sessions::insert(c, {"s1", ada, "a", kNow, kNow}, "local"); });
  EXPECT_THROW(db_->write([&](Connection& c) {
    sessions::insert(c, {"s1", ada, "b", kNow, kNow}, "local");
  }),
               UniqueViolation);
  EXPECT_EQ(db_->read([](Connection& c) { return sessions::find(c, "s1"); })->csrf_token, "a");
}

// --- API tokens ------------------------------------------------------------------------------

TEST_P(RepositoryContract, TokensAreFoundWhileActiveAndListedAfterRevocation) {
  const std::int64_t ada = add_user("ada@bank.example", "Ada", {Role::kAdmin});
  const std::int64_t bob = add_user("bob@bank.example", "Bob", {Role::kMentor});
  const auto [t1, t2] = db_->write([&](Connection& c) {
    return std::pair{tokens::insert(c, ada, "CI", "hash-1", kNow),
                     tokens::insert(c, bob, "HR sync", "hash-2", kNow + 1)};
  });
  EXPECT_NE(t1, t2);

  auto active = db_->read([](Connection& c) { return tokens::find_active_by_hash(c, "hash-1"); });
  ASSERT_TRUE(active);
  EXPECT_EQ(active->id, t1);
  EXPECT_EQ(active->user_id, ada);
  EXPECT_EQ(active->user_email, "ada@bank.example");
  EXPECT_EQ(active->name, "CI");
  EXPECT_EQ(active->created_at, kNow);
  EXPECT_FALSE(active->last_used_at);
  EXPECT_FALSE(active->revoked_at);
  EXPECT_FALSE(db_->read([](Connection& c) { return tokens::find_active_by_hash(c, "hash-3"); }));

  db_->write([&](Connection& c) { tokens::mark_used(c, t1, kNow + 10); });
  EXPECT_EQ(db_->read([&](Connection& c) { return tokens::find_by_id(c, t1); })->last_used_at,
            kNow + 10);

  EXPECT_TRUE(db_->write([&](Connection& c) { return tokens::revoke(c, t1, kNow + 20); }));
  EXPECT_FALSE(db_->write([&](Connection& c) { return tokens::revoke(c, t1, kNow + 30); }))
      << "revoking twice reports nothing changed";
  EXPECT_FALSE(db_->write([&](Connection& c) { return tokens::revoke(c, t2 + 100, kNow); }));
  EXPECT_FALSE(db_->read([](Connection& c) { return tokens::find_active_by_hash(c, "hash-1"); }));
  const auto revoked = db_->read([&](Connection& c) { return tokens::find_by_id(c, t1); });
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->revoked_at, kNow + 20) << "the first revocation time is kept";

  const auto all = db_->read([](Connection& c) { return tokens::list(c); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, t1);
  EXPECT_EQ(all[0].revoked_at, kNow + 20);
  EXPECT_EQ(all[1].id, t2);
  EXPECT_EQ(all[1].user_email, "bob@bank.example");
  EXPECT_FALSE(all[1].revoked_at);

  EXPECT_THROW(db_->write([&](Connection& c) { tokens::insert(c, bob, "dup", "hash-2", kNow); }),
               UniqueViolation);
}

// --- login failures --------------------------------------------------------------------------

TEST_P(RepositoryContract, LoginFailuresAreCountedInAWindowClearedAndPruned) {
  db_->write([](Connection& c) {
    for (core::Millis at : {100, 200, 300}) login_failures::record(c, "account:ada", at);
    login_failures::record(c, "client:192.0.2.1", 150);
  });
  auto since = [&](const std::string& key, core::Millis from) {
    return db_->read([&](Connection& c) { return login_failures::since(c, key, from); });
  };
  EXPECT_EQ(since("account:ada", 0).count, 3);
  EXPECT_EQ(since("account:ada", 0).oldest, 100);
  EXPECT_EQ(since("account:ada", 200).count, 2) << "the window includes its start";
  EXPECT_EQ(since("account:ada", 200).oldest, 200);
  EXPECT_EQ(since("account:ada", 301).count, 0);
  EXPECT_EQ(since("account:ada", 301).oldest, 0);
  EXPECT_EQ(since("account:bob", 0).count, 0);
  EXPECT_EQ(since("client:192.0.2.1", 0).count, 1);

  db_->write([](Connection& c) { login_failures::prune(c, 200); });
  EXPECT_EQ(since("account:ada", 0).count, 2) << "only failures before 200 are dropped";
  EXPECT_EQ(since("account:ada", 0).oldest, 200);
  EXPECT_EQ(since("client:192.0.2.1", 0).count, 0);

  db_->write([](Connection& c) {
    login_failures::record(c, "client:192.0.2.1", 400);
    login_failures::clear(c, "account:ada");
  });
  EXPECT_EQ(since("account:ada", 0).count, 0);
  EXPECT_EQ(since("client:192.0.2.1", 0).count, 1) << "clear touched another key";
}

// --- audit log -------------------------------------------------------------------------------

core::AuditEntry entry(core::Millis at, const std::string& actor, const std::string& action,
                       const std::string& detail = "{}") {
  core::AuditEntry e;
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.resource = "user:1";
  e.source = "api";
  e.client = "192.0.2.1";
  e.outcome = "success";
  e.detail = detail;
  return e;
}

std::vector<std::int64_t> ids(const core::Page<core::AuditEntry>& page) {
  std::vector<std::int64_t> out;
  for (const auto& e : page.items) out.push_back(e.id);
  return out;
}

class AuditLogContract : public RepositoryContract {
 protected:
  void SetUp() override {
    RepositoryContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    genesis_head_ = db_->read([](Connection& c) { return audit::head_hash(c); });
    const std::vector<core::AuditEntry> to_append = {
        entry(kNow, "admin@bank.example", "user.create", R"({"name":"Hélène \"H\""})"),
        entry(kNow + 1000, "admin@bank.example", "user.update"),
        entry(kNow + 2000, "mentor@bank.example", "auth.login"),
        entry(kNow + 3000, "admin@bank.example", "users.export"),
        entry(kNow + 4000, "system:ops", "user"),
    };
    for (const auto& e : to_append) {
      appended_.push_back(db_->write([&](Connection& c) { return audit::append(c, e, kHash); }));
    }
  }
  core::Page<core::AuditEntry> list(core::AuditQuery f) {
    return db_->read([&](Connection& c) { return audit::list(c, f); });
  }
  std::string genesis_head_;
  std::vector<core::AuditEntry> appended_;
};

TEST_P(AuditLogContract, AppendChainsEachEntryToThePreviousOne) {
  EXPECT_EQ(genesis_head_, core::kAuditGenesisHash);
  std::string prev(core::kAuditGenesisHash);
  for (std::size_t i = 0; i < appended_.size(); ++i) {
    const auto& e = appended_[i];
    EXPECT_EQ(e.id, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.hash, fnv1a_hex(core::audit_canonical_bytes(e)));
    prev = e.hash;
  }
  EXPECT_EQ(db_->read([](Connection& c) { return audit::head_hash(c); }), appended_.back().hash);
}

TEST_P(AuditLogContract, StoredEntriesReadBackExactly) {
  const auto page = list({});
  ASSERT_EQ(page.items.size(), appended_.size());
  const auto& first = page.items.back();
  const auto& written = appended_.front();
  EXPECT_EQ(first.id, written.id);
  EXPECT_EQ(first.at, written.at);
  EXPECT_EQ(first.actor, written.actor);
  EXPECT_EQ(first.action, written.action);
  EXPECT_EQ(first.resource, written.resource);
  EXPECT_EQ(first.source, written.source);
  EXPECT_EQ(first.client, written.client);
  EXPECT_EQ(first.outcome, written.outcome);
  EXPECT_EQ(first.detail, R"({"name":"Hélène \"H\""})");
  EXPECT_EQ(first.prev_hash, written.prev_hash);
  EXPECT_EQ(first.hash, written.hash);
}

TEST_P(AuditLogContract, ListFiltersNewestFirstWithTotal) {
  auto all = list({});
  EXPECT_EQ(ids(all), (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
  EXPECT_EQ(all.total, 5);

  core::AuditQuery f;
  f.actor = "admin@bank.example";
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{4, 2, 1}));
  f.actor = "ADMIN@bank";  // a part of the email, case ignored
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{4, 2, 1}));
  f.actor = "system";  // the command line
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{5}));
  f.actor = "nobody";
  EXPECT_TRUE(list(f).items.empty());
  f.actor = "%";  // LIKE's wildcards are text
  EXPECT_TRUE(list(f).items.empty());
  // A user's name finds their entries, accents and case ignored.
  f.actor = "elodie morel";
  EXPECT_TRUE(list(f).items.empty()) << "no such user yet";
  db_->write([](Connection& c) {
    users::insert(c, core::User{0, "admin@bank.example", "Élodie Morel", {core::Role::kAdmin}, true, kNow}, "hash",
                  kNow);
  });
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{4, 2, 1}));
  f.actor = "MOREL";
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{4, 2, 1}));

  f = {};
  f.action = "user.create";
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{1}));
  f.action = "user.";  // a prefix: not "users.export", not "user"
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{2, 1}));
  f.action = "user";  // exact
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{5}));
  f.action = "user.c";  // no dot at the end: exact, so nothing
  EXPECT_TRUE(list(f).items.empty());

  f = {};
  f.from = kNow + 1000;
  f.to = kNow + 3000;
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{4, 3, 2})) << "bounds are inclusive";
  f.to.reset();
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{5, 4, 3, 2}));
  f.from.reset();
  f.to = kNow;
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{1}));

  f = {};
  f.actor = "admin@bank.example";
  f.action = "user.";
  f.from = kNow + 1;
  EXPECT_EQ(ids(list(f)), (std::vector<std::int64_t>{2}));
}

TEST_P(AuditLogContract, ListPagesKeepTheTotal) {
  core::AuditQuery f;
  f.page.limit = 2;
  f.page.offset = 1;
  const auto page = list(f);
  EXPECT_EQ(ids(page), (std::vector<std::int64_t>{4, 3}));
  EXPECT_EQ(page.total, 5);
  f.page.offset = 5;
  EXPECT_TRUE(list(f).items.empty());
  EXPECT_EQ(list(f).total, 5);
}

TEST_P(AuditLogContract, ScanVisitsInIdOrderAndStopsWhenAsked) {
  std::vector<std::int64_t> seen;
  db_->read([&](Connection& c) {
    audit::scan(c, [&](const core::AuditEntry& e) {
      seen.push_back(e.id);
      return true;
    });
  });
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  seen.clear();
  db_->read([&](Connection& c) {
    audit::scan(c, [&](const core::AuditEntry& e) {
      seen.push_back(e.id);
      return e.id < 2;
    });
  });
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
}

TEST_P(AuditLogContract, ScanCrossesBatchBoundariesAndTheChainHolds) {
  // The scan reads in batches of 1000: 1001 entries need a second batch of one.
  db_->write([](Connection& c) {
    for (int i = 0; i < 996; ++i)
      audit::append(c, entry(kNow + 5000 + i, "bulk", "bulk.add"), kHash);
  });
  core::AuditChainChecker checker(kHash);
  std::int64_t expected_id = 0;
  std::optional<std::string> problem;
  db_->read([&](Connection& c) {
    audit::scan(c, [&](const core::AuditEntry& e) {
      if (e.id != ++expected_id) problem = "id " + std::to_string(e.id) + " out of order";
      if (auto why = checker.check(e)) problem = *why;
      return !problem;
    });
    if (!problem) problem = checker.check_head(audit::head_hash(c));
  });
  EXPECT_FALSE(problem) << *problem;
  EXPECT_EQ(checker.count(), 1001);
  EXPECT_EQ(expected_id, 1001);
}

TEST_P(AuditLogContract, AnAppendRolledBackLeavesNoTrace) {
  EXPECT_THROW(db_->write([](Connection& c) {
    audit::append(c, entry(kNow, "x", "y"), kHash);
    throw std::runtime_error("the change failed");
  }),
               std::runtime_error);
  EXPECT_EQ(db_->read([](Connection& c) { return audit::head_hash(c); }), appended_.back().hash);
  const auto next =
      db_->write([](Connection& c) { return audit::append(c, entry(kNow, "x", "y"), kHash); });
  EXPECT_EQ(next.id, 6) << "no gap in the ids";
  EXPECT_EQ(next.prev_hash, appended_.back().hash);
}

// --- transactions ----------------------------------------------------------------------------

TEST_P(RepositoryContract, AWriteThatThrowsIsRolledBack) {
  struct Boom : std::runtime_error {
    Boom() : std::runtime_error("boom") {}
  };
  EXPECT_THROW(db_->write([](Connection& c) {
    users::insert(c, new_user("ada@bank.example", "Ada", {Role::kMentor}), "h", kNow);
    throw Boom();
  }),
               Boom);
  EXPECT_EQ(user_count(), 0);
  // Committed writes land.
  db_->write([](Connection& c) {
    users::insert(c, new_user("ada@bank.example", "Ada", {Role::kMentor}), "h", kNow);
  });
  EXPECT_EQ(user_count(), 1);
}

TEST_P(RepositoryContract, AWriteReturningAnErrorIsRolledBackAndTheErrorReturned) {
  using Outcome = std::expected<std::int64_t, std::string>;
  const Outcome failed = db_->write([](Connection& c) -> Outcome {
    users::insert(c, new_user("ada@bank.example", "Ada", {Role::kMentor}), "h", kNow);
    return std::unexpected("the email is on a deny list");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), "the email is on a deny list");
  EXPECT_EQ(user_count(), 0);

  const Outcome ok = db_->write([](Connection& c) -> Outcome {
    return users::insert(c, new_user("bob@bank.example", "Bob", {Role::kMentor}), "h", kNow);
  });
  ASSERT_TRUE(ok);
  EXPECT_EQ(user_count(), 1);
  EXPECT_EQ(
      db_->read([](Connection& c) { return users::find_by_email(c, "bob@bank.example"); })->user.id,
      *ok);
}

TEST_P(RepositoryContract, AFailedStatementDoesNotPoisonTheNextTransaction) {
  EXPECT_THROW(db_->write([](Connection& c) { c.execute("INSERT INTO no_such_table VALUES (1)"); }),
               DatabaseError);
  EXPECT_THROW(db_->read([](Connection& c) { return c.query("SELEC 1"); }), DatabaseError);
  add_user("ada@bank.example", "Ada", {Role::kMentor});
  EXPECT_EQ(user_count(), 1);
  EXPECT_TRUE(db_->ping());
}

// Each writer inserts users and appends to the audit log; every write must land and the
// chain must stay whole.
void run_writers(Database& a, Database& b, int per_writer) {
  auto writer = [per_writer](Database& db, const std::string& who) {
    for (int i = 0; i < per_writer; ++i) {
      db.write([&](Connection& c) {
        const std::string email = who + std::to_string(i) + "@bank.example";
        users::insert(c, new_user(email), "h", kNow);
        audit::append(c, entry(kNow + i, who, "user.create"), kHash);
      });
    }
  };
  std::exception_ptr failure;
  std::thread t([&] {
    try {
      writer(b, "b");
    } catch (...) {
      failure = std::current_exception();
    }
  });
  writer(a, "a");
  t.join();
  if (failure) std::rethrow_exception(failure);
}

TEST_P(RepositoryContract, TwoConcurrentWritersBothLand) {
  run_writers(*db_, *db_, 25);
  EXPECT_EQ(user_count(), 50);
  core::AuditChainChecker checker(kHash);
  std::optional<std::string> problem;
  db_->read([&](Connection& c) {
    audit::scan(c, [&](const core::AuditEntry& e) {
      problem = checker.check(e);
      return !problem;
    });
    if (!problem) problem = checker.check_head(audit::head_hash(c));
  });
  EXPECT_FALSE(problem) << *problem;
  EXPECT_EQ(checker.count(), 50);
}

TEST_P(RepositoryContract, TwoInstancesWritingAtOnceBothLand) {
  // Like two `binome serve` processes on one database: no shared in-process lock.
  auto other = open_database(url_, 2);
  run_writers(*db_, *other, 20);
  EXPECT_EQ(user_count(), 40);
  core::AuditChainChecker checker(kHash);
  std::optional<std::string> problem;
  db_->read([&](Connection& c) {
    audit::scan(c, [&](const core::AuditEntry& e) {
      problem = checker.check(e);
      return !problem;
    });
    if (!problem) problem = checker.check_head(audit::head_hash(c));
  });
  EXPECT_FALSE(problem) << *problem;
  EXPECT_EQ(checker.count(), 40);
}

// --- values through the driver ---------------------------------------------------------------

TEST_P(RepositoryContract, ValuesRoundTripThroughTheDriver) {
  const std::string text = "Hélène \"quoted\" 'single' $1 ? 🚀";
  const auto row = db_->read([&](Connection& c) {
    return c.query_one(
        "SELECT CAST($1 AS BIGINT), NULL, CAST($2 AS TEXT), 2.5, CAST($3 AS BIGINT), "
        "CAST($4 AS TEXT)",
        {std::int64_t{9'007'199'254'740'993}, text, std::int64_t{INT64_MIN}, Value{}});
  });
  ASSERT_TRUE(row);
  ASSERT_EQ(row->size(), 6u);
  EXPECT_EQ(row->i64(0), 9'007'199'254'740'993) << "integers beyond a double's precision";
  EXPECT_TRUE(row->is_null(1));
  EXPECT_EQ(row->opt_i64(1), std::nullopt);
  EXPECT_EQ(row->opt_text(1), std::nullopt);
  EXPECT_EQ(row->text(2), text);
  EXPECT_DOUBLE_EQ(row->f64(3), 2.5);
  EXPECT_EQ(row->i64(4), INT64_MIN);
  EXPECT_TRUE(row->is_null(5)) << "a monostate parameter is NULL";
  EXPECT_FALSE(db_->read([](Connection& c) { return c.query_one("SELECT 1 WHERE 1 = 0"); }));
}

TEST_P(RepositoryContract, ExecuteReportsRowsChanged) {
  add_user("ada@bank.example", "Ada", {Role::kMentor});
  add_user("bob@bank.example", "Bob", {Role::kMentor});
  EXPECT_EQ(db_->write([](Connection& c) {
    return c.execute("UPDATE users SET name = $1 WHERE email LIKE $2", {"X", "%@bank.example"});
  }),
            2);
  EXPECT_EQ(db_->write([](Connection& c) {
    return c.execute("UPDATE users SET name = $1 WHERE id < 0", {"X"});
  }),
            0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryContract, ::testing::Values("sqlite", "postgresql"),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, FreshDatabase, ::testing::Values("sqlite", "postgresql"),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, UserListing, ::testing::Values("sqlite", "postgresql"),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, AuditLogContract, ::testing::Values("sqlite", "postgresql"),
                         backend_name);

// --- pure pieces -----------------------------------------------------------------------------

TEST(Row, AccessorsConvertAndRefuseWhatTheyCannot) {
  Row row;
  for (const std::optional<std::string>& cell : std::vector<std::optional<std::string>>{
           "42", std::nullopt, "x", "3.5", "-7", "", "42abc", "9223372036854775808"}) {
    cell ? row.add(*cell) : row.add_null();
  }
  EXPECT_EQ(row.size(), 8u);
  EXPECT_EQ(row.i64(0), 42);
  EXPECT_EQ(row.text(0), "42");
  EXPECT_EQ(row.opt_i64(0), 42);
  EXPECT_EQ(row.opt_text(0), "42");
  EXPECT_TRUE(row.is_null(1));
  EXPECT_FALSE(row.is_null(0));
  EXPECT_THROW(row.text(1), DatabaseError);
  EXPECT_THROW(row.i64(1), DatabaseError);
  EXPECT_EQ(row.opt_i64(1), std::nullopt);
  EXPECT_THROW(row.i64(2), DatabaseError);
  EXPECT_DOUBLE_EQ(row.f64(3), 3.5);
  EXPECT_EQ(row.i64(4), -7);
  EXPECT_THROW(row.i64(5), DatabaseError);
  EXPECT_THROW(row.i64(6), DatabaseError);
  EXPECT_THROW(row.i64(7), DatabaseError) << "out of range";
  EXPECT_THROW(row.text(8), std::out_of_range);
}

TEST(OpenDatabase, RefusesUnknownUrlsAndHidesPasswords) {
  try {
    open_database("mysql://root:hunter2@db/binome");
    FAIL() << "a MySQL URL was accepted";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sqlite:PATH"), std::string::npos) << e.what();
  }
  EXPECT_THROW(open_database("sqlite:"), DatabaseError);
  try {
    // Port 1 on the loopback: refused at once.
    open_database("postgresql://binome:hunter2@127.0.0.1:1/binome", 1);
    FAIL() << "connected to nothing";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("***"), std::string::npos) << e.what();
  }
  EXPECT_EQ(redact_url("postgresql://u:secret@h:5432/db"), "postgresql://u:***@h:5432/db");
  EXPECT_EQ(redact_url("postgres://u@h/db"), "postgres://u@h/db");
  EXPECT_EQ(redact_url("sqlite:/var/lib/binome.db"), "sqlite:/var/lib/binome.db");
  EXPECT_EQ(redact_url("postgresq://u:secret@h/db"), "postgresq://u:***@h/db") << "a typo";
}

}  // namespace
}  // namespace binome::store
