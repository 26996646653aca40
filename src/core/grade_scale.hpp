// The order of grades. Banks write grades as numbers (1-12) or, by the French banking
// convention, as letters A to K; higher is more senior. By default numbers are ordered
// numerically and single letters alphabetically; a bank with other grades ("T3", "Cadre")
// configures its own scale, lowest first.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"

namespace binome::core {

class GradeScale {
 public:
  GradeScale() = default;  // the default scale
  // Lowest first. The caller has checked: not empty, no duplicates (see scale_problem).
  explicit GradeScale(std::vector<std::string> grades) : grades_(std::move(grades)), custom_(true) {}

  bool custom() const { return custom_; }
  const std::vector<std::string>& grades() const { return grades_; }

  // A number that orders grades (higher: more senior), so that grade gaps can be computed;
  // nothing when the grade is not on the scale. Default scale: "7" → 7, "F" → 6 (A = 1).
  std::optional<int> rank(std::string_view grade) const;

  // Sorts distinct grades in scale order; grades not on the scale go last, alphabetically.
  std::vector<std::string> sorted(std::vector<std::string> grades) const;

 private:
  std::vector<std::string> grades_;
  bool custom_ = false;
};

// Why `grades` cannot be a scale (empty, a blank or duplicate grade), or nothing; worded to
// follow the word "grades".
std::optional<Message> scale_problem(const std::vector<std::string>& grades);

}  // namespace binome::core
