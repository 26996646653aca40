// E-mail: what a message of the outbox is, the rules of its delivery (retries, backoff, when it
// fails for good), and how it is written as an Internet message (RFC 5322 with MIME parts).
// The outbox row is written in the transaction of the change that causes the message, so a
// message exists if and only if its change committed; the delivery is the application layer's
// (app/outbox.hpp), the SMTP conversation the io layer's (io/smtp_client.hpp).
//
// Delivery is at least once: a server that dies after the SMTP server accepted a message and
// before it recorded "sent" sends it again once its claim lapses. The copy carries the same
// Message-ID, by which mail systems and readers recognise it as the same message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"
#include "core/page.hpp"
#include "core/time.hpp"

namespace binome::core {

enum class MailStatus : std::uint8_t { kPending, kSending, kSent, kFailed };

// "pending", "sending", "sent", "failed"; the database and the API spell them so.
std::string_view mail_status_name(MailStatus status);
std::optional<MailStatus> mail_status_from_name(std::string_view name);

// The kinds of message, as stored.
inline constexpr std::string_view kMailActivation = "account.activation";
inline constexpr std::string_view kMailPasswordReset = "account.password_reset";
inline constexpr std::string_view kMailTest = "mail.test";

// A link that opens an account (activation, password reset). Its token is never stored: the
// row keeps a random nonce, and the token is derived from it with the server's link secret
// when the message is sent or shown (app/account_links.hpp); the store keeps only the
// token's hash.
enum class LinkPurpose : std::uint8_t { kActivation, kPasswordReset };
std::string_view link_purpose_name(LinkPurpose purpose);  // "activation", "password_reset"
std::optional<LinkPurpose> link_purpose_from_name(std::string_view name);
std::string_view link_path(LinkPurpose purpose);          // "/activate", "/reset-password"

struct SecretLink {
  LinkPurpose purpose = LinkPurpose::kActivation;
  std::string nonce;  // base64url
  Millis expires_at = 0;
  bool operator==(const SecretLink&) const = default;
};

// Where a message's bodies carry its secret link, replaced by the URL when it is sent or shown.
inline constexpr std::string_view kLinkPlaceholder = "{{link}}";

struct MailAttachment {
  std::string file_name;     // "invitation.ics"
  std::string content_type;  // "text/calendar; method=REQUEST"
  std::string content;       // the bytes
  bool operator==(const MailAttachment&) const = default;
};

// A message as its use case writes it.
struct NewMail {
  std::string kind;
  std::string to_email;
  std::string to_name;
  Language language = Language::kEnglish;
  std::string subject;
  std::string text;  // plain-text part, UTF-8
  std::string html;  // HTML part, UTF-8
  std::optional<SecretLink> link;
  std::optional<MailAttachment> attachment;
};

// A message of the outbox.
struct OutboxMessage {
  std::int64_t id = 0;
  NewMail mail;
  std::string message_id;  // "<id.random@binome>", the same at every attempt
  MailStatus status = MailStatus::kPending;
  std::int64_t attempts = 0;
  std::optional<Millis> next_attempt_at;  // pending only
  std::string last_error;                 // what the last failed attempt was told
  Millis created_at = 0;
  std::optional<Millis> sent_at;
};

struct OutboxQuery {
  std::optional<MailStatus> status;
  std::string kind;  // "" for every kind
  PageRange page;
};

// Delivery attempts before a message that keeps meeting temporary failures fails for good.
inline constexpr std::int64_t kMaxMailAttempts = 8;
// When to try again after the `attempts`-th failed attempt: `first` after the first, doubling
// each time, at most six hours.
Millis mail_retry_delay(std::int64_t attempts, Millis first);

// The message as sent: headers (Date, From, To, Subject, Message-ID, MIME-Version), a
// multipart/alternative of the text and HTML parts, and the attachment in a multipart/mixed
// around them. `bodies` are the parts with their link in place. Lines end in CRLF; non-ASCII
// header text is an RFC 2047 encoded-word; parts are base64 (UTF-8 text, any line length).
struct MailBodies {
  std::string text;
  std::string html;
};
std::string internet_message(const OutboxMessage& message, const MailBodies& bodies, std::string_view from_address,
                             std::string_view from_name, Millis date);

// `text` as it may stand in a header: as is when it is printable ASCII, otherwise RFC 2047
// encoded-words (base64 of UTF-8, each at most 75 characters, never splitting a character).
std::string encode_header_text(std::string_view text);
// "Name <address>", the name quoted or encoded as needed.
std::string mailbox_header(std::string_view name, std::string_view address);
// RFC 5322 date ("Thu, 03 Dec 2026 08:46:03 +0000").
std::string mail_date(Millis at);
// `text` with &, <, >, " and ' escaped for HTML.
std::string html_escape(std::string_view text);

// The messages the platform writes, in the recipient's language (catalogue keys "mail.*"): the
// text part and an HTML part of the same paragraphs, the link as kLinkPlaceholder.
//
// An account's activation link or password reset link, valid `valid_hours`; `name` the
// recipient's, `by` who invited them ("" for a reset).
NewMail account_link_mail(const SecretLink& link, std::string to_email, std::string to_name, Language language,
                          std::int64_t valid_hours, std::string_view by);
// A message an admin sends to check the delivery, with a calendar invitation attached (the
// .ics later issues attach to session invitations), for an event at `starts_at`.
NewMail test_mail(std::string to_email, Language language, std::string_view by, Millis starts_at,
                  std::string_view uid);

// The recipient's language: the first of French or English among their directory languages,
// else `fallback`.
Language mail_language(const std::vector<std::string>& directory_languages, Language fallback);

}  // namespace binome::core
