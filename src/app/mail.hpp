// E-mail (core/mail.hpp): the outbox that use cases write to in their own transaction, the
// secret links that messages carry, the admins' view of the outbox, and the delivery workers
// of `binome serve` that send it over SMTP.
//
//   // in a use case's write transaction, once its checks passed:
//   mail_.queue(c, core::account_link_mail(mail_.new_link(c, user_id, purpose), ...));
//   // after it committed:
//   mail_.wake();
//
// Delivery is at least once: a worker claims a message under a lease, sends it, then records
// it sent. A server that dies between the two sends it again after the lease lapses, with the
// same Message-ID. A temporary failure (4xx, no connection) retries with a doubling delay; a
// permanent one (5xx) or kMaxMailAttempts temporary ones end the message as failed, which an
// admin may send again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "core/error.hpp"
#include "core/mail.hpp"
#include "io/smtp_client.hpp"

namespace binome::store {
class Connection;
class Database;
}  // namespace binome::store

namespace binome::app {

struct MailSettings {
  std::string public_url = "http://127.0.0.1:8080";  // where links point (binome serve --public-url)
  std::string from_address = "binome@localhost";
  std::string from_name = "Binôme";
  // The key links' tokens are derived with; "" makes links impossible (a clear refusal).
  std::string link_secret;
  std::chrono::hours link_lifetime{72};
  io::SmtpSettings smtp;  // url "" when no SMTP server is configured: messages wait in the outbox
};

// A secret link as an admin may see it while its message is not sent.
struct ShownLink {
  core::LinkPurpose purpose = core::LinkPurpose::kActivation;
  std::string url;
  core::Millis expires_at = 0;
};

// A message of the outbox as the admins' page shows it.
struct OutboxEntry {
  core::OutboxMessage message;
  std::optional<ShownLink> link;   // only while the message is not sent
  std::int64_t attachment_size = 0;
  core::MailBodies bodies;         // the detail's: the link in place while not sent
};

class Mail {
 public:
  Mail(store::Database& db, const Clock& clock, const AuditLog& audit, MailSettings settings);

  const MailSettings& settings() const { return settings_; }
  bool smtp_configured() const { return !settings_.smtp.url.empty(); }
  bool can_make_links() const { return !settings_.link_secret.empty(); }

  // In the caller's write transaction `c`. A new link for the user, voiding the earlier ones
  // of the same purpose; refused when the server has no link secret.
  core::Result<core::SecretLink> new_link(store::Connection& c, std::int64_t user_id, core::LinkPurpose purpose) const;
  // The user a token of `purpose` opens, marking it used in `c`; one answer for unknown, used
  // and expired tokens.
  core::Result<std::int64_t> use_link(store::Connection& c, const std::string& token, core::LinkPurpose purpose) const;
  // Queues a message in `c`; returns its id. Call wake() once `c` committed.
  std::int64_t queue(store::Connection& c, const core::NewMail& mail) const;
  void wake() const;
  std::int64_t link_hours() const { return settings_.link_lifetime.count(); }

  // Admins.
  core::Result<core::Page<OutboxEntry>> list(const Caller& who, const core::OutboxQuery& query) const;
  core::Result<OutboxEntry> get(const Caller& who, std::int64_t id) const;
  // A failed message pending again (a fresh round of attempts). Conflict unless it failed.
  core::Result<OutboxEntry> retry(const Caller& who, std::int64_t id) const;
  // A test message (with a calendar invitation attached) to `email`.
  core::Result<OutboxEntry> send_test(const Caller& who, const std::string& email, core::Language language) const;

 private:
  friend class MailDelivery;
  std::string token_of(const core::SecretLink& link) const;
  std::string url_of(const core::SecretLink& link) const;
  core::MailBodies bodies_of(const core::OutboxMessage& message) const;
  OutboxEntry entry_of(core::OutboxMessage message, std::int64_t attachment_size) const;

  store::Database& db_;
  const Clock& clock_;
  const AuditLog& audit_;
  const MailSettings settings_;
  // Wakes this process's idle delivery workers when a message is queued here.
  mutable std::mutex wake_mu_;
  mutable std::condition_variable_any wake_;
  mutable std::uint64_t queued_here_ = 0;
};

struct MailDeliverySettings {
  std::chrono::milliseconds first_retry{60'000};  // after the first temporary failure; doubling
  std::chrono::milliseconds lease{120'000};       // longer than an SMTP conversation's timeout
  std::chrono::milliseconds poll{5'000};          // how often an idle worker looks (other servers' messages)
  std::string name;                               // "host:pid"
  std::function<void(const std::string&)> on_event;  // what happened to a message (the log)
};

// The delivery worker of one `binome serve` process (one thread: a mail relay takes messages
// faster than a program writes them). Without SMTP configured it does not start.
class MailDelivery {
 public:
  MailDelivery(const Mail& mail, MailDeliverySettings settings);
  ~MailDelivery();
  MailDelivery(const MailDelivery&) = delete;
  MailDelivery& operator=(const MailDelivery&) = delete;
  void start();
  void stop();

 private:
  void work(const std::stop_token& stop);
  bool send_one();

  const Mail& mail_;
  MailDeliverySettings settings_;
  std::uint64_t claims_ = 0;
  std::jthread thread_;
};

}  // namespace binome::app
