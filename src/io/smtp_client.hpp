// Sending one Internet message over SMTP (libcurl): STARTTLS or implicit TLS, authentication
// from the URL's user and password, and timeouts. libcurl writes no header: the message is
// complete (core::internet_message).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace binome::io {

enum class SmtpTls {
  kRequired,  // smtp://: STARTTLS, refusing a server that does not offer it (smtps://: TLS from the start)
  kOptional,  // STARTTLS when the server offers it
  kNone,      // never (a relay on the same machine)
};

struct SmtpSettings {
  std::string url;  // smtp://[user:password@]host[:port] or smtps://...; never logged (it may hold a password)
  SmtpTls tls = SmtpTls::kRequired;
  std::string ca_file;  // "" for the system's authorities
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};
};

struct SmtpOutcome {
  enum class Kind { kSent, kTemporaryFailure, kPermanentFailure };
  Kind kind = Kind::kSent;
  std::string detail;  // what the server or the connection said, for the outbox and the log
};

// Sends `message` from `from` to `to`. A 5xx reply (the server will never take it) is a
// permanent failure, except a refused login (the configuration's fault, fixed by the operator);
// a 4xx reply, a connection or TLS failure or a timeout is temporary.
SmtpOutcome send_mail(const SmtpSettings& settings, std::string_view from, std::string_view to,
                      std::string_view message);

// The URL without its password, for messages.
std::string smtp_url_for_display(std::string_view url);

}  // namespace binome::io
