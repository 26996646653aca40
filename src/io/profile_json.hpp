// The profile part of a matching problem (docs/matching.md, "Scores from profiles"): "profiles",
// "weights", "rules" and their settings, read into a ProfileScorer whose rows are the scores.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/matching/profiles.hpp"
#include <nlohmann/json.hpp>

#include "core/message.hpp"
#include "io/matching_limits.hpp"

namespace binome::io {

using Json = nlohmann::json;

struct ProfileInput {
  std::shared_ptr<const core::matching::ProfileScorer> scorer;
  core::matching::ScoringRules rules;
  std::string week_of;                   // the week whose UTC offsets place availability
  std::size_t max_excluded_listed = 1000;  // excluded pairs listed in the result
};

inline constexpr std::size_t kMaxLanguages = 32;

// Reads the profiles of `doc` for the given participants; each problem goes to `add(place,
// message)`. `today` ("YYYY-MM-DD") is the default of "week_of". Returns nothing when a
// problem was reported. `limits.cells` bounds the scorer's tables (mentors x distinct skills
// and interests), checked before they are built.
std::optional<ProfileInput> parse_profile_problem(const Json& doc, const std::vector<std::string>& mentor_ids,
                                                  const std::vector<std::string>& mentee_ids,
                                                  const std::string& today,
                                                  const std::function<void(std::string, core::Message)>& add,
                                                  const MatchingLimits& limits = {});

}  // namespace binome::io
