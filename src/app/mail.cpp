#include "app/mail.hpp"

#include <algorithm>

#include "app/crypto.hpp"
#include "core/credentials.hpp"
#include "store/account_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/sql.hpp"

namespace binome::app {

namespace {

core::Error no_message(std::int64_t id) {
  return core::Error{core::ErrorCode::kNotFound, core::msg("mail.no_message", {core::count("id", id)}), {}};
}

std::string mail_resource(std::int64_t id) { return core::resource_name(core::ResourceKind::kMail, std::to_string(id)); }

std::string replaced(std::string text, std::string_view placeholder, std::string_view by) {
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + by.size())) {
    text.replace(at, placeholder.size(), by);
  }
  return text;
}

// The size of what base64 text holds, without decoding it: 3 bytes per 4 characters, less padding.
std::int64_t base64_size(const std::string& b) {
  const std::int64_t padding = b.ends_with("==") ? 2 : b.ends_with('=') ? 1 : 0;
  return static_cast<std::int64_t>(b.size()) / 4 * 3 - padding;
}

// The part of the Message-ID after '@': the sender's domain, so that it is unique beyond us.
std::string message_id_domain(const std::string& from_address) {
  const auto at = from_address.rfind('@');
  return at == std::string::npos || at + 1 == from_address.size() ? "binome.localhost" : from_address.substr(at + 1);
}

}  // namespace

Mail::Mail(store::Database& db, const Clock& clock, const AuditLog& audit, MailSettings settings)
    : db_(db), clock_(clock), audit_(audit), settings_(std::move(settings)) {}

std::string Mail::token_of(const core::SecretLink& link) const {
  return hmac_token(settings_.link_secret, std::string(core::link_purpose_name(link.purpose)) + ":" + link.nonce);
}

std::string Mail::url_of(const core::SecretLink& link) const {
  std::string base = settings_.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  // In the fragment: a browser never sends it, so the token reaches no access log or proxy.
  return base + std::string(core::link_path(link.purpose)) + "#token=" + token_of(link);
}

core::Result<core::SecretLink> Mail::new_link(store::Connection& c, std::int64_t user_id,
                                              core::LinkPurpose purpose) const {
  if (settings_.link_secret.empty()) return core::fail(core::ErrorCode::kConflict, core::msg("mail.links_disabled"));
  const core::Millis now = clock_.now();
  const auto lifetime = std::chrono::duration_cast<std::chrono::milliseconds>(settings_.link_lifetime).count();
  core::SecretLink link{purpose, random_token(24), now + lifetime};
  store::account_links::insert(c, user_id, purpose, sha256_hex(token_of(link)), now, link.expires_at);
  return link;
}

core::Result<std::int64_t> Mail::use_link(store::Connection& c, const std::string& token,
                                          core::LinkPurpose purpose) const {
  const auto invalid = [] { return core::fail(core::ErrorCode::kLinkInvalid); };
  if (token.empty() || token.size() > 200) return invalid();
  const auto link = store::account_links::find_usable(c, sha256_hex(token), purpose, clock_.now());
  if (!link || !store::account_links::use(c, link->id, clock_.now())) return invalid();
  return link->user_id;
}

std::int64_t Mail::queue(store::Connection& c, const core::NewMail& mail) const {
  core::NewMail stored = mail;
  if (stored.attachment) stored.attachment->content = to_base64(stored.attachment->content);
  const std::string message_id = "<" + random_token(18) + "@" + message_id_domain(settings_.from_address) + ">";
  return store::outbox::insert(c, stored, message_id, clock_.now());
}

void Mail::wake() const {
  {
    const std::lock_guard lock(wake_mu_);
    ++queued_here_;
  }
  wake_.notify_all();
}

core::MailBodies Mail::bodies_of(const core::OutboxMessage& message) const {
  const auto& link = message.mail.link;
  if (!link) return {message.mail.text, message.mail.html};
  // Once sent, the link is the recipient's alone: the outbox shows where it led, not the token.
  std::string url = message.status == core::MailStatus::kSent
                        ? settings_.public_url + std::string(core::link_path(link->purpose)) + "#token=…"
                        : url_of(*link);
  return {replaced(message.mail.text, core::kLinkPlaceholder, url),
          replaced(message.mail.html, core::kLinkPlaceholder, core::html_escape(url))};
}

