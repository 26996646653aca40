#include "core/mail.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace binome::core {

namespace {

constexpr std::array<std::string_view, 4> kMailStatusNames = {"pending", "sending", "sent", "failed"};
constexpr std::array<std::string_view, 2> kLinkPurposeNames = {"activation", "password_reset"};

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string mime_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                   (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                   std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    for (int shift = 18; shift >= 0; shift -= 6) out += kBase64Alphabet[(n >> shift) & 63U];
  }
  if (i < bytes.size()) {
    std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (i + 1 < bytes.size()) n |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out += kBase64Alphabet[(n >> 18) & 63U];
    out += kBase64Alphabet[(n >> 12) & 63U];
    out += i + 1 < bytes.size() ? kBase64Alphabet[(n >> 6) & 63U] : '=';
    out += '=';
  }
  return out;
}

// A body part's content: base64 in lines of 76 characters (RFC 2045).
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = mime_base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

bool is_plain_header_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 0x20 && ch < 0x7f; });
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a byte that starts none).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

std::string header_parameter_name(std::string_view file_name) {
  // A file name is ours ("invitation.ics"); quoted, without the characters a quoted string
  // cannot hold.
  std::string out;
  for (char ch : file_name) {
    if (ch != '"' && ch != '\\' && ch >= 0x20 && ch < 0x7f) out += ch;
  }
  return out.empty() ? "attachment" : out;
}

}  // namespace

std::string_view mail_status_name(MailStatus status) { return kMailStatusNames.at(static_cast<std::size_t>(status)); }

std::optional<MailStatus> mail_status_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kMailStatusNames.size(); ++i) {
    if (kMailStatusNames[i] == name) return static_cast<MailStatus>(i);
  }
  return std::nullopt;
}

std::string_view link_purpose_name(LinkPurpose purpose) {
  return kLinkPurposeNames.at(static_cast<std::size_t>(purpose));
}

std::optional<LinkPurpose> link_purpose_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kLinkPurposeNames.size(); ++i) {
    if (kLinkPurposeNames[i] == name) return static_cast<LinkPurpose>(i);
  }
  return std::nullopt;
}

std::string_view link_path(LinkPurpose purpose) {
  return purpose == LinkPurpose::kActivation ? "/activate" : "/reset-password";
}

Millis mail_retry_delay(std::int64_t attempts, Millis first) {
  constexpr Millis kLongest = 6LL * 3600 * 1000;
  Millis delay = std::max<Millis>(first, 1);
  for (std::int64_t i = 1; i < attempts && delay < kLongest; ++i) delay *= 2;
  return std::min(delay, kLongest);
}

std::string encode_header_text(std::string_view text) {
  if (is_plain_header_text(text)) return std::string(text);
  // "=?UTF-8?B?" + base64 + "?=" within 75 characters leaves 63 for the base64, so 45 bytes
  // of text a word (RFC 2047 §2); words are cut between characters (§5), never inside one.
  constexpr std::size_t kBytesPerWord = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const std::size_t len = std::min(utf8_length(static_cast<unsigned char>(text[end])), text.size() - end);
      if (end + len - i > kBytesPerWord) break;
      end += len;
    }
    if (end == i) end = std::min(text.size(), i + kBytesPerWord);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + mime_base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string mailbox_header(std::string_view name, std::string_view address) {
  if (name.empty()) return "<" + std::string(address) + ">";
  if (!is_plain_header_text(name)) return encode_header_text(name) + " <" + std::string(address) + ">";
  std::string quoted = "\"";
  for (char ch : name) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\" <" + std::string(address) + ">";
}

std::string mail_date(Millis at) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(at)));
  const year_month_day ymd(day);
  const hh_mm_ss hms(floor<seconds>(sys_time<milliseconds>(milliseconds(at)) - day));
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %d %02d:%02d:%02d +0000", kDays[weekday(day).c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buffer;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string internet_message(const OutboxMessage& message, const MailBodies& bodies, std::string_view from_address,
                             std::string_view from_name, Millis date) {
  // Boundaries derive from the Message-ID: stable for a message, and they cannot occur in
  // base64 parts (they hold '=' and '_' twice in a row).
  std::string tag;
  for (char ch : message.message_id) {
    if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) tag += ch;
  }
  const std::string alternative = "==_alt_" + tag + "_==";
  const std::string mixed = "==_mix_" + tag + "_==";
  const NewMail& mail = message.mail;

  std::string out;
  out += "Date: " + mail_date(date) + "\r\n";
  out += "From: " + mailbox_header(from_name, from_address) + "\r\n";
  out += "To: " + mailbox_header(mail.to_name, mail.to_email) + "\r\n";
  out += "Subject: " + encode_header_text(mail.subject) + "\r\n";
  out += "Message-ID: " + message.message_id + "\r\n";
  out += "Content-Language: " + std::string(language_code(mail.language)) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  // Tells vacation responders not to answer a message no one reads (RFC 3834).
  out += "Auto-Submitted: auto-generated\r\n";
  if (mail.attachment) out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n--" + mixed + "\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
  out += "--" + alternative + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(bodies.text);
  out += "--" + alternative + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(bodies.html);
  out += "--" + alternative + "--\r\n";
  if (mail.attachment) {
    const std::string name = header_parameter_name(mail.attachment->file_name);
    out += "--" + mixed + "\r\nContent-Type: " + mail.attachment->content_type + ";\r\n name=\"" + name +
           "\"\r\nContent-Disposition: attachment; filename=\"" + name +
           "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64_lines(mail.attachment->content);
    out += "--" + mixed + "--\r\n";
  }
  return out;
}

}  // namespace binome::core

