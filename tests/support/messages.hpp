// Messages in tests: assertions read the English sentence a user would read, and gtest prints
// messages and errors as that sentence.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/message.hpp"

namespace binome::core {

inline std::ostream& operator<<(std::ostream& os, const Message& m) { return os << english(m); }
inline void PrintTo(const Message& m, std::ostream* os) { *os << '"' << english(m) << '"'; }
inline void PrintTo(const ErrorDetail& d, std::ostream* os) {
  *os << "{" << d.field << (d.line ? ":" + std::to_string(d.line) : std::string()) << " [" << d.column << "] "
      << english(d.message) << "}";
}
inline std::ostream& operator<<(std::ostream& os, const Error& e) {
  os << e.code_name() << ": " << english(e.sentence());
  for (const auto& d : e.details) os << "\n  " << d.field << ": " << english(d.message);
  return os;
}

}  // namespace binome::core

namespace binome::test_support {

inline std::string en(const core::Message& m) { return core::english(m); }

// The error's details as (field, English message) pairs.
inline std::vector<std::pair<std::string, std::string>> fields_of(const core::Error& e) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& d : e.details) out.emplace_back(d.field, core::english(d.message));
  return out;
}

}  // namespace binome::test_support
