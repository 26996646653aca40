#include "app/matching.hpp"

#include <chrono>
#include <stdexcept>

namespace binome::app {

core::Result<SolvedMatching> solve_matching(const Caller& who, const core::matching::Problem& problem,
                                            const AuditLog* audit) {
  if (!who.system) {
    if (audit == nullptr) throw std::logic_error("solve_matching: a user caller needs the audit log");
    if (auto ok = authorize(*audit, who, core::Action::kRunMatching, {}, "matching.solve", "matching"); !ok) {
      return std::unexpected(ok.error());
    }
  }
  const auto start = std::chrono::steady_clock::now();
  auto result = core::matching::solve(problem);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!result) return std::unexpected(result.error());
  SolvedMatching out{std::move(*result), {}, ms};
  out.optimality = core::matching::verify_optimality(problem, out.result);
  return out;
}

}  // namespace binome::app
