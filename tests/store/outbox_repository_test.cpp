// The outbox's repository and the account links, on SQLite and PostgreSQL: a message exists
// only if its transaction committed; claims take the oldest due message once, skip messages
// not yet due, and take back one whose claim lapsed; an attempt ends only for the worker that
// holds it; a failed message can be sent again. A link works once, until it expires, and a new
// one voids the old.
#include "store/outbox_repository.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "backend_fixture.hpp"
#include "store/account_repository.hpp"

namespace binome::store {
namespace {

using test_support::backend_name;
using test_support::BackendTest;
using test_support::kNow;

constexpr core::Millis kMailLease = 60'000;

class OutboxRepository : public BackendTest {
 protected:
  static core::NewMail mail(const std::string& to) {
    core::NewMail m;
    m.kind = "mail.test";
    m.to_email = to;
    m.to_name = "Zoé Lefèvre";
    m.language = core::Language::kFrench;
    m.subject = "Message d’essai";
    m.text = "Bonjour {{link}}";
    m.html = "<p>Bonjour</p>";
    m.link = core::SecretLink{core::LinkPurpose::kActivation, "nonce", kNow + 1000};
    m.attachment = core::MailAttachment{"a.ics", "text/calendar", "QkVHSU4="};
    return m;
  }
  std::int64_t queue(const std::string& to, core::Millis at = kNow) {
    return db_->write([&](Connection& c) { return outbox::insert(c, mail(to), "<" + to + "@test>", at); });
  }
  std::optional<outbox::StoredMail> claim(const std::string& worker, core::Millis now = kNow) {
    return db_->write([&](Connection& c) { return outbox::claim(c, worker, now, now + kMailLease); });
  }
  core::OutboxMessage message(std::int64_t id) {
    return db_->read([&](Connection& c) { return outbox::find(c, id); })->message;
  }
};

TEST_P(OutboxRepository, AMessageIsStoredAsWrittenWithItsLinkAndAttachment) {
  const auto id = queue("zoe@bank.example");
  const auto stored = db_->read([&](Connection& c) { return outbox::find(c, id); });
  ASSERT_TRUE(stored);
  const core::OutboxMessage& m = stored->message;
  EXPECT_EQ(m.mail.to_name, "Zoé Lefèvre");
  EXPECT_EQ(m.mail.language, core::Language::kFrench);
  EXPECT_EQ(m.mail.subject, "Message d’essai");
  EXPECT_EQ(m.mail.link, mail("").link);
  ASSERT_TRUE(m.mail.attachment);
  EXPECT_EQ(m.mail.attachment->file_name, "a.ics");
  EXPECT_EQ(stored->attachment_base64, "QkVHSU4=");
  EXPECT_EQ(m.status, core::MailStatus::kPending);
  EXPECT_EQ(m.message_id, "<zoe@bank.example@test>");
}

TEST_P(OutboxRepository, AMessageQueuedInATransactionThatRollsBackDoesNotExist) {
  EXPECT_THROW(db_->write([&](Connection& c) {
                 outbox::insert(c, mail("a@bank.example"), "<a@test>", kNow);
                 throw std::runtime_error("the change failed");
               }),
               std::runtime_error);
  EXPECT_EQ(db_->read([&](Connection& c) { return outbox::list(c, {}); }).total, 0);
  EXPECT_FALSE(claim("w:1"));
}

TEST_P(OutboxRepository, ClaimsTakeTheOldestDueMessageOnceAndTakeBackALapsedClaim) {
  const auto first = queue("a@bank.example");
  const auto second = queue("b@bank.example");
  queue("later@bank.example", kNow + 10'000);  // not due yet
  EXPECT_EQ(claim("w:1")->message.id, first);
  EXPECT_EQ(claim("w:2")->message.id, second);
  EXPECT_FALSE(claim("w:3"));
  // w:1 died: once its claim lapses, another takes the message, its attempts counted.
  const auto again = claim("w:4", kNow + kMailLease + 1);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->message.id, first);
  EXPECT_EQ(again->message.attempts, 2);
  // The first worker's late report changes nothing.
  EXPECT_FALSE(db_->write([&](Connection& c) { return outbox::mark_sent(c, first, "w:1", kNow); }));
  EXPECT_TRUE(db_->write([&](Connection& c) { return outbox::mark_sent(c, first, "w:4", kNow); }));
  EXPECT_EQ(message(first).status, core::MailStatus::kSent);
}

TEST_P(OutboxRepository, ARetryWaitsForItsTimeAndAFailedMessageCanBeSentAgain) {
  const auto id = queue("a@bank.example");
  ASSERT_TRUE(claim("w:1"));
  EXPECT_TRUE(db_->write([&](Connection& c) { return outbox::mark_retry(c, id, "w:1", "451 busy", kNow + 5000, kNow); }));
  EXPECT_EQ(db_->read([&](Connection& c) { return outbox::next_due(c); }), kNow + 5000);
  EXPECT_FALSE(claim("w:2", kNow + 4999));
  ASSERT_TRUE(claim("w:3", kNow + 5000));
  EXPECT_TRUE(db_->write([&](Connection& c) { return outbox::mark_failed(c, id, "w:3", "550 no such user", kNow); }));
  EXPECT_EQ(message(id).status, core::MailStatus::kFailed);
  EXPECT_EQ(message(id).last_error, "550 no such user");
  EXPECT_FALSE(claim("w:4", kNow + 100'000));
  EXPECT_TRUE(db_->write([&](Connection& c) { return outbox::retry(c, id, kNow); }));
  EXPECT_FALSE(db_->write([&](Connection& c) { return outbox::retry(c, id, kNow); })) << "only a failed one";
  const auto retried = claim("w:5", kNow + 1);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->message.attempts, 1) << "a fresh round of attempts";
}

TEST_P(OutboxRepository, ListsFilterByStatusAndKindNewestFirst) {
  const auto a = queue("a@bank.example");
  const auto b = queue("b@bank.example");
  ASSERT_TRUE(claim("w:1"));
  db_->write([&](Connection& c) { return outbox::mark_sent(c, a, "w:1", kNow); });
  core::OutboxQuery q;
  auto all = db_->read([&](Connection& c) { return outbox::list(c, q); });
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.items[0].message.id, b);
  q.status = core::MailStatus::kSent;
  EXPECT_EQ(db_->read([&](Connection& c) { return outbox::list(c, q); }).total, 1);
  q = {};
  q.kind = "account.activation";
  EXPECT_EQ(db_->read([&](Connection& c) { return outbox::list(c, q); }).total, 0);
}

TEST_P(OutboxRepository, ALinkWorksOnceUntilItExpiresAndANewOneVoidsTheOld) {
  const auto user = db_->write([&](Connection& c) {
    core::User u;
    u.email = "new@bank.example";
    u.name = "New";
    u.roles = core::RoleSet{core::Role::kMentee};
    return users::insert(c, u, "", kNow);
  });
  const auto purpose = core::LinkPurpose::kActivation;
  db_->write([&](Connection& c) { account_links::insert(c, user, purpose, "hash-1", kNow, kNow + 1000); });
  EXPECT_FALSE(db_->read([&](Connection& c) { return account_links::find_usable(c, "hash-1", purpose, kNow + 1000); }))
      << "expired";
  EXPECT_FALSE(db_->read([&](Connection& c) {
    return account_links::find_usable(c, "hash-1", core::LinkPurpose::kPasswordReset, kNow);
  })) << "another purpose";
  db_->write([&](Connection& c) { account_links::insert(c, user, purpose, "hash-2", kNow + 10, kNow + 1000); });
  EXPECT_FALSE(db_->read([&](Connection& c) { return account_links::find_usable(c, "hash-1", purpose, kNow); }))
      << "voided by the newer link";
  const auto link = db_->read([&](Connection& c) { return account_links::find_usable(c, "hash-2", purpose, kNow); });
  ASSERT_TRUE(link);
  EXPECT_EQ(link->user_id, user);
  EXPECT_TRUE(db_->write([&](Connection& c) { return account_links::use(c, link->id, kNow); }));
  EXPECT_FALSE(db_->write([&](Connection& c) { return account_links::use(c, link->id, kNow); }));
  EXPECT_FALSE(db_->read([&](Connection& c) { return account_links::find_usable(c, "hash-2", purpose, kNow); }));
  EXPECT_EQ(db_->read([&](Connection& c) { return account_links::newest(c, user, purpose); }), kNow + 10);
  EXPECT_FALSE(db_->read([&](Connection& c) { return users::find_by_id(c, user); })->user.activated);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxRepository, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace binome::store
