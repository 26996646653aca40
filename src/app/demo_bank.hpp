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

}  // namespace binome::app