namespace binome::core {

namespace {

struct Paragraphs {
  std::vector<std::string> text;
  std::vector<std::string> html;
  void add(const Message& m, Language language) {
    const std::string t = render(m, language);
    text.push_back(t);
    html.push_back("<p>" + html_escape(t) + "</p>");
  }
  void add_link(const Message& label, Language language) {
    text.push_back(render(label, language) + "\n" + std::string(kLinkPlaceholder));
    html.push_back("<p><a href=\"" + std::string(kLinkPlaceholder) + "\">" + html_escape(render(label, language)) +
                   "</a></p>");
  }
  void finish(NewMail& mail) const {
    for (const auto& t : text) mail.text += (mail.text.empty() ? "" : "\n\n") + t;
    mail.text += "\n";
    mail.html = "<!DOCTYPE html>\n<html lang=\"" + std::string(language_code(mail.language)) +
                "\"><head><meta charset=\"utf-8\"><title>" + html_escape(mail.subject) +
                "</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5\">\n";
    for (const auto& h : html) mail.html += h + "\n";
    mail.html += "</body></html>\n";
  }
};

std::string ics_time(Millis at) {
  using namespace std::chrono;
  const auto t = floor<seconds>(sys_time<milliseconds>(milliseconds(at)));
  const sys_days day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

// RFC 5545 text value: backslash, comma and semicolon escaped.
std::string ics_text(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\\' || ch == ',' || ch == ';') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out;
}

}  // namespace

NewMail account_link_mail(const SecretLink& link, std::string to_email, std::string to_name, Language language,
                          std::int64_t valid_hours, std::string_view by) {
  const bool activation = link.purpose == LinkPurpose::kActivation;
  NewMail mail;
  mail.kind = std::string(activation ? kMailActivation : kMailPasswordReset);
  mail.to_email = std::move(to_email);
  mail.to_name = std::move(to_name);
  mail.language = language;
  mail.link = link;
  const std::string prefix = activation ? "mail.activation." : "mail.password_reset.";
  mail.subject = render(msg(prefix + "subject"), language);
  Paragraphs p;
  p.add(mail.to_name.empty() ? msg("mail.greeting_anonymous") : msg("mail.greeting", {text("name", mail.to_name)}),
        language);
  p.add(activation ? msg("mail.activation.intro", {text("by", std::string(by))}) : msg("mail.password_reset.intro"),
        language);
  p.add_link(msg(prefix + "action"), language);
  p.add(msg("mail.link_validity", {count("hours", valid_hours)}), language);
  p.add(msg(prefix + "ignore"), language);
  p.add(msg("mail.signature"), language);
  p.finish(mail);
  return mail;
}

NewMail test_mail(std::string to_email, Language language, std::string_view by, Millis starts_at,
                  std::string_view uid) {
  NewMail mail;
  mail.kind = std::string(kMailTest);
  mail.to_email = std::move(to_email);
  mail.language = language;
  mail.subject = render(msg("mail.test.subject"), language);
  Paragraphs p;
  p.add(msg("mail.greeting_anonymous"), language);
  p.add(msg("mail.test.intro", {text("by", std::string(by))}), language);
  p.add(msg("mail.test.attachment"), language);
  p.add(msg("mail.signature"), language);
  p.finish(mail);
  const std::string summary = render(msg("mail.test.event"), language);
  const std::string crlf = "\r\n";
  std::string ics = "BEGIN:VCALENDAR" + crlf + "VERSION:2.0" + crlf + "PRODID:-//Binome//Binome//EN" + crlf +
                    "METHOD:PUBLISH" + crlf + "BEGIN:VEVENT" + crlf + "UID:" + std::string(uid) + crlf +
                    "DTSTAMP:" + ics_time(starts_at) + crlf + "DTSTART:" + ics_time(starts_at) + crlf +
                    "DTEND:" + ics_time(starts_at + 30 * 60 * 1000) + crlf + "SUMMARY:" + ics_text(summary) + crlf +
                    "END:VEVENT" + crlf + "END:VCALENDAR" + crlf;
  mail.attachment = MailAttachment{"binome-test.ics", "text/calendar; charset=UTF-8; method=PUBLISH", std::move(ics)};
  return mail;
}

Language mail_language(const std::vector<std::string>& directory_languages, Language fallback) {
  for (const auto& code : directory_languages) {
    if (code == "fr") return Language::kFrench;
    if (code == "en") return Language::kEnglish;
  }
  return fallback;
}

}  // namespace binome::core
