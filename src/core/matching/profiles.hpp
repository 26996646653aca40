// Scores computed from profiles: what a program weighs when it pairs a mentor with a mentee,
// and the reverse-mentoring rules that exclude a pair outright. Pure and deterministic.
//
// Contract
//   A Profile describes one person with indices the caller assigned (skills, interests,
//   languages, departments, people): proficiency 0-8 in the skills they can teach (DigComp's
//   eight levels; absent = 0), weights of what they want to learn, interests, the half-hours of
//   the week they are free (already in UTC), languages, UTC offset, department, grade rank and
//   management chain.
//
//   Criteria, each in [0, 1] (kCriteria of them):
//   - skills: the mentor's proficiency above the mentee's own on the mentee's learning goals,
//     sum_s w_s * max(0, p_mentor(s) - p_mentee(s)) / (8 * sum_s w_s) over the mentee's goals;
//   - reverse: the same the other way, the mentee's expertise on the mentor's learning goals;
//   - interests: shared interests, |A n B| / |A u B| (0 when both have none);
//   - availability: the weekly hours both are free, min(hours, target) / target;
//   - cross_department: 1 when both departments are known and differ.
//   The score is sum_c weight_c * criterion_c / sum_c weight_c, in [0, 1], rounded to six
//   decimals: weights say how much each criterion counts, not the scale of the score. Every
//   weight 0 means score 0.
//
//   Hard rules filter pairs (a pair breaking one gets no score: NaN in row()), each on or off:
//   - common_language: the two share a language (someone with none listed shares nothing);
//   - hierarchy_inversion: mentee grade - mentor grade >= min_grade_gap (both known);
//   - management_chain: neither is in the other's management chain (any depth);
//   - same_manager: they do not share a direct manager (both rules follow "reporting_lines");
//   - time_zone_distance: UTC offsets at most max_time_zone_hours apart, on the 24-hour
//     circle (UTC-11 and UTC+12 are one hour apart); a person with no offset breaks it;
//   - common_hours: at least min_common_hours of weekly free time in common.
//   Pairs forbidden or dissolved before are the Problem's `forbidden` pairs, not rules here.
//
// Method and complexity. Mentors are stored column-wise (one array per skill, per half-hour,
//   per interest), so a row is a few passes over contiguous arrays, one per goal, taught skill,
//   free half-hour and interest of the mentee, each vectorised across mentors: O(m * (g + t +
//   h + k)) for a row, about a millisecond for 20,000 mentors. The arithmetic is in float, in
//   the same order for every pair, so row(), cell() and explain() agree bit for bit.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string_view>
#include <utility>
#include <vector>

#include "core/matching/assignment.hpp"

namespace binome::core::matching {

inline constexpr std::int32_t kMaxProficiency = 8;
inline constexpr std::int32_t kWeekSlots = 7 * 48;  // half-hours, Monday 00:00 UTC first

struct Profile {
  std::vector<std::pair<std::int32_t, std::int32_t>> proficiency;  // (skill, 1..8), by skill
  std::vector<std::pair<std::int32_t, double>> goals;              // (skill, weight > 0), by skill
  std::vector<std::int32_t> interests;                             // sorted, unique
  std::vector<std::int32_t> free_slots;  // UTC half-hours in [0, kWeekSlots), sorted, unique
  std::uint32_t languages = 0;           // bit k: the caller's k-th language (32 at most)
  std::optional<std::int32_t> utc_offset_minutes;
  std::int32_t department = -1;        // -1: unknown
  std::optional<std::int32_t> grade;   // rank on the program's scale, lowest first
  std::int32_t person = -1;            // this person, in the caller's numbering of people
  std::vector<std::int32_t> managers;  // management chain, direct manager first (people)
};

enum class Criterion : std::uint8_t {
  kSkills,
  kReverse,
  kInterests,
  kAvailability,
  kCrossDepartment
};
inline constexpr std::size_t kCriteria = 5;
std::string_view criterion_name(Criterion c);  // "skills", "reverse", ...

enum class Rule : std::uint8_t {
  kCommonLanguage,
  kHierarchyInversion,
  kManagementChain,
  kSameManager,
  kTimeZoneDistance,
  kCommonHours,
  kForbidden,        // the Problem's forbidden pairs: census() and explain() report them
  kDissolvedBefore,  // likewise, the pairs dissolved in earlier runs
};
inline constexpr std::size_t kRules = 8;
std::string_view rule_name(Rule r);  // "common_language", ...
inline constexpr std::uint32_t rule_bit(Rule r) {
  return std::uint32_t{1} << static_cast<unsigned>(r);
}

struct ScoringRules {
  // Weights per criterion (Criterion order), each >= 0.
  std::array<double, kCriteria> weights{0.4, 0.15, 0.15, 0.2, 0.1};
  double availability_target_hours = 2;  // > 0: this many common hours a week score 1
  bool common_language = true;
  std::optional<std::int32_t> min_grade_gap = 1;  // nullopt: grades play no part
  bool reporting_lines = true;                    // management_chain and same_manager
  std::optional<double> max_time_zone_hours;      // nullopt: no limit
  double min_common_hours = 0;                    // 0: no minimum
};

struct Explanation {
  std::array<double, kCriteria> criteria{};       // each in [0, 1]
  std::array<double, kCriteria> contributions{};  // weight_c * criterion_c / sum of weights
  double score = 0;                               // their sum, as row() gives it
  double common_hours = 0;                        // weekly hours both are free
  std::uint32_t broken_rules = 0;                 // rule_bit()s; 0: the pair is allowed
};

struct ExcludedPair {
  std::uint32_t mentee = 0;
  std::uint32_t mentor = 0;
  std::uint32_t rules = 0;  // rule_bit()s
};

// Every pair of a cohort, counted once: what the rules excluded and why, and which pairs are
// allowed but score under min_score.
struct Census {
  std::uint64_t allowed = 0;          // breaking no rule, not forbidden, not dissolved
  std::uint64_t below_min_score = 0;  // of those, scoring under min_score
  std::uint64_t excluded = 0;         // breaking at least one rule (forbidden, dissolved included)
  std::array<std::uint64_t, kRules> by_rule{};  // pairs breaking each rule
  std::vector<ExcludedPair> listed;  // the first `max_listed` excluded pairs, by mentee, mentor
  std::vector<std::array<std::uint32_t, kRules>> mentee_by_rule;  // per mentee: its pairs per rule
  std::vector<std::array<std::uint32_t, kRules>> mentor_by_rule;
  std::vector<char> mentee_below_min;  // 1: has an allowed pair scoring under min_score
  std::vector<char> mentor_below_min;
  bool stopped = false;  // the stop was requested: the counts are partial, to be thrown away
};

class ProfileScorer final : public ScoreRows {
 public:
  // The caller validated the profiles (indices in range, lists sorted, levels 1..8);
  // `skills` and `interests` are the numbers of distinct skills and interests.
  ProfileScorer(std::vector<Profile> mentees, std::vector<Profile> mentors, std::int32_t skills,
                std::int32_t interests, ScoringRules rules);

