// Scores from profiles at scale: a bank-like cohort of N mentees x N mentors (tests/support/
// profile_cohort.hpp), scored, pruned, solved exactly, checked and explained.
//   profile_bench N SEED [OUT_DIR]
// Prints one line of key=value: score= (one pass scoring every pair and counting exclusions,
// on every core), solve= (the exact solve: a pass keeping the best candidates, the sparse
// solve, a pass checking every pair against the duals), verify= (verify_optimality, a pass
// again), pairs, total, optimal. With OUT_DIR, also writes the cohort for the NumPy peer
// (bench/profile_numpy.py): the same profiles as flat arrays, and as a problem file for
// `binome match solve` (problem.json).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/matching/assignment.hpp"
#include "core/matching/profiles.hpp"
#include "support/profile_cohort.hpp"

namespace {

namespace m = binome::core::matching;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

template <typename T>
void put(std::ofstream& out, const std::vector<T>& v) {
  out.write(reinterpret_cast<const char*>(v.data()),
            static_cast<std::streamsize>(v.size() * sizeof(T)));
}

// Dense per-person arrays, the layout a NumPy scorer wants: levels and goal weights per skill,
// free half-hours, interests, and the scalar fields.
void write_side(const std::string& path, const std::vector<m::Profile>& people, std::int32_t skills,
                std::int32_t interests) {
  const std::size_t n = people.size();
  std::vector<float> level(n * static_cast<std::size_t>(skills), 0),
      goal(n * static_cast<std::size_t>(skills), 0);
  std::vector<std::uint8_t> free(n * m::kWeekSlots, 0),
      interest(n * static_cast<std::size_t>(interests), 0);
  std::vector<std::int32_t> scalars(n * 5,
                                    0);  // languages, offset, department, grade, direct manager
  for (std::size_t k = 0; k < n; ++k) {
    const m::Profile& p = people[k];
    for (auto [s, l] : p.proficiency)
      level[k * static_cast<std::size_t>(skills) + static_cast<std::size_t>(s)] =
          static_cast<float>(l);
    for (auto [s, w] : p.goals)
      goal[k * static_cast<std::size_t>(skills) + static_cast<std::size_t>(s)] =
          static_cast<float>(w);
    for (auto h : p.free_slots) free[k * m::kWeekSlots + static_cast<std::size_t>(h)] = 1;
    for (auto t : p.interests)
      interest[k * static_cast<std::size_t>(interests) + static_cast<std::size_t>(t)] = 1;
    scalars[k * 5 + 0] = static_cast<std::int32_t>(p.languages);
    scalars[k * 5 + 1] = p.utc_offset_minutes.value_or(0);
    scalars[k * 5 + 2] = p.department;
    scalars[k * 5 + 3] = p.grade.value_or(0);
    scalars[k * 5 + 4] = p.managers.empty() ? -1 : p.managers.front();
  }
  std::ofstream out(path, std::ios::binary);
  put(out, level);
  put(out, goal);
  put(out, free);
  put(out, interest);
  put(out, scalars);
}

// The cohort as a problem file for `binome match solve` (week of 2026-01-05, when the five
// zones' offsets are those the cohort was built with): the whole path, JSON included.
void write_problem_json(const std::string& path, const binome::testing::ProfileCohort& c, const m::ScoringRules& rules,
                        double min_score) {
  static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  static const char* const kLanguages[] = {"fr", "en", "de", "es", "it", "nl"};
  const auto zone = [](std::int32_t offset) {
    switch (offset) {
      case 60: return "Europe/Paris";
      case 0: return "Europe/London";
      case -300: return "America/New_York";
      case 480: return "Asia/Singapore";
      default: return "Asia/Kolkata";
    }
  };
  std::ofstream out(path);
  out.precision(17);  // the goal weights exactly, so that both runs solve the same problem
  const auto profile = [&](const char* id_prefix, std::size_t k, const m::Profile& p) {
    out << "\"" << id_prefix << k << "\": {\"skills\": {";
    for (std::size_t s = 0; s < p.proficiency.size(); ++s) {
      out << (s ? ", " : "") << "\"skill_" << p.proficiency[s].first << "\": " << p.proficiency[s].second;
    }
    out << "}, \"goals\": {";
    for (std::size_t s = 0; s < p.goals.size(); ++s) {
      out << (s ? ", " : "") << "\"skill_" << p.goals[s].first << "\": " << p.goals[s].second;
    }
    out << "}, \"interests\": [";
    for (std::size_t t = 0; t < p.interests.size(); ++t) out << (t ? ", " : "") << "\"interest_" << p.interests[t] << "\"";
    out << "], \"availability\": [";
    const std::int32_t offset = p.utc_offset_minutes.value_or(0);
    bool first = true;
    for (const std::int32_t utc : p.free_slots) {  // one half-hour each, in local time
      const std::int32_t local = ((utc + offset / 30) % m::kWeekSlots + m::kWeekSlots) % m::kWeekSlots;
      const std::int32_t h = local % 48;
      char slot[32];
      std::snprintf(slot, sizeof slot, "%s %02d:%02d-%02d:%02d", kDays[local / 48], h / 2, h % 2 * 30, (h + 1) / 2,
                    (h + 1) % 2 * 30);
      out << (first ? "" : ", ") << "\"" << slot << "\"";
      first = false;
    }
    out << "], \"languages\": [";
    first = true;
    for (std::uint32_t l = 0; l < 6; ++l) {
      if ((p.languages >> l & 1U) == 0) continue;
      out << (first ? "" : ", ") << "\"" << kLanguages[l] << "\"";
      first = false;
    }
    out << "], \"time_zone\": \"" << zone(offset) << "\", \"department\": \"D" << p.department
        << "\", \"grade\": " << p.grade.value_or(0) << ", \"managers\": [";
    for (std::size_t k2 = 0; k2 < p.managers.size(); ++k2) out << (k2 ? ", " : "") << "\"B" << p.managers[k2] << "\"";
    out << "]}";
  };
  out << "{\"objective\": \"score\", \"min_score\": " << min_score << ", \"week_of\": \"2026-01-05\",\n";
  out << "\"rules\": {\"max_time_zone_hours\": " << rules.max_time_zone_hours.value_or(24)
      << ", \"reporting_lines\": " << (rules.reporting_lines ? "true" : "false") << "},\n\"mentors\": [";
  for (std::size_t j = 0; j < c.mentors.size(); ++j) out << (j ? ", " : "") << "{\"id\": \"M" << j << "\", \"capacity\": " << 1 + j % 3 << "}";
  out << "],\n\"mentees\": [";
  for (std::size_t i = 0; i < c.mentees.size(); ++i) out << (i ? ", " : "") << "{\"id\": \"E" << i << "\"}";
  out << "],\n\"profiles\": {\n";
  for (std::size_t j = 0; j < c.mentors.size(); ++j) {
    profile("M", j, c.mentors[j]);
    out << ",\n";
  }
  for (std::size_t i = 0; i < c.mentees.size(); ++i) {
    profile("E", i, c.mentees[i]);
    out << (i + 1 < c.mentees.size() ? ",\n" : "\n");
  }
  out << "}}\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: profile_bench N SEED [OUT_DIR]\n");
    return 2;
  }
  const auto n = static_cast<std::uint32_t>(std::atoi(argv[1]));
  const auto seed = static_cast<std::uint64_t>(std::atoll(argv[2]));
  const auto cohort = binome::testing::random_profile_cohort(n, n, seed);
  m::ScoringRules rules;
  rules.max_time_zone_hours = 4;
  rules.reporting_lines = false;  // the NumPy peer has no management chains to walk
  if (argc > 3) {
    const std::string dir = argv[3];
    write_side(dir + "/mentees.bin", cohort.mentees, cohort.skills, cohort.interests);
    write_side(dir + "/mentors.bin", cohort.mentors, cohort.skills, cohort.interests);
    write_problem_json(dir + "/problem.json", cohort, rules, 0.2);
  }

  auto t = Clock::now();
  auto scorer = std::make_shared<const m::ProfileScorer>(cohort.mentees, cohort.mentors,
                                                         cohort.skills, cohort.interests, rules);
  const double build = seconds_since(t);
  const double min_score = 0.2;

  t = Clock::now();
  const m::Census census = scorer->census({}, {}, min_score, 0);
  const double score = seconds_since(t);

  m::Problem problem;
  for (std::uint32_t j = 0; j < n; ++j)
    problem.capacities.push_back(static_cast<std::int32_t>(1 + j % 3));
  problem.min_score = min_score;
  problem.scores =
      m::DenseScores{static_cast<std::int32_t>(n), static_cast<std::int32_t>(n), {}, scorer};
  t = Clock::now();
  const auto result = m::solve(problem);
  const double solve = seconds_since(t);
  if (!result) {
    std::fprintf(stderr, "profile_bench: %s\n", binome::core::english(result.error().sentence()).c_str());
    return 1;
  }
  t = Clock::now();
  const m::Optimality proof = m::verify_optimality(problem, *result);
  const double verify = seconds_since(t);
  // The allowed pairs at or above min_score and their total, for the peer to match.
  double sum = 0;
  std::vector<double> row(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    scorer->row(i, row.data());
    for (const double x : row) sum += x >= min_score ? x : 0.0;
  }
  std::printf(
      "build=%.3f score=%.3f solve=%.3f verify=%.3f pairs=%llu allowed=%llu sum=%.3f matched=%d "
      "total=%.6f "
      "optimal=%d skills=%d interests=%d\n",
      build, score, solve, verify, static_cast<unsigned long long>(n) * n,
      static_cast<unsigned long long>(census.allowed - census.below_min_score), sum,
      result->matched, result->total_score, proof.optimal ? 1 : 0, cohort.skills, cohort.interests);
  return proof.optimal ? 0 : 1;
}
