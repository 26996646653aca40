// The matching problem and result as JSON (docs/matching.md): what `binome match solve` reads
// and writes, and what POST /api/v1/matching/solve takes and answers.
#pragma once

#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/matching/assignment.hpp"
#include "core/matching/stable.hpp"
#include "io/matching_limits.hpp"
#include "io/profile_json.hpp"
#include "io/npy.hpp"

namespace binome::io {

enum class MatchingAlgorithm : std::uint8_t { kOptimal, kStable };

struct MatchingInput {
  core::matching::Problem problem;
  MatchingAlgorithm algorithm = MatchingAlgorithm::kOptimal;  // "algorithm"
  std::vector<std::string> mentor_ids;  // by index
  std::vector<std::string> mentee_ids;
  // Pairs dissolved in earlier runs: never formed again (they are in problem.forbidden too).
  std::vector<core::matching::Pair> dissolved;
  std::vector<core::matching::Pair> forbidden;  // as given, without the dissolved pairs
  // Set when the scores come from "profiles" (problem.scores is then computed from it).
  std::optional<ProfileInput> profiles;
};

using core::matching::MatchingProblems;

// An element's place in the file, as a problem names it: "mentors[2]".
std::string element_place(std::string_view list, std::size_t index);

// Loads "scores_npy" (a path as written in the problem); absent: the caller takes no files.
using NpyLoader = std::function<std::expected<NpyMatrix, core::Message>(const std::string& path)>;

// A matching document (a problem, a previous result, a dissolve list, the API's re-match
// request) parsed from its text, `limits` counted as it is read: the parse stops at the first
// element over a limit, so a document too large is never built whole. Counted: the elements of
// "mentors" and "mentees" (people, together), of "scores", "forbidden", "dissolved", "locked",
// "pairs" and "dissolve" (pairs, together), at the top or one level down ("problem.scores",
// "previous.pairs"), and every JSON value. Errors: kPayloadTooLarge with one detail naming the
// list (or "" for values) and the limit; kMalformedJson with the parser's reason
// ("operations.not_json"); core::matching::stopped_error() once `stop` is requested.
core::Result<Json> parse_matching_json(std::string_view text, const MatchingLimits& limits,
                                       std::stop_token stop = {});

// Every problem is reported at once, each with its place ("mentors[2].capacity", "scores[7]").
// `today` ("YYYY-MM-DD", the caller's clock) is the default week of a profile problem.
// `limits` are checked again on `doc` before anything is built (a document parse_matching_json
// did not read), and the tables the problem needs against limits.cells: the profile tables
// here, a scores_npy matrix by the loader (npy_shape).
core::Result<MatchingInput> parse_matching_problem(const Json& doc, const NpyLoader& load_npy,
                                                   const std::string& today,
                                                   const MatchingLimits& limits = {});

// The kPayloadTooLarge error of a document over `limits` (people, pairs), from its counts;
// nothing when it is within them. `prefix` names the part ("problem.").
std::optional<core::Error> over_limits(const Json& doc, const MatchingLimits& limits,
                                       const std::string& prefix = "");

// The pairs `doc` lists against limits.pairs: its "scores", "forbidden", "dissolved", "locked",
// "pairs" and "dissolve" together (0 for a document that is not an object).
std::uint64_t listed_pairs(const Json& doc);

// `solve_ms` times the solver alone. `stop`: the exclusions of a profile problem are counted
// over every pair (ProfileScorer::census), which checks it; a result written after the stop was
// requested is incomplete, and the caller discards it (the HTTP handler checks its token).
Json matching_result_json(const MatchingInput& input, const core::matching::Result& result,
                          const core::matching::Optimality& optimality, double solve_ms,
                          std::stop_token stop = {});

// The stable matching's result: no dual proof; "optimal" says whether its total equals the
// exact optimum's, given as "optimal_total".
Json stable_matching_result_json(const MatchingInput& input, const core::matching::StableResult& stable,
                                 double optimal_total, bool optimal, double solve_ms,
                                 std::stop_token stop = {});

}  // namespace binome::io