  void row(std::uint32_t mentee, double* out) const override;
  void rows(std::uint32_t first, std::uint32_t count, std::size_t stride,
            double* out) const override;
  double cell(std::uint32_t mentee, std::uint32_t mentor) const override;
  double max_abs_score() const override { return 1.0; }

  // Each criterion and its contribution, the common hours and the rules the pair breaks
  // (forbidden and dissolved pairs as given, each sorted by mentee then mentor).
  Explanation explain(std::uint32_t mentee, std::uint32_t mentor,
                      const std::vector<Pair>& forbidden = {},
                      const std::vector<Pair>& dissolved = {}) const;

  // One pass over every pair, on all cores; deterministic. O(nm). `stop` is checked before
  // each row (assignment.hpp, "Cancellation"); once requested the Census is `stopped`.
  Census census(const std::vector<Pair>& forbidden, const std::vector<Pair>& dissolved,
                double min_score, std::size_t max_listed, std::stop_token stop = {}) const;

  std::uint32_t mentees() const { return static_cast<std::uint32_t>(mentees_.size()); }
  std::uint32_t mentors() const { return mentors_; }

 private:
  static constexpr std::uint32_t kBlock = 512;
  struct Scratch {
    std::vector<float> skills, reverse, interests, availability, cross, score;
    std::vector<std::uint16_t> half_hours;
    std::vector<std::uint32_t> broken;
    void size(std::uint32_t m);
  };
  static Scratch& scratch();
  // Criteria, score and broken rules of mentee i against mentors [j0, j1), into s at [j0, j1);
  // scores into out[j - j0] (NaN when a rule excludes the pair) unless out is null.
  void compute(std::uint32_t i, std::uint32_t j0, std::uint32_t j1, Scratch& s, double* out) const;

  std::vector<Profile> mentees_;
  std::uint32_t mentors_ = 0;
  std::int32_t skills_ = 0;
  std::int32_t interests_ = 0;
  ScoringRules rules_;
  float weight_sum_ = 0;
  // Mentors, column-wise: [skill * m + j], [slot * m + j], [interest * m + j].
  std::vector<float> mentor_level_;        // proficiency 0..8
  std::vector<float> mentor_goal_;         // goal weight / (8 * the mentor's sum of weights)
  std::vector<std::uint8_t> mentor_free_;  // 1 when free in that UTC half-hour
  std::vector<std::uint8_t> mentor_interest_;
  std::vector<float> mentor_interest_count_;
  std::vector<std::uint32_t> mentor_languages_;
  std::vector<std::int32_t> mentor_offset_;  // minutes; kNoValue when unknown
  std::vector<std::int32_t> mentor_department_;
  std::vector<std::int32_t> mentor_grade_;  // kNoValue when unknown
  // Per mentee, the mentors the reporting-line rules exclude, sorted by mentor, with the bits.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> reporting_;
};

}  // namespace binome::core::matching
