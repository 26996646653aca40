// Re-matching as JSON (docs/matching.md, "Re-matching"): what `binome match rematch` reads and
// writes, and what POST /api/v1/matching/rematch takes and answers. Every message is a
// core::Message, worded when shown.
#pragma once

#include <cstdint>
#include <expected>
#include <stop_token>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/matching/assignment.hpp"
#include "core/matching/rematch.hpp"
#include "io/matching_json.hpp"

namespace binome::io {

using core::matching::DissolveReason;

struct Dissolution {
  core::matching::Pair pair;
  DissolveReason reason = DissolveReason::kOther;
  std::string note;  // free text; empty when not given
};

struct RematchInput {
  MatchingInput problem;  // "algorithm" is "optimal": a stable problem is refused
  // The previous pairs alone, as core::matching::rematch accepts them: mentor_of and pairs, each
  // pair's score taken from the problem (not from the previous file), no duals, no reasons.
  core::matching::Result previous;
  std::vector<Dissolution> dissolve;  // in the order given

  std::vector<core::matching::Pair> dissolved_pairs() const;
};

// The three parts are JSON documents of their own (the command line reads one file each): the
// problem (parse_matching_problem), the previous result ({"pairs": [{"mentor", "mentee"}, ...]},
// the result file of `binome match solve` or of an earlier re-match) and the list of pairs to
// dissolve ([{"mentor", "mentee", "reason", "note"}, ...]). An error names the part it is in;
// its places are relative to that part ("scores[3]", "pairs[3]"), except the dissolve list's,
// which are named "dissolve[2].reason" in both forms.
enum class RematchPart : std::uint8_t { kProblem, kPrevious, kDissolve };
struct RematchError {
  RematchPart part;
  core::Error error;
};

// Every problem of the first part that has any is reported at once; the later parts are read
// against the earlier ones (ids, pairs), so they are read only when those are valid.
// `today` as for parse_matching_problem.
// `limits` as for parse_matching_problem; the parts' pairs count together (a part whose pairs
// pass the limit is refused, kPayloadTooLarge, at "pairs" or "dissolve").
std::expected<RematchInput, RematchError> parse_rematch(const Json& problem, const Json& previous,
                                                        const Json& dissolve, const NpyLoader& load_npy,
                                                        const std::string& today,
                                                        const MatchingLimits& limits = {});

// The API's body, one document: {"problem": {...}, "previous": {"pairs": [...]}, "dissolve":
// [...]}. Places are prefixed with their part: "problem.scores[3]", "previous.pairs[3]",
// "dissolve[2].reason".
core::Result<RematchInput> parse_rematch_request(const Json& doc, const NpyLoader& load_npy,
                                                 const std::string& today,
                                                 const MatchingLimits& limits = {});

// matching_result_json of the re-matched result, plus "dissolved" (the dissolve list with its
// reasons and notes), each pair's "kept" (true: kept from the previous result; false: formed by
// this re-match) and "stats.reassigned_mentees" (the pairs formed by this re-match). "locked"
// stays what the problem locks (core::matching::rematch marks every kept pair locked).
Json rematch_result_json(const RematchInput& input, const core::matching::Result& result,
                         const core::matching::Optimality& optimality, double solve_ms,
                         std::stop_token stop = {});

}  // namespace binome::io
