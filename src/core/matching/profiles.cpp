#include "core/matching/profiles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

// GCC clones the kernel for AVX2 and picks the clone at load time; elsewhere, one version.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define BINOME_VECTOR_CLONES [[gnu::target_clones("avx2", "default")]]
#else
#define BINOME_VECTOR_CLONES
#endif

namespace binome::core::matching {

namespace {

constexpr std::int32_t kNoValue = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t kMinutesPerDay = 24 * 60;

// Scores to six decimals: float arithmetic leaves noise in the seventh ("0.7250000238") that
// would only confuse a reader; rounding is exact and the same wherever it runs.
inline double rounded(float score) {
  return std::nearbyint(static_cast<double>(score) * 1e6) / 1e6;
}

float level_of(const Profile& p, std::int32_t skill) {
  const auto it =
      std::lower_bound(p.proficiency.begin(), p.proficiency.end(), skill,
                       [](const auto& entry, std::int32_t s) { return entry.first < s; });
  return it != p.proficiency.end() && it->first == skill ? static_cast<float>(it->second) : 0.0F;
}

}  // namespace

std::string_view criterion_name(Criterion c) {
  switch (c) {
    case Criterion::kSkills:
      return "skills";
    case Criterion::kReverse:
      return "reverse";
    case Criterion::kInterests:
      return "interests";
    case Criterion::kAvailability:
      return "availability";
    case Criterion::kCrossDepartment:
      return "cross_department";
  }
  return "unknown";
}

std::string_view rule_name(Rule r) {
  switch (r) {
    case Rule::kCommonLanguage:
      return "common_language";
    case Rule::kHierarchyInversion:
      return "hierarchy_inversion";
    case Rule::kManagementChain:
      return "management_chain";
    case Rule::kSameManager:
      return "same_manager";
    case Rule::kTimeZoneDistance:
      return "time_zone_distance";
    case Rule::kCommonHours:
      return "common_hours";
    case Rule::kForbidden:
      return "forbidden";
    case Rule::kDissolvedBefore:
      return "dissolved_before";
  }
  return "unknown";
}

void ProfileScorer::Scratch::size(std::uint32_t m) {
  if (score.size() >= m) return;
  for (auto* v : {&skills, &reverse, &interests, &availability, &cross, &score}) v->resize(m);
  half_hours.resize(m);
  broken.resize(m);
}

ProfileScorer::Scratch& ProfileScorer::scratch() {
  thread_local Scratch s;
  return s;
}

ProfileScorer::ProfileScorer(std::vector<Profile> mentees, std::vector<Profile> mentors,
                             std::int32_t skills, std::int32_t interests, ScoringRules rules)
    : mentees_(std::move(mentees)),
      mentors_(static_cast<std::uint32_t>(mentors.size())),
      skills_(skills),
      interests_(interests),
      rules_(rules) {
  for (double w : rules_.weights) weight_sum_ += static_cast<float>(w);
  const std::size_t m = mentors_;
  mentor_level_.assign(static_cast<std::size_t>(skills_) * m, 0.0F);
  mentor_goal_.assign(static_cast<std::size_t>(skills_) * m, 0.0F);
  mentor_free_.assign(static_cast<std::size_t>(kWeekSlots) * m, 0);
  mentor_interest_.assign(static_cast<std::size_t>(interests_) * m, 0);
  mentor_interest_count_.assign(m, 0.0F);
  mentor_languages_.assign(m, 0);
  mentor_offset_.assign(m, kNoValue);
  mentor_department_.assign(m, -1);
  mentor_grade_.assign(m, kNoValue);
  std::int32_t people = 0;
  const auto count_people = [&](const Profile& p) {
    people = std::max(people, p.person + 1);
    for (std::int32_t x : p.managers) people = std::max(people, x + 1);
  };
  for (std::size_t j = 0; j < m; ++j) {
    const Profile& p = mentors[j];
    count_people(p);
    for (const auto& [skill, level] : p.proficiency) {
      mentor_level_[static_cast<std::size_t>(skill) * m + j] = static_cast<float>(level);
    }
    double goal_sum = 0;
    for (const auto& goal : p.goals) goal_sum += goal.second;
    for (const auto& [skill, weight] : p.goals) {
      mentor_goal_[static_cast<std::size_t>(skill) * m + j] =
          static_cast<float>(weight / (kMaxProficiency * goal_sum));
    }
    for (std::int32_t slot : p.free_slots) mentor_free_[static_cast<std::size_t>(slot) * m + j] = 1;
    for (std::int32_t t : p.interests) mentor_interest_[static_cast<std::size_t>(t) * m + j] = 1;
    mentor_interest_count_[j] = static_cast<float>(p.interests.size());
    mentor_languages_[j] = p.languages;
    mentor_offset_[j] = p.utc_offset_minutes.value_or(kNoValue);
    mentor_department_[j] = p.department;
    mentor_grade_[j] = p.grade.value_or(kNoValue);
  }
  for (const Profile& p : mentees_) count_people(p);

  // The reporting-line exclusions, from three indexes of the mentors by person.
  reporting_.resize(mentees_.size());
  if (!rules_.reporting_lines) return;
  const auto size = static_cast<std::size_t>(people);
  std::vector<std::vector<std::uint32_t>> mentor_is(size), chain_holds(size), reports_to(size);
  for (std::uint32_t j = 0; j < mentors_; ++j) {
    const Profile& p = mentors[j];
    if (p.person >= 0) mentor_is[static_cast<std::size_t>(p.person)].push_back(j);
    for (std::int32_t x : p.managers) chain_holds[static_cast<std::size_t>(x)].push_back(j);
    if (!p.managers.empty()) reports_to[static_cast<std::size_t>(p.managers.front())].push_back(j);
  }
  const std::uint32_t chain = rule_bit(Rule::kManagementChain);
  for (std::size_t i = 0; i < mentees_.size(); ++i) {
    const Profile& e = mentees_[i];
    auto& list = reporting_[i];
    for (std::int32_t x : e.managers) {
      for (std::uint32_t j : mentor_is[static_cast<std::size_t>(x)]) list.emplace_back(j, chain);
    }
    if (e.person >= 0) {
      for (std::uint32_t j : chain_holds[static_cast<std::size_t>(e.person)])
        list.emplace_back(j, chain);
    }
    if (!e.managers.empty()) {
      for (std::uint32_t j : reports_to[static_cast<std::size_t>(e.managers.front())]) {
        list.emplace_back(j, rule_bit(Rule::kSameManager));
      }
    }
    std::sort(list.begin(), list.end());
    // One entry per mentor, its bits merged.
    std::size_t out = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (out > 0 && list[out - 1].first == list[k].first) {
        list[out - 1].second |= list[k].second;
      } else {
        list[out++] = list[k];
      }
    }
    list.resize(out);
  }
}

