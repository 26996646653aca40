// The tamper-evident audit chain: the exact bytes that are hashed, and the checker that finds
// the first altered, removed or reordered entry and a truncated tail.
#include "core/audit_chain.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace binome::core {
namespace {

// A simple deterministic hash for the tests (FNV-1a, 64 bits, as hex): the chain logic does
// not depend on which hash function it is given.
std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kDigits[h & 0xF];
  return out;
}

AuditEntry sample(std::int64_t id) {
  AuditEntry e;
  e.id = id;
  e.at = 1'800'000'000'000 + id * 1000;
  e.actor = "admin@bank.example";
  e.action = id % 2 ? "user.create" : "auth.login";
  e.resource = "user:" + std::to_string(id);
  e.source = "api";
  e.client = "10.0.0." + std::to_string(id);
  e.outcome = "success";
  e.detail = audit_detail_json({{"n", std::to_string(id)}});
  return e;
}

// A valid chain of `n` entries with ids 1..n, as the repository would write it.
std::vector<AuditEntry> make_chain(int n) {
  std::vector<AuditEntry> chain;
  std::string prev(kAuditGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditEntry e = sample(i);
    e.prev_hash = prev;
    e.hash = fnv1a_hex(audit_canonical_bytes(e));
    prev = e.hash;
    chain.push_back(e);
  }
  return chain;
}

struct CheckResult {
  std::optional<std::int64_t> bad_id;  // the first entry the checker refused
  std::string reason;
  std::optional<std::string> head_problem;
};

// Streams `entries` through a checker, stopping at the first refusal, as AuditLog::verify does.
CheckResult check_all(const std::vector<AuditEntry>& entries, std::string_view recorded_head) {
  AuditChainChecker checker(fnv1a_hex);
  CheckResult r;
  for (const auto& e : entries) {
    if (auto why = checker.check(e)) {
      r.bad_id = e.id;
      r.reason = *why;
      return r;
    }
  }
  r.head_problem = checker.check_head(recorded_head);
  return r;
}

// --- canonical bytes --------------------------------------------------------------------------

std::string* field_of(AuditEntry& e, int i) {
  switch (i) {
    case 0:
      return &e.actor;
    case 1:
      return &e.action;
    case 2:
      return &e.resource;
    case 3:
      return &e.source;
    case 4:
      return &e.client;
    case 5:
      return &e.outcome;
    case 6:
      return &e.detail;
    default:
      return &e.prev_hash;
  }
}

AuditEntry arbitrary_entry() {
  AuditEntry e;
  e.id = *rc::gen::arbitrary<std::int64_t>();
  e.at = *rc::gen::arbitrary<std::int64_t>();
  for (int i = 0; i < 8; ++i) *field_of(e, i) = *rc::gen::arbitrary<std::string>();
  return e;
}

RC_GTEST_PROP(AuditCanonicalBytes, ChangingAnyFieldChangesTheBytes, ()) {
  const AuditEntry original = arbitrary_entry();
  AuditEntry changed = original;
  const int which = *rc::gen::inRange(0, 10);
  if (which == 8) {
    changed.id = *rc::gen::distinctFrom(original.id);
  } else if (which == 9) {
    changed.at = *rc::gen::distinctFrom(original.at);
  } else {
    *field_of(changed, which) = *rc::gen::distinctFrom(*field_of(changed, which));
  }
  RC_ASSERT(audit_canonical_bytes(changed) != audit_canonical_bytes(original));
}

RC_GTEST_PROP(AuditCanonicalBytes, MovingCharactersBetweenNeighbouringFieldsChangesTheBytes, ()) {
  // Without length prefixes, ("ab", "c") and ("a", "bc") would hash the same.
  AuditEntry a = arbitrary_entry();
  const int which = *rc::gen::inRange(0, 7);
  std::string& left = *field_of(a, which);
  std::string& right = *field_of(a, which + 1);
  const std::string joined = left + right;
  const auto cut = *rc::gen::inRange<std::size_t>(0, joined.size() + 1);
  AuditEntry b = a;
  *field_of(b, which) = joined.substr(0, cut);
  *field_of(b, which + 1) = joined.substr(cut);
  RC_PRE(*field_of(b, which) != left);
  RC_ASSERT(audit_canonical_bytes(a) != audit_canonical_bytes(b));
}