OutboxEntry Mail::entry_of(core::OutboxMessage message, std::int64_t attachment_size) const {
  OutboxEntry e;
  e.bodies = bodies_of(message);
  if (message.mail.link && message.status != core::MailStatus::kSent) {
    e.link = ShownLink{message.mail.link->purpose, url_of(*message.mail.link), message.mail.link->expires_at};
  }
  e.attachment_size = attachment_size;
  e.message = std::move(message);
  return e;
}

core::Result<core::Page<OutboxEntry>> Mail::list(const Caller& who, const core::OutboxQuery& query) const {
  if (auto refused = audit_.refusal(who, core::Action::kListOutbox)) return *refused;
  auto page = db_.read([&](store::Connection& c) { return store::outbox::list(c, query); });
  core::Page<OutboxEntry> out;
  out.total = page.total;
  for (auto& s : page.items) out.items.push_back(entry_of(std::move(s.message), base64_size(s.attachment_base64)));
  return out;
}

core::Result<OutboxEntry> Mail::get(const Caller& who, std::int64_t id) const {
  if (auto refused = audit_.refusal(who, core::Action::kReadMail, {0, std::to_string(id)})) return *refused;
  auto stored = db_.read([&](store::Connection& c) { return store::outbox::find(c, id); });
  if (!stored) return std::unexpected(no_message(id));
  return entry_of(std::move(stored->message), base64_size(stored->attachment_base64));
}

core::Result<OutboxEntry> Mail::retry(const Caller& who, std::int64_t id) const {
  if (auto refused = audit_.refusal(who, core::Action::kRetryMail, {0, std::to_string(id)})) return *refused;
  auto done = db_.write([&](store::Connection& c) -> core::Result<void> {
    auto stored = store::outbox::find(c, id);
    if (!stored) return std::unexpected(no_message(id));
    if (!store::outbox::retry(c, id, clock_.now())) {
      return core::fail(core::ErrorCode::kConflict,
                        core::msg("mail.not_failed", {core::count("id", id),
                                                      core::text("status", std::string(core::mail_status_name(
                                                                               stored->message.status)))}));
    }
    audit_.record(c, who, core::Action::kRetryMail, mail_resource(id), Outcome::kSuccess,
                  {{"kind", stored->message.mail.kind}});
    return {};
  });
  if (!done) return std::unexpected(done.error());
  wake();
  return get(who, id);
}

core::Result<OutboxEntry> Mail::send_test(const Caller& who, const std::string& email, core::Language language) const {
  if (auto refused = audit_.refusal(who, core::Action::kSendTestMail)) return *refused;
  const std::string to = core::normalize_email(email);
  if (!core::is_valid_email(to)) return core::validation_failed({{"email", core::msg("accounts.email_invalid")}});
  const core::Millis now = clock_.now();
  // An hour from now, on the hour: an event a calendar shows without surprise.
  constexpr core::Millis kHour = 3'600'000;
  const core::NewMail mail = core::test_mail(to, language, who.name, (now / kHour + 2) * kHour,
                                             random_token(12) + "@" + message_id_domain(settings_.from_address));
  const std::int64_t id = db_.write([&](store::Connection& c) {
    const std::int64_t queued = queue(c, mail);
    audit_.record(c, who, core::Action::kSendTestMail, mail_resource(queued), Outcome::kSuccess, {{"to", to}});
    return queued;
  });
  wake();
  return get(who, id);
}

// --- MailDelivery ------------------------------------------------------------------------------

MailDelivery::MailDelivery(const Mail& mail, MailDeliverySettings settings)
    : mail_(mail), settings_(std::move(settings)) {}

MailDelivery::~MailDelivery() { stop(); }

void MailDelivery::start() {
  if (!mail_.smtp_configured() || thread_.joinable()) return;
  if (mail_.db_.dialect() == store::Dialect::kSqlite) {
    // One process serves a SQLite database: a message sending now was left by one that died.
    mail_.db_.write([&](store::Connection& c) { store::outbox::release_all(c, mail_.clock_.now()); });
  }
  thread_ = std::jthread([this](std::stop_token s) { work(s); });
}

