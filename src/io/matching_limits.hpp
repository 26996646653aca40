// How large a matching document may be: what drives the memory a problem takes (docs/matching.md,
// "Limits"), checked while the document is read, before anything is built for what is too big.
// Plain numbers: the server and the command line set them (binome serve --max-matching-*,
// binome match ... --max-*).
#pragma once

#include <cstdint>

namespace binome::io {

struct MatchingLimits {
  // 0: no limit, for each.
  std::uint64_t people = 0;  // mentors + mentees of the problem
  std::uint64_t pairs = 0;   // listed pairs: scores, forbidden, dissolved, locked, previous pairs, dissolve
  std::uint64_t cells = 0;   // a scores_npy matrix (rows x cols), or the profile tables (mentors x
                             // distinct skills and interests)
  std::uint64_t values = 0;  // JSON values of a document (each takes 50-110 bytes once parsed)

  // The server's defaults: every problem of the tests and the demo, a 20,000 x 20,000 profile
  // cohort, and at most about 700 MB for the largest document they admit (docs/matching.md).
  static constexpr MatchingLimits server() { return {50'000, 500'000, 16'000'000, 4'000'000}; }
};

}  // namespace binome::io