TEST(AuditCanonicalBytes, DoNotCoverTheHashItself) {
  AuditEntry e = sample(1);
  const std::string bytes = audit_canonical_bytes(e);
  e.hash = "anything";
  EXPECT_EQ(audit_canonical_bytes(e), bytes);
}

TEST(AuditCanonicalBytes, AreVersionedAndLengthPrefixed) {
  AuditEntry e;
  e.id = 3;
  e.at = 42;
  e.actor = "a;b";
  e.prev_hash = std::string(kAuditGenesisHash);
  EXPECT_EQ(audit_canonical_bytes(e), "15:binome-audit-v1;1:3;2:42;3:a;b;0:;0:;0:;0:;0:;0:;64:" +
                                          std::string(kAuditGenesisHash) + ";");
}

// --- the checker -------------------------------------------------------------------------------

TEST(AuditChainChecker, AcceptsAValidChainAndItsHead) {
  const auto chain = make_chain(6);
  const auto r = check_all(chain, chain.back().hash);
  EXPECT_FALSE(r.bad_id.has_value()) << r.reason;
  EXPECT_FALSE(r.head_problem.has_value());
  AuditChainChecker checker(fnv1a_hex);
  for (const auto& e : chain) ASSERT_FALSE(checker.check(e));
  EXPECT_EQ(checker.count(), 6);
}

TEST(AuditChainChecker, AcceptsAnEmptyLogWhoseHeadIsGenesis) {
  EXPECT_FALSE(check_all({}, kAuditGenesisHash).head_problem.has_value());
  EXPECT_TRUE(check_all({}, "ab12").head_problem.has_value());
}

TEST(AuditChainChecker, NamesAnEntryWhoseContentWasAltered) {
  for (int field = 0; field < 7; ++field) {
    auto chain = make_chain(5);
    *field_of(chain[2], field) += "x";  // entry id 3
    const auto r = check_all(chain, chain.back().hash);
    EXPECT_EQ(r.bad_id, 3) << "field " << field;
    EXPECT_NE(r.reason.find("content does not match"), std::string::npos) << r.reason;
  }
  auto chain = make_chain(5);
  chain[1].at += 1;  // the time of entry id 2
  EXPECT_EQ(check_all(chain, chain.back().hash).bad_id, 2);
}

TEST(AuditChainChecker, ARecomputedHashIsCaughtByTheNextEntry) {
  // A forger who edits entry 3 and recomputes its hash breaks entry 4's link.
  auto chain = make_chain(5);
  chain[2].outcome = "denied";
  chain[2].hash = fnv1a_hex(audit_canonical_bytes(chain[2]));
  const auto r = check_all(chain, chain.back().hash);
  EXPECT_EQ(r.bad_id, 4);
  EXPECT_NE(r.reason.find("previous-hash"), std::string::npos) << r.reason;
}

TEST(AuditChainChecker, NamesTheEntryAfterARemovedOne) {
  for (std::size_t removed = 0; removed < 4; ++removed) {
    auto chain = make_chain(5);
    chain.erase(chain.begin() + static_cast<std::ptrdiff_t>(removed));
    const auto r = check_all(chain, chain.back().hash);
    EXPECT_EQ(r.bad_id, static_cast<std::int64_t>(removed) + 2) << "removed id " << removed + 1;
  }
}

