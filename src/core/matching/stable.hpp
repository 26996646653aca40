// The stable-matching alternative to the exact assignment: for programs where participants rank
// each other, a matching that no mentee and mentor would both rather leave for each other.
// Pure and deterministic.
//
// Contract
//   Input: the same Problem as solve (assignment.hpp), validated the same way (same errors).
//   `objective` plays no part here.
//   - Acceptable pairs: allowed, not forbidden, scoring >= min_score (a negative score above
//     min_score is acceptable: stability has no "would lower the total").
//   - Preferences are derived from the scores, one score per pair for both sides:
//     each mentee ranks its acceptable mentors by score, higher first, ties broken by the lower
//     mentor index; each mentor ranks its acceptable mentees by score, higher first, ties broken
//     by the lower mentee index. Both lists are strict, so the mentee-optimal stable matching
//     is unique.
//   - Locked pairs are fixed first and use their mentor's capacity; locked mentees do not
//     propose and are never displaced. Each mentor then has room = capacity minus its locks.
//
//   Output (StableResult): `assignment` is a Result (assignment.hpp) with mentor_of, pairs
//   (locked included, by mentee index), total_score, matched and the reasons: an unmatched
//   mentee has kNoAllowedPartner (no acceptable mentor) or kPartnersTaken (every acceptable
//   mentor is full of mentees it prefers); a mentor with room has kNoAllowedPartner (no
//   unlocked mentee finds it acceptable) or kPartnersTaken (each of them holds a mentor it
//   prefers). kWouldLowerTotal never occurs. The dual fields are empty and the dual bound 0:
//   no optimality is claimed. `blocking_pairs` is counted by count_blocking_pairs, after the
//   algorithm and independently of it; it is 0 for every result of solve_stable.
//
// Blocking pair: an acceptable pair (i, j) of an unlocked mentee i, not formed, where i is
//   unmatched or prefers j to its mentor, and j has room (capacity minus all its pairs, locked
//   included, is positive) or prefers i to its worst unlocked mentee. Locked mentees are left
//   out on both sides: they never block (their pair is imposed), and a mentor's locked seats are
//   not up for grabs (a mentor full of locked mentees blocks with no one).
//
// Method: mentee-proposing deferred acceptance (Gale-Shapley) with capacities. Free mentees
//   propose down their lists; a mentor keeps its best `room` proposers so far (a heap, worst on
//   top) and rejects the rest. The result is the mentee-optimal stable matching: every mentee
//   gets the best mentor it has in any stable matching; being unique, it does not depend on the
//   order of proposals. O(E log E) (O(nm log m) dense).
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <stop_token>

#include "core/error.hpp"
#include "core/matching/assignment.hpp"

namespace binome::core::matching {

struct StableResult {
  Result assignment;  // duals empty, dual_bound 0
  std::int64_t blocking_pairs = 0;
};

// `stop` as for solve (assignment.hpp, "Cancellation").
std::expected<StableResult, Error> solve_stable(const Problem& problem, std::stop_token stop = {});

// The blocking pairs of `mentor_of` (one entry per mentee, kUnmatched or a mentor index) under
// the preferences above; checked from scratch, O(E log d). A validation error when the problem
// is invalid or `mentor_of` has the wrong size or an out-of-range mentor.
std::expected<std::int64_t, Error> count_blocking_pairs(const Problem& problem,
                                                        std::span<const std::int32_t> mentor_of);

}  // namespace binome::core::matching
