// A fictional bank for demos, tests and benchmarks: departments, sites with their time zones,
// French and international names, languages, grades A (junior) to K (executive) and a
// reporting tree. Deterministic: the same `rows` and `seed` give the same bank on any machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/employee.hpp"

namespace binome::app {

inline constexpr std::size_t kDemoBankSize = 1500;

// The grade scale of the demo bank, lowest first (the French banking convention).
std::vector<std::string> demo_bank_grades();

std::vector<core::Employee> demo_bank(std::size_t rows, std::uint64_t seed = 2026);

// The demo's "today", the date of its last extract: nobody is hired after it.
inline constexpr const char* kDemoToday = "2026-11-01";

// One monthly HR extract of the demo bank: the first is the whole directory; each later one, as
// HR systems send them, lists only the employees whose record changed that month (newcomers
// included), those who left with `active` false.
struct DemoExtract {
  std::string effective_date;  // YYYY-MM-DD, the first of a month
  std::vector<core::Employee> employees;
};

// The demo bank's monthly extracts over the two years before kDemoToday, oldest first (25 of
// them). Imported in turn, each effective on its date, they give the directory a plausible
// history to measure retention and promotion on: hires (from the hire dates), promotions (one
// grade up), moves (another department, or site), new managers (a team leader hired, a move
// within the department), leavers (made inactive) and a few who come back. Afterwards the
// directory is demo_bank(rows, seed), but for those who left: inactive, as they were when they
// left (their manager then, say). Deterministic.
std::vector<DemoExtract> demo_bank_history(std::size_t rows, std::uint64_t seed = 2026);

}  // namespace binome::app