// The kernel: one pass over contiguous arrays per goal, taught skill, free half-hour and
// interest of the mentee, then one to combine, each written so that it vectorises (selects, no
// branches); cloned for AVX2 where the processor has it (same float operations, same results:
// AVX2 brings no fused multiply-add).
BINOME_VECTOR_CLONES
void ProfileScorer::compute(std::uint32_t i, std::uint32_t j0, std::uint32_t j1, Scratch& s,
                            double* out) const {
  s.size(mentors_);
  const Profile& e = mentees_[i];
  const std::size_t m = mentors_;
  const std::size_t len = j1 - j0;
  float* __restrict const skills = s.skills.data() + j0;
  float* __restrict const reverse = s.reverse.data() + j0;
  float* __restrict const interests = s.interests.data() + j0;
  float* __restrict const availability = s.availability.data() + j0;
  float* __restrict const cross = s.cross.data() + j0;
  float* __restrict const score = s.score.data() + j0;
  std::uint16_t* __restrict const half_hours = s.half_hours.data() + j0;
  std::uint32_t* __restrict const broken = s.broken.data() + j0;
  std::fill(skills, skills + len, 0.0F);
  std::fill(reverse, reverse + len, 0.0F);
  std::fill(interests, interests + len, 0.0F);
  std::fill(half_hours, half_hours + len, std::uint16_t{0});

  // Skills: the mentor's level above the mentee's own, on each of the mentee's goals.
  double goal_sum = 0;
  for (const auto& goal : e.goals) goal_sum += goal.second;
  for (const auto& [skill, weight] : e.goals) {
    const float w = static_cast<float>(weight / (kMaxProficiency * goal_sum));
    const float own = level_of(e, skill);
    const float* level = mentor_level_.data() + static_cast<std::size_t>(skill) * m + j0;
    for (std::size_t k = 0; k < len; ++k) skills[k] += w * std::max(0.0F, level[k] - own);
  }
  // Reverse: the mentee's level above the mentor's, on the mentor's goals (only the skills the
  // mentee has can count).
  for (const auto& [skill, own_level] : e.proficiency) {
    const float own = static_cast<float>(own_level);
    const float* level = mentor_level_.data() + static_cast<std::size_t>(skill) * m + j0;
    const float* goal = mentor_goal_.data() + static_cast<std::size_t>(skill) * m + j0;
    for (std::size_t k = 0; k < len; ++k) reverse[k] += goal[k] * std::max(0.0F, own - level[k]);
  }
  // Common free half-hours and shared interests, counted across the mentee's few entries.
  for (std::int32_t slot : e.free_slots) {
    const std::uint8_t* free = mentor_free_.data() + static_cast<std::size_t>(slot) * m + j0;
    for (std::size_t k = 0; k < len; ++k)
      half_hours[k] = static_cast<std::uint16_t>(half_hours[k] + free[k]);
  }
  for (std::int32_t t : e.interests) {
    const std::uint8_t* has = mentor_interest_.data() + static_cast<std::size_t>(t) * m + j0;
    for (std::size_t k = 0; k < len; ++k) interests[k] += static_cast<float>(has[k]);
  }

  const float own_interests = static_cast<float>(e.interests.size());
  const float* interest_count = mentor_interest_count_.data() + j0;
  const float target = static_cast<float>(rules_.availability_target_hours);
  const std::int32_t department = e.department;
  const std::int32_t own_department_known = department >= 0 ? 1 : 0;
  const std::int32_t* mentor_department = mentor_department_.data() + j0;
  const auto& w = rules_.weights;
  const float w0 = static_cast<float>(w[0]), w1 = static_cast<float>(w[1]),
              w2 = static_cast<float>(w[2]), w3 = static_cast<float>(w[3]),
              w4 = static_cast<float>(w[4]);
  const float total = weight_sum_ > 0.0F ? weight_sum_ : 1.0F;
  // Jaccard; when neither has an interest, shared is 0 and so is the criterion.
  // A mentee with interests makes every union at least 1: no division by zero to guard.
  if (own_interests > 0.0F) {
    for (std::size_t k = 0; k < len; ++k) {
      interests[k] = interests[k] / (own_interests + interest_count[k] - interests[k]);
    }
  }
  for (std::size_t k = 0; k < len; ++k) {
    const float hours = static_cast<float>(half_hours[k]) * 0.5F;
    availability[k] = (hours < target ? hours : target) / target;
  }
  for (std::size_t k = 0; k < len; ++k) {
    const std::int32_t theirs = mentor_department[k];
    cross[k] = static_cast<float>(static_cast<std::int32_t>(theirs != department) &
                                  static_cast<std::int32_t>(theirs >= 0) & own_department_known);
  }
  for (std::size_t k = 0; k < len; ++k) {
    score[k] = (w0 * skills[k] + w1 * reverse[k] + w2 * interests[k] + w3 * availability[k] +
                w4 * cross[k]) /
               total;
  }

  // Hard rules, as bits.
  std::fill(broken, broken + len, 0U);
  if (rules_.common_language) {
    const std::uint32_t own = e.languages;
    const std::uint32_t* theirs = mentor_languages_.data() + j0;
    for (std::size_t k = 0; k < len; ++k) {
      broken[k] |= (own & theirs[k]) == 0 ? rule_bit(Rule::kCommonLanguage) : 0U;
    }
  }
  if (rules_.min_grade_gap) {
    // An unknown grade on either side breaks the rule.
    const std::int32_t own_known = e.grade ? 1 : 0;
    const std::int32_t own = e.grade.value_or(0);
    const std::int32_t gap = *rules_.min_grade_gap;
    const std::int32_t* grade = mentor_grade_.data() + j0;
    for (std::size_t k = 0; k < len; ++k) {
      const std::int32_t known = own_known & static_cast<std::int32_t>(grade[k] != kNoValue);
      const std::int32_t theirs = known != 0 ? grade[k] : own;
      const std::int32_t ok = known & static_cast<std::int32_t>(own - theirs >= gap);
      broken[k] |= ok != 0 ? 0U : rule_bit(Rule::kHierarchyInversion);
    }
  }
  if (rules_.max_time_zone_hours) {
    const auto limit = static_cast<std::int32_t>(std::floor(*rules_.max_time_zone_hours * 60.0));
    const std::int32_t own_known = e.utc_offset_minutes ? 1 : 0;
    const std::int32_t own = e.utc_offset_minutes.value_or(0);
    const std::int32_t* offset = mentor_offset_.data() + j0;
    for (std::size_t k = 0; k < len; ++k) {
      const std::int32_t known = own_known & static_cast<std::int32_t>(offset[k] != kNoValue);
      const std::int32_t theirs = known != 0 ? offset[k] : own;
      // Offsets lie within a day of each other, so one fold puts the distance on the circle.
      const std::int32_t apart = own > theirs ? own - theirs : theirs - own;
      const std::int32_t d = apart > kMinutesPerDay / 2 ? kMinutesPerDay - apart : apart;
      const std::int32_t ok = known & static_cast<std::int32_t>(d <= limit);
      broken[k] |= ok != 0 ? 0U : rule_bit(Rule::kTimeZoneDistance);
    }
  }
  if (rules_.min_common_hours > 0) {
    // Whole half-hours: at least ceil(2 * hours) of them.
    const auto needed = static_cast<std::uint16_t>(std::ceil(rules_.min_common_hours * 2.0));
    for (std::size_t k = 0; k < len; ++k) {
      broken[k] |= half_hours[k] >= needed ? 0U : rule_bit(Rule::kCommonHours);
    }
  }
  const auto& reporting = reporting_[i];
  for (auto it = std::lower_bound(reporting.begin(), reporting.end(), std::pair{j0, 0U});
       it != reporting.end() && it->first < j1; ++it) {
    broken[it->first - j0] |= it->second;
  }

  if (out == nullptr) return;
  // In two steps of one width each, so that both vectorise; NaN stays NaN when widened.
  const float not_allowed = std::numeric_limits<float>::quiet_NaN();
  for (std::size_t k = 0; k < len; ++k) score[k] = broken[k] != 0 ? not_allowed : score[k];
  for (std::size_t k = 0; k < len; ++k) out[k] = rounded(score[k]);
}

