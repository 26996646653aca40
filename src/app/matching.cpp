#include "app/matching.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

namespace binome::app {

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::optional<std::unexpected<core::Error>> Matching::refusal(const Caller& who, core::Action action) const {
  if (who.system) return std::nullopt;
  if (audit_ == nullptr) throw std::logic_error("matching: a user caller needs the audit log");
  return audit_->refusal(who, action);
}

core::Result<SolvedMatching> Matching::solve(const Caller& who, const core::matching::Problem& problem,
                                             std::stop_token stop) const {
  if (auto refused = refusal(who, core::Action::kSolveMatching)) return *refused;
  const auto start = std::chrono::steady_clock::now();
  auto result = core::matching::solve(problem, stop);
  const double ms = ms_since(start);
  if (!result) return std::unexpected(result.error());
  SolvedMatching out{std::move(*result), {}, ms};
  out.optimality = core::matching::verify_optimality(problem, out.result, stop);
  // A check that was stopped proves nothing, but it is no failure of the engine either.
  if (out.optimality.stopped) return std::unexpected(core::matching::stopped_error());
  return out;
}

core::Result<SolvedStableMatching> Matching::solve_stable(const Caller& who,
                                                          const core::matching::Problem& problem,
                                                          std::stop_token stop) const {
  namespace m = core::matching;
  if (auto refused = refusal(who, core::Action::kSolveMatching)) return *refused;
  const auto start = std::chrono::steady_clock::now();
  auto stable = m::solve_stable(problem, stop);
  const double ms = ms_since(start);
  if (!stable) return std::unexpected(stable.error());
  auto exact = m::solve(problem, stop);
  if (!exact) return std::unexpected(exact.error());
  const m::Optimality proof = m::verify_optimality(problem, *exact, stop);
  if (proof.stopped) return std::unexpected(m::stopped_error());
  const m::Result& s = stable->assignment;
  const bool as_good = s.total_score >= exact->total_score - proof.tolerance;
  const bool optimal =
      problem.objective == m::Objective::kScore ? as_good : as_good && s.matched >= exact->matched;
  return SolvedStableMatching{std::move(*stable), exact->total_score, optimal, ms};
}

core::Result<SolvedMatching> Matching::rematch(const Caller& who, const core::matching::Problem& problem,
                                               const core::matching::Result& previous,
                                               const std::vector<core::matching::Pair>& dissolved,
                                               std::stop_token stop) const {
  namespace m = core::matching;
  if (auto refused = refusal(who, core::Action::kRematch)) return *refused;
  const auto start = std::chrono::steady_clock::now();
  auto result = m::rematch(problem, previous, dissolved, stop);
  const double ms = ms_since(start);
  if (!result) return std::unexpected(result.error());
  SolvedMatching out{std::move(*result), {}, ms};
  out.optimality = m::verify_optimality(m::with_kept_pairs(problem, previous, dissolved), out.result, stop);
  if (out.optimality.stopped) return std::unexpected(m::stopped_error());
  return out;
}

}  // namespace binome::app
