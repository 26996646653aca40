// Reporting lines: who manages whom. Built once in O(n) from (employee, manager) pairs, then
// answers "is A in B's management chain (any depth)" and "do A and B share a direct manager"
// in O(1) for any pair, as matching asks millions of times.
//
// How: a depth-first walk numbers every employee on entry and exit (a nested-set interval);
// A manages B at some depth exactly when A's interval strictly contains B's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace binome::core {

struct ReportingLink {
  std::string employee_id;
  std::string manager_id;  // "" for none; an id absent from the list counts as none
};

// The cycles among `links` (each as the ids along it, starting from its smallest id), sorted.
// A set of links is a valid hierarchy when this is empty.
std::vector<std::vector<std::string>> find_reporting_cycles(const std::vector<ReportingLink>& links);

class ReportingLines {
 public:
  // `links` must have no cycle (see find_reporting_cycles). Children are walked in id order,
  // so the numbering is deterministic.
  explicit ReportingLines(const std::vector<ReportingLink>& links);

  std::optional<std::int32_t> index_of(const std::string& employee_id) const;
  std::size_t size() const { return left_.size(); }

  // True when `manager` is above `employee` in the management chain, at any depth.
  bool manages(std::int32_t manager, std::int32_t employee) const {
    return left_[static_cast<std::size_t>(manager)] < left_[static_cast<std::size_t>(employee)] &&
           right_[static_cast<std::size_t>(employee)] < right_[static_cast<std::size_t>(manager)];
  }
  // True when one of the two is in the other's management chain.
  bool in_same_chain(std::int32_t a, std::int32_t b) const { return manages(a, b) || manages(b, a); }
  bool share_direct_manager(std::int32_t a, std::int32_t b) const {
    const auto ma = parent_[static_cast<std::size_t>(a)];
    return ma >= 0 && ma == parent_[static_cast<std::size_t>(b)];
  }

  // The nested-set interval of an employee (stored with the directory, so SQL can ask too).
  std::int32_t left(std::int32_t i) const { return left_[static_cast<std::size_t>(i)]; }
  std::int32_t right(std::int32_t i) const { return right_[static_cast<std::size_t>(i)]; }

 private:
  std::unordered_map<std::string, std::int32_t> index_;
  std::vector<std::int32_t> parent_;  // -1 for none
  std::vector<std::int32_t> left_;
  std::vector<std::int32_t> right_;
};

}  // namespace binome::core
