// What a user may choose as password and email: length in characters (not bytes), a byte cap,
// and emails compared after trimming and lower-casing.
#include "core/credentials.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include "support/messages.hpp"

namespace binome::core {
namespace {

using test_support::en;
using test_support::fields_of;

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

TEST(Password, LengthIsCountedInCharactersNotBytes) {
  // 11 "é" are 22 bytes but only 11 characters: too short.
  const auto eleven = password_problem(repeat("é", 11));
  ASSERT_TRUE(eleven.has_value());
  EXPECT_EQ(en(*eleven), "must have at least 12 characters");
  EXPECT_FALSE(password_problem(repeat("é", 12)).has_value());
  // Four-byte characters count once too.
  EXPECT_TRUE(password_problem(repeat("\xF0\x9F\x94\x91", 11)).has_value());  // 🔑 x 11
  EXPECT_FALSE(password_problem(repeat("\xF0\x9F\x94\x91", 12)).has_value());
}

TEST(Password, AsciiBoundaryAt12) {
  EXPECT_TRUE(password_problem("").has_value());
  EXPECT_TRUE(password_problem("abcdefghijk").has_value());
  EXPECT_FALSE(password_problem("abcdefghijkl").has_value());
  // No composition rules: spaces and a single repeated letter are fine.
  EXPECT_FALSE(password_problem("            ").has_value());
  EXPECT_FALSE(password_problem("aaaaaaaaaaaaaaaa").has_value());
}

TEST(Password, AtMost1024Bytes) {
  EXPECT_FALSE(password_problem(std::string(1024, 'x')).has_value());
  const auto too_long = password_problem(std::string(1025, 'x'));
  ASSERT_TRUE(too_long.has_value());
  EXPECT_EQ(en(*too_long), "must have at most 1024 bytes");
  // The cap is in bytes: 513 "é" are 1026 bytes though only 513 characters.
  EXPECT_TRUE(password_problem(repeat("é", 513)).has_value());
  EXPECT_FALSE(password_problem(repeat("é", 512)).has_value());
}

RC_GTEST_PROP(Password, AcceptedExactlyWhenLongEnoughAndSmallEnough, ()) {
  // Strings made of 1-, 2-, 3- and 4-byte characters.
  const auto units = *rc::gen::container<std::vector<std::string>>(
      rc::gen::element<std::string>("a", "é", "€", "\xF0\x9F\x94\x91"));
  std::string password;
  for (const auto& u : units) password += u;
  const bool ok = units.size() >= kMinPasswordLength && password.size() <= kMaxPasswordBytes;
  RC_ASSERT(!password_problem(password).has_value() == ok);
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
