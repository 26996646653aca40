// E-mail: the Internet message as written (headers, encoded words, parts), the retry delays,
// and the account links as use cases make and use them, on an in-memory database with a clock
// the test moves: a link works once, until it expires; a new one voids the old; a reset
// request answers alike for every address; a change refused writes no message.
#include "core/mail.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "app/crypto.hpp"
#include "app/services.hpp"
#include "io/text_encoding.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/use_cases.hpp"

namespace binome {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// --- the message as written ----------------------------------------------------------------

// The text of every encoded word of a header value, decoded.
std::string decode_words(const std::string& header) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=)");
  std::string out;
  for (std::sregex_iterator it(header.begin(), header.end(), kWord), end; it != end; ++it) {
    const auto part = app::from_base64((*it)[1].str());
    EXPECT_TRUE(part);
    EXPECT_TRUE(io::is_valid_utf8(part.value_or(""))) << "a word splits a character: " << (*it)[0];
    out += part.value_or("");
    EXPECT_LE((*it)[0].length(), 75u);
  }
  return out;
}

TEST(MailHeaders, PlainAsciiStaysAsIsAndAnythingElseBecomesEncodedWords) {
  EXPECT_EQ(core::encode_header_text("Your account"), "Your account");
  const std::string subject = "Réinitialiser votre mot de passe Binôme — 日本語のテキストも少し含めて長くします";
  const std::string encoded = core::encode_header_text(subject);
  EXPECT_THAT(encoded, Not(HasSubstr("é")));
  EXPECT_THAT(encoded, HasSubstr("\r\n "));  // folded: several words, one per line
  EXPECT_EQ(decode_words(encoded), subject);
}

TEST(MailHeaders, MailboxesQuoteOrEncodeTheName) {
  EXPECT_EQ(core::mailbox_header("Claire \"CM\" Morel", "c@bank.example"), "\"Claire \\\"CM\\\" Morel\" <c@bank.example>");
  EXPECT_EQ(decode_words(core::mailbox_header("Zoé", "z@bank.example")), "Zoé");
  EXPECT_EQ(core::mailbox_header("", "z@bank.example"), "<z@bank.example>");
}

TEST(MailHeaders, DatesAreRfc5322) {
  EXPECT_EQ(core::mail_date(1796286363000), "Thu, 03 Dec 2026 08:26:03 +0000");
}

