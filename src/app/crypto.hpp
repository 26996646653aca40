// Secrets: password hashing (argon2id), random tokens, and SHA-256 for stored token hashes
// and the audit chain. All from libsodium.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace binome::app {

std::string sha256_hex(std::string_view data);

// `bytes` random bytes, base64url without padding (URL- and cookie-safe).
std::string random_token(std::size_t bytes = 32);

// Bytes as base64 (with padding) and back: for files kept in a text column. from_base64 gives
// nothing for text that is not base64.
std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

// HMAC-SHA-256 of `message` under `key`, base64url without padding: a token derived from a
// stored nonce, so that the database alone cannot rebuild it.
std::string hmac_token(std::string_view key, std::string_view message);

// Constant-time comparison, for secrets such as CSRF tokens.
bool secrets_equal(std::string_view a, std::string_view b);

struct Argon2Params {
  unsigned long long opslimit;
  std::size_t memlimit;
  // libsodium's "interactive" level: about 64 MiB and a few tens of milliseconds.
  static Argon2Params interactive();
};

class PasswordHasher {
 public:
  explicit PasswordHasher(Argon2Params params = Argon2Params::interactive());
  // An encoded argon2id string that carries its own salt and parameters.
  std::string hash(std::string_view password) const;
  bool verify(std::string_view encoded, std::string_view password) const;
  // True when `encoded` was made with other parameters than ours (rehash at next login).
  bool needs_rehash(std::string_view encoded) const;
  // Spends the same time as verify() does for a real account, so a wrong email answers as
  // slowly as a wrong password.
  void verify_dummy(std::string_view password) const;

 private:
  Argon2Params params_;
  std::string dummy_;
};

}  // namespace binome::app
