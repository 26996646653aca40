// Re-matching: dissolve some pairs of an earlier Result and re-assign only the people affected,
// keeping every other pair. Pure and deterministic, like solve (assignment.hpp).
//
// Contract
//   rematch(problem, previous, dissolved): `previous` is a Result of solve(problem) (or of an
//   earlier rematch whose modified problem is `problem`); `dissolved` lists pairs of `previous`.
//   Only previous.objective, mentor_of, pairs (their scores are the kept pairs' scores) and,
//   when not empty, mentor_reason are read: a `previous` rebuilt from stored pairs alone (duals
//   and reasons empty) is accepted; without mentor_reason the reasons cost a scan of the rows
//   (below). The caller that rebuilds it checks its pairs against the problem (allowed, not
//   forbidden, one per mentee, capacities): rematch trusts them.
//   - Every dissolved pair becomes forbidden: it is never proposed again.
//   - Every other pair of `previous` is kept exactly, as a locked pair (it keeps its mentor and
//     uses its capacity; the Result marks it `locked`).
//   - The mentees affected (those of the dissolved pairs, and every mentee unmatched in
//     `previous`) are assigned optimally, for the problem's objective, to the room left at the
//     mentors once the kept pairs are set (including the room freed by the dissolved pairs).
//   The Result is exactly a Result of with_kept_pairs(problem, previous, dissolved): the same
//   total as solve() of that problem, its proof checked by verify_optimality on that problem,
//   reasons included. Dissolving nothing keeps every pair (all then marked locked).
//   A chain of re-matches: pass `problem` with the pairs dissolved so far added to `forbidden`
//   (its locks left as the user set them), not with_kept_pairs' problem, whose locks would
//   forbid dissolving the kept pairs.
//   Errors (kValidation, "validation_failed"): `previous` not sized for `problem` (mentor_of,
//   and mentor_reason when present) or for another objective, pairs that do not match
//   mentor_of or overfill a mentor, a dissolved pair that is not in `previous` (or listed
//   twice), a lock of `problem` that is not a pair of `previous`, a dissolved pair that `problem`
//   locks, and, on the rows it reads, what solve would reject (an unlisted mentor index, a
//   mentor listed twice, a non-finite score). Rows of unaffected mentees are not re-validated:
//   `previous` vouches for them.
//
// Method and complexity (k affected mentees, d their candidates each, n mentees, m mentors,
//   F forbidden pairs). Warm by restriction rather than by dual repair: with every kept pair
//   locked, the modified problem's only free rows are the k affected mentees, so its optimum is
//   the optimum of the reduced problem "k affected mentees x m mentors, capacity = room left
//   after the kept pairs" (mentors with no room stay in it with capacity 0, so that the duals
//   cover every edge). That reduced problem is solved by the same shortest-augmenting-path
//   solver (augmenting_paths.hpp); its duals, with u = 0 on the kept (locked) mentees, are a
//   complete proof for the modified problem. Cost: O(n + m + F log F) bookkeeping (copying the
//   Result, loads, the sorted forbidden set), O(k d log d) to build the reduced graph (O(k m)
//   dense; a computed matrix, DenseScores::computed, has only those k rows computed), and the
//   solver's searches on it, each confined to the affected mentees' edges.
//   Reasons: O(k d) plus, for a mentor with room that only dissolved pairs may have listed (any
//   mentor with room, and no kept pair, when `previous` has no mentor_reason), a scan of the
//   rows that stops once each such mentor has a mentee listing it (O(E) when one has none; on
//   a dense matrix, only those mentors' cells when they are few).
//   No O(E) pass over the whole problem otherwise: 20,000 x 20,000 with 100 candidates each and
//   capacities 1-3, 10 pairs dissolved, takes 0.3-0.6 ms (-O3; about 0.8 ms from pairs alone)
//   against 0.07-0.08 s for solve() of the modified problem (docs/performance.md).
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <stop_token>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/matching/assignment.hpp"

namespace binome::core::matching {

// `problem` with the pairs of `previous` not in `dissolved` added to `locked` (replacing the
// locks already there, which rematch checks `previous` holds) and the dissolved pairs added to
// `forbidden`. Not validated; rematch reports what makes it invalid.
Problem with_kept_pairs(const Problem& problem, const Result& previous,
                        const std::vector<Pair>& dissolved);

// `stop` as for solve (assignment.hpp, "Cancellation").
std::expected<Result, Error> rematch(const Problem& problem, const Result& previous,
                                     const std::vector<Pair>& dissolved, std::stop_token stop = {});

// Why a pair was dissolved: a fixed list, so that programs can count and compare them (and
// the pair is never proposed again, whatever the reason).
enum class DissolveReason : std::uint8_t {
  kScheduleConflict,
  kNoRapport,
  kParticipantLeft,
  kGoalsReached,
  kConfidentialityBreach,
  kOther,
};
inline constexpr std::array<DissolveReason, 6> kDissolveReasons = {
    DissolveReason::kScheduleConflict, DissolveReason::kNoRapport,
    DissolveReason::kParticipantLeft,  DissolveReason::kGoalsReached,
    DissolveReason::kConfidentialityBreach, DissolveReason::kOther};

// "schedule_conflict", "no_rapport", ... as files and the API write them.
const char* dissolve_reason_name(DissolveReason reason);
std::optional<DissolveReason> parse_dissolve_reason(std::string_view name);

}  // namespace binome::core::matching