TEST(MailRetries, DelaysDoubleUpToSixHours) {
  EXPECT_EQ(core::mail_retry_delay(1, 60'000), 60'000);
  EXPECT_EQ(core::mail_retry_delay(2, 60'000), 120'000);
  EXPECT_EQ(core::mail_retry_delay(4, 60'000), 480'000);
  EXPECT_EQ(core::mail_retry_delay(30, 60'000), 6LL * 3600 * 1000);
}

// The parts of a MIME body between `boundary` lines.
std::vector<std::string> parts(const std::string& body, const std::string& boundary) {
  std::vector<std::string> out;
  const std::string delimiter = "--" + boundary + "\r\n";
  for (auto at = body.find(delimiter); at != std::string::npos;) {
    const auto start = at + delimiter.size();
    auto next = body.find("--" + boundary, start);
    out.push_back(body.substr(start, next - start));
    at = body.find(delimiter, next);
  }
  return out;
}

std::string decoded_content(const std::string& part) {
  const auto blank = part.find("\r\n\r\n");
  std::string b64;
  for (char ch : part.substr(blank + 4)) {
    if (ch != '\r' && ch != '\n') b64 += ch;
  }
  return app::from_base64(b64).value_or("(not base64)");
}

TEST(MailMessage, CarriesItsHeadersBothPartsAndTheAttachment) {
  core::OutboxMessage m;
  m.message_id = "<abc123@bank.example>";
  m.mail = core::test_mail("zoe@bank.example", core::Language::kFrench, "Claire Morel", 1796313600000, "uid-1@bank.example");
  const core::MailBodies bodies{m.mail.text, m.mail.html};
  const std::string message = core::internet_message(m, bodies, "binome@bank.example", "Binôme", 1796286363000);
  const auto header_end = message.find("\r\n\r\n");
  const std::string headers = message.substr(0, header_end + 2);
  EXPECT_THAT(headers, HasSubstr("Date: Thu, 03 Dec 2026 08:26:03 +0000\r\n"));
  EXPECT_THAT(headers, HasSubstr("Message-ID: <abc123@bank.example>\r\n"));
  EXPECT_THAT(headers, HasSubstr("To: <zoe@bank.example>\r\n"));
  EXPECT_THAT(headers, HasSubstr("MIME-Version: 1.0\r\n"));
  EXPECT_THAT(headers, HasSubstr("Content-Type: multipart/mixed;"));
  EXPECT_EQ(decode_words(headers.substr(headers.find("Subject:"))), "Message d’essai de Binôme");
  // Every line ends in CRLF, and none is longer than the 78 characters RFC 5322 asks for.
  for (std::size_t at = 0; at < message.size();) {
    const auto end = message.find('\n', at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(message[end - 1], '\r');
    EXPECT_LE(end - at - 1, 78u) << message.substr(at, end - at);
    at = end + 1;
  }
  const auto mixed = parts(message, "==_mix_abc123bankexample_==");
  ASSERT_EQ(mixed.size(), 2u);
  const auto alternative = parts(mixed[0], "==_alt_abc123bankexample_==");
  ASSERT_EQ(alternative.size(), 2u);
  EXPECT_THAT(alternative[0], HasSubstr("Content-Type: text/plain; charset=UTF-8"));
  EXPECT_EQ(decoded_content(alternative[0]), m.mail.text);
  EXPECT_THAT(alternative[1], HasSubstr("Content-Type: text/html; charset=UTF-8"));
  EXPECT_EQ(decoded_content(alternative[1]), m.mail.html);
  EXPECT_THAT(mixed[1], HasSubstr("Content-Disposition: attachment; filename=\"binome-test.ics\""));
  const std::string ics = decoded_content(mixed[1]);
  EXPECT_THAT(ics, HasSubstr("BEGIN:VEVENT\r\nUID:uid-1@bank.example\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTART:20261203T160000Z\r\n"));
  EXPECT_THAT(ics, HasSubstr("SUMMARY:Événement d’essai Binôme\r\n"));
}

TEST(MailTemplates, LinkMessagesSpeakTheRecipientsLanguageAndEscapeHtml) {
  const core::SecretLink link{core::LinkPurpose::kActivation, "n", 0};
  const auto fr = core::account_link_mail(link, "a@b.example", "Zoé <Z>", core::Language::kFrench, 72, "Claire");
  EXPECT_EQ(fr.subject, "Votre compte Binôme");
  EXPECT_THAT(fr.text, HasSubstr("Bonjour Zoé <Z>,"));
  EXPECT_THAT(fr.text, HasSubstr("{{link}}"));
  EXPECT_THAT(fr.html, HasSubstr("Bonjour Zoé &lt;Z&gt;,"));
  EXPECT_THAT(fr.html, HasSubstr("<a href=\"{{link}}\">Choisir mon mot de passe</a>"));
  EXPECT_THAT(fr.text, HasSubstr("72\u00A0heures"));
  const auto en = core::account_link_mail({core::LinkPurpose::kPasswordReset, "n", 0}, "a@b.example", "", core::Language::kEnglish, 2, "");
  EXPECT_EQ(en.subject, "Reset your Binôme password");
  EXPECT_EQ(en.kind, "account.password_reset");
  EXPECT_EQ(core::mail_language({"de", "en", "fr"}, core::Language::kFrench), core::Language::kEnglish);
  EXPECT_EQ(core::mail_language({"de"}, core::Language::kFrench), core::Language::kFrench);
}

// --- account links ---------------------------------------------------------------------------

using binome::testing::kStart;
constexpr core::Millis kHour = 3'600'000;
const app::Argon2Params kCheap{1, 8192};

class AccountLinks : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open_database("sqlite::memory:");
    store::migrate(*db_, kStart);
    app::Settings settings{.password_hashing = kCheap};
    settings.mail.link_secret = "a test secret of more than thirty-two characters";
    settings.mail.public_url = "https://binome.bank.example/";
    services_ = std::make_unique<app::Services>(*db_, clock_, settings);
    admin_ = services_->accounts.create_user(cli_, {"admin@bank.example", "Claire Morel", {"admin"}, "correct horse battery"}).value();
    const std::string csv =
        "employee_id,first_name,last_name,email,job_title,department,grade,manager_id,languages\n"
        "E1,Zoé,Lefèvre,zoe@bank.example,Analyst,Risk,E,,en;fr\n";
    ASSERT_TRUE(services_->people.import_employees(cli_, csv, {}));
  }
  app::Caller admin() const { return app::Authenticated{admin_, {}, true}.caller("192.0.2.1"); }
  std::vector<app::OutboxEntry> outbox() const {
    core::OutboxQuery q;
    q.page.limit = 100;
    return services_->mail.list(admin(), q).value().items;
  }
  static std::string token(const app::OutboxEntry& e) {
    EXPECT_TRUE(e.link);
    const std::string url = e.link ? e.link->url : "";
    return url.substr(url.find("#token=") + 7);
  }

  app::ManualClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<app::Services> services_;
  const app::Caller cli_ = app::Caller::operator_at_cli("tester");
  core::User admin_;
};

TEST_F(AccountLinks, AnAccountWithoutPasswordGetsItsLinkInTheEmployeesLanguageAndTheEmployeesName) {
  auto user = services_->accounts.create_user(admin(), {"zoe@bank.example", "", {"mentor"}, "", core::Language::kFrench});
  ASSERT_TRUE(user) << user.error();
  EXPECT_EQ(user->name, "Zoé Lefèvre");
  EXPECT_EQ(user->employee_id, "E1");
  EXPECT_FALSE(user->activated);
  const auto messages = outbox();
  ASSERT_EQ(messages.size(), 1u);
  const auto& m = messages[0];
  EXPECT_EQ(m.message.mail.kind, "account.activation");
  EXPECT_EQ(m.message.mail.language, core::Language::kEnglish) << "the directory says English first";
  EXPECT_THAT(m.bodies.text, HasSubstr("Claire Morel has opened a Binôme account for you"));
  EXPECT_THAT(m.link->url, ::testing::StartsWith("https://binome.bank.example/activate#token="));
  EXPECT_THAT(m.bodies.text, HasSubstr(m.link->url));
  EXPECT_EQ(m.link->expires_at, kStart + 72 * kHour);
  // Not activated: no password logs in.
  EXPECT_FALSE(services_->accounts.login("zoe@bank.example", "", "192.0.2.9"));
}

TEST_F(AccountLinks, ALinkWorksOnceLogsInAndNeverAgain) {
  ASSERT_TRUE(services_->accounts.create_user(admin(), {"zoe@bank.example", "", {"mentor"}, ""}));
  const std::string t = token(outbox()[0]);
  auto weak = services_->accounts.activate(t, "short", "192.0.2.9");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().code_name(), "validation_failed");
  auto login = services_->accounts.activate(t, "a long enough passphrase", "192.0.2.9");
  ASSERT_TRUE(login) << login.error() << " (a refused password leaves the link working)";
  EXPECT_TRUE(login->user.activated);
  EXPECT_TRUE(services_->accounts.authenticate_session(login->session_token));
  EXPECT_TRUE(services_->accounts.login("zoe@bank.example", "a long enough passphrase", "192.0.2.9"));
  auto again = services_->accounts.activate(t, "another long passphrase", "192.0.2.9");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code_name(), "link_invalid");
  EXPECT_EQ(services_->accounts.send_activation(admin(), login->user.id, core::Language::kFrench).error().code_name(),
            "conflict");
  // Sent or not, the token is in no table: only its hash.
  const auto hash = app::sha256_hex(t);
  EXPECT_EQ(db_->read([&](store::Connection& c) {
              return c.query_one("SELECT COUNT(*) FROM account_links WHERE token_hash = $1", {hash})->i64(0);
            }),
            1);
}

TEST_F(AccountLinks, AnExpiredLinkFailsAndANewOneVoidsTheOld) {
  auto user = services_->accounts.create_user(admin(), {"zoe@bank.example", "", {"mentor"}, ""}).value();
  const std::string first = token(outbox()[0]);
  clock_.advance(72 * kHour);
  EXPECT_EQ(services_->accounts.activate(first, "a long enough passphrase", "c").error().code_name(), "link_invalid");
  ASSERT_TRUE(services_->accounts.send_activation(admin(), user.id, core::Language::kFrench));
  const auto messages = outbox();
  ASSERT_EQ(messages.size(), 2u);
  const std::string second = token(messages[0]);
  clock_.advance(kHour);
  ASSERT_TRUE(services_->accounts.send_activation(admin(), user.id, core::Language::kFrench));
  EXPECT_EQ(services_->accounts.activate(second, "a long enough passphrase", "c").error().code_name(), "link_invalid");
  EXPECT_TRUE(services_->accounts.activate(token(outbox()[0]), "a long enough passphrase", "c"));
}

TEST_F(AccountLinks, AResetRequestAnswersAlikeForEveryAddressAndSendsOneLinkAtATime) {
  EXPECT_TRUE(services_->accounts.request_password_reset("nobody@bank.example", core::Language::kFrench, "c"));
  EXPECT_TRUE(outbox().empty());
  auto session = services_->accounts.login("admin@bank.example", "correct horse battery", "c").value();
  EXPECT_TRUE(services_->accounts.request_password_reset("Admin@Bank.example", core::Language::kFrench, "c"));
  EXPECT_TRUE(services_->accounts.request_password_reset("admin@bank.example", core::Language::kFrench, "c"));
  auto messages = outbox();
  ASSERT_EQ(messages.size(), 1u) << "the second request waits for the first link";
  EXPECT_EQ(messages[0].message.mail.language, core::Language::kFrench);
  EXPECT_EQ(messages[0].message.mail.subject, "Réinitialiser votre mot de passe Binôme");
  const std::string t = token(messages[0]);
  EXPECT_EQ(services_->accounts.activate(t, "a long enough passphrase", "c").error().code_name(), "link_invalid")
      << "a reset link is not an activation link";
  auto login = services_->accounts.reset_password(t, "a brand new passphrase", "c");
  ASSERT_TRUE(login) << login.error();
  EXPECT_FALSE(services_->accounts.authenticate_session(session.session_token)) << "other sessions end";
  EXPECT_FALSE(services_->accounts.login("admin@bank.example", "correct horse battery", "c"));
  EXPECT_TRUE(services_->accounts.login("admin@bank.example", "a brand new passphrase", "c"));
}

TEST_F(AccountLinks, AnAccountKeepsItsEmployeeWhenAnImportChangesTheEmployeesEmail) {
  const auto zoe = services_->accounts.create_user(admin(), {"zoe@bank.example", "", {"mentor"}, ""}).value();
  const std::string header = "employee_id,first_name,last_name,email,job_title,department,grade,manager_id,languages\n";
  ASSERT_TRUE(services_->people.import_employees(cli_, header + "E1,Zoé,Lefèvre,zoe.lefevre@bank.example,Analyst,Risk,E,,fr\n", {}));
  EXPECT_EQ(services_->accounts.get_user(admin(), zoe.id)->employee_id, "E1");
  EXPECT_EQ(services_->people.get(admin(), "E1")->account->id, zoe.id);
  // An account made before its employee is linked by the import that brings the employee.
  const auto early = services_->accounts.create_user(admin(), {"early@bank.example", "Early Bird", {"mentee"}, "a long enough passphrase"});
  ASSERT_TRUE(early);
  EXPECT_EQ(early->employee_id, std::nullopt);
  EXPECT_TRUE(early->activated);
  ASSERT_TRUE(services_->people.import_employees(
      cli_, header + "E1,Zoé,Lefèvre,zoe.lefevre@bank.example,Analyst,Risk,E,,fr\nE2,Early,Bird,early@bank.example,Analyst,Risk,E,,\n", {}));
  EXPECT_EQ(services_->accounts.get_user(admin(), early->id)->employee_id, "E2");
  EXPECT_TRUE(services_->people.get(admin(), "E2")->account->activated);
}

TEST_F(AccountLinks, WithoutALinkSecretAnAccountWithoutPasswordIsRefusedAndNothingIsWritten) {
  app::Settings settings{.password_hashing = kCheap};
  app::Services no_secret(*db_, clock_, settings);
  auto r = no_secret.accounts.create_user(admin(), {"zoe@bank.example", "", {"mentor"}, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code_name(), "conflict");
  EXPECT_FALSE(services_->accounts.get_user_by_email(admin(), "zoe@bank.example"));
  EXPECT_TRUE(outbox().empty());
}

}  // namespace
}  // namespace binome
