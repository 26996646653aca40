#include "io/smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace binome::io {

namespace {

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

SmtpOutcome send_mail(const SmtpSettings& settings, std::string_view from, std::string_view to,
                      std::string_view message) {
  init_curl_once();
  const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {SmtpOutcome::Kind::kTemporaryFailure, "libcurl could not start"};
  const std::string url = settings.url;
  const std::string from_path = "<" + std::string(from) + ">";
  const std::unique_ptr<curl_slist, ListDeleter> recipients(curl_slist_append(nullptr, ("<" + std::string(to) + ">").c_str()));
  Upload upload{message, 0};
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  const bool implicit_tls = url.starts_with("smtps://");
  long use_ssl = CURLUSESSL_ALL;
  if (!implicit_tls && settings.tls == SmtpTls::kOptional) use_ssl = CURLUSESSL_TRY;
  if (!implicit_tls && settings.tls == SmtpTls::kNone) use_ssl = CURLUSESSL_NONE;
  curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  if (!settings.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_path.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

  const CURLcode result = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  if (result == CURLE_OK) return {SmtpOutcome::Kind::kSent, "accepted (" + std::to_string(reply) + ")"};
  std::string detail = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(result));
  if (reply != 0) detail += " (SMTP " + std::to_string(reply) + ")";
  const bool permanent = reply >= 500 && reply < 600 && result != CURLE_LOGIN_DENIED;
  return {permanent ? SmtpOutcome::Kind::kPermanentFailure : SmtpOutcome::Kind::kTemporaryFailure, detail};
}

std::string smtp_url_for_display(std::string_view url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) return std::string(url);
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

}  // namespace binome::io