TEST(AuditChainChecker, NamesTheFirstOfTwoSwappedEntries) {
  auto chain = make_chain(5);
  std::swap(chain[1], chain[2]);  // ids 1, 3, 2, 4, 5
  EXPECT_EQ(check_all(chain, chain.back().hash).bad_id, 3);
  // Swapping the contents but keeping the ids in order is caught as well.
  chain = make_chain(5);
  std::swap(chain[1].id, chain[2].id);
  std::swap(chain[1], chain[2]);
  EXPECT_EQ(check_all(chain, chain.back().hash).bad_id, 2);
}

TEST(AuditChainChecker, RefusesRepeatedOrDecreasingIds) {
  auto chain = make_chain(3);
  AuditChainChecker checker(fnv1a_hex);
  ASSERT_FALSE(checker.check(chain[0]));
  ASSERT_FALSE(checker.check(chain[1]));
  const auto why = checker.check(chain[1]);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("does not follow"), std::string::npos) << *why;
}

TEST(AuditChainChecker, HeadCheckDetectsATruncatedTail) {
  const auto chain = make_chain(6);
  const std::vector<AuditEntry> truncated(chain.begin(), chain.end() - 2);
  const auto r = check_all(truncated, chain.back().hash);
  EXPECT_FALSE(r.bad_id.has_value()) << "every remaining entry is intact";
  ASSERT_TRUE(r.head_problem.has_value());
  EXPECT_NE(r.head_problem->find("missing"), std::string::npos) << *r.head_problem;
  // Everything removed: the head still remembers there was a log.
  EXPECT_TRUE(check_all({}, chain.back().hash).head_problem.has_value());
}

// Once bad, the checker stays bad: a forged successor linked to the last good entry is not
// accepted after a refusal.
TEST(AuditChainChecker, StaysBadAfterTheFirstRefusal) {
  auto chain = make_chain(3);
  AuditChainChecker checker(fnv1a_hex);
  ASSERT_FALSE(checker.check(chain[0]));
  AuditEntry altered = chain[1];
  altered.actor = "mallory";
  ASSERT_TRUE(checker.check(altered));
  AuditEntry forged = chain[2];
  forged.prev_hash = chain[0].hash;
  forged.hash = fnv1a_hex(audit_canonical_bytes(forged));
  EXPECT_TRUE(checker.check(forged).has_value());
}

// --- detail JSON -----------------------------------------------------------------------------

TEST(AuditDetailJson, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(audit_detail_json({}), "{}");
  EXPECT_EQ(audit_detail_json({{"name", "Ada"}, {"roles", "admin,mentor"}}),
            R"({"name":"Ada","roles":"admin,mentor"})");
  EXPECT_EQ(audit_detail_json({{"say \"hi\"", "C:\\dir"}}), R"({"say \"hi\"":"C:\\dir"})");
  EXPECT_EQ(audit_detail_json({{"k", std::string("a\nb\rc\td\x01\x1f")}}),
            R"({"k":"a\nb\rc\td\u0001\u001f"})");
  EXPECT_EQ(audit_detail_json({{"k", std::string("\0", 1)}}), R"({"k":"\u0000"})");
  // UTF-8 passes through untouched.
  EXPECT_EQ(audit_detail_json({{"nom", "Hélène"}}), R"({"nom":"Hélène"})");
}

RC_GTEST_PROP(AuditDetailJson, AnyAsciiTextParsesBackToTheSamePairs, ()) {
  const auto ascii = rc::gen::container<std::string>(
      rc::gen::map(rc::gen::inRange(0, 0x80), [](int c) { return static_cast<char>(c); }));
  const auto detail = *rc::gen::container<AuditDetail>(rc::gen::pair(ascii, ascii));
  const auto parsed = nlohmann::ordered_json::parse(audit_detail_json(detail), nullptr, false);
  RC_ASSERT(parsed.is_object());
  // Later duplicates overwrite earlier keys in a JSON object; compare against that.
  nlohmann::ordered_json expected = nlohmann::ordered_json::object();
  for (const auto& [k, v] : detail) expected[k] = v;
  RC_ASSERT(parsed == expected);
}

}  // namespace
}  // namespace binome::core