void MailDelivery::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  mail_.wake_.notify_all();
  thread_ = {};  // joins
}

void MailDelivery::work(const std::stop_token& stop) {
  const auto report = [&](const std::string& what) {
    if (settings_.on_event) settings_.on_event(what);
  };
  while (!stop.stop_requested()) {
    std::uint64_t seen = 0;
    {
      const std::lock_guard lock(mail_.wake_mu_);
      seen = mail_.queued_here_;
    }
    auto wait = settings_.poll;
    try {
      if (send_one()) continue;
      // Sleep until the next message is due (a retry's delay), at most the poll interval.
      if (const auto due = mail_.db_.read([](store::Connection& c) { return store::outbox::next_due(c); })) {
        wait = std::clamp(std::chrono::milliseconds(*due - mail_.clock_.now() + 1), std::chrono::milliseconds(1), wait);
      }
    } catch (const std::exception& e) {
      report(std::string("mail delivery: ") + e.what());  // the database failed: try again later
    }
    std::unique_lock lock(mail_.wake_mu_);
    mail_.wake_.wait_for(lock, stop, wait, [&] { return mail_.queued_here_ != seen; });
  }
}

bool MailDelivery::send_one() {
  const std::string worker = settings_.name + ":" + std::to_string(++claims_);
  const auto lease_until = mail_.clock_.now() + settings_.lease.count();
  auto claimed = mail_.db_.write([&](store::Connection& c) {
    return store::outbox::claim(c, worker, mail_.clock_.now(), lease_until);
  });
  if (!claimed) return false;
  core::OutboxMessage& message = claimed->message;
  const std::string what = "mail " + std::to_string(message.id) + " (" + message.mail.kind + ")";
  const auto end = [&](const std::function<bool(store::Connection&)>& write) {
    mail_.db_.write([&](store::Connection& c) { return write(c); });
  };
  if (message.attempts > core::kMaxMailAttempts) {
    // Claimed again and again by servers that died while sending it: stop.
    const std::string error = "gave up after " + std::to_string(message.attempts - 1) + " attempts";
    end([&](store::Connection& c) { return store::outbox::mark_failed(c, message.id, worker, error, mail_.clock_.now()); });
    if (settings_.on_event) settings_.on_event(what + " failed: " + error);
    return true;
  }
  if (message.mail.attachment) message.mail.attachment->content = from_base64(claimed->attachment_base64).value_or("");
  const auto& s = mail_.settings_;
  const std::string internet_message =
      core::internet_message(message, mail_.bodies_of(message), s.from_address, s.from_name, mail_.clock_.now());
  const io::SmtpOutcome outcome = io::send_mail(s.smtp, s.from_address, message.mail.to_email, internet_message);
  const core::Millis now = mail_.clock_.now();
  std::string event;
  if (outcome.kind == io::SmtpOutcome::Kind::kSent) {
    end([&](store::Connection& c) { return store::outbox::mark_sent(c, message.id, worker, now); });
    event = what + " sent, attempt " + std::to_string(message.attempts) + ": " + outcome.detail;
  } else if (outcome.kind == io::SmtpOutcome::Kind::kPermanentFailure || message.attempts >= core::kMaxMailAttempts) {
    end([&](store::Connection& c) { return store::outbox::mark_failed(c, message.id, worker, outcome.detail, now); });
    event = what + " failed for good, attempt " + std::to_string(message.attempts) + ": " + outcome.detail;
  } else {
    const core::Millis delay = core::mail_retry_delay(message.attempts, settings_.first_retry.count());
    end([&](store::Connection& c) {
      return store::outbox::mark_retry(c, message.id, worker, outcome.detail, now + delay, now);
    });
    event = what + " not sent, attempt " + std::to_string(message.attempts) + ", next in " +
            std::to_string(delay / 1000) + " s: " + outcome.detail;
  }
  if (settings_.on_event) settings_.on_event(event);
  return true;
}

}  // namespace binome::app