void ProfileScorer::row(std::uint32_t mentee, double* out) const {
  // In blocks of mentors, so that the kernel's dozen passes stay in the L1 cache.
  Scratch& s = scratch();
  for (std::uint32_t j0 = 0; j0 < mentors_; j0 += kBlock) {
    compute(mentee, j0, std::min(mentors_, j0 + kBlock), s, out + j0);
  }
}

void ProfileScorer::rows(std::uint32_t first, std::uint32_t count, std::size_t stride,
                         double* out) const {
  // Mentor block by mentor block, every row of the batch: the block's columns are read from
  // memory once for the batch rather than once per row.
  Scratch& s = scratch();
  for (std::uint32_t j0 = 0; j0 < mentors_; j0 += kBlock) {
    const std::uint32_t j1 = std::min(mentors_, j0 + kBlock);
    for (std::uint32_t k = 0; k < count; ++k) compute(first + k, j0, j1, s, out + k * stride + j0);
  }
}

double ProfileScorer::cell(std::uint32_t mentee, std::uint32_t mentor) const {
  double out = 0;
  compute(mentee, mentor, mentor + 1, scratch(), &out);
  return out;
}

namespace {

std::vector<std::uint64_t> sorted_keys(const std::vector<Pair>& pairs) {
  std::vector<std::uint64_t> keys;
  keys.reserve(pairs.size());
  for (const Pair& p : pairs) {
    keys.push_back((std::uint64_t{static_cast<std::uint32_t>(p.mentee)} << 32) |
                   static_cast<std::uint32_t>(p.mentor));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Sets `bit` in broken[j - j0] for the listed mentors of mentee i within [j0, j1).
void mark(const std::vector<std::uint64_t>& keys, std::uint32_t i, std::uint32_t j0,
          std::uint32_t j1, std::uint32_t bit, std::uint32_t* broken) {
  const std::uint64_t row = std::uint64_t{i} << 32;
  for (auto it = std::lower_bound(keys.begin(), keys.end(), row | j0);
       it != keys.end() && *it < (row | j1); ++it) {
    broken[static_cast<std::uint32_t>(*it) - j0] |= bit;
  }
}

}  // namespace

Explanation ProfileScorer::explain(std::uint32_t mentee, std::uint32_t mentor,
                                   const std::vector<Pair>& forbidden,
                                   const std::vector<Pair>& dissolved) const {
  Scratch& s = scratch();
  compute(mentee, mentor, mentor + 1, s, nullptr);
  Explanation x;
  x.criteria = {s.skills[mentor], s.reverse[mentor], s.interests[mentor], s.availability[mentor],
                s.cross[mentor]};
  double weights = 0;
  for (double w : rules_.weights) weights += w;
  for (std::size_t c = 0; c < kCriteria; ++c) {
    x.contributions[c] = weights > 0 ? rules_.weights[c] * x.criteria[c] / weights : 0.0;
  }
  x.score = rounded(s.score[mentor]);
  x.common_hours = static_cast<double>(s.half_hours[mentor]) * 0.5;
  x.broken_rules = s.broken[mentor];
  const Pair pair{static_cast<std::int32_t>(mentee), static_cast<std::int32_t>(mentor)};
  if (std::find(forbidden.begin(), forbidden.end(), pair) != forbidden.end())
    x.broken_rules |= rule_bit(Rule::kForbidden);
  if (std::find(dissolved.begin(), dissolved.end(), pair) != dissolved.end()) {
    x.broken_rules |= rule_bit(Rule::kDissolvedBefore);
  }
  return x;
}

Census ProfileScorer::census(const std::vector<Pair>& forbidden, const std::vector<Pair>& dissolved,
                             double min_score, std::size_t max_listed,
                             std::stop_token stop) const {
  const std::uint32_t n = mentees();
  const std::uint32_t m = mentors_;
  const auto forbidden_keys = sorted_keys(forbidden);
  const auto dissolved_keys = sorted_keys(dissolved);
  Census total;
  total.mentee_by_rule.assign(n, {});
  total.mentee_below_min.assign(n, 0);

  // Each thread counts a contiguous range of mentees into its own Census (mentee rows are
  // written in place: the ranges are disjoint); the parts are then added in range order.
  const std::uint32_t threads = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
  const std::uint32_t share = (n + threads - 1) / threads;
  std::vector<Census> parts(threads);
  std::vector<std::size_t> active;  // the rules that can exclude a pair in this run
  const auto in_play = [&](Rule r) { active.push_back(static_cast<std::size_t>(r)); };
  if (rules_.common_language) in_play(Rule::kCommonLanguage);
  if (rules_.min_grade_gap) in_play(Rule::kHierarchyInversion);
  if (rules_.reporting_lines) {
    in_play(Rule::kManagementChain);
    in_play(Rule::kSameManager);
  }
  if (rules_.max_time_zone_hours) in_play(Rule::kTimeZoneDistance);
  if (rules_.min_common_hours > 0) in_play(Rule::kCommonHours);
  if (!forbidden.empty()) in_play(Rule::kForbidden);
  if (!dissolved.empty()) in_play(Rule::kDissolvedBefore);
  const auto count = [&](std::uint32_t t) {
    Census& c = parts[t];
    c.mentor_by_rule.assign(m, {});
    c.mentor_below_min.assign(m, 0);
    Scratch& s = scratch();
    std::vector<double> row(m);
    std::vector<std::uint32_t> mentor_counts(std::size_t{kRules} * m, 0);
    const std::uint32_t from = t * share, to = std::min(n, from + share);
    for (std::uint32_t i = from; i < to && !stop.stop_requested(); ++i) {
      auto& mine = total.mentee_by_rule[i];
      for (std::uint32_t j0 = 0; j0 < m; j0 += kBlock) {
        const std::uint32_t j1 = std::min(m, j0 + kBlock);
        compute(i, j0, j1, s, row.data() + j0);
        std::uint32_t* broken = s.broken.data() + j0;
        mark(forbidden_keys, i, j0, j1, rule_bit(Rule::kForbidden), broken);
        mark(dissolved_keys, i, j0, j1, rule_bit(Rule::kDissolvedBefore), broken);
        const std::uint32_t len = j1 - j0;
        // Branch-free sums over the block (they vectorise), per rule only for the rules in play.
        for (const std::size_t r : active) {
          std::uint32_t hits = 0;
          std::uint32_t* per_mentor = mentor_counts.data() + r * m + j0;
          for (std::uint32_t k = 0; k < len; ++k) {
            const std::uint32_t hit = (broken[k] >> r) & 1U;
            hits += hit;
            per_mentor[k] += hit;
          }
          mine[r] += hits;
        }
        std::uint32_t excluded = 0;
        std::uint32_t below = 0;
        const double* scores = row.data() + j0;
        char* mentor_below = c.mentor_below_min.data() + j0;
        for (std::uint32_t k = 0; k < len; ++k) {
          const std::uint32_t out = broken[k] != 0 ? 1U : 0U;
          const std::uint32_t low = (1U - out) & (scores[k] < min_score ? 1U : 0U);  // NaN: not low
          excluded += out;
          below += low;
          mentor_below[k] = static_cast<char>(mentor_below[k] | static_cast<char>(low));
        }
        c.excluded += excluded;
        c.allowed += len - excluded;
        c.below_min_score += below;
        if (below > 0) total.mentee_below_min[i] = 1;
        for (std::uint32_t k = 0; k < len && excluded > 0 && c.listed.size() < max_listed; ++k) {
          if (broken[k] != 0) c.listed.push_back({i, j0 + k, broken[k]});
        }
      }
      for (std::size_t r = 0; r < kRules; ++r) c.by_rule[r] += mine[r];
    }
    for (std::uint32_t j = 0; j < m; ++j) {
      for (std::size_t r = 0; r < kRules; ++r) c.mentor_by_rule[j][r] = mentor_counts[r * m + j];
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::uint32_t t = 1; t < threads; ++t) helpers.emplace_back(count, t);
    count(0);
  }
  total.mentor_by_rule.assign(m, {});
  total.mentor_below_min.assign(m, 0);
  total.stopped = stop.stop_requested();
  for (const Census& c : parts) {
    total.allowed += c.allowed;
    total.below_min_score += c.below_min_score;
    total.excluded += c.excluded;
    for (std::size_t r = 0; r < kRules; ++r) total.by_rule[r] += c.by_rule[r];
    for (const ExcludedPair& x : c.listed) {
      if (total.listed.size() < max_listed) total.listed.push_back(x);
    }
    for (std::uint32_t j = 0; j < m && !c.mentor_by_rule.empty(); ++j) {
      for (std::size_t r = 0; r < kRules; ++r) total.mentor_by_rule[j][r] += c.mentor_by_rule[j][r];
      total.mentor_below_min[j] =
          static_cast<char>(total.mentor_below_min[j] | c.mentor_below_min[j]);
    }
  }
  return total;
}

}  // namespace binome::core::matching
