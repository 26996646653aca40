// What a user may choose as password and email: length in characters (not bytes), a byte cap,
// and emails compared after trimming and lower-casing.
#include "core/credentials.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include "support/messages.hpp"

namespace binome::core {
namespace {

using test_support::en;
using test_support::fields_of;

// Twelve different two-byte letters, and twelve different four-byte characters (🔑 U+1F511 on).
const std::string kAccented = "éàèùâêîôûçëï";
std::string keys(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += std::string("\xF0\x9F\x94") + static_cast<char>(0x91 + i);
  return out;
}
// The first n characters of a string of two-byte characters.
std::string first_two_byte(const std::string& s, std::size_t n) { return s.substr(0, 2 * n); }

TEST(Password, LengthIsCountedInCharactersNotBytes) {
  // 11 accented letters are 22 bytes but only 11 characters: too short.
  const auto eleven = password_problem(first_two_byte(kAccented, 11));
  ASSERT_TRUE(eleven.has_value());
  EXPECT_EQ(en(*eleven), "must have at least 12 characters");
  EXPECT_FALSE(password_problem(kAccented).has_value());
  // Four-byte characters count once too.
  EXPECT_TRUE(password_problem(keys(11)).has_value());
  EXPECT_FALSE(password_problem(keys(12)).has_value());
}

TEST(Password, AsciiBoundaryAt12) {
  EXPECT_TRUE(password_problem("").has_value());
  EXPECT_TRUE(password_problem("bateau-roug").has_value());
  EXPECT_FALSE(password_problem("bateau-rouge").has_value());
}

TEST(Password, AtMost1024Bytes) {
  std::string long_phrase;
  while (long_phrase.size() < 1024) long_phrase += "the quick brown fox jumps over the lazy dog ";
  long_phrase.resize(1024);
  EXPECT_FALSE(password_problem(long_phrase).has_value());
  const auto too_long = password_problem(long_phrase + "x");
  ASSERT_TRUE(too_long.has_value());
  EXPECT_EQ(en(*too_long), "must have at most 1024 bytes");
  // The cap is in bytes: 513 accented letters are 1026 bytes though only 513 characters.
  std::string accented;
  while (accented.size() < 1026) accented += kAccented;
  EXPECT_TRUE(password_problem(accented.substr(0, 1026)).has_value());
  EXPECT_FALSE(password_problem(accented.substr(0, 1024)).has_value());
}

RC_GTEST_PROP(Password, AcceptedExactlyWhenLongEnoughAndSmallEnough, ()) {
  // After a word no guesser starts with, strings made of 1-, 2-, 3- and 4-byte characters.
  const auto units = *rc::gen::container<std::vector<std::string>>(
      rc::gen::element<std::string>("a", "é", "€", "\xF0\x9F\x94\x91"));
  std::string password = "Bateau-";
  for (const auto& u : units) password += u;
  const bool ok = units.size() + 7 >= kMinPasswordLength && password.size() <= kMaxPasswordBytes;
  RC_ASSERT(!password_problem(password).has_value() == ok);
}

TEST(Password, TheFirstGuessesOfAnAttackerAreRefused) {
  for (const char* guess : {"password1234", "Password1234!", "P@ssw0rd2026", "123456789012", "2026-12-01!!!",
                            "aaaaaaaaaaaa", "            ", "abababababab", "azertyuiop12", "abcdefghijkl",
                            "motdepasse2026", "m0tdepasse!!", "soleilsoleil", "Bienvenue2026", "1234qwertyuiop"}) {
    const auto problem = password_problem(guess);
    ASSERT_TRUE(problem.has_value()) << guess;
    EXPECT_THAT(en(*problem), ::testing::HasSubstr("among the first an attacker tries")) << guess;
  }
  for (const char* fine : {"correct horse battery", "demo-password-2026", "bateau-rouge", "Élodie aime le thé",
                           "token-made-password", "Tr0ub4dor&3xyz"}) {
    EXPECT_FALSE(password_problem(fine).has_value()) << fine;
  }
}

TEST(Email, NormalisationTrimsAndLowerCasesAscii) {
  EXPECT_EQ(normalize_email("  Ada.Lovelace@Example.COM \t\n"), "ada.lovelace@example.com");
  EXPECT_EQ(normalize_email("ada@example.com"), "ada@example.com");
  EXPECT_EQ(normalize_email(""), "");
  EXPECT_EQ(normalize_email("   "), "");
  // Inner spaces stay (and make the address invalid); non-ASCII letters are left alone.
  EXPECT_EQ(normalize_email(" a b@x.fr "), "a b@x.fr");
  EXPECT_EQ(normalize_email("HÉLÈNE@Banque.FR"), "hÉlÈne@banque.fr");
}

RC_GTEST_PROP(Email, NormalisationIsIdempotent, (const std::string& s)) {
  const std::string once = normalize_email(s);
  RC_ASSERT(normalize_email(once) == once);
}

TEST(Email, PlausibleAddressesAreAccepted) {
  for (const char* e : {"a@b.co", "ada.lovelace@example.com", "first+tag@sub.domain.example",
                        "o'brien@bank.ie", "hélène@banque.fr"}) {
    EXPECT_TRUE(is_valid_email(e)) << e;
  }
}

TEST(Email, ImplausibleAddressesAreRejected) {
  for (const char* e :
       {"", "ada", "@example.com", "ada@", "ada@example", "ada@@example.com", "ada@b@example.com",
        "ada lovelace@example.com", "ada@example.com ", "ada@.example.com", "ada@example.com.",
        "ada@example..com", "<ada@example.com>", "ada@example.com,bob@example.com", "ada;@x.com",
        "\"ada\"@example.com", "ada\t@example.com", "ada\x7F@example.com"}) {
    EXPECT_FALSE(is_valid_email(e)) << '"' << e << '"';
  }
}

TEST(Email, AtMost254Characters) {
  const std::string domain = "@example.com";  // 12 characters
  EXPECT_TRUE(is_valid_email(std::string(254 - domain.size(), 'a') + domain));
  EXPECT_FALSE(is_valid_email(std::string(255 - domain.size(), 'a') + domain));
}

}  // namespace
}  // namespace binome::core
