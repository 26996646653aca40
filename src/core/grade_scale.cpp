#include "core/grade_scale.hpp"

#include <algorithm>
#include <set>

namespace binome::core {

std::optional<int> GradeScale::rank(std::string_view grade) const {
  if (custom_) {
    auto it = std::find(grades_.begin(), grades_.end(), grade);
    if (it == grades_.end()) return std::nullopt;
    return static_cast<int>(it - grades_.begin()) + 1;
  }
  if (grade.empty()) return std::nullopt;
  if (grade.size() == 1 && std::isalpha(static_cast<unsigned char>(grade[0]))) {
    return std::toupper(static_cast<unsigned char>(grade[0])) - 'A' + 1;
  }
  if (grade.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : grade) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::vector<std::string> GradeScale::sorted(std::vector<std::string> grades) const {
  std::sort(grades.begin(), grades.end(), [this](const std::string& a, const std::string& b) {
    const auto ra = rank(a);
    const auto rb = rank(b);
    if (ra.has_value() != rb.has_value()) return ra.has_value();
    if (ra && *ra != *rb) return *ra < *rb;
    return a < b;
  });
  grades.erase(std::unique(grades.begin(), grades.end()), grades.end());
  return grades;
}

std::optional<Message> scale_problem(const std::vector<std::string>& grades) {
  // Worded to follow the field's name: "grades must have at least one grade".
  if (grades.empty()) return msg("directory.scale_empty");
  std::set<std::string> seen;
  for (const auto& g : grades) {
    if (g.empty() || g.find_first_not_of(" \t") == std::string::npos) return msg("directory.scale_blank_grade");
    if (!seen.insert(g).second) return msg("directory.scale_duplicate", {quoted("grade", g)});
  }
  return std::nullopt;
}

}  // namespace binome::core
