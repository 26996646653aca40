// The matching problem and result as JSON (docs/matching.md): what `binome match solve` reads
// and writes, and what POST /api/v1/matching/solve takes and answers.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/matching/assignment.hpp"
#include "core/matching/stable.hpp"
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

// Every problem is reported at once, each with its place ("mentors[2].capacity", "scores[7]").
// `today` ("YYYY-MM-DD", the caller's clock) is the default week of a profile problem.
core::Result<MatchingInput> parse_matching_problem(const Json& doc, const NpyLoader& load_npy,
                                                   const std::string& today);

// `solve_ms` times the solver alone.
Json matching_result_json(const MatchingInput& input, const core::matching::Result& result,
                          const core::matching::Optimality& optimality, double solve_ms);

// The stable matching's result: no dual proof; "optimal" says whether its total equals the
// exact optimum's, given as "optimal_total".
Json stable_matching_result_json(const MatchingInput& input, const core::matching::StableResult& stable,
                                 double optimal_total, bool optimal, double solve_ms);

}  // namespace binome::io
