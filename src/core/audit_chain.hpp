// The audit log is append-only and tamper-evident: each entry's hash covers its content and the
// previous entry's hash. This file defines the exact bytes that are hashed and how a chain is
// checked; the hash function itself (SHA-256) is supplied by the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace binome::core {

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;  // ms since the Unix epoch, UTC
  std::string actor;    // an email, or "system:<os user>" for the command line
  std::string action;   // "user.create", "auth.login", ...
  std::string resource; // "user:3", "" when none
  std::string source;   // "api" or "cli"
  std::string client;   // client IP address, or "local"
  std::string outcome;  // "success", "denied" or "failure"
  std::string detail;   // a JSON object, as text
  std::string prev_hash;
  std::string hash;
};

// The genesis entry's prev_hash.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// A flat JSON object of string values, for AuditEntry::detail: {"name":"Ada","roles":"admin"}.
using AuditDetail = std::vector<std::pair<std::string, std::string>>;
std::string audit_detail_json(const AuditDetail& detail);

// Unambiguous bytes for hashing: every field length-prefixed, so no two entries collide.
std::string audit_canonical_bytes(const AuditEntry& e);

using HashFunction = std::function<std::string(std::string_view)>;  // returns lowercase hex

// Streams entries in id order and reports the first one that breaks the chain.
class AuditChainChecker {
 public:
  explicit AuditChainChecker(HashFunction hash) : hash_(std::move(hash)) {}
  // Returns a reason when `e` is bad; once bad, the checker stays bad.
  std::optional<std::string> check(const AuditEntry& e);
  // After the last entry: does the recorded head (last hash) match?
  std::optional<std::string> check_head(std::string_view recorded_last_hash) const;
  std::int64_t count() const { return count_; }

 private:
  HashFunction hash_;
  std::string expected_prev_ = std::string(kAuditGenesisHash);
  std::int64_t last_id_ = 0;
  std::int64_t count_ = 0;
  std::optional<std::string> failure_;
};

}  // namespace binome::core
